"""Input fields: one editable value each, with keys to nudge it, and fleet rows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.strip import Strip
from textual.widgets import Button, Input, Select

import calc
import calc.ui


def shortened(text: str, width: int) -> str:
    """`text` in at most `width` cells, saying so when it is not whole: a number rounded to the
    figures that fit, with "…" ("0.98865…" for 0.9886451612903225), other text cut with "…"."""
    if len(text) <= width:
        return text
    if width < 2:
        return "…"[:width]
    try:
        number = float(text)
    except ValueError:
        return text[: width - 1] + "…"
    for figures in range(max(len(text), 1), 0, -1):
        rounded = f"{number:.{figures}g}"
        if len(rounded) + 1 <= width and rounded != text:
            return rounded + "…"
    return text[: width - 1] + "…"


class FieldInput(Input):
    """An Input bound to one scenario field; up/down nudge its value by 1 % (shift: 10 %).

    A value wider than the field shows whole while the field is focused (it scrolls under the
    cursor); unfocused, it shows from its start, rounded or cut with "…" to say it is not whole,
    never a tail that reads as another number.
    """

    BINDINGS = [
        Binding(
            "up",
            "nudge(0.01)",
            "Nudge",
            key_display="↑↓",
            tooltip="Raise the value by 1 % in its own unit (↓ lowers it; shift for 10 %).",
        ),
        Binding("down", "nudge(-0.01)", "Nudge down", show=False, tooltip="Lower the value by 1 %."),
        Binding("shift+up", "nudge(0.1)", "Nudge up 10%", show=False, tooltip="Raise the value by 10 %."),
        Binding(
            "shift+down", "nudge(-0.1)", "Nudge down 10%", show=False, tooltip="Lower the value by 10 %."
        ),
    ]

    def __init__(self, key: calc.ui.FieldKey, value: str, **kwargs: object) -> None:
        super().__init__(value=value, **kwargs)  # type: ignore[arg-type]
        self.key = key
        """The scenario field this input edits (power, pue.central, fleet.0.count, ...)."""

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        # unfocused, from the start even when it fits: a value as wide as the field stays
        # scrolled by the cell the cursor took after its last figure ("0.06" showed ".06")
        if y != 0 or self.has_focus or not self.value or self.password:
            return super().render_line(y)
        text = Text(shortened(self.value, width), no_wrap=True, end="")
        options = self.app.console_options.update_width(width + 1)
        strip = Strip(list(self.app.console.render(text, options))).extend_cell_length(width + 1)
        return strip.crop(0, width + 1).apply_style(self.rich_style)

    def select_all_now(self) -> None:
        """Select the text as focusing does, at once: keys already on their way replace it.

        The Focus event that follows must not select again what those keys typed: selecting on
        focus is off until that event has been handled.
        """
        if self.select_on_focus:
            self.select_all()
            self.select_on_focus = False
            self.call_later(setattr, self, "select_on_focus", True)

    def action_nudge(self, fraction: float) -> None:
        """Step the value: calc moves it in its own unit; a value that does not parse rings."""
        try:
            self.value = calc.ui.nudge_text(self.value, self.key, fraction)
        except calc.CalcError:
            self.app.bell()
            return
        self.cursor_position = len(self.value)


class FleetRow(Horizontal):
    """One accelerator type of the fleet: its preset and its count, and a button to remove it."""

    DEFAULT_CSS = """
    FleetRow { height: auto; }
    FleetRow Select { width: 1fr; }
    FleetRow FieldInput { width: 10; margin-left: 1; }
    FleetRow Button { min-width: 3; width: 3; margin-left: 1; }
    """

    def __init__(self, index: int, accelerator: str, count: str, options: list[tuple[str, str]]) -> None:
        super().__init__(classes="fleet-row")
        self.index = index
        self._accelerator = accelerator
        self._count = count
        self._options = options

    def compose(self) -> ComposeResult:
        yield Select(
            self._options,
            value=self._accelerator,
            allow_blank=False,
            compact=True,
            id=f"fleet-{self.index}-accelerator",
            classes="fleet-accelerator",
            tooltip="Accelerator type (a preset)",
        )
        yield FieldInput(
            calc.ui.FieldKey.fleet(self.index, "count"),
            self._count,
            compact=True,
            id=f"fleet-{self.index}-count",
            tooltip="Count, or weight in the mix",
        )
        yield Button(
            "✕",
            id=f"fleet-{self.index}-remove",
            classes="fleet-remove",
            compact=True,
            tooltip="Remove this accelerator type",
        )
