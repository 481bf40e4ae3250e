"""calc/ledger.py: the ledger of announced deals, each claim answered as it was stated."""

import pytest

import calc
import calc.ui
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
        "power only: the count is what this power supports: "
        f"1 GW at the facility basis supports {by_type['gb200']:,} gb200 (central)"
    )
    assert (result.verdict, result.derived) == (None, ("count",))
    assert result.derived_note == "power only: the count is what this power supports"


def test_a_count_alone_gets_the_power_it_needs():
    (result,) = calc.check_ledger(("fairwater-wisconsin",)).claims
    needed = calc.required_power(gpus=200_000, accelerator="gb200")
    facility = next(c for c in needed.power if c.basis == "facility")
    assert result.required_power == facility.central
    assert (result.verdict, result.derived) == (None, ("power",))
    assert result.answer.startswith("count only: the power is what this count needs: at least 200,000 gb200")


def test_money_goes_through_capex():
    (result,) = calc.check_ledger(("nebius-microsoft",)).claims
    assert result.kind == "money"
    assert result.accelerators == calc.capex("19.4e9 USD", accelerator="gb200").accelerators
    assert result.answer.startswith(
        "money only: the count and the power are what this budget buys: $19.4 B buys "
    )
    assert (result.verdict, result.derived) == (None, ("count", "power"))


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
    lease = calc.ui.claim_scenario("stargate-5gw")
    assert (lease.id, lease.name) == ("stargate-5gw", "Stargate, over 5 GW and 2 million chips")
    assert (lease.power.m_as("MW"), lease.accelerators) == (5000, 2_000_000)
    assert (lease.power_bound, lease.count_bound) == ("at-least", "at-least")
    assert calc.check_claim(lease).verdict == calc.answer_claim(calc.load_claim("stargate-5gw")).verdict
    assert "more than 5 gigawatts" in lease.notes
    ranged = calc.ui.claim_scenario("openai-nvidia-10gw")
    assert (ranged.count_bound, ranged.accelerators, ranged.accelerators_high) == (
        "between",
        4_000_000,
        5_000_000,
    )


def test_a_claim_of_one_figure_gets_the_other_from_its_answer():
    # meta-prometheus: 1 GW alone; what it supports of gb200 at the facility basis, central
    prometheus = calc.ui.claim_scenario("meta-prometheus")
    supported = calc.answer_claim(calc.load_claim("meta-prometheus")).supports[0]
    assert (prometheus.accelerators, prometheus.basis) == (supported.accelerators, "facility")
    assert prometheus.count_bound == "exact"
    assert prometheus.notes.startswith("The count is what the power supports at the facility basis")
    # fairwater-wisconsin: at least 200,000 gb200 alone; the facility power they need, as shown
    fairwater = calc.ui.claim_scenario("fairwater-wisconsin")
    assert (fairwater.power.m_as("MW"), fairwater.basis, fairwater.count_bound) == (
        411.4,
        "facility",
        "at-least",
    )
    # a budget: what it buys and their facility power
    azure = calc.ui.claim_scenario("nebius-microsoft")
    assert azure.accelerators == calc.answer_claim(calc.load_claim("nebius-microsoft")).accelerators
    # every claim of the ledger opens and checks
    for claim_id in IDS:
        assert calc.check_claim(calc.ui.claim_scenario(claim_id)).verdict


def test_the_ledger_table_gives_a_verdict_or_what_a_figure_supports():
    claims = [calc.load_claim(i) for i in IDS]
    table = calc.ui.ledger_table(claims, calc.check_ledger())
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
    assert rows["meta-prometheus"][2].startswith("power only: supports ")
    assert rows["meta-prometheus"][2].endswith(" gb200")
    assert rows["fairwater-wisconsin"][2] == "count only: needs 411.4 MW"
    assert rows["nebius-microsoft"][3] == "$19.4 B"
    assert rows["openai-nvidia-10gw"][4] == "4,000,000–5,000,000"


# --------------------------------------------------------- one figure: answered, not judged


def _claim(**fields) -> calc.LedgerClaim:
    """A ledger claim of our own (the bundled ledger's figures change as it is re-sourced)."""
    base = {
        "schema_version": 1,
        "id": "one-figure",
        "name": "A claim with one figure",
        "date": "2026-01-01",
        "quote": "the figure as the release states it",
        "url": "https://example.com/release",
        "confidence": "medium",
        "sources": [
            {"title": "the company's release", "url": "https://example.com/release", "tier": "primary"}
        ],
    }
    return calc.LedgerClaim.model_validate(base | fields)


def test_a_power_alone_opens_as_an_answer_with_the_count_derived():
    # 1 GW of GB200 at the facility basis: 132 kW / 72 x 0.85 x 1.1 x 1.2 = 2,057.0 W per GPU,
    # 1e9 / 2,057.0 = 486,143.9 -> 6,752 whole racks of 72 = 486,144 GPUs
    scenario = calc.ui.claim_scenario(_claim(power="1 GW", accelerator="gb200"))
    assert (scenario.derived, scenario.accelerators, scenario.basis) == (("count",), 486_144, "facility")
    report = calc.evaluate(scenario)
    first, *rest = calc.ui.headline_lines(report)
    assert first == "ANSWERED  2,057.0 W per GPU implied (1 GW / 486,144 GPUs, basis facility)"
    assert rest[0] == (
        "power only: the count is what this power supports (486,144 GPUs at the facility basis, "
        "central); the claim does not state it, so this is an answer, not a verdict"
    )
    assert calc.ui.verdict_text(report).endswith(
        "method default (count derived, not stated). Answered, not judged: power only: the count is "
        "what this power supports (486,144 GPUs at the facility basis, central); the claim does not "
        "state it, so this is an answer, not a verdict."
    )
    assert "PLAUSIBLE" not in calc.ui.verdict_text(report)
    assert [row[1] for row in calc.ui.readings_table(report.claim).rows] == ["answered"]
    assert {row[1] for row in calc.ui.methods_table(report.methods).rows} == {"answered"}


def test_a_count_alone_opens_with_the_power_derived():
    # 200,000 GB200 x 2,057.0 W = 411.4 MW of facility power, central
    scenario = calc.ui.claim_scenario(_claim(count=200_000, count_bound="at-least", accelerator="gb200"))
    assert scenario.derived == ("power",)
    assert scenario.power == calc.parse_power("411.4 MW")
    claim = calc.check_claim(scenario)
    assert claim.derived == ("power",)
    assert claim.conclusion.startswith("count only: the power is what this count needs (411.4 MW at")
    assert claim.summary.startswith("answered: 411.4 MW for 200,000 GPUs. count only:")


def test_money_derives_both_and_a_stated_pair_derives_nothing():
    bought = calc.ui.claim_scenario(_claim(budget="30e9 USD", accelerator="gb200"))
    assert bought.derived == ("count", "power")
    assert calc.check_claim(bought).conclusion.startswith(
        "neither power nor count stated: both are what the claim's budget buys ("
    )
    both = calc.ui.claim_scenario(_claim(power="300 MW", count=220_000, accelerator="h100-sxm"))
    assert both.derived == ()
    assert calc.ui.verdict_text(calc.evaluate(both)).split(". Verdict: ")[1].startswith("PLAUSIBLE")


def test_editing_the_derived_figure_makes_it_the_users_claim_to_judge():
    scenario = calc.ui.claim_scenario(_claim(power="1 GW", accelerator="gb200"))
    fields = calc.ui.scenario_fields(scenario)
    same, errors = calc.ui.parse_fields(
        fields.with_value(calc.ui.FieldKey("pue", "central"), "1.25"), scenario
    )
    assert errors == {} and same.derived == ("count",)  # another assumption: still an answer
    own, errors = calc.ui.parse_fields(fields.with_value(calc.ui.FieldKey("accelerators"), "400000"), same)
    assert errors == {} and own.derived == ()  # a count of the user's own: judged
    assert calc.check_claim(own).verdict in ("plausible", "ample")
    power = calc.ui.claim_scenario(_claim(count=200_000, accelerator="gb200"))
    edited, _ = calc.ui.parse_fields(
        calc.ui.scenario_fields(power).with_value(calc.ui.FieldKey("power"), "300 MW"), power
    )
    assert edited.derived == ()


def test_a_sentence_with_a_power_alone_is_answered_with_the_count_it_supports():
    # 'a 1 GW cluster' names no model: the generic H100 SXM, 1,430.55 W at the facility basis,
    # 1e9 / 1,430.55 = 699,031.1 -> 87,378 whole 8-GPU systems = 699,024 GPUs
    result = calc.answer_sentence("Meta is building a 1 GW cluster")
    assert result.reading.count is None and result.reading.power == calc.parse_power("1 GW")
    assert (result.claim.derived, result.claim.accelerators) == (("count",), 699_024)
    assert result.claim.summary.startswith("answered: 1 GW for 699,024 GPUs. power only:")


def test_a_sentence_with_a_count_alone_is_answered_with_the_power_it_needs():
    result = calc.answer_sentence("Microsoft will deploy 200,000 GB200 GPUs")
    assert result.claim.derived == ("power",)
    assert result.claim.power == calc.parse_power("411.4 MW")
    assert result.claim.basis == "facility"


def test_a_sentence_with_both_figures_is_checked_and_with_neither_is_one_line():
    text = "300 MW for 220,000 H100 GPUs"
    assert calc.answer_sentence(text) == calc.check_sentence(text)
    with pytest.raises(calc.InputError, match=r"^claim: no power found in 'Meta will build a big cluster'$"):
        calc.answer_sentence("Meta will build a big cluster")


def test_a_power_too_small_for_one_system_is_refused_in_one_line():
    with pytest.raises(calc.InputError) as caught:
        calc.answer_sentence("a 5 kW cluster of H100 GPUs")
    assert str(caught.value) == (
        "claim: no accelerator count found in 'a 5 kW cluster of H100 GPUs', and 5 kW supports no "
        "whole system to answer with"
    )


def _user_claims(tmp_path, monkeypatch, **files):
    """User claim presets in a --preset-dir folder: file stem -> TOML text."""
    import calc.presets

    (tmp_path / "claims").mkdir()
    for stem, text in files.items():
        (tmp_path / "claims" / f"{stem}.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(calc.presets, "_cli_dirs", ())
    calc.set_preset_dirs(str(tmp_path))


def test_a_count_of_a_trillion_alone_is_answered_with_its_power(tmp_path, monkeypatch):
    from tests.fuzz.strategies import claim_toml

    _user_claims(tmp_path, monkeypatch, **{"hostile-claim": claim_toml(count=10**12, accelerator="h100-sxm")})
    (result,) = calc.check_ledger("hostile-claim").claims
    # 1e12 x 1,430.55 W (H100 in a DGX H100, facility basis, central) = 1.43055e15 W: above the
    # 1 PW input cap, and the answer all the same
    assert result.required_power.m_as("W") == pytest.approx(1.43055e15)
    assert result.answer.startswith(
        "count only: the power is what this count needs: 1,000,000,000,000 h100-sxm need "
        "1,430,550 GW of facility power"
    )
    every = calc.check_ledger()
    assert "hostile-claim" in [r.id for r in every.claims]
    # opened as a scenario, the derived power is over the input cap: one line, not a traceback
    with pytest.raises(calc.CalcError) as caught:
        calc.ui.claim_scenario(calc.load_claim("hostile-claim"), result)
    assert str(caught.value) == (
        "power: 1.43055e+06 GW is more than 1 PW; accepted: up to 1 PW (world electricity "
        "generation is about 3.5 TW)"
    )


def test_check_ledger_takes_one_id_or_several():
    assert [r.id for r in calc.check_ledger("stargate-norway").claims] == ["stargate-norway"]
    assert [r.id for r in calc.check_ledger(["stargate-norway", "stargate-abilene"]).claims] == [
        "stargate-norway",
        "stargate-abilene",
    ]
    with pytest.raises(
        calc.InputError, match=r"^check_ledger: ids: 1.5 is of type float; accepted: a str or a list"
    ):
        calc.check_ledger(1.5)
    with pytest.raises(calc.InputError, match=r"^check_ledger: ids\[1\]: 3 is of type int; accepted: a str"):
        calc.check_ledger(["stargate-norway", 3])


def test_a_user_claim_that_overrides_a_bundled_one_is_named(tmp_path, monkeypatch):
    bundled_text = (calc.presets.bundled_dir() / "claims" / "stargate-norway.toml").read_text()
    mine = bundled_text.replace('name = "Stargate Norway"', 'name = "My Norway site"')
    _user_claims(tmp_path, monkeypatch, **{"stargate-norway": mine})
    (result,) = calc.check_ledger("stargate-norway").claims
    assert result.name == "My Norway site"
    assert result.override == (
        f"claim 'stargate-norway' comes from the user preset {tmp_path / 'claims' / 'stargate-norway.toml'}, "
        f"which overrides {calc.presets.bundled_dir() / 'claims' / 'stargate-norway.toml'}"
    )
    text = calc.as_text(calc.claim_report.ledger_document(calc.check_ledger("stargate-norway")))
    assert f"  note: {result.override}" in text.splitlines()
    (bundled,) = calc.check_ledger("stargate-abilene").claims
    assert bundled.override == ""


def test_a_claim_that_cannot_be_answered_carries_its_error_as_a_field(monkeypatch):
    import calc.ledger
    from calc.claim_report import ledger_outcome

    def refuse(claim):
        raise calc.InputError("power: '5 kWh' is an energy; accepted: a power such as '300 MW'")

    monkeypatch.setattr(calc.ledger, "answer_claim", refuse)
    (result,) = calc.check_ledger("crusoe-footprint").claims
    assert result.error == "power: '5 kWh' is an energy; accepted: a power such as '300 MW'"
    assert result.answer == f"error: {result.error}" and result.verdict is None
    assert ledger_outcome(result) == "error"
    # opened as a scenario: the same one line, read from the field, not from the answer's text
    with pytest.raises(calc.InputError) as caught:
        calc.ui.claim_scenario(calc.load_claim("crusoe-footprint"), result)
    assert str(caught.value) == result.error
    # answered claims carry none
    monkeypatch.undo()
    assert calc.check_ledger("crusoe-footprint").claims[0].error == ""
