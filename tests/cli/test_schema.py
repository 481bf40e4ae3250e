"""`dcpower schema COMMAND` prints a JSON Schema that validates that command's --json output."""

import contextlib
import io
import json

import jsonschema
import pytest

from calc.cli import SCHEMAS, main

RUNS = {
    "capacity": ["capacity", "--power", "300 MW", "--accelerator", "h100-sxm"],
    "power": ["power", "--gpus", "100000", "--accelerator", "h100-sxm", "--rack-power-limit", "60 kW"],
    "check": ["check", "--facility", "colossus-1"],
    "solve": ["solve", "--for", "pue", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm"],
    "uncertainty": ["uncertainty", "--facility", "colossus-1", "--samples", "2000"],
    "sensitivity": ["sensitivity", "--facility", "colossus-1"],
    "sweep": ["sweep", "--facility", "colossus-1", "--vary", "pue=1.1:1.3:3"],
    "energy": ["energy", "--power", "100 MW"],
    "capex": ["capex", "--gpus", "1000", "--accelerator", "h100-sxm"],
    "orbital": ["orbital", "--power", "1 GW", "--accelerator", "h100-sxm"],
    "claim": ["claim", "more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs)"],
    "claims": ["claims", "check", "--all"],
    "timeline": ["timeline", "--facility", "colossus-1"],
}


def _run(arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(arguments)
    assert code == 0, err.getvalue()
    return json.loads(out.getvalue())


def test_every_command_with_json_has_a_schema():
    assert set(RUNS) == set(SCHEMAS)


@pytest.mark.parametrize("command", sorted(RUNS))
def test_the_schema_validates_the_output(command):
    schema = _run(["schema", command])
    assert schema["title"] == f"dcpower {command} --json"
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_run([*RUNS[command], "--json"]), schema)


def test_the_schema_catches_a_wrong_output():
    schema = _run(["schema", "check"])
    output = _run([*RUNS["check"], "--json"])
    output["verdict"] = "likely"
    with pytest.raises(jsonschema.ValidationError, match="'likely' is not one of"):
        jsonschema.validate(output, schema)


def test_sensitivity_json_has_the_documented_ranking_and_the_old_bars():
    output = _run([*RUNS["sensitivity"], "--json"])
    assert [bar["assumption"] for bar in output["ranking"]] == [
        "draw_factor",
        "pue",
        "it_overhead",
        "system_power",
    ]
    assert output["bars"] == output["ranking"]


def test_each_property_is_described_by_the_docstring_under_its_field():
    schema = _run(["schema", "check"])
    assert schema["properties"]["power"]["description"] == "The power as quoted. [MW]"
    # a nested model's fields are described too
    fleet = schema["$defs"]["FleetEntry"]["properties"]
    assert fleet["system"]["description"].startswith("The system it is installed in")


def test_the_claim_schema_validates_the_alternatives():
    text = "Stargate Norway will host 100,000 GB300 GPUs at 230 MW, with ambitions to expand by an additional 290 MW"
    output = _run(["claim", text, "--json"])
    jsonschema.validate(output, _run(["schema", "claim"]))
    # 230 + 290 = 520 MW for 100,000 GB300: 5,200 W each, ample
    (alternative,) = output["alternatives"]
    assert alternative["reading"]["power"] == {"value": 520.0, "unit": "MW", "base": 520000000.0, "base_unit": "W"}
    assert (alternative["reading"]["why"], alternative["verdict"]) == ("with the expansion", "ample")
    assert output["reading"]["chosen"] == "the power stated before its expansion"
