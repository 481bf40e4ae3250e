"""Pilot tests that only look: the first report, the help, a resize, the tabs' panels.

One app serves the whole module (a boot of the app is most of a Pilot test's time). A test may
open a screen, a tab or resize, and puts the screen and the size back; `restored` checks after
each test that it did: the calculator on top, at the module's size, with no edit, on Colossus 1.
The tests that switch tabs come last.
"""

import pytest
import pytest_asyncio
from textual.widgets import Static, TabbedContent

import calc.presets
from tui.app import DcpowerApp
from tui.commands import DcpowerCommands
from tui.screens import HelpScreen
from tui.widgets import TimelinePanel

from .conftest import FIXTURE_PRESETS
from .settle import settle, settle_until
from .test_claims import text_of

pytestmark = pytest.mark.asyncio(loop_scope="module")

SIZE = (120, 40)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(tmp_path_factory):
    """One app on the fixture presets, its first report landed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        patch.delenv("DCPOWER_PRESET_DIR", raising=False)
        patch.setattr(calc.presets, "_cli_dirs", ())
        patch.setattr(calc.presets, "bundled_dir", lambda package_dir=None: FIXTURE_PRESETS)
        calc.presets.reset_catalog()
        app = DcpowerApp()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            yield pilot
    calc.presets.reset_catalog()


@pytest_asyncio.fixture(loop_scope="module")
async def pilot(shared):
    """The shared app for one test; after it, the app must be as the test found it."""
    yield shared
    await settle(shared)
    app = shared.app
    assert app.screen is app.calculator, f"left on {type(app.screen).__name__}"
    assert app.size == SIZE
    assert app.calculator.source == "colossus-1"
    assert not app.calculator.dirty and app.calculator.errors == {}


async def test_opens_on_colossus_with_its_verdict(pilot):
    screen = pilot.app.calculator
    assert screen.report.claim.verdict == "plausible"
    assert screen.report.claim.accelerators == 220_000
    assert [r.basis for r in screen.report.claim.readings] == ["it", "facility"]
    assert "PLAUSIBLE" in str(screen.query_one("#headline").render())
    assert not screen.dirty


async def test_help_screen_opens_and_closes(pilot):
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    await pilot.press("escape")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, HelpScreen)


async def test_resize_to_small_and_back(pilot):
    screen = pilot.app.calculator
    await pilot.resize_terminal(60, 18)
    await settle(pilot)
    assert screen.has_class("-narrow")
    await pilot.resize_terminal(140, 45)
    await settle(pilot)
    assert not screen.has_class("-narrow")
    assert screen.report.claim.verdict == "plausible"
    await pilot.resize_terminal(*SIZE)
    await settle(pilot)


async def test_the_palette_opens_the_claims_and_timeline_tabs(pilot):
    titles = [title for title, _, _ in DcpowerCommands(pilot.app.screen)._commands()]
    assert "Claims: read a sentence, the ledger" in titles and "Timeline of the site" in titles


async def test_uncertainty_panel_shows_percentiles_and_the_tornado(pilot):
    await pilot.press("f3")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    screen = pilot.app.calculator
    assert screen.query_one("TabbedContent").active == "uncertainty"
    summary = screen.query_one("#mc-summary").plain()
    assert "100,000 samples, seed 0" in summary and "fit" in summary
    assert "most important: draw_factor" in screen.query_one("#tornado").plain()


async def test_the_timeline_draws_colossus_stages_by_quarter(pilot):
    await pilot.press("f9")
    app = pilot.app
    panel = app.calculator.query_one(TimelinePanel)
    await settle_until(pilot, lambda: panel.view is not None, "the timeline")
    assert app.calculator.query_one(TabbedContent).active == "timeline"
    chart = text_of(panel.query_one("#timeline-chart", Static))
    quarters = ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4*"]
    lines = chart.splitlines()
    bars = [index for index, line in enumerate(lines) if line[:7] in {q[:7] for q in quarters}]
    assert [lines[index].split()[0] for index in bars] == quarters
    figures = [lines[index + 1].strip() for index in bars]  # under each bar
    # launch: 8 MW grid + 35 MW turbines against the 143 MW 100,000 H100 need
    assert figures[0] == "firm 43 MW, need 143.1 MW, short 100.1 MW"
    assert figures[3] == "firm 361 MW, need 286.1 MW, stranded 74.89 MW"  # 2025-Q2
    assert "(17 h on batteries)" in figures[5]
    assert "│" in lines[bars[0]] and "·" in lines[bars[0]]  # the need, the shortfall dotted
    events = text_of(panel.query_one("#timeline-events", Static))
    assert "2025-Q2  2025-05-08 grid 150 MW" in events
