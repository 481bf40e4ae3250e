"""The command spec: each command once, and the words of a command written from it."""

import pytest

from calc import commands


def test_each_command_and_option_is_declared_once():
    names = [path for path, _ in commands.walk()]
    assert len(names) == len(set(names))
    for _, spec in commands.walk():
        flags = [flag for option in spec.options for flag in option.flags]
        assert len(flags) == len(set(flags)), spec.name


def test_the_numpy_gate_and_the_schemas_come_from_the_spec():
    assert commands.NUMPY_COMMANDS == {"uncertainty", "sensitivity", "sweep"}
    assert commands.model_schemas()["claims"] == "LedgerReport"
    assert "presets-show" in commands.schema_names() and "presets-show" not in commands.model_schemas()


def test_command_words_use_the_declared_flags_in_the_given_order():
    words = commands.command_words(
        "check",
        [
            ("power", "300 MW"),
            ("power_bound", "at-least"),
            ("settings", ["pue=1.2", "headroom=0"]),
            ("json", True),
            ("system", None),
        ],
    )
    assert words == [
        "dcpower",
        "check",
        "--power",
        "300 MW",
        "--power-bound",
        "at-least",
        "--set",
        "pue=1.2",
        "--set",
        "headroom=0",
        "--json",
    ]


def test_command_words_refuse_an_option_the_command_lacks_or_a_value_outside_its_choices():
    with pytest.raises(KeyError, match="dcpower power has no option setting 'basis'"):
        commands.command_words("power", [("basis", "it")])
    with pytest.raises(
        ValueError, match="--fail-on: 'never' is not one of implausible, ample, not-plausible"
    ):
        commands.command_words("check", [("fail_on", "never")])
