"""Every result of energy and capex is finite, or the input is refused in one line."""

import pytest

import calc
from calc.errors import InputError


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"price": "1e300 USD/kWh"},
            "price: '1e300 USD/kWh' is more than 1000 USD/kWh; accepted: 0 to 1000 USD/kWh",
        ),
        (
            {"carbon": "1e300 g/kWh"},
            "carbon: '1e300 g/kWh' is more than 10000 g/kWh; accepted: 0 to 10000 g/kWh",
        ),
        ({"wue": "1e308 L/kWh"}, "wue: '1e308 L/kWh' is more than 1000 L/kWh; accepted: 0 to 1000 L/kWh"),
    ],
)
def test_energy_caps_the_figures_that_scale_it(kwargs, message):
    with pytest.raises(InputError) as caught:
        calc.annual_energy("1 PW", **kwargs)
    assert str(caught.value) == message


def test_energy_at_every_cap_is_finite():
    # 1 PW x 1 x 8,760 h = 8.76e15 kWh; x 1000 USD/kWh = 8.76e18 USD = 8.76e12 MUSD
    result = calc.annual_energy(
        "1 PW", load_factor=1, price="1000 USD/kWh", carbon="10000 g/kWh", wue="1000 L/kWh"
    )
    assert result.cost.m_as("MUSD") == pytest.approx(8.76e12)
    assert result.emissions.m_as("t") == pytest.approx(8.76e13)  # 8.76e15 kWh x 10 kg
    assert result.water.m_as("m^3") == pytest.approx(8.76e15)  # 8.76e15 kWh x 1 m³


def test_average_power_caps_the_annual_energy():
    with pytest.raises(InputError) as caught:
        calc.average_power("1e308 TWh")
    assert str(caught.value) == (
        "annual_energy: '1e308 TWh' is more than 8.76e+06 TWh; accepted: 0 to 8.76e+06 TWh"
    )
    assert calc.average_power("8.76e6 TWh").m_as("PW") == pytest.approx(1.0)  # 8.76e6 TWh / 8,760 h


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"gpus": 8, "facility_cost": "1e308 MUSD/MW"},
            "facility_cost: '1e308 MUSD/MW' is more than 1000 MUSD/MW; accepted: 0 to 1000 MUSD/MW",
        ),
        ({"budget": "1e308 USD"}, "budget: '1e308 USD' is more than 1e+15 USD; accepted: 0 to 1e+15 USD"),
        ({"budget": "1e300 USD"}, "budget: '1e300 USD' is more than 1e+15 USD; accepted: 0 to 1e+15 USD"),
        (
            {"gpus": 8, "system_prices": {"dgx-h100": "1e308 USD"}},
            "system_prices.dgx-h100: '1e308 USD' is more than 1e+10 USD; accepted: 0 to 1e+10 USD",
        ),
        (
            # one DGX H100: 300,000 USD + 15 USD/W x 1,192.125 W x 8 = 443,055 USD
            {"budget": "100000 USD"},
            "budget: '100000 USD' buys no whole system; one costs $443 k with its share of the facility",
        ),
        (
            # each accelerator: 1e-300 / 8 USD, no facility cost: 1e15 USD buys 8e315 of them
            {"budget": "1e15 USD", "facility_cost": "0 USD/W", "system_prices": {"dgx-h100": "1e-300 USD"}},
            "budget: '1e15 USD' buys more than 1e12 accelerators at 1.25e-301 USD each; "
            "accepted: a budget for up to 1e12 accelerators",
        ),
    ],
)
def test_capex_refuses_what_would_overflow_or_buy_nothing(kwargs, message):
    with pytest.raises(InputError) as caught:
        calc.capex(accelerator="h100-sxm", **kwargs)
    assert str(caught.value) == message


def test_capex_buys_one_system_at_its_price():
    result = calc.capex("443100 USD", "h100-sxm")
    assert (result.systems, result.accelerators) == (1, 8)


def test_orbital_number_inputs_take_a_percent():
    assert calc.orbital("1 MW", emissivity="90%").inputs["emissivity"] == pytest.approx(0.9)
