"""`dcpower claims list|check`: the ledger as a table of verdicts, each with source and date."""

import contextlib
import io
import json

from calc.cli import main


def _run(*arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def test_list():
    code, out, _ = _run("claims", "list")
    assert code == 0
    assert "  2026-05-06  colossus-1-lease" in out
    assert "$30 B" in out


def test_check_all_json_answers_every_entry_with_its_source_and_date():
    code, out, _ = _run("claims", "check", "--all", "--json")
    claims = json.loads(out)["claims"]
    assert code == 0 and len(claims) >= 30
    assert all(c["url"].startswith("http") and c["date"] and c["answer"] for c in claims)


def test_check_text():
    code, out, _ = _run("claims", "check", "colossus-1-phase-1")
    assert code == 0
    assert "colossus-1-phase-1 (2025-02): implausible: 150 MW for 200,000 GPUs is 750.0 W per GPU" in out
    assert "  source: https://www.techjuice.pk/" in out
    assert out.rstrip().endswith(
        "1 claim: 0 plausible, 1 implausible, 0 ample; 0 answered with what their power, count or money supports"
    )


def test_check_needs_ids_or_all():
    code, _, err = _run("claims", "check")
    assert code == 2 and err == "dcpower: error: claims check: give claim ids or --all, not both or neither\n"
    code, _, err = _run("claims")
    assert code == 2 and "claims: give 'list' or 'check ID'" in err
