"""Results as lines and tables, written once: the CLI's text, the Markdown export and the TUI
render what these functions return, and nothing that renders computes.

A document is a sequence of items: a `str` is a line of text ("" a blank line), a `Table` is a
titled table of cells. `as_text` lays it out for a terminal, `as_markdown` for a file.
"""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calc.arguments import accepts
from calc.capacity import capacity_at
from calc.chain import resolve
from calc.claims import claim_of, even_value, method_order
from calc.compute import ComputeResult, _count, _days, format_flops
from calc.energy import format_money
from calc.errors import InputError, PresetError
from calc.files import checked_name, shown_path, write_atomic_files
from calc.inputs import with_method
from calc.models import (
    ALL_RANGES,
    BASIS_LABELS,
    CapacityResult,
    ClaimResult,
    Reading,
    Report,
    RequiredPowerResult,
    Scenario,
    SolveResult,
    build,
)
from calc.presets import list_presets, load_assumption_set
from calc.units import format_power


@dataclass(frozen=True)
class Table:
    """A table of text cells, with a title line and the alignment of each column."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: str
    """One letter per column: "l" or "r"."""


Item = str | Table
Document = list[Item]


def watts(quantity: Any) -> str:
    """A power per accelerator: always in watts, one decimal ("1,363.6 W")."""
    return format_power(quantity, "W", 1)


def _notes(notes: Sequence[str]) -> list[str]:
    return [f"note: {note}" for note in notes]


# --------------------------------------------------------------------------- rendering


_UNIT_SPACE = re.compile(
    r"(?<=\d) (?=[A-Za-zµ%°]|–)|(?<=–) (?=\d)|(?:(?<=about)|(?<=least)|(?<=most)|(?<=up to)) (?=\d)"
)
"""A space between a figure and its unit ("1,363.6 W"), kept when a line wraps."""


def _glued(text: str) -> str:
    return _UNIT_SPACE.sub("\u00a0", text)


def _wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """`text` wrapped at spaces to `width`; a word, a number or a figure with its unit is
    never cut (a word longer than the width stands on its own line)."""
    lines = textwrap.wrap(
        _glued(text), width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )
    return [line.replace("\u00a0", " ") for line in lines] or [""]


def _fitted_widths(table: Table, rows: Sequence[tuple[str, ...]], width: int | None) -> list[int]:
    """Each column's width; with `width`, columns narrow (to their longest word or figure,
    never less) until a line fits, widest first."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.align))]
    if width is None:
        return widths
    floors = [
        max((len(word) for row in rows for word in _glued(row[i]).split(" ")), default=0)
        for i in range(len(table.align))
    ]
    excess = 2 + sum(widths) + 2 * (len(widths) - 1) - width
    while excess > 0:
        slack = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not slack:
            break
        widest = max(slack, key=lambda i: (widths[i], i))
        cut = min(excess, widths[widest] - floors[widest], max(1, widths[widest] // 4))
        widths[widest] -= cut
        excess -= cut
    return widths


def table_lines(table: Table, width: int | None = None) -> list[str]:
    """A table as aligned text lines, two spaces in from the margin. With `width` (a
    terminal's columns), text cells wrap at spaces so the lines fit where they can; a number
    is never cut or wrapped."""
    rows = [table.header, *table.rows] if table.header else list(table.rows)
    widths = _fitted_widths(table, rows, width)
    lines = []
    for row in rows:
        parts = [_wrapped(cell, w) if len(cell) > w else [cell] for cell, w in zip(row, widths, strict=True)]
        for k in range(max(len(part) for part in parts)):
            cells = [
                (part[k] if k < len(part) else "").rjust(w)
                if a == "r"
                else (part[k] if k < len(part) else "").ljust(w)
                for part, w, a in zip(parts, widths, table.align, strict=True)
            ]
            lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _fit_line(line: str, width: int | None) -> list[str]:
    """A line of prose, wrapped at spaces to `width` with its indent kept (None: as it is)."""
    if width is None or len(line) <= width:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    return _wrapped(line, width, indent + "  ")


def as_text(document: Iterable[Item], width: int | None = None) -> str:
    """The document for a terminal: lines as they are, tables aligned under their titles.
    With `width`, long lines wrap and tables narrow their text columns to fit it."""
    lines: list[str] = []
    for item in document:
        if isinstance(item, Table):
            if item.title:
                lines += _fit_line(item.title, width)
            lines += table_lines(item, width)
        else:
            for line in item.split("\n"):
                lines += _fit_line(line, width)
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def as_markdown(document: Iterable[Item]) -> str:
    """The document as Markdown: tables become pipe tables under a heading."""
    out: list[str] = []
    for item in document:
        if isinstance(item, Table):
            if item.title:
                out += [f"## {item.title.rstrip(':')}", ""]
            header = item.header or ("",) * len(item.align)
            out.append("| " + " | ".join(_cell(h) for h in header) + " |")
            out.append("|" + "|".join("---:" if a == "r" else "---" for a in item.align) + "|")
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in item.rows]
            out.append("")
        elif item.startswith("note: "):
            out.append("- " + item.removeprefix("note: "))
        else:
            out.append(item)
    return "\n".join(out).rstrip("\n") + "\n"


# ------------------------------------------------------------------------------- claims


def chain_table(chain: Sequence[Any], noun: str) -> Table:
    """Power per accelerator at every basis, low / central / high, with each step's factors."""
    rows = tuple(
        (BASIS_LABELS[row.basis], watts(row.low), watts(row.central), watts(row.high), row.step)
        for row in chain
    )
    return Table(
        f"Power per {noun} along the chain:", ("basis", "low", "central", "high", "step"), rows, "lrrrl"
    )


def break_even_text(reading: Reading) -> str:
    """The break-even values of a reading, with their status where not in range."""
    return (
        ", ".join(
            f"{b.assumption} {even_value(b)}" + ("" if b.status == "in range" else f" ({b.status})")
            for b in reading.break_even
        )
        or "-"
    )


def readings_table(result: ClaimResult) -> Table:
    """Each reading of a claim: verdict, the model's range, what the power supports, break-evens."""
    rows = tuple(
        (
            BASIS_LABELS[r.basis],
            ANSWERED if result.derived else r.verdict,
            f"{watts(r.low)}–{watts(r.high)}",
            watts(r.central),
            f"{r.supported_accelerators:,}",
            break_even_text(r),
        )
        for r in result.readings
    )
    return Table(
        "Readings:",
        ("basis", "verdict", "model low–high", "central", "supports", "break-even (others central)"),
        rows,
        "llrrrl",
    )


def claim_head(result: ClaimResult) -> str:
    """The claim as it was read: power, count, fleet, basis, method."""
    fleet = ", ".join(f"{e.accelerator} {e.count:,.0f}" for e in result.fleet)
    derived = f" ({' and '.join(sorted(result.derived))} derived, not stated)" if result.derived else ""
    return (
        f"Claim: {format_power(result.power)} for {result.accelerators:,} {result.noun}s ({fleet}); "
        f"basis {result.basis}; method {result.method}{derived}"
    )


ANSWERED = "answered"
"""The headline word of a check whose power or count dcpower derived: it has no verdict."""


def verdict_word(result: ClaimResult) -> str:
    """The headline word: the verdict, or 'answered' when a figure was derived, not stated."""
    return ANSWERED if result.derived else result.verdict


def verdict_line(result: ClaimResult) -> str:
    """The verdict and what would have to hold, in one line; for a claim that states one
    figure, what was derived instead of a verdict."""
    if result.derived:
        return f"Answered, not judged: {result.conclusion}."
    return f"Verdict: {result.verdict.upper()}. {result.conclusion}"


@accepts(result="ClaimResult")
def claim_document(result: ClaimResult) -> Document:
    """A claim check: the claim, the implied power, the chain, the readings and the verdict."""
    return [
        claim_head(result),
        f"Implied: {watts(result.implied_power_per_accelerator)} per {result.noun}",
        *([f"As stated: {result.stated}"] if result.stated else []),
        "",
        chain_table(result.chain, result.noun),
        "",
        readings_table(result),
        "",
        verdict_line(result),
        *_notes(result.notes),
    ]


def methods_table(results: Sequence[ClaimResult]) -> Table:
    """The same claim under each method: one column per reading the claim has."""
    bases = [r.basis for r in results[0].readings]
    header = ("method", "verdict", "implied", *(f"{BASIS_LABELS[b]} low–high" for b in bases))
    rows = tuple(
        (
            r.method,
            verdict_word(r),
            watts(r.implied_power_per_accelerator),
            *(f"{watts(x.low)}–{watts(x.high)} ({x.verdict})" for x in r.readings),
        )
        for r in results
    )
    return Table("", header, rows, "llr" + "r" * len(bases))


# ----------------------------------------------------------------------------- capacity


def fleet_rows(lines: Sequence[Any], *, with_power: bool) -> tuple[tuple[str, ...], ...]:
    """Each type of a fleet: accelerator, system, counts, racks (and its power per accelerator)."""
    return tuple(
        (
            line.accelerator,
            line.system,
            f"{line.accelerators:,}",
            f"{line.systems:,}",
            "-" if line.racks is None else f"{line.racks:,}",
            *((watts(line.power_per_accelerator),) if with_power else ()),
        )
        for line in lines
    )


@accepts(result="CapacityResult")
def capacity_document(result: CapacityResult) -> Document:
    """Capacity: accelerators, systems, racks, stranded power, the range and the chain."""
    racks = f", {result.racks:,} racks" if result.racks is not None else ""
    rows = fleet_rows(result.lines, with_power=True)
    return [
        f"{format_power(result.power)} at the {result.basis} basis (method {result.method}) supports "
        f"{result.accelerators:,} {result.noun}s in {result.systems:,} whole systems{racks}; "
        f"{format_power(result.stranded_power)} stranded",
        f"  range: {result.accelerators_conservative:,} (every chain assumption at its high-power end)"
        f" to {result.accelerators_optimistic:,} (low-power end)",
        f"  power per accelerator at the {result.basis} basis: {watts(result.power_per_accelerator)} (central)",
        "",
        Table(
            "",
            ("accelerator", "system", "accelerators", "systems", "racks", "per accelerator"),
            rows,
            "llrrrr",
        ),
        "",
        chain_table(result.chain, result.noun),
        *_notes(result.notes),
    ]


def capacity_line(result: CapacityResult, noun: str) -> str:
    """One capacity in a line: "209,704 GPUs as facility power (26,213 systems)"."""
    racks = f", {result.racks:,} racks" if result.racks is not None else ""
    return (
        f"{result.accelerators:,} {noun}s as {BASIS_LABELS[result.basis]} power "
        f"({result.systems:,} systems{racks})"
    )


@accepts(result="RequiredPowerResult")
def power_document(result: RequiredPowerResult) -> Document:
    """Required power: the fleet's power at every basis, its systems, and the chain."""
    power_rows = tuple(
        (BASIS_LABELS[row.basis], format_power(row.low), format_power(row.central), format_power(row.high))
        for row in result.power
    )
    line_rows = fleet_rows(result.lines, with_power=False)
    return [
        f"{result.accelerators:,} {result.noun}s need (method {result.method}):",
        Table("", ("basis", "low", "central", "high"), power_rows, "lrrr"),
        "",
        Table(
            "",
            ("accelerator", "system", "accelerators", "systems (rounded up)", "racks"),
            line_rows,
            "llrrr",
        ),
        "",
        chain_table(result.per_accelerator, result.noun),
        *_notes(result.notes),
    ]


@accepts(result="SolveResult")
def solve_document(result: SolveResult) -> Document:
    """A goal-seek result in words."""
    return [result.summary, *_notes(result.notes)]


# ------------------------------------------------------------------- uncertainty and more


@accepts(result="UncertaintyResult")
def uncertainty_document(result: Any) -> Document:
    """Monte Carlo percentiles per reading and the fit probability."""

    def trio(values: Any, show: Any) -> str:
        return " / ".join(show(v) for v in (values.p5, values.p50, values.p95))

    rows = tuple(
        (
            BASIS_LABELS[r.basis],
            trio(r.power_per_accelerator, watts),
            "-" if r.accelerators is None else trio(r.accelerators, lambda v: f"{v:,.0f}"),
            "-" if r.required_power is None else trio(r.required_power, format_power),
            "-" if r.fit_probability is None else f"{r.fit_probability:.1%}",
        )
        for r in result.readings
    )
    seed = "a fresh seed" if result.seed is None else f"seed {result.seed}"
    document: Document = [
        f"Monte Carlo, {result.samples:,} samples, {seed}, method {result.method}; "
        "distributions: " + ", ".join(f"{k} {v}" for k, v in result.distributions.items()),
        Table(
            "",
            (
                "basis",
                "per accelerator P5 / P50 / P95",
                "supports P5 / P50 / P95",
                "needs P5 / P50 / P95",
                "fit",
            ),
            rows,
            "lrrrr",
        ),
    ]
    if result.claim_fit_probability is not None:
        document += [
            "",
            f"claim_fit_probability: {result.claim_fit_probability:.1%} (the {result.readings[-1].basis} reading)",
        ]
    return document + _notes(result.notes)


HISTOGRAM_BLOCKS = " ▁▂▃▄▅▆▇█"
"""Eighths of a cell, from empty to full: the histogram's bar tops."""


def _claim_side(histogram: Any) -> str:
    """Where the claim is against the histogram's range: "", or a note that it is off it."""
    implied, edges = histogram.implied, histogram.edges
    if implied is None or edges[0] <= implied <= edges[-1]:
        return ""
    side = "below" if implied < edges[0] else "above"
    end = "left" if side == "below" else "right"
    return f" at {implied:,.0f} W, {side} the whole range (marked at its {end} end)"


@accepts(result="UncertaintyResult")
def histogram_lines(result: Any, height: int = 6) -> list[str]:
    """The Monte Carlo histogram as text: a heading, `height` rows of block characters, the
    claim marked (▲) under its bin, and the range's two ends in watts.

    A claim off the range is marked at the end it is beyond, and the heading says so.
    """
    histogram = result.histogram
    counts, edges = histogram.counts, histogram.edges
    top = max(counts) or 1
    levels = [c / top * height for c in counts]
    rows = [f"Power per accelerator ({histogram.basis}), ▲ the claim{_claim_side(histogram)}"]
    for row in range(height, 0, -1):
        cells = []
        for level in levels:
            fill = level - (row - 1)
            cells.append("█" if fill >= 1 else HISTOGRAM_BLOCKS[max(0, int(fill * 8))] if fill > 0 else " ")
        rows.append("".join(cells))
    marker = [" "] * len(counts)
    if histogram.implied is not None:
        span = edges[-1] - edges[0]
        share = (histogram.implied - edges[0]) / span if span > 0 else 0.0
        marker[min(max(int(share * len(counts)), 0), len(counts) - 1)] = "▲"
    rows.append("".join(marker))
    rows.append(f"{edges[0]:,.0f} W{' ' * max(1, len(counts) - 16)}{edges[-1]:,.0f} W")
    return rows


@accepts(result="TornadoResult")
def tornado_document(result: Any) -> Document:
    """Assumptions ranked by how much they move the output."""
    shown = "{:,.0f}" if result.unit == "accelerators" else "{:,.1f}"
    rows = tuple(
        (
            bar.assumption,
            bar.value_text(bar.low),
            bar.value_text(bar.high),
            shown.format(bar.output_at_low),
            shown.format(bar.output_at_high),
            shown.format(bar.swing),
        )
        for bar in result.ranking
    )
    return [
        f"{result.output}: central {shown.format(result.central)} {result.unit} (method {result.method})",
        Table("", ("assumption", "low", "high", "at low", "at high", "swing"), rows, "lrrrrr"),
        f"most important: {result.most_important}",
        *_notes(result.notes),
    ]


@accepts(result="SweepResult")
def sweep_document(result: Any) -> Document:
    """A sweep as a table; the verdict column names the basis it read."""
    rows = tuple(
        (
            f"{row.value:.4g}",
            watts(row.power_per_accelerator),
            "-" if row.accelerators is None else f"{row.accelerators:,}",
            "-" if row.required_power is None else format_power(row.required_power),
            row.verdict or "-",
        )
        for row in result.rows
    )
    label = BASIS_LABELS[result.basis]
    return [
        Table(
            "",
            (
                f"{result.vary} (kW per system)" if result.vary == "system_power" else result.vary,
                f"per accelerator ({label})",
                "supports",
                "needs",
                f"verdict ({label} reading)",
            ),
            rows,
            "rrrrl",
        ),
        *_notes(result.notes),
    ]


@accepts(result="EnergyResult")
def energy_document(result: Any) -> Document:
    """A year at a load factor: energy, cost, emissions, water."""
    rows = (
        ("annual_energy", f"{result.annual_energy.m_as('GWh'):,.1f} GWh"),
        ("cost", f"{format_money(result.cost)} at {result.electricity_price.m_as('USD/kWh'):g} USD/kWh"),
        (
            "emissions",
            f"{result.emissions.m_as('t'):,.0f} t CO2 at {result.carbon_intensity.m_as('g/kWh'):g} g/kWh",
        ),
        ("water", f"{result.water.m_as('m^3'):,.0f} m³ at {result.wue.m_as('L/kWh'):g} L/kWh"),
    )
    return [
        f"{format_power(result.power)} at a load factor of {result.load_factor:g} "
        f"(average {format_power(result.average_power)}), over a year:",
        Table("", (), rows, "lr"),
        *_notes(result.notes),
    ]


@accepts(result="CapexResult")
def capex_document(result: Any) -> Document:
    """Capital cost of a fleet, or what a budget buys."""
    fm = format_money
    head = f"{fm(result.budget)} buys" if result.budget is not None else "Capital cost of"
    return [
        f"{head} {result.accelerators:,} accelerators in {result.systems:,} systems: {fm(result.capex)} "
        f"({fm(result.hardware)} hardware + {fm(result.facility)} facility at "
        f"{result.facility_cost.m_as('MUSD/MW'):g} MUSD/MW of IT)",
        f"  {fm(result.capex_per_accelerator)} per accelerator; IT power {format_power(result.it_power)}, "
        f"facility power {format_power(result.facility_power)} (central)",
        *_notes(result.notes),
    ]


@accepts(result="OrbitalResult")
def orbital_document(result: Any) -> Document:
    """What a power of compute takes in orbit."""

    def tonnes(q: Any) -> str:
        return f"{q.m_as('t'):,.0f} t"

    rows = (
        (
            "solar_array_area",
            f"{result.solar_array_area.m_as('km^2'):,.3f} km²",
            tonnes(result.solar_array_mass),
        ),
        ("radiator_area", f"{result.radiator_area.m_as('km^2'):,.3f} km²", tonnes(result.radiator_mass)),
        ("battery", f"{result.battery_energy.m_as('MWh'):,.0f} MWh", tonnes(result.battery_mass)),
        ("compute hardware", "", tonnes(result.compute_mass)),
        ("total", "", tonnes(result.total_mass)),
    )
    supported = (
        f"; {result.accelerators:,} accelerators at the IT basis" if result.accelerators is not None else ""
    )
    return [
        f"{format_power(result.power)} of compute in orbit ({result.orbit}) takes:",
        Table("", (), rows, "lrr"),
        f"  {result.satellites:,} satellites, {result.launches:,} launches, launch cost "
        f"{format_money(result.launch_cost)}{supported}",
        *_notes(result.notes),
    ]


# ------------------------------------------------------------------------- the report


def evaluate(scenario: Scenario) -> Report:
    """Check a scenario's claim, its capacity at each reading, and the claim under every method.

    Every method row keeps the scenario's site facts and overrides, as ``check --method all``
    does with ``--set``. A user assumption set that does not load is left out of the rows (the
    TUI names its file; ``dcpower presets check`` reports it), rather than failing the report.
    """
    inputs = resolve(scenario)
    claim = claim_of(inputs)
    capacities = tuple(capacity_at(inputs, reading.basis) for reading in claim.readings)
    methods = tuple(
        claim if m == scenario.method else claim_of(resolve(with_method(scenario, m)))
        for m in method_order(_loadable_methods(scenario.method))
    )
    return build(Report, scenario=scenario, claim=claim, capacity=capacities, methods=methods)


def _loadable_methods(current: str) -> tuple[str, ...]:
    """The assumption sets that load, and the scenario's own (whose errors are the report's)."""
    methods = []
    for method in list_presets("assumptions"):
        if method != current:
            try:
                load_assumption_set(method)
            except PresetError:
                continue
        methods.append(method)
    return tuple(methods)


def headline_lines(report: Report) -> list[str]:
    """The verdict with the implied power, the claim as stated when it has bounds, what must
    hold, and what the power supports."""
    claim = report.claim
    return [
        f"{verdict_word(claim).upper()}  {watts(claim.implied_power_per_accelerator)} per {claim.noun} implied "
        f"({format_power(claim.real_power)} / {claim.accelerators:,} {claim.noun}s, basis {claim.basis})",
        *([f"As stated: {claim.stated}"] if claim.stated else []),
        claim.conclusion,
        "Supports " + " · ".join(capacity_line(c, claim.noun) for c in report.capacity),
    ]


@accepts(report="Report")
def report_document(report: Report) -> Document:
    """The whole report: the claim, its chain, readings, capacity, methods and assumptions."""
    s, claim = report.scenario, report.claim
    a = claim.assumptions
    assumption_rows = (
        *tuple(
            (name, f"{r.low:g}", f"{r.central:g}", f"{r.high:g}", r.source or "")
            for name in ALL_RANGES
            if (r := getattr(a, name)) is not None
        ),
        ("headroom", "", f"{a.headroom:g}", "", ""),
        ("redundancy", "", f"{a.redundancy.label} (usable {a.redundancy.usable_fraction:.3g})", "", ""),
    )
    document: Document = [
        f"# {s.name}",
        "",
        claim_head(claim),
        "",
        verdict_line(claim),
        f"Implied: {watts(claim.implied_power_per_accelerator)} per {claim.noun}.",
        *([f"As stated: {claim.stated}"] if claim.stated else []),
        "",
        chain_table(claim.chain, claim.noun),
        readings_table(claim),
        Table(
            "Capacity:",
            ("basis", "accelerators", "systems", "racks", "stranded", "range"),
            tuple(
                (
                    BASIS_LABELS[c.basis],
                    f"{c.accelerators:,}",
                    f"{c.systems:,}",
                    "-" if c.racks is None else f"{c.racks:,}",
                    format_power(c.stranded_power),
                    f"{c.accelerators_conservative:,}–{c.accelerators_optimistic:,}",
                )
                for c in report.capacity
            ),
            "lrrrrr",
        ),
        Table("Under each method:", *_methods_parts(report.methods)),
        Table("Assumptions:", ("assumption", "low", "central", "high", "source"), assumption_rows, "lrrrl"),
    ]
    if s.sources:
        document += (
            ["## Sources", ""]
            + [f"- {src.title}" + (f" <{src.url}>" if src.url else "") for src in s.sources]
            + [""]
        )
    if claim.notes:
        document += ["## Notes", "", *_notes(claim.notes)]
    return document


def _methods_parts(results: Sequence[ClaimResult]) -> tuple[Any, ...]:
    table = methods_table(results)
    return table.header, table.rows, table.align


def report_markdown(report: Report) -> str:
    """The report as Markdown, as exported (`calc.report_markdown` takes any result)."""
    return as_markdown(report_document(report))


def export_report(report: Report, path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write the report as Markdown at `path` (``.md`` added if missing) and as JSON beside it.

    The pair is written together: both texts go to temporary files first, and only when both
    are on the disk do they replace the old pair, so a failure (a full disk) leaves the old
    report and its JSON as they were, never a new one beside an old one.

    Raises:
        InputError: The path names no file (``/``, a directory, an empty name), names a device,
            FIFO or socket, or cannot be written.
    """
    name = checked_name(path, "export")
    target = Path(name).expanduser()
    try:
        directory = target.is_dir()
    except OSError:  # a name too long, say: the write below says what is wrong with it
        directory = False
    if not target.name or target.name in (".", "..") or directory:
        raise InputError(
            f"export: {shown_path(target)} is a directory; give a file name, e.g. 'colossus-report.md'"
        )
    if target.suffix != ".md":
        target = target.with_name(target.name + ".md") if target.suffix else target.with_suffix(".md")
    markdown, data = write_atomic_files(
        [(target, report_markdown(report)), (target.with_suffix(".json"), report_json(report))], "export"
    )
    return markdown, data


def report_json(report: Report) -> str:
    """The report as JSON (quantities as ``{"value", "unit"}``)."""
    return report.model_dump_json(indent=2)


__all__ = [
    "Document",
    "Table",
    "as_markdown",
    "as_text",
    "evaluate",
    "export_report",
    "format_money",
    "headline_lines",
    "histogram_lines",
    "report_json",
    "report_markdown",
]


def _sampled_cells(f: Any) -> tuple[str, ...]:
    """One Monte Carlo figure as its row: name, P5, P50, P95 (days: P5 is the fastest)."""
    if f.unit in ("FLOP/s", "FLOP"):
        return (f.name, *(format_flops(v, f.unit) for v in (f.low, f.central, f.high)))
    if f.unit == "days":
        return (f.name, _days(f.low), _days(f.central), _days(f.high))
    if f.unit == "MW":
        return (f.name, *(f"{v:,.1f} MW" for v in (f.low, f.central, f.high)))
    return (f.name, *(_count(v) for v in (f.low, f.central, f.high)))


def compute_study_document(result: ComputeResult) -> list[Any]:
    """The Monte Carlo, tornado and sweep of a compute result, where asked for."""
    doc: list[Any] = []
    if result.sampled:
        drawn = ", ".join(result.sampled_inputs) or "nothing (every input is a point)"
        doc += [
            "",
            Table(
                f"Monte Carlo, {result.samples:,} draws (seed {result.seed}), P5 / P50 / P95; drawn: {drawn}",
                ("figure", "P5", "P50", "P95"),
                tuple(_sampled_cells(f) for f in result.sampled),
                "lrrr",
            ),
            "  (days: P5 from the P95 rate, the fastest)",
        ]
    if result.tornado is not None:
        t = result.tornado
        doc += [
            "",
            Table(
                f"tornado: {t.output}, central {format_flops(t.central)}; each input low → high, others central",
                ("input", "low", "high", "at low", "at high", "swing"),
                tuple(
                    (
                        b.name,
                        format_flops(b.low)
                        if b.unit == "FLOP/s"
                        else f"{b.low:,.4g}{' W' if b.unit == 'W' else ''}",
                        format_flops(b.high)
                        if b.unit == "FLOP/s"
                        else f"{b.high:,.4g}{' W' if b.unit == 'W' else ''}",
                        format_flops(b.output_at_low),
                        format_flops(b.output_at_high),
                        f"{b.swing / t.central:.1%}",
                    )
                    for b in t.ranking
                ),
                "lrrrrr",
            ),
            *[f"  note: {note}" for note in t.notes],
        ]
    if result.sweep is not None:
        w = result.sweep
        doc += [
            "",
            Table(
                f"sweep of {w.vary} ({w.basis} basis), the others central:",
                (
                    w.vary,
                    "accelerators",
                    "H100e",
                    "effective",
                    "FLOP per year",
                    "days to " + f"{w.threshold:.0e}".replace("+", ""),
                    "H100e/MW",
                ),
                tuple(
                    (
                        f"{r.value:.4g}",
                        f"{r.accelerators:,}",
                        _count(r.h100e),
                        format_flops(r.effective),
                        format_flops(r.flop_per_year, "FLOP"),
                        _days(r.days_to_threshold),
                        f"{r.h100e_per_mw:,.0f}",
                    )
                    for r in w.rows
                ),
                "rrrrrrr",
            ),
            *[f"  note: {note}" for note in w.notes],
        ]
    return doc


def compute_document(result: ComputeResult) -> list[Any]:
    """The compute report: H100e, peak and effective FLOP/s, FLOP per year, days, H100e per MW."""
    low, high = result.accelerators_range
    if result.direction == "power" and result.power is not None:
        head = (
            f"{format_power(result.power)} at the {result.basis} basis supports {result.accelerators:,} "
            f"{result.noun}s (whole systems; {low:,}–{high:,} over the chain's range)"
        )
    else:
        head = f"{result.accelerators:,} {result.noun}s ({result.direction} given)"
    h = result.h100e
    doc: list[Any] = [
        head,
        f"  H100e: {_count(h.central)} ({_count(h.low)}–{_count(h.high)})",
        f"    convention: {result.convention}",
    ]
    if result.h100e_16bit is not None:
        h16 = result.h100e_16bit
        doc += [
            f"  H100e (16-bit): {_count(h16.central)} ({_count(h16.low)}–{_count(h16.high)})",
            f"    convention: {result.convention_16bit}",
        ]
    doc += [
        "",
        Table(
            "",
            ("accelerator", "counted per", "units", "H100e each", "from"),
            tuple(
                (
                    line.accelerator,
                    line.counted_as,
                    f"{line.accelerators:,}",
                    f"{line.h100e_per_unit:.3g}",
                    line.h100e_from.upper(),
                )
                for line in result.lines
            ),
            "llrrl",
        ),
        "",
        Table(
            "dense peak throughput of the fleet (no sparsity):",
            ("precision", "low", "central", "high"),
            tuple(
                (f.name.upper(), format_flops(f.low), format_flops(f.central), format_flops(f.high))
                for f in result.peak
            ),
            "lrrr",
        ),
        *[f"  not reported: {line}" for line in result.missing],
        "",
        f"  mfu {result.mfu.central:g} ({result.mfu.low:g}–{result.mfu.high:g}) of dense "
        f"{result.mfu_precision.upper()} peak; source: {result.mfu.note.split(':')[0]}",
        f"  availability {result.availability.central:g} ({result.availability.low:g}–"
        f"{result.availability.high:g}); source: {result.availability.note.split(':')[0]}",
        Table(
            "",
            ("figure", "low", "central", "high"),
            (
                (
                    "effective",
                    *(format_flops(getattr(result.effective, c)) for c in ("low", "central", "high")),
                ),
                (
                    "FLOP per year",
                    *(
                        format_flops(getattr(result.flop_per_year, c), "FLOP")
                        for c in ("low", "central", "high")
                    ),
                ),
                *(
                    (f"days to {d.name} FLOP", _days(d.high), _days(d.central), _days(d.low))
                    for d in result.days_to
                ),
            ),
            "lrrr",
        ),
        "  (days: low column is the slowest case, high the fastest)",
        *(
            [
                f"  mfu needed: {result.mfu_needed.central:.3g} ({result.mfu_needed.low:.3g}–"
                f"{result.mfu_needed.high:.3g}) {result.mfu_needed.note}"
            ]
            if result.mfu_needed is not None
            else []
        ),
        *compute_study_document(result),
        "",
        Table(
            "the fleet's power and H100e per MW at every basis (central H100e):",
            ("basis", "power low", "central", "high", "H100e/MW central", "range"),
            tuple(
                (
                    row.basis,
                    format_power(row.low),
                    format_power(row.central),
                    format_power(row.high),
                    f"{per.central:,.0f}",
                    f"{per.low:,.0f}–{per.high:,.0f}",
                )
                for row, per in zip(result.power_at, result.h100e_per_mw, strict=True)
            ),
            "lrrrrr",
        ),
        *[f"note: {note}" for note in result.notes],
    ]
    return doc
