"""calc/ledger.py: the ledger of announced deals, each claim answered as it was stated."""

import pytest

import calc
from calc.errors import PresetError

IDS = calc.list_presets("claims")


def test_the_ledger_has_the_public_claims_with_their_sources_and_dates():
    assert len(IDS) >= 30
    for claim_id in IDS:
        claim = calc.load_claim(claim_id)
        assert claim.url.startswith("http") and claim.sources[0].url == claim.url
        assert len(claim.date) in (7, 10)
    for required in (
        "colossus-1-launch",
        "colossus-1-phase-1",
        "stargate-abilene",
        "stargate-norway",
        "nscale-microsoft",
        "project-rainier",
        "anthropic-google-tpus",
        "fairwater-wisconsin",
        "meta-prometheus",
        "meta-hyperion",
        "openai-amd-6gw",
        "openai-nvidia-10gw",
        "stargate-oracle-4-5gw",
        "stargate-uae-1gw",
        "poolside-horizon",
        "nebius-microsoft",
        "hyperscaler-capex-2025-2026",
    ):
        assert required in IDS


def test_every_claim_is_answered_by_date():
    report = calc.check_ledger()
    assert len(report.claims) == len(IDS)
    assert [r.date for r in report.claims] == sorted(r.date for r in report.claims)
    assert not [r.id for r in report.claims if r.answer.startswith("error")]
    kinds = {r.kind for r in report.claims}
    assert kinds == {"power and count", "power", "count", "money"}  # no bundled claim is in orbit
    assert all((r.verdict is None) == (r.kind != "power and count") for r in report.claims)


def test_a_power_and_a_count_get_the_claim_check():
    (result,) = calc.check_ledger(("colossus-1-phase-1",)).claims
    # 150 MW of grid + 150 MW of Megapacks = 300 MW; 300 MW / 200,000 = 1,500 W per H100
    assert result.verdict == "plausible"
    assert result.answer == "plausible: 300 MW for 200,000 GPUs is 1,500.0 W per GPU"
    assert result.claim == calc.check_claim("300 MW", gpus=200_000, accelerator="h100-sxm", basis="supply")
    # the launch: 8 MW of grid + 35 MW of generators for 100,000 H100 (about: 387-473 W per GPU)
    (launch,) = calc.check_ledger(("colossus-1-launch",)).claims
    assert launch.verdict == "implausible"
    assert launch.answer == "implausible: about 43 MW for 100,000 GPUs is 387.0–473.0 W per GPU"


def test_a_claim_of_two_lower_bounds_is_judged_with_its_bounds():
    (result,) = calc.check_ledger(("stargate-5gw",)).claims
    assert result.verdict == "plausible"
    assert result.claim.power_bound == result.claim.count_bound == "at-least"


def test_a_power_alone_supports_what_capacity_says():
    (result,) = calc.check_ledger(("meta-prometheus",)).claims
    assert result.kind == "power"
    by_type = {s.accelerator: s.accelerators for s in result.supports}
    assert next(iter(by_type)) == "gb200"  # the claim's own accelerator first
    for accelerator, count in by_type.items():
        assert count == calc.capacity("1 GW", accelerator=accelerator, basis="facility").accelerators
    assert result.answer.startswith(
        f"1 GW at the facility basis supports {by_type['gb200']:,} gb200 (central)"
    )


def test_a_count_alone_gets_the_power_it_needs():
    (result,) = calc.check_ledger(("fairwater-wisconsin",)).claims
    needed = calc.required_power(gpus=200_000, accelerator="gb200")
    facility = next(c for c in needed.power if c.basis == "facility")
    assert result.required_power == facility.central


def test_money_goes_through_capex():
    (result,) = calc.check_ledger(("nebius-microsoft",)).claims
    assert result.kind == "money"
    assert result.accelerators == calc.capex("19.4e9 USD", accelerator="gb200").accelerators
    assert result.answer.startswith("$19.4 B buys ")


def test_orbit_goes_through_orbital():
    # no bundled claim is in orbit: a claim of the ledger's form, answered as the ledger would
    claim = calc.LedgerClaim.model_validate(
        {
            "id": "orbital-example",
            "name": "An orbital claim",
            "date": "2026-06-09",
            "quote": "1 gigawatt of space-based AI compute capacity by the end of 2027",
            "url": "https://example.org/orbit",
            "power": "1 GW",
            "accelerator": "h100-sxm",
            "orbital": True,
            "confidence": "low",
            "sources": [
                {"title": "an example source", "url": "https://example.org/orbit", "tier": "reporting"}
            ],
        }
    )
    result = calc.answer_claim(claim)
    expected = calc.orbital("1 GW", accelerator="h100-sxm")
    assert result.kind == "orbital" and result.orbital == expected
    assert result.answer.endswith(f"{expected.launches:,} launches")


def test_an_unknown_claim_is_one_line():
    with pytest.raises(
        PresetError, match=r"^claim: 'nope' is not a preset; accepted: anthropic-amazon-5gw, "
    ):
        calc.check_ledger(("nope",))


def test_a_claim_that_states_nothing_is_refused():
    with pytest.raises(ValueError, match="states a power, a count or a budget"):
        calc.LedgerClaim.model_validate(
            {
                "id": "empty",
                "name": "empty",
                "date": "2025-01-01",
                "quote": "nothing at all is said here",
                "url": "https://example.org",
                "confidence": "low",
                "sources": [
                    {"title": "an example source", "url": "https://example.org", "tier": "reporting"}
                ],
            }
        )


def test_a_claim_with_power_and_count_opens_as_the_scenario_it_is_checked_as():
    lease = calc.claim_scenario("stargate-5gw")
    assert (lease.id, lease.name) == ("stargate-5gw", "Stargate, over 5 GW and 2 million chips")
    assert (lease.power.m_as("MW"), lease.accelerators) == (5000, 2_000_000)
    assert (lease.power_bound, lease.count_bound) == ("at-least", "at-least")
    assert calc.check_claim(lease).verdict == calc.answer_claim(calc.load_claim("stargate-5gw")).verdict
    assert "more than 5 gigawatts" in lease.notes
    ranged = calc.claim_scenario("openai-nvidia-10gw")
    assert (ranged.count_bound, ranged.accelerators, ranged.accelerators_high) == (
        "between",
        4_000_000,
        5_000_000,
    )


def test_a_claim_of_one_figure_gets_the_other_from_its_answer():
    # meta-prometheus: 1 GW alone; what it supports of gb200 at the facility basis, central
    prometheus = calc.claim_scenario("meta-prometheus")
    supported = calc.answer_claim(calc.load_claim("meta-prometheus")).supports[0]
    assert (prometheus.accelerators, prometheus.basis) == (supported.accelerators, "facility")
    assert prometheus.count_bound == "exact"
    assert prometheus.notes.startswith("The count is what the power supports at the facility basis")
    # fairwater-wisconsin: at least 200,000 gb200 alone; the facility power they need, as shown
    fairwater = calc.claim_scenario("fairwater-wisconsin")
    assert (fairwater.power.m_as("MW"), fairwater.basis, fairwater.count_bound) == (
        411.4,
        "facility",
        "at-least",
    )
    # a budget: what it buys and their facility power
    azure = calc.claim_scenario("nebius-microsoft")
    assert azure.accelerators == calc.answer_claim(calc.load_claim("nebius-microsoft")).accelerators
    # every claim of the ledger opens and checks
    for claim_id in IDS:
        assert calc.check_claim(calc.claim_scenario(claim_id)).verdict


def test_the_ledger_table_gives_a_verdict_or_what_a_figure_supports():
    claims = [calc.load_claim(i) for i in IDS]
    table = calc.ledger_table(claims, calc.check_ledger())
    rows = {row[1]: row for row in table.rows}
    assert table.header == ("date", "id", "verdict or answer", "stated power", "count", "source")
    assert rows["stargate-5gw"] == (
        "2025-07-22",
        "stargate-5gw",
        "plausible",
        "at least 5 GW",
        "at least 2,000,000",
        "reporting · channelnewsasia.com",
    )
    assert rows["stargate-norway"][5] == "primary · prnewswire.co.uk"
    assert rows["meta-prometheus"][2].startswith("supports ") and rows["meta-prometheus"][2].endswith(
        " gb200"
    )
    assert rows["fairwater-wisconsin"][2] == "needs 411.4 MW"
    assert rows["nebius-microsoft"][3] == "$19.4 B"
    assert rows["openai-nvidia-10gw"][4] == "4,000,000–5,000,000"
