"""calc/orbital.py: arrays, radiators, batteries and launches for compute in orbit."""

import math

import pytest

from calc.errors import InputError, UnitError
from calc.orbital import STEFAN_BOLTZMANN, orbital


def test_radiator_for_1_gw_by_hand():
    # 1e9 / (2 x 0.9 x 5.670374419e-8 x 300^4) = 1.2096e6 m2 = 1.21 km2
    result = orbital("1 GW", radiator_temperature="300 K", emissivity=0.9, sink_temperature="0 K")
    expected = 1e9 / (2 * 0.9 * STEFAN_BOLTZMANN * 300**4)
    assert result.radiator_area.m_as("m^2") == pytest.approx(expected)
    assert result.radiator_area.m_as("km^2") == pytest.approx(1.2096, abs=1e-4)


def test_arrays_masses_and_launches_in_constant_sunlight():
    # arrays: 1e9 / (1,361 x 0.25 x 0.85) = 3.4577e6 m2; BOL output 3.4577e6 x 1,361 x 0.30 x 0.85 =
    # 1.2 GW at 100 W/kg = 12,000 t; radiators 1.2096e6 m2 x 3 kg/m2 = 3,628.7 t; compute 10 kg/kW
    # = 10,000 t; no eclipse, no battery: 25,628.7 t -> 257 launches of 100 t; 1 GW / 120 kW = 8,334
    result = orbital("1 GW")
    assert result.solar_array_area.m_as("km^2") == pytest.approx(1e9 / (1361 * 0.25 * 0.85) / 1e6)
    assert result.solar_array_mass.m_as("t") == pytest.approx(12_000)
    assert result.battery_energy.m_as("MWh") == 0
    assert result.total_mass.m_as("t") == pytest.approx(12_000 + 3_628.71 + 10_000, abs=0.01)
    assert result.launches == 257
    assert result.satellites == 8_334
    assert result.launch_cost.m_as("USD") == pytest.approx(result.total_mass.m_as("kg") * 3000)


def test_eclipse_needs_batteries_and_more_array():
    # f = 0.372, round trip 0.9: array power = 1 GW x (1 + 0.372 / (0.628 x 0.9)) = 1.6582 GW;
    # battery: 1 GW x 0.372 x 95.5 min / 0.4 = 1,480.25 MWh; at 150 Wh/kg = 9,868.3 t
    result = orbital("1 GW", orbit="leo-550km")
    assert result.array_power.m_as("GW") == pytest.approx(1 + 0.372 / (0.628 * 0.9))
    assert result.battery_energy.m_as("MWh") == pytest.approx(1480.25)
    assert result.battery_mass.m_as("t") == pytest.approx(9868.33, abs=0.01)


def test_accelerators_in_orbit_at_the_it_basis():
    # 1 GW of GB300 NVL72 at the IT basis: 135 kW / 72 x 0.85 x 1.10 = 1,753.1 W -> 570,412 GPUs ->
    # 7,922 racks = 570,384
    assert orbital("1 GW", accelerator="gb300").accelerators == 7_922 * 72


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"emissivity": 1.2}, InputError, "emissivity: 1.2 is outside its accepted range 0.01 to 1"),
        (
            {"radiator_temperature": "300 kg"},
            UnitError,
            "radiator_temperature: '300 kg' is a mass, not a temperature",
        ),
        (
            {"sink_temperature": "400 K"},
            InputError,
            "radiator_temperature: 300 K must be above the sink temperature 400 K",
        ),
        ({"launch_price": "-5 USD/kg"}, UnitError, "launch_price: '-5 USD/kg' must not be negative"),
        ({"eclipse_fraction": 1}, InputError, "eclipse_fraction: 1 is outside its accepted range 0 to 0.95"),
        ({"colour": "white"}, InputError, "orbital: 'colour' is not an input"),
        (
            {"cell_efficiency_eol": 0.35},
            InputError,
            "cell_efficiency_eol: must not exceed cell_efficiency_bol",
        ),
    ],
)
def test_bad_orbital_inputs(overrides, error, message):
    with pytest.raises(error) as caught:
        orbital("1 GW", **overrides)
    assert str(caught.value).startswith(message)


def test_celsius_is_accepted_for_temperatures():
    # 26.85 degC = 300 K
    result = orbital("1 GW", radiator_temperature="26.85 degC")
    assert math.isclose(result.inputs["radiator_temperature"], 300.0)
