"""Goal-seek: the value of one assumption or input at which power and count meet exactly.

Every assumption enters the chain as a factor in one of the forms of `chain.FORMS` —
`x {name}`, `x (1 + {name})`, `/ {name}` or `/ (1 - {name})`, as `chain.STEPS` records — and all accelerators of a fleet share the assumptions, so the fleet's
power per accelerator at a basis is that factor times a constant. Each unknown therefore has a
closed form: scale its factor by target / current (`chain.FORMS[...].solve`).
"""

from __future__ import annotations

from typing import Any

from calc.capacity import single_basis
from calc.chain import (
    ACCEPTED,
    FACTOR_STEP,
    FACTORS,
    FORMS,
    SOLVABLE,
    STEPS,
    SYSTEM_POWER,
    Inputs,
    enters,
    factor_range,
    factor_value,
    resolve,
    system_power_varies,
)
from calc.errors import InputError, did_you_mean, known_name, shown
from calc.inputs import as_scenario
from calc.models import Assumptions, Basis, BreakEven, RangeStatus, SolveResult, build
from calc.units import MW, W, format_power, quantity

_TOLERANCE = 1e-9

__all__ = ["SOLVABLE", "applicable", "break_even", "solve", "solve_for"]


def applicable(basis: Basis, assumptions: Assumptions) -> tuple[str, ...]:
    """The assumptions that change the power per accelerator at a basis (an unset one aside)."""
    return tuple(
        name
        for name in FACTORS
        if enters(name, basis) and factor_value(assumptions, name, "central") is not None
    )


def break_even(name: str, target: float, current: float, assumptions: Assumptions) -> BreakEven:
    """The value of `name` that moves the central power per accelerator to `target`.

    Args:
        name: A factor of `chain.STEPS`.
        target: The power per accelerator to reach. [W]
        current: The central power per accelerator at the same basis. [W]
    """
    factor = FACTORS[name]
    values = factor_range(assumptions, name)
    assert values is not None
    value = FORMS[factor.form].solve(values.central, target / current)
    accepted = ACCEPTED[name]
    low, high = (values.low, values.high) if accepted is None else accepted
    status: RangeStatus
    if factor.impossible(value):
        status = "impossible"
    elif value < low * (1 - _TOLERANCE):
        status = "below range"
    elif value > high * (1 + _TOLERANCE):
        status = "above range"
    else:
        status = "in range"
    return build(
        BreakEven, assumption=name, value=value, low=low, central=values.central, high=high, status=status
    )


def _status(value: float, low: float, high: float) -> RangeStatus:
    if value < low * (1 - _TOLERANCE):
        return "below range"
    if value > high * (1 + _TOLERANCE):
        return "above range"
    return "in range"


def system_power_break_even(inputs: Inputs, basis: Basis, target: float, current: float) -> BreakEven | None:
    """The system power (others central) at which a claim fits exactly, in kW per system, for a
    fleet of one system type whose preset gives a range for its power (a GB200 NVL72 rack:
    120-132 kW); None otherwise.

    The chain is linear in the nameplate, so the power per accelerator `target` needs the
    central system power x target / current. [kW]
    """
    if len(inputs.fleet.items) != 1 or not system_power_varies(inputs, basis):
        return None
    item = inputs.fleet.items[0]
    low, central, high = (
        item.nameplate_of(case) * item.per_system / 1e3 for case in ("low", "central", "high")
    )
    value = central * target / current
    return build(
        BreakEven,
        assumption=SYSTEM_POWER,
        value=value,
        low=low,
        central=central,
        high=high,
        status="impossible" if value <= 0 else _status(value, low, high),
    )


def solve(unknown: str, scenario: Any = None, **inputs: Any) -> SolveResult:
    """Solve for one unknown so that the power carries the count exactly (others central).

    Args:
        unknown: ``power``, ``gpus`` or a factor of the chain: ``pue``, ``draw_factor``,
            ``it_overhead``, ``server_factor``, ``headroom``, ``usable_fraction``.
        scenario: A `Scenario`; or leave it out and give the inputs of `calc.scenario`
            (``power``, ``gpus``, ``accelerator``, ``fleet``, ``facility``, ``basis``, ...).
            The basis defaults to facility; ``unspecified`` is read as facility power.

    Examples:
        The PUE at which 300 MW (facility) carries 220,000 H100s:
        ``solve("pue", power="300 MW", gpus=220000, accelerator="h100-sxm")`` → 1.144.

    Raises:
        InputError: Unknown name, a missing or extra input, or an assumption that does not
            enter the basis.
    """
    if unknown not in SOLVABLE:
        known = known_name(unknown, SOLVABLE)  # --for PUE is --for pue
        if known is None:
            raise InputError(
                f"for: {shown(unknown)} cannot be solved for; {did_you_mean(unknown, SOLVABLE)}"
                f"accepted: {', '.join(SOLVABLE)}"
            )
        unknown = known
    if unknown == "power" and inputs.get("power") is not None:
        raise InputError("power: given, but it is the unknown; leave it out")
    if unknown == "gpus" and inputs.get("gpus") is not None:
        raise InputError("gpus: given, but it is the unknown; leave it out")
    return solve_for(unknown, resolve(as_scenario(scenario, **inputs)))


def solve_for(unknown: str, inputs: Inputs) -> SolveResult:
    """Goal-seek on resolved inputs (see `solve`)."""

    notes: list[str] = []
    where = single_basis(inputs.scenario.basis, notes)
    central = float(inputs.watts_per_accelerator("central")[where])
    noun = inputs.fleet.noun
    all_notes = (*notes, *inputs.notes)
    common: dict[str, Any] = {"basis": where, "method": inputs.method, "notes": all_notes}

    if unknown == "power":
        count = inputs.need_count("solving for power")
        needed = quantity(central * count / 1e6, MW)
        return SolveResult(
            unknown="power",
            quantity=needed,
            status="solved",
            summary=(
                f"{count:,.0f} {noun}s need {format_power(needed)} at the {where} basis "
                f"({format_power(quantity(central, W), 'W', 1)} per {noun}, central case)"
            ),
            **common,
        )
    watts = inputs.need_power(f"solving for {unknown}")
    if unknown == "gpus":
        count = watts / central
        return SolveResult(
            unknown="gpus",
            value=count,
            status="solved",
            summary=(
                f"{format_power(inputs.real_quantity)} at the {where} basis carries {count:,.0f} {noun}s at "
                f"{format_power(quantity(central, W), 'W', 1)} each (central case, before rounding to "
                f"whole systems)"
            ),
            **common,
        )
    count = inputs.need_count(f"solving for {unknown}")
    if unknown == "server_factor" and inputs.assumptions.server_factor is None:
        raise InputError(
            f"for: server_factor is not set by the method {inputs.method!r}; use a method that sets "
            f"it (epoch, epoch-nested) or --set server_factor=VALUE"
        )
    if not enters(unknown, where):
        later = [step.basis for step in STEPS if enters(unknown, step.basis)]
        raise InputError(
            f"for: {unknown} enters the chain at the {FACTOR_STEP[unknown]} step, after the {where} "
            f"basis; use a basis among {', '.join(later)}"
        )
    result = break_even(unknown, watts / count, central, inputs.assumptions)
    return SolveResult(
        unknown=unknown,
        value=result.value,
        status=result.status,
        summary=(
            f"{format_power(inputs.real_quantity)} carries {count:,.0f} {noun}s at the {where} basis when "
            f"{unknown} = {result.value:.4g} ({result.status}; range {result.low:g}–"
            f"{result.high:g}, central {result.central:g}; others central)"
        ),
        **common,
    )
