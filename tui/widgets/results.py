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
        claim = report.claim
        noun = claim.noun
        style = VERDICT_STYLE[claim.verdict]
        for verdict in VERDICT_STYLE:
            self.set_class(claim.verdict == verdict, f"-{verdict}")
        self.set_class(stale, "-stale")
        supports = " · ".join(
            f"[b]{c.accelerators:,}[/b] {noun}s as {calc.BASIS_LABELS[c.basis]} power "
            f"({c.systems:,} systems" + (f", {c.racks:,} racks" if c.racks is not None else "") + ")"
            for c in report.capacity
        )
        lines = [
            f"[b {style}]{claim.verdict.upper()}[/]  [b]{watts(claim.implied_power_per_accelerator)}[/b]"
            f" per {noun} implied ({escape(calc.format_power(claim.real_power))} / "
            f"{claim.accelerators:,} {noun}s, basis {claim.basis})",
            escape(claim.conclusion),
            f"Supports {supports}",
        ]
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
        lines = []
        for reading in report.claim.readings:
            style = VERDICT_STYLE[reading.verdict]
            lines.append(
                f"[b]{calc.BASIS_LABELS[reading.basis]:<8}[/b] [{style}]{reading.verdict:<11}[/] "
                f"{watts(reading.low)}–{watts(reading.high)}   supports "
                f"{reading.supported_accelerators:,}"
            )
            evens = []
            for e in reading.break_even:
                text = f"{e.assumption} {e.value:.3f}{STATUS_MARK[e.status]}"
                style = self.STATUS_STYLE[e.status]
                evens.append(f"[{style}]{text}[/]" if style else text)
            lines.append("         break-even: " + (", ".join(evens) or "–"))
        self.update("\n".join(lines))


class MethodsTable(DataTable):
    """The same claim under each assumption set, side by side."""

    def on_mount(self) -> None:
        self.cursor_type = "none"
        self.add_columns("method", "verdict", "IT low–high", "facility low–high")

    def show(self, report: calc.Report) -> None:
        self.clear()
        for result in report.methods:
            spans = {r.basis: f"{watts(r.low)}–{watts(r.high)}" for r in result.readings}
            self.add_row(
                result.method,
                result.verdict,
                spans.get("it", "–"),
                spans.get("facility", spans.get(result.basis, "–")),
            )


class Notes(Static):
    """The core's notes on the claim: estimates used, user presets, unit conversions."""

    def show(self, report: calc.Report) -> None:
        notes = report.claim.notes
        self.display = bool(notes)
        self.update("[b]Notes[/b]\n" + "\n".join(f"• {escape(note)}" for note in notes))
