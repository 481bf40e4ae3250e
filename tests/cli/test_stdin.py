"""`-` reads standard input: `batch -` (CSV or JSON Lines) and `claim -` (the sentence)."""

import contextlib
import io
import json
import sys

from calc.cli import main


def _run(arguments, stdin, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(arguments)
    return code, out.getvalue(), err.getvalue()


def test_batch_reads_csv_from_stdin(monkeypatch):
    code, out, err = _run(["batch", "-"], "power,count,accelerator\n300 MW,220000,h100-sxm\n", monkeypatch)
    assert code == 0, err
    # 300 MW / 220,000 = 1,363.6 W
    assert out.splitlines()[1].startswith(
        "1,plausible,300 MW,exact,220000,exact,,h100-sxm=220000,unspecified,default,1363.6"
    )


def test_batch_reads_json_lines_from_stdin(monkeypatch):
    line = json.dumps({"power": "300 MW", "count": 220000, "accelerator": "h100-sxm"})
    code, out, err = _run(["batch", "-", "--format", "jsonl"], line + "\n", monkeypatch)
    assert code == 0, err
    assert json.loads(out)["verdict"] == "plausible"


def test_claim_reads_the_sentence_from_stdin(monkeypatch):
    text = "more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs)\n"
    code, out, err = _run(["claim", "-", "--json"], text, monkeypatch)
    assert code == 0, err
    assert json.loads(out)["reading"]["text"] == text.strip()


def _run_bytes(arguments, stdin, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(arguments)
    return code, out.getvalue(), err.getvalue()


def test_batch_errors_on_stdin_name_standard_input_not_the_temporary_copy(monkeypatch):
    cases = {
        b"power,accelerators\n300 MW,1\n": "dcpower: error: batch: standard input: column 'accelerators' is not accepted;",
        b"bogus\n": "dcpower: error: batch: standard input has no known column (header 'bogus');",
        b"": "dcpower: error: batch: standard input has no known column (header '');",
        b'power,count\n"300 MW,5\n': "dcpower: error: batch: standard input line 2: unclosed quote:",
        b"power,count\n\xff,1\n": "dcpower: error: batch: standard input is not UTF-8 text (line 2);",
    }
    for stdin, start in cases.items():
        code, _out, err = _run_bytes(["batch", "-"], stdin, monkeypatch)
        assert code == 2, stdin
        assert err.startswith(start), err
        assert len(err.splitlines()) == 1, err
        assert "dcpower-" not in err and "/stdin" not in err, err


def test_batch_errors_on_a_file_still_name_the_file(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("bogus\n", encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["batch", str(path)])
    assert code == 2
    assert err.getvalue().startswith(f"dcpower: error: batch: {str(path)!r} has no known column")
