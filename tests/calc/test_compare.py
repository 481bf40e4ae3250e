"""A and B side by side, and the command and verdict line of a scenario."""

import contextlib
import io
import json
import shlex

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import calc
import calc.ui
from calc.chain import scenario_assumptions
from calc.cli import main


def edited(**fields: str) -> calc.Scenario:
    base = calc.scenario_from_facility("colossus-1")
    text = calc.ui.scenario_fields(base).updated(calc.ui.Form.read(fields))
    scenario, errors = calc.ui.parse_fields(text, base)
    assert errors == {}
    return scenario


def test_compare_gives_both_sides_and_the_difference():
    a = calc.evaluate(calc.scenario_from_facility("colossus-1"))
    b = calc.evaluate(edited(power="250 MW"))
    result = calc.compare(a, b)
    # implied: 300 MW / 220,000 = 1,363.64 W; 250 MW / 220,000 = 1,136.36 W
    assert result.implied_a.m_as("W") == pytest.approx(1363.636, abs=1e-3)
    assert result.implied_b.m_as("W") == pytest.approx(1136.364, abs=1e-3)
    assert [r.basis for r in result.readings] == ["it", "facility"]
    it = result.readings[0]
    # the chain does not depend on the power: the same W per GPU, fewer GPUs supported
    assert it.central_difference.m_as("W") == pytest.approx(0)
    assert it.supported_a == a.claim.readings[0].supported_accelerators
    assert it.supported_difference == b.claim.readings[0].supported_accelerators - it.supported_a
    assert it.supported_difference < 0
    pue = next(e for e in result.readings[1].break_even if e.assumption == "pue")
    assert pue.difference == pytest.approx(pue.b - pue.a)
    table = calc.ui.comparison_table(result)
    assert table.header == ("", "A", "B", "B - A")
    assert table.rows[1] == ("W per GPU implied", "1,363.6 W", "1,136.4 W", "-227.3 W")


def test_a_basis_only_one_side_reads_is_left_empty_on_the_other():
    a = calc.evaluate(calc.scenario_from_facility("colossus-1"))
    b = calc.evaluate(edited(basis="supply"))
    result = calc.compare(a, b)
    assert [r.basis for r in result.readings] == ["it", "facility", "supply"]
    assert result.readings[0].verdict_b is None and result.readings[0].supported_difference is None
    assert result.readings[2].verdict_a is None


def test_the_command_checks_the_same_scenario():
    scenario = edited(power="250 MW", **{"pue.central": "1.3", "pue.high": "1.6"}, headroom="0.05")
    command = calc.ui.cli_command(scenario)
    assert command == (
        "dcpower check --facility colossus-1 --power '250 MW' --gpus 220000 --basis unspecified "
        "--fleet h100-sxm=150000 --fleet h200-sxm=50000 --fleet gb200=30000 --method default "
        "--set pue=1.08:1.3:1.6 --set headroom=0.05"
    )
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*shlex.split(command)[1:], "--json"]) == 0
    data = json.loads(out.getvalue())
    claim = calc.evaluate(scenario).claim
    assert data["verdict"] == claim.verdict
    assert [r["central"]["value"] for r in data["readings"]] == [r.central.m_as("W") for r in claim.readings]


def test_the_verdict_text_is_one_line():
    text = calc.ui.verdict_text(calc.evaluate(calc.scenario_from_facility("colossus-1")))
    assert text.startswith("Claim: 300 MW for 220,000 GPUs")
    assert ". Verdict: PLAUSIBLE. So it holds as IT power" in text
    assert "\n" not in text


# ------------------------------------------------------------------ the copied command, any scenario

_PARSER = None


def _checked_as_the_cli_does(command: str) -> tuple[calc.Scenario, calc.ClaimResult]:
    """`command` (a cli_command) parsed by the CLI's own parser and checked as `dcpower check` does."""
    global _PARSER
    from calc import cli

    _PARSER = _PARSER or cli.build_parser()
    words = shlex.split(command)
    assert words[:2] == ["dcpower", "check"]
    args, extra = _PARSER.parse_known_args(words[1:])
    assert extra == []
    scenario = cli._scenario(args)
    return scenario, calc.check_claim(scenario)


def test_up_to_1_gw_for_100000_h100_keeps_its_bound_in_the_copied_command():
    # 'up to 1 GW for 100,000 H100': 1 GW / 100,000 = 10,000 W per GPU, far above the facility
    # high of 2,199 W, but 'up to' lets the power be as low as needed: plausible. The copied
    # command used to drop --power-bound and read ample.
    scenario = calc.scenario("1 GW", 100_000, "h100-sxm", power_bound="at-most")
    assert calc.check_claim(scenario).verdict == "plausible"
    command = calc.ui.cli_command(scenario)
    assert command == (
        "dcpower check --power '1 GW' --power-bound at-most --gpus 100000 --accelerator h100-sxm "
        "--method default"
    )
    assert _checked_as_the_cli_does(command)[1].verdict == "plausible"
    exact = calc.scenario("1 GW", 100_000, "h100-sxm")
    assert _checked_as_the_cli_does(calc.ui.cli_command(exact))[1].verdict == "ample"


def test_the_copied_command_keeps_the_count_bound_and_the_count_range():
    # presets/claims/openai-nvidia-10gw.toml style: 10 GW for 4 to 5 million GB300
    ranged = calc.scenario("10 GW", 4_000_000, "gb300", gpus_high=5_000_000)
    assert calc.ui.cli_command(ranged) == (
        "dcpower check --power '10 GW' --gpus 4000000 --gpus-high 5000000 --accelerator gb300 --method default"
    )
    over = calc.scenario("300 MW", 220_000, "h100-sxm", gpus_bound="at-least", system="hgx-h100-server")
    assert calc.ui.cli_command(over) == (
        "dcpower check --power '300 MW' --gpus 220000 --gpus-bound at-least --accelerator h100-sxm "
        "--system hgx-h100-server --method default"
    )
    rebuilt, _ = _checked_as_the_cli_does(calc.ui.cli_command(over))
    assert (rebuilt.count_bound, rebuilt.fleet) == ("at-least", over.fleet)


BOUNDED_SITE = """schema_version = 1
id = "bounded-site"
name = "A site stated as 'up to 1 GW' for '400,000 to 500,000' GB200"
power = "1 GW"
power_bound = "at-most"
accelerators = 400000
count_bound = "between"
accelerators_high = 500000
confidence = "estimate"
[fleet]
gb200 = 400000
[[sources]]
title = "a test site with stated bounds"
"""


def test_a_facility_bound_is_given_again_since_power_and_gpus_reset_it(tmp_path):
    # --power and --gpus in the command reset a facility's bounds to exact, so the command
    # names them again: 'up to' 1 GW for 400,000-500,000 GB200 keeps both
    (tmp_path / "facilities").mkdir()
    (tmp_path / "facilities" / "bounded-site.toml").write_text(BOUNDED_SITE)
    calc.set_preset_dirs(tmp_path)
    base = calc.scenario_from_facility("bounded-site")
    command = calc.ui.cli_command(base)
    assert command == (
        "dcpower check --facility bounded-site --power '1 GW' --power-bound at-most --gpus 400000 "
        "--gpus-high 500000 --basis unspecified --fleet gb200=400000 --method default"
    )
    rebuilt, result = _checked_as_the_cli_does(command)
    assert (rebuilt.power_bound, rebuilt.count_bound, rebuilt.accelerators_high) == (
        "at-most",
        "between",
        500_000,
    )
    assert result.verdict == calc.check_claim(base).verdict


_ACCELERATORS = ("h100-sxm", "gb200", "gb300", "mi355x", "tpu-v7", "trainium2", "rubin-ultra", "b200")


@st.composite
def _scenarios(draw: st.DrawFn) -> dict:
    inputs: dict = {}
    facility = draw(st.sampled_from((None, None, *calc.list_presets("facilities"))))
    if facility is not None:
        inputs["facility"] = facility
    if facility is None or draw(st.booleans()):
        power = draw(st.floats(0.5, 5000, allow_nan=False).map(lambda x: round(x, 3)))
        inputs["power"] = f"{power} {draw(st.sampled_from(('MW', 'GW', 'kW', 'MVA')))}"
        inputs["power_bound"] = draw(st.sampled_from((None, *calc.ui.POWER_BOUNDS)))
    if facility is None or draw(st.booleans()):
        gpus = draw(st.integers(1, 5_000_000))
        inputs["gpus"] = gpus
        bound = draw(st.sampled_from((None, "between", *calc.ui.POWER_BOUNDS)))
        if bound == "between":
            inputs["gpus_high"] = draw(st.integers(gpus, 2 * gpus + 1))
        else:
            inputs["gpus_bound"] = bound
    shape = draw(st.sampled_from(("none", "accelerator", "fleet", "mix")))
    if shape == "accelerator" or (shape == "none" and facility is None):
        inputs["accelerator"] = draw(st.sampled_from(_ACCELERATORS))
    elif shape in ("fleet", "mix"):
        kinds = draw(st.lists(st.sampled_from(_ACCELERATORS), min_size=1, max_size=3, unique=True))
        inputs[shape] = {k: draw(st.integers(1, 300_000)) for k in kinds}
    inputs["basis"] = draw(st.sampled_from((None, *calc.CLAIM_BASES)))
    inputs["method"] = draw(st.sampled_from((None, *calc.list_presets("assumptions"))))
    settings = {}
    if draw(st.booleans()):
        low = draw(st.floats(1.0, 1.3).map(lambda x: round(x, 3)))
        settings["pue"] = f"{low}:{round(low + 0.1, 3)}:{round(low + 0.4, 3)}"
    if draw(st.booleans()):
        settings["headroom"] = str(draw(st.sampled_from((0.0, 0.05, 0.2))))
    if draw(st.booleans()):
        settings["redundancy"] = draw(st.sampled_from(("N", "3+1", "2N")))
    if settings:
        inputs["assumptions"] = settings
    return inputs


UP_TO_1_GW = {"power": "1 GW", "gpus": 100_000, "accelerator": "h100-sxm", "power_bound": "at-most"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(inputs=_scenarios())
@example(inputs=UP_TO_1_GW)
@example(inputs={**UP_TO_1_GW, "power_bound": None, "gpus_high": 150_000})
@example(inputs={"facility": "stargate-abilene"})
@example(inputs={"facility": "colossus-1", "power": "250 MW", "power_bound": "about", "basis": "supply"})
def test_the_copied_command_gives_the_scenarios_verdict(inputs):
    try:
        scenario = calc.scenario(**inputs)
        expected = calc.check_claim(scenario)
    except calc.CalcError:
        assume(False)  # not a scenario: nothing to copy
    command = calc.ui.cli_command(scenario)
    rebuilt, result = _checked_as_the_cli_does(command)
    assert result.verdict == expected.verdict, command
    assert [(r.basis, r.verdict) for r in result.readings] == [
        (r.basis, r.verdict) for r in expected.readings
    ], command
    assert result.implied_power_per_accelerator.m_as("W") == pytest.approx(
        expected.implied_power_per_accelerator.m_as("W")
    )
    assert (rebuilt.power_bound, rebuilt.count_bound, rebuilt.accelerators_high) == (
        scenario.power_bound,
        scenario.count_bound,
        scenario.accelerators_high,
    ), command
    # parsing the command gives the scenario back: the same claim under the same assumptions
    assert _claim_of(rebuilt) == _claim_of(scenario), command


def _claim_of(scenario: calc.Scenario) -> tuple:
    """What a scenario claims and assumes, with the power in watts (the command may retype its
    unit), the basis a facility leaves open written out as the command writes it, and a fleet
    entry without a weight weighing 1 (a mix of one accelerator is that accelerator)."""
    power = None if scenario.power is None else pytest.approx(scenario.power.m_as("W"))
    basis = scenario.basis or ("unspecified" if scenario.facility else None)
    return (
        scenario.facility,
        power,
        scenario.accelerators,
        basis,
        tuple(
            (e.accelerator, e.system, e.count, 1.0 if e.weight is None else e.weight) for e in scenario.fleet
        ),
        scenario.method,
        scenario_assumptions(scenario),
    )


def test_site_facts_without_a_facility_are_given_as_settings():
    # a scenario saved with site facts but no facility to restore them: pue 1.1 as a site fact
    # must reach the command, or the facility reading's range would be the method's 1.08-1.5
    base = calc.scenario("300 MW", 220_000, "h100-sxm", basis="facility")
    scenario = calc.Scenario.model_validate({**dict(base), "site": {"pue": 1.1}})
    command = calc.ui.cli_command(scenario)
    assert command.endswith("--method default --set pue=1.1:1.1:1.1")
    _, result = _checked_as_the_cli_does(command)
    # 1,363.6 W implied against 1,192.1 W x 1.1 = 1,311.3 W central: the same verdict both ways
    assert result.verdict == calc.check_claim(scenario).verdict
    assert result.readings[0].central.m_as("W") == pytest.approx(
        calc.check_claim(scenario).readings[0].central.m_as("W")
    )
