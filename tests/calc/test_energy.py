"""calc/energy.py: a year of energy, money, carbon and water; capex and its inverse."""

import pytest

from calc.energy import annual_energy, average_power, capex
from calc.errors import InputError, UnitError


def test_100_mw_at_load_factor_0_8():
    # 100 MW x 0.8 x 8,760 h = 700.8 GWh; x 0.07 USD/kWh = $49.056 M; x 400 g/kWh = 280,320 t;
    # x 1.8 L/kWh = 1,261,440 m3
    result = annual_energy(
        "100 MW", load_factor=0.8, price="0.07 USD/kWh", carbon="400 g/kWh", wue="1.8 L/kWh"
    )
    assert result.annual_energy.m_as("GWh") == pytest.approx(700.8)
    assert result.average_power.m_as("MW") == pytest.approx(80.0)
    assert result.cost.m_as("USD") == pytest.approx(49.056e6)
    assert result.emissions.m_as("t") == pytest.approx(280_320)
    assert result.water.m_as("m^3") == pytest.approx(1_261_440)
    assert result.notes == ()


def test_defaults_come_from_the_economics_preset_and_say_so():
    result = annual_energy("100 MW")
    assert result.load_factor == 0.8
    assert result.electricity_price.m_as("USD/kWh") == pytest.approx(0.081)
    assert any(
        note.startswith("carbon_intensity: 367 g/kWh from the 'default' economics preset")
        for note in result.notes
    )


def test_lbnl_conversion_of_annual_energy_to_average_power():
    # 176 TWh / 8,760 h = 20.09 GW
    assert average_power("176 TWh").m_as("GW") == pytest.approx(20.0913, abs=1e-4)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"price": "-0.07 USD/kWh"}, UnitError, "price: '-0.07 USD/kWh' must not be negative"),
        ({"load_factor": 2}, InputError, "load_factor: 2 is outside (0, 1]"),
        ({"load_factor": 0}, InputError, "load_factor: 0 is outside (0, 1]"),
        ({"load_factor": "most"}, InputError, "load_factor: 'most' is not a number"),
        ({"carbon": "400 kg"}, UnitError, "carbon: '400 kg' is a mass, not a mass per energy"),
        ({"wue": "1.8 L"}, UnitError, "wue: '1.8 L' is a volume, not a volume per energy"),
        ({"price": "0.07 EUR/kWh"}, UnitError, "price: '0.07 EUR/kWh' has an unknown unit"),
    ],
)
def test_bad_energy_inputs(kwargs, error, message):
    with pytest.raises(error) as caught:
        annual_energy("100 MW", **kwargs)
    assert str(caught.value).startswith(message)


def test_capex_of_100000_gb200_by_hand():
    # per GPU: $3 M / 72 = $41,666.67 of hardware + $15 M/MW x 1,714.17 W (IT, central) = $25,712.50
    # -> $67,379.17; 100,000 GPUs -> $6.738 B, in ceil(100,000 / 72) = 1,389 racks
    result = capex(gpus=100_000, accelerator="gb200")
    assert result.capex_per_accelerator.m_as("USD") == pytest.approx(67_379.17, abs=0.01)
    assert result.capex.m_as("USD") == pytest.approx(6.737917e9, rel=1e-6)
    assert result.systems == 1_389
    assert result.it_power.m_as("MW") == pytest.approx(171.417, abs=1e-3)


def test_capex_budget_buys_whole_systems():
    # $1.1 T / $67,379.17 = 16,325,540 GPUs -> 226,743.6 racks -> 226,743 racks = 16,325,496 GPUs
    result = capex("1.1e12 USD", "gb200")
    assert result.systems == 226_743
    assert result.accelerators == 226_743 * 72
    assert result.capex.m_as("USD") <= 1.1e12
    assert result.facility_power.m_as("GW") == pytest.approx(16_325_496 * 2057.0 / 1e9, rel=1e-6)


def test_capex_needs_a_price_and_exactly_one_question():
    with pytest.raises(InputError, match="system_prices: no price for system 'tpu-v7-rack'"):
        capex("1e9 USD", "tpu-v7")
    assert capex("1e9 USD", "tpu-v7", system_prices={"tpu-v7-rack": "2 MUSD"}).accelerators > 0
    with pytest.raises(InputError, match="give either a budget or an accelerator count"):
        capex("1e9 USD", "gb200", gpus=10)
    with pytest.raises(UnitError, match="budget: '1e9 kg' is a mass, not an amount of money"):
        capex("1e9 kg", "gb200")
