"""Frozen pydantic models: hardware specs, assumptions, facilities and results.

`...Spec` models hold hardware facts from presets; `Assumptions` and `Facility` hold inputs;
`...Result` models are outputs. All are immutable and validated once; collections are tuples.
"""

from __future__ import annotations

import ast
import datetime
import functools
import inspect
import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    create_model,
    field_validator,
    model_validator,
)

from calc.assumption_table import (
    ASSUMPTIONS,
    STEPS,
    Assumption,
    assumption_names,
    bases,
    basis_labels,
    range_limits,
    range_names,
)
from calc.errors import InputError
from calc.units import MW, Energy, Money, Power, PowerOrZero, ResultPower, format_power, power_watts, quantity

BASES: tuple[str, ...] = bases(STEPS)
"""The bases of the chain, from `STEPS`."""
CLAIM_BASES: tuple[str, ...] = ("unspecified", *BASES)
BASIS_LABELS: dict[str, str] = basis_labels(STEPS)

if TYPE_CHECKING:  # the static spelling of what STEPS gives (tests/calc/test_assumption_table.py)
    Basis = Literal["chip", "server", "it", "facility", "supply"]
    ClaimBasis = Literal["unspecified", "chip", "server", "it", "facility", "supply"]
else:
    Basis = Literal[BASES]
    ClaimBasis = Literal[CLAIM_BASES]
"""Basis: a point in the power chain where a figure of power is measured. ClaimBasis: the basis
of a quoted power; `unspecified` is read both as `it` and as `facility`."""
Verdict = Literal["implausible", "between", "plausible", "ample"]
Confidence = Literal["high", "medium", "low", "estimate"]
Case = Literal["low", "central", "high"]
RangeStatus = Literal["in range", "below range", "above range", "impossible"]
PowerBound = Literal["exact", "at-least", "at-most", "about"]
"""How a power was stated: exactly, as a lower bound ("more than", "over", "200+"), as an upper
bound ("up to", "under") or roughly ("about", "~"; within `calc.claims.ABOUT`)."""
CountBound = Literal["exact", "at-least", "at-most", "about", "between"]
Derived = Literal["power", "count"]
"""A figure a claim does not state, worked out by dcpower to answer it."""
"""How a count was stated: as a power is, or as a range ("4 million or 5 million")."""
POWER_BOUNDS: tuple[PowerBound, ...] = ("exact", "at-least", "at-most", "about")
COUNT_BOUNDS: tuple[CountBound, ...] = ("exact", "at-least", "at-most", "about", "between")
SourceTier = Literal["primary", "reporting"]
"""A source's kind: the company's own release, a filing, official documentation or a utility
record ("primary"), or an established outlet's report ("reporting")."""
SOURCE_TIERS: tuple[SourceTier, ...] = ("primary", "reporting")


def _calendar_date(value: str) -> str:
    """A date that is on the calendar: month 1-12, a day its month has (the pattern allows
    only ASCII digits, so '٢٠٢٥-٠٥' is refused too)."""
    try:
        datetime.date(int(value[:4]), int(value[5:7]), int(value[8:10]) if len(value) == 10 else 1)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a calendar date; accepted: YYYY-MM-DD or YYYY-MM, year 0001-9999, "
            "month 01-12, a day its month has, e.g. '2025-05-08'"
        ) from None
    return value


CalendarDate = Annotated[
    str, Field(pattern=r"^[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?$"), AfterValidator(_calendar_date)
]
"""YYYY-MM-DD, or YYYY-MM (the first of the month): a real calendar date in digits 0-9."""

PRESET_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""A preset id: kebab-case, lower-case ASCII letters and digits ("h100-sxm", "dgx-h100")."""
PresetId = Annotated[str, Field(pattern=PRESET_ID_PATTERN, max_length=64)]


M = TypeVar("M", bound=BaseModel)


class CalcModel(BaseModel):
    """Base of every model: immutable, strict about unknown keys, self-documenting.

    The docstring under each field is its description in `dcpower schema` (`field_docs`). It
    is read from this file when a schema is asked for, not by pydantic at import:
    `use_attribute_docstrings` reads every class's source as it is defined, about a third of
    the import time of this module, which every command and the TUI's first paint pay.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")


@functools.cache
def _module_docs(path: str) -> dict[str, dict[str, str]]:
    """The docstring under each annotated field of each class in a source file."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    docs: dict[str, dict[str, str]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        fields = docs.setdefault(node.name, {})
        for statement, after in itertools.pairwise(node.body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                fields[statement.target.id] = inspect.cleandoc(after.value.value)
    return docs


def field_docs(cls: type) -> dict[str, str]:
    """The docstring under each field of a model, its base classes' fields included."""
    docs: dict[str, str] = {}
    for owner in reversed(cls.__mro__):
        path = inspect.getsourcefile(owner) if owner.__module__.startswith("calc") else None
        if path:
            docs.update(_module_docs(path).get(owner.__name__, {}))
    return docs


def _models() -> dict[str, type[CalcModel]]:
    found: dict[str, type[CalcModel]] = {}
    stack: list[type[CalcModel]] = [CalcModel]
    while stack:
        cls = stack.pop()
        found.setdefault(cls.__name__, cls)
        stack.extend(cls.__subclasses__())
    return found


def describe_schema(schema: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """`schema` (of `model`) with each property's field docstring as its description."""
    models = _models()

    def fill(node: dict[str, Any], cls: type | None) -> None:
        docs = field_docs(cls) if cls is not None else {}
        for field, prop in node.get("properties", {}).items():
            if field in docs and "description" not in prop:
                prop["description"] = docs[field]

    fill(schema, model)
    for name, node in schema.get("$defs", {}).items():
        fill(node, models.get(name))
    return schema


_DEFAULTS: dict[type[BaseModel], dict[str, Any]] = {}
_set = object.__setattr__


def build(cls: type[M], **values: Any) -> M:
    """A model from values the core has computed and checked, without validating them again.

    What `model_construct` does, three times faster (1.5 µs against 4.6 µs): a claim check
    builds a dozen result models, and validation was done once, at the boundary. Defaults of
    result models are immutable (tuples, None, text), so they are shared.
    """
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _DEFAULTS[cls] = {
            name: field.get_default(call_default_factory=True)
            for name, field in cls.model_fields.items()
            if not field.is_required()
        }
    made = object.__new__(cls)
    # in the order of the fields, as validation would give them (JSON keys keep their order)
    _set(
        made,
        "__dict__",
        {name: values[name] if name in values else defaults[name] for name in cls.model_fields},
    )
    _set(made, "__pydantic_fields_set__", set(values))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


class Source(CalcModel):
    """Where a figure comes from."""

    title: str = Field(min_length=3)
    """Document title, with the quoted figure where useful."""
    url: str | None = None
    """Address of the document, when it has one."""
    tier: SourceTier | None = None
    """'primary' or 'reporting' (see SourceTier): required of a ledger claim's sources (see
    ClaimSource); optional for hardware, facility and assumption presets, whose sources are data
    sheets, papers and official documentation."""


class ClaimSource(Source):
    """A ledger claim's source: its tier is required."""

    tier: SourceTier | None = Field(default=None, validate_default=True)

    @field_validator("tier", mode="before")
    @classmethod
    def _tier_given(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("tier: missing; accepted: 'primary' or 'reporting'")
        if value not in SOURCE_TIERS:
            raise ValueError(f"tier: {str(value)[:40]!r} is not a tier; accepted: 'primary' or 'reporting'")
        return value


class Range(CalcModel):
    """Low / central / high values of one assumption. "Low" needs the least power."""

    low: float
    central: float
    high: float
    source: str | None = None
    """Where these values come from."""

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if not self.low <= self.central <= self.high:
            raise ValueError(
                f"low <= central <= high is required, got {self.low:g} / {self.central:g} / {self.high:g}"
            )
        return self

    @classmethod
    def point(cls, value: float, source: str | None = None) -> Range:
        """A zero-width range: the value is taken as known."""
        return cls(low=value, central=value, high=value, source=source)

    def value(self, case: Case) -> float:
        """The value for one case."""
        return float(getattr(self, case))


_REDUNDANCY_RE = re.compile(
    r"^\s*(?:(?P<k>\d{1,2})\s*\+\s*1|(?P<scheme>N|2N|4N/3|3N/2|N\+1))\s*$", re.IGNORECASE
)
_FIXED_USABLE = {"N": 1.0, "2N": 0.5, "4N/3": 0.75, "3N/2": 2.0 / 3.0}
REDUNDANCY_HELP = "'N', '2N', '4N/3', '3N/2' or 'k+1' with k load-carrying modules, e.g. '3+1'"


class Redundancy(CalcModel):
    """The redundancy scheme of quoted capacity, and the usable share it leaves.

    Usable fraction: N 1, N+1 k/(k+1), 2N 1/2, 4N/3 3/4, 3N/2 2/3 (shared/reference/hardware.md
    §5c: RISA data-centre directive table; SemiAnalysis "Datacenter Anatomy Part 1").
    """

    scheme: Literal["N", "N+1", "2N", "4N/3", "3N/2"] = "N"
    modules: int | None = Field(default=None, ge=1, le=99)
    """For N+1: the number of modules that carry the load (k in k+1)."""

    @model_validator(mode="after")
    def _modules_match(self) -> Redundancy:
        if self.scheme == "N+1" and self.modules is None:
            raise ValueError("N+1 needs the number of load-carrying modules, e.g. '3+1'")
        if self.scheme != "N+1" and self.modules is not None:
            raise ValueError(f"{self.scheme} takes no module count")
        return self

    @classmethod
    def parse(cls, text: str) -> Redundancy:
        """Parse 'N', '2N', '4N/3', '3N/2' or 'k+1'."""
        match = _REDUNDANCY_RE.match(text) if isinstance(text, str) else None
        if match is None:
            raise InputError(f"redundancy: {text!r} is not a scheme; accepted: {REDUNDANCY_HELP}")
        if match["k"]:
            k = int(match["k"])
            if k < 1:
                raise InputError(f"redundancy: {text!r} needs k >= 1; accepted: {REDUNDANCY_HELP}")
            return cls(scheme="N+1", modules=k)
        scheme = match["scheme"].upper()
        if scheme == "N+1":
            raise InputError(
                f"redundancy: {text!r} needs the number of load-carrying modules; "
                f"write e.g. '3+1' (usable 3/4)"
            )
        return cls.model_validate({"scheme": scheme})

    @property
    def usable_fraction(self) -> float:
        """Share of the quoted capacity that may carry load. [-]"""
        if self.scheme == "N+1":
            assert self.modules is not None
            return self.modules / (self.modules + 1)
        return _FIXED_USABLE[self.scheme]

    @property
    def label(self) -> str:
        """The scheme as written ('3+1' for N+1 with three modules)."""
        return f"{self.modules}+1" if self.scheme == "N+1" else self.scheme


RANGE_LIMITS: dict[str, tuple[float, float, str]] = range_limits(ASSUMPTIONS)
"""name: (lowest accepted, highest accepted, what the limit means), from `ASSUMPTIONS`."""
RANGE_ASSUMPTIONS: tuple[str, ...] = range_names(ASSUMPTIONS)
"""The ranges every set of assumptions gives."""
ASSUMPTION_NAMES: tuple[str, ...] = assumption_names(ASSUMPTIONS)
OPTIONAL_RANGES: tuple[str, ...] = tuple(r.name for r in ASSUMPTIONS if r.kind == "range" and not r.required)
"""The ranges only some methods set (server_factor): None elsewhere."""
ALL_RANGES: tuple[str, ...] = (*RANGE_ASSUMPTIONS, *OPTIONAL_RANGES)


class AssumptionsBase(CalcModel):
    """What every `Assumptions` model does: read a redundancy scheme from its text, and hold
    each range within the limits of its row of the table it was built from."""

    limits: ClassVar[dict[str, tuple[float, float, str]]] = {}

    @model_validator(mode="before")
    @classmethod
    def _redundancy_text(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {
                k: Redundancy.parse(v) if cls._scheme(k) and isinstance(v, str) else v
                for k, v in data.items()
            }
        return data

    @classmethod
    def _scheme(cls, name: str) -> bool:
        field = cls.model_fields.get(name)
        return field is not None and field.annotation is Redundancy

    @model_validator(mode="after")
    def _within_limits(self) -> AssumptionsBase:
        for name, (lowest, highest, meaning) in self.limits.items():
            values = getattr(self, name)
            if values is None:
                continue
            for case in ("low", "central", "high"):
                number = values.value(case)
                if not lowest <= number <= highest:
                    raise InputError(
                        f"{name}: {case} {number:g} is outside {lowest:g}–{highest:g} ({meaning})",
                        field=name,
                    )
        return self


def _field(row: Assumption) -> tuple[Any, Any]:
    if row.kind == "scheme":
        return Redundancy, Field(default=Redundancy(), description=row.doc)
    if row.kind == "share":
        assert row.limits is not None
        return float, Field(default=0.0, ge=row.limits[0], le=row.limits[1], description=row.doc)
    if row.required:
        return Range, Field(description=row.doc)
    return Range | None, Field(default=None, description=row.doc)


def assumptions_model(table: tuple[Assumption, ...]) -> type[AssumptionsBase]:
    """The model of a set of assumptions: one field per row of `table`, in its order."""
    model = create_model(  # type: ignore[call-overload]
        "Assumptions",
        __base__=AssumptionsBase,
        __module__=__name__,
        __doc__="Every assumption of the power chain, each with its low / central / high values.",
        **{row.name: _field(row) for row in table},
    )
    model.limits = range_limits(table)
    return model


if TYPE_CHECKING:  # the fields `assumptions_model(ASSUMPTIONS)` gives, for the type checker

    class Assumptions(AssumptionsBase):
        """Every assumption of the power chain, each with its low / central / high values."""

        draw_factor: Range
        it_overhead: Range
        pue: Range
        power_factor: Range
        headroom: float = 0.0
        redundancy: Redundancy = Redundancy()
        server_factor: Range | None = None

else:
    Assumptions = assumptions_model(ASSUMPTIONS)


Precision = Literal["fp4", "fp8", "int8", "bf16", "fp16", "fp64"]
"""A number format of a peak-throughput figure (fp16: the 16-bit figure of chips without bf16)."""

_THROUGHPUT_RE = re.compile(
    r"^\s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,2})?)\s*([kMGTPE]?)(FLOP/s|OP/s)\s*$"
)
_THROUGHPUT_PREFIX = {"": 1.0, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}


def parse_throughput(text: str, field: str) -> float:
    """A throughput written with its unit ('1979 TFLOP/s', '1836 TOP/s'). [FLOP/s]

    Raises:
        ValueError: Not a positive number followed by FLOP/s or OP/s with an SI prefix.
    """
    match = _THROUGHPUT_RE.match(str(text)[:60])
    if match is None or float(match.group(1)) <= 0:
        raise ValueError(
            f"{field}: {str(text)[:40]!r} is not a throughput; accepted: a positive number and "
            "FLOP/s or OP/s with an SI prefix, e.g. '1979 TFLOP/s'"
        )
    return float(match.group(1)) * _THROUGHPUT_PREFIX[match.group(2)]


class PeakThroughput(CalcModel):
    """Dense (no sparsity) peak throughput of one accelerator unit at one precision.

    Where sources disagree, `low` and `high` hold the two figures, each with its source, and
    `value` the one taken as central.
    """

    value: str
    """Central figure with its unit, e.g. '1979 TFLOP/s' (8-bit integer formats: 'TOP/s')."""
    source: str = Field(min_length=3)
    """The document the central figure comes from, with the figure as it is quoted."""
    url: str | None = None
    """Address of that document."""
    low: str | None = None
    """The lowest figure a source gives, where sources disagree."""
    low_source: str | None = None
    high: str | None = None
    """The highest figure a source gives, where sources disagree."""
    high_source: str | None = None
    estimate: bool = False
    """True where the figure is derived or announced rather than from a data sheet."""

    @model_validator(mode="after")
    def _ordered(self) -> PeakThroughput:
        central = parse_throughput(self.value, "value")
        low = parse_throughput(self.low, "low") if self.low is not None else central
        high = parse_throughput(self.high, "high") if self.high is not None else central
        if not low <= central <= high:
            raise ValueError(f"low <= value <= high is required, got {self.low} / {self.value} / {self.high}")
        if (self.low is None) != (self.high is None):
            raise ValueError("low and high: give both ends of a range, or neither")
        for end, source in (("low", self.low_source), ("high", self.high_source)):
            if getattr(self, end) is not None and not source:
                raise ValueError(f"{end}_source: missing; a {end} figure needs its own source")
        return self

    def flops(self, case: Case = "central") -> float:
        """The figure for one case: low, central or high. [FLOP/s]"""
        text = {"low": self.low, "central": self.value, "high": self.high}[case] or self.value
        return parse_throughput(text, case)


class AcceleratorSpec(CalcModel):
    """One accelerator as announcements count it (a GPU, a superchip, a module, a chip)."""

    schema_version: Literal[1] = 1
    id: PresetId
    name: str
    vendor: str
    counted_as: Literal["GPU", "superchip", "module", "APU", "chip"]
    """What one unit of this accelerator is, as public counts count it."""
    tdp: Power
    """Maximum board power (TDP / TBP / TGP) of one unit. [W]"""
    system: PresetId
    """Id of the default system this accelerator ships in."""
    confidence: Confidence
    sources: tuple[Source, ...] = Field(min_length=1)
    notes: str = ""
    throughput: dict[Precision, PeakThroughput] = Field(default_factory=dict)
    """Dense peak throughput by precision, per unit as `counted_as` counts it (see calc.compute)."""


class PowerRange(CalcModel):
    """The low and high ends of a figure whose sources disagree, each with its source."""

    low: Power
    """The lowest figure a source gives. [kW]"""
    low_source: str = Field(min_length=3)
    high: Power
    """The highest figure a source gives. [kW]"""
    high_source: str = Field(min_length=3)


class SystemSpec(CalcModel):
    """A server, node, rack or host that holds a whole number of accelerators.

    A system may fix the configuration its accelerators run at (`accelerator_tdp`: a GH200 at
    680 W in JUPITER's nodes), and a system power whose sources disagree carries a range: the
    chain takes its low end in the low case and its high end in the high case.
    """

    schema_version: Literal[1] = 1
    id: PresetId
    name: str
    form: Literal["server", "node", "rack", "host"]
    accelerator: PresetId
    accelerators_per_system: int = Field(ge=1, le=100_000)
    system_power: Power
    """Nameplate (maximum) input power of one system, central figure. [kW]"""
    system_power_range: PowerRange | None = None
    """Low and high figures of the system power, where sources disagree. [kW]"""
    accelerator_tdp: Power | None = None
    """The TDP its accelerators are configured to in this system; None: the accelerator's. [W]"""
    systems_per_rack: int | None = Field(default=None, ge=1, le=1000)
    """How many systems one rack holds, where a source gives it."""
    confidence: Confidence
    sources: tuple[Source, ...] = Field(min_length=1)
    notes: str = ""

    @model_validator(mode="after")
    def _range_holds_central(self) -> SystemSpec:
        span = self.system_power_range
        if span is not None and not span.low <= self.system_power <= span.high:
            raise ValueError(
                f"system_power_range: {format_power(span.low)} – {format_power(span.high)} must hold "
                f"system_power {format_power(self.system_power)}"
            )
        return self


class AssumptionSet(CalcModel):
    """A named set of assumptions: the default ranges, or a published method."""

    schema_version: Literal[1] = 1
    id: PresetId
    name: str
    method: str
    """The formula in words, as its authors publish it."""
    assumptions: dict[str, Any] = Field(default_factory=dict)
    """Values that differ from the default set (any subset of the assumption names)."""
    by_accelerator: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Accelerator id -> values the method's authors calibrate for that generation (e.g. an
    overhead taken from the GB200 scalable unit, not applied to H100). Each entry of a fleet
    takes its own; a fleet whose entries differ takes their power-weighted blend
    (`calc.chain.scenario_calibration`)."""
    sources: tuple[Source, ...] = Field(min_length=1)
    notes: str = ""

    @field_validator("assumptions")
    @classmethod
    def _known_names(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - set(ASSUMPTION_NAMES))
        if unknown:
            raise ValueError(f"unknown assumption {unknown[0]!r}; accepted: {', '.join(ASSUMPTION_NAMES)}")
        return value

    @field_validator("by_accelerator")
    @classmethod
    def _known_names_by_accelerator(cls, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for layer in value.values():
            cls._known_names(layer)
        return value


class Parameter(CalcModel):
    """One sourced input figure: a number, or a quantity written with its unit."""

    value: float | str
    low: float | str | None = None
    high: float | str | None = None
    source: str = Field(min_length=3)
    confidence: Confidence


class ParameterSet(CalcModel):
    """Named, sourced inputs of a calculation: economics or orbital figures."""

    schema_version: Literal[1] = 1
    id: PresetId
    name: str
    parameters: dict[str, Parameter]
    system_prices: dict[str, Parameter] = Field(default_factory=dict)
    """Price of one system, by system id (economics only). [USD]"""
    sources: tuple[Source, ...] = Field(min_length=1)
    notes: str = ""


class FleetEntry(CalcModel):
    """One accelerator type of a fleet: its system, and its count or its weight in a mix."""

    accelerator: PresetId
    system: PresetId | None = None
    """The system it is installed in; None: the accelerator preset's default system."""
    count: float | None = Field(default=None, gt=0, le=1e12)
    """How many; with a claimed total, the counts of a fleet are its mix."""
    weight: float | None = Field(default=None, gt=0, le=1e12)
    """Its share of a mix, when no count is known (a capacity question). No count and no
    weight: weight 1."""

    @model_validator(mode="after")
    def _count_or_weight(self) -> FleetEntry:
        if self.count is not None and self.weight is not None:
            raise ValueError(f"{self.accelerator}: give a count or a weight, not both")
        return self


class PowerStage(CalcModel):
    """Power from one source, online from a date: the level of that source until its next stage."""

    date: CalendarDate
    """From when (YYYY-MM-DD, or YYYY-MM: the first of the month)."""
    source: Literal["grid", "turbines", "batteries"]
    power: PowerOrZero
    """The power this source gives from `date` on (0 W: retired or standby). [MW]"""
    basis: ClaimBasis = "supply"
    units: int | None = Field(default=None, ge=0, le=100_000)
    """Turbines: how many."""
    unit_power: Power | None = None
    """Turbines: the power of one unit. [MW]"""
    energy: Energy | None = None
    """Batteries: the energy stored. [MWh]"""
    status: Literal["reported", "planned"] = "reported"
    sources: tuple[Source, ...] = Field(min_length=1)
    notes: str = ""

    @model_validator(mode="after")
    def _units_and_energy(self) -> PowerStage:
        watts = power_watts(self.power)
        if self.units == 0 and watts > 0:
            raise ValueError(f"units: 0 units cannot give {format_power(self.power)}; give the units running")
        if self.units and self.unit_power is not None:
            # the units' nameplate bounds the stage's power; a site may run below it (N+1 spares)
            nameplate = self.units * power_watts(self.unit_power)
            if watts > nameplate * (1 + 1e-9):
                raise ValueError(
                    f"power: {format_power(self.power)} is more than units x unit_power "
                    f"({self.units} x {format_power(self.unit_power)} = {format_power(quantity(nameplate / 1e6, MW))}); "
                    "accepted: at most their product"
                )
        if self.energy is not None and not float(self.energy.m_as("MWh")) <= MAX_STORED_ENERGY_MWH:
            raise ValueError(
                f"energy: {self.energy:~g} is more than {MAX_STORED_ENERGY_MWH / 1e6:g} TWh; accepted: "
                "up to 1 TWh (the largest battery plants store a few GWh)"
            )
        return self


MAX_STORED_ENERGY_MWH = 1e6
"""The most energy a timeline's batteries may store: 1 TWh, hundreds of times the largest plants."""


class Delivery(CalcModel):
    """Accelerators delivered (installed) at a site by a date."""

    date: CalendarDate
    accelerator: PresetId
    count: int = Field(gt=0, le=10**9)
    status: Literal["reported", "planned"] = "reported"
    sources: tuple[Source, ...] = Field(min_length=1)
    notes: str = ""


PANEL_OPTIONS: dict[str, tuple[str, ...]] = {
    "energy": ("load_factor", "price", "carbon", "wue"),
    "orbital": ("orbit", "radiator_temperature", "emissivity"),
}
"""The inputs of the energy-and-money and orbital questions a scenario carries, as the text
given (the keyword arguments of `annual_energy` and `orbital`); a missing one is its preset's."""


def _panel_options(kind: str, value: dict[str, Any]) -> dict[str, Any]:
    """Refuse an unknown option name, text that is not text, or text over 200 characters."""
    for key, text in value.items():
        if key not in PANEL_OPTIONS[kind]:
            raise ValueError(f"{kind}.{key}: not an option; accepted: {', '.join(PANEL_OPTIONS[kind])}")
        if not isinstance(text, str) or len(text) > 200:
            raise ValueError(f"{kind}.{key}: {str(text)[:40]!r} must be text of at most 200 characters")
    return value


class _Stated(CalcModel):
    """What a facility and a scenario check alike: their panel inputs and a stated count range."""

    @field_validator("energy", "orbital", mode="before", check_fields=False)
    @classmethod
    def _options(cls, value: Any, info: Any) -> Any:
        return _panel_options(info.field_name, value) if isinstance(value, dict) else value

    @model_validator(mode="after")
    def _count_range(self) -> Any:
        _check_count_range(self.count_bound, self.accelerators, self.accelerators_high)  # type: ignore[attr-defined]
        return self


class Facility(_Stated):
    """A real site or announced deal: its quoted power, its basis and its fleet."""

    schema_version: Literal[1] = 1
    id: PresetId
    name: str
    location: str = ""
    status: str = ""
    """Operational, under construction, announced, ... with a date."""
    power: Power
    """The quoted power. [MW]"""
    basis: ClaimBasis = "unspecified"
    """Where in the chain the quoted power is measured, when the source says."""
    accelerators: int = Field(gt=0, le=10**12)
    """The accelerator count the source claims."""
    power_bound: PowerBound = "exact"
    """How the power was stated (see `Scenario.power_bound`)."""
    count_bound: CountBound = "exact"
    """How the count was stated (see `Scenario.count_bound`)."""
    accelerators_high: int | None = Field(default=None, gt=0, le=10**12)
    """The upper end of a stated count range; only with count_bound 'between'."""
    method: PresetId = "default"
    """The assumption set this facility is checked with unless another is asked for."""
    fleet: dict[str, float] = Field(min_length=1)
    """Accelerator id -> count; scaled to `accelerators` when the two differ (a reported mix)."""
    assumptions: dict[str, Any] = Field(default_factory=dict)
    """Site facts that override the assumption set (e.g. a published PUE)."""
    confidence: Confidence
    sources: tuple[Source, ...] = Field(min_length=1)
    notes: str = ""
    timeline: tuple[PowerStage, ...] = ()
    energy: dict[str, str] = Field(default_factory=dict)
    """Energy-and-money inputs saved with the site (PANEL_OPTIONS["energy"])."""
    orbital: dict[str, str] = Field(default_factory=dict)
    """Orbital inputs saved with the site (PANEL_OPTIONS["orbital"])."""
    """Dated power stages by source (energization over time), each sourced."""
    deliveries: tuple[Delivery, ...] = ()
    """Dated accelerator deliveries, each sourced."""

    @field_validator("fleet")
    @classmethod
    def _positive_counts(cls, value: dict[str, float]) -> dict[str, float]:
        for key, count in value.items():
            if not isinstance(count, (int, float)) or isinstance(count, bool) or not count > 0:
                raise ValueError(f"fleet.{key}: {count!r} must be a positive number of accelerators")
        return value

    @field_validator("assumptions")
    @classmethod
    def _known_names(cls, value: dict[str, Any]) -> dict[str, Any]:
        return AssumptionSet._known_names(value)


def _check_count_range(bound: str, count: int | None, high: int | None) -> None:
    """A count range needs its bound and its upper end, both, at or above the count."""
    if (bound == "between") != (high is not None):
        raise ValueError("gpus_high: a count range needs gpus_bound 'between' and its upper end, both")
    if high is not None and (count is None or high < count):
        raise ValueError(
            f"gpus_high: {high} must be at least the count ({count if count is not None else 'missing'})"
        )


class Scenario(_Stated):
    """One question's inputs, each explicit: what every question of calc takes.

    A scenario built from a facility carries the facility's power, basis, count, fleet, method
    and site facts; what the user gives replaces them. The assumptions are layered when the
    scenario is resolved: the default set, then `method`, then `site`, then `overrides`.
    """

    id: str = Field(default="scenario", max_length=64)
    """The id it is saved under (the file stem)."""
    name: str = Field(default="scenario", max_length=200)
    facility: str | None = Field(default=None, max_length=4096)
    """The facility preset (id or path) the scenario started from, if any."""
    power: Power | None = None
    """The quoted power, real or apparent. [MW]"""
    basis: ClaimBasis | None = None
    """Where the power is measured; None: the question's default (a claim: unspecified; a
    capacity, a goal-seek, a sweep: facility)."""
    accelerators: int | None = Field(default=None, gt=0, le=10**12)
    """The claimed accelerator count; None: the fleet's counts, where it has them."""
    power_bound: PowerBound = "exact"
    """How the power was stated: exact, at-least, at-most or about."""
    count_bound: CountBound = "exact"
    """How the count was stated: exact, at-least, at-most, about, or between `accelerators` and
    `accelerators_high`."""
    accelerators_high: int | None = Field(default=None, gt=0, le=10**12)
    """The upper end of a stated count range; only with count_bound 'between'."""
    fleet: tuple[FleetEntry, ...] = ()
    method: str = Field(default="default", max_length=4096)
    """The assumption set (a preset id or a path)."""
    site: dict[str, Any] = Field(default_factory=dict)
    """Site facts over the method (a facility's own PUE, redundancy, ...)."""
    overrides: dict[str, Any] = Field(default_factory=dict)
    """The user's assumption values over everything else."""
    sources: tuple[Source, ...] = ()
    notes: str = ""
    derived: tuple[Derived, ...] = ()
    """The figures the claim does not state, filled in by dcpower from its answer (a ledger
    claim or a sentence with a power alone, a count alone or money): its check answers the
    claim, it does not judge it. Empty: power and count are the claim's own."""
    energy: dict[str, str] = Field(default_factory=dict)
    """Energy-and-money inputs other than their presets' (PANEL_OPTIONS["energy"]), as text."""
    orbital: dict[str, str] = Field(default_factory=dict)
    """Orbital inputs other than their presets' (PANEL_OPTIONS["orbital"]), as text."""

    @field_validator("site", "overrides")
    @classmethod
    def _known_names(cls, value: dict[str, Any]) -> dict[str, Any]:
        return AssumptionSet._known_names(value)


# ----------------------------------------------------------------------------------- results


class CaseValues(CalcModel):
    """A power per accelerator at one basis, for the low / central / high cases. [W]"""

    basis: Basis
    low: ResultPower
    central: ResultPower
    high: ResultPower
    step: str = ""
    """How this basis follows from the one before, with the values used (chain.STEPS)."""


class FleetLine(CalcModel):
    """One accelerator type of a resolved fleet or result."""

    accelerator: str
    system: str
    accelerators: int
    systems: int
    racks: int | None
    """Racks, when the system has a rack count or a rack power limit was given."""
    power_per_accelerator: ResultPower
    """Central power per accelerator at the result's basis. [W]"""


class BreakEven(CalcModel):
    """The value of one assumption (others central) at which a claim fits exactly."""

    assumption: str
    value: float
    low: float
    central: float
    high: float
    status: RangeStatus
    """Where `value` falls against the assumption's range; impossible means unphysical."""


class Reading(CalcModel):
    """A claim read at one basis."""

    basis: Basis
    verdict: Verdict
    low: ResultPower
    central: ResultPower
    high: ResultPower
    """The model's power per accelerator at this basis (low / central / high). [W]"""
    supported_accelerators: int
    """Accelerators the claimed power supports at this basis, central case, whole systems."""
    break_even: tuple[BreakEven, ...]
    summary: str


class ClaimResult(CalcModel):
    """Whether a power carries an accelerator count, and under which assumptions."""

    power: ResultPower
    """The power as quoted. [MW]"""
    real_power: ResultPower
    """The power used: equal to `power`, or converted from apparent power. [MW]"""
    accelerators: int
    fleet: tuple[FleetEntry, ...]
    basis: ClaimBasis
    method: str
    implied_power_per_accelerator: ResultPower
    """Real power / accelerators. [W]"""
    verdict: Verdict
    readings: tuple[Reading, ...]
    chain: tuple[CaseValues, ...]
    """Power per accelerator at every basis, averaged over the fleet (low / central / high). [W]"""
    assumptions: Assumptions
    """The assumptions the claim was checked with, with their sources."""
    conclusion: str
    """What would have to hold for the claim to be true, in one sentence."""
    summary: str
    """The verdict, each reading and the conclusion, in words."""
    noun: str = "accelerator"
    """What one accelerator is called in this fleet ("GPU", "chip", ...)."""
    notes: tuple[str, ...] = ()
    power_bound: PowerBound = "exact"
    """How the power was stated (see `Scenario.power_bound`)."""
    count_bound: CountBound = "exact"
    """How the count was stated (see `Scenario.count_bound`)."""
    implied_low: PowerOrZero | None = None
    """The least power per accelerator the stated bounds allow; None: exact. [W]"""
    implied_high: ResultPower | None = None
    """The most power per accelerator the stated bounds allow; None: exact or no upper end. [W]"""
    stated: str = ""
    """The claim with its bounds and the power per accelerator they allow, in words; empty when
    power and count are exact."""
    derived: tuple[Derived, ...] = ()
    """The figures dcpower filled in because the claim states none (`Scenario.derived`): the
    verdict then only restates dcpower's own arithmetic, and `conclusion` says what was derived."""


class CapacityResult(CalcModel):
    """How many accelerators a power supports at one basis, in whole systems."""

    power: ResultPower
    real_power: ResultPower
    basis: Basis
    method: str
    accelerators: int
    systems: int
    racks: int | None
    stranded_power: PowerOrZero
    """Power left over after rounding down to whole systems. [kW]"""
    power_per_accelerator: ResultPower
    """Central power per accelerator at `basis`, averaged over the mix. [W]"""
    accelerators_optimistic: int
    """Accelerators with every assumption at its low-power end."""
    accelerators_conservative: int
    """Accelerators with every assumption at its high-power end."""
    lines: tuple[FleetLine, ...]
    chain: tuple[CaseValues, ...]
    """Power per accelerator at every basis, averaged over the mix. [W]"""
    assumptions: Assumptions
    """The assumptions used, with their sources."""
    noun: str = "accelerator"
    notes: tuple[str, ...] = ()


class RequiredPowerResult(CalcModel):
    """The power a fleet needs at every basis."""

    accelerators: int
    method: str
    power: tuple[CaseValues, ...]
    """Total power of the fleet at each basis (low / central / high). [MW]"""
    per_accelerator: tuple[CaseValues, ...]
    """Average power per accelerator at each basis. [W]"""
    assumptions: Assumptions
    """The assumptions used, with their sources."""
    lines: tuple[FleetLine, ...]
    noun: str = "accelerator"
    notes: tuple[str, ...] = ()


class SolveResult(CalcModel):
    """The value of one unknown that makes power, count and assumptions meet exactly."""

    unknown: str
    value: float | None = None
    """The solved value, for an assumption or a count."""
    quantity: ResultPower | None = None
    """The solved value, for a power. [MW]"""
    status: Literal["in range", "below range", "above range", "impossible", "solved"]
    basis: Basis
    method: str
    summary: str
    notes: tuple[str, ...] = ()


class Report(CalcModel):
    """Everything the UI and the exported reports show for one scenario."""

    scenario: Scenario
    claim: ClaimResult
    capacity: tuple[CapacityResult, ...]
    """Capacity at each basis the claim was read at."""
    methods: tuple[ClaimResult, ...]
    """The same claim under every assumption set, with the scenario's own overrides."""


# ------------------------------------------------------------------------------- sentences


class Span(CalcModel):
    """Where in a sentence a figure was read: character offsets and the text."""

    start: int
    end: int
    text: str


class ReadingAlternative(CalcModel):
    """Another (power, count) reading a sentence supports: a phase, an expansion, another figure."""

    power: Power | None = None
    """The power of this reading (an expansion added to what it expands). [MW]"""
    power_bound: PowerBound = "exact"
    power_span: Span | None = None
    count: int | None = None
    count_high: int | None = None
    count_bound: CountBound = "exact"
    count_span: Span | None = None
    why: str = ""
    """What this reading is: "a later expansion", "with the expansion", "another power named"..."""


class ParsedClaim(CalcModel):
    """A claim as read from its sentence (calc.parse_claim); a figure not found is None."""

    text: str
    power: Power | None = None
    """The power the sentence names (the largest, when it names several). [MW]"""
    power_bound: PowerBound = "exact"
    power_span: Span | None = None
    count: int | None = None
    """The accelerator count (the largest named; the lower end of a range)."""
    count_high: int | None = None
    """The upper end of a count range ("4 million or 5 million")."""
    count_bound: CountBound = "exact"
    count_span: Span | None = None
    accelerator: str | None = None
    """The accelerator preset the sentence's first model name maps to."""
    accelerator_span: Span | None = None
    basis: ClaimBasis | None = None
    """The basis a hint gives ("critical IT": it, "grid": supply, "campus": facility)."""
    basis_span: Span | None = None
    chosen: str = ""
    """Why this pair of power and count was chosen over the alternatives (empty: the only one)."""
    alternatives: tuple[ReadingAlternative, ...] = ()
    """The other (power, count) readings the sentence supports, each with why."""
    notes: tuple[str, ...] = ()
    """How ambiguous words were read."""


class AlternativeCheck(CalcModel):
    """One alternative reading of a sentence and its own verdict."""

    reading: ReadingAlternative
    verdict: Verdict | None = None


class SentenceCheck(CalcModel):
    """A sentence read, and its claim checked with its bounds (calc.check_sentence)."""

    reading: ParsedClaim
    claim: ClaimResult
    alternatives: tuple[AlternativeCheck, ...] = ()
    """A verdict for each alternative reading of the sentence, in the reading's order."""


class BatchRow(CalcModel):
    """One row of a batch (calc.batch): the claim as checked, or the row's error."""

    row: int
    """The row's number among the data rows, from 1."""
    text: str = ""
    power: ResultPower | None = None
    power_bound: PowerBound = "exact"
    count: int | None = None
    count_bound: CountBound = "exact"
    count_high: int | None = None
    fleet: str = ""
    """Accelerator ids with their counts, as ``id=count;id@system=count`` (a system given kept)."""
    basis: ClaimBasis | None = None
    method: str = ""
    verdict: Verdict | None = None
    implied_power_per_accelerator: ResultPower | None = None
    """Power / count, as stated. [W]"""
    implied_low: PowerOrZero | None = None
    """The least power per accelerator the bounds allow; None: exact. [W]"""
    implied_high: ResultPower | None = None
    """The most power per accelerator the bounds allow; None: exact or no upper end. [W]"""
    methods: dict[str, Verdict] = Field(default_factory=dict)
    """The verdict under each method, when asked for."""
    alternatives: tuple[AlternativeCheck, ...] = ()
    """The other readings the row's text supports, each with its verdict."""
    error: str = ""
    """Why the row could not be checked (one line); empty when it was."""


# ---------------------------------------------------------------------------------- ledger


class LedgerClaim(CalcModel):
    """An announced deal or site as published: one entry of the claims ledger (presets/claims/).

    A claim gives a power and a count, or only a power, only a count, only money, or a power
    in orbit; what it does not state stays empty. The quote is the source's own words.
    """

    schema_version: Literal[1] = 1
    id: PresetId
    name: str
    date: CalendarDate
    """When it was announced or reported (YYYY-MM-DD, or YYYY-MM when only the month is known)."""
    quote: str = Field(min_length=10, max_length=2000)
    """The source's words ("…" where a passage is left out)."""
    url: str = Field(pattern=r"^https?://")
    """Where the quote was read."""
    power: Power | None = None
    """The power stated. [MW]"""
    power_bound: PowerBound = "exact"
    count: int | None = Field(default=None, gt=0, le=10**12)
    count_bound: CountBound = "exact"
    count_high: int | None = Field(default=None, gt=0, le=10**12)
    fleet: dict[str, float] = Field(default_factory=dict)
    """Accelerator id -> count, where the source gives the split."""
    accelerator: PresetId | None = None
    """The accelerator named (or read for a generic name; see notes)."""
    basis: ClaimBasis = "unspecified"
    budget: Money | None = None
    """The money stated, for a claim stated in money. [USD]"""
    orbital: bool = False
    """The power is compute in orbit."""
    confidence: Confidence
    sources: tuple[ClaimSource, ...] = Field(min_length=1)
    notes: str = ""

    @property
    def tier(self) -> SourceTier:
        """The tier of the source the quote was read in (that of the first source otherwise)."""
        quoted = next((s for s in self.sources if s.url == self.url), self.sources[0])
        return quoted.tier or "reporting"

    @model_validator(mode="after")
    def _something_stated(self) -> LedgerClaim:
        if self.power is None and self.count is None and self.budget is None:
            raise ValueError("a claim states a power, a count or a budget; this one states none")
        if self.fleet and self.accelerator is not None:
            raise ValueError("give accelerator or fleet, not both")
        return self


class Support(CalcModel):
    """How many accelerators of one type a power supports (central, whole systems)."""

    accelerator: str
    accelerators: int
    basis: Basis


class LedgerResult(CalcModel):
    """One ledger claim answered: a verdict, or what its power or money supports."""

    id: str
    name: str
    date: str
    url: str
    tier: SourceTier = "reporting"
    """The tier of the source the quote was read in: 'primary' or 'reporting'."""
    quote: str
    kind: Literal["power and count", "power", "count", "money", "orbital"]
    verdict: Verdict | None = None
    """For a claim with both a power and a count."""
    answer: str
    """The answer in one line."""
    supports: tuple[Support, ...] = ()
    """For a power alone: what it supports, per accelerator type."""
    required_power: ResultPower | None = None
    """For a count alone: the facility power it needs, central case. [MW]"""
    accelerators: int | None = None
    """For money: the accelerators it buys; in orbit: those the power supports."""
    claim: ClaimResult | None = None
    capex: Any = None
    """For money: the capex result (calc.CapexResult)."""
    orbital: Any = None
    """In orbit: the orbital result (calc.OrbitalResult)."""
    derived: tuple[Derived, ...] = ()
    """The figures of the answer the claim does not state: ("count",) for a power alone,
    ("power",) for a count alone, both for money or a power in orbit; empty with a verdict."""
    derived_note: str = ""
    """What was derived, in words ("power only: the count is what this power supports")."""
    notes: tuple[str, ...] = ()
    override: str = ""
    """Names the user preset that replaces the bundled claim of this id; empty when none does."""
    error: str = ""
    """Why the claim could not be answered, in one line (its answer is then "error: " and this);
    empty when it was answered."""


class LedgerReport(CalcModel):
    """The ledger's claims answered (`dcpower claims check`)."""

    claims: tuple[LedgerResult, ...]


# -------------------------------------------------------------------------------- timeline


class TimelineRow(CalcModel):
    """A site at the end of one quarter: power online, what it supports, what was delivered."""

    quarter: str
    """E.g. "2025-Q2"."""
    end: str
    """The quarter's last day (YYYY-MM-DD)."""
    grid: PowerOrZero
    turbines: PowerOrZero
    batteries: PowerOrZero
    """Battery power (not counted as firm power). [MW]"""
    battery_energy: Energy | None = None
    """Energy the batteries store, where a source gives it. [MWh]"""
    firm_power: PowerOrZero
    """Grid + turbines: what can carry load around the clock. [MW]"""
    supports: tuple[Support, ...] = ()
    """Accelerators the firm power supports, per type of the site's fleet (`dcpower capacity`)."""
    delivered: dict[str, int] = Field(default_factory=dict)
    """Accelerators delivered by the quarter's end, by type."""
    required_power: PowerOrZero
    """Power the delivered accelerators need at the timeline's basis, central case. [MW]"""
    stranded_power: PowerOrZero
    """Firm power beyond what the delivered accelerators need. [MW]"""
    shortfall: PowerOrZero
    """What the delivered accelerators need beyond the firm power. [MW]"""
    battery_hours: float | None = None
    """How long the batteries can carry the shortfall (energy / shortfall), when they can. [h]"""
    planned: bool = False
    """A stage or delivery in effect is planned, not reported."""
    events: tuple[str, ...] = ()
    """What changed in the quarter."""


class TimelineResult(CalcModel):
    """A site's energization over time (`dcpower timeline`)."""

    facility: str
    basis: Basis
    method: str
    rows: tuple[TimelineRow, ...]
    sources: tuple[Source, ...]
    """Every source of the stages and deliveries, once."""
    notes: tuple[str, ...] = ()


class TimelineBar(CalcModel):
    """One quarter of a timeline drawn as a text bar: cells per source, on a shared scale."""

    quarter: str
    grid: int
    """Cells of grid power, from the left."""
    turbines: int
    """Cells of turbine power, after the grid's."""
    batteries: int
    """Cells of battery power, after the firm power's (not firm: drawn apart)."""
    needed: int
    """The cell where the delivered accelerators' power need ends; 0: nothing delivered."""
    stranded: bool
    """Firm power beyond the need."""
    shortfall: bool
    """A need beyond the firm power."""
    planned: bool


class TimelineChart(CalcModel):
    """A timeline as text bars (calc.ui.timeline_bars): `width` cells are `scale` of power."""

    facility: str
    width: int
    scale: PowerOrZero
    """The power of the whole width (the largest of any quarter's sources or need). [MW]"""
    bars: tuple[TimelineBar, ...]
