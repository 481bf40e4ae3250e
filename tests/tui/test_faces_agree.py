"""Every panel shows what the CLI prints: the same lines and the same table rows, for the same
scenario (Colossus 1, the app's first).

One app serves the whole module: the tests only open tabs and read them.
"""

import contextlib
import io

import pytest
import pytest_asyncio
from textual.widgets import DataTable

import calc
import calc.presets
import calc.ui
from calc.cli import main
from tui.app import DcpowerApp
from tui.screens.calculator import MC_SAMPLES, MC_SEED
from tui.widgets.documents import DocumentView

from .conftest import FIXTURE_PRESETS
from .settle import settle, settle_until

pytestmark = pytest.mark.asyncio(loop_scope="module")

SIZE = (120, 40)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def pilot(tmp_path_factory):
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


def cli_text(*arguments: str) -> str:
    """What `dcpower ARGUMENTS` prints, run in process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(arguments))
    assert code == 0, err.getvalue()
    return out.getvalue().rstrip("\n")


def assert_shows(view: DocumentView, document) -> None:
    """The view holds `document`, shows each of its tables row for row and each of its lines."""
    assert list(view.document) == list(document)
    tables = [item for item in document if isinstance(item, calc.ui.Table)]
    assert view.tables() == [(t.header, list(t.rows)) for t in tables]
    shown = " ".join(view.plain().split())  # the view wraps long lines
    for item in document:
        for line in [item.title] if isinstance(item, calc.ui.Table) else [item]:
            assert " ".join(line.split()) in shown, line


async def open_tab(pilot, key: str, view_id: str) -> DocumentView:
    """Press the tab's key and wait until its panel shows a document with a table."""
    await pilot.press(key)
    view = pilot.app.calculator.query_one(view_id, DocumentView)
    await settle_until(pilot, lambda: any(isinstance(i, calc.ui.Table) for i in view.document), view_id)
    return view


async def test_the_uncertainty_panel_shows_the_cli_uncertainty_and_tornado_reports(pilot):
    summary = await open_tab(pilot, "f3", "#mc-summary")
    scenario = pilot.app.calculator.scenario
    result = calc.monte_carlo(scenario, samples=MC_SAMPLES, seed=MC_SEED)
    assert_shows(summary, calc.ui.document(result))
    assert calc.render(result) == cli_text(
        "uncertainty", "--facility", "colossus-1", "--samples", str(MC_SAMPLES), "--seed", str(MC_SEED)
    )
    # 100,000 draws, seed 0, as the panel's heading says
    assert summary.plain().startswith("Monte Carlo, 100,000 samples, seed 0, method default")
    tornado = pilot.app.calculator.query_one("#tornado", DocumentView)
    ranking = calc.tornado(scenario)
    assert_shows(tornado, calc.ui.document(ranking))
    assert calc.render(ranking) == cli_text("sensitivity", "--facility", "colossus-1")
    assert "most important: draw_factor" in tornado.plain()


async def test_the_energy_panel_shows_the_cli_energy_and_capex_reports(pilot):
    view = await open_tab(pilot, "f4", "#energy-summary")
    screen = pilot.app.calculator
    options = screen.query_one("EnergyPanel").options()  # the preset's values, in its inputs
    energy = calc.annual_energy(screen.report.claim.real_power, **options)
    cost = calc.capex(scenario=screen.scenario)
    assert_shows(view, [*calc.ui.document(energy), "", *calc.ui.document(cost)])
    # the CLI at the preset's defaults: the same figures (its notes say where they come from)
    cli = calc.annual_energy(screen.report.claim.real_power)
    assert calc.render(cli) == cli_text("energy", "--facility", "colossus-1")
    assert view.tables()[0][1] == list(
        next(i for i in calc.ui.document(cli) if isinstance(i, calc.ui.Table)).rows
    )
    assert calc.render(cost) == cli_text("capex", "--facility", "colossus-1")
    # 300 MW x 0.8 x 8,760 h = 2,102.4 GWh, the first row of the table
    assert view.tables()[0][1][0] == ("annual_energy", "2,102.4 GWh")


async def test_the_orbital_panel_shows_the_cli_orbital_report(pilot):
    view = await open_tab(pilot, "f5", "#orbital-summary")
    result = calc.orbital(pilot.app.calculator.report.claim.real_power, orbit="dawn-dusk-sso")
    assert_shows(view, calc.ui.document(result))
    assert calc.render(result) == cli_text("orbital", "--power", "300 MW")
    # 300 MW / (2 x 0.9 x 5.670374e-8 x 300^4) = 362,871 m2 = 0.363 km2
    assert ("radiator_area", "0.363 km²", "1,089 t") in view.tables()[0][1]


async def test_the_compute_panel_shows_the_cli_compute_report(pilot):
    view = await open_tab(pilot, "f10", "#compute-summary")
    result = calc.compute(pilot.app.calculator.scenario)
    assert_shows(view, calc.ui.document(result))
    assert calc.render(result) == cli_text("compute", "--facility", "colossus-1")
    assert "1.979e15" in view.plain() and "days to 1e25 FLOP" in view.plain()


async def test_the_compare_panel_shows_the_comparison_table(pilot):
    screen = pilot.app.calculator
    await pilot.press("ctrl+b")  # pin Colossus 1 as A
    screen.query_one("#power").value = "250 MW"
    await settle(pilot)
    await pilot.press("f6")
    table = screen.query_one("#compare-table", DataTable)
    await settle_until(pilot, lambda: table.row_count > 0, "the comparison")
    expected = calc.ui.comparison_table(calc.compare(screen.pinned, screen.report))
    labels = tuple(str(column.label) for column in table.columns.values())
    assert labels == expected.header
    assert [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)] == list(expected.rows)
    assert ("verdict", "PLAUSIBLE") == expected.rows[0][:2]
    screen.query_one("#power").value = "300 MW"  # Colossus 1 again, for the other tests
    await settle(pilot)
    assert screen.report.claim.power == calc.parse_power("300 MW")
