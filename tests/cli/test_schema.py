"""`dcpower schema COMMAND` prints a JSON Schema that validates that command's --json output."""

import argparse
import contextlib
import io
import json

import jsonschema
import pytest

from calc.cli import SCHEMAS, build_parser, main

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
    "compute": ["compute", "--fleet", "h100-sxm=1000", "--fleet", "v100-sxm2=8"],
    "claims-list": ["claims", "list"],
    "presets-list": ["presets", "list"],
    "presets-show": ["presets", "show", "colossus-1"],
}
# Option families whose output has another shape or other fields: each must validate too
VARIANTS = {
    "check --method all": ("check", ["check", "--facility", "colossus-1", "--method", "all"]),
    "check --basis it": (
        "check",
        ["check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm", "--basis", "it"],
    ),
    "check bounds": (
        "check",
        [
            "check",
            "--power",
            "300 MW",
            "--power-bound",
            "at-least",
            "--gpus",
            "220000",
            "--accelerator",
            "h100-sxm",
        ],
    ),
    "capacity --basis facility": (
        "capacity",
        ["capacity", "--power", "0.3 GW", "--accelerator", "h100-sxm", "--basis", "facility"],
    ),
    "claims check one": ("claims", ["claims", "check", "colossus-1-launch"]),
    "presets list --kind": ("presets-list", ["presets", "list", "--kind", "accelerators"]),
    "energy --annual-energy": ("energy", ["energy", "--annual-energy", "176 TWh"]),
}


def _run(arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(arguments)
    assert code == 0, err.getvalue()
    return json.loads(out.getvalue())


def test_every_command_with_json_has_a_schema():
    assert set(RUNS) | {"batch"} == set(SCHEMAS)


# A command whose schema has another name than its words joined by "-"
_SCHEMA_OF = {"claims-check": "claims"}


def _json_commands(parser, words=()):
    """Each command in the parser (its words) that can print JSON: a --json flag, or a format
    choice "jsonl"."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _json_commands(sub, (*words, name))
            return
    for action in parser._actions:
        if "--json" in action.option_strings or "jsonl" in (action.choices or ()):
            yield words
            return


def test_every_json_path_in_the_parser_has_a_schema_and_a_run_validating_it():
    commands = {"-".join(words) for words in _json_commands(build_parser())}
    # the walk finds what it should: nested commands and the JSON Lines format
    assert {"check", "claims-list", "claims-check", "presets-show", "batch", "energy"} <= commands
    named = {_SCHEMA_OF.get(command, command) for command in commands}
    assert named - set(SCHEMAS) == set(), "a command prints JSON that has no schema"
    exercised = set(RUNS) | {name for name, _ in VARIANTS.values()} | {"batch"}
    assert named - exercised == set(), "a schema no test validates an output against"


def _stamped(document):
    from calc import __version__

    assert document["schema_version"] == 1
    assert document["dcpower_version"] == __version__
    assert list(document)[:2] == ["schema_version", "dcpower_version"]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_each_option_family_validates(variant):
    name, arguments = VARIANTS[variant]
    output = _run([*arguments, "--json"])
    _stamped(output)
    jsonschema.validate(output, _run(["schema", name]))


def test_check_method_all_validates_against_the_check_schema():
    # it did not: the schema was a ClaimResult's and the output {"methods": [...]}
    output = _run(["check", "--facility", "colossus-1", "--method", "all", "--json"])
    assert len(output["methods"]) > 1
    jsonschema.validate(output, _run(["schema", "check"]))


def test_energy_annual_energy_validates_and_a_wrong_one_is_caught():
    # it did not: the energy schema required a year of operation's "power"
    output = _run(["energy", "--annual-energy", "176 TWh", "--json"])
    schema = _run(["schema", "energy"])
    jsonschema.validate(output, schema)
    # 176 TWh / 8,760 h = 20.09 GW
    assert output["average_power"]["base"] == pytest.approx(176e12 / 8760)
    output["average_power"]["base"] = "20 GW"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(output, schema)
    del output["average_power"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(output, schema)


def test_batch_json_lines_validate_one_record_a_line(tmp_path):
    rows = tmp_path / "claims.csv"
    rows.write_text(
        "power,count,accelerator\n300 MW,220000,h100-sxm\n1 MW,1000000,h100-sxm\n", encoding="utf-8"
    )
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["batch", str(rows), "--format", "jsonl"])
    schema = _run(["schema", "batch"])
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["row"] for line in lines] == [1, 2]
    for line in lines:
        _stamped(line)
        jsonschema.validate(line, schema)


def test_a_quantity_keeps_its_unit_and_adds_its_base_value():
    output = _run(["capacity", "--power", "0.3 GW", "--accelerator", "h100-sxm", "--json"])
    # 0.3 GW = 3e8 W
    assert output["power"] == {"value": 0.3, "unit": "GW", "base": 3e8, "base_unit": "W"}


@pytest.mark.parametrize("command", sorted(RUNS))
def test_the_schema_validates_the_output(command):
    schema = _run(["schema", command])
    assert schema["title"].startswith(f"dcpower {command.split('-')[0]} ")
    jsonschema.Draft202012Validator.check_schema(schema)
    output = _run([*RUNS[command], "--json"])
    _stamped(output)
    jsonschema.validate(output, schema)


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
    assert schema["$defs"]["ClaimResult"]["properties"]["power"]["description"] == "The power as quoted. [MW]"
    # a nested model's fields are described too
    fleet = schema["$defs"]["FleetEntry"]["properties"]
    assert fleet["system"]["description"].startswith("The system it is installed in")


def test_the_claim_schema_validates_the_alternatives():
    text = "Stargate Norway will host 100,000 GB300 GPUs at 230 MW, with ambitions to expand by an additional 290 MW"
    output = _run(["claim", text, "--json"])
    jsonschema.validate(output, _run(["schema", "claim"]))
    # 230 + 290 = 520 MW for 100,000 GB300: 5,200 W each, ample
    (alternative,) = output["alternatives"]
    assert alternative["reading"]["power"] == {
        "value": 520.0,
        "unit": "MW",
        "base": 520000000.0,
        "base_unit": "W",
    }
    assert (alternative["reading"]["why"], alternative["verdict"]) == ("with the expansion", "ample")
    assert output["reading"]["chosen"] == "the power stated before its expansion"


@pytest.mark.parametrize("name", ["check", "batch", "claims", "energy"])
def test_a_schema_is_stamped_like_its_documents(name):
    import calc
    from calc.schemas import SCHEMA_VERSION, command_schema

    schema = command_schema(name, calc)
    assert schema["schema_version"] == SCHEMA_VERSION == 1
    assert schema["dcpower_version"] == calc.__version__
