"""dcpower's unit-aware core: datacenter power and accelerator capacity.

Public API: everything in `__all__`. Strings with units (``"300 MW"``) or pint quantities are
accepted wherever a power is; results are frozen pydantic models (``.model_dump_json()``).
Every question takes a `Scenario` (build one with `scenario(...)`), or the same inputs as
keywords (`capex` takes it as ``scenario=``, its first argument being a budget):

    >>> import calc
    >>> calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm").verdict
    'plausible'

Monte Carlo, sensitivity, sweeps and charts need numpy; they are imported on first use, so a
one-shot claim check does not pay for it.
"""

from typing import Any

# first: in the `dcpower` command, decides how pint is loaded before anything below imports it
from calc import _startup  # noqa: F401  # isort: skip
import importlib
import importlib.metadata

from calc.assumptions import build_assumptions, parse_settings
from calc.batch import check_row, check_rows, read_rows
from calc.batch import failed as batch_failed
from calc.capacity import capacity, power_chain, required_power
from calc.chain import RANGED, SOLVABLE, STEPS, SWEEPABLE, chain_watts, resolve, whole_systems
from calc.claim_report import (
    ledger_document,
    ledger_outcome,
    ledger_table,
    reading_table,
    readings_line,
    sentence_document,
    timeline_document,
)
from calc.claims import (
    bounded_verdict,
    check_claim,
    compare_methods,
    derived_note,
    even_value,
    implied_range,
)
from calc.compare import (
    BreakEvenChange,
    Comparison,
    ReadingChange,
    cli_command,
    compare,
    comparison_table,
    verdict_text,
)
from calc.compute import ComputeResult, compute, format_flops, h100_equivalents, peak_throughput
from calc.display import as_quantity, document, render, report_markdown, to_frame
from calc.energy import CapexResult, EnergyResult, annual_energy, average_power, capex, format_money
from calc.errors import CalcError, InputError, PresetError, UnitError
from calc.files import write_atomic
from calc.inputs import (
    as_scenario,
    option_defaults,
    parse_fields,
    scenario,
    scenario_fields,
    scenario_from_facility,
    scenario_options,
    with_basis,
    with_method,
)
from calc.ledger import (
    answer_claim,
    answer_sentence,
    answered_scenario,
    check_ledger,
    claim_scenario,
    load_claim,
)
from calc.models import (
    ASSUMPTION_NAMES,
    BASES,
    BASIS_LABELS,
    CLAIM_BASES,
    COUNT_BOUNDS,
    POWER_BOUNDS,
    RANGE_ASSUMPTIONS,
    AcceleratorSpec,
    AlternativeCheck,
    Assumptions,
    AssumptionSet,
    BatchRow,
    BreakEven,
    CapacityResult,
    CaseValues,
    ClaimResult,
    Delivery,
    Facility,
    FleetEntry,
    FleetLine,
    LedgerClaim,
    LedgerReport,
    LedgerResult,
    ParsedClaim,
    PowerStage,
    Range,
    Reading,
    ReadingAlternative,
    Redundancy,
    Report,
    RequiredPowerResult,
    Scenario,
    SentenceCheck,
    SolveResult,
    Source,
    Span,
    Support,
    SystemSpec,
    TimelineBar,
    TimelineChart,
    TimelineResult,
    TimelineRow,
)
from calc.nudge import nudge_text, step_redundancy
from calc.orbital import OrbitalResult, orbital
from calc.presets import (
    KINDS,
    accelerator_choices,
    list_presets,
    load_accelerator,
    load_assumption_set,
    load_facility,
    load_preset,
    load_system,
    preset_origin,
    save_scenario,
    scenario_toml,
    set_preset_dirs,
)
from calc.presets import (
    reset_catalog as refresh_presets,
)
from calc.presets import (
    user_config_dir as user_preset_dir,
)
from calc.report import (
    Table,
    as_markdown,
    as_text,
    evaluate,
    export_report,
    headline_lines,
    histogram_lines,
    methods_table,
    readings_table,
    report_json,
    verdict_word,
)
from calc.schemas import dcpower_version
from calc.sentences import alternative_checks, check_sentence, parse_claim, sentence_scenario
from calc.solve import solve
from calc.timeline import timeline, timeline_bars
from calc.units import Q_, format_power, parse_power, quantity_json, ureg

_LAZY = {
    "DISTRIBUTIONS": "calc.uncertainty",
    "SweepResult": "calc.uncertainty",
    "TornadoResult": "calc.uncertainty",
    "UncertaintyResult": "calc.uncertainty",
    "monte_carlo": "calc.uncertainty",
    "parse_sweep": "calc.uncertainty",
    "sweep": "calc.uncertainty",
    "tornado": "calc.uncertainty",
}


_version = dcpower_version

__version__: str = _version()
"""The installed dcpower's version (``"0+unknown"`` in a source tree that was never installed)."""


def __getattr__(name: str) -> Any:
    """The numpy-backed names, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'calc' has no attribute {name!r}")

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names with the lazily imported ones, so that completion offers them."""
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ASSUMPTION_NAMES",
    "BASES",
    "BASIS_LABELS",
    "CLAIM_BASES",
    "COUNT_BOUNDS",
    "DISTRIBUTIONS",
    "KINDS",
    "POWER_BOUNDS",
    "Q_",
    "RANGED",
    "RANGE_ASSUMPTIONS",
    "SOLVABLE",
    "STEPS",
    "SWEEPABLE",
    "AcceleratorSpec",
    "AlternativeCheck",
    "AssumptionSet",
    "Assumptions",
    "BatchRow",
    "BreakEven",
    "BreakEvenChange",
    "CalcError",
    "CapacityResult",
    "CapexResult",
    "CaseValues",
    "ClaimResult",
    "Comparison",
    "ComputeResult",
    "Delivery",
    "EnergyResult",
    "Facility",
    "FleetEntry",
    "FleetLine",
    "InputError",
    "LedgerClaim",
    "LedgerReport",
    "LedgerResult",
    "OrbitalResult",
    "ParsedClaim",
    "PowerStage",
    "PresetError",
    "Range",
    "Reading",
    "ReadingAlternative",
    "ReadingChange",
    "Redundancy",
    "Report",
    "RequiredPowerResult",
    "Scenario",
    "SentenceCheck",
    "SolveResult",
    "Source",
    "Span",
    "Support",
    "SweepResult",
    "SystemSpec",
    "Table",
    "TimelineBar",
    "TimelineChart",
    "TimelineResult",
    "TimelineRow",
    "TornadoResult",
    "UncertaintyResult",
    "UnitError",
    "accelerator_choices",
    "alternative_checks",
    "annual_energy",
    "answer_claim",
    "answer_sentence",
    "answered_scenario",
    "as_markdown",
    "as_quantity",
    "as_scenario",
    "as_text",
    "average_power",
    "batch_failed",
    "bounded_verdict",
    "build_assumptions",
    "capacity",
    "capex",
    "chain_watts",
    "check_claim",
    "check_ledger",
    "check_row",
    "check_rows",
    "check_sentence",
    "claim_scenario",
    "cli_command",
    "compare",
    "compare_methods",
    "comparison_table",
    "compute",
    "derived_note",
    "document",
    "evaluate",
    "even_value",
    "export_report",
    "format_flops",
    "format_money",
    "format_power",
    "h100_equivalents",
    "headline_lines",
    "histogram_lines",
    "implied_range",
    "ledger_document",
    "ledger_outcome",
    "ledger_table",
    "list_presets",
    "load_accelerator",
    "load_assumption_set",
    "load_claim",
    "load_facility",
    "load_preset",
    "load_system",
    "methods_table",
    "monte_carlo",
    "nudge_text",
    "option_defaults",
    "orbital",
    "parse_claim",
    "parse_fields",
    "parse_power",
    "parse_settings",
    "parse_sweep",
    "peak_throughput",
    "power_chain",
    "preset_origin",
    "quantity_json",
    "read_rows",
    "reading_table",
    "readings_line",
    "readings_table",
    "refresh_presets",
    "render",
    "report_json",
    "report_markdown",
    "required_power",
    "resolve",
    "save_scenario",
    "scenario",
    "scenario_fields",
    "scenario_from_facility",
    "scenario_options",
    "scenario_toml",
    "sentence_document",
    "sentence_scenario",
    "set_preset_dirs",
    "solve",
    "step_redundancy",
    "sweep",
    "timeline",
    "timeline_bars",
    "timeline_document",
    "to_frame",
    "tornado",
    "ureg",
    "user_preset_dir",
    "verdict_text",
    "verdict_word",
    "whole_systems",
    "with_basis",
    "with_method",
    "write_atomic",
]
