"""Command palette: facilities, methods and actions, found by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

import calc

if TYPE_CHECKING:
    from tui.app import DcpowerApp


class DcpowerCommands(Provider):
    """Open a facility preset, switch the method, save, open, export, help."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app: DcpowerApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, object, str]] = []
        for preset_id in calc.list_presets("facilities"):
            try:
                name = calc.load_facility(preset_id).name
            except calc.CalcError:  # a broken user preset: the calculator names it once
                continue
            commands.append(
                (f"Facility: {name}", partial(app.switch_scenario, preset_id), f"Open the {preset_id} preset")
            )
        for method in calc.list_presets("assumptions"):
            commands.append(
                (
                    f"Method: {method}",
                    partial(app.set_method, method),
                    f"Check the claim with the {method} assumption set",
                )
            )
        commands += [
            ("Save scenario", app.calculator.action_save, "Save as a facility preset (TOML)"),
            ("Open scenario", app.calculator.action_open, "Open a saved scenario or a facility preset"),
            ("Export report", app.calculator.action_export, "Write the report as Markdown and JSON"),
            ("Add accelerator type", app.calculator.action_add_fleet_row, "Add a row to the fleet"),
            (
                "Pin as A",
                app.calculator.action_pin,
                "Pin this scenario as A; compare what you edit next (f6)",
            ),
            ("Show A/B", partial(app.calculator.action_panel, "compare"), "A beside B with the differences"),
            (
                "Sweep an assumption",
                partial(app.calculator.action_panel, "sweep"),
                "GPUs supported over its range",
            ),
            (
                "Claims: read a sentence, the ledger",
                partial(app.calculator.action_panel, "claims"),
                "Paste a claim's sentence, or open one of the ledger's deals (f8)",
            ),
            (
                "Timeline of the site",
                partial(app.calculator.action_panel, "timeline"),
                "Power online by source per quarter against the need (f9)",
            ),
            ("Copy verdict", app.calculator.action_copy_verdict, "Copy the claim and its verdict line"),
            ("Copy dcpower command", app.calculator.action_copy_command, "Copy the dcpower check command"),
            ("Undo", app.calculator.action_undo, "Undo the last edit"),
            (
                "Reset field to preset",
                app.calculator.action_reset_field,
                "The focused field as loaded (ctrl+l)",
            ),
            ("Redo", app.calculator.action_redo, "Redo what undo undid"),
            ("Help", app.action_help, "Keys and the glossary of power bases"),
        ]
        return commands

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)  # type: ignore[arg-type]
