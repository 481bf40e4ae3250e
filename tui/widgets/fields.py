"""Input fields: one editable value each, with keys to nudge it, and fleet rows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Select

import calc


class FieldInput(Input):
    """An Input bound to one scenario field; up/down nudge its value by 1 % (shift: 10 %)."""

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

    def __init__(self, key: str, value: str, **kwargs: object) -> None:
        super().__init__(value=value, **kwargs)  # type: ignore[arg-type]
        self.key = key
        """The scenario field this input edits ("power", "pue.central", "fleet.0.count", ...)."""

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
            self.value = calc.nudge_text(self.value, self.key, fraction)
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
            f"fleet.{self.index}.count",
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
