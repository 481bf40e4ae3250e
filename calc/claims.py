"""Claim check: does a power carry an accelerator count, and under which assumptions?

Verdicts (shared/DESIGN.md §1): ``implausible`` when the implied power per accelerator is below
the model's low end (too little power even with every optimistic assumption), ``plausible``
between low and high, ``ample`` above high (more power than the accelerators can use). A claim
whose basis is ``unspecified`` is read both as IT power and as facility power: implausible only
if implausible even as IT power, ample only if ample even as facility power.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calc.assumptions import DEFAULT_METHOD
from calc.capacity import check_basis, real_power, supported
from calc.chain import Context, build_context, case_inputs, chain_table, fleet_watts, parse_count
from calc.errors import InputError
from calc.models import (
    BASIS_LABELS,
    CLAIM_BASES,
    Assumptions,
    Basis,
    BreakEven,
    ClaimBasis,
    ClaimResult,
    Facility,
    Reading,
    Verdict,
)
from calc.presets import list_presets
from calc.solve import applicable, break_even
from calc.units import Q_, W, format_power

_TOLERANCE = 1e-9
UNSPECIFIED_READINGS: tuple[Basis, ...] = ("it", "facility")


def verdict_for(implied: float, low: float, high: float) -> Verdict:
    """Place an implied power per accelerator against the model's low–high range."""
    if implied < low * (1 - _TOLERANCE):
        return "implausible"
    if implied > high * (1 + _TOLERANCE):
        return "ample"
    return "plausible"


def per_accelerator(watts: float) -> str:
    """A power per accelerator, always in watts with one decimal ("1,363.6 W")."""
    return format_power(Q_(watts, W), "W", 1)


def _describe(item: BreakEven) -> str:
    text = f"{item.assumption} {item.value:.3f}"
    if item.status == "impossible":
        return f"{text} (impossible)"
    if item.status != "in range":
        return f"{text} ({item.status} {item.low:g}–{item.high:g})"
    return text


def _reading(context: Context, basis: Basis, implied: float, real_watts: float, noun: str) -> Reading:
    assumptions = context.assumptions
    per_case = {
        case: float(fleet_watts(context.fleet, case_inputs(assumptions, case))[basis])
        for case in ("low", "central", "high")
    }
    verdict = verdict_for(implied, per_case["low"], per_case["high"])
    evens = tuple(
        break_even(name, implied, per_case["central"], assumptions) for name in applicable(basis, assumptions)
    )
    systems, _ = supported(real_watts, context.fleet, case_inputs(assumptions, "central"), basis)
    count = sum(
        n * item.system.accelerators_per_system for n, item in zip(systems, context.fleet.items, strict=True)
    )
    span = (
        f"the model gives {per_accelerator(per_case['low'])}–"
        f"{per_accelerator(per_case['high'])} per {noun}, central "
        f"{per_accelerator(per_case['central'])}"
    )
    if verdict == "plausible":
        text = f"fits ({span})"
    elif verdict == "implausible":
        text = f"too little power ({span}; even the low end needs more)"
    else:
        text = f"more power than the {noun}s use ({span}; even the high end needs less)"
    if evens:
        text += "; exact fit with " + ", ".join(_describe(e) for e in evens) + ", others central"
    return Reading(
        basis=basis,
        verdict=verdict,
        low=Q_(per_case["low"], W),
        central=Q_(per_case["central"], W),
        high=Q_(per_case["high"], W),
        supported_accelerators=count,
        break_even=evens,
        summary=f"read as {BASIS_LABELS[basis]} power: {text}",
    )


def _overall(readings: tuple[Reading, ...], basis: ClaimBasis) -> Verdict:
    if basis != "unspecified":
        return readings[0].verdict
    by_basis = {r.basis: r for r in readings}
    if by_basis["it"].verdict == "implausible":
        return "implausible"
    if by_basis["facility"].verdict == "ample":
        return "ample"
    return "plausible"


def _conclusion(verdict: Verdict, readings: tuple[Reading, ...], basis: ClaimBasis) -> str:
    """One sentence on what would have to hold."""
    if verdict == "ample":
        return (
            "the power exceeds what the accelerators can use: the count may be understated, "
            "or the power includes other loads or later phases"
        )
    if verdict == "implausible":
        return "not even the most optimistic assumptions fit: the power is too small for the count"
    fits = []
    for reading in readings:
        if reading.verdict != "plausible":
            continue
        needed = [e for e in reading.break_even if e.status == "in range"]
        if not needed:
            condition = (
                ""
                if not reading.break_even
                else " only with several assumptions beyond central at once (no single one "
                "within its range closes the gap)"
            )
            fits.append(f"as {BASIS_LABELS[reading.basis]} power{condition}")
            continue
        fits.append(
            f"as {BASIS_LABELS[reading.basis]} power with "
            + " or ".join(f"{e.assumption} near {e.value:.3g} (central {e.central:g})" for e in needed)
        )
    if not fits:
        (first, second) = readings
        return (
            f"it falls between the readings: more than the {first.basis} reading needs, "
            f"less than the {second.basis} reading needs"
        )
    return "it holds " + "; or ".join(fits)


def check_claim(
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    *,
    fleet: Mapping[str, Any] | None = None,
    facility: str | Facility | None = None,
    basis: str | None = None,
    method: str | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
) -> ClaimResult:
    """Check whether `power` carries `gpus` accelerators.

    Args:
        power: The quoted power, e.g. ``"300 MW"`` (kVA/MVA converted with the power factor).
        gpus: The claimed accelerator count. With `fleet`, the fleet's counts are its mix.
        accelerator: The accelerator id, for a single-type claim.
        fleet: Accelerator ids -> counts, for a mixed fleet checked as a whole.
        facility: A facility id or path: supplies power, basis, count and fleet mix unless given.
        basis: unspecified (default), chip, server, it, facility or supply.
        method: Assumption set id (default, epoch, epoch-nested, semianalysis, nvidia-ra).
        assumptions: Overrides (name -> value), or a complete `Assumptions`.

    Returns:
        The verdict, the implied power per accelerator, one reading per basis (two for
        ``unspecified``) with low / central / high and break-even values, and a summary.

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    context = build_context(
        accelerator=accelerator, fleet=fleet, facility=facility, method=method, assumptions=assumptions
    )
    site = context.facility
    if site is not None:
        power = site.power if power is None else power
        gpus = site.accelerators if gpus is None else gpus
        basis = site.basis if basis is None else basis
    if power is None:
        raise InputError("power: missing; give the quoted power, e.g. '300 MW'")
    if gpus is None:
        if not fleet:
            raise InputError("gpus: missing; give the claimed number of accelerators")
        gpus = context.fleet.total
    count = parse_count(gpus, "gpus")
    where: ClaimBasis = check_basis(basis or "unspecified", CLAIM_BASES)
    fleet_used = context.fleet.scaled_to(count)
    context = Context(fleet_used, context.assumptions, context.method, site, context.notes)
    quoted, real, notes = real_power(power, context.assumptions)
    real_watts = float(real.m_as(W))
    implied = real_watts / count
    noun = context.fleet.noun
    bases = UNSPECIFIED_READINGS if where == "unspecified" else (where,)
    readings = tuple(_reading(context, b, implied, real_watts, noun) for b in bases)
    verdict = _overall(readings, where)
    head = (
        f"{verdict}: {format_power(real)} for {count:,.0f} {noun}s is {per_accelerator(implied)} per {noun}"
    )
    conclusion = "So " + _conclusion(verdict, readings, where) + "."
    summary = "; ".join([head, *(r.summary for r in readings)]) + ". " + conclusion
    return ClaimResult(
        power=quoted,
        real_power=real,
        accelerators=round(count),
        fleet=context.fleet.entries(),
        basis=where,
        method=context.method,
        implied_power_per_accelerator=Q_(implied, W),
        verdict=verdict,
        readings=readings,
        chain=chain_table(context.fleet, context.assumptions),
        assumptions=context.assumptions,
        conclusion=conclusion,
        summary=summary,
        noun=noun,
        notes=(*notes, *context.notes),
    )


def compare_methods(
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    *,
    methods: tuple[str, ...] | None = None,
    **kwargs: Any,
) -> tuple[ClaimResult, ...]:
    """The same claim checked under each method (every assumption set unless named)."""
    chosen = methods or list_presets("assumptions")
    ordered = sorted(chosen, key=lambda m: (m != DEFAULT_METHOD, m))
    return tuple(check_claim(power, gpus, accelerator, method=m, **kwargs) for m in ordered)
