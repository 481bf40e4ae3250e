"""`dcpower timeline --facility ID`: energization quarter by quarter."""

import contextlib
import io
import json

from calc.cli import main


def _run(*arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def test_json_rows_match_the_stages_and_capacity():
    code, out, _ = _run("timeline", "--facility", "colossus-1", "--json")
    result = json.loads(out)
    assert code == 0 and result["facility"] == "colossus-1" and result["basis"] == "supply"
    row = next(r for r in result["rows"] if r["quarter"] == "2025-Q3")
    assert row["firm_power"] == {"value": 342.0, "unit": "MW", "base": 342000000.0, "base_unit": "W"}
    _, out, _ = _run(
        "capacity",
        "--facility",
        "colossus-1",
        "--power",
        "342 MW",
        "--accelerator",
        "h100-sxm",
        "--basis",
        "supply",
        "--json",
    )
    assert row["supports"][0] == {
        "accelerator": "h100-sxm",
        "accelerators": json.loads(out)["accelerators"],
        "basis": "supply",
    }


def test_text():
    code, out, _ = _run("timeline", "--facility", "colossus-1")
    assert code == 0
    assert "  2024-Q3      8 MW     35 MW          -   43 MW             30,056" in out
    assert "2025-Q4: 2025-10 turbines 0 MW (off or standby)" in out


def test_errors():
    code, _, err = _run("timeline", "--facility", "aurora")
    assert code == 2 and err.startswith("dcpower: error: timeline: facility 'aurora' has no timeline")
    code, _, err = _run("timeline")
    assert code == 2 and "--facility" in err
