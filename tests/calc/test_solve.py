"""calc/solve.py: goal-seek in closed form."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calc
from calc.errors import InputError


def test_pue_at_which_300_mw_carries_220000_h100():
    # 1,363.64 / 1,192.125 = 1.1439
    result = calc.solve("pue", power="300 MW", gpus=220_000, accelerator="h100-sxm")
    assert result.value == pytest.approx(1.14387, abs=1e-4)
    assert result.status == "in range"
    assert result.summary == (
        "300 MW carries 220,000 GPUs at the facility basis when pue = 1.144 "
        "(in range; range 1.08–1.5, central 1.2; others central)"
    )


def test_power_for_a_million_gb200():
    # 1,000,000 x 2,057.0 W = 2.057 GW at the facility, central
    result = calc.solve("power", gpus=1_000_000, accelerator="gb200")
    assert result.quantity.m_as("GW") == pytest.approx(2.057)


def test_gpus_for_a_power():
    # 300 MW / 1,430.55 W = 209,709.55 before rounding to systems
    result = calc.solve("gpus", power="300 MW", accelerator="h100-sxm")
    assert result.value == pytest.approx(209_709.55, abs=0.01)


def test_impossible_solution_is_flagged():
    # 1,000 W per GPU as facility power would need PUE 1,000 / 1,192.125 = 0.839 < 1
    result = calc.solve("pue", power="300 MW", gpus=300_000, accelerator="h100-sxm")
    assert result.value == pytest.approx(0.8389, abs=1e-4)
    assert result.status == "impossible"


def test_solve_rejects_what_cannot_be_solved():
    with pytest.raises(InputError, match=r"for: 'tdp' cannot be solved for; accepted: power, gpus"):
        calc.solve("tdp", power="300 MW", gpus=1, accelerator="h100-sxm")
    with pytest.raises(
        InputError, match="for: pue does not enter the it basis; use a basis among facility, supply"
    ):
        calc.solve("pue", power="300 MW", gpus=1, accelerator="h100-sxm", basis="it")
    with pytest.raises(InputError, match="basis: 'unspecified' is not accepted here"):
        calc.solve("pue", power="300 MW", gpus=1, accelerator="h100-sxm", basis="unspecified")
    with pytest.raises(InputError, match="the method sets no server_factor"):
        calc.solve("server_factor", power="300 MW", gpus=1, accelerator="h100-sxm")


@given(st.floats(min_value=1.0, max_value=3.0))
def test_solved_pue_makes_the_claim_fit_exactly(pue):
    """Round trip: the power needed at a PUE, solved back for PUE, gives that PUE."""
    needed = calc.solve("power", gpus=220_000, accelerator="h100-sxm", assumptions={"pue": pue})
    back = calc.solve("pue", power=needed.quantity, gpus=220_000, accelerator="h100-sxm")
    assert back.value == pytest.approx(pue, rel=1e-9)
