"""calc/chain.py: the chain table, the one formula, fleet averaging, the one counting rule."""

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import calc
from calc.chain import (
    FACTORS,
    RANGED,
    SOLVABLE,
    STEPS,
    SWEEPABLE,
    chain_watts,
    fleet_item,
    resolve_fleet,
    whole_systems,
)
from calc.errors import InputError, PresetError
from calc.models import FleetEntry

ROOT = Path(__file__).resolve().parents[2]
ALGORITHMS = ROOT / "docs" / "algorithms.md"  # the design's chain table, in the repository

CENTRAL = {"draw_factor": 0.85, "it_overhead": 0.10, "pue": 1.20, "usable_fraction": 1.0, "headroom": 0.0}


def test_steps_match_the_chain_table_of_the_design():
    # the chain table (| basis | per accelerator ...) of docs/algorithms.md, in order, each row
    # naming the assumptions of its step; the file is in the repository, so this never skips
    text = ALGORITHMS.read_text(encoding="utf-8")
    table = text[text.index("| basis | per accelerator") :].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `(\w+)`[^|]*\| ([^|]+) \|", table, re.MULTILINE)
    assert [basis for basis, _ in rows] == [step.basis for step in STEPS]
    for (_, formula), step in zip(rows, STEPS, strict=True):
        for factor in step.factors:
            if factor.name != "server_factor":  # a method's alternative nameplate, not in the table
                assert factor.name in formula, (step.basis, factor.name, formula)


def test_names_derive_from_the_table():
    assert RANGED == ("draw_factor", "server_factor", "it_overhead", "pue")
    assert SWEEPABLE == (*RANGED, "headroom")
    assert SOLVABLE == (
        "power",
        "gpus",
        "draw_factor",
        "server_factor",
        "it_overhead",
        "pue",
        "usable_fraction",
        "headroom",
    )
    from calc.uncertainty import SAMPLED

    # Monte Carlo draws every ranged factor of the chain and the power factor (for kVA inputs)
    assert set(FACTORS) | {"power_factor"} == set(SAMPLED) | {"usable_fraction", "headroom"}


def test_chain_watts_dgx_h100_central():
    # DGX H100: 10.2 kW / 8 = 1,275 W nameplate per GPU; x 0.85 = 1,083.75 W server;
    # x 1.10 = 1,192.125 W IT; x 1.20 = 1,430.55 W facility; N, no headroom: supply = facility.
    watts = chain_watts(700.0, 10_200 / 8, **CENTRAL)
    assert watts["chip"] == 700.0
    assert watts["server"] == pytest.approx(1083.75)
    assert watts["it"] == pytest.approx(1192.125)
    assert watts["facility"] == pytest.approx(1430.55)
    assert watts["supply"] == pytest.approx(1430.55)


def test_chain_watts_supply_with_2n_and_headroom():
    # supply = 1,430.55 / (0.5 x (1 - 0.1)) = 3,179.0 W
    watts = chain_watts(700.0, 1275.0, **{**CENTRAL, "usable_fraction": 0.5, "headroom": 0.1})
    assert watts["supply"] == pytest.approx(3179.0)


def test_chain_watts_with_server_factor_ignores_the_system():
    # Epoch: 700 W x 1.82 = 1,274 W server; x 1.14 = 1,452.36 W facility
    values = {**CENTRAL, "draw_factor": 1.0, "it_overhead": 0.0, "pue": 1.14, "server_factor": 1.82}
    watts = chain_watts(700.0, 9999.0, **values)
    assert watts["server"] == pytest.approx(1274.0)
    assert watts["facility"] == pytest.approx(1452.36)


def test_chain_watts_is_the_same_formula_for_arrays():
    pue = np.array([1.08, 1.2, 1.5])
    watts = chain_watts(700.0, 1275.0, **{**CENTRAL, "pue": pue})
    scalar = [chain_watts(700.0, 1275.0, **{**CENTRAL, "pue": p})["facility"] for p in pue]
    np.testing.assert_allclose(watts["facility"], scalar)


def test_power_chain_public_table_for_h100():
    rows = {row.basis: row for row in calc.power_chain("h100-sxm")}
    # low: 1,275 x 0.70 x 1.06 x 1.08 = 1,021.734 W; high: 1,275 x 1.0 x 1.15 x 1.5 = 2,199.375 W
    assert rows["facility"].low.m_as("W") == pytest.approx(1021.734)
    assert rows["facility"].central.m_as("W") == pytest.approx(1430.55)
    assert rows["facility"].high.m_as("W") == pytest.approx(2199.375)
    assert rows["chip"].low.m_as("W") == rows["chip"].high.m_as("W") == 700.0
    assert rows["server"].step == "10.2 kW / 8 x draw_factor 0.7 / 0.85 / 1"
    assert rows["it"].step == "x (1 + it_overhead 0.06 / 0.1 / 0.15)"
    assert rows["supply"].step == "/ usable_fraction 1 [N] / (1 - headroom 0)"


def test_fleet_average_is_weighted_by_count():
    # H100 and GB200 at 3:1. GB200 NVL72: 132 kW / 72 = 1,833.33 W nameplate; server central
    # 1,558.33 W. H100: 1,083.75 W. Average: (3 x 1,083.75 + 1,558.33) / 4 = 1,202.40 W.
    rows = {r.basis: r for r in calc.power_chain(fleet={"h100-sxm": 3, "gb200": 1})}
    assert rows["server"].central.m_as("W") == pytest.approx((3 * 1083.75 + 132_000 / 72 * 0.85) / 4)


def test_an_empty_fleet_and_a_repeated_type_are_refused():
    with pytest.raises(InputError, match="fleet: empty; give an accelerator"):
        resolve_fleet(())
    twice = (FleetEntry(accelerator="b200", count=1), FleetEntry(accelerator="b200", count=2))
    with pytest.raises(InputError, match="fleet: 'b200' is given twice"):
        resolve_fleet(twice)


def test_unknown_accelerator_lists_the_accepted_ids():
    with pytest.raises(PresetError) as caught:
        calc.scenario(accelerator="h100")
    message = str(caught.value)
    assert message.startswith(
        "accelerator: 'h100' is not a preset; did you mean 'h100-sxm'? accepted: a100-sxm,"
    )
    # 25 accelerators (21, with Rubin, Rubin Ultra, MI450 and Trainium3): the list is cut
    # short and says how many there are
    assert "rubin-ultra" in message and message.endswith("(25 in all; see 'dcpower presets list')")


@pytest.mark.parametrize(
    ("accelerators", "per_system", "down", "up"),
    [
        (209_709.5, 8, 26_213, 26_214),  # DESIGN.md's worked example: 26,213 whole systems
        (16.0, 8, 2, 2),
        (15.999999999999998, 8, 2, 2),  # float noise below a whole number is not a lost system
        (16.000000000000004, 8, 2, 2),  # nor, rounding up, a system too many
        (7.0, 8, 0, 1),
        (720.0, 72, 10, 10),
    ],
)
def test_whole_systems_by_hand(accelerators, per_system, down, up):
    assert whole_systems(accelerators, per_system) == down
    assert whole_systems(accelerators, per_system, up=True) == up


@given(
    st.lists(st.floats(min_value=0.0, max_value=1e12), min_size=1, max_size=20),
    st.sampled_from([1, 4, 8, 72]),
)
def test_whole_systems_scalar_and_array_give_identical_counts(values, per_system):
    array = whole_systems(np.array(values), per_system)
    assert list(array) == [whole_systems(v, per_system) for v in values]
    up = whole_systems(np.array(values), per_system, up=True)
    assert list(up) == [whole_systems(v, per_system, up=True) for v in values]


def test_a_system_fixes_the_configuration_of_its_accelerators():
    # JUPITER's booster nodes run each GH200 at 680 W (JSC); the default node at 1,000 W
    assert fleet_item("gh200", "jupiter-booster-node").tdp == 680.0
    assert fleet_item("gh200").tdp == 1000.0
    # 3.0 kW / 4 = 750 W nameplate per superchip
    assert fleet_item("gh200", "jupiter-booster-node").nameplate == pytest.approx(750.0)


def test_a_system_power_range_is_the_nameplate_of_each_case():
    # GB200 NVL72: 120 kW (NVIDIA) / 132 kW (HPE) / 132 kW over 72 GPUs; draw 0.7 / 0.85 / 1.0
    chain = calc.power_chain(accelerator="gb200")
    server = next(row for row in chain if row.basis == "server")
    assert server.low.m_as("W") == pytest.approx(120_000 / 72 * 0.70)  # 1,166.67 W
    assert server.central.m_as("W") == pytest.approx(132_000 / 72 * 0.85)  # 1,558.33 W
    assert server.high.m_as("W") == pytest.approx(132_000 / 72 * 1.00)  # 1,833.33 W
    assert server.step.startswith("120 kW–132 kW (central 132 kW) / 72 x draw_factor")


def test_leonardo_hpl_run_fits_its_booster_nodes():
    # TOP500: 7.4 MW at the IT side for 13,824 A100 = 535.3 W per GPU. Leonardo booster node:
    # 2.2 kW / 4 = 550 W; x 0.85 x 1.10 = 514.25 W IT central, 3.9 % below the measurement
    result = calc.check_claim("7.4 MW", basis="it", fleet={"a100-sxm@leonardo-booster-node": 13_824})
    assert result.verdict == "plausible"
    central = result.readings[0].central.m_as("W")
    assert central == pytest.approx(514.25)
    assert abs(central / 535.3 - 1) < 0.10
