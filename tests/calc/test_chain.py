"""calc/chain.py: the one formula, fleet averaging and counts."""

import numpy as np
import pytest

import calc
from calc.chain import chain_watts, parse_count, resolve_fleet
from calc.errors import InputError, PresetError


def test_chain_watts_dgx_h100_central():
    # DGX H100: 10.2 kW / 8 = 1,275 W nameplate per GPU; x 0.85 = 1,083.75 W server;
    # x 1.10 = 1,192.125 W IT; x 1.20 = 1,430.55 W facility; N, no headroom: supply = facility.
    watts = chain_watts(700.0, 10_200 / 8, 0.85, 0.10, 1.20, 1.0, 0.0)
    assert watts["chip"] == 700.0
    assert watts["server"] == pytest.approx(1083.75)
    assert watts["it"] == pytest.approx(1192.125)
    assert watts["facility"] == pytest.approx(1430.55)
    assert watts["supply"] == pytest.approx(1430.55)


def test_chain_watts_supply_with_2n_and_headroom():
    # supply = 1,430.55 / (0.5 x (1 - 0.1)) = 3,179.0 W
    watts = chain_watts(700.0, 1275.0, 0.85, 0.10, 1.20, 0.5, 0.1)
    assert watts["supply"] == pytest.approx(3179.0)


def test_chain_watts_with_server_factor_ignores_the_system():
    # Epoch: 700 W x 1.82 = 1,274 W server; x 1.14 = 1,452.36 W facility
    watts = chain_watts(700.0, 9999.0, 1.0, 0.0, 1.14, 1.0, 0.0, server_factor=1.82)
    assert watts["server"] == pytest.approx(1274.0)
    assert watts["facility"] == pytest.approx(1452.36)


def test_chain_watts_is_the_same_formula_for_arrays():
    pue = np.array([1.08, 1.2, 1.5])
    watts = chain_watts(700.0, 1275.0, 0.85, 0.10, pue, 1.0, 0.0)
    scalar = [chain_watts(700.0, 1275.0, 0.85, 0.10, p, 1.0, 0.0)["facility"] for p in pue]
    np.testing.assert_allclose(watts["facility"], scalar)


def test_power_chain_public_table_for_h100():
    rows = {row.basis: row for row in calc.power_chain("h100-sxm")}
    # low: 1,275 x 0.70 x 1.06 x 1.08 = 1,021.734 W; high: 1,275 x 1.0 x 1.15 x 1.5 = 2,199.375 W
    assert rows["facility"].low.m_as("W") == pytest.approx(1021.734)
    assert rows["facility"].central.m_as("W") == pytest.approx(1430.55)
    assert rows["facility"].high.m_as("W") == pytest.approx(2199.375)
    assert rows["chip"].low.m_as("W") == rows["chip"].high.m_as("W") == 700.0


def test_fleet_average_is_weighted_by_count():
    # H100 and GB200 at 3:1. GB200 NVL72: 132 kW / 72 = 1,833.33 W nameplate; server central
    # 1,558.33 W. H100: 1,083.75 W. Average: (3 x 1,083.75 + 1,558.33) / 4 = 1,202.40 W.
    rows = {r.basis: r for r in calc.power_chain(fleet={"h100-sxm": 3, "gb200": 1})}
    assert rows["server"].central.m_as("W") == pytest.approx((3 * 1083.75 + 132_000 / 72 * 0.85) / 4)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("220000", 220000), ("220,000", 220000), ("220_000", 220000), ("2.2e5", 220000), (8, 8)],
)
def test_parse_count_accepts_common_spellings(value, expected):
    assert parse_count(value, "gpus") == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "gpus: '0' must be greater than zero"),
        ("-3", "gpus: '-3' must be greater than zero"),
        ("22.5", "gpus: '22.5' is not a whole number of accelerators"),
        ("lots", "gpus: 'lots' is not a number; give e.g. '220000'"),
        ("nan", "gpus: 'nan' is not finite; give e.g. 220000"),
        ("1e13", "gpus: '1e13' is more than 1e+12; accepted: 1 to 1e12"),
        (True, "gpus: True is not a count"),
        (None, "gpus: None is not a count; give e.g. 220000"),
    ],
)
def test_parse_count_rejects_with_one_line(value, message):
    with pytest.raises(InputError) as caught:
        parse_count(value, "gpus")
    assert str(caught.value) == message


def test_resolve_fleet_needs_exactly_one_of_accelerator_or_fleet():
    with pytest.raises(InputError, match=r"give either accelerator or fleet .* not neither"):
        resolve_fleet()
    with pytest.raises(InputError, match="not both"):
        resolve_fleet("h100-sxm", {"b200": 1})


def test_unknown_accelerator_lists_the_accepted_ids():
    with pytest.raises(PresetError) as caught:
        resolve_fleet("h100", None)
    message = str(caught.value)
    assert message.startswith(
        "accelerator: 'h100' is not a preset; did you mean 'h100-sxm'? accepted: a100-sxm,"
    )
    assert "trainium2" in message
