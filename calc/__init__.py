"""dcpower's unit-aware core: datacenter power and accelerator capacity.

Public API: everything in `__all__`. Strings with units (``"300 MW"``) or pint quantities are
accepted wherever a power is; results are frozen pydantic models (``.model_dump_json()``).

    >>> import calc
    >>> calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm").verdict
    'plausible'
"""

from calc.assumptions import build_assumptions, parse_settings
from calc.capacity import capacity, required_power
from calc.chain import chain_watts, power_chain
from calc.claims import check_claim, compare_methods
from calc.cli import main as run_cli
from calc.energy import CapexResult, EnergyResult, annual_energy, average_power, capex, format_money
from calc.errors import CalcError, InputError, PresetError, UnitError
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
    RequiredPowerResult,
    SolveResult,
    Source,
    SystemSpec,
)
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
    set_preset_dirs,
)
from calc.presets import (
    reset_catalog as refresh_presets,
)
from calc.presets import (
    user_config_dir as user_preset_dir,
)
from calc.scenario import (
    Report,
    Scenario,
    evaluate,
    parse_fields,
    report_json,
    report_markdown,
    save_scenario,
    scenario_fields,
    scenario_from_facility,
    write_atomic,
)
from calc.solve import SOLVABLE, solve
from calc.uncertainty import (
    DISTRIBUTIONS,
    SWEEPABLE,
    SweepResult,
    TornadoResult,
    UncertaintyResult,
    monte_carlo,
    parse_sweep,
    sweep,
    tornado,
)
from calc.units import Q_, format_power, parse_power, quantity_json, ureg

__all__ = [
    "ASSUMPTION_NAMES",
    "BASES",
    "BASIS_LABELS",
    "CLAIM_BASES",
    "DISTRIBUTIONS",
    "KINDS",
    "Q_",
    "RANGE_ASSUMPTIONS",
    "SOLVABLE",
    "SWEEPABLE",
    "AcceleratorSpec",
    "AssumptionSet",
    "Assumptions",
    "BreakEven",
    "CalcError",
    "CapacityResult",
    "CapexResult",
    "CaseValues",
    "ClaimResult",
    "EnergyResult",
    "Facility",
    "FleetEntry",
    "FleetLine",
    "InputError",
    "OrbitalResult",
    "PresetError",
    "Range",
    "Reading",
    "Redundancy",
    "Report",
    "RequiredPowerResult",
    "Scenario",
    "SolveResult",
    "Source",
    "SweepResult",
    "SystemSpec",
    "TornadoResult",
    "UncertaintyResult",
    "UnitError",
    "annual_energy",
    "average_power",
    "build_assumptions",
    "capacity",
    "capex",
    "chain_watts",
    "check_claim",
    "compare_methods",
    "evaluate",
    "format_money",
    "format_power",
    "list_presets",
    "load_accelerator",
    "load_assumption_set",
    "load_facility",
    "load_preset",
    "load_system",
    "monte_carlo",
    "orbital",
    "parse_fields",
    "parse_power",
    "parse_settings",
    "parse_sweep",
    "power_chain",
    "preset_origin",
    "quantity_json",
    "refresh_presets",
    "report_json",
    "report_markdown",
    "required_power",
    "run_cli",
    "save_scenario",
    "scenario_fields",
    "scenario_from_facility",
    "set_preset_dirs",
    "solve",
    "sweep",
    "tornado",
    "ureg",
    "user_preset_dir",
    "write_atomic",
]
