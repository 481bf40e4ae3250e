"""Defects a person hit in tmux at 200×50, 100×30 and 80×24, each kept as a Pilot test."""

from textual.widgets import Input, Static

import calc
from tui.app import DcpowerApp
from tui.widgets.claims import LedgerTable

from .settle import settle, settle_until

SIZE = (120, 40)


async def open_ledger(pilot):
    """Show the Claims tab (f8) and wait for the ledger to be checked."""
    from tui.widgets import ClaimsPanel

    await settle(pilot)
    await pilot.press("f8")
    panel = pilot.app.calculator.query_one(ClaimsPanel)
    await settle_until(pilot, lambda: len(panel.rows) == len(calc.list_presets("claims")), "the ledger")
    return panel


def column_cells(table: LedgerTable, column: int) -> list[str]:
    return [str(table.get_cell_at((row, column))) for row in range(table.row_count)]


async def test_the_ledger_sorts_its_answers_by_figure_and_filters_a_verdict_as_a_word():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_ledger(pilot)
        panel.sort_by(2)  # the answer column
        await settle(pilot)
        table = panel.query_one(LedgerTable)
        supports = [c for c in column_cells(table, 2) if c.startswith("power only: supports")]
        counts = [int(c.split()[3].replace(",", "")) for c in supports]
        # the defect: as text, 2,430,720 < 332,712 < 4,753,368; by figure 332,712 comes first
        assert counts == sorted(counts)
        assert counts.index(332_712) < counts.index(2_430_720) < counts.index(4_753_368)
        needs = [c for c in column_cells(table, 2) if c.startswith("count only: needs")]
        watts = [calc.parse_power(" ".join(c.split()[3:5])).m_as("W") for c in needs]
        assert watts == sorted(watts)  # 9.677 MW before 16.83 MW before 631.1 MW
        panel.query_one("#ledger-filter", Input).value = "plausible"
        await settle(pilot)
        verdicts = set(column_cells(table, 2))
        assert verdicts == {"plausible"}  # not colossus-1-launch's "implausible"
        panel.query_one("#ledger-filter", Input).value = "implausible"
        await settle(pilot)
        assert column_cells(table, 2) == ["implausible"]
        panel.query_one("#ledger-filter", Input).value = "power only"
        await settle(pilot)
        assert all(c.startswith("power only") for c in column_cells(table, 2)) and table.row_count > 10
