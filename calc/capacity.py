"""Capacity (power → accelerators in whole systems) and required power (fleet → power)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from calc.chain import (
    Context,
    Fleet,
    build_context,
    case_inputs,
    chain_table,
    fleet_watts,
    item_watts,
    parse_count,
)
from calc.errors import InputError
from calc.models import (
    BASES,
    Assumptions,
    Basis,
    CapacityResult,
    CaseValues,
    Facility,
    FleetLine,
    RequiredPowerResult,
)
from calc.units import MW, Q_, W, format_power, is_apparent_power, kW, parse_power

# A ratio within this of the next whole number counts as that number: unit conversions
# (0.3 GW vs 300 MW) differ in the last bits, and must not cost a whole system.
_FLOOR_TOLERANCE = 1e-9


def whole_floor(ratio: float) -> int:
    """floor(ratio), forgiving float noise just below a whole number."""
    return math.floor(ratio + _FLOOR_TOLERANCE)


def check_basis(basis: str, accepted: tuple[str, ...] = BASES) -> Basis:
    """Validate a basis name.

    Raises:
        InputError: Unknown basis (the message lists the accepted ones).
    """
    if basis not in accepted:
        raise InputError(f"basis: {basis!r} is not accepted here; accepted: {', '.join(accepted)}")
    return basis  # type: ignore[return-value]


def real_power(power: Any, assumptions: Assumptions) -> tuple[Any, Any, tuple[str, ...]]:
    """Parse a quoted power; apparent power (kVA, MVA) is converted with the power factor.

    Returns:
        (quoted power, real power [MW], notes)
    """
    quoted = parse_power(power, "power", allow_apparent=True)
    if not is_apparent_power(quoted):
        return quoted, quoted.to(MW), ()
    factor = assumptions.power_factor.central
    real = Q_(float(quoted.m_as("VA")) * factor, W).to(MW)
    note = (
        f"{quoted.magnitude:g} {quoted.units:~} is apparent power: taken as {format_power(real)} of real power at "
        f"power factor {factor:g} (range {assumptions.power_factor.low:g}–"
        f"{assumptions.power_factor.high:g})"
    )
    return quoted, real, (note,)


def systems_per_rack(item: Any, server_watts: float, rack_power_limit: Any) -> int | None:
    """Systems in one rack: from a rack power limit if given, else the system preset."""
    if rack_power_limit is None:
        return item.system.systems_per_rack
    limit = parse_power(rack_power_limit, "rack_power_limit").m_as(W)
    per_system = server_watts * item.system.accelerators_per_system
    fits = whole_floor(limit / per_system)
    if fits < 1:
        raise InputError(
            f"rack_power_limit: {format_power(Q_(limit, W))} holds no {item.system.id} "
            f"({format_power(Q_(per_system, W))} per system at the server basis); "
            f"give at least that much"
        )
    return fits


def _racks(systems: int, per_rack: int | None) -> int | None:
    return None if per_rack is None else math.ceil(systems / per_rack)


def _total(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def supported(
    power_watts: float,
    fleet: Fleet,
    values: Mapping[str, Any],
    basis: Basis,
) -> tuple[list[int], float]:
    """Whole systems of each type that a power supports, and the power they use. [W]

    The mix's shares fix how many accelerators of each type; each type is rounded down to
    whole systems on its own.
    """
    per_item = [float(item_watts(item, values)[basis]) for item in fleet.items]
    average = sum(s * p for s, p in zip(fleet.shares, per_item, strict=True))
    total = power_watts / average
    systems = [
        whole_floor(total * share / item.system.accelerators_per_system)
        for share, item in zip(fleet.shares, fleet.items, strict=True)
    ]
    used = sum(
        n * item.system.accelerators_per_system * p
        for n, item, p in zip(systems, fleet.items, per_item, strict=True)
    )
    return systems, used


def capacity(
    power: Any,
    accelerator: str | None = None,
    *,
    mix: Mapping[str, Any] | None = None,
    facility: str | Facility | None = None,
    basis: str = "facility",
    method: str | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
    rack_power_limit: Any = None,
) -> CapacityResult:
    """How many accelerators a power supports at one basis, rounded down to whole systems.

    Args:
        power: The power budget, e.g. ``"300 MW"``; kVA/MVA are converted with the power factor.
        accelerator: One accelerator id (``"h100-sxm"``).
        mix: Accelerator ids -> weights: the share of accelerators of each type.
        facility: A facility id: its fleet is the mix, its site facts override assumptions.
        basis: Where `power` is measured: chip, server, it, facility (default) or supply.
        method: Assumption set id.
        assumptions: Overrides (name -> value), or a complete `Assumptions`.
        rack_power_limit: Power one rack may draw; sets systems per rack. [kW]

    Returns:
        Accelerators, systems, racks and stranded power, central case; the optimistic and
        conservative counts; the chain per accelerator.

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    context = build_context(
        accelerator=accelerator,
        fleet=mix,
        mix_weights=True,
        facility=facility,
        method=method,
        assumptions=assumptions,
    )
    where = check_basis(basis)
    quoted, real, notes = real_power(power, context.assumptions)
    return _capacity(context, quoted, real, where, rack_power_limit, notes)


def _capacity(
    context: Context, quoted: Any, real: Any, basis: Basis, rack_power_limit: Any, notes: tuple[str, ...]
) -> CapacityResult:
    fleet, assumptions = context.fleet, context.assumptions
    watts = float(real.m_as(W))
    central = case_inputs(assumptions, "central")
    systems, used = supported(watts, fleet, central, basis)
    lines = []
    for n, item in zip(systems, fleet.items, strict=True):
        per = item_watts(item, central)
        per_rack = systems_per_rack(item, float(per["server"]), rack_power_limit)
        lines.append(
            FleetLine(
                accelerator=item.accelerator.id,
                system=item.system.id,
                accelerators=n * item.system.accelerators_per_system,
                systems=n,
                racks=_racks(n, per_rack),
                power_per_accelerator=Q_(float(per[basis]), W),
            )
        )
    counts = {
        case: sum(
            n * item.system.accelerators_per_system
            for n, item in zip(
                supported(watts, fleet, case_inputs(assumptions, case), basis)[0], fleet.items, strict=True
            )
        )
        for case in ("low", "high")
    }
    return CapacityResult(
        power=quoted,
        real_power=real,
        basis=basis,
        method=context.method,
        accelerators=sum(line.accelerators for line in lines),
        systems=sum(systems),
        racks=_total([line.racks for line in lines]),
        stranded_power=Q_(max(watts - used, 0.0), W).to(kW),
        power_per_accelerator=Q_(float(fleet_watts(fleet, central)[basis]), W),
        accelerators_optimistic=counts["low"],
        accelerators_conservative=counts["high"],
        lines=tuple(lines),
        chain=chain_table(fleet, assumptions),
        assumptions=assumptions,
        noun=fleet.noun,
        notes=(*notes, *context.notes),
    )


def required_power(
    accelerator: str | None = None,
    *,
    gpus: Any = None,
    fleet: Mapping[str, Any] | None = None,
    facility: str | Facility | None = None,
    method: str | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
    rack_power_limit: Any = None,
) -> RequiredPowerResult:
    """The power a fleet needs at every basis (low / central / high).

    Power is for the accelerators as counted; `lines` give the whole systems (rounded up) and
    racks they need.

    Args:
        accelerator: One accelerator id, with `gpus`.
        gpus: How many accelerators of `accelerator`.
        fleet: Accelerator ids -> counts, instead of `accelerator` and `gpus`.
        facility: A facility id: its claimed count split by its fleet mix.

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    if accelerator is not None and gpus is None:
        raise InputError("gpus: missing; give the number of accelerators, e.g. gpus=100000")
    if gpus is not None and accelerator is None and fleet is None and facility is None:
        raise InputError("accelerator: missing; give the accelerator that gpus counts")
    count = parse_count(gpus, "gpus") if gpus is not None else None
    context = build_context(
        accelerator=accelerator, fleet=fleet, facility=facility, method=method, assumptions=assumptions
    )
    resolved = context.fleet
    if count is not None:
        resolved = resolved.scaled_to(count)
    elif accelerator is None and not fleet and context.facility is not None:
        resolved = resolved.scaled_to(context.facility.accelerators)
    total = resolved.total
    per_accelerator = chain_table(resolved, context.assumptions)
    power = tuple(
        CaseValues(
            basis=row.basis,
            low=(row.low * total).to(MW),
            central=(row.central * total).to(MW),
            high=(row.high * total).to(MW),
        )
        for row in per_accelerator
    )
    central = case_inputs(context.assumptions, "central")
    lines = []
    for item in resolved.items:
        per = item_watts(item, central)
        n = math.ceil(item.count / item.system.accelerators_per_system - _FLOOR_TOLERANCE)
        lines.append(
            FleetLine(
                accelerator=item.accelerator.id,
                system=item.system.id,
                accelerators=round(item.count),
                systems=n,
                racks=_racks(n, systems_per_rack(item, float(per["server"]), rack_power_limit)),
                power_per_accelerator=Q_(float(per["facility"]), W),
            )
        )
    return RequiredPowerResult(
        accelerators=round(total),
        method=context.method,
        power=power,
        per_accelerator=per_accelerator,
        assumptions=context.assumptions,
        lines=tuple(lines),
        noun=resolved.noun,
        notes=context.notes,
    )
