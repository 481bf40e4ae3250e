"""`dcpower batch FILE`: one result per row, as CSV, JSON Lines or Markdown."""

import contextlib
import csv
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


# ------------------------------------------------------------------ hostile files and cells

ACCEPTED = "give a .csv file with a header line or a .jsonl file (one JSON object a line)"


def _dcpower(*arguments, cwd):
    """dcpower in its own process: a batch that waits or reads forever is stopped by the timeout."""
    import subprocess
    import sys

    command = [sys.executable, "-c", "import sys; from calc.cli import main; sys.exit(main(sys.argv[1:]))"]
    return subprocess.run([*command, *arguments], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_a_fifo_and_dev_zero_are_refused_at_once(tmp_path):
    import os

    # before: a FIFO waited for a writer forever; /dev/zero was read until memory ran out
    os.mkfifo(tmp_path / "claims.csv")
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    for name in ("claims.csv", "zero.jsonl", "/dev/zero"):
        done = _dcpower("batch", name, cwd=tmp_path)
        assert (done.returncode, done.stdout) == (2, ""), name
        assert done.stderr == (
            f"dcpower: error: batch: '{name}' is not a regular file (a FIFO, device or socket); {ACCEPTED}\n"
        )


def test_bad_rows_are_their_own_errors_and_the_rest_go_on(tmp_path):
    # before: each of these rows stopped the whole batch with exit 1 and a traceback
    deep = "[" * 100_000 + "]" * 100_000
    path = _write(
        tmp_path,
        '{"power": "300 MW", "count": ' + "9" * 5000 + ', "accelerator": "h100-sxm"}\n'
        '{"text": ' + deep + "}\n"
        '{"text": "300 MW for ' + "9" * 400 + ' H100 GPUs"}\n'
        '{"power": "1 GW", "count": 100000, "accelerator": "h100-sxm", "basis": "it"}\n',
        "claims.jsonl",
    )
    code, out, err = _run("batch", path, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert (code, err, len(rows)) == (0, "", 4)
    assert rows[0]["error"] == "count: '99999999999999999999… is too long for a count"
    assert rows[1]["error"] == "line 2: nested too deeply; a row is one JSON object of text and numbers"
    assert rows[2]["verdict"] is None and rows[2]["error"]
    # 1 GW / 100,000 = 10,000 W per GPU: ample
    assert (rows[3]["verdict"], rows[3]["error"]) == ("ample", "")
    assert _run("batch", path, "--fail-on", "error")[0] == 3


def test_csv_output_cells_never_start_a_formula(tmp_path):
    # before: the text column was written as given: a spreadsheet ran =HYPERLINK(...) and =cmd|...
    path = _write(
        tmp_path,
        'text\n"=HYPERLINK(""http://example.com"",""x"")"\n+1+cmd|\' /C calc\'!A0\n-2+3\n@SUM(A1)\n'
        "300 MW for 220000 H100 GPUs\n",
    )
    code, out, _ = _run("batch", path)
    texts = [row[-1] for row in csv.reader(io.StringIO(out))][1:]
    assert code == 0 and texts == [
        '\'=HYPERLINK("http://example.com","x")',
        "'+1+cmd|' /C calc'!A0",
        "'-2+3",
        "'@SUM(A1)",
        "300 MW for 220000 H100 GPUs",
    ]
    # JSON Lines and Markdown are no spreadsheet's input: the text is kept as given
    code, out, _ = _run("batch", path, "--format", "jsonl")
    assert [json.loads(line)["text"] for line in out.splitlines()][:2] == [
        '=HYPERLINK("http://example.com","x")',
        "+1+cmd|' /C calc'!A0",
    ]


def test_a_huge_cell_is_one_line_naming_the_row_and_column(tmp_path, monkeypatch):
    # before: a quoted 50 MB cell read as "bad quoting (field larger than field limit (131072))";
    # 2 MB takes the same path (over the cell's limit and the row's) without 50 MB on the disk
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, 'power,count,accelerator,text\n1 GW,1,h100-sxm,"' + "x" * 2_000_000 + '"\n')
    code, out, err = _run("batch", "claims.csv")
    assert (code, out) == (2, "")
    assert err == (
        "dcpower: error: batch: 'claims.csv' line 2 (row 1), column 'text': a cell of more than 131,072 "
        "characters; a cell holds at most 131,072 (a sentence at most 4,000)\n"
    )


def test_a_line_break_in_a_cell_stays_in_its_cell(tmp_path):
    # before: the CSV writer had no line terminator, so it did not quote a cell holding a line
    # break, and the text's second line read as a row of its own
    path = _write(tmp_path, 'text\n"300 MW for 220000\nH100 GPUs"\n"1 GW\rfor 1 GPU"\n')
    code, out, _ = _run("batch", path)
    table = list(csv.reader(io.StringIO(out)))
    assert code == 0 and [row[0] for row in table] == ["row", "1", "2"]
    # the line feed stays in its quoted cell; a carriage return, which on a terminal would hide
    # the text before it, is written escaped, as every control character on stdout is
    assert [row[-1] for row in table[1:]] == ["300 MW for 220000\nH100 GPUs", "1 GW\\u000dfor 1 GPU"]
    code, out, _ = _run("batch", path, "--format", "markdown")
    assert (
        len(out.splitlines()) == 4
        and "| 300 MW for 220000 H100 GPUs |" in out
        and "| 1 GW for 1 GPU |" in out
    )
