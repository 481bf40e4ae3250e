"""calc/claims.py bounds: a claim stated as "more than", "up to", "about" or a count range.

Model per H100 SXM in DGX H100, default set: IT 946.05-1,466.25 W, facility 1,021.73-2,199.38 W.
"""

import math

import pytest

import calc
from calc.claims import ABOUT, bounded_verdict, implied_range, stated_range
from calc.errors import InputError


def _check(power, gpus, **bounds):
    return calc.check_claim(calc.scenario(power, gpus=gpus, accelerator="h100-sxm", **bounds))


def test_exact_bounds_change_nothing():
    exact = _check("300 MW", 220_000)
    assert exact.power_bound == "exact" and exact.count_bound == "exact"
    assert exact.implied_low is None and exact.implied_high is None and exact.stated == ""
    assert (
        implied_range(300e6, 220_000, calc.scenario("300 MW", gpus=220_000, accelerator="h100-sxm")) is None
    )


def test_bounded_verdict_is_verdict_for_at_one_value():
    for implied in (900.0, 1000.0, 1500.0, 3000.0):
        assert bounded_verdict(implied, implied, 946.05, 1466.25) == calc.claims.verdict_for(
            implied, 946.05, 1466.25
        )


def test_stated_ranges():
    assert stated_range(300.0, "exact") == (300.0, 300.0)
    assert stated_range(300.0, "at-least") == (300.0, math.inf)
    assert stated_range(300.0, "at-most") == (0.0, 300.0)
    assert stated_range(300.0, "about") == pytest.approx((270.0, 330.0))
    assert stated_range(4e6, "between", 5e6) == (4e6, 5e6)
    assert ABOUT == 0.10


def test_two_lower_bounds_leave_the_power_per_gpu_unknown():
    # at least 300 MW over at least 220,000 GPUs: from 300 MW / infinity = 0 to infinity / 220,000
    result = _check("300 MW", 220_000, power_bound="at-least", gpus_bound="at-least")
    assert result.verdict == "plausible"
    assert result.implied_low.m_as("W") == 0.0 and result.implied_high is None
    assert result.stated == (
        "at least 300 MW for at least 220,000 GPUs is any power per GPU (the bounds leave it unknown)"
    )
    assert "cannot rule it out" in result.readings[0].summary


def test_a_lower_bound_on_count_caps_the_power_per_gpu():
    # 300 MW over at least 220,000 GPUs: at most 1,363.64 W, above the IT low end 946.05 -> plausible
    result = _check("300 MW", 220_000, gpus_bound="at-least")
    assert result.implied_high.m_as("W") == pytest.approx(1363.636, abs=1e-3)
    assert result.verdict == "plausible"
    # 300 MW over at least 400,000: at most 750 W < 946.05 W even as IT power -> implausible
    assert _check("300 MW", 400_000, gpus_bound="at-least").verdict == "implausible"


def test_an_upper_bound_on_power_can_only_lower_the_power_per_gpu():
    # up to 100 MW for 220,000: at most 454.5 W < 946.05 -> implausible
    assert _check("100 MW", 220_000, power_bound="at-most").verdict == "implausible"
    # up to 1 GW for 100,000: 0-10,000 W meets every range -> plausible (an exact 1 GW is ample)
    assert _check("1 GW", 100_000).verdict == "ample"
    assert _check("1 GW", 100_000, power_bound="at-most").verdict == "plausible"


def test_a_lower_bound_on_power_can_only_raise_it():
    # more than 1 GW for 100,000: at least 10,000 W > 2,199.38 W, the facility high end -> ample
    result = _check("1 GW", 100_000, power_bound="at-least")
    assert result.verdict == "ample"
    assert result.implied_low.m_as("W") == pytest.approx(10_000)
    assert result.stated == "at least 1 GW for 100,000 GPUs is at least 10,000.0 W per GPU"


def test_about_is_within_ten_percent():
    # about 300 MW for 220,000: 270-330 MW -> 1,227.27-1,500.00 W
    result = _check("300 MW", 220_000, power_bound="about")
    assert result.implied_low.m_as("W") == pytest.approx(1227.273, abs=1e-3)
    assert result.implied_high.m_as("W") == pytest.approx(1500.0)
    # about 150 MW for 220,000: 613.6-750 W, below 946.05 -> implausible
    assert _check("150 MW", 220_000, power_bound="about").verdict == "implausible"
    # about 240 MW for 220,000: 981.8-1,200 W: the exact 1,090.9 W is plausible as IT power too
    assert _check("240 MW", 220_000, power_bound="about").verdict == "plausible"


def test_a_count_range():
    # 1 GW for 4-5 million H100s: 200-250 W per GPU, below 946.05 W -> implausible
    result = calc.check_claim(
        calc.scenario("1 GW", gpus=4_000_000, gpus_high=5_000_000, accelerator="h100-sxm")
    )
    assert result.count_bound == "between"
    assert result.implied_low.m_as("W") == pytest.approx(200.0)
    assert result.implied_high.m_as("W") == pytest.approx(250.0)
    assert result.verdict == "implausible"
    assert result.stated.startswith("1 GW for 4,000,000–5,000,000 GPUs is 200.0–250.0 W per GPU")


def test_bound_errors_are_one_line():
    with pytest.raises(
        InputError,
        match=r"^power_bound: 'sometimes' is not accepted; accepted: exact, at-least, at-most, about$",
    ):
        calc.scenario("300 MW", gpus=1, accelerator="h100-sxm", power_bound="sometimes")
    with pytest.raises(
        InputError,
        match=r"^gpus_bound: 'lots' is not accepted; accepted: exact, at-least, at-most, about, between$",
    ):
        calc.scenario("300 MW", gpus=1, accelerator="h100-sxm", gpus_bound="lots")
    with pytest.raises(InputError, match="gpus_high: a count range needs gpus_bound 'between'"):
        calc.scenario("300 MW", gpus=1, accelerator="h100-sxm", gpus_bound="between")
    with pytest.raises(InputError, match=r"gpus_high: 10 must be at least the count \(20\)"):
        calc.scenario("300 MW", gpus=20, gpus_high=10, accelerator="h100-sxm")


def test_a_verdict_carried_by_the_bounds_says_so():
    # 100 MW / 220,000 = 454.5 W, below the IT low end 946.1 W: implausible at the figures;
    # "at least 100 MW" leaves the power open above, so the claim cannot be ruled out
    result = calc.check_claim("100 MW", gpus=220_000, accelerator="h100-sxm", power_bound="at-least")
    assert result.verdict == "plausible"
    assert result.conclusion.startswith(
        "So it is plausible only through its bounds: at the stated figures themselves it is implausible, "
        "and not even the most optimistic assumptions fit"
    )
