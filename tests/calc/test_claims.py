"""calc/claims.py: verdicts, readings, break-evens and the headline claims."""

import pytest

import calc
from calc.claims import verdict_for
from calc.errors import InputError


@pytest.fixture(scope="module")
def headline():
    return calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm")


def test_headline_implied_power_and_verdict(headline):
    # 300 MW / 220,000 = 1,363.64 W per GPU; IT 946.05-1,466.25 W, facility 1,021.73-2,199.38 W
    assert headline.implied_power_per_accelerator.m_as("W") == pytest.approx(1363.636, abs=1e-3)
    assert headline.verdict == "plausible"
    assert [r.basis for r in headline.readings] == ["it", "facility"]
    assert [r.verdict for r in headline.readings] == ["plausible", "plausible"]
    it, facility = headline.readings
    assert it.low.m_as("W") == pytest.approx(946.05)
    assert it.high.m_as("W") == pytest.approx(1466.25)
    assert facility.low.m_as("W") == pytest.approx(1021.734)
    assert facility.high.m_as("W") == pytest.approx(2199.375)
    assert facility.supported_accelerators == 209_704


def test_headline_break_evens(headline):
    it, facility = headline.readings
    evens = {e.assumption: e for e in facility.break_even}
    # facility: pue = 1,363.64 / 1,192.125 = 1.1439; draw = 1,363.64 / (1,275 x 1.1 x 1.2) = 0.8102;
    # it_overhead = 1,363.64 / (1,083.75 x 1.2) - 1 = 0.0485, below its low end 0.06
    assert evens["pue"].value == pytest.approx(1.14387, abs=1e-4)
    assert evens["pue"].status == "in range"
    assert evens["draw_factor"].value == pytest.approx(0.81024, abs=1e-4)
    assert evens["it_overhead"].value == pytest.approx(0.04853, abs=1e-4)
    assert evens["it_overhead"].status == "below range"
    it_evens = {e.assumption: e for e in it.break_even}
    # IT: draw = 1,363.64 / (1,275 x 1.1) = 0.9723; it_overhead = 1,363.64 / 1,083.75 - 1 = 0.2583
    assert it_evens["draw_factor"].value == pytest.approx(0.97230, abs=1e-4)
    assert it_evens["it_overhead"].value == pytest.approx(0.25825, abs=1e-4)
    assert it_evens["it_overhead"].status == "above range"
    assert "pue" not in it_evens


def test_headline_summary_says_what_must_hold(headline):
    assert headline.summary.startswith("plausible: 300 MW for 220,000 GPUs is 1,363.6 W per GPU")
    assert headline.conclusion == (
        "So it holds as IT power with draw_factor near 0.972 (central 0.85); or as facility power "
        "with draw_factor near 0.81 (central 0.85) or pue near 1.14 (central 1.2); the claim is "
        "14.4 % above the IT central, 4.7 % below the facility central."
    )


def test_implausible_even_as_it_power():
    # 300 MW / 400,000 = 750 W < 946.05 W, the IT low end
    result = calc.check_claim("300 MW", gpus=400_000, accelerator="h100-sxm")
    assert result.verdict == "implausible"
    assert result.readings[0].verdict == "implausible"
    assert result.conclusion.startswith("So not even the most optimistic assumptions fit")


def test_ample_even_as_facility_power():
    # 300 MW / 100,000 = 3,000 W > 2,199.375 W, the facility high end
    result = calc.check_claim("300 MW", gpus=100_000, accelerator="h100-sxm")
    assert result.verdict == "ample"
    assert "count may be understated" in result.conclusion


def test_explicit_basis_gives_one_reading():
    # 300 MW of IT power for 300,000 H100: 1,000 W, within 946.05-1,466.25 W
    result = calc.check_claim("300 MW", gpus=300_000, accelerator="h100-sxm", basis="it")
    assert [r.basis for r in result.readings] == ["it"]
    assert result.verdict == "plausible"
    # the same power read as facility power would be implausible: 1,000 W < 1,021.73 W
    assert (
        calc.check_claim("300 MW", gpus=300_000, accelerator="h100-sxm", basis="facility").verdict
        == "implausible"
    )


def test_between_the_readings_is_not_plausible():
    # Epoch's values with its server factor fixed at 1.82: IT 1,274 W, facility 1,452.36 W.
    # 1,363.6 W is more than the IT reading needs and less than the facility reading needs.
    result = calc.check_claim(
        "300 MW", gpus=220_000, accelerator="h100-sxm", method="epoch", assumptions={"server_factor": 1.82}
    )
    assert [r.verdict for r in result.readings] == ["ample", "implausible"]
    # neither reading fits: the verdict says so rather than "plausible"
    assert result.verdict == "between"
    # facility low end: 700 x 1.82 x 1.10 = 1,401.4 W; pue that fits: 1,363.64 / 1,274 = 1.070
    assert result.conclusion == (
        "So it fits only between the readings: 1,363.6 W is more than IT alone needs (at most "
        "1,274.0 W) and less than the facility needs at pue >= 1.1 (at least 1,401.4 W); as "
        "facility power it needs pue 1.070, below range 1.1–1.14, the others central."
    )


def test_a_miss_is_a_percentage():
    # 300 MW / 400,000 = 750 W; IT low 946.05 W (20.7 % short), central 1,192.125 W (37.1 %)
    result = calc.check_claim("300 MW", gpus=400_000, accelerator="h100-sxm")
    assert result.conclusion == (
        "So not even the most optimistic assumptions fit: the power is too small for the count "
        "(20.7 % below the IT low end, 37.1 % below the method's central value)."
    )
    # SemiAnalysis: 1,363.64 W against 1,388.985 W of IT per H100 is 1.8 % short
    semianalysis = calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm", method="semianalysis")
    assert (
        "fits (the model gives 1,275.0 W–1,500.7 W per GPU, central 1,389.0 W); 1.8 % below the central"
        in (semianalysis.readings[0].summary)
    )


def test_a_fit_at_the_end_of_a_range_says_so():
    # facility central 1,430.55 W at pue 1.2; 300 MW / 232,576 = 1,289.9 W needs pue 1.082,
    # within 5 % of the width of 1.08–1.5 from its low end
    result = calc.check_claim("300 MW", gpus=232_576, accelerator="h100-sxm", basis="facility")
    assert result.conclusion.endswith(
        "pue near 1.08 (central 1.2), only at the optimistic edge of its range 1.08–1.5; "
        "the claim is 9.8 % below the facility central."
    )


def test_supply_basis_break_evens_include_headroom_and_usable_fraction():
    result = calc.check_claim(
        "300 MW", gpus=150_000, accelerator="h100-sxm", basis="supply", assumptions={"redundancy": "2N"}
    )
    # supply central = 1,430.55 / 0.5 = 2,861.1 W; implied 2,000 W; usable = 0.5 x 2,861.1 / 2,000
    evens = {e.assumption: e for e in result.readings[0].break_even}
    assert evens["usable_fraction"].value == pytest.approx(0.5 * 2861.1 / 2000)
    assert evens["headroom"].value < 0 and evens["headroom"].status == "impossible"


def test_impossible_break_even_is_flagged():
    # Colossus mix as facility power: it_overhead would have to be negative
    result = calc.check_claim(facility="colossus-1")
    facility = result.readings[1]
    evens = {e.assumption: e for e in facility.break_even}
    assert evens["it_overhead"].status == "impossible"


def test_mixed_fleet_is_checked_as_a_whole():
    # 150,000 H100 + 50,000 H200 at 1,430.55 W (both DGX at 10.2 kW): 286.11 MW facility central;
    # 286.11 MW for 200,000 GPUs is exactly central, so the PUE break-even is 1.2.
    result = calc.check_claim("286.11 MW", fleet={"h100-sxm": 150_000, "h200-sxm": 50_000}, basis="facility")
    assert result.accelerators == 200_000
    pue = next(e for e in result.readings[0].break_even if e.assumption == "pue")
    assert pue.value == pytest.approx(1.2)


def test_colossus_preset_uses_its_mix_scaled_to_the_claim():
    result = calc.check_claim(facility="colossus-1")
    counts = {e.accelerator: e.count for e in result.fleet}
    # 150k : 50k : 30k scaled to 220,000
    assert counts["h100-sxm"] == pytest.approx(220_000 * 150 / 230)
    assert counts["gb200"] == pytest.approx(220_000 * 30 / 230)
    assert result.power.m_as("MW") == 300.0
    assert result.basis == "unspecified"
    assert result.verdict == "plausible"


def test_hpc_facilities_measured_power_is_plausible_at_it_basis():
    for site in ("frontier", "el-capitan", "aurora"):
        assert calc.check_claim(facility=site).verdict == "plausible", site


def test_compare_methods_lists_every_set_default_first():
    results = calc.compare_methods("300 MW", 220_000, "h100-sxm")
    assert [r.method for r in results] == ["default", "epoch", "epoch-nested", "nvidia-ra", "semianalysis"]
    # SemiAnalysis: 1,363.6 W is within its own spread of IT per H100, 1,275-1,500.7 W (central
    # 1,389.0 W); Epoch-nested: 700 x 1.82 x 1.14 = 1,452.4 W of IT, more than the claim gives,
    # but within its range 700 x 1.47 x 1.14 = 1,173.1 W to 700 x 2.03 x 1.14 = 1,619.9 W
    assert [r.verdict for r in results] == ["plausible"] * 5
    nested = results[2].readings[0]
    assert nested.low.m_as("W") == pytest.approx(1_173.06)
    assert nested.central.m_as("W") == pytest.approx(1_452.36)
    assert nested.high.m_as("W") == pytest.approx(1_619.94)


def test_missing_inputs_are_named():
    with pytest.raises(InputError, match="power: missing"):
        calc.check_claim(gpus=1, accelerator="h100-sxm")
    with pytest.raises(InputError, match="gpus: missing"):
        calc.check_claim("300 MW", accelerator="h100-sxm")
    with pytest.raises(InputError, match="give an accelerator, a fleet"):
        calc.check_claim("300 MW", gpus=1)


@pytest.mark.parametrize(
    ("implied", "verdict"), [(0.9, "implausible"), (1.0, "plausible"), (2.0, "plausible"), (2.1, "ample")]
)
def test_verdict_boundaries(implied, verdict):
    assert verdict_for(implied, 1.0, 2.0) == verdict


def test_claim_result_round_trips_through_json(headline):
    assert calc.ClaimResult.model_validate_json(headline.model_dump_json()) == headline


def test_conclusion_when_no_single_assumption_closes_the_gap():
    # Colossus mix at 250 MW: 1,136.4 W per GPU as facility power is within 1,080.1-2,325.0 W, but
    # pue would need 0.90 (impossible) and draw_factor 0.64 (below 0.70): no single one suffices.
    result = calc.check_claim("250 MW", facility="colossus-1")
    assert result.readings[1].verdict == "plausible"
    assert "as facility power only with several assumptions beyond central at once" in result.conclusion


def test_results_carry_the_chain_and_the_assumptions_they_used(headline):
    facility = next(row for row in headline.chain if row.basis == "facility")
    assert facility.central.m_as("W") == pytest.approx(1430.55)
    assert headline.assumptions.pue.central == 1.2
    assert "Uptime" in headline.assumptions.pue.source
