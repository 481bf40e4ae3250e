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
        InputError,
        match="for: pue enters the chain at the facility step, after the it basis; use a basis among facility, supply",
    ):
        calc.solve("pue", power="300 MW", gpus=1, accelerator="h100-sxm", basis="it")
    with pytest.raises(InputError, match="basis: 'grid' is not accepted; accepted: unspecified, chip"):
        calc.solve("pue", power="300 MW", gpus=1, accelerator="h100-sxm", basis="grid")
    with pytest.raises(
        InputError, match="for: server_factor is not set by the method 'default'; use a method"
    ):
        calc.solve("server_factor", power="300 MW", gpus=1, accelerator="h100-sxm")


def test_an_unspecified_basis_is_solved_as_facility_power_and_says_so():
    result = calc.solve("pue", power="300 MW", gpus=220_000, accelerator="h100-sxm", basis="unspecified")
    assert result.basis == "facility"
    assert result.value == pytest.approx(1.1438, abs=1e-4)  # 1,363.64 / 1,192.125
    assert result.notes[0] == "basis unspecified: read as facility power (a claim check reads it both ways)"


def test_server_factor_is_solved_at_the_it_basis_under_epoch():
    # Epoch: 700 W x sf x 1.0 x (1 + 0) = IT; 300 MW / 220,000 = 1,363.64 W -> sf = 1.948
    result = calc.solve(
        "server_factor", power="300 MW", gpus=220_000, accelerator="h100-sxm", basis="it", method="epoch"
    )
    assert result.value == pytest.approx(1363.636 / 700, rel=1e-4)
    # within Epoch's own spread of server factors, 1.47 (TPU v3) to 2.03 (DGX A100)
    assert result.status == "in range"


def test_headroom_beyond_what_a_scenario_accepts_is_not_in_range():
    # supply: 300 MW carries 1,000 H100 at any headroom up to 1 - 1,430.55 x 1,000 / 300e6 = 0.995
    result = calc.solve("headroom", power="300 MW", gpus=1_000, accelerator="h100-sxm", basis="supply")
    assert result.value == pytest.approx(1 - 1430.55 * 1000 / 300e6, rel=1e-6)
    assert result.status == "above range"  # --set headroom accepts at most 0.9


@given(st.floats(min_value=1.0, max_value=3.0))
def test_solved_pue_makes_the_claim_fit_exactly(pue):
    """Round trip: the power needed at a PUE, solved back for PUE, gives that PUE."""
    needed = calc.solve("power", gpus=220_000, accelerator="h100-sxm", assumptions={"pue": pue})
    back = calc.solve("pue", power=needed.quantity, gpus=220_000, accelerator="h100-sxm")
    assert back.value == pytest.approx(pue, rel=1e-9)
