"""A/B pinning, the sweep chart, copying, and moving around without a mouse."""

from textual.widgets import Select

import calc
import calc.ui
from tui.app import DcpowerApp
from tui.widgets import FieldInput

from .settle import settle

SIZE = (120, 40)


async def test_pin_a_then_edit_b_shows_both_and_the_difference():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert screen.query_one("TabbedContent").active == "compare"
        screen.query_one("#power", FieldInput).value = "250 MW"
        await settle(pilot)
        table = screen.query_one("#compare-table")
        rows = [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
        # 300 MW / 220,000 = 1,363.6 W; 250 MW / 220,000 = 1,136.4 W: 227.3 W less
        assert rows[1] == ("W per GPU implied", "1,363.6 W", "1,136.4 W", "-227.3 W")
        expected = calc.compare(screen.pinned, screen.report).readings[1]
        supports = next(r for r in rows if r[0] == "facility: supports")
        assert supports == (
            "facility: supports",
            f"{expected.supported_a:,}",
            f"{expected.supported_b:,}",
            f"{expected.supported_difference:,}",
        )
        assert "A Claim: 300 MW" in str(screen.query_one("#compare-heads").render())
        assert screen.pinned.scenario.power.m_as("MW") == 300


async def test_pinning_is_refused_while_a_field_is_invalid():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        screen.query_one("#power", FieldInput).value = "300 kg"
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert screen.pinned is None
        assert screen.query_one("#stale-banner").has_class("-shown")


async def test_the_sweep_chart_draws_the_supported_count_and_the_claim():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        await pilot.press("f7")
        await settle(pilot)
        chart = str(screen.query_one("#sweep-chart").render())
        expected = calc.sweep("pue", 1.08, 1.5, 16, screen.scenario)
        assert "as pue varies (others central); │ the claim (220,000)" in chart
        assert "pue 1.080 " in chart and f"{expected.rows[0].accelerators:>9,}" in chart
        assert "pue 1.500 " in chart and f"{expected.rows[-1].accelerators:>9,}" in chart
        screen.query_one("#sweep-vary", Select).value = "draw_factor"
        await settle(pilot)
        assert "as draw_factor varies" in str(screen.query_one("#sweep-chart").render())


async def test_copy_the_verdict_and_the_command():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        assert app.clipboard == calc.ui.verdict_text(app.calculator.report)
        await pilot.press("ctrl+g")
        assert app.clipboard.startswith("dcpower check --facility colossus-1 --power '300 MW' --gpus 220000")


async def test_a_key_jumps_from_group_to_group_and_the_hint_shows():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        assert "kVA/MVA use the power factor" in str(screen.query_one("#field-hint").render())
        seen = []
        for _ in range(6):
            await pilot.press("ctrl+f")
            seen.append(app.focused.id)
        assert seen == ["accelerators", "fleet-0-count", "method", "draw_factor-low", "headroom", "power"]
        await pilot.press("ctrl+f", "ctrl+f", "ctrl+f", "ctrl+f", "ctrl+f")
        await pilot.press("tab")
        assert app.focused.id == "redundancy"
        assert "3+1" in str(screen.query_one("#field-hint").render())


async def test_every_focus_stop_is_a_field_a_button_or_a_panel_that_shows_it():
    # the defect: focus stopped on the inputs column, the methods table and a scroll pane with
    # nothing drawn to show it
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        stops = {type(w).__name__ for w in app.calculator.focus_chain}
        panes = {"VerticalScroll", "ReportPane"}  # the claim's pane is a VerticalScroll too
        assert stops <= {"FieldInput", "Select", "Button", "ContentTabs", *panes}
        scrolls = [w for w in app.calculator.focus_chain if type(w).__name__ in panes]
        assert all(w.id != "inputs" and w.has_class("result-pane") for w in scrolls)
