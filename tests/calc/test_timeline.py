"""calc/timeline.py: a site's energization quarter by quarter, from sourced stages."""

import pytest

import calc
from calc.errors import InputError


@pytest.fixture(scope="module")
def colossus():
    return calc.timeline("colossus-1")


def _row(result, quarter):
    return next(r for r in result.rows if r.quarter == quarter)


def test_power_online_follows_the_sourced_stages(colossus):
    assert [r.quarter for r in colossus.rows] == [
        "2024-Q3",
        "2024-Q4",
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
    ]
    launch = _row(colossus, "2024-Q3")
    # 8 MW grid + 14 turbines x 2.5 MW = 43 MW firm
    assert (launch.grid.m_as("MW"), launch.turbines.m_as("MW"), launch.firm_power.m_as("MW")) == (8, 35, 43)
    phase_one = _row(colossus, "2025-Q2")
    # 150 MW substation + half of the 422 MW of turbines; the 150 MW of batteries are not firm
    assert (phase_one.grid.m_as("MW"), phase_one.turbines.m_as("MW"), phase_one.batteries.m_as("MW")) == (
        150,
        211,
        150,
    )
    assert phase_one.firm_power.m_as("MW") == 361
    later = _row(colossus, "2025-Q4")
    assert (later.grid.m_as("MW"), later.turbines.m_as("MW"), later.planned) == (300, 0, True)


def test_supported_counts_match_capacity(colossus):
    for row in colossus.rows:
        for support in row.supports:
            expected = calc.capacity(
                calc.scenario(
                    row.firm_power, accelerator=support.accelerator, basis="supply", facility="colossus-1"
                )
            ).accelerators
            assert support.accelerators == expected
    # 43 MW / 1,430.55 W per H100 at supply (= facility, N, no headroom) = 30,058.4 -> 3,757 DGX = 30,056
    assert _row(colossus, "2024-Q3").supports[0].accelerators == 30_056


def test_deliveries_add_up_and_the_gap_is_stranded_power_or_shortfall(colossus):
    launch = _row(colossus, "2024-Q3")
    assert launch.delivered == {"h100-sxm": 100_000}
    # 100,000 H100 x 1,430.55 W = 143.06 MW needed at the supply basis; 43 MW firm: 100.06 MW short
    assert launch.required_power.m_as("MW") == pytest.approx(143.055, abs=1e-3)
    assert launch.shortfall.m_as("MW") == pytest.approx(100.055, abs=1e-3)
    assert launch.stranded_power.m_as("MW") == 0
    phase_one = _row(colossus, "2025-Q2")
    assert phase_one.delivered == {"h100-sxm": 150_000, "h200-sxm": 50_000}
    # 200,000 x 1,430.55 W = 286.11 MW; 361 MW firm: 74.89 MW stranded
    assert phase_one.stranded_power.m_as("MW") == pytest.approx(74.89, abs=0.01)


def test_battery_hours_where_batteries_carry_the_shortfall(colossus):
    row = _row(colossus, "2025-Q4")
    # 811.2 MWh (208 Megapacks x 3.9 MWh) over the shortfall at 300 MW firm
    assert row.battery_energy.m_as("MWh") == pytest.approx(811.2)
    assert row.battery_hours == pytest.approx(811.2 / row.shortfall.m_as("MW"))
    assert _row(colossus, "2024-Q3").battery_hours is None  # no batteries yet


def test_stargate_abilene_ships_with_a_timeline():
    result = calc.timeline("stargate-abilene")
    assert result.rows[0].quarter == "2025-Q2" and result.rows[-1].quarter == "2026-Q2"
    assert result.rows[0].grid.m_as("MW") == 200 and result.rows[-1].grid.m_as("GW") == 1.2
    assert result.rows[-1].delivered == {"gb200": 400_000}
    assert all(s.url for s in result.sources)


def test_a_facility_without_a_timeline_is_one_line():
    with pytest.raises(
        InputError, match=r"^timeline: facility 'aurora' has no timeline; add \[\[timeline\]\] stages"
    ):
        calc.timeline("aurora")


def test_bars_share_one_scale_and_mark_the_need(colossus):
    chart = calc.timeline_bars(colossus, 40)
    # the widest quarter: 2025-Q2, 150 MW grid + 211 MW turbines + 150 MW batteries = 511 MW
    assert chart.scale.m_as("MW") == pytest.approx(511)
    assert [b.quarter for b in chart.bars] == [r.quarter for r in colossus.rows]
    widest = chart.bars[3]
    assert widest.grid + widest.turbines + widest.batteries == 40
    # 150 / 511 x 40 = 11.7 -> 12 cells; (150 + 211) / 511 x 40 = 28.3 -> 28, so turbines 16
    assert (widest.grid, widest.turbines, widest.batteries) == (12, 16, 12)
    assert widest.stranded and not widest.shortfall
    # launch: 43 MW firm for 100,000 H100 needing 143 MW: 143 / 511 x 40 = 11.2 -> cell 11
    launch = chart.bars[0]
    assert (launch.grid + launch.turbines, launch.needed, launch.shortfall) == (3, 11, True)
    assert chart.bars[-1].planned
