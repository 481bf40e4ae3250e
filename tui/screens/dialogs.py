"""Small modal dialogs: a path to save, open or export, and the unsaved-changes question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static


class PathDialog(ModalScreen[str | None]):
    """Ask for a file path; dismiss with it, or with None on cancel."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without doing anything.")]

    def __init__(self, title: str, path: str, action: str) -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._path = path
        self._action = action

    def compose(self) -> ComposeResult:
        with Grid(id="dialog-body"):
            yield Label(self._title, id="dialog-title")
            yield Input(self._path, id="dialog-path")
            # the whole path, wrapped: a long one scrolls in the input and its start is hidden
            yield Static(escape(self._path), id="dialog-path-shown")
            with Horizontal(id="dialog-buttons"):
                yield Button(self._action, variant="primary", id="dialog-ok")
                yield Button("Cancel", id="dialog-cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#dialog-path", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#dialog-path-shown", Static).update(escape(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "dialog-ok":
            self.dismiss(self.query_one("#dialog-path", Input).value.strip() or None)
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuitDialog(ModalScreen[str]):
    """Unsaved changes: save, discard or stay. Dismisses with "save", "discard" or "cancel"."""

    BINDINGS = [
        Binding("s", "choose('save')", "Save", tooltip="Save the scenario first."),
        Binding("d", "choose('discard')", "Discard", tooltip="Go on without saving."),
        Binding("escape", "choose('cancel')", "Cancel", tooltip="Go back to the scenario."),
    ]

    def __init__(self, question: str = "The scenario has unsaved changes. Save before quitting?") -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Grid(id="dialog-body"):
            yield Label(self._question, id="dialog-title")
            with Horizontal(id="dialog-buttons"):
                yield Button("Save", variant="primary", id="quit-save")
                yield Button("Discard", variant="error", id="quit-discard")
                yield Button("Cancel", id="quit-cancel")
        yield Footer(compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "quit-cancel").removeprefix("quit-"))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class ConfirmDialog(ModalScreen[bool]):
    """A yes-or-no question (a file to overwrite): dismisses with True only when confirmed."""

    BINDINGS = [
        Binding("y", "choose(True)", "Yes", tooltip="Go ahead."),
        Binding("escape,n", "choose(False)", "No", tooltip="Go back without doing it."),
    ]

    def __init__(self, question: str, action: str) -> None:
        super().__init__(classes="dialog")
        self._question = question
        self._action = action

    def compose(self) -> ComposeResult:
        with Grid(id="dialog-body"):
            yield Label(escape(self._question), id="dialog-title")
            with Horizontal(id="dialog-buttons"):
                yield Button(self._action, variant="error", id="confirm-yes")
                yield Button("Cancel", variant="primary", id="confirm-no")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()  # Enter alone never overwrites

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_choose(self, choice: bool) -> None:
        self.dismiss(choice)
