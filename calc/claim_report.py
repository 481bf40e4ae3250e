"""Documents (see `calc.report`) for claims as people meet them: a sentence read and checked,
a batch of claims, the ledger of announced deals and a site's energization timeline.

Nothing here computes: each function lays out a result model as lines and tables.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from calc.arguments import accepts, models
from calc.energy import format_money
from calc.models import (
    AlternativeCheck,
    BatchRow,
    LedgerClaim,
    LedgerReport,
    LedgerResult,
    ParsedClaim,
    SentenceCheck,
    Span,
    TimelineResult,
)
from calc.report import Document, Table, claim_document
from calc.schemas import stamp
from calc.units import format_power

BOUND_WORDS = {"exact": "", "at-least": "at least ", "at-most": "up to ", "about": "about ", "between": ""}


def _where(span: Span | None) -> str:
    return "" if span is None else f"chars {span.start}–{span.end}"


def _quoted(span: Span | None) -> str:
    return "" if span is None else repr(span.text)


def reading_table(reading: ParsedClaim) -> Table:
    """What was read from a sentence, each figure with its span."""
    power = (
        "not found"
        if reading.power is None
        else BOUND_WORDS[reading.power_bound] + format_power(reading.power)
    )
    if reading.count is None:
        count = "not found"
    elif reading.count_high is not None:
        count = f"{reading.count:,}–{reading.count_high:,}"
    else:
        count = BOUND_WORDS[reading.count_bound] + f"{reading.count:,}"
    accelerator = reading.accelerator or "not named (read as the generic default)"
    basis = reading.basis or "unspecified (no hint)"
    rows = (
        ("power", power, _where(reading.power_span), _quoted(reading.power_span)),
        ("count", count, _where(reading.count_span), _quoted(reading.count_span)),
        ("accelerator", accelerator, _where(reading.accelerator_span), _quoted(reading.accelerator_span)),
        ("basis", basis, _where(reading.basis_span), _quoted(reading.basis_span)),
    )
    return Table("Read from the sentence:", ("", "value", "where", "text"), rows, "llll")


def _figures(power: Any, power_bound: str, count: int | None, high: int | None, bound: str) -> str:
    parts = []
    if power is not None:
        parts.append(BOUND_WORDS[power_bound] + format_power(power))
    if count is not None:
        parts.append(f"{count:,}–{high:,}" if high is not None else BOUND_WORDS[bound] + f"{count:,}")
    return " for ".join(parts)


def readings_line(result: SentenceCheck) -> str:
    """One line naming every reading the sentence supports with its verdict ('' when only one):
    "this sentence supports two readings: 230 MW → plausible, 520 MW → ample (with the expansion)"."""
    if not result.alternatives:
        return ""
    reading, claim = result.reading, result.claim
    chosen = _figures(
        reading.power, reading.power_bound, reading.count, reading.count_high, reading.count_bound
    )
    parts = [f"{chosen} → {claim.verdict or 'answered'} (chosen)"]
    for alternative in result.alternatives:
        a = alternative.reading
        figures = _figures(a.power, a.power_bound, a.count, a.count_high, a.count_bound)
        parts.append(f"{figures} → {alternative.verdict or 'answered'} ({a.why})")
    count = len(parts)
    word = {2: "two", 3: "three", 4: "four", 5: "five"}.get(count, str(count))
    return f"this sentence supports {word} readings: " + ", ".join(parts)


def alternatives_cell(alternatives: Sequence[AlternativeCheck]) -> str:
    """The alternative readings as one cell: '520 MW for 100,000 → ample (with the expansion); ...'."""
    return "; ".join(
        f"{_figures(a.reading.power, a.reading.power_bound, a.reading.count, a.reading.count_high, a.reading.count_bound)}"
        f" → {a.verdict or 'answered'} ({a.reading.why})"
        for a in alternatives
    )


@accepts(result="SentenceCheck")
def sentence_document(result: SentenceCheck) -> Document:
    """A sentence read (with the spans), its claim checked, and each alternative's verdict."""
    notes = [f"note: {note}" for note in result.reading.notes]
    readings = readings_line(result)
    return [
        reading_table(result.reading),
        *notes,
        *([readings] if readings else []),
        "",
        *claim_document(result.claim),
    ]


# ------------------------------------------------------------------------------------ batch

BATCH_COLUMNS = (
    "row",
    "verdict",
    "power",
    "power_bound",
    "count",
    "count_bound",
    "count_high",
    "fleet",
    "basis",
    "method",
    "implied_w",
    "implied_low_w",
    "implied_high_w",
    "alternatives",
)


def _watts_cell(value: Any) -> str:
    return "" if value is None else f"{value.m_as('W'):.1f}"


def batch_cells(result: BatchRow, methods: Sequence[str]) -> tuple[str, ...]:
    """One result as the cells of a CSV or Markdown row (columns: `batch_header`)."""
    return (
        str(result.row),
        result.verdict or "error",
        "" if result.power is None else format_power(result.power),
        result.power_bound if result.power is not None else "",
        "" if result.count is None else str(result.count),
        result.count_bound if result.count is not None else "",
        "" if result.count_high is None else str(result.count_high),
        result.fleet,
        result.basis or "",
        result.method,
        _watts_cell(result.implied_power_per_accelerator),
        _watts_cell(result.implied_low),
        _watts_cell(result.implied_high),
        alternatives_cell(result.alternatives),
        *(result.methods.get(m, "") for m in methods),
        result.error,
        result.text,
    )


def batch_header(methods: Sequence[str]) -> tuple[str, ...]:
    """The columns of a batch's CSV or Markdown output."""
    return (*BATCH_COLUMNS, *(f"verdict_{m}" for m in methods), "error", "text")


def batch_csv_header(methods: Sequence[str]) -> str:
    """The header line of a batch's CSV output."""
    return _csv_line(batch_header(methods))


def batch_csv_line(result: BatchRow, methods: Sequence[str]) -> str:
    """One result as a CSV line."""
    return _csv_line(batch_cells(result, methods))


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is read as a formula by a spreadsheet (OWASP, "CSV Injection")."""


def inert_cell(cell: str) -> str:
    """A CSV cell that a spreadsheet shows as text: one that would start a formula gets a
    leading single quote (OWASP's advice), so ``=HYPERLINK(...)`` is shown, never run."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _csv_line(cells: Sequence[str]) -> str:
    buffer = io.StringIO()
    # the writer quotes a cell holding a character of its line terminator: "" would leave a line
    # break in a cell unquoted, and the cell's second line would read as another row
    csv.writer(buffer, lineterminator="\r\n").writerow([inert_cell(c) for c in cells])
    return buffer.getvalue()[:-2]


def batch_json_line(result: BatchRow) -> str:
    """One result as a JSON line."""
    return json.dumps(stamp(result.model_dump(mode="json")), ensure_ascii=False)


def batch_markdown_header(methods: Sequence[str]) -> list[str]:
    """The header lines of a batch's Markdown table."""
    header = batch_header(methods)
    return ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]


def batch_markdown_line(result: BatchRow, methods: Sequence[str]) -> str:
    """One result as a Markdown table row."""
    cells = (
        c.replace("|", "\\|").replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
        for c in batch_cells(result, methods)
    )
    return "| " + " | ".join(cells) + " |"


# ----------------------------------------------------------------------------------- ledger


def _stated(claim: LedgerClaim) -> tuple[str, str]:
    power = "" if claim.power is None else BOUND_WORDS[claim.power_bound] + format_power(claim.power)
    if claim.orbital:
        power += " in orbit"
    if claim.count_high is not None and claim.count is not None:
        count = f"{claim.count:,}–{claim.count_high:,}"
    elif claim.count is not None:
        count = BOUND_WORDS[claim.count_bound] + f"{claim.count:,}"
    else:
        count = ""
    return power, count


@accepts(claims=models("LedgerClaim"))
def ledger_list_table(claims: Sequence[LedgerClaim]) -> Table:
    """The ledger's claims as stated: date, id, power, count, accelerator or money, source."""
    rows = []
    for claim in claims:
        power, count = _stated(claim)
        what = ", ".join(f"{k} {v:,.0f}" for k, v in claim.fleet.items()) or (claim.accelerator or "")
        money = "" if claim.budget is None else format_money(claim.budget)
        rows.append((claim.date, claim.id, power, count, what, money, source_cell(claim)))
    header = ("date", "id", "power", "count", "accelerator", "money", "source")
    return Table("", header, tuple(rows), "llrrlll")


@accepts(result="LedgerResult")
def ledger_outcome(result: LedgerResult) -> str:
    """A ledger answer in a few words: the verdict, or what a power, count or budget alone
    gives, saying which figure the claim states ("power only: supports 486,144 gb200")."""
    if result.error:
        return "error"
    if result.verdict is not None:
        return result.verdict
    if result.kind == "power" and result.supports:
        first = result.supports[0]
        return f"power only: supports {first.accelerators:,} {first.accelerator}"
    if result.kind == "count" and result.required_power is not None:
        return f"count only: needs {format_power(result.required_power)}"
    if result.kind == "money" and result.accelerators is not None:
        return f"money only: buys {result.accelerators:,}"
    if result.kind == "orbital" and result.orbital is not None:
        return f"{result.orbital.total_mass.m_as('t'):,.0f} t in orbit"
    return result.kind


def _host(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def source_cell(claim: LedgerClaim) -> str:
    """The source of a claim in a few words: its tier and site ("primary · amd.com")."""
    return f"{claim.tier} · {_host(claim.url)}"


@accepts(claims=models("LedgerClaim"), report="LedgerReport")
def ledger_table(claims: Sequence[LedgerClaim], report: LedgerReport) -> Table:
    """The ledger checked, a row per claim: date, id, the verdict (or what a power, count or
    budget alone gives; before the figures, so that it shows in a narrow view), the power and
    count as stated, and the source's site."""
    answers = {r.id: r for r in report.claims}
    rows = []
    for claim in claims:
        power, count = _stated(claim)
        if not power and claim.budget is not None:
            power = format_money(claim.budget)
        answer = answers.get(claim.id)
        outcome = "" if answer is None else ledger_outcome(answer)
        rows.append((claim.date, claim.id, outcome, power, count, source_cell(claim)))
    header = ("date", "id", "verdict or answer", "stated power", "count", "source")
    return Table("", header, tuple(rows), "lllrrl")


STATED = {
    "power and count": "power and count",
    "power": "power only",
    "count": "count only",
    "money": "money only",
    "orbital": "power in orbit",
}
"""What a ledger claim states, by the kind of its answer."""


@accepts(report="LedgerReport")
def ledger_document(report: LedgerReport) -> Document:
    """The ledger's claims answered: a verdict table, then each answer with its source."""
    rows = tuple(
        (
            r.date,
            r.id,
            STATED[r.kind],
            r.verdict or ("error" if r.error else "answered"),
        )
        for r in report.claims
    )
    lines: Document = [Table("", ("date", "id", "states", "verdict"), rows, "llll"), ""]
    for result in report.claims:
        lines.append(f"{result.id} ({result.date}): {result.answer}")
        lines.append(f"  source ({result.tier}): {result.url}")
        if result.override:
            lines.append(f"  note: {result.override}")
    counts = {
        v: sum(1 for r in report.claims if r.verdict == v)
        for v in ("implausible", "between", "plausible", "ample")
    }
    answered = sum(1 for r in report.claims if r.verdict is None)
    lines += [
        "",
        f"{len(report.claims)} claim{'s' if len(report.claims) != 1 else ''}: {counts['plausible']} plausible, {counts['implausible']} implausible, "
        + (f"{counts['between']} between the readings, " if counts["between"] else "")
        + f"{counts['ample']} ample; {answered} answered, not judged, with what their power, count or "
        "money alone supports (the other figure derived)",
    ]
    return lines


# --------------------------------------------------------------------------------- timeline


def _mw_cell(value: Any) -> str:
    return "-" if value.m_as("W") == 0 else format_power(value, "MW", 0)


@accepts(result="TimelineResult")
def timeline_document(result: TimelineResult) -> Document:
    """A site's energization: one row per quarter, then what changed and the sources."""
    types = [s.accelerator for s in next((r.supports for r in result.rows if r.supports), ())]
    header = (
        "quarter",
        "grid",
        "turbines",
        "batteries",
        "firm",
        *(f"supports {t}" for t in types),
        "delivered",
        "needs",
        "stranded",
        "shortfall",
        "battery h",
    )
    rows = []
    for row in result.rows:
        supports = {s.accelerator: f"{s.accelerators:,}" for s in row.supports}
        rows.append(
            (
                row.quarter + (" *" if row.planned else ""),
                _mw_cell(row.grid),
                _mw_cell(row.turbines),
                _mw_cell(row.batteries),
                _mw_cell(row.firm_power),
                *(supports.get(t, "-") for t in types),
                f"{sum(row.delivered.values()):,}" if row.delivered else "-",
                _mw_cell(row.required_power),
                _mw_cell(row.stranded_power),
                _mw_cell(row.shortfall),
                "-" if row.battery_hours is None else f"{row.battery_hours:.1f}",
            )
        )
    title = (
        f"{result.facility}: power online at the end of each quarter ({result.basis} basis, method "
        f"{result.method}; supports and needs: central case; * planned)"
    )
    lines: Document = [Table(title, header, tuple(rows), "l" + "r" * (len(header) - 1)), ""]
    for row in result.rows:
        for event in row.events:
            lines.append(f"{row.quarter}: {event}")
    lines += ["", "Sources:", *(f"  {s.title}" + (f" ({s.url})" if s.url else "") for s in result.sources)]
    lines += [f"note: {note}" for note in result.notes]
    return lines
