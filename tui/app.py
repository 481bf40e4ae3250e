"""The dcpower Textual app: global keys, dialogs and the calculator screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

import calc
from tui.commands import DcpowerCommands
from tui.screens import CalculatorScreen, HelpScreen, PathDialog, QuitDialog


class DcpowerApp(App[int]):
    """Explore the assumptions behind a datacenter power claim."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere keep the look
    TITLE = "dcpower"
    COMMANDS = App.COMMANDS | {DcpowerCommands}
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", priority=True, tooltip="Quit (asks first if there are unsaved changes)."
        ),
        Binding("f1", "help", "Help", tooltip="Keys and the glossary of power bases."),
        Binding("ctrl+s", "save", "Save", tooltip="Save the scenario as a facility preset."),
        Binding("ctrl+o", "open", "Open", tooltip="Open a saved scenario or a facility preset."),
        Binding("ctrl+r", "export", "Export", tooltip="Export the report as Markdown and JSON."),
    ]

    def __init__(self, facility: str = "colossus-1") -> None:
        super().__init__()
        self._facility = facility

    def on_mount(self) -> None:
        scenario = calc.scenario_from_facility(self._facility)
        self.push_screen(CalculatorScreen(scenario, self._facility))

    @property
    def calculator(self) -> CalculatorScreen:
        """The calculator screen (under any dialog)."""
        return next(s for s in self.screen_stack if isinstance(s, CalculatorScreen))

    # ------------------------------------------------------------------------------ actions

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if not self.calculator.dirty:
            self.exit(0)
            return

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.exit(0)
            elif choice == "save":
                self.action_save(then_quit=True)

        if not isinstance(self.screen, QuitDialog):
            self.push_screen(QuitDialog(), chosen)

    def default_save_path(self) -> Path:
        screen = self.calculator
        if screen.save_path is not None:
            return screen.save_path
        stem = screen.base.id if screen.base.id.endswith("-scenario") else f"{screen.base.id}-scenario"
        return calc.user_preset_dir() / "facilities" / f"{stem}.toml"

    def action_save(self, then_quit: bool = False) -> None:
        screen = self.calculator
        if screen.errors:
            self.notify("Fix the marked fields before saving.", severity="error")
            return

        def save(path: str | None) -> None:
            if path is None:
                return
            scenario = screen.scenario
            if not screen.save_path and not scenario.name.endswith("(scenario)"):
                # a saved copy of a bundled facility must not look like the original in the picker
                scenario = calc.Scenario.model_validate(
                    {**dict(scenario), "name": f"{scenario.name} (scenario)"}
                )
            try:
                written = calc.save_scenario(scenario, path)
            except calc.CalcError as error:
                self.notify(str(error), title="Not saved", severity="error")
                return
            screen.saved(written, scenario)
            self.notify(f"Saved to {written}", title="Saved")
            if then_quit:
                self.exit(0)

        self.push_screen(
            PathDialog(
                "Save the scenario as a facility preset (TOML):", str(self.default_save_path()), "Save"
            ),
            save,
        )

    def action_open(self) -> None:
        def open_path(path: str | None) -> None:
            if path:
                self.run_worker(self.open_facility(path), exclusive=True)

        start = calc.user_preset_dir() / "facilities"
        self.push_screen(
            PathDialog("Open a saved scenario (.toml path) or a facility preset id:", f"{start}/", "Open"),
            open_path,
        )

    async def open_facility(self, source: str) -> None:
        """Load a facility preset id or a saved scenario file into the calculator."""
        try:
            scenario = calc.scenario_from_facility(
                str(Path(source).expanduser()) if source.endswith(".toml") else source
            )
        except calc.CalcError as error:
            self.notify(str(error), title="Not opened", severity="error")
            return
        await self.calculator.load(scenario, source)

    def set_method(self, method: str) -> None:
        """Switch the method (the assumption set)."""
        from textual.widgets import Select

        self.calculator.query_one("#method", Select).value = method

    async def action_add_fleet_row(self) -> None:
        await self.calculator.action_add_fleet_row()

    def action_export(self) -> None:
        screen = self.calculator

        def export(path: str | None) -> None:
            if path is None:
                return
            try:
                markdown, data = calc.export_report(screen.report, path)
            except calc.CalcError as error:
                self.notify(str(error), title="Not exported", severity="error")
                return
            self.notify(f"Wrote {markdown} and {data.name}", title="Exported")

        self.push_screen(
            PathDialog(
                "Export the report (Markdown, and JSON beside it):", f"{screen.base.id}-report.md", "Export"
            ),
            export,
        )


def run_app(facility: str = "colossus-1") -> int:
    """Run the app on a facility preset id or a saved scenario path; return the exit code."""
    app = DcpowerApp(facility=facility)
    app.run()
    return app.return_code or 0
