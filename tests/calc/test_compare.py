"""A and B side by side, and the command and verdict line of a scenario."""

import contextlib
import io
import json
import shlex

import pytest

import calc
from calc.cli import main


def edited(**fields: str) -> calc.Scenario:
    base = calc.scenario_from_facility("colossus-1")
    text = calc.scenario_fields(base) | fields
    scenario, errors = calc.parse_fields(text, base)
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
    table = calc.comparison_table(result)
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
    command = calc.cli_command(scenario)
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
    text = calc.verdict_text(calc.evaluate(calc.scenario_from_facility("colossus-1")))
    assert text.startswith("Claim: 300 MW for 220,000 GPUs")
    assert ". Verdict: PLAUSIBLE. So it holds as IT power" in text
    assert "\n" not in text
