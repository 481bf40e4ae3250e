"""Table columns that fit the width they are given: they shrink and wrap, never cut a word.

A column is never narrower than its longest word, so a number ("2,430,720", "1,363.6 W" holds
no space inside its figure) wraps whole to the next line of its cell or not at all. Only when even
the longest words do not fit does the table scroll sideways.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.text import Text

PADDING = 2
"""Cells a DataTable adds to each column (one each side)."""
FOLD_FLOORS = (8, 4)
"""How narrow a name column folds: first to 8 cells, then, where the figures still do not fit, to 4."""


def longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def fitted_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    available: int,
    folds: Sequence[int] = (),
    fold_floors: Sequence[int] = FOLD_FLOORS,
) -> list[int]:
    """Column widths that fit `available` cells: each column at its natural width where there is
    room, else the widest shrunk first, one cell at a time, down to its longest word (the columns
    in `folds`, names rather than figures, down to 8 cells: a long name folds). Where even that is
    too wide, the names fold further, down to 4 cells, before a figure is cut by the pane's edge."""
    columns = list(zip(header, *rows, strict=True)) if rows else [(h,) for h in header]
    widths = [max(len(cell) for cell in column) for column in columns]
    words = [max(longest_word(cell) for cell in column) for column in columns]
    room = available - PADDING * len(widths)
    for fold_floor in fold_floors:
        floors = [
            min(fold_floor, width) if index in folds else words[index] for index, width in enumerate(widths)
        ]
        while sum(widths) > room:
            slack = [w - f for w, f in zip(widths, floors, strict=True)]
            widest = max(range(len(widths)), key=lambda i: (slack[i] > 0, widths[i]))
            if slack[widest] <= 0:
                break  # every column at its floor: fold the names further, or scroll sideways
            widths[widest] -= 1
    return widths


def cell(text: str, align: str = "l") -> Text:
    """A cell that wraps at spaces within its column (folds only a word wider than the column)."""
    return Text(text, justify="right" if align == "r" else "left", overflow="fold")


def fitting_columns(
    header: Sequence[str], rows: Sequence[Sequence[str]], available: int, optional: Sequence[int], folds=()
) -> list[int]:
    """The columns to show: all, or without the `optional` ones (in that order) until the rest
    fit `available` cells at their narrowest."""
    shown = list(range(len(header)))
    for index in optional:
        widths = fitted_widths(
            [header[i] for i in shown],
            [[row[i] for i in shown] for row in rows],
            available,
            [shown.index(i) for i in folds if i in shown],
            FOLD_FLOORS[:1],  # a column gives way before the names fold below 8 cells
        )
        if sum(widths) + PADDING * len(widths) <= available:
            break
        shown.remove(index)
    return shown


def header_height(labels: Sequence[str], widths: Sequence[int]) -> int:
    """Lines the header needs for its labels wrapped at their columns' widths."""
    return max(
        (
            len(textwrap.wrap(label, width, break_long_words=True))
            for label, width in zip(labels, widths, strict=True)
        ),
        default=1,
    )
