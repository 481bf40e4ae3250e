"""Goal-seek: the value of one assumption or input at which power and count meet exactly.

Every assumption enters the chain as a factor — x, (1 + x), 1 / x or 1 / (1 - x) — and all
accelerators of a fleet share the assumptions, so the fleet's power per accelerator at a basis
is that factor times a constant. Each unknown therefore has a closed form: scale its factor by
target / current.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from calc.capacity import check_basis, real_power
from calc.chain import build_context, case_inputs, fleet_watts, parse_count
from calc.errors import InputError
from calc.models import BASES, Assumptions, Basis, BreakEven, Facility, Range, RangeStatus, SolveResult
from calc.units import MW, Q_, W, format_power

# name: (the bases it enters, how it enters the chain)
_FORMS: dict[str, tuple[tuple[Basis, ...], str]] = {
    "draw_factor": (("server", "it", "facility", "supply"), "linear"),
    "server_factor": (("server", "it", "facility", "supply"), "linear"),
    "it_overhead": (("it", "facility", "supply"), "one_plus"),
    "pue": (("facility", "supply"), "linear"),
    "usable_fraction": (("supply",), "inverse"),
    "headroom": (("supply",), "one_minus_inverse"),
}
SOLVABLE: tuple[str, ...] = ("power", "gpus", *_FORMS)
_TOLERANCE = 1e-9

_SCALE: dict[str, Callable[[float, float], float]] = {
    "linear": lambda x, r: x * r,
    "one_plus": lambda x, r: (1.0 + x) * r - 1.0,
    "inverse": lambda x, r: x / r,
    "one_minus_inverse": lambda x, r: 1.0 - (1.0 - x) / r,
}


def _impossible(name: str, value: float) -> bool:
    """True where a value is unphysical (PUE below 1, a draw factor of zero or less, ...)."""
    return {
        "draw_factor": value <= 0.0,
        "server_factor": value < 1.0,
        "it_overhead": value < 0.0,
        "pue": value < 1.0,
        "usable_fraction": not 0.0 < value <= 1.0,
        "headroom": not 0.0 <= value < 1.0,
    }[name]


def assumption_range(name: str, assumptions: Assumptions) -> Range | None:
    """The range of an assumption; a fixed value for usable fraction and headroom; None if unset."""
    if name == "usable_fraction":
        return Range.point(assumptions.redundancy.usable_fraction)
    if name == "headroom":
        return Range.point(assumptions.headroom)
    return getattr(assumptions, name)


def applicable(basis: Basis, assumptions: Assumptions) -> tuple[str, ...]:
    """The assumptions that change the power per accelerator at a basis."""
    return tuple(
        name
        for name, (bases, _) in _FORMS.items()
        if basis in bases and not (name == "server_factor" and assumptions.server_factor is None)
    )


def break_even(name: str, target: float, current: float, assumptions: Assumptions) -> BreakEven:
    """The value of `name` that moves the central power per accelerator to `target`.

    Args:
        name: An assumption of `_FORMS`.
        target: The power per accelerator to reach. [W]
        current: The central power per accelerator at the same basis. [W]
    """
    values = assumption_range(name, assumptions)
    assert values is not None
    value = _SCALE[_FORMS[name][1]](values.central, target / current)
    status: RangeStatus
    if _impossible(name, value):
        status = "impossible"
    elif name in ("usable_fraction", "headroom"):
        status = "in range"  # planning choices without a range: any physical value will do
    elif value < values.low * (1 - _TOLERANCE):
        status = "below range"
    elif value > values.high * (1 + _TOLERANCE):
        status = "above range"
    else:
        status = "in range"
    return BreakEven(
        assumption=name, value=value, low=values.low, central=values.central, high=values.high, status=status
    )


def solve(
    unknown: str,
    *,
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    fleet: Mapping[str, Any] | None = None,
    facility: str | Facility | None = None,
    basis: str = "facility",
    method: str | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
) -> SolveResult:
    """Solve for one unknown so that `power` carries `gpus` exactly (others central).

    Args:
        unknown: ``power``, ``gpus`` or an assumption: ``pue``, ``draw_factor``,
            ``it_overhead``, ``server_factor``, ``headroom``, ``usable_fraction``.
        power: The power, unless it is the unknown. [MW]
        gpus: The accelerator count, unless it is the unknown.
        basis: Where the power is measured (not ``unspecified``: solve one reading at a time).

    Examples:
        The PUE at which 300 MW (facility) carries 220,000 H100s:
        ``solve("pue", power="300 MW", gpus=220000, accelerator="h100-sxm")`` → 1.144.

    Raises:
        InputError: Unknown name, a missing or extra input, or an assumption that does not
            enter the basis.
    """
    if unknown not in SOLVABLE:
        raise InputError(f"for: {unknown!r} cannot be solved for; accepted: {', '.join(SOLVABLE)}")
    where = check_basis(basis, BASES)
    context = build_context(
        accelerator=accelerator, fleet=fleet, facility=facility, method=method, assumptions=assumptions
    )
    site = context.facility
    if site is not None:
        power = site.power if power is None and unknown != "power" else power
        gpus = site.accelerators if gpus is None and unknown != "gpus" else gpus
    if gpus is None and fleet and unknown != "gpus":
        gpus = context.fleet.total
    central = float(fleet_watts(context.fleet, case_inputs(context.assumptions, "central"))[where])
    noun = context.fleet.noun
    notes = context.notes

    if unknown == "power":
        if gpus is None:
            raise InputError("gpus: missing; solving for power needs the accelerator count")
        if power is not None:
            raise InputError("power: given, but it is the unknown; leave it out")
        count = parse_count(gpus, "gpus")
        needed = Q_(central * count, W).to(MW)
        return SolveResult(
            unknown="power",
            quantity=needed,
            status="solved",
            basis=where,
            method=context.method,
            summary=(
                f"{count:,.0f} {noun}s need {format_power(needed)} at the {where} basis "
                f"({format_power(Q_(central, W), 'W', 1)} per {noun}, central case)"
            ),
            notes=notes,
        )
    if power is None:
        raise InputError(f"power: missing; solving for {unknown} needs the power, e.g. '300 MW'")
    _, real, power_notes = real_power(power, context.assumptions)
    notes = (*power_notes, *notes)
    if unknown == "gpus":
        if gpus is not None and not fleet:
            raise InputError("gpus: given, but it is the unknown; leave it out")
        count = float(real.m_as(W)) / central
        return SolveResult(
            unknown="gpus",
            value=count,
            status="solved",
            basis=where,
            method=context.method,
            summary=(
                f"{format_power(real)} at the {where} basis carries {count:,.0f} {noun}s at "
                f"{format_power(Q_(central, W), 'W', 1)} each (central case, before rounding to "
                f"whole systems)"
            ),
            notes=notes,
        )
    if gpus is None:
        raise InputError(f"gpus: missing; solving for {unknown} needs the accelerator count")
    if unknown not in applicable(where, context.assumptions):
        bases = ", ".join(_FORMS[unknown][0])
        extra = "; the method sets no server_factor" if unknown == "server_factor" else ""
        raise InputError(f"for: {unknown} does not enter the {where} basis{extra}; use a basis among {bases}")
    count = parse_count(gpus, "gpus")
    target = float(real.m_as(W)) / count
    result = break_even(unknown, target, central, context.assumptions)
    return SolveResult(
        unknown=unknown,
        value=result.value,
        status=result.status,
        basis=where,
        method=context.method,
        summary=(
            f"{format_power(real)} carries {count:,.0f} {noun}s at the {where} basis when "
            f"{unknown} = {result.value:.4g} ({result.status}; range {result.low:g}–"
            f"{result.high:g}, central {result.central:g}; others central)"
        ),
        notes=notes,
    )
