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
        "colossus-1-lease",
        "colossus-1-phase-1",
        "colossus-2-gigawatt",
        "stargate-abilene",
        "stargate-norway",
        "nscale-microsoft",
        "project-rainier",
        "anthropic-google-tpus",
        "fairwater-wisconsin",
        "meta-prometheus",
        "meta-hyperion",
        "anthropic-amazon-5gw",
        "anthropic-azure-30b",
        "hyperscaler-capex-2027",
        "spacex-orbital",
    ):
        assert required in IDS


def test_every_claim_is_answered_by_date():
    report = calc.check_ledger()
    assert len(report.claims) == len(IDS)
    assert [r.date for r in report.claims] == sorted(r.date for r in report.claims)
    assert not [r.id for r in report.claims if r.answer.startswith("error")]
    kinds = {r.kind for r in report.claims}
    assert kinds == {"power and count", "power", "count", "money", "orbital"}
    assert all((r.verdict is None) == (r.kind != "power and count") for r in report.claims)


def test_a_power_and_a_count_get_the_claim_check():
    (result,) = calc.check_ledger(("colossus-1-phase-1",)).claims
    # 150 MW / 200,000 = 750 W per H100, below the IT low end 946.05 W
    assert result.verdict == "implausible"
    assert result.answer == "implausible: 150 MW for 200,000 GPUs is 750.0 W per GPU"
    assert result.claim == calc.check_claim("150 MW", gpus=200_000, accelerator="h100-sxm")


def test_the_lease_is_judged_with_its_bounds():
    (result,) = calc.check_ledger(("colossus-1-lease",)).claims
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
    (result,) = calc.check_ledger(("anthropic-azure-30b",)).claims
    assert result.kind == "money"
    assert result.accelerators == calc.capex("30e9 USD", accelerator="gb200").accelerators
    assert result.answer.startswith("$30 B buys ")


def test_orbit_goes_through_orbital():
    (result,) = calc.check_ledger(("spacex-orbital",)).claims
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
                "sources": [{"title": "an example source", "url": "https://example.org"}],
            }
        )


def test_a_claim_with_power_and_count_opens_as_the_scenario_it_is_checked_as():
    lease = calc.claim_scenario("colossus-1-lease")
    assert (lease.id, lease.name) == ("colossus-1-lease", "Colossus 1 lease to Anthropic")
    assert (lease.power.m_as("MW"), lease.accelerators) == (300, 220_000)
    assert (lease.power_bound, lease.count_bound) == ("at-least", "at-least")
    assert calc.check_claim(lease).verdict == calc.answer_claim(calc.load_claim("colossus-1-lease")).verdict
    assert "more than 300 megawatts" in lease.notes
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
    azure = calc.claim_scenario("anthropic-azure-30b")
    assert azure.accelerators == calc.answer_claim(calc.load_claim("anthropic-azure-30b")).accelerators
    # every claim of the ledger opens and checks
    for claim_id in IDS:
        assert calc.check_claim(calc.claim_scenario(claim_id)).verdict


def test_the_ledger_table_gives_a_verdict_or_what_a_figure_supports():
    claims = [calc.load_claim(i) for i in IDS]
    table = calc.ledger_table(claims, calc.check_ledger())
    rows = {row[1]: row for row in table.rows}
    assert table.header == ("date", "id", "verdict or answer", "stated power", "count", "source")
    assert rows["colossus-1-lease"] == (
        "2026-05-06",
        "colossus-1-lease",
        "plausible",
        "at least 300 MW",
        "at least 220,000",
        "muskularity.com",
    )
    assert rows["meta-prometheus"][2].startswith("supports ") and rows["meta-prometheus"][2].endswith(
        " gb200"
    )
    assert rows["fairwater-wisconsin"][2] == "needs 411.4 MW"
    assert rows["anthropic-azure-30b"][3] == "$30 B"
    assert rows["openai-nvidia-10gw"][4] == "4,000,000–5,000,000"


HUGE_COUNT = """schema_version = 1
id = "trillion"
name = "A trillion accelerators"
date = "2026-01-01"
quote = "one trillion accelerators, they say"
url = "https://example.com/trillion"
count = 1000000000000
confidence = "low"

[[sources]]
title = "An example source"
url = "https://example.com/trillion"
"""


def test_a_count_that_needs_more_than_a_petawatt_is_an_error_row_not_a_crash(isolated_presets):
    # the defect: LedgerResult refused the answer (10^12 x 1,430.55 W = 1.43 PW facility power,
    # over the 1 PW a power may be) with a raw ValidationError, and the whole ledger failed
    folder = isolated_presets / "dcpower" / "presets" / "claims"
    folder.mkdir(parents=True)
    (folder / "trillion.toml").write_text(HUGE_COUNT)
    calc.refresh_presets()
    claim = calc.load_claim("trillion")
    with pytest.raises(calc.CalcError) as caught:
        calc.answer_claim(claim)
    message = "trillion: required_power: '1430550000.0 MW' is more than 1 PW; accepted: up to 1 PW"
    assert str(caught.value) == message
    report = calc.check_ledger()
    row = next(r for r in report.claims if r.id == "trillion")
    assert row.answer == f"error: {message}"
    assert len(report.claims) == len(IDS) + 1  # the others are answered still


def test_a_claim_answered_with_an_error_does_not_open_as_a_scenario(isolated_presets):
    # the error row of check_ledger, passed on as the answer, once gave an AttributeError
    folder = isolated_presets / "dcpower" / "presets" / "claims"
    folder.mkdir(parents=True)
    (folder / "trillion.toml").write_text(HUGE_COUNT)
    calc.refresh_presets()
    row = next(r for r in calc.check_ledger().claims if r.id == "trillion")
    with pytest.raises(calc.InputError) as caught:
        calc.claim_scenario(calc.load_claim("trillion"), row)
    assert str(caught.value) == (
        "trillion: required_power: '1430550000.0 MW' is more than 1 PW; accepted: up to 1 PW"
    )
