"""Properties of calc.compute: unit invariance, monotonicity, reverse round trip, bad MFU refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calc.compute import compute
from calc.errors import CalcError

ACCELERATORS = ("h100-sxm", "gb200", "mi300x", "tpu-v6e", "trainium2", "a100-sxm")


@given(st.sampled_from(ACCELERATORS), st.integers(min_value=10, max_value=2000))
def test_unit_invariance_and_monotonicity(accelerator: str, megawatts: int) -> None:
    in_mw = compute(f"{megawatts} MW", accelerator)
    in_kw = compute(f"{megawatts * 1000} kW", accelerator)
    assert in_mw.h100e.central == pytest.approx(in_kw.h100e.central, rel=1e-12)
    more = compute(f"{megawatts * 2} MW", accelerator)
    assert more.h100e.central >= in_mw.h100e.central
    assert in_mw.h100e.low <= in_mw.h100e.central <= in_mw.h100e.high
    assert in_mw.effective.low <= in_mw.effective.central <= in_mw.effective.high


@given(st.sampled_from(ACCELERATORS), st.integers(min_value=1, max_value=5_000_000))
def test_reverse_meets_its_target_with_less_than_one_unit_to_spare(accelerator: str, target: int) -> None:
    result = compute(h100e=target, accelerator=accelerator)
    per_unit = result.lines[0].h100e_per_unit
    assert target <= result.h100e.central + 1e-6 < target + per_unit + 1e-6


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12)))
def test_any_mfu_is_a_result_or_a_one_line_error(mfu: object) -> None:
    try:
        result = compute("100 MW", "h100-sxm", mfu=mfu)
    except CalcError as error:
        assert "\n" not in str(error) and str(error).startswith("mfu: ")
    else:
        assert 0 < result.mfu.low <= result.mfu.high <= 1
