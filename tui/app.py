"""The dcpower Textual app: global keys, dialogs and the calculator screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.reactive import var
from textual.widgets import Input, Select

import calc
import calc.ui
from tui.commands import DcpowerCommands
from tui.screens import CalculatorScreen, QuitDialog
from tui.widgets import ClaimsPanel, FieldInput

DEFAULT_FACILITY = "colossus-1"
"""The facility the app opens on, and falls back to when the one asked for does not open."""


class DcpowerApp(App[int]):
    """Explore the assumptions behind a datacenter power claim."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere keep the look
    TITLE = "dcpower"
    # `var`, not App's reactive: the header watches it, and a change ("unsaved" comes or goes)
    # repaints the header only, not the whole screen (about 150 ms on a busy machine)
    sub_title: var[str] = var("")
    COMMANDS = App.COMMANDS | {DcpowerCommands}
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", priority=True, tooltip="Quit (asks first if there are unsaved changes)."
        ),
        Binding("f1", "help", "Help", tooltip="Keys and the glossary of power bases."),
    ]

    def __init__(self, facility: str = DEFAULT_FACILITY, web: bool | None = None) -> None:
        super().__init__()
        self._facility = facility
        self.web = web
        """Whether the app is in a web browser (downloads instead of files; see tui/web.py); None:
        as Textual's driver says."""

    async def on_event(self, event: events.Event) -> None:
        """Apply each key to a focused text field at once, in the order the keys came.

        Textual inserts a printable key in the focused Input at once, but runs bound keys (tab,
        backspace, ctrl+u, up) only after the key has bubbled back up to the app through every
        ancestor's queue; keys that arrive together are all forwarded to the field that had
        focus when the first came (Textual issue #6605). Under load, "250 MW", tab, tab,
        "200000" then leaves "250 MW2000" in the power field. Here the app itself runs the
        key's binding, or inserts its character, before it takes the next key (for a text
        field anywhere, and for every widget of the calculator: a Select that tab leaves must
        not receive the digits typed after the tab).
        """
        field = self.focused if isinstance(event, events.Key) and self._screen_stack else None
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and field is not None
            and (isinstance(field, Input) or isinstance(self.screen, CalculatorScreen))
            and self.screen.maximized is None
        ):
            self.app_focus = True
            self.screen._clear_tooltip()
            if await self._check_bindings(event.key, priority=True):
                return
            if event.is_printable and isinstance(field, Input):
                event._set_forwarded()
                await field._on_key(event)
                return
            if await self._check_bindings(event.key):
                moved_to = self.focused
                if moved_to is not field and isinstance(moved_to, FieldInput):
                    moved_to.select_all_now()  # before the next key, not when Focus arrives
                return
        await super().on_event(event)

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """Restyle a node whose classes changed, unless it is not in the DOM yet.

        Textual restyles a widget and its children against the whole stylesheet whenever one of
        its classes changes, also while it is being built (`compact=True`, an Input's first
        value marking it `-valid`): about a millisecond a widget, for styles that its mount
        works out again. A node not yet in the DOM is left to its mount.
        """
        if node is self or node.is_attached:
            super().update_styles(node, animate)

    def on_mount(self) -> None:
        facility = self._facility
        try:
            scenario = calc.scenario_from_facility(facility)
            calc.ui.scenario_fields(scenario)  # what the screen shows: a method that is a preset
        except calc.CalcError as error:
            if facility == DEFAULT_FACILITY:
                self.exit(2, message=str(error))
                return
            # the bundled default opens instead, and the message says why the file did not
            self.notify(str(error), title="Not opened", severity="error", timeout=15)
            facility = DEFAULT_FACILITY
            try:
                scenario = calc.scenario_from_facility(facility)
            except calc.CalcError as again:
                self.exit(2, message=str(again))
                return
        self.push_screen(CalculatorScreen(scenario, facility))

    @property
    def calculator(self) -> CalculatorScreen:
        """The calculator screen (under any dialog)."""
        return next(s for s in self.screen_stack if isinstance(s, CalculatorScreen))

    # ------------------------------------------------------------------------------ actions

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen  # with its Markdown parser, when first asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def ask_unsaved(self, question: str, then: Callable[[], object]) -> None:
        """Run `then` at once if nothing is unsaved; else ask: save first, discard, or cancel."""
        if not self.calculator.dirty:
            self.call_later(then)
            return

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.call_later(then)
            elif choice == "save":
                self.calculator.action_save(then=then)

        if not isinstance(self.screen, QuitDialog):
            self.push_screen(QuitDialog(question), chosen)

    async def action_quit(self) -> None:
        self.ask_unsaved("The scenario has unsaved changes. Save before quitting?", lambda: self.exit(0))

    def switch_scenario(self, source: str) -> None:
        """Open a facility preset id or a saved scenario file, asking first about unsaved edits."""
        self.ask_unsaved(
            "The scenario has unsaved changes. Save them before opening another?",
            lambda: self.run_worker(self.open_facility(source), exclusive=True, group="open"),
        )

    @on(ClaimsPanel.Open)
    def _open_claim(self, event: ClaimsPanel.Open) -> None:
        """Open a claim (a sentence or a ledger entry) as the scenario, asking about unsaved edits."""

        async def load() -> None:
            screen = self.calculator
            try:
                await screen.load(event.scenario, event.source)
            except calc.CalcError as error:
                self.notify(str(error), title="Not opened", severity="error")
                return
            # the claim's verdict, its fields focused (focus left in the Claims tab would show it again)
            screen.query_one(screen.AUTO_FOCUS or "#power").focus()
            screen.action_panel("claim")

        self.ask_unsaved(
            "The scenario has unsaved changes. Save them before opening the claim?",
            lambda: self.run_worker(load(), exclusive=True, group="open"),
        )

    async def open_facility(self, source: str) -> None:
        """Load a facility preset id or a saved scenario file into the calculator."""
        try:
            scenario = calc.scenario_from_facility(
                str(Path(source).expanduser()) if source.endswith(".toml") else source
            )
            await self.calculator.load(scenario, source)  # refused before the screen changes
        except calc.CalcError as error:
            self.notify(str(error), title="Not opened", severity="error")

    def set_method(self, method: str) -> None:
        """Switch the method (the assumption set)."""
        self.calculator.query_one("#method", Select).value = method


def run_app(facility: str = "colossus-1") -> int:
    """Run the app on a facility preset id or a saved scenario path; return the exit code."""
    app = DcpowerApp(facility=facility)
    app.run()
    return app.return_code or 0
