"""dcpower's unit-aware core: datacenter power and accelerator capacity.

Public API: everything in `__all__`. Strings with units (``"300 MW"``) or pint quantities are
accepted wherever a power is; results are frozen pydantic models (``.model_dump_json()``).
Every question takes a `Scenario` (build one with `scenario(...)`), or the same inputs as
keywords:

    >>> import calc
    >>> calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm").verdict
    'plausible'

Monte Carlo, sensitivity, sweeps and charts need numpy; they are imported on first use, so a
one-shot claim check does not pay for it.
"""

from typing import Any

from calc.assumptions import build_assumptions, parse_settings
from calc.capacity import capacity, power_chain, required_power
from calc.chain import RANGED, SOLVABLE, STEPS, SWEEPABLE, chain_watts, resolve, whole_systems
from calc.claims import check_claim, compare_methods
from calc.compare import (
    BreakEvenChange,
    Comparison,
    ReadingChange,
    cli_command,
    compare,
    comparison_table,
    verdict_text,
)
from calc.energy import CapexResult, EnergyResult, annual_energy, average_power, capex, format_money
from calc.errors import CalcError, InputError, PresetError, UnitError
from calc.files import write_atomic
from calc.inputs import (
    as_scenario,
    parse_fields,
    scenario,
    scenario_fields,
    scenario_from_facility,
    with_basis,
    with_method,
)
from calc.models import (
    ASSUMPTION_NAMES,
    BASES,
    BASIS_LABELS,
    CLAIM_BASES,
    RANGE_ASSUMPTIONS,
    AcceleratorSpec,
    Assumptions,
    AssumptionSet,
    BreakEven,
    CapacityResult,
    CaseValues,
    ClaimResult,
    Facility,
    FleetEntry,
    FleetLine,
    Range,
    Reading,
    Redundancy,
    Report,
    RequiredPowerResult,
    Scenario,
    SolveResult,
    Source,
    SystemSpec,
)
from calc.nudge import nudge_text, step_redundancy
from calc.orbital import OrbitalResult, orbital
from calc.presets import (
    KINDS,
    list_presets,
    load_accelerator,
    load_assumption_set,
    load_facility,
    load_preset,
    load_system,
    preset_origin,
    save_scenario,
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
    methods_table,
    readings_table,
    report_json,
    report_markdown,
)
from calc.solve import solve
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


def __getattr__(name: str) -> Any:
    """The numpy-backed names, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'calc' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "ASSUMPTION_NAMES",
    "BASES",
    "BASIS_LABELS",
    "CLAIM_BASES",
    "DISTRIBUTIONS",
    "KINDS",
    "Q_",
    "RANGED",
    "RANGE_ASSUMPTIONS",
    "SOLVABLE",
    "STEPS",
    "SWEEPABLE",
    "AcceleratorSpec",
    "AssumptionSet",
    "Assumptions",
    "BreakEven",
    "BreakEvenChange",
    "CalcError",
    "CapacityResult",
    "CapexResult",
    "CaseValues",
    "ClaimResult",
    "Comparison",
    "EnergyResult",
    "Facility",
    "FleetEntry",
    "FleetLine",
    "InputError",
    "OrbitalResult",
    "PresetError",
    "Range",
    "Reading",
    "ReadingChange",
    "Redundancy",
    "Report",
    "RequiredPowerResult",
    "Scenario",
    "SolveResult",
    "Source",
    "SweepResult",
    "SystemSpec",
    "Table",
    "TornadoResult",
    "UncertaintyResult",
    "UnitError",
    "annual_energy",
    "as_markdown",
    "as_scenario",
    "as_text",
    "average_power",
    "build_assumptions",
    "capacity",
    "capex",
    "chain_watts",
    "check_claim",
    "cli_command",
    "compare",
    "compare_methods",
    "comparison_table",
    "evaluate",
    "export_report",
    "format_money",
    "format_power",
    "headline_lines",
    "list_presets",
    "load_accelerator",
    "load_assumption_set",
    "load_facility",
    "load_preset",
    "load_system",
    "methods_table",
    "monte_carlo",
    "nudge_text",
    "orbital",
    "parse_fields",
    "parse_power",
    "parse_settings",
    "parse_sweep",
    "power_chain",
    "preset_origin",
    "quantity_json",
    "readings_table",
    "refresh_presets",
    "report_json",
    "report_markdown",
    "required_power",
    "resolve",
    "save_scenario",
    "scenario",
    "scenario_fields",
    "scenario_from_facility",
    "set_preset_dirs",
    "solve",
    "step_redundancy",
    "sweep",
    "tornado",
    "ureg",
    "user_preset_dir",
    "verdict_text",
    "whole_systems",
    "with_basis",
    "with_method",
    "write_atomic",
]
