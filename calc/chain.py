"""The power chain as one table, the one formula over it, and the one resolver.

    chip     = TDP
    server   = system nameplate / accelerators per system x draw_factor
               (or TDP x server_factor x draw_factor, when a method sets server_factor)
    IT       = server x (1 + it_overhead)
    facility = IT x pue
    supply   = facility / (usable_fraction x (1 - headroom))

`STEPS` (in `calc.assumption_table`, beside `ASSUMPTIONS`) holds that table, one row per
basis, with the assumptions each step applies and how they enter; a test checks the lines
above against it. Everything else derives from it: `chain_watts` folds over it, goal-seek
inverts its factors, the sampled and sweepable names are read from it, and the CLI's
derivation text and the TUI's glossary print it. `chain_watts` works on floats and on numpy arrays alike, so
a Monte Carlo run calls the same code as a point estimate.

`resolve` turns a `Scenario` into what the arithmetic needs (floats in watts, a resolved
fleet, validated assumptions); every question calls it, so a facility, a method or an
override means the same everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from calc.assumption_table import (
    ASSUMPTIONS,
    FORMS,
    STEPS,
    Factor,
    Step,
    factor_accepted,
    factors,
    ranged_factors,
    solvable_names,
    sweepable_names,
)
from calc.assumptions import build_assumptions
from calc.errors import InputError
from calc.models import (
    AcceleratorSpec,
    Assumptions,
    Basis,
    Case,
    CaseValues,
    FleetEntry,
    Range,
    Scenario,
    SystemSpec,
    build,
)
from calc.presets import catalog, load_accelerator, load_assumption_set, load_system, systems_holding
from calc.units import MW, Quantity, W, format_power, is_apparent_power, power_watts, quantity

CASES: tuple[Case, ...] = ("low", "central", "high")


# ------------------------------------------------------------------------------ the table


FACTORS: dict[str, Factor] = factors(STEPS)
FACTOR_STEP: dict[str, Basis] = {f.name: step.basis for step in STEPS for f in step.factors}
RANGED: tuple[str, ...] = ranged_factors(STEPS, ASSUMPTIONS)
"""The factors with a low / central / high range, in chain order."""
SWEEPABLE: tuple[str, ...] = sweepable_names(STEPS, ASSUMPTIONS)
"""The factors a sweep may vary, in chain order (usable_fraction is set by the redundancy scheme)."""
SOLVABLE: tuple[str, ...] = solvable_names(STEPS, ASSUMPTIONS)
"""What goal-seek may solve for: power, gpus and the solvable factors."""
ACCEPTED: dict[str, tuple[float, float] | None] = factor_accepted(STEPS, ASSUMPTIONS)
"""For a factor that is a planning choice, the values a scenario accepts; None for a range."""
BASIS_INDEX: dict[Basis, int] = {step.basis: i for i, step in enumerate(STEPS)}


def enters(name: str, basis: Basis) -> bool:
    """True when the factor `name` changes the power per accelerator at `basis`."""
    return BASIS_INDEX[FACTOR_STEP[name]] <= BASIS_INDEX[basis]


def chain_watts(tdp: Any, nameplate: Any, **values: Any) -> dict[Basis, Any]:
    """Power per accelerator at each basis, in watts (floats or numpy arrays).

    Args:
        tdp: Accelerator maximum board power. [W]
        nameplate: System nameplate power / accelerators per system. [W]
        values: Each factor of `STEPS` by name (``draw_factor``, ``it_overhead``, ``pue``,
            ``usable_fraction``, ``headroom``; ``server_factor`` or None). [-]

    Returns:
        ``{basis: watts}`` for chip, server, it, facility and supply.
    """
    watts: dict[Basis, Any] = {}
    power = tdp
    for step in STEPS:
        if step.basis == "server":
            power = nameplate if values.get("server_factor") is None else tdp
        for factor in step.factors:
            value = values.get(factor.name)
            if value is not None:
                power = FORMS[factor.form].apply(power, value)
        watts[step.basis] = power
    return watts


def factor_value(assumptions: Assumptions, name: str, case: Case) -> float | None:
    """The value of one factor in one case (None for an unset optional range: server_factor)."""
    if ACCEPTED[name] is not None:  # a planning choice: a share, or the usable share of a scheme
        value = getattr(assumptions, FACTORS[name].assumption or name)
        return float(value) if isinstance(value, (int, float)) else float(value.usable_fraction)
    ranged: Range | None = getattr(assumptions, name)
    return None if ranged is None else ranged.value(case)


def factor_range(assumptions: Assumptions, name: str) -> Range | None:
    """The range of a factor; a point for the planning choices; None for an unset optional range."""
    if ACCEPTED[name] is not None:
        return Range.point(factor_value(assumptions, name, "central"))  # type: ignore[arg-type]
    return getattr(assumptions, name)


def case_inputs(assumptions: Assumptions, case: Case) -> dict[str, Any]:
    """The factor values of one case, as keyword arguments of `chain_watts`."""
    return {name: factor_value(assumptions, name, case) for name in FACTORS}


SYSTEM_POWER = "system_power"
"""The name of the system power a chain starts from, where a system preset gives a range for it
(sources disagree: a GB200 NVL72 rack is 120 / 132 / 132 kW): the tornado, the sweep, Monte
Carlo and the break-even values treat it as one more uncertain input."""


def system_power_varies(inputs: Inputs, basis: Basis) -> bool:
    """True when a system power range changes the output at `basis`: some system of the fleet
    has one, the chain starts from the nameplate (no server_factor), and the basis is past chip."""
    fleet = inputs.fleet
    return (
        enters("draw_factor", basis)
        and inputs.assumptions.server_factor is None
        and fleet.nameplate("low") != fleet.nameplate("high")
    )


# ---------------------------------------------------------------------------- counting

COUNT_TOLERANCE = 1e-6
"""Systems: a ratio this close to a whole number counts as that number, rounding down or up,
plus a few units of float resolution for very large ratios. Unit conversions (0.3 GW vs
300 MW) differ in the last bits and must not cost, or add, a whole system; a relative
tolerance would, at 1e11 systems."""
_RESOLUTION = 4 * 2.0**-52


def whole_systems(accelerators: Any, per_system: float, *, up: bool = False) -> Any:
    """Whole systems that `accelerators` fill (rounded down) or need (`up`). Scalars or arrays.

    The one counting rule of dcpower: capacity, readings, Monte Carlo, sweeps, capex and orbit
    all count with it. Returns a float (or an array of floats) holding a whole number.
    """
    ratio = accelerators / per_system
    slack = COUNT_TOLERANCE + abs(ratio) * _RESOLUTION
    if up:
        return -((slack - ratio) // 1.0)
    return (ratio + slack) // 1.0


def racks_for(systems: int, per_rack: int | None) -> int | None:
    """Racks that hold `systems` (rounded up), when the systems per rack are known."""
    return None if per_rack is None else int(whole_systems(systems, per_rack, up=True))


# ------------------------------------------------------------------------------- fleets


@dataclass(frozen=True)
class FleetItem:
    """One accelerator type of a fleet, with its system and its count (or weight)."""

    accelerator: AcceleratorSpec
    system: SystemSpec
    count: float
    tdp: float
    """Accelerator TDP, as the system configures it. [W]"""
    nameplate: float
    """System nameplate power per accelerator, central figure. [W]"""
    nameplate_text: str = ""
    """The nameplate as the chain's derivation writes it ("10.2 kW / 8")."""
    nameplate_low: float | None = None
    """The low end of the system power per accelerator, where sources disagree. [W]"""
    nameplate_high: float | None = None
    """The high end of the system power per accelerator, where sources disagree. [W]"""

    @property
    def per_system(self) -> int:
        """Accelerators per system."""
        return self.system.accelerators_per_system

    def nameplate_of(self, case: Case) -> float:
        """The nameplate per accelerator of one case: a system-power range gives its ends. [W]"""
        if case == "low" and self.nameplate_low is not None:
            return self.nameplate_low
        if case == "high" and self.nameplate_high is not None:
            return self.nameplate_high
        return self.nameplate

    def with_count(self, count: float) -> FleetItem:
        """The same item with another count."""
        return replace(self, count=count)


@dataclass(frozen=True)
class Fleet:
    """Resolved accelerator types with counts (or weights, when only the shares matter)."""

    items: tuple[FleetItem, ...]

    @cached_property
    def total(self) -> float:
        """Sum of the counts (or weights)."""
        return sum(item.count for item in self.items)

    @cached_property
    def shares(self) -> tuple[float, ...]:
        """Each type's share of the accelerators."""
        total = self.total
        return tuple(item.count / total for item in self.items)

    @property
    def noun(self) -> str:
        """What one accelerator is called, if the whole fleet agrees ("GPU"), else "accelerator"."""
        kinds = {item.accelerator.counted_as for item in self.items}
        return kinds.pop() if len(kinds) == 1 else "accelerator"

    def entries(self) -> tuple[FleetEntry, ...]:
        """The fleet as entries with counts."""
        return tuple(
            build(FleetEntry, accelerator=i.accelerator.id, system=i.system.id, count=i.count)
            for i in self.items
        )

    def scaled_to(self, total: float) -> Fleet:
        """The same mix with counts scaled to a total."""
        factor = total / self.total
        return Fleet(tuple(item.with_count(item.count * factor) for item in self.items))

    def nameplate(self, case: Case = "central") -> float:
        """Count-weighted nameplate per accelerator of one case. [W]"""
        return sum(s * item.nameplate_of(case) for s, item in zip(self.shares, self.items, strict=True))

    def watts(
        self, values: dict[str, Any], case: Case = "central", nameplate: Any = None
    ) -> dict[Basis, Any]:
        """Average power per accelerator over the fleet, weighted by count, at each basis. [W]

        The chain is linear in TDP and nameplate power and every type shares the assumptions,
        so the average is the chain applied to the count-weighted TDP and nameplate: one pass,
        also for arrays of sampled assumptions. A system-power range enters as the nameplate of
        the case (its low end in the low case); `nameplate` (e.g. sampled) replaces it.
        """
        shares = self.shares
        tdp = sum(s * item.tdp for s, item in zip(shares, self.items, strict=True))
        return chain_watts(tdp, self.nameplate(case) if nameplate is None else nameplate, **values)

    def supported(
        self, power: float, values: dict[str, Any], basis: Basis, case: Case = "central"
    ) -> tuple[list[int], float]:
        """Whole systems of each type that a power supports, and the power they use. [W]

        The mix's shares fix how many accelerators of each type; each type is rounded down to
        whole systems on its own.
        """
        per_item = [chain_watts(i.tdp, i.nameplate_of(case), **values)[basis] for i in self.items]
        average = sum(s * p for s, p in zip(self.shares, per_item, strict=True))
        total = power / average
        systems = [
            int(whole_systems(total * share, item.per_system))
            for share, item in zip(self.shares, self.items, strict=True)
        ]
        used = sum(n * item.per_system * p for n, item, p in zip(systems, self.items, per_item, strict=True))
        return systems, used

    def accelerators_in(self, systems: list[int]) -> int:
        """Accelerators in whole systems of each type."""
        return sum(n * item.per_system for n, item in zip(systems, self.items, strict=True))


def fleet_item(accelerator: str, system: str | None = None) -> FleetItem:
    """An accelerator preset in a system (its default system unless named), count 1.

    Raises:
        PresetError: An unknown id.
        InputError: A system that holds another accelerator.
    """
    index = catalog()
    cache = index.derived
    key = ("fleet_item", accelerator, system)
    hit = cache.get(key)
    if hit is not None:
        cached, stamps = hit
        if stamps == (index.stamp("accelerators", accelerator), index.stamp("systems", cached.system.id)):
            return cached
    spec = load_accelerator(accelerator)
    chassis = load_system(system or spec.system)
    if chassis.accelerator != spec.id:
        holding = systems_holding(spec.id)
        where = ", ".join(repr(s) for s in holding) or repr(spec.system)
        raise InputError(
            f"system: {chassis.id!r} holds {chassis.accelerator!r}, not {spec.id!r}; "
            f"{spec.id!r} is in {where} (its default {spec.system!r})"
        )
    per_system = chassis.accelerators_per_system
    span = chassis.system_power_range
    item = FleetItem(
        spec,
        chassis,
        1.0,
        power_watts(chassis.accelerator_tdp or spec.tdp),
        power_watts(chassis.system_power) / per_system,
        f"{format_power(chassis.system_power)} / {per_system}"
        if span is None
        else f"{format_power(span.low)}–{format_power(span.high)} (central {format_power(chassis.system_power)}) / {per_system}",
        None if span is None else power_watts(span.low) / per_system,
        None if span is None else power_watts(span.high) / per_system,
    )
    cache[key] = (item, (index.stamp("accelerators", accelerator), index.stamp("systems", chassis.id)))
    return item


def resolve_fleet(entries: tuple[FleetEntry, ...]) -> Fleet:
    """The fleet of a scenario's entries (counts, or weights when an entry has no count)."""
    if not entries:
        raise InputError("fleet: empty; give an accelerator, a fleet (id=count pairs) or a facility")
    seen: set[tuple[str, str | None]] = set()
    items = []
    for entry in entries:
        key = (entry.accelerator, entry.system)
        if key in seen:
            raise InputError(f"fleet: {entry.accelerator!r} is given twice; give each type once")
        seen.add(key)
        amount = entry.count if entry.count is not None else entry.weight
        items.append(fleet_item(entry.accelerator, entry.system).with_count(float(amount or 1.0)))
    return Fleet(tuple(items))


# ------------------------------------------------------------------------------ resolver


@dataclass(frozen=True)
class Inputs:
    """A scenario resolved for the arithmetic: floats in watts, a fleet, validated assumptions."""

    scenario: Scenario
    fleet: Fleet
    """Scaled to `count` when the scenario gives one."""
    assumptions: Assumptions
    power: Quantity | None
    """The power as quoted (real or apparent)."""
    real_power: Quantity | None
    """The real power used. [MW]"""
    watts: float | None
    """The real power. [W]"""
    count: float | None
    """The claimed accelerators, or the fleet's total when its entries are counts."""
    notes: tuple[str, ...]

    @property
    def method(self) -> str:
        """The assumption set."""
        return self.scenario.method

    def need_power(self, why: str) -> float:
        """The real power in watts, or an InputError saying it is missing."""
        if self.watts is None:
            raise InputError(f"power: missing; {why} needs the power, e.g. '300 MW'")
        return self.watts

    @property
    def real_quantity(self) -> Quantity:
        """The real power, which a question that has checked for it can rely on. [MW]"""
        if self.real_power is None:
            raise InputError("power: missing; give the power, e.g. '300 MW'")
        return self.real_power

    def need_count(self, why: str) -> float:
        """The accelerator count, or an InputError saying it is missing."""
        if self.count is None:
            raise InputError(f"gpus: missing; {why} needs the accelerator count, e.g. 220000")
        return self.count

    def values(self, case: Case = "central") -> dict[str, Any]:
        """The factor values of one case."""
        return dict(self._cases[case][0])

    def watts_per_accelerator(self, case: Case = "central") -> dict[Basis, float]:
        """Average power per accelerator at each basis, one case. [W]"""
        return self._cases[case][1]

    @cached_property
    def _cases(self) -> dict[Case, tuple[dict[str, Any], dict[Basis, float]]]:
        """Each case's factor values and power per accelerator, computed once."""
        cases = {}
        for case in CASES:
            values = case_inputs(self.assumptions, case)
            cases[case] = (values, self.fleet.watts(values, case))
        return cases


def scenario_assumptions(scenario: Scenario) -> Assumptions:
    """The scenario's assumptions: default set, method (with its calibrations for the fleet's
    accelerators), site facts, then its overrides. See `scenario_calibration`."""
    return scenario_calibration(scenario)[0]


def _kind_assumptions(scenario: Scenario, accelerator: str | None) -> Assumptions:
    """The method's assumptions for one accelerator (its calibration, if any; None: general),
    with the scenario's site facts and overrides.

    Cached with the preset catalog: building and validating them costs more than the arithmetic.
    """
    index = catalog()
    cache = index.derived
    key = (
        "assumptions",
        scenario.method,
        str(index.stamp("assumptions", scenario.method)),
        str(index.stamp("assumptions", "default")),
        accelerator or "",
        json.dumps(scenario.site, sort_keys=True, default=str),
        json.dumps(scenario.overrides, sort_keys=True, default=str),
    )
    cached = cache.get(key)
    if cached is None:
        if len(cache) > 4096:
            cache.clear()
        kinds = () if accelerator is None else (accelerator,)
        cached = cache[key] = build_assumptions(
            scenario.method, scenario.site, scenario.overrides, accelerators=kinds
        )
    return cached


def _figures(assumptions: Assumptions) -> dict[str, Any]:
    """The values of a set of assumptions, without their sources (to compare two sets)."""
    figures = assumptions.model_dump()
    for value in figures.values():
        if isinstance(value, dict):
            value.pop("source", None)
    return figures


def _range_text(values: Range) -> str:
    if values.low == values.central == values.high:
        return f"{values.central:g}"
    return f"{values.low:.3g} / {values.central:.3g} / {values.high:.3g}"


def scenario_calibration(scenario: Scenario) -> tuple[Assumptions, tuple[str, ...]]:
    """The scenario's assumptions and notes on which of the method's calibrations they use.

    A method may calibrate assumptions per accelerator generation (``by_accelerator``: NVIDIA's
    reference architectures give 0 % IT overhead for DGX H100 and 13.6 % for GB200). Every
    accelerator of the fleet takes its own calibration, or the method's general values where it
    has none:

    - when all of them come to the same values (H100 and H200 share the Hopper calibration),
      those values apply, and a note names the calibration;
    - when they differ (H100 with GB200), each ranged factor is the blend that gives, in each of
      the low, central and high cases, exactly the sum of every entry's own chain: the entries'
      values weighted by each entry's power at the input of that factor (`blend_calibrations`).
      A note gives each entry's values and the blend.
    """
    kinds = sorted({entry.accelerator for entry in scenario.fleet})
    method = load_assumption_set(scenario.method)
    calibrated = [kind for kind in kinds if kind in method.by_accelerator]
    if not calibrated:
        return _kind_assumptions(scenario, None), ()
    per_kind = {kind: _kind_assumptions(scenario, kind) for kind in kinds}
    general = _kind_assumptions(scenario, None)
    changed = [
        name
        for name in RANGED
        if any(_figures_of(per_kind[k], name) != _figures_of(general, name) for k in calibrated)
    ]
    first = per_kind[kinds[0]]
    if all(_figures(a) == _figures(first) for a in per_kind.values()):
        if not changed:
            return first, ()
        values = ", ".join(
            f"{name} {_range_text(getattr(first, name))} (general {_range_text(getattr(general, name))})"
            for name in changed
        )
        return first, (f"{scenario.method}: calibrated for {', '.join(calibrated)}: {values}",)
    fleet = resolve_fleet(scenario.fleet)
    blended = blend_calibrations(fleet, [per_kind[item.accelerator.id] for item in fleet.items])
    parts = []
    for name in changed:
        own = ", ".join(
            f"{kind} {_range_text(getattr(per_kind[kind], name))}"
            + ("" if kind in calibrated else " (general)")
            for kind in kinds
        )
        parts.append(f"{name} {own}; blended {_range_text(getattr(blended, name))}")
    note = (
        f"{scenario.method}: the fleet mixes calibrations, so each entry keeps its own and the chain "
        f"uses their blend weighted by each entry's power: " + "; ".join(parts)
    )
    return blended, (note,)


def _figures_of(assumptions: Assumptions, name: str) -> Any:
    values = getattr(assumptions, name)
    return None if values is None else (values.low, values.central, values.high)


def blend_calibrations(fleet: Fleet, per_item: list[Assumptions]) -> Assumptions:
    """One set of assumptions that gives a fleet whose entries have their own assumptions the
    power of the entries' own chains, summed, in each case.

    Every factor multiplies the power of its step, so in each case the fleet's power after a
    factor is the sum of the entries' powers before it times each entry's ratio: the blended
    ratio is the entries' ratios weighted by their (count-weighted) power before the factor.
    Applied factor by factor down the chain, the blended chain equals the sum of the entries'
    chains at every basis. A method that sets server_factor for some entries only has the others
    taken at their nameplate / TDP. The planning choices (usable fraction, headroom) and the
    power factor are the first entry's: a method calibrates none of them.

    A system-power range (GB200 NVL72 at 120-132 kW) changes the entries' weights between the
    cases; should a blended low come out above its central (or a high below it), it is set to
    the central, which widens the range by that shift (0.1 % at the server for SemiAnalysis's
    GB200 draw of 0.936 beside H100 and B200 at 1.0).
    """
    base = per_item[0]
    use_server_factor = any(a.server_factor is not None for a in per_item)
    ends: dict[str, dict[Case, float]] = {}
    for case in CASES:
        values = [case_inputs(a, case) for a in per_item]
        power = [
            (item.tdp if use_server_factor else item.nameplate_of(case)) * share
            for item, share in zip(fleet.items, fleet.shares, strict=True)
        ]
        for step in STEPS[1:]:
            for factor in step.factors:
                name = factor.name
                own: list[Any] = [v.get(name) for v in values]
                if name == "server_factor":
                    if not use_server_factor:
                        continue
                    own = [
                        item.nameplate_of(case) / item.tdp if v is None else v
                        for v, item in zip(own, fleet.items, strict=True)
                    ]
                form = FORMS[factor.form]
                ratios = [form.apply(1.0, v) for v in own]
                if ACCEPTED[name] is None:
                    if all(v == own[0] for v in own):
                        value: float = own[0]
                    else:
                        ratio = sum(p * r for p, r in zip(power, ratios, strict=True)) / sum(power)
                        value = form.solve(own[0], ratio / ratios[0])
                    ends.setdefault(name, {})[case] = value
                power = [p * r for p, r in zip(power, ratios, strict=True)]
    update: dict[str, Any] = {}
    for name, by_case in ends.items():
        low, central, high = by_case["low"], by_case["central"], by_case["high"]
        own_source = "; ".join(
            f"{item.accelerator.id}: {getattr(a, name).source}"
            for item, a in zip(fleet.items, per_item, strict=True)
            if getattr(a, name) is not None and getattr(a, name).source
        )
        update[name] = Range(
            low=min(low, central),
            central=central,
            high=max(high, central),
            source=f"blend of the fleet's entries, weighted by each entry's power ({own_source})",
        )
    return base.model_copy(update=update)


def resolve(scenario: Scenario) -> Inputs:
    """What the arithmetic needs from a scenario.

    The fleet's entries are counts; with a claimed count (`accelerators`) they are a mix and
    are scaled to it. Apparent power (kVA, MVA) is converted with the central power factor.

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    assumptions, calibration_notes = scenario_calibration(scenario)
    fleet = resolve_fleet(scenario.fleet)
    count: float | None
    if scenario.accelerators is not None:
        count = float(scenario.accelerators)
        fleet = fleet.scaled_to(count)
    elif all(entry.count is not None for entry in scenario.fleet):
        count = fleet.total
    else:
        count = None
    notes: list[str] = list(calibration_notes)
    quoted, real, watts = scenario.power, None, None
    if quoted is not None:
        watts, note = real_power_watts(quoted, assumptions)
        real = quantity(watts / 1e6, MW)
        if note:
            notes.append(note)
    notes += provenance_notes(fleet, scenario)
    return Inputs(scenario, fleet, assumptions, quoted, real, watts, count, tuple(dict.fromkeys(notes)))


def real_power_watts(quoted: Quantity, assumptions: Assumptions) -> tuple[float, str]:
    """The real power of a quoted power [W], and a note when it was apparent power (kVA, MVA):
    converted at the central power factor. The one rule for every quoted power (a claim, a
    timeline stage); '' as the note for real power."""
    if not is_apparent_power(quoted):
        return power_watts(quoted), ""
    factor = assumptions.power_factor.central
    watts = power_watts(quoted) * factor
    return watts, (
        f"{quoted.magnitude:g} {quoted.units:~} is apparent power: taken as "
        f"{_format_mw(watts)} of real power at power factor {factor:g} (range "
        f"{assumptions.power_factor.low:g}–{assumptions.power_factor.high:g})"
    )


def _format_mw(watts: float) -> str:
    return format_power(quantity(watts, W))


def provenance_notes(fleet: Fleet, scenario: Scenario) -> list[str]:
    """Notes on estimated presets and on user presets that override bundled ones."""
    notes: list[str] = []
    index = catalog()
    used: list[tuple[Any, str]] = [("assumptions", scenario.method)]
    if scenario.facility is not None:
        used.append(("facilities", scenario.facility))
    for item in fleet.items:
        used += [("accelerators", item.accelerator.id), ("systems", item.system.id)]
        for spec, figure in ((item.accelerator, "TDP"), (item.system, "system power")):
            if spec.confidence == "estimate":
                notes.append(f"{spec.id}: the {figure} is an estimate (dcpower presets show {spec.id})")
    for kind, preset_id in used:
        note = index.override_note(kind, preset_id)
        if note:
            notes.append(note)
    return notes


def _values_text(assumptions: Assumptions, name: str) -> str:
    if name == "usable_fraction":
        return f"{assumptions.redundancy.usable_fraction:.3g} [{assumptions.redundancy.label}]"
    values = factor_range(assumptions, name)
    assert values is not None
    if values.low == values.high:
        return f"{values.central:g}"
    return f"{values.low:g} / {values.central:g} / {values.high:g}"


def step_text(step: Step, inputs: Inputs) -> str:
    """How a step of the chain follows from the one before, with this scenario's values."""
    if step.basis == "chip":
        return "TDP"
    parts = []
    factors = list(step.factors)
    if step.basis == "server":
        # the step starts from the system's nameplate, or from TDP x server_factor
        server_factor = FACTORS["server_factor"]
        factors.remove(server_factor)
        if inputs.assumptions.server_factor is None:
            parts.append(nameplate_text(inputs.fleet))
        else:
            factors.insert(0, server_factor)
            parts.append("TDP")
    for factor in factors:
        label = f"{factor.name} {_values_text(inputs.assumptions, factor.name)}"
        parts.append(FORMS[factor.form].text.format(name=label))
    return " ".join(parts)


def nameplate_text(fleet: Fleet) -> str:
    """The server step's starting point: "10.2 kW / 8" for one system, else in words."""
    if len(fleet.items) != 1:
        return "system power / accelerators per system"
    return fleet.items[0].nameplate_text


def step_texts(inputs: Inputs) -> tuple[str, ...]:
    """`step_text` of every step; the same assumptions and nameplate give the same texts, so they
    are kept with the catalog, beside the assumptions they describe."""
    cache = catalog().derived
    key = ("steps", str(id(inputs.assumptions)), nameplate_text(inputs.fleet))
    hit = cache.get(key)
    if hit is None or hit[0] is not inputs.assumptions:  # an id is reused only by another object
        hit = cache[key] = (inputs.assumptions, tuple(step_text(step, inputs) for step in STEPS))
    return hit[1]


def chain_table(inputs: Inputs) -> tuple[CaseValues, ...]:
    """Power per accelerator at every basis for the low, central and high cases. [W]"""
    low, central, high = (inputs.watts_per_accelerator(case) for case in CASES)
    return tuple(
        build(
            CaseValues,
            basis=step.basis,
            low=quantity(float(low[step.basis]), W),
            central=quantity(float(central[step.basis]), W),
            high=quantity(float(high[step.basis]), W),
            step=text,
        )
        for step, text in zip(STEPS, step_texts(inputs), strict=True)
    )
