"""calc/capacity.py: capacity in whole systems, racks, stranded power, required power."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calc
from calc.errors import CalcError, InputError


def test_headline_capacity_300_mw_h100():
    # 300 MW / 1,430.55 W = 209,709.5 GPUs -> 26,213.69 systems -> 26,213 systems x 8 = 209,704;
    # used 209,704 x 1,430.55 = 299,992,057.2 W -> 7,942.8 W stranded; racks ceil(26,213 / 4) = 6,554
    result = calc.capacity("300 MW", "h100-sxm")
    assert result.accelerators == 209_704
    assert result.systems == 26_213
    assert result.racks == 6_554
    assert result.stranded_power.m_as("W") == pytest.approx(7942.8, abs=0.01)
    assert result.power_per_accelerator.m_as("W") == pytest.approx(1430.55)
    # low end: 300e6 / 1,021.734 = 293,616.9 -> 36,702 systems; high: / 2,199.375 -> 17,050 systems
    assert result.accelerators_optimistic == 293_616
    assert result.accelerators_conservative == 136_400
    assert result.basis == "facility"


def test_capacity_at_it_basis():
    # 300 MW / 1,192.125 W = 251,651.5 -> 31,456 systems -> 251,648 GPUs
    assert calc.capacity("300 MW", "h100-sxm", basis="it").accelerators == 251_648


@pytest.mark.parametrize("power", ["300 MW", "0.3 GW", "300000 kW", "1.0236e9 BTU/h"])
def test_unit_spellings_give_the_same_capacity_to_one_system(power):
    # 1.0236e9 BTU/h = 299.988 MW: within one 8-GPU system of 300 MW
    assert abs(calc.capacity(power, "h100-sxm").systems - 26_213) <= 1


def test_apparent_power_is_converted_with_the_power_factor_and_said_so():
    # 300 MVA x 0.95 = 285 MW; 285e6 / 1,430.55 = 199,224.0 -> 24,903 systems = 199,224 GPUs
    result = calc.capacity("300 MVA", "h100-sxm")
    assert result.real_power.m_as("MW") == pytest.approx(285.0)
    assert result.accelerators == 199_224
    assert result.notes[0] == (
        "300 MVA is apparent power: taken as 285 MW of real power at power factor 0.95 (range 0.9–0.99)"
    )
    assert calc.capacity("300 MVA", "h100-sxm", assumptions={"power_factor": 0.9}).real_power.m_as(
        "MW"
    ) == pytest.approx(270.0)


def test_mix_by_weights_rounds_each_type_to_whole_systems():
    # 1 GW, GB200:H100 = 3:1, facility central: GB200 2,057.0 W, H100 1,430.55 W;
    # average (3 x 2,057.0 + 1,430.55) / 4 = 1,900.3875 W -> 526,208.6 accelerators;
    # GB200 394,656.5 / 72 = 5,481.3 -> 5,481 racks; H100 131,552.2 / 8 = 16,444.0 -> 16,444
    result = calc.capacity("1 GW", mix={"gb200": 3, "h100-sxm": 1})
    lines = {line.accelerator: line for line in result.lines}
    assert lines["gb200"].systems == 5_481
    assert lines["gb200"].accelerators == 5_481 * 72
    assert lines["h100-sxm"].systems == 16_444
    assert result.accelerators == 5_481 * 72 + 16_444 * 8
    assert result.noun == "GPU"


def test_rack_power_limit_sets_systems_per_rack():
    # DGX H100 at the server basis: 1,083.75 W x 8 = 8,670 W; 20 kW holds 2 -> ceil(26,213 / 2)
    assert calc.capacity("300 MW", "h100-sxm", rack_power_limit="20 kW").racks == 13_107
    with pytest.raises(InputError) as caught:
        calc.capacity("300 MW", "h100-sxm", rack_power_limit="5 kW")
    assert str(caught.value) == (
        "rack_power_limit: 5 kW holds no dgx-h100 (8.67 kW per system at "
        "the server basis); give at least that much"
    )


def test_racks_unknown_without_a_rack_count():
    assert calc.capacity("100 MW", "mi300x").racks is None


def test_epoch_method_reproduces_its_published_arithmetic():
    # 700 W x 1.82 x 1.14 = 1,452.36 W; 300 MW / 1,452.36 = 206,560.6 -> 25,820 systems
    result = calc.capacity("300 MW", "h100-sxm", method="epoch")
    assert result.power_per_accelerator.m_as("W") == pytest.approx(1452.36)
    assert result.accelerators == 206_560


def test_facility_site_facts_and_user_overrides_layer_in_order():
    # pue 1.5 from the user: 1,192.125 x 1.5 = 1,788.19 W; 300 MW -> 167,767.6 -> 20,970 systems
    result = calc.capacity("300 MW", "h100-sxm", assumptions={"pue": 1.5})
    assert result.accelerators == 167_760


def test_bad_basis_is_rejected():
    with pytest.raises(
        InputError, match=r"basis: 'grid' is not accepted; accepted: unspecified, chip, server"
    ):
        calc.capacity("300 MW", "h100-sxm", basis="grid")


def test_required_power_of_a_mixed_fleet():
    # 200,000 Hopper GPUs at 1,430.55 W = 286.11 MW at the facility, central
    result = calc.required_power(fleet={"h100-sxm": 150_000, "h200-sxm": 50_000})
    rows = {row.basis: row for row in result.power}
    assert rows["facility"].central.m_as("MW") == pytest.approx(286.11)
    assert rows["chip"].central.m_as("MW") == pytest.approx(140.0)
    assert result.accelerators == 200_000


def test_required_power_rounds_systems_up():
    # 100,000 GB200: 100,000 / 72 = 1,388.9 -> 1,389 racks; 2,057.0 W each -> 205.7 MW facility
    result = calc.required_power("gb200", gpus=100_000)
    assert result.lines[0].systems == 1_389
    assert result.lines[0].racks == 1_389
    facility = next(r for r in result.power if r.basis == "facility")
    assert facility.central.m_as("MW") == pytest.approx(100_000 * 132_000 / 72 * 0.85 * 1.1 * 1.2 / 1e6)


def test_required_power_needs_a_count():
    with pytest.raises(InputError, match="gpus: missing"):
        calc.required_power("gb200")


@given(st.floats(min_value=1e5, max_value=1e10), st.sampled_from(["h100-sxm", "gb200", "mi250x"]))
def test_floor_correctness(watts, accelerator):
    """n systems fit, n + 1 do not."""
    result = calc.capacity(f"{watts!r} W", accelerator)
    per_system = (
        result.power_per_accelerator.m_as("W") * result.lines[0].accelerators / max(result.systems, 1)
    )
    if result.systems:
        assert result.systems * per_system <= watts * (1 + 1e-9)
    spec = calc.load_system(calc.load_accelerator(accelerator).system)
    one = result.power_per_accelerator.m_as("W") * spec.accelerators_per_system
    assert (result.systems + 1) * one > watts
    assert result.stranded_power.m_as("W") >= 0


@given(st.floats(min_value=1e6, max_value=1e10), st.floats(min_value=1.0, max_value=2.0))
def test_more_power_never_fewer_accelerators(watts, factor):
    less = calc.capacity(f"{watts!r} W", "h100-sxm").accelerators
    assert calc.capacity(f"{watts * factor!r} W", "h100-sxm").accelerators >= less


@given(st.floats(min_value=1.0, max_value=2.5), st.floats(min_value=0.0, max_value=1.0))
def test_higher_pue_never_more_accelerators(pue, step):
    low = calc.capacity("300 MW", "h100-sxm", assumptions={"pue": pue})
    high = calc.capacity("300 MW", "h100-sxm", assumptions={"pue": pue + step})
    assert high.accelerators <= low.accelerators


@given(st.text(max_size=40))
def test_bad_power_text_never_returns_a_number(text):
    try:
        result = calc.capacity(text, "h100-sxm")
    except CalcError:
        return
    assert result.real_power.m_as("W") > 0 and math.isfinite(result.real_power.m_as("W"))


def test_capacity_result_round_trips_through_json():
    result = calc.capacity("1 GW", mix={"gb200": 3, "h100-sxm": 1})
    again = calc.CapacityResult.model_validate_json(result.model_dump_json())
    assert again == result
