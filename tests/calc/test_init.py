"""The calc package itself: its version, its public names and the lazily imported ones."""

import importlib.metadata
import subprocess
import sys

import pytest

import calc
import calc.ui

PUBLIC = [
    "ASSUMPTIONS",
    "ASSUMPTION_NAMES",
    "BASES",
    "CLAIM_BASES",
    "DISTRIBUTIONS",
    "KINDS",
    "Q_",
    "AcceleratorSpec",
    "Assumption",
    "AssumptionSet",
    "Assumptions",
    "BatchRow",
    "BreakEven",
    "CalcError",
    "CapacityResult",
    "CapexResult",
    "ClaimResult",
    "Comparison",
    "ComputeResult",
    "EnergyResult",
    "Facility",
    "InputError",
    "LedgerClaim",
    "LedgerReport",
    "LedgerResult",
    "NoTimeline",
    "OrbitalResult",
    "ParsedClaim",
    "PowerStage",
    "PresetError",
    "Range",
    "Reading",
    "Redundancy",
    "Report",
    "RequiredPowerResult",
    "Scenario",
    "SentenceCheck",
    "SolveResult",
    "Source",
    "SweepResult",
    "SystemSpec",
    "TimelineResult",
    "TornadoResult",
    "UncertaintyResult",
    "UnitError",
    "annual_energy",
    "answer_claim",
    "answer_sentence",
    "as_markdown",
    "as_quantity",
    "as_scenario",
    "as_text",
    "average_power",
    "build_assumptions",
    "capacity",
    "capex",
    "check_claim",
    "check_ledger",
    "check_rows",
    "check_sentence",
    "compare",
    "compare_methods",
    "compute",
    "evaluate",
    "example_file",
    "export_report",
    "format_power",
    "list_presets",
    "load_accelerator",
    "load_assumption_set",
    "load_claim",
    "load_facility",
    "load_preset",
    "load_system",
    "monte_carlo",
    "orbital",
    "parse_claim",
    "parse_power",
    "power_chain",
    "read_rows",
    "refresh_presets",
    "render",
    "report_json",
    "report_markdown",
    "required_power",
    "save_scenario",
    "scenario",
    "scenario_from_facility",
    "scenario_toml",
    "set_preset_dirs",
    "solve",
    "sweep",
    "timeline",
    "to_frame",
    "tornado",
    "ureg",
    "with_basis",
    "with_method",
]
"""What a user calls: the questions, inputs, presets, output, units, models and errors."""

FACES = [
    "BASIS_LABELS",
    "POWER_BOUNDS",
    "RANGED",
    "RANGE_ASSUMPTIONS",
    "STEPS",
    "FieldKey",
    "Form",
    "Table",
    "TimelineBar",
    "TimelineChart",
    "accelerator_choices",
    "alternative_checks",
    "answered_scenario",
    "claim_scenario",
    "cli_command",
    "comparison_table",
    "document",
    "edited_rows",
    "even_value",
    "format_flops",
    "format_money",
    "glossary_markdown",
    "headline_lines",
    "histogram_lines",
    "ledger_table",
    "methods_table",
    "nudge_text",
    "parse_fields",
    "parse_settings",
    "parse_sweep",
    "quantity_json",
    "reading_table",
    "readings_line",
    "readings_table",
    "resolve",
    "scenario_fields",
    "solve_help",
    "timeline_bars",
    "user_preset_dir",
    "vary_help",
    "verdict_text",
    "verdict_word",
    "write_atomic",
]
"""What only the terminal UI and the command use, kept out of `calc`'s namespace."""


def test_the_public_names_are_the_checked_list():
    # a name added to or dropped from `import calc` is a decision: write it here too
    assert calc.__all__ == PUBLIC
    assert len(PUBLIC) < 100


def test_the_faces_names_sit_in_calc_ui_and_not_in_calc():
    assert calc.ui.__all__ == FACES
    assert set(FACES).isdisjoint(PUBLIC)
    assert [name for name in FACES if not hasattr(calc.ui, name)] == []
    assert "parse_sweep" in dir(calc.ui)
    with pytest.raises(AttributeError, match=r"^module 'calc.ui' has no attribute 'nope'$"):
        calc.ui.nope  # noqa: B018


def test_a_faces_name_is_not_reachable_from_calc():
    with pytest.raises(AttributeError, match=r"^module 'calc' has no attribute 'nudge_text'$"):
        calc.nudge_text  # noqa: B018


def test_every_public_name_resolves():
    missing = [name for name in calc.__all__ if not hasattr(calc, name)]
    assert missing == []
    assert len(set(calc.__all__)) == len(calc.__all__)


def test_the_lazy_names_are_public_and_resolve():
    assert set(calc._LAZY) <= set(calc.__all__)
    assert calc.monte_carlo is importlib.import_module("calc.uncertainty").monte_carlo
    assert calc.SweepResult.__name__ == "SweepResult"


def test_dir_lists_the_lazy_names_before_they_are_imported():
    # a fresh interpreter, where nothing has loaded them yet (completion calls dir())
    code = (
        "import calc; names = dir(calc); lazy = sorted(calc._LAZY);"
        "print([n for n in lazy if n in vars(calc)], [n for n in lazy if n not in names])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout == "[] []\n", done.stderr


def test_dir_is_sorted_and_holds_the_eager_names():
    names = dir(calc)
    assert names == sorted(names)
    assert {"check_claim", "Scenario", "__version__", "tornado", "sweep"} <= set(names)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match=r"^module 'calc' has no attribute 'montecarlo'$"):
        calc.montecarlo  # noqa: B018


def test_version_is_the_installed_distributions():
    assert calc.__version__ == importlib.metadata.version("dcpower") == "0.1.0"


def test_version_of_a_source_tree_never_installed(monkeypatch):
    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(calc.schemas, "version", not_installed)  # the name calc._version calls
    assert calc._version() == "0+unknown"
