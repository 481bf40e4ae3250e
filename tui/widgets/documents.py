"""A calc document in a panel: its lines as text, each `calc.ui.Table` as a DataTable that fits.

A panel formats nothing of its own: it shows the document `calc.ui.document` gives the CLI for the
same result (``dcpower uncertainty``, ``tornado``, ``energy``, ``capex``, ``orbital``,
``compute``), line for line and row for row. A table's columns fit the panel's width, a long
cell wrapping in its column; a number never wraps, and a table too wide even so scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import DataTable

import calc
import calc.ui
from tui.widgets.results import View
from tui.widgets.tables import cell, fitted_widths, header_height

Block = str | calc.ui.Table
"""A run of a document's lines (a table's title among them), or one of its tables."""


def blocks(document: Iterable[str | calc.ui.Table]) -> list[Block]:
    """The document as runs of lines between its tables; blank lines at a run's ends dropped
    (a table has a margin under it)."""
    out: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        text = "\n".join(lines).strip("\n")
        if text:
            out.append(text)
        lines.clear()

    for item in document:
        if isinstance(item, calc.ui.Table):
            if item.title:
                lines.append(item.title)
            flush()
            out.append(item)
        else:
            lines.append(item)
    flush()
    return out


def fill_table(view: DataTable[str], table: calc.ui.Table, available: int) -> None:
    """Put a `calc.ui.Table` into a DataTable with columns fitted to `available` cells."""
    view.clear(columns=True)
    header = table.header or ("",) * len(table.align)
    widths = fitted_widths(header, table.rows, available, folds=(0,))
    view.show_header = bool(table.header)
    view.header_height = header_height(header, widths) if table.header else 1
    for index, (label, width) in enumerate(zip(header, widths, strict=True)):
        view.add_column(label, key=f"column-{index}", width=width)
    for row in table.rows:
        view.add_row(*(cell(text, a) for text, a in zip(row, table.align, strict=True)), height=None)


class DocumentTable(DataTable[str]):
    """A `calc.ui.Table` in a DataTable, filled when it is mounted."""

    def __init__(self, table: calc.ui.Table, available: int) -> None:
        super().__init__(cursor_type="none", zebra_stripes=True)
        self._pending: tuple[calc.ui.Table, int] | None = (table, available)

    def on_mount(self) -> None:
        if self._pending is not None:
            self.fill(*self._pending)

    def fill(self, table: calc.ui.Table, available: int) -> None:
        self._pending = None
        fill_table(self, table, available)


class DocumentView(Vertical):
    """Shows a document: a `View` for each run of lines, a `DataTable` for each table."""

    DEFAULT_CSS = """
    DocumentView {
        height: auto;
    }
    DocumentView > DataTable {
        height: auto;
        margin-bottom: 1;
    }
    """

    document: tuple[str | calc.ui.Table, ...] = ()
    """What is shown, as calc made it."""
    _fitted_to = 0

    def show(self, document: Sequence[str | calc.ui.Table], first_bold: bool = True) -> None:
        """Show `document`; its first line in bold when `first_bold` (a panel's heading)."""
        self.document = tuple(document)
        parts = blocks(self.document)
        available = self.content_region.width or 10_000
        self._fitted_to = available
        texts = [self._markup(part, index == 0 and first_bold) for index, part in enumerate(parts)]
        kinds = [DocumentTable if isinstance(part, calc.ui.Table) else View for part in parts]
        if [type(child) for child in self.children] != kinds:
            # new widgets take what they show with them: a table is filled once it is mounted
            self.remove_children()
            self.mount_all(
                [
                    DocumentTable(part, available) if isinstance(part, calc.ui.Table) else View(text)
                    for part, text in zip(parts, texts, strict=True)
                ]
            )
            return
        for part, text, widget in zip(parts, texts, self.children, strict=True):
            if isinstance(widget, DocumentTable):
                widget.fill(part, available)  # type: ignore[arg-type]
            else:
                widget.put(text)  # type: ignore[attr-defined]

    @staticmethod
    def _markup(part: Block, bold: bool) -> str:
        if isinstance(part, calc.ui.Table):
            return ""
        lines = [escape(line) for line in part.split("\n")]
        if bold:
            lines[0] = f"[b]{lines[0]}[/b]"
        return "\n".join(lines)

    def clear(self) -> None:
        """Show nothing."""
        self.show(())

    def on_resize(self) -> None:
        if self.document and self.content_region.width != self._fitted_to:
            self.show(self.document)

    def tables(self) -> list[tuple[tuple[str, ...], list[tuple[str, ...]]]]:
        """Each table shown: its column labels (none for a table without a header) and its
        rows, as plain text."""
        return [shown_table(table) for table in self.query_children(DataTable)]

    def plain(self) -> str:
        """Everything shown, as plain text: lines as wrapped, a table's cells two spaces apart."""
        out: list[str] = []
        for child in self.children:
            if isinstance(child, DataTable):
                labels, rows = shown_table(child)
                out += ["  ".join(row) for row in ([labels] if labels else []) + rows]
            else:
                out.append(str(child.render()))
        return "\n".join(out)


def shown_table(table: DataTable[str]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """A DataTable's column labels (none when its header is hidden) and rows, as plain text."""
    labels = tuple(str(column.label) for column in table.columns.values()) if table.show_header else ()
    return labels, [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
