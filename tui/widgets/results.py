"""Read-only views of a `calc.Report`. They format; they compute no power.

Each watches its screen's reactive ``report`` (attributes down): the screen sets it when a
report lands, and every view redraws itself.
"""

from __future__ import annotations

from typing import Any

from textual.markup import escape
from textual.widget import Widget
from textual.widgets import DataTable, Static

import calc

VERDICT_STYLE = {"implausible": "$error", "plausible": "$success", "ample": "$warning"}
STATUS_MARK = {"in range": "", "below range": " ↓", "above range": " ↑", "impossible": " ✗"}


def watts(quantity: object) -> str:
    """A power per accelerator for display."""
    return calc.format_power(quantity, "W", 1)


def watch_report(widget: Widget, show: Any) -> None:
    """Call `show(report)` now and whenever the widget's screen has a new report."""

    def changed(report: calc.Report | None) -> None:
        if report is not None:
            show(report)

    widget.watch(widget.screen, "report", changed)


class Headline(Static):
    """The verdict, the implied power per accelerator, what must hold, and the capacity."""

    def on_mount(self) -> None:
        self.update("[$text-muted]Computing the report…[/]")
        watch_report(self, lambda report: self.show(report, self.screen.stale))  # type: ignore[attr-defined]
        self.watch(self.screen, "stale", self._stale_changed, init=False)

    def _stale_changed(self, stale: bool) -> None:
        report = self.screen.report  # type: ignore[attr-defined]
        if report is not None:
            self.show(report, stale)

    def show(self, report: calc.Report, stale: bool) -> None:
        stale = stale and bool(self.screen.errors)  # type: ignore[attr-defined]
        verdict = report.claim.verdict
        for name in VERDICT_STYLE:
            self.set_class(verdict == name, f"-{name}")
        self.set_class(stale, "-stale")
        first, *rest = calc.headline_lines(report)
        word, _, tail = first.partition("  ")
        lines = [f"[b {VERDICT_STYLE[verdict]}]{word}[/]  {escape(tail)}", *(escape(line) for line in rest)]
        if stale:
            lines.append("[$warning]Showing the last good result: fix the marked field.[/]")
        self.update("\n".join(lines))


class ChainBars(Static):
    """Power per accelerator at each basis as bars: low, central and high, with the claim marked."""

    _report: calc.Report | None = None

    def on_mount(self) -> None:
        watch_report(self, self.show)

    def on_resize(self) -> None:
        if self._report is not None:
            self.show(self._report)

    def show(self, report: calc.Report) -> None:
        self._report = report
        rows = report.claim.chain
        implied = report.claim.implied_power_per_accelerator.m_as("W")
        top = max(max(row.high.m_as("W") for row in rows), implied) * 1.02
        available = self.size.width or 80
        show_range = available >= 64
        width = max(8, available - 22 - (24 if show_range else 0))
        marker = round(implied / top * width)
        lines = [
            f"[b]Power per {report.claim.noun}[/b], chip → supply",
            "[$text-muted]█ low  ▓ central  ░ high  │ the claim[/]",
        ]
        for row in rows:
            low, central, high = (round(q.m_as("W") / top * width) for q in (row.low, row.central, row.high))
            cells = ["█"] * low + ["▓"] * (central - low) + ["░"] * (high - central)
            cells += [" "] * (width + 1 - len(cells))
            cells[min(marker, width)] = "[b $accent]│[/]"
            span = f" [$text-muted]({watts(row.low)}–{watts(row.high)})[/]" if show_range else ""
            lines.append(f"{calc.BASIS_LABELS[row.basis]:<8} {''.join(cells)} {watts(row.central):>10}{span}")
        self.update("\n".join(lines))


class ReadingsTable(Static):
    """Each reading of the claim with its verdict and the break-even value of each assumption."""

    STATUS_STYLE = {
        "in range": "",
        "below range": "$warning",
        "above range": "$warning",
        "impossible": "$error",
    }

    def on_mount(self) -> None:
        watch_report(self, self.show)

    _report: calc.Report | None = None

    def on_resize(self) -> None:
        if self._report is not None:
            self.show(self._report)

    def show(self, report: calc.Report) -> None:
        self._report = report
        width = self.size.width or 80
        table = calc.readings_table(report.claim)
        lines: list[str] = []
        for reading, row in zip(report.claim.readings, table.rows, strict=True):
            basis, verdict, span, _central, supports, _evens = row
            style = VERDICT_STYLE[reading.verdict]
            head = [
                (f"{basis:<8} {verdict:<11}", f"[b]{basis:<8}[/b] [{style}]{verdict:<11}[/]"),
                (span, span),
                (f"supports {supports}", f"supports {supports}"),
            ]
            lines += flow(head, width, indent=9)
            evens = []
            for e in reading.break_even:
                text = f"{e.assumption} {e.value:.3f}{STATUS_MARK[e.status]}"
                style = self.STATUS_STYLE[e.status]
                evens.append((text, f"[{style}]{text}[/]" if style else text))
            evens = [(p + ",", m + ",") for p, m in evens[:-1]] + evens[-1:]
            lines += flow(
                [("break-even:", "break-even:"), *evens] if evens else [("break-even: –", "break-even: –")],
                width,
                indent=9,
                first=9,
            )
        self.update("\n".join(lines))


def flow(tokens: list[tuple[str, str]], width: int, indent: int, first: int = 0) -> list[str]:
    """Lay out (plain, markup) tokens in lines of at most `width` cells, never splitting one.

    A line that wraps goes on under the first line's text (`indent` spaces), not at column 0,
    and a number never breaks from its unit.
    """
    lines: list[str] = []
    plain_length, parts = first, [" " * first] if first else []
    for plain, markup in tokens:
        gap = 1 if plain_length > (first if not lines else indent) else 0
        if plain_length + gap + len(plain) > width and plain_length > (first if not lines else indent):
            lines.append("".join(parts))
            plain_length, parts, gap = indent, [" " * indent], 0
        parts.append(" " * gap + markup)
        plain_length += gap + len(plain)
    lines.append("".join(parts))
    return lines


class MethodsTable(DataTable):
    """The same claim under each assumption set, side by side: one column per reading."""

    def on_mount(self) -> None:
        self.cursor_type = "none"
        self.can_focus = False  # nothing to select in it: no invisible focus stop
        watch_report(self, self.show)

    def show(self, report: calc.Report) -> None:
        table = calc.methods_table(report.methods)
        self.clear(columns=True)
        self.add_columns(*table.header)
        for row in table.rows:
            self.add_row(*row)


class Notes(Static):
    """The core's notes on the claim: estimates used, user presets, unit conversions."""

    def on_mount(self) -> None:
        self.display = False
        watch_report(self, self.show)

    def show(self, report: calc.Report) -> None:
        notes = report.claim.notes
        self.display = bool(notes)
        self.update("[b]Notes[/b]\n" + "\n".join(f"• {escape(note)}" for note in notes))
