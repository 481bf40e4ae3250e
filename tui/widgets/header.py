"""The app's header: Textual's, with a title that changes without a layout of the screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class Title(HeaderTitle):
    """The header's title line. Its size is the header's whatever it says, so a new title
    ("  •  unsaved" coming or going as an edit is typed) is drawn in place: Textual's asks for
    a layout of every widget on screen."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=layout)


class TitleHeader(Header):
    """Textual's Header with `Title` for its title."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield Title() if type(widget) is HeaderTitle else widget
