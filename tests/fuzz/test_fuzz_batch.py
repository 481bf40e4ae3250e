"""Fuzzing `dcpower batch` in process with hostile files (FIFOs, devices, huge, deep, wide) and
hostile cells: exit 0 or 3 with one result per row, or exit 2 with exactly one line on stderr;
never exit 1, never a traceback, never a hang; no CSV output cell starts a formula."""

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from calc.batch import COLUMNS, MAX_BYTES
from tests.fuzz.strategies import (
    assert_one_line,
    examples,
    number_texts,
    quantity_texts,
    run_cli,
    wrong_types,
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _run(argv: list[str]) -> tuple[int, str]:
    """dcpower in process: the exit code and stdout, once the one-line rule is checked."""
    code, out, err = run_cli(argv)
    if code in (0, 3):
        assert err == "", (argv, err)
        return code, out
    assert_one_line(argv, code, err)
    assert out == "", "a file error is found before any row is written"
    return code, ""


def _written(path: Path, shape: str) -> None:
    """A hostile batch file of one shape at `path`."""
    if shape == "fifo":
        os.mkfifo(path)
    elif shape == "dir":
        path.mkdir()
    elif shape in ("devzero", "devnull", "devurandom"):
        path.symlink_to({"devzero": "/dev/zero", "devnull": "/dev/null", "devurandom": "/dev/urandom"}[shape])
    elif shape == "loop":
        path.symlink_to(path)
    elif shape == "sparse-huge":
        with path.open("wb") as stream:
            stream.truncate(MAX_BYTES + 1)
    elif shape == "sparse-nul":  # under the limit: 20 MB of NUL bytes, one line
        with path.open("wb") as stream:
            stream.truncate(20_000_000)
    elif shape == "deep":
        path.write_text('{"text": ' + "[" * 200_000 + "]" * 200_000 + "}\n" + '{"power": "1 GW"}\n')
    elif shape == "deep-object":
        path.write_text('{"fleet": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}\n")
    elif shape == "wide":
        path.write_text(",".join(["power", *(f"c{i}" for i in range(40_000))]) + "\n1 GW\n")
    elif shape == "wide-empty":
        path.write_text("power,count,accelerator" + "," * 20_000 + "\n300 MW,220000,h100-sxm\n")
    elif shape == "long-cell":
        path.write_text('power,text\n1 GW,"' + "x\n" * 100_000 + '"\n')
    elif shape == "long-line":
        path.write_text("text\n" + "y" * 3_000_000)
    elif shape == "many-cells":
        path.write_text("power\n" + "," * 900_000 + "\n")
    elif shape == "binary":
        path.write_bytes(bytes(range(256)) * 100)
    elif shape == "bom-crlf":
        path.write_bytes(b"\xef\xbb\xbfpower,count,accelerator\r\n300 MW,220000,h100-sxm\r\n")
    elif shape == "cr-only":
        path.write_bytes(b"power,count,accelerator\r300 MW,220000,h100-sxm\r")
    elif shape == "empty":
        path.write_text("")
    elif shape == "blank":
        path.write_text("\n \n\t\n")
    elif shape == "big-ints":
        path.write_text('{"count": ' + "9" * 5000 + ', "power": ' + "1" * 4300 + "}\n")
    elif shape == "big-float":
        path.write_text('{"count": 1' + "0" * 5000 + ".5, " + '"power": 1e999}\n')
    elif shape == "nan":
        path.write_text('{"count": NaN, "power": Infinity, "accelerator": -Infinity}\n')
    elif shape == "surrogates":
        path.write_text('{"text": "\\udcff\\ud800"}\n{"fleet": {"\\ud800": 1}}\n')
    elif shape == "unclosed":
        path.write_text('power,text\n1 GW,"' + "z" * 1000)


SHAPES = ["fifo", "dir", "devzero", "devnull", "devurandom", "loop", "missing", "sparse-huge", "sparse-nul",
          "deep", "deep-object", "wide", "wide-empty", "long-cell", "long-line", "many-cells", "binary",
          "bom-crlf", "cr-only", "empty", "blank", "big-ints", "big-float", "nan", "surrogates",
          "unclosed"]  # fmt: skip


@examples(len(SHAPES) * 3, long=len(SHAPES) * 6)
@given(
    st.sampled_from(SHAPES),
    st.sampled_from([".csv", ".jsonl", ""]),
    st.sampled_from(["csv", "jsonl", "markdown"]),
)
@example("fifo", ".csv", "csv")
@example("devzero", "", "csv")
@example("deep", ".jsonl", "jsonl")
@example("wide", ".csv", "csv")
@example("sparse-huge", ".csv", "csv")
def test_hostile_files(shape, suffix, output):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"claims{suffix}"
        _written(path, shape)
        _run(["batch", str(path), "--format", output])


cells = st.one_of(quantity_texts, number_texts, st.text(max_size=30), st.sampled_from(
    ["h100-sxm", "gb200", "a100-sxm", "leonardo-booster-node", "it", "facility", "at-least", "between",
     "h100-sxm=150000;gb200=1", "h100-sxm@dgx-h100=8", "=HYPERLINK(\"http://x\")", "+1", "-1", "@A1",
     "300 MW for " + "9" * 400 + " H100 GPUs", "more than 300 megawatts (over 220,000 NVIDIA GPUs)"]
))  # fmt: skip
rows = st.lists(st.dictionaries(st.sampled_from(COLUMNS), cells, max_size=5), min_size=1, max_size=6)


def _check_output(output: str, out: str, count: int) -> None:
    if output == "csv":
        table = list(csv.reader(io.StringIO(out)))
        assert len(table) == count + 1, (count, out[-500:])
        assert all(not cell.startswith(_FORMULA_STARTS) for row in table for cell in row), out
    elif output == "jsonl":
        results = [json.loads(line) for line in out.split("\n") if line]
        assert [r["row"] for r in results] == list(range(1, count + 1))
        assert all("\n" not in r["error"] and len(r["error"]) <= 280 for r in results)
    else:
        # two header lines and the final line break
        assert "\r" not in out and len(out.split("\n")) == count + 3, out[-500:]


@examples(40)
@given(rows, st.sampled_from(["csv", "jsonl", "markdown"]), st.sampled_from([None, "error", "not-plausible"]))
@example([{"text": "300 MW for " + "9" * 400 + " H100 GPUs"}, {"power": "1 GW"}], "csv", "error")
@example([{"text": '=HYPERLINK("http://x","y")'}, {"text": "\r=1"}], "csv", None)
def test_csv_files_with_hostile_cells(table, output, fail_on):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(COLUMNS)
            for row in table:
                writer.writerow([row.get(c, "") for c in COLUMNS])
        extra = [] if fail_on is None else ["--fail-on", fail_on]
        _, out = _run(["batch", str(path), "--format", output, *extra])
        _check_output(output, out, len(table))


_BIG = "big-integer-here"
"""Written as a JSON integer of 5,000 digits (json.dumps refuses more than 4,300)."""
json_values = st.one_of(cells, wrong_types, st.just(_BIG), st.just(float("nan")),
                        st.dictionaries(st.text(max_size=8), st.one_of(cells, wrong_types), max_size=3),
                        st.recursive(st.none(), lambda inner: st.lists(inner, max_size=2), max_leaves=20))  # fmt: skip


@examples(40)
@given(st.lists(st.dictionaries(st.sampled_from(COLUMNS), json_values, max_size=5), min_size=1, max_size=6),
       st.sampled_from(["csv", "jsonl", "markdown"]))  # fmt: skip
@example([{"count": _BIG, "power": "300 MW", "accelerator": "h100-sxm"}], "jsonl")
@example([{"fleet": {"h100-sxm": _BIG}, "power": "1 GW"}], "csv")
@example([{"text": "\ud800"}, {"count": float("nan"), "accelerator": [[[None]]]}], "csv")
def test_json_lines_with_hostile_values(table, output):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.jsonl"
        # a JSON integer of any length, as another program may write it
        text = "\n".join(json.dumps(row) for row in table).replace(f'"{_BIG}"', "9" * 5000)
        path.write_text(text + "\n", encoding="utf-8")
        _, out = _run(["batch", str(path), "--format", output])
        _check_output(output, out, len(table))
