"""Input fields: one editable value each, with keys to nudge it, and fleet rows."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Select

_NUMBER_RE = re.compile(r"^\s*([-+]?[\d,]*\.?\d+(?:[eE][-+]?\d+)?)(.*)$")


class FieldInput(Input):
    """An Input bound to one scenario field; up/down nudge a number by its step."""

    NUDGE = Binding.Group("Nudge", compact=True)
    BINDINGS = [
        Binding(
            "up", "nudge(1)", "Nudge up", group=NUDGE, tooltip="Raise the number in this field by one step."
        ),
        Binding("down", "nudge(-1)", "Nudge down", group=NUDGE, tooltip="Lower the number by one step."),
    ]

    def __init__(self, key: str, value: str, step: float, **kwargs: object) -> None:
        super().__init__(value=value, **kwargs)  # type: ignore[arg-type]
        self.key = key
        """The scenario field this input edits ("power", "pue.central", "fleet.0.count", ...)."""
        self.step = step
        """How much one nudge changes the number."""

    def action_nudge(self, direction: int) -> None:
        """Step the leading number of the text, keeping any unit after it."""
        match = _NUMBER_RE.match(self.value)
        if match is None:
            self.app.bell()
            return
        number = float(match.group(1).replace(",", "")) + direction * self.step
        decimals = max(0, -int(f"{self.step:e}".split("e")[1]))
        text = f"{number:.{decimals}f}" if decimals else f"{round(number)}"
        self.value = text + match.group(2)
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
            1000.0,
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
