"""calc/timeline.py: a site's energization quarter by quarter, from sourced stages."""

import pytest

import calc
import calc.ui
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
    chart = calc.ui.timeline_bars(colossus, 40)
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


# ------------------------------------------------------------------- hostile timeline presets


def _site(tmp_path, *stages, deliveries=""):
    """A facility preset written to a file: its path, which calc.timeline takes as the id."""
    from tests.fuzz.strategies import facility_toml

    path = tmp_path / "hostile-site.toml"
    path.write_text(facility_toml(*stages, deliveries=deliveries), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "date", ["2025-00", "2025-13", "2025-13-40", "0000-00-00", "2025-02-30", "2023-02-29", "2025-04-31"]
)
def test_a_stage_dated_off_the_calendar_is_one_preset_error(tmp_path, date):
    from tests.fuzz.strategies import stage_toml

    site = _site(tmp_path, stage_toml("2025-01", "grid", "50 MW"), stage_toml(date))
    with pytest.raises(
        calc.PresetError, match=rf"timeline\.1\.date: '{date}' is not a calendar date; accepted: "
    ):
        calc.timeline(site)


@pytest.mark.parametrize("date", ["٢٠٢٥-٠٢", "２０２５-０２", "2025-0٢", "2025-1", "25-01-01", "2025-01-01 "])
def test_a_stage_dated_in_other_digits_or_shapes_is_one_preset_error(tmp_path, date):
    from tests.fuzz.strategies import stage_toml

    site = _site(tmp_path, stage_toml("2025-01", "grid", "50 MW"), stage_toml(date))
    with pytest.raises(calc.PresetError, match=r"timeline\.1\.date: String should match pattern '\^\[0-9\]"):
        calc.timeline(site)


def test_a_leap_day_is_a_date(tmp_path):
    from tests.fuzz.strategies import stage_toml

    site = _site(tmp_path, stage_toml("2024-02-29", "grid", "50 MW"))
    assert [r.quarter for r in calc.timeline(site).rows] == ["2024-Q1"]


def test_an_apparent_power_stage_converts_at_the_power_factor_as_a_claim_does(tmp_path):
    from tests.fuzz.strategies import stage_toml

    site = _site(tmp_path, stage_toml("2025-01", "grid", "50 MW"), stage_toml("2025-02", power="100 MVA"))
    (row,) = calc.timeline(site).rows
    # 100 MVA x power factor 0.95 (the default set's central) = 95 MW; + 50 MW grid = 145 MW
    assert row.turbines.m_as("MW") == pytest.approx(95)
    assert row.firm_power.m_as("MW") == pytest.approx(145)
    claim = calc.check_claim("100 MVA", gpus=10_000, accelerator="h100-sxm")
    assert claim.real_power.m_as("MW") == pytest.approx(row.turbines.m_as("MW"))
    assert any(
        "2025-02 turbines: 100 MVA is apparent power: taken as 95 MW" in n for n in calc.timeline(site).notes
    )


def test_turbine_units_bound_the_stage_power(tmp_path):
    from tests.fuzz.strategies import stage_toml

    zero = _site(tmp_path, stage_toml("2025-01", units=0, unit_power="5 MW"))
    with pytest.raises(calc.PresetError, match=r"timeline\.0: units: 0 units cannot give 100 MW"):
        calc.timeline(zero)
    few = _site(tmp_path, stage_toml("2025-01", units=3, unit_power="5 MW"))
    # 3 x 5 MW = 15 MW of nameplate cannot give 100 MW
    with pytest.raises(
        calc.PresetError, match=r"100 MW is more than units x unit_power \(3 x 5 MW = 15 MW\)"
    ):
        calc.timeline(few)
    # 14 x 2.5 MW = 35 MW: the Colossus launch, and fewer running than installed is allowed
    fits = _site(tmp_path, stage_toml("2025-01", power="30 MW", units=14, unit_power="2.5 MW"))
    assert calc.timeline(fits).rows[0].turbines.m_as("MW") == 30


def test_battery_energy_is_capped(tmp_path):
    from tests.fuzz.strategies import stage_toml

    site = _site(tmp_path, stage_toml("2025-01", "batteries", "100 MW", energy="1e30 MWh"))
    with pytest.raises(
        calc.PresetError, match=r"energy: 1e\+30 MWh is more than 1 TWh; accepted: up to 1 TWh"
    ):
        calc.timeline(site)


def test_ten_thousand_stages_give_each_quarter_its_last_level(tmp_path):
    from tests.fuzz.strategies import stage_toml

    # 10,000 grid stages over 2000-01 .. 2833-04, written newest first: the level at a quarter's
    # end is its latest stage on or before that end, whatever the order in the file
    stages = [
        stage_toml(f"{2000 + i // 12:04d}-{i % 12 + 1:02d}", "grid", f"{i + 1} MW") for i in range(10_000)
    ]
    # 1.3 MB of TOML, above the preset file limit: the Facility is given as a model, under a
    # bundled id (its assumptions: the default set, as the hostile site's own)
    import tomllib

    from calc.models import Facility
    from tests.fuzz.strategies import facility_toml

    text = facility_toml(*reversed(stages)).replace('id = "hostile-site"', 'id = "colossus-1"')
    site = Facility.model_validate(tomllib.loads(text))
    result = calc.timeline(site)
    assert len(result.rows) == 3334  # 10,000 months = 3,333 quarters and one month
    # 2000-Q1 ends with the 2000-03 stage, the third: 3 MW; the last quarter holds stage 10,000
    assert result.rows[0].grid.m_as("MW") == 3
    assert result.rows[-1].grid.m_as("MW") == 10_000
    assert len(result.rows[1].events) == 3


def test_timeline_bars_refuse_a_width_that_is_not_a_number(colossus):
    with pytest.raises(InputError, match=r"^timeline_bars: width: nan is outside"):
        calc.ui.timeline_bars(colossus, float("nan"))
    with pytest.raises(InputError, match=r"^timeline_bars: width: '40' is of type str; accepted: a number"):
        calc.ui.timeline_bars(colossus, "40")
    with pytest.raises(
        InputError, match=r"^timeline_bars: result: None is of type NoneType; accepted: a calc.TimelineResult"
    ):
        calc.ui.timeline_bars(None, 40)
