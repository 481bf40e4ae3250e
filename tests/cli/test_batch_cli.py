"""`dcpower batch FILE`: one result per row, as CSV, JSON Lines or Markdown."""

import contextlib
import io
import json

from calc.cli import main

FILE = (
    "power,count,accelerator,basis,text\n"
    "300 MW,220000,h100-sxm,,\n"
    ',,,,"This gives us access to more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs)"\n'
    "300 MW,lots,h100-sxm,,\n"
    "1 GW,100000,h100-sxm,it,\n"
)


def _run(*arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def _file(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(FILE)
    return str(path)


def test_csv_out_one_line_per_row_the_broken_one_with_its_error(tmp_path):
    code, out, err = _run("batch", _file(tmp_path))
    assert (code, err) == (0, "")  # stderr is not a terminal: no progress line
    lines = out.splitlines()
    assert lines[0].startswith("row,verdict,power,power_bound,count,count_bound,")
    assert (
        lines[1] == "1,plausible,300 MW,exact,220000,exact,,h100-sxm=220000,unspecified,default,1363.6,,,,,"
    )
    assert lines[2].startswith("2,plausible,300 MW,at-least,220000,at-least,,h100-sxm=220000,")
    assert lines[3] == "3,error,,,,,,,,,,,,,count: 'lots' is not a number; give e.g. '220000',"
    assert lines[4].startswith("4,ample,1 GW,exact,100000,exact,,h100-sxm=100000,it,default,10000.0,")
    assert len(lines) == 5


def test_fail_on(tmp_path):
    assert _run("batch", _file(tmp_path), "--fail-on", "error")[0] == 3
    assert _run("batch", _file(tmp_path), "--fail-on", "ample")[0] == 3
    assert _run("batch", _file(tmp_path), "--fail-on", "implausible")[0] == 0


def test_json_lines_and_methods(tmp_path):
    code, out, _ = _run("batch", _file(tmp_path), "--format", "jsonl", "--methods", "default,epoch")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["row"] for r in rows] == [1, 2, 3, 4]
    assert rows[0]["methods"] == {"default": "plausible", "epoch": "plausible"}
    assert rows[2]["error"] == "count: 'lots' is not a number; give e.g. '220000'"


def test_markdown(tmp_path):
    code, out, _ = _run("batch", _file(tmp_path), "--format", "markdown", "--methods", "epoch")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("| row | verdict | power |") and lines[0].endswith(
        "| verdict_epoch | error | text |"
    )
    assert lines[1].startswith("|---|---|")
    assert lines[2].startswith("| 1 | plausible | 300 MW | exact | 220000 |")


def test_an_unknown_method_and_a_missing_file_are_one_line(tmp_path):
    code, _, err = _run("batch", _file(tmp_path), "--methods", "nope")
    assert code == 2 and err.startswith("dcpower: error: ") and "nope" in err
    code, _, err = _run("batch", str(tmp_path / "none.csv"))
    assert (
        code == 2
        and "none.csv' : No such file" not in err
        and err.startswith("dcpower: error: batch: cannot read")
    )


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_progress_line_on_a_terminal_for_a_long_file(tmp_path, monkeypatch):
    import calc.cli

    monkeypatch.setattr(calc.cli, "PROGRESS_ROWS", 2)
    err = _Terminal()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        assert main(["batch", _file(tmp_path)]) == 0
    assert err.getvalue() == "\rbatch: 4 rows checked\n"
    # not a terminal, or a short file: nothing on stderr (see the other tests)


def _write(tmp_path, text, name="claims.csv"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_system_and_count_high_columns(tmp_path):
    path = _write(
        tmp_path,
        "power,count,count_high,accelerator,system\n"
        "7.5 MW,13824,,a100-sxm,leonardo-booster-node\n"
        "10 GW,4000000,5000000,gb300,\n",
    )
    code, out, err = _run("batch", path)
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        # 7.5 MW / 13,824 = 542.5 W per GPU
        "1,plausible,7.5 MW,exact,13824,exact,,a100-sxm@leonardo-booster-node=13824,unspecified,default,542.5,,,,,",
        # 10 GW / 4,000,000 = 2,500 W; / 5,000,000 = 2,000 W
        "2,plausible,10 GW,exact,4000000,between,5000000,gb300=4000000,unspecified,default,2500.0,2000.0,2500.0,,,",
    ]


def test_file_errors_are_one_line_with_exit_2(tmp_path):
    cases = [
        (
            "power,count,accelerator,colour\n7.5 MW,13824,a100-sxm,red\n",
            "column 'colour' is not accepted; accepted: power, count, count_high, accelerator, system, "
            "fleet, basis, power_bound, count_bound, method, text",
        ),
        (
            "power,count,accelerator,count\n7.5 MW,13824,a100-sxm,5\n",
            "names column 'count' twice (columns 2 and 4)",
        ),
        (
            'power,count,accelerator\n"7.5 MW,13824,a100-sxm\n1 GW,100000,h100-sxm\n',
            "line 2: unclosed quote: ",
        ),
    ]
    for text, message in cases:
        code, out, err = _run("batch", _write(tmp_path, text))
        assert (code, out) == (2, ""), text
        assert err.startswith("dcpower: error: batch: ") and message in err and err.count("\n") == 1


def test_fail_on_counts_every_method_as_check_does(tmp_path):
    # 300 MW for 300,000-310,000 H100 (967.7-1,000.0 W): plausible under default, implausible
    # under epoch (its IT low end is 700 W x 1.47 = 1,029.0 W)
    path = _write(tmp_path, "power,count,count_high,accelerator\n300 MW,300000,310000,h100-sxm\n")
    check = (
        "check",
        "--power",
        "300 MW",
        "--gpus",
        "300000",
        "--gpus-high",
        "310000",
        "--accelerator",
        "h100-sxm",
    )
    assert _run(*check, "--method", "all", "--fail-on", "implausible")[0] == 3
    assert _run("batch", path, "--methods", "all", "--fail-on", "implausible")[0] == 3
    assert _run("batch", path, "--methods", "epoch", "--fail-on", "not-plausible")[0] == 3
    assert _run(*check, "--fail-on", "implausible")[0] == 0
    assert _run("batch", path, "--fail-on", "implausible")[0] == 0
    assert _run("batch", path, "--methods", "all", "--fail-on", "ample")[0] == 0
