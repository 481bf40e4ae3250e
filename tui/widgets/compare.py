"""A/B: a pinned scenario beside the one being edited; and a sweep of one assumption.

They render what calc computes (`calc.compare`, `calc.ui.comparison_table`, `calc.sweep`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import DataTable, Label, Select, Static

import calc
import calc.ui
from tui.widgets.results import VERDICT_STYLE, View
from tui.widgets.tables import cell, fitted_widths, header_height

SWEEP_POINTS = 16
"""Rows of the sweep chart: one a line, so it fits a 24-line terminal."""


class ComparePanel(Vertical):
    """A (pinned) and B (the current scenario) side by side, with B - A.

    The figures are a table that scrolls sideways in a narrow terminal: a number never wraps.
    """

    def compose(self) -> ComposeResult:
        yield View(
            "[$text-muted]Press ctrl+b (or 'Pin as A' in the palette) to pin this scenario as A.[/]",
            id="compare-heads",
        )
        table: DataTable[str] = DataTable(id="compare-table", cursor_type="none", zebra_stripes=True)
        table.display = False
        yield table
        yield Static("", id="compare-stale", classes="field-error")

    _shown: tuple[calc.Report, calc.Report, bool] | None = None
    _fitted_to = 0

    def on_resize(self) -> None:
        if self._shown is not None and self.scrollable_content_region.width != self._fitted_to:
            self.show(*self._shown)

    def show(self, pinned: calc.Report, current: calc.Report, stale: bool) -> None:
        comparison = calc.compare(pinned, current)
        table = calc.ui.comparison_table(comparison)
        self.query_one("#compare-heads", View).put(
            f"[b]A[/b] {escape(comparison.head_a)}\n[b]B[/b] {escape(comparison.head_b)}"
        )
        view = self.query_one("#compare-table", DataTable)
        view.display = True
        view.clear(columns=True)
        # the columns fit the panel, the figures' names wrapping first: B - A is never cut off
        self._shown = (pinned, current, stale)
        available = self.scrollable_content_region.width or 10_000
        self._fitted_to = available
        widths = fitted_widths(table.header, table.rows, available, folds=(0,))
        view.header_height = header_height(table.header, widths)
        for label, width in zip(table.header, widths, strict=True):
            view.add_column(label, key=label or "figure", width=width)
        for row in table.rows:
            cells = [cell(text, a) for text, a in zip(row, table.align, strict=True)]
            if row[3] == "changed":
                for one in cells:
                    one.stylize("bold")
            view.add_row(*cells, height=None)
        message = self.query_one("#compare-stale", Static)
        message.update("B is the last good result: fix the marked field." if stale else "")
        message.set_class(stale, "-shown")


class SweepPanel(Vertical):
    """GPUs supported as one assumption varies over its range, the claimed count drawn on it."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="panel-row"):
            yield Label("vary", classes="assumption-name")
            yield Select(
                [(name, name) for name in calc.ui.RANGED if name != "server_factor"],
                value="pue",
                allow_blank=False,
                id="sweep-vary",
                compact=True,
            )
        yield Static("[$text-muted]Computing…[/]", id="sweep-chart")

    def show(self, result: calc.SweepResult, claimed: int | None, stale: bool) -> None:
        rows = [r for r in result.rows if r.accelerators is not None]
        chart = self.query_one("#sweep-chart", Static)
        if not rows:
            chart.update("[$text-muted]A sweep of the supported count needs a power.[/]")
            return
        top = max(max(r.accelerators or 0 for r in rows), claimed or 0) or 1
        width = max(10, (self.size.width or 60) - 30)
        marker = None if claimed is None else min(width, round(claimed / top * width))
        lines = [
            f"[b]GPUs supported[/b] at the {result.basis} basis as {result.vary} varies "
            f"(others central); [b $accent]│[/] the claim"
            + (f" ({claimed:,})" if claimed is not None else ""),
        ]
        for r in rows:
            length = round((r.accelerators or 0) / top * width)
            cells = ["█"] * length + [" "] * (width + 1 - length)
            if marker is not None:
                cells[marker] = "[b $accent]│[/]"
            style = VERDICT_STYLE.get(r.verdict or "", "")
            count = f"{r.accelerators:>9,}"
            lines.append(
                f"{result.vary} {r.value:5.3f} {''.join(cells)} "
                + (f"[{style}]{count}[/]" if style else count)
            )
        if stale:
            lines.append("[$warning]The last good result: fix the marked field.[/]")
        self.set_class(stale, "-stale")
        chart.update("\n".join(lines))
