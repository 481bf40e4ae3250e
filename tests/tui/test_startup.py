"""The app's start: the first frame holds the inputs, the result tabs and the report follow it;
`dcpower tui` loads pint without numpy, and the tabs that draw samples show the same figures."""

import json
import subprocess
import sys

from textual.widgets import TabbedContent

import calc
import calc.ui
from tests.tui.settle import settle
from tui.app import DcpowerApp
from tui.screens import CalculatorScreen

SIZE = (120, 40)


async def test_the_first_frame_holds_the_colossus_inputs_and_the_report_follows():
    first: list[tuple[calc.ui.Form, int, object]] = []

    class Watched(DcpowerApp):
        def _display(self, screen, renderable):  # every frame handed to the terminal
            super()._display(screen, renderable)
            if renderable is not None and isinstance(screen, CalculatorScreen) and not first:
                first.append((screen.fields(), len(screen.query(TabbedContent)), screen.report))

    app = Watched()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        assert screen.query_one(TabbedContent).active == "claim"
        assert screen.report is not None and screen.report.scenario is screen.scenario
        assert str(screen.query_one("#headline").render()).startswith("PLAUSIBLE")
    fields, tabs, report = first[0]
    assert fields == calc.ui.scenario_fields(calc.scenario_from_facility("colossus-1"))
    shown = {str(key): text for key, text in fields.items()}
    assert (shown["power"], shown["accelerators"], shown["fleet.0.accelerator"]) == (
        "300 MW",
        "220000",
        "h100-sxm",
    )
    assert tabs == 0 and report is None  # mounted and computed after that frame


async def test_a_tab_asked_for_before_the_tabs_mount_is_shown_once_they_are():
    asked: list[int] = []

    class Eager(DcpowerApp):
        def _display(self, screen, renderable):
            super()._display(screen, renderable)
            if renderable is not None and isinstance(screen, CalculatorScreen) and not asked:
                asked.append(len(screen.query(TabbedContent)))
                screen.action_panel("energy")  # f4 at the first frame

    app = Eager()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert asked == [0]
        assert app.calculator.query_one(TabbedContent).active == "energy"


# A fresh process that opens the Uncertainty and Sweep tabs: as the `dcpower tui` command starts
# (pint loaded without numpy) or as a script does (pint with numpy); it prints what they show.
_SAMPLING_TABS = """
import asyncio, json, sys
if sys.argv[1] == "command":
    sys.argv = ["dcpower", "tui"]  # read by calc._startup when calc is first imported
import calc, pint.compat
before = "numpy" in sys.modules
from tui.app import DcpowerApp

async def main():
    app = DcpowerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.calculator
        shown = {}
        def text(view):
            found = screen.query(view)
            if not found:
                return ""
            widget = found.first()
            return widget.plain() if hasattr(widget, "plain") else str(widget.render())

        for key, view in (("f3", "#mc-summary"), ("f3", "#tornado"), ("f7", "#sweep-chart")):
            await pilot.press(key)
            for _ in range(3000):  # 30 s: a worker of milliseconds that has not landed is hung
                if text(view) and "Computing" not in text(view):
                    break
                await pilot.pause(0.01)
            await app.workers.wait_for_complete()
            await pilot.pause()
            shown[view] = " ".join(text(view).split())  # the words and figures, not where they wrap
    print(json.dumps({"numpy_at_start": before, "pint_numpy": pint.compat.HAS_NUMPY, "shown": shown}))

asyncio.run(main())
"""


def _sampling_tabs(mode: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _SAMPLING_TABS, mode], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-800:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_command_starts_without_numpy_and_its_sampling_tabs_show_the_same_figures():
    command, script = _sampling_tabs("command"), _sampling_tabs("script")
    assert (command["numpy_at_start"], command["pint_numpy"]) == (False, False)
    assert script["pint_numpy"] is True
    assert "100,000 samples, seed 0" in command["shown"]["#mc-summary"]
    assert "most important: draw_factor" in command["shown"]["#tornado"]
    assert "GPUs supported" in command["shown"]["#sweep-chart"]
    assert command["shown"] == script["shown"]
