"""Help that teaches: every command has a description, its defaults with units, and examples."""

import contextlib
import io

import pytest

import calc
from calc.cli import DESCRIPTIONS, EXAMPLES, build_parser, main


def _help(*arguments):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as done:
        main([*arguments, "--help"])
    assert done.value.code == 0
    return " ".join(out.getvalue().split())  # argparse wraps lines: compare words


@pytest.mark.parametrize("command", sorted(DESCRIPTIONS))
def test_every_command_has_a_description_and_examples(command):
    text = _help(command)
    assert " ".join(DESCRIPTIONS[command].split()) in text
    assert "examples:" in text
    for example in EXAMPLES[command]:
        assert " ".join(example.split()) in text


def test_the_top_level_help_lists_each_command_in_a_line():
    text = _help()
    for command, description in DESCRIPTIONS.items():
        assert f"{command} {' '.join(description.split())}" in text


def test_defaults_come_from_the_presets_with_their_units():
    energy = _help("energy")
    figures = calc.load_preset("economics", "default").parameters
    for name in ("load_factor", "electricity_price", "carbon_intensity", "wue"):
        assert f"(default {figures[name].value})" in energy, name
    assert "(default 0.081 USD/kWh)" in energy  # with its unit
    orbital = _help("orbital")
    assert "(default 300 K for dawn-dusk-sso)" in orbital
    check = _help("check")
    assert "pue 1.08/1.2/1.5" in check  # the default set's range, read from its preset
    assert "unspecified (read both as it and as facility)" in check


def test_options_are_offered_only_where_they_work():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    offered = {name: {o for a in p._actions for o in a.option_strings} for name, p in commands.items()}
    assert "--basis" not in offered["power"] and "--basis" not in offered["capex"]
    for name in ("capacity", "power", "check", "solve", "capex"):
        assert {"--fleet", "--mix"} <= offered[name], name
    assert all("--preset-dir" in options for options in offered.values())


def test_global_options_work_after_the_command(tmp_path, capsys):
    (tmp_path / "facilities").mkdir()
    assert main(["presets", "list", "--kind", "facilities", "--preset-dir", str(tmp_path)]) == 0
    assert main(["--preset-dir", str(tmp_path / "nope"), "presets", "list"]) == 2
    assert "preset-dir" in capsys.readouterr().err


def test_uncertainty_without_a_seed_is_reproducible_and_says_seed_0(capsys):
    arguments = ["uncertainty", "--facility", "colossus-1", "--samples", "5000"]
    assert main(arguments) == 0
    first = capsys.readouterr().out
    assert main(arguments) == 0
    assert capsys.readouterr().out == first
    assert "5,000 samples, seed 0," in first
