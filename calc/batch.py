"""Many claims at once: rows of a CSV or JSON Lines file, one checked result per row.

A row gives `power`, `count` (with `count_high`, the upper end of a range such as "4 million or
5 million"), `accelerator` (with `system`, the system it sits in) or `fleet`
("h100-sxm=150000;gb200@gb200-nvl72=30000"), `basis`, `power_bound`, `count_bound`, `method`,
and `text`; a row may give only `text` (the sentence), and what the columns give replaces what
the sentence gives. A row that cannot be checked gets its error (one line) in its own result,
and the rows after it go on. A column (or JSON key) not in `COLUMNS`, a column named twice or a
quote left open is an error: never a value silently dropped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from calc.arguments import accepts, choice, mapping, models, path, texts, whole
from calc.errors import CalcError, InputError, shown
from calc.models import COUNT_BOUNDS, BatchRow, Verdict, build

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


@accepts(path=path)
def read_rows(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a CSV file (with a header line) or a JSON Lines file (one object a line).

    The format is taken from the name (.csv; .jsonl, .ndjson or .json), else from the first
    character ("{": JSON Lines). A JSON line that does not parse becomes a row with its error.

    Raises:
        InputError: The file cannot be read, is too large, or a CSV file has no known column.
    """
    target = Path(path)
    try:
        size = target.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"batch: {shown(str(path))} is {size:,} bytes; the limit is {MAX_BYTES:,}")
        text = target.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InputError(f"batch: cannot read {shown(str(path))}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputError(f"batch: {shown(str(path))} is not UTF-8 text") from None
    suffix = target.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json") or (suffix != ".csv" and text.lstrip().startswith("{")):
        return _json_rows(text)
    return _csv_rows(text, str(path))


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


def _json_rows(text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            rows.append({"_error": f"line {number}: not JSON ({error.msg})"})
            continue
        if not isinstance(value, dict):
            rows.append({"_error": f"line {number}: not a JSON object"})
        elif unknown := _unknown(str(k) for k in value):
            rows.append({"_error": f"line {number}: {unknown.replace('column', 'key')}"})
        else:
            rows.append(value)
    return rows


def _records(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """The CSV records with the line each starts on; a quote left open is an InputError."""
    reader = csv.reader(io.StringIO(text), strict=True)
    line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise InputError(
                    f"batch: {shown(name)} line {line}: unclosed quote: a cell opened with '\"' is not "
                    f"closed before the end of the file; close it, or double a quote inside a cell ('\"\"')"
                ) from None
            raise InputError(
                f"batch: {shown(name)} line {line}: bad quoting ({error}); a quoted cell must end "
                f"at its comma, and a quote inside it is doubled ('\"\"')"
            ) from None
        if record:  # a blank line is no record
            yield line, record
        line = reader.line_num + 1


def _csv_rows(text: str, name: str) -> list[dict[str, Any]]:
    records = _records(text, name)
    first = next(records, None)
    header = [h.strip().lower() for h in first[1]] if first else []
    if not set(header) & set(COLUMNS):
        raise InputError(
            f"batch: {shown(name)} has no known column (header {shown(','.join(header), 60)}); "
            f"accepted: {', '.join(COLUMNS)}"
        )
    for position, column in enumerate(header):
        if column and header.index(column) != position:
            raise InputError(
                f"batch: {shown(name)} names column {shown(column)} twice (columns "
                f"{header.index(column) + 1} and {position + 1}); give it once"
            )
    if unknown := _unknown(c for c in header if c):
        raise InputError(f"batch: {shown(name)}: {unknown}")
    rows: list[dict[str, Any]] = []
    for line, record in records:
        extra = record[len(header) :]
        unnamed = [c for i, c in enumerate(record[: len(header)]) if not header[i] and c.strip()]
        if any(c.strip() for c in extra):
            rows.append(
                {
                    "_error": f"line {line}: {len(record)} cells for {len(header)} columns; "
                    'quote a cell that has a comma, e.g. "220,000"'
                }
            )
        elif unnamed:
            rows.append(
                {"_error": f"line {line}: {shown(unnamed[0], 40)} is in a column with no name in the header"}
            )
        else:
            rows.append({c: v for c, v in zip(header, record, strict=False) if c})
    return rows


def _fleet(text: Any) -> dict[str, str]:
    if isinstance(text, Mapping):
        return {str(k): str(v) for k, v in text.items()}
    pairs: dict[str, str] = {}
    for item in str(text).replace(",", ";").split(";"):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"fleet: {shown(item)} must be ID=COUNT, e.g. 'h100-sxm=150000'")
        if key.strip() in pairs:
            raise InputError(f"fleet: {shown(key.strip())} is given twice")
        pairs[key.strip()] = value.strip()
    return pairs


def _given(row: Mapping[str, Any], name: str) -> Any:
    value = row.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value.strip() if isinstance(value, str) else value


def _count_range(row: Mapping[str, Any], parsed: Any) -> dict[str, Any]:
    """count, count_high and count_bound, read and checked under the names of the columns."""
    from calc.units import parse_count

    count = _given(row, "count")
    high = _given(row, "count_high")
    bound = _given(row, "count_bound")
    low = None if count is None else int(parse_count(count, "count"))
    top = None if high is None else int(parse_count(high, "count_high"))
    if bound is not None and bound not in COUNT_BOUNDS:
        raise InputError(f"count_bound: {shown(bound)} is not accepted; accepted: {', '.join(COUNT_BOUNDS)}")
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
    from calc.claims import check_claim, compare_methods
    from calc.inputs import scenario
    from calc.sentences import named_accelerator, parse_claim, sentence_scenario

    text = str(_given(row, "text") or "")
    try:
        if "_error" in row:
            raise InputError(str(row["_error"]))
        parsed = parse_claim(text) if text else None
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
        result = check_claim(built)
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
            error="",
        )
    except CalcError as error:
        return BatchRow(row=number, text=text, error=str(error))


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


@accepts("batch_failed", results=models("BatchRow"), fail_on=choice(None, *FAIL_ON, "error"))
def failed(results: Iterable[BatchRow], fail_on: str | None) -> bool:
    """Whether any result matches `fail_on`: implausible, ample, not-plausible or error.

    A row's verdict under each method (`methods`) counts as well as its own, as `check
    --method all --fail-on` counts every method's.
    """
    if fail_on == "error":
        return any(r.error for r in results)
    return fails(fail_on, (v for r in results for v in (r.verdict, *r.methods.values())))
