"""Read-only views of a `calc.Report`. They format; they compute no power."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import DataTable, Static

import calc

VERDICT_STYLE = {"implausible": "$error", "plausible": "$success", "ample": "$warning"}
STATUS_MARK = {"in range": "", "below range": " ↓", "above range": " ↑", "impossible": " ✗"}


def watts(quantity: object) -> str:
    """A power per accelerator for display."""
    return calc.format_power(quantity, "W", 1)


class Headline(Static):
    """The verdict, the implied power per accelerator, what must hold, and the capacity."""

    def show(self, report: calc.Report, stale: bool) -> None:
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

    def show(self, report: calc.Report) -> None:
        table = calc.readings_table(report.claim)
        lines = []
        for reading, row in zip(report.claim.readings, table.rows, strict=True):
            basis, verdict, span, _central, supports, _evens = row
            style = VERDICT_STYLE[reading.verdict]
            lines.append(f"[b]{basis:<8}[/b] [{style}]{verdict:<11}[/] {span}   supports {supports}")
            evens = []
            for e in reading.break_even:
                text = f"{e.assumption} {e.value:.3f}{STATUS_MARK[e.status]}"
                style = self.STATUS_STYLE[e.status]
                evens.append(f"[{style}]{text}[/]" if style else text)
            lines.append("         break-even: " + (", ".join(evens) or "–"))
        self.update("\n".join(lines))


class MethodsTable(DataTable):
    """The same claim under each assumption set, side by side: one column per reading."""

    def on_mount(self) -> None:
        self.cursor_type = "none"

    def show(self, report: calc.Report) -> None:
        table = calc.methods_table(report.methods)
        self.clear(columns=True)
        self.add_columns(*table.header)
        for row in table.rows:
            self.add_row(*row)


class Notes(Static):
    """The core's notes on the claim: estimates used, user presets, unit conversions."""

    def show(self, report: calc.Report) -> None:
        notes = report.claim.notes
        self.display = bool(notes)
        self.update("[b]Notes[/b]\n" + "\n".join(f"• {escape(note)}" for note in notes))
