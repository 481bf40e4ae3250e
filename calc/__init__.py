"""dcpower's unit-aware core: datacenter power and accelerator capacity.

Public API: everything in `__all__` (what a user calls; the helpers only dcpower's own terminal
UI and command use are in `calc.ui`). Strings with units (``"300 MW"``) or pint quantities are
accepted wherever a power is; results are frozen pydantic models (``.model_dump_json()``).
Every question takes a `Scenario` (build one with `scenario(...)`), or the same inputs as
keywords (`capex` takes it as ``scenario=``, its first argument being a budget):

    >>> import calc
    >>> calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm").verdict
    'plausible'

Monte Carlo, sensitivity, sweeps and charts need numpy; they are imported on first use, so a
one-shot claim check does not pay for it.
"""

# first: in the `dcpower` command, decides how pint is loaded before anything below imports it
from calc import _startup  # noqa: F401  # isort: skip

from calc.assumption_table import ASSUMPTIONS, Assumption
from calc.assumptions import build_assumptions
from calc.batch import check_rows, example_file, read_rows
from calc.capacity import capacity, power_chain, required_power
from calc.claims import check_claim, compare_methods
from calc.compare import Comparison, compare
from calc.compute import ComputeResult, compute
from calc.display import as_quantity, render, report_markdown, to_frame
from calc.energy import CapexResult, EnergyResult, annual_energy, average_power, capex
from calc.errors import CalcError, InputError, NoTimeline, PresetError, UnitError
from calc.inputs import as_scenario, scenario, scenario_from_facility, with_basis, with_method
from calc.lazy import lazy_names
from calc.ledger import answer_claim, answer_sentence, check_ledger, load_claim
from calc.models import (
    ASSUMPTION_NAMES,
    BASES,
    CLAIM_BASES,
    AcceleratorSpec,
    Assumptions,
    AssumptionSet,
    BatchRow,
    BreakEven,
    CapacityResult,
    ClaimResult,
    Facility,
    LedgerClaim,
    LedgerReport,
    LedgerResult,
    ParsedClaim,
    PowerStage,
    Range,
    Reading,
    Redundancy,
    Report,
    RequiredPowerResult,
    Scenario,
    SentenceCheck,
    SolveResult,
    Source,
    SystemSpec,
    TimelineResult,
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
    save_scenario,
    scenario_toml,
    set_preset_dirs,
)
from calc.presets import (
    reset_catalog as refresh_presets,
)
from calc.report import as_markdown, as_text, evaluate, export_report, report_json
from calc.schemas import dcpower_version
from calc.sentences import check_sentence, parse_claim
from calc.solve import solve
from calc.timeline import timeline
from calc.units import Q_, format_power, parse_power, ureg

_LAZY = {
    "DISTRIBUTIONS": "calc.uncertainty",
    "SweepResult": "calc.uncertainty",
    "TornadoResult": "calc.uncertainty",
    "UncertaintyResult": "calc.uncertainty",
    "monte_carlo": "calc.uncertainty",
    "sweep": "calc.uncertainty",
    "tornado": "calc.uncertainty",
}


_version = dcpower_version

__version__: str = _version()
"""The installed dcpower's version (``"0+unknown"`` in a source tree that was never installed)."""


__getattr__, __dir__ = lazy_names("calc", _LAZY, globals())


__all__ = [
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
