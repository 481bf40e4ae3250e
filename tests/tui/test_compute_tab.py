"""The Compute tab (f10): what the scenario's power buys, from calc.compute."""

import calc
from tui.app import DcpowerApp

from .settle import settle

SIZE = (120, 40)


async def test_compute_tab_shows_the_h100e_of_the_power():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        await pilot.press("f10")
        await settle(pilot)
        screen = app.calculator
        text = screen.query_one("#compute-summary").plain()
        expected = calc.compute(screen.scenario)
        # the tab shows calc's figures: Colossus 1's 300 MW as facility power, its mixed fleet
        assert f"H100e: {expected.h100e.central:,.0f}" in text
        assert "1.979e15" in text and "days to 1e25 FLOP" in text
