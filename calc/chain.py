"""The power chain: power per accelerator at each basis, and the fleet it is applied to.

    chip     = TDP
    server   = system nameplate power / accelerators per system x draw_factor
               (or TDP x server_factor x draw_factor, when a method sets server_factor)
    it       = server x (1 + it_overhead)
    facility = it x pue
    supply   = facility / (usable_fraction x (1 - headroom))

`chain_watts` is the one formula. It works on floats and on numpy arrays alike, so a Monte Carlo
run calls the same code as a point estimate. Quantities are converted to watts once, at the
boundary; inside, everything is a float in W.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from calc.assumptions import DEFAULT_METHOD, build_assumptions
from calc.errors import InputError
from calc.models import (
    BASES,
    AcceleratorSpec,
    Assumptions,
    Basis,
    Case,
    CaseValues,
    Facility,
    FleetEntry,
    SystemSpec,
)
from calc.presets import catalog, load_accelerator, load_facility, load_system
from calc.units import Q_, W, parse_count


def chain_watts(
    tdp: Any,
    system_per_accelerator: Any,
    draw_factor: Any,
    it_overhead: Any,
    pue: Any,
    usable_fraction: Any,
    headroom: Any,
    server_factor: Any = None,
) -> dict[Basis, Any]:
    """Power per accelerator at each basis, in watts (floats or numpy arrays).

    Args:
        tdp: Accelerator maximum board power. [W]
        system_per_accelerator: System nameplate power / accelerators per system. [W]
        draw_factor: Provisioned draw / nameplate. [-]
        it_overhead: Non-server IT / server power. [-]
        pue: Facility / IT power. [-]
        usable_fraction: Usable share of the supply under its redundancy scheme. [-]
        headroom: Share of supply kept unused. [-]
        server_factor: Server nameplate / TDP; replaces `system_per_accelerator` when given. [-]

    Returns:
        ``{basis: watts}`` for chip, server, it, facility and supply.
    """
    nameplate = system_per_accelerator if server_factor is None else tdp * server_factor
    server = nameplate * draw_factor
    it = server * (1.0 + it_overhead)
    facility = it * pue
    supply = facility / (usable_fraction * (1.0 - headroom))
    return {"chip": tdp, "server": server, "it": it, "facility": facility, "supply": supply}


@dataclass(frozen=True)
class FleetItem:
    """One accelerator type of a fleet, with its system and its count (or weight)."""

    accelerator: AcceleratorSpec
    system: SystemSpec
    count: float

    @property
    def system_per_accelerator(self) -> float:
        """System nameplate power per accelerator. [W]"""
        return float(self.system.system_power.m_as(W)) / self.system.accelerators_per_system

    @property
    def tdp(self) -> float:
        """Accelerator TDP. [W]"""
        return float(self.accelerator.tdp.m_as(W))


@dataclass(frozen=True)
class Fleet:
    """Resolved accelerator types with counts or weights."""

    items: tuple[FleetItem, ...]

    @property
    def total(self) -> float:
        """Sum of the counts (or weights)."""
        return sum(item.count for item in self.items)

    @property
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
        """The fleet as id -> count entries."""
        return tuple(FleetEntry(accelerator=i.accelerator.id, count=i.count) for i in self.items)

    def scaled_to(self, total: float) -> Fleet:
        """The same mix with counts scaled to a total."""
        factor = total / self.total
        return Fleet(tuple(FleetItem(i.accelerator, i.system, i.count * factor) for i in self.items))


def resolve_item(accelerator_id: str, count: float) -> FleetItem:
    """An accelerator preset with its default system.

    Raises:
        PresetError: Unknown id, or a system that holds another accelerator.
    """
    spec = load_accelerator(accelerator_id)
    system = load_system(spec.system)
    if system.accelerator != spec.id:
        raise InputError(
            f"accelerator {spec.id!r}: its system {system.id!r} holds {system.accelerator!r}, not {spec.id!r}"
        )
    return FleetItem(spec, system, count)


def resolve_fleet(
    accelerator: str | None = None,
    fleet: Mapping[str, Any] | None = None,
    *,
    field: str = "fleet",
    whole: bool = True,
) -> Fleet:
    """Resolve one accelerator id, or a mapping of ids to counts (weights when not `whole`).

    Raises:
        InputError: Neither or both given, or a bad count.
        PresetError: An unknown id (the message lists the accepted ones).
    """
    if (accelerator is None) == (not fleet):
        raise InputError(
            f"give either accelerator or {field} (id=count pairs), not "
            f"{'both' if accelerator is not None else 'neither'}"
        )
    if accelerator is not None:
        return Fleet((resolve_item(accelerator, 1.0),))
    assert fleet is not None
    items = []
    for key, value in fleet.items():
        items.append(resolve_item(key, parse_count(value, f"{field}.{key}", whole=whole)))
    return Fleet(tuple(items))


def case_inputs(assumptions: Assumptions, case: Case) -> dict[str, Any]:
    """The assumption values of one case as keyword arguments of `chain_watts`."""
    return {
        "draw_factor": assumptions.draw_factor.value(case),
        "it_overhead": assumptions.it_overhead.value(case),
        "pue": assumptions.pue.value(case),
        "usable_fraction": assumptions.redundancy.usable_fraction,
        "headroom": assumptions.headroom,
        "server_factor": (
            None if assumptions.server_factor is None else assumptions.server_factor.value(case)
        ),
    }


def item_watts(item: FleetItem, values: Mapping[str, Any]) -> dict[Basis, Any]:
    """Power per accelerator of one fleet item at each basis. [W]"""
    return chain_watts(item.tdp, item.system_per_accelerator, **values)


def fleet_watts(fleet: Fleet, values: Mapping[str, Any]) -> dict[Basis, Any]:
    """Average power per accelerator over a fleet, weighted by count, at each basis. [W]

    The chain is linear in TDP and nameplate power and every type shares the assumptions, so
    the average is the chain applied to the count-weighted TDP and nameplate: one pass, also
    for arrays of sampled assumptions.
    """
    shares = fleet.shares
    tdp = sum(s * item.tdp for s, item in zip(shares, fleet.items, strict=True))
    nameplate = sum(s * item.system_per_accelerator for s, item in zip(shares, fleet.items, strict=True))
    return chain_watts(tdp, nameplate, **values)


def chain_table(fleet: Fleet, assumptions: Assumptions) -> tuple[CaseValues, ...]:
    """Power per accelerator at every basis for the low, central and high cases. [W]"""
    cases = {case: fleet_watts(fleet, case_inputs(assumptions, case)) for case in ("low", "central", "high")}
    return tuple(
        CaseValues(
            basis=basis,
            low=Q_(float(cases["low"][basis]), W),
            central=Q_(float(cases["central"][basis]), W),
            high=Q_(float(cases["high"][basis]), W),
        )
        for basis in BASES
    )


@dataclass(frozen=True)
class Context:
    """What a calculation needs besides its power and count: fleet, assumptions, provenance."""

    fleet: Fleet
    assumptions: Assumptions
    method: str
    facility: Facility | None
    notes: tuple[str, ...]


def build_context(
    *,
    accelerator: str | None = None,
    fleet: Mapping[str, Any] | None = None,
    mix_weights: bool = False,
    facility: str | Facility | None = None,
    method: str | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
) -> Context:
    """Resolve the fleet (from arguments or a facility) and layer the assumptions.

    Layers: the default set, the method, the facility's site facts, then `assumptions` (a
    mapping of overrides). An `Assumptions` object is taken as it is.
    """
    site: Facility | None = None
    if facility is not None:
        site = facility if isinstance(facility, Facility) else load_facility(facility)
    if accelerator is None and not fleet:
        if site is None:
            raise InputError("give an accelerator, a fleet (id=count pairs) or a facility")
        resolved = resolve_fleet(fleet=site.fleet, field="facility.fleet", whole=False)
    else:
        resolved = resolve_fleet(
            accelerator, fleet, whole=not mix_weights, field="mix" if mix_weights else "fleet"
        )
    method = method or (site.method if site is not None else DEFAULT_METHOD)
    if isinstance(assumptions, Assumptions):
        chosen = assumptions
    else:
        chosen = build_assumptions(method, site.assumptions if site else None, assumptions)
    return Context(resolved, chosen, method, site, _provenance_notes(resolved, method, site))


def _provenance_notes(fleet: Fleet, method: str, site: Facility | None) -> tuple[str, ...]:
    notes: list[str] = []
    index = catalog()
    used: list[tuple[Any, str]] = [("assumptions", method)]
    if site is not None:
        used.append(("facilities", site.id))
    for item in fleet.items:
        used += [("accelerators", item.accelerator.id), ("systems", item.system.id)]
        for spec in (item.accelerator, item.system):
            if spec.confidence == "estimate":
                figure = "TDP" if spec is item.accelerator else "system power"
                notes.append(f"{spec.id}: the {figure} is an estimate (dcpower presets show {spec.id})")
    for kind, preset_id in used:
        note = index.override_note(kind, preset_id)
        if note:
            notes.append(note)
    return tuple(dict.fromkeys(notes))


def power_chain(
    accelerator: str | None = None,
    *,
    fleet: Mapping[str, Any] | None = None,
    facility: str | Facility | None = None,
    method: str | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
) -> tuple[CaseValues, ...]:
    """Power per accelerator at every basis (chip → supply), low / central / high. [W]"""
    context = build_context(
        accelerator=accelerator,
        fleet=fleet,
        mix_weights=True,
        facility=facility,
        method=method,
        assumptions=assumptions,
    )
    return chain_table(context.fleet, context.assumptions)
