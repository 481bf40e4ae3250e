"""Capacity (power → accelerators in whole systems) and required power (fleet → power)."""

from __future__ import annotations

from typing import Any

from calc.chain import Inputs, chain_table, chain_watts, racks_for, resolve, whole_systems
from calc.errors import InputError
from calc.inputs import as_scenario
from calc.models import BASES, Basis, CapacityResult, CaseValues, FleetLine, RequiredPowerResult, build
from calc.units import MW, W, format_power, kW, parse_power, power_watts, quantity


def single_basis(basis: str | None, notes: list[str] | None = None) -> Basis:
    """The basis of a question answered at one point of the chain.

    None means facility; ``unspecified`` is read as facility power, and a note says so.

    Raises:
        InputError: Unknown basis (the message lists the accepted ones).
    """
    if basis is None:
        return "facility"
    if basis == "unspecified":
        if notes is not None:
            notes.append("basis unspecified: read as facility power (a claim check reads it both ways)")
        return "facility"
    if basis not in BASES:
        raise InputError(f"basis: {basis!r} is not accepted here; accepted: {', '.join(BASES)}")
    return basis  # checked against BASES above


def systems_per_rack(system: Any, server_watts: float, rack_power_limit: Any) -> int | None:
    """Systems in one rack: from a rack power limit if given, else the system preset."""
    if rack_power_limit is None:
        return system.systems_per_rack
    limit = power_watts(parse_power(rack_power_limit, "rack_power_limit"))
    per_system = server_watts * system.accelerators_per_system
    fits = int(whole_systems(limit, per_system))
    if fits < 1:
        raise InputError(
            f"rack_power_limit: {format_power(quantity(limit, W))} holds no {system.id} "
            f"({format_power(quantity(per_system, W))} per system at the server basis); "
            f"give at least that much"
        )
    return fits


def whole_counts(shares: list[float], total: int) -> list[int]:
    """Whole accelerators per type that add up to `total`, by largest remainder (a 1:1 mix of
    3 GPUs is 2 + 1, not 2 + 2)."""
    scale = total / sum(shares)
    exact = [share * scale for share in shares]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _total(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def capacity(
    power: Any = None,
    accelerator: str | None = None,
    *,
    basis: str | None = None,
    rack_power_limit: Any = None,
    **inputs: Any,
) -> CapacityResult:
    """How many accelerators a power supports at one basis, rounded down to whole systems.

    Args:
        power: The power budget, e.g. ``"300 MW"`` (kVA/MVA are converted with the power
            factor), or a `Scenario`.
        accelerator: One accelerator id (``"h100-sxm"``).
        basis: Where `power` is measured: chip, server, it, facility (default) or supply; an
            unspecified basis is read as facility power.
        rack_power_limit: Power one rack may draw; sets systems per rack. [kW]
        inputs: The other inputs of `calc.scenario` (``mix``, ``fleet``, ``facility``,
            ``method``, ``assumptions``, ...). A facility gives its power and fleet mix.

    Returns:
        Accelerators, systems, racks and stranded power, central case; the optimistic and
        conservative counts; the chain per accelerator.

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    scenario = as_scenario(power, accelerator=accelerator, basis=basis, **inputs)
    notes: list[str] = []
    where = single_basis(scenario.basis, notes)
    return capacity_at(resolve(scenario), where, rack_power_limit, tuple(notes))


def capacity_at(
    inputs: Inputs, basis: Basis, rack_power_limit: Any = None, notes: tuple[str, ...] = ()
) -> CapacityResult:
    """Capacity of resolved inputs at one basis (see `capacity`)."""
    watts = inputs.need_power("a capacity")
    fleet = inputs.fleet
    central = inputs.values("central")
    systems, used = fleet.supported(watts, central, basis)
    lines = []
    for n, item in zip(systems, fleet.items, strict=True):
        per = chain_watts(item.tdp, item.nameplate, **central)
        lines.append(
            build(
                FleetLine,
                accelerator=item.accelerator.id,
                system=item.system.id,
                accelerators=n * item.per_system,
                systems=n,
                racks=racks_for(n, systems_per_rack(item.system, float(per["server"]), rack_power_limit)),
                power_per_accelerator=quantity(float(per[basis]), W),
            )
        )
    counts = {
        case: fleet.accelerators_in(fleet.supported(watts, inputs.values(case), basis, case)[0])
        for case in ("low", "high")
    }
    return build(
        CapacityResult,
        power=inputs.power,
        real_power=inputs.real_power,
        basis=basis,
        method=inputs.method,
        accelerators=sum(line.accelerators for line in lines),
        systems=sum(systems),
        racks=_total([line.racks for line in lines]),
        stranded_power=quantity(max(watts - used, 0.0) / 1e3, kW),
        power_per_accelerator=quantity(float(fleet.watts(central)[basis]), W),
        accelerators_optimistic=counts["low"],
        accelerators_conservative=counts["high"],
        lines=tuple(lines),
        chain=chain_table(inputs),
        assumptions=inputs.assumptions,
        noun=fleet.noun,
        notes=(*notes, *inputs.notes),
    )


def required_power(
    accelerator: Any = None,
    *,
    gpus: Any = None,
    rack_power_limit: Any = None,
    **inputs: Any,
) -> RequiredPowerResult:
    """The power a fleet needs at every basis (low / central / high).

    Power is for the accelerators as counted; `lines` give the whole systems (rounded up) and
    racks they need.

    Args:
        accelerator: One accelerator id, with `gpus`; or a `Scenario`.
        gpus: How many accelerators of `accelerator` (with a fleet: its total, the fleet a mix).
        rack_power_limit: Power one rack may draw; sets systems per rack. [kW]
        inputs: The other inputs of `calc.scenario` (``fleet``, ``facility``, ``method``,
            ``assumptions``, ...). A facility gives its claimed count and fleet mix.

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    if isinstance(accelerator, str) or accelerator is None:
        scenario = as_scenario(None, gpus=gpus, accelerator=accelerator, **inputs)
    else:
        scenario = as_scenario(accelerator, gpus=gpus, **inputs)
    resolved = resolve(scenario)
    total = resolved.need_count("the power of a fleet")
    per_accelerator = chain_table(resolved)
    power = tuple(
        build(
            CaseValues,
            basis=row.basis,
            low=quantity(row.low.magnitude * total / 1e6, MW),
            central=quantity(row.central.magnitude * total / 1e6, MW),
            high=quantity(row.high.magnitude * total / 1e6, MW),
        )
        for row in per_accelerator
    )
    central = resolved.values("central")
    lines = []
    counts = whole_counts([item.count for item in resolved.fleet.items], round(total))
    for item, count in zip(resolved.fleet.items, counts, strict=True):
        per = chain_watts(item.tdp, item.nameplate, **central)
        n = int(whole_systems(count, item.per_system, up=True))
        lines.append(
            build(
                FleetLine,
                accelerator=item.accelerator.id,
                system=item.system.id,
                accelerators=count,
                systems=n,
                racks=racks_for(n, systems_per_rack(item.system, float(per["server"]), rack_power_limit)),
                power_per_accelerator=quantity(float(per["facility"]), W),
            )
        )
    return build(
        RequiredPowerResult,
        accelerators=round(total),
        method=resolved.method,
        power=power,
        per_accelerator=per_accelerator,
        assumptions=resolved.assumptions,
        lines=tuple(lines),
        noun=resolved.fleet.noun,
        notes=resolved.notes,
    )


def power_chain(accelerator: Any = None, **inputs: Any) -> tuple[CaseValues, ...]:
    """Power per accelerator at every basis (chip → supply), low / central / high. [W]

    Args:
        accelerator: One accelerator id, or a `Scenario`.
        inputs: The other inputs of `calc.scenario` (``fleet``, ``mix``, ``facility``, ...).
    """
    if isinstance(accelerator, str) or accelerator is None:
        return chain_table(resolve(as_scenario(None, accelerator=accelerator, **inputs)))
    return chain_table(resolve(as_scenario(accelerator, **inputs)))
