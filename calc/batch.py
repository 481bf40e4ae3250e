"""Many claims at once: rows of a CSV or JSON Lines file, one checked result per row.

A row gives `power`, `count` (with `count_high`, the upper end of a range such as "4 million or
5 million"), `accelerator` (with `system`, the system it sits in) or `fleet`
("h100-sxm=150000;gb200@gb200-nvl72=30000"), `basis`, `power_bound`, `count_bound`, `method`,
and `text`; a row may give only `text` (the sentence), and what the columns give replaces what
the sentence gives. A row that cannot be checked gets its error (one line) in its own result,
and the rows after it go on. A column (or JSON key) not in `COLUMNS`, a column named twice or a
quote left open is an error: never a value silently dropped.

A file is read as a stream, in constant memory whatever its size: `read_rows` checks the whole
file's shape first (header, quoting, sizes: the errors that concern the whole file, before any
row is checked) and then hands out one row at a time, read again from the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

from calc import claims as _claims
from calc import sentences as _sentences
from calc.arguments import accepts, choice, id_pairs, mapping, models, path, texts, whole
from calc.claims import compare_methods
from calc.errors import CalcError, InputError, one_of, shown
from calc.files import path_text
from calc.inputs import scenario
from calc.models import COUNT_BOUNDS, BatchRow, Verdict, build
from calc.sentences import alternative_checks, named_accelerator, sentence_scenario
from calc.units import parse_count

COLUMNS = (
    "power",
    "count",
    "count_high",
    "accelerator",
    "system",
    "fleet",
    "basis",
    "power_bound",
    "count_bound",
    "method",
    "text",
)
"""The columns a batch file may have (any other is an error)."""
MAX_BYTES = 200_000_000
"""The largest batch file read. [bytes]"""
MAX_ROW = 1_000_000
"""The most characters one row may hold: its line, or its lines when a quoted cell spans several."""
MAX_COLUMNS = 16_384
"""The most columns a CSV header may have: as many as a spreadsheet sheet holds (Excel's 16,384)."""
_ACCEPTED = "give a .csv file with a header line or a .jsonl file (one JSON object a line)"


EXAMPLES_DIR = Path(__file__).resolve().parent / "_examples"
"""The example files shipped inside the package (so they are there outside a clone too)."""


def example_file(name: str = "claims.csv") -> Path:
    """The path of an example claims file shipped with dcpower, to try `read_rows` and `batch` on.

    Args:
        name: The file's name; ``"claims.csv"`` (the default) holds sentences, figures, a range,
            a system and a row with an error.

    Raises:
        InputError: No example of that name (the message lists those there are).
    """
    names = sorted(p.name for p in EXAMPLES_DIR.iterdir() if p.is_file())
    if not isinstance(name, str) or name not in names:
        raise InputError(f"example: {shown(name)} is not an example file; accepted: {', '.join(names)}")
    return EXAMPLES_DIR / name


@accepts(path=path)
def read_rows(path: str | os.PathLike[str], *, name: str | None = None) -> BatchFile:
    """The rows of a CSV file (with a header line) or a JSON Lines file (one object a line).

    The format is taken from the name (.csv; .jsonl, .ndjson or .json), else from the first
    character ("{": JSON Lines). A JSON line that does not parse becomes a row with its error.
    Only a regular file is read (a FIFO would wait for a writer, `/dev/zero` never ends), and
    never more than `MAX_BYTES`. `name`: what messages call the file (``"standard input"``
    for a copy of stdin); by default its path.

    Returns:
        The rows, each a dict of column -> cell, read from the file one at a time on each
        iteration (``len()``: how many there are).

    Raises:
        InputError: The file cannot be read, is not a regular file, is too large, is not UTF-8,
            or (CSV) has no known column, a column not accepted or named twice, too many
            columns, a quote left open, a cell or a row too large.
    """
    text = path_text(path, "batch", _ACCEPTED)
    name = shown(text, 120) if name is None else name
    target = Path(text)
    with _Opened(target, name) as (stream, info):
        try:
            kind = _kind(target, stream)
            stream.seek(0)
            header: tuple[str, ...] = ()
            if kind == "jsonl":
                count = sum(1 for _ in _json_lines(stream, name))
            else:
                records = _records(stream, name)
                header = _header(next(records, None), name)
                count = sum(1 for _ in records)
        except UnicodeDecodeError:
            raise _not_utf8(stream, name) from None
    return BatchFile(target, name, kind, header, count, info)


def _not_utf8(stream: io.TextIOWrapper, name: str) -> InputError:
    """The error for a file that is not UTF-8, with the line of its first bad byte."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    raw = cast(io.BufferedReader, stream.buffer)
    raw.seek(0)
    while chunk := raw.read(65_536):
        held = len(decoder.getstate()[0])  # the bytes of a character the last chunk cut
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            line += chunk.count(b"\n", 0, max(error.start - held, 0))
            break
        line += chunk.count(b"\n")
    return InputError(f"batch: {name} is not UTF-8 text (line {line}); save it as UTF-8")


class BatchFile:
    """The rows of a checked batch file: read again from the file, one at a time, on each
    iteration, so that a file of any size takes the same memory."""

    def __init__(
        self, path: Path, name: str, kind: str, header: tuple[str, ...], count: int, info: os.stat_result
    ) -> None:
        self.path, self.name, self.kind, self.header = path, name, kind, header
        self._count = count
        self._identity = _identity(info)

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return f"<batch file {self.name}: {self.kind}, {self._count:,} rows>"

    def __iter__(self) -> Iterator[dict[str, Any]]:
        with _Opened(self.path, self.name) as (stream, info):
            if _identity(info) != self._identity:
                raise InputError(f"batch: {self.name} changed while it was read; run the batch again")
            try:
                if self.kind == "jsonl":
                    for number, text in _json_lines(stream, self.name):
                        yield _json_row(number, text)
                else:
                    records = _records(stream, self.name)
                    next(records, None)  # the header, checked by read_rows
                    for line, record in records:
                        yield _csv_row(self.header, line, record)
            except UnicodeDecodeError:
                raise _not_utf8(stream, self.name) from None


def _identity(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class _Opened:
    """A batch file opened for reading as text, once it is known to be a regular file."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = path, name
        self.stream: io.TextIOWrapper | None = None

    def __enter__(self) -> tuple[io.TextIOWrapper, os.stat_result]:
        name = self.name
        try:
            info = os.stat(self.path)
        except OSError as error:
            raise InputError(f"batch: cannot read {name}: {error.strerror or error}") from None
        except ValueError:  # a NUL, or a lone surrogate that is no byte
            raise InputError(f"batch: {name} is not a usable file name; {_ACCEPTED}") from None
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"batch: {name} is a directory; {_ACCEPTED}")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"batch: {name} is not a regular file (a FIFO, device or socket); {_ACCEPTED}")
        if info.st_size > MAX_BYTES:
            raise InputError(f"batch: {name} is {info.st_size:,} bytes; the limit is {MAX_BYTES:,}")
        try:
            # O_NONBLOCK: a file swapped for a FIFO since the stat does not make the open wait
            handle = os.open(
                self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
            )
        except OSError as error:
            raise InputError(f"batch: cannot read {name}: {error.strerror or error}") from None
        self.stream = open(handle, encoding="utf-8-sig", newline="")
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            self.stream.close()
            raise InputError(f"batch: {name} is not a regular file (a FIFO, device or socket); {_ACCEPTED}")
        return self.stream, info

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self.stream is not None:
            self.stream.close()


def _kind(target: Path, stream: io.TextIOWrapper) -> str:
    """'jsonl' or 'csv': from the suffix, else from the first character that is not a space."""
    suffix = target.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    for _ in range(MAX_BYTES // 65_536 + 1):
        chunk = stream.read(65_536)
        if not chunk:
            break
        if chunk.strip():
            return "jsonl" if chunk.lstrip().startswith("{") else "csv"
    return "csv"


def _unknown(names: Iterable[str]) -> str:
    """The names not in COLUMNS, as a message ("" when all are known)."""
    unknown = [n for n in names if n not in COLUMNS]
    if not unknown:
        return ""
    listed = ", ".join(shown(n, 40) for n in unknown[:5]) + (", …" if len(unknown) > 5 else "")
    what = "column" if len(unknown) == 1 else "columns"
    return (
        f"{what} {listed} {'is' if len(unknown) == 1 else 'are'} not accepted; accepted: {', '.join(COLUMNS)}"
    )


# ------------------------------------------------------------------------------ JSON Lines


def _json_lines(stream: io.TextIOWrapper, name: str) -> Iterator[tuple[int, str | None]]:
    """The lines that are not blank, with their numbers; None for one over `MAX_ROW` characters
    (the rest of it is skipped, never held)."""
    number = 0
    total = 0
    while True:
        number += 1
        line = stream.readline(MAX_ROW + 1)
        if not line:
            return
        total += len(line)
        if len(line) > MAX_ROW:
            while line and not line.endswith(("\n", "\r")):
                line = stream.readline(MAX_ROW)
                total += len(line)
                _total(total, name)
            yield number, None
        elif line.strip():
            yield number, line
        _total(total, name)


def _total(characters: int, name: str) -> None:
    if characters > MAX_BYTES:  # the file grew while it was read
        raise InputError(
            f"batch: {name} grew past {MAX_BYTES:,} bytes while it was read; the limit is {MAX_BYTES:,}"
        )


_JSON_INT_DIGITS = 400
"""A JSON integer with more digits stays text (its column refuses it as too long): past any
count or power (a float ends at 309 digits) and short of Python's own limit on int() (4,300)."""


def _json_int(digits: str) -> int | str:
    """A JSON integer, or its digits when there are more than `_JSON_INT_DIGITS`."""
    return digits if len(digits) > _JSON_INT_DIGITS else int(digits)


def _json_row(number: int, line: str | None) -> dict[str, Any]:
    if line is None:
        return {"_error": f"line {number}: more than {MAX_ROW:,} characters; a row holds at most {MAX_ROW:,}"}
    try:
        value = json.loads(line, parse_int=_json_int)
    except json.JSONDecodeError as error:
        return {"_error": f"line {number}: not JSON ({error.msg})"}
    except RecursionError:
        return {"_error": f"line {number}: nested too deeply; a row is one JSON object of text and numbers"}
    except ValueError as error:  # a float's digits over the interpreter's limit
        return {"_error": f"line {number}: not JSON ({error})"}
    if not isinstance(value, dict):
        return {"_error": f"line {number}: not a JSON object"}
    if unknown := _unknown(str(k) for k in value):
        return {"_error": f"line {number}: {unknown.replace('column', 'key')}"}
    for key, cell in value.items():
        if not _unicode(cell) or (isinstance(cell, dict) and not all(map(_unicode, (*cell, *cell.values())))):
            return {
                "_error": f"line {number}: key {shown(key)} holds a lone surrogate ({shown(cell)}); "
                "give text that is valid Unicode"
            }
    return value


def _unicode(value: Any) -> bool:
    """Whether a JSON value is no text, or text that can be written out (no lone surrogate)."""
    if not isinstance(value, str):
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# ------------------------------------------------------------------------------------- CSV


class _Record:
    """What the CSV reader is reading: the lines of the record so far, and of the whole file."""

    __slots__ = ("cut", "lines", "size", "total")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.size = 0
        self.cut = False
        self.total = 0

    def start(self) -> None:
        self.lines, self.size, self.cut = [], 0, False


class _RowTooLong(Exception):
    pass


def _lines(stream: io.TextIOWrapper, name: str, record: _Record) -> Iterator[str]:
    """The file's lines for the CSV reader, a record never longer than `MAX_ROW` characters."""
    while True:
        if record.size > MAX_ROW or record.cut:
            raise _RowTooLong
        room = MAX_ROW + 1 - record.size
        line = stream.readline(room)
        if not line:
            return
        record.lines.append(line)
        record.size += len(line)
        record.cut = len(line) == room and not line.endswith(("\n", "\r"))
        record.total += len(line)
        _total(record.total, name)
        yield line


def _long_cell(text: str, limit: int) -> int:
    """The position of the first cell of a CSV record longer than `limit` characters."""
    column, length, quoted = 0, 0, False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            column, length = column + 1, 0
        else:
            length += 1
            if length > limit:
                break
    return column


def _records(stream: io.TextIOWrapper, name: str) -> Iterator[tuple[int, list[str]]]:
    """The CSV records with the line each starts on; a quote left open, a cell over the csv
    module's field limit or a record over `MAX_ROW` characters is an InputError."""
    record = _Record()
    reader = csv.reader(_lines(stream, name, record), strict=True)
    line = 1
    header: list[str] | None = None
    rows = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except _RowTooLong:
            raise InputError(
                f"batch: {name} line {line}{_row(rows, header)}: more than {MAX_ROW:,} characters; "
                f"a row holds at most {MAX_ROW:,}"
            ) from None
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise InputError(
                    f"batch: {name} line {line}: unclosed quote: a cell opened with '\"' is not "
                    f"closed before the end of the file; close it, or double a quote inside a cell ('\"\"')"
                ) from None
            if "field larger than field limit" in str(error):
                limit = csv.field_size_limit()
                position = _long_cell("".join(record.lines), limit)
                named = header[position] if header is not None and position < len(header) else ""
                column = shown(named) if named else f"{position + 1}"
                raise InputError(
                    f"batch: {name} line {line}{_row(rows, header)}, column {column}: a cell of more than "
                    f"{limit:,} characters; a cell holds at most {limit:,} (a sentence at most 4,000)"
                ) from None
            raise InputError(
                f"batch: {name} line {line}: bad quoting ({error}); a quoted cell must end "
                f"at its comma, and a quote inside it is doubled ('\"\"')"
            ) from None
        if record.cut or record.size > MAX_ROW:  # a cut line's end read as the record's end
            raise InputError(
                f"batch: {name} line {line}{_row(rows, header)}: more than {MAX_ROW:,} characters; "
                f"a row holds at most {MAX_ROW:,}"
            )
        record.start()
        if cells:  # a blank line is no record
            if header is None:
                header = cells
            else:
                rows += 1
            yield line, cells
        line = reader.line_num + 1


def _row(rows: int, header: list[str] | None) -> str:
    """' (row N)' for the data row being read, '' for the header."""
    return "" if header is None else f" (row {rows + 1})"


def _header(first: tuple[int, list[str]] | None, name: str) -> tuple[str, ...]:
    """The CSV header as column names, checked: some known, none unknown, none twice."""
    cells = first[1] if first else []
    if len(cells) > MAX_COLUMNS:
        raise InputError(
            f"batch: {name} has {len(cells):,} columns; a batch file has at most {MAX_COLUMNS:,} "
            f"(accepted: {', '.join(COLUMNS)})"
        )
    header = tuple(h.strip().lower() for h in cells)
    if not set(header) & set(COLUMNS):
        raise InputError(
            f"batch: {name} has no known column (header {shown(','.join(header[:20]), 60)}); "
            f"accepted: {', '.join(COLUMNS)}"
        )
    seen: dict[str, int] = {}
    for position, column in enumerate(header):
        if not column:
            continue
        if column in seen:
            raise InputError(
                f"batch: {name} names column {shown(column)} twice (columns "
                f"{seen[column] + 1} and {position + 1}); give it once"
            )
        seen[column] = position
    if unknown := _unknown(c for c in header if c):
        raise InputError(f"batch: {name}: {unknown}")
    return header


def _csv_row(header: tuple[str, ...], line: int, record: list[str]) -> dict[str, Any]:
    width = len(header)
    if len(record) > width and any(c.strip() for c in record[width:]):
        return {
            "_error": f"line {line}: {len(record)} cells for {width} columns; "
            'quote a cell that has a comma, e.g. "220,000"'
        }
    unnamed = next((c for c, h in zip(record, header, strict=False) if not h and c.strip()), None)
    if unnamed is not None:
        return {"_error": f"line {line}: {shown(unnamed, 40)} is in a column with no name in the header"}
    return {c: v for c, v in zip(header, record, strict=False) if c}


def _fleet(text: Any) -> dict[str, str]:
    if isinstance(text, Mapping):
        return {str(k): str(v) for k, v in text.items()}
    return id_pairs(str(text).replace(",", ";").split(";"), "fleet", "COUNT")


def _given(row: Mapping[str, Any], name: str) -> Any:
    value = row.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value.strip() if isinstance(value, str) else value


def _count_range(row: Mapping[str, Any], parsed: Any) -> dict[str, Any]:
    """count, count_high and count_bound, read and checked under the names of the columns."""

    count = _given(row, "count")
    high = _given(row, "count_high")
    bound = _given(row, "count_bound")
    low = None if count is None else int(parse_count(count, "count"))
    top = None if high is None else int(parse_count(high, "count_high"))
    if bound is not None:
        one_of(bound, COUNT_BOUNDS, "count_bound")
    if top is not None:
        if bound not in (None, "between"):
            raise InputError(
                f"count_bound: {shown(bound)} cannot go with count_high: a range is between count and "
                "count_high; leave count_bound empty or give 'between'"
            )
        floor = low if low is not None else (parsed.count if parsed is not None else None)
        if floor is None:
            raise InputError(f"count_high: {top} needs count, the lower end of the range")
        if top < floor:
            where = "count" if low is not None else "the count in text"
            raise InputError(f"count_high: {top} must be at least {where} ({floor})")
        bound = "between"
    elif bound == "between" and (low is not None or parsed is None or parsed.count_high is None):
        raise InputError("count_high: missing; count_bound 'between' needs count_high, the upper end")
    return {"gpus": low, "gpus_high": top, "gpus_bound": bound}


def _fleet_label(built: Any, result: Any) -> str:
    """The checked fleet as ``id=count;id@system=count``: a system given is kept with its id."""
    given = {(e.accelerator, e.system) for e in built.fleet if e.system is not None}
    cells = []
    for entry in result.fleet:
        label = (
            f"{entry.accelerator}@{entry.system}"
            if (entry.accelerator, entry.system) in given
            else entry.accelerator
        )
        cells.append(f"{label}={entry.count:.0f}" if entry.count else label)
    return ";".join(cells)


@accepts(row=mapping, number=whole(0, 10**15), methods=texts)
def check_row(row: Mapping[str, Any], number: int, methods: tuple[str, ...] = ()) -> BatchRow:
    """One row checked (see the module docstring); a bad row's error is in `error`."""

    text = str(_given(row, "text") or "")
    try:
        if "_error" in row:
            raise InputError(str(row["_error"]))
        parsed = _sentence(text) if text else None
        inputs: dict[str, Any] = {
            "power": _given(row, "power"),
            **_count_range(row, parsed),
            "accelerator": _given(row, "accelerator"),
            "system": _given(row, "system"),
            "fleet": None if _given(row, "fleet") is None else _fleet(row["fleet"]),
            "basis": _given(row, "basis"),
            "power_bound": _given(row, "power_bound"),
            "method": _given(row, "method"),
        }
        system = inputs["system"]
        if system is not None and inputs["accelerator"] is None:
            if inputs["fleet"] is not None:
                raise InputError(
                    f"system: {shown(system)} goes with accelerator, not fleet; in a fleet write "
                    "ID@SYSTEM=COUNT, e.g. 'a100-sxm@leonardo-booster-node=13824'"
                )
            if parsed is None or named_accelerator(parsed) is None:
                raise InputError(
                    f"system: {shown(system)} needs an accelerator: give accelerator"
                    + (" (text names no model)" if parsed is not None else "")
                )
        if parsed is not None:
            built = sentence_scenario(parsed, **inputs)
        else:
            if inputs["power"] is None:
                raise InputError("power: missing; give power or text")
            if inputs["gpus"] is None and inputs["fleet"] is None:
                raise InputError("count: missing; give count, fleet or text")
            if inputs["accelerator"] is None and inputs["fleet"] is None:
                raise InputError("accelerator: missing; give accelerator, fleet or text")
            built = scenario(**inputs)
        result = _claims.check_claim(built)
        by_method: dict[str, Verdict] = {}
        if methods:
            by_method = {r.method: r.verdict for r in compare_methods(built, methods=methods)}
        return build(
            BatchRow,
            row=number,
            text=text,
            power=result.power,
            power_bound=result.power_bound,
            count=result.accelerators,
            count_bound=result.count_bound,
            count_high=built.accelerators_high,
            fleet=_fleet_label(built, result),
            basis=result.basis,
            method=result.method,
            verdict=result.verdict,
            implied_power_per_accelerator=result.implied_power_per_accelerator,
            implied_low=result.implied_low,
            implied_high=result.implied_high,
            methods=by_method,
            alternatives=_alternatives(parsed, inputs),
            error="",
        )
    except CalcError as error:
        return BatchRow(row=number, text=text, error=str(error))
    except Exception as error:  # no guard foresaw it: this row's error, never the whole batch's
        return BatchRow(row=number, text=text, error=f"row {number}: cannot be checked ({_why(error)})")


def _why(error: Exception) -> str:
    """What went wrong, in words, for a failure that has no message of dcpower's own."""
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, OverflowError):
        return "a number too large to compute with"
    return f"{type(error).__name__}: {shown(str(error), 80)[1:-1]}"


def _sentence(text: str) -> Any:
    """The claim read from a row's text; a failure of the sentence reader is an error naming text."""

    try:
        return _sentences.parse_claim(text)
    except CalcError:
        raise
    except Exception as error:
        raise InputError(
            f"text: {shown(text)} cannot be read ({_why(error)}); give power and count as columns"
        ) from None


def _alternatives(parsed: Any, inputs: dict[str, Any]) -> tuple[Any, ...]:
    """The text's other readings with their verdicts (none when the row gives power or count)."""

    if parsed is None or inputs["power"] is not None or inputs.get("gpus") is not None:
        return ()
    return alternative_checks(parsed, **{k: v for k, v in inputs.items() if v is not None})


@accepts(methods=texts, first=whole(0, 10**15))
def check_rows(
    rows: Iterable[Mapping[str, Any]], methods: tuple[str, ...] = (), first: int = 1
) -> Iterator[BatchRow]:
    """Every row checked, in order; rows are numbered from `first` (1: the first data row)."""
    for number, row in enumerate(rows, first):
        yield check_row(row, number, methods)


FAIL_ON: dict[str, frozenset[str]] = {
    "implausible": frozenset({"implausible"}),
    "ample": frozenset({"ample"}),
    "not-plausible": frozenset({"implausible", "between", "ample"}),
}
"""The verdicts each `--fail-on` value matches (`batch` also takes "error")."""


def fails(fail_on: str | None, verdicts: Iterable[str | None]) -> bool:
    """Whether any of `verdicts` matches `fail_on` (None: nothing fails)."""
    return bool(FAIL_ON.get(fail_on or "", frozenset()).intersection(verdicts))


def row_fails(result: BatchRow, fail_on: str | None) -> bool:
    """Whether one result matches `fail_on`: implausible, ample, not-plausible or error.

    A row's verdict under each method (`methods`) counts as well as its own, as `check
    --method all --fail-on` counts every method's.
    """
    if fail_on == "error":
        return bool(result.error)
    return fails(fail_on, (result.verdict, *result.methods.values()))


@accepts("batch_failed", results=models("BatchRow"), fail_on=choice(None, *FAIL_ON, "error"))
def failed(results: Iterable[BatchRow], fail_on: str | None) -> bool:
    """Whether any result matches `fail_on` (see `row_fails`); stops at the first that does."""
    return any(row_fails(r, fail_on) for r in results)
