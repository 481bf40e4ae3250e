"""Claim check: does a power carry an accelerator count, and under which assumptions?

Verdicts (shared/DESIGN.md §1): ``implausible`` when the implied power per accelerator is below
the model's low end (too little power even with every optimistic assumption), ``plausible``
between low and high, ``ample`` above high (more power than the accelerators can use). A claim
whose basis is ``unspecified`` is read both as IT power and as facility power: implausible only
if implausible even as IT power, ample only if ample even as facility power, and ``between``
when neither reading fits (ample as IT power, implausible as facility power: the power lies
between the two, and the conclusion says which PUE would make the facility reading fit).
"""

from __future__ import annotations

import math
from typing import Any

from calc.assumptions import DEFAULT_METHOD
from calc.chain import ACCEPTED, CASES, SYSTEM_POWER, Inputs, chain_table, resolve
from calc.inputs import as_scenario, with_method
from calc.models import (
    BASIS_LABELS,
    Basis,
    BreakEven,
    ClaimBasis,
    ClaimResult,
    Reading,
    Scenario,
    Verdict,
    build,
)
from calc.presets import list_presets
from calc.solve import applicable, break_even, system_power_break_even
from calc.units import W, format_number, format_power, quantity

AT = 0.0005
"""An implied power within this share of a model figure is "at" it (`miss`)."""
_TOLERANCE = AT
UNSPECIFIED_READINGS: tuple[Basis, ...] = ("it", "facility")


def verdict_for(implied: float, low: float, high: float) -> Verdict:
    """Place an implied power per accelerator against the model's low–high range.

    A figure that `miss` calls "at" an end (within 0.05 %, the rounding of a figure quoted to
    three or four digits) is on that end, so the verdict never says "ample" of a claim its
    own text puts at the high end.
    """
    if implied < low * (1 - _TOLERANCE):
        return "implausible"
    if implied > high * (1 + _TOLERANCE):
        return "ample"
    return "plausible"


def per_accelerator(watts: float) -> str:
    """A power per accelerator, always in watts with one decimal ("1,363.6 W")."""
    return f"{format_number(watts, 1)} W"


def even_value(item: BreakEven, digits: int = 3) -> str:
    """A break-even value as written: "1.082"; the system power in kW ("120.0 kW")."""
    if item.assumption == SYSTEM_POWER:
        return f"{format_number(item.value, 1)} kW"
    return f"{item.value:.{digits}f}"


def even_span(item: BreakEven) -> str:
    """The range a break-even value is judged against: "1.08–1.5"; "120–132 kW"."""
    unit = " kW" if item.assumption == SYSTEM_POWER else ""
    return f"{item.low:g}–{item.high:g}{unit}"


def _describe(item: BreakEven) -> str:
    text = f"{item.assumption} {even_value(item)}"
    if item.status == "impossible":
        return f"{text} (impossible)"
    if item.status != "in range":
        return f"{text} ({item.status} {even_span(item)})"
    return text


def miss(implied: float, model: float) -> str:
    """How far an implied power per accelerator is from the model's, in words ("1.8 % below")."""
    share = implied / model - 1.0
    if abs(share) < AT:
        return "at"
    return f"{format_number(abs(share) * 100, 1)} % {'below' if share < 0 else 'above'}"


EDGE = 0.05
"""A break-even value within this share of its range's width from an end needs that end."""


def _edge(item: BreakEven) -> str:
    """ ", only at the optimistic edge of its range 1.08–1.5" when a fit needs a range's end."""
    width = item.high - item.low
    if width <= 0 or ACCEPTED.get(item.assumption) is not None:
        return ""  # a planning choice (usable fraction, headroom) has limits, not ends of a range
    # every ranged assumption, and the system power, needs the least power at its low end
    if item.value - item.low <= EDGE * width:
        return f", only at the optimistic edge of its range {even_span(item)}"
    if item.high - item.value <= EDGE * width:
        return f", only at the conservative edge of its range {even_span(item)}"
    return ""


def _near(item: BreakEven) -> str:
    if item.assumption == SYSTEM_POWER:
        return f"{item.value:.4g} kW"
    return f"{item.value:.3g}"


def _central(item: BreakEven) -> str:
    return f"{item.central:g} kW" if item.assumption == SYSTEM_POWER else f"{item.central:g}"


def _reading(inputs: Inputs, basis: Basis, implied: float, noun: str) -> Reading:
    assumptions = inputs.assumptions
    per_case = {case: float(inputs.watts_per_accelerator(case)[basis]) for case in CASES}
    verdict = verdict_for(implied, per_case["low"], per_case["high"])
    evens = tuple(
        break_even(name, implied, per_case["central"], assumptions) for name in applicable(basis, assumptions)
    )
    system = system_power_break_even(inputs, basis, implied, per_case["central"])
    if system is not None:
        evens += (system,)
    systems, _ = inputs.fleet.supported(inputs.need_power("a claim"), inputs.values("central"), basis)
    count = inputs.fleet.accelerators_in(systems)
    span = (
        f"the model gives {per_accelerator(per_case['low'])}–"
        f"{per_accelerator(per_case['high'])} per {noun}, central "
        f"{per_accelerator(per_case['central'])}"
    )
    central = f"{miss(implied, per_case['central'])} the central"
    if verdict == "plausible":
        text = f"fits ({span}); {central}"
    elif verdict == "implausible":
        text = (
            f"too little power ({span}; even the low end needs more): "
            f"{miss(implied, per_case['low'])} the low end, {central}"
        )
    else:
        text = (
            f"more power than the {noun}s use ({span}; even the high end needs less): "
            f"{miss(implied, per_case['high'])} the high end"
        )
    if evens:
        text += "; exact fit with " + ", ".join(_describe(e) for e in evens) + ", others central"
    return build(
        Reading,
        basis=basis,
        verdict=verdict,
        low=quantity(per_case["low"], W),
        central=quantity(per_case["central"], W),
        high=quantity(per_case["high"], W),
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
    if "plausible" not in (by_basis["it"].verdict, by_basis["facility"].verdict):
        # more than IT alone needs, less than the facility needs: neither reading fits
        return "between"
    return "plausible"


def _watts(value: Any) -> float:
    return float(value.m_as("W"))


def _conclusion(verdict: Verdict, readings: tuple[Reading, ...], implied: float) -> str:
    """One sentence on what would have to hold, with the miss as a percentage."""
    if verdict == "ample":
        last = readings[-1]
        return (
            f"the power exceeds what the accelerators can use ({miss(implied, _watts(last.high))} the "
            f"{BASIS_LABELS[last.basis]} high end): the count may be understated, or the power "
            "includes other loads or later phases"
        )
    if verdict == "implausible":
        first = readings[0]
        return (
            "not even the most optimistic assumptions fit: the power is too small for the count "
            f"({miss(implied, _watts(first.low))} the {BASIS_LABELS[first.basis]} low end, "
            f"{miss(implied, _watts(first.central))} the method's central value)"
        )
    if verdict == "between":
        return _between(readings, implied)
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
            + " or ".join(f"{e.assumption} near {_near(e)} (central {_central(e)}){_edge(e)}" for e in needed)
        )
    misses = ", ".join(
        f"{miss(implied, _watts(r.central))} the {BASIS_LABELS[r.basis]} central" for r in readings
    )
    return "it holds " + "; or ".join(fits) + f"; the claim is {misses}"


def _between(readings: tuple[Reading, ...], implied: float) -> str:
    """The verdict ``between``: ample as IT power, implausible as facility power; say what fits."""
    by_basis = {r.basis: r for r in readings}
    it, facility = by_basis["it"], by_basis["facility"]
    pue = next((e for e in facility.break_even if e.assumption == "pue"), None)
    floor = "" if pue is None else f" at pue >= {pue.low:g}"
    text = (
        f"it fits only between the readings: {per_accelerator(implied)} is more than IT alone needs "
        f"(at most {per_accelerator(_watts(it.high))}) and less than the facility needs{floor} (at "
        f"least {per_accelerator(_watts(facility.low))})"
    )
    if pue is not None:
        text += (
            f"; as facility power it needs pue {pue.value:.3f}, "
            + (f"{pue.status} {pue.low:g}–{pue.high:g}" if pue.status != "in range" else "within its range")
            + ", the others central"
        )
    return text


DERIVED_NOTES: dict[tuple[str, ...], str] = {
    ("count",): "power only: the count is what this power supports",
    ("power",): "count only: the power is what this count needs",
    ("count", "power"): "neither power nor count stated: both are what the claim's budget buys",
}
"""What a claim that states one figure is answered with, by the figures derived (sorted)."""


def derived_note(derived: tuple[str, ...]) -> str:
    """The words for the figures a claim does not state ("power only: the count is what this
    power supports"); empty when it states both."""
    return DERIVED_NOTES.get(tuple(sorted(set(derived))), "") if derived else ""


def _answered(derived: tuple[str, ...], power: str, count: str, basis: str) -> str:
    """The conclusion of a check whose power or count dcpower filled in: an answer, not a verdict."""
    figures = {"count": count, "power": power}
    shown = " and ".join(figures[name] for name in sorted(set(derived)))
    return (
        f"{derived_note(derived)} ({shown} at the {basis} basis, central); the claim does not state "
        "it, so this is an answer, not a verdict"
    )


def check_claim(
    power: Any = None, gpus: Any = None, accelerator: str | None = None, **inputs: Any
) -> ClaimResult:
    """Check whether `power` carries `gpus` accelerators.

    Args:
        power: The quoted power, e.g. ``"300 MW"`` (kVA/MVA converted with the power factor),
            or a `Scenario`.
        gpus: The claimed accelerator count. With `fleet`, the fleet's counts are its mix.
        accelerator: The accelerator id, for a single-type claim.
        inputs: The other inputs of `calc.scenario`: ``fleet`` (ids -> counts), ``facility``
            (supplies power, basis, count and fleet mix unless given), ``basis`` (unspecified,
            the default, chip, server, it, facility or supply), ``method`` (default, epoch,
            epoch-nested, semianalysis, nvidia-ra), ``assumptions`` (overrides).

    Returns:
        The verdict, the implied power per accelerator, one reading per basis (two for
        ``unspecified``) with low / central / high and break-even values, and a summary.

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    return claim_of(resolve(as_scenario(power, gpus=gpus, accelerator=accelerator, **inputs)))


def claim_of(inputs: Inputs) -> ClaimResult:
    """The claim check of resolved inputs (see `check_claim`)."""
    real_watts = inputs.need_power("a claim check")
    count = inputs.need_count("a claim check")
    where: ClaimBasis = inputs.scenario.basis or "unspecified"
    implied = real_watts / count
    noun = inputs.fleet.noun
    bases = UNSPECIFIED_READINGS if where == "unspecified" else (where,)
    point = tuple(_reading(inputs, b, implied, noun) for b in bases)
    span = implied_range(real_watts, count, inputs.scenario)
    readings = point if span is None else tuple(bounded_reading(r, span, noun) for r in point)
    verdict = _overall(readings, where)
    head = (
        f"{verdict}: {format_power(inputs.real_quantity)} for {count:,.0f} {noun}s is "
        f"{per_accelerator(implied)} per {noun}"
    )
    at_figures = _overall(point, where)
    if span is not None and at_figures != verdict:
        # the bounds, not the assumptions, carry the verdict: say so, and what the figures give
        conclusion = (
            f"So it is {verdict} only through its bounds: at the stated figures themselves it is "
            f"{at_figures}, and {_conclusion(at_figures, point, implied)}."
        )
    else:
        conclusion = "So " + _conclusion(verdict, readings, implied) + "."
    summary = "; ".join([head, *(r.summary for r in readings)]) + ". " + conclusion
    derived = inputs.scenario.derived
    if derived:  # dcpower filled the figure in: its own arithmetic, not something to judge
        conclusion = _answered(
            derived,
            format_power(inputs.real_quantity),
            f"{count:,.0f} {noun}s",
            BASIS_LABELS.get(where, where),
        )
        head = f"answered: {format_power(inputs.real_quantity)} for {count:,.0f} {noun}s"
        summary = f"{head}. {conclusion}."
    stated = ""
    if span is not None:
        stated = f"{stated_claim(inputs, count)} is {implied_text(span, noun)}"
        if not derived:
            head = f"{verdict}: {stated}"
            summary = "; ".join([head, *(r.summary for r in readings)]) + ". " + conclusion
    return build(
        ClaimResult,
        power=inputs.power,
        real_power=inputs.real_power,
        accelerators=round(count),
        fleet=inputs.fleet.entries(),
        basis=where,
        method=inputs.method,
        implied_power_per_accelerator=quantity(implied, W),
        verdict=verdict,
        readings=readings,
        chain=chain_table(inputs),
        assumptions=inputs.assumptions,
        conclusion=conclusion,
        summary=summary,
        noun=noun,
        notes=inputs.notes,
        power_bound=inputs.scenario.power_bound,
        count_bound=inputs.scenario.count_bound,
        implied_low=None if span is None else quantity(span[0], W),
        implied_high=None if span is None or math.isinf(span[1]) else quantity(span[1], W),
        stated=stated,
        derived=derived,
    )


def compare_methods(
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    *,
    methods: tuple[str, ...] | None = None,
    **inputs: Any,
) -> tuple[ClaimResult, ...]:
    """The same claim checked under each method (every assumption set unless named).

    The scenario's site facts and overrides apply under every method: a user's `--set` holds in
    each row, as it does in a single check.
    """
    scenario = as_scenario(power, gpus=gpus, accelerator=accelerator, **inputs)
    return tuple(claim_of(resolve(with_method(scenario, m))) for m in method_order(methods))


def method_order(methods: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The methods to compare: the default set first, then the others by id."""
    chosen = methods or list_presets("assumptions")
    return tuple(sorted(chosen, key=lambda m: (m != DEFAULT_METHOD, m)))


# ------------------------------------------------------------------------------------ bounds
# A claim stated with bounds ("more than 300 MW", "over 220,000 GPUs") allows a range of power
# per accelerator, not one value: from the least power over the most accelerators the words
# allow to the most power over the fewest. The claim is implausible only if even the top of
# that range is below the model's low end, ample only if even its bottom is above the model's
# high end, and plausible when the two ranges meet. Exact bounds give one value and the same
# verdict as `verdict_for`. Two lower bounds (or two upper bounds) leave the power per
# accelerator unknown, so such a claim can never be ruled out: it is plausible, and says so.

ABOUT = 0.10
"""How far "about", "roughly" or "~" may stray from the stated figure, either way. [-]"""

_BOUND_WORDS = {
    "exact": "",
    "at-least": "at least ",
    "at-most": "up to ",
    "about": "about ",
    "between": "",
}


def stated_range(value: float, bound: str, high: float | None = None) -> tuple[float, float]:
    """The values a stated figure allows: (lowest, highest), `math.inf` for no upper end.

    Args:
        value: The figure as stated.
        bound: exact, at-least, at-most, about or between.
        high: The upper end, for between.
    """
    if bound == "at-least":
        return value, math.inf
    if bound == "at-most":
        return 0.0, value
    if bound == "about":
        return value * (1 - ABOUT), value * (1 + ABOUT)
    if bound == "between" and high is not None:
        return value, high
    return value, value


def implied_range(watts: float, count: float, scenario: Scenario) -> tuple[float, float] | None:
    """The power per accelerator the scenario's bounds allow, (lowest, highest) [W]; None when
    power and count are both exact (one value: watts / count)."""
    if scenario.power_bound == "exact" and scenario.count_bound == "exact":
        return None
    power_low, power_high = stated_range(watts, scenario.power_bound)
    count_low, count_high = stated_range(count, scenario.count_bound, scenario.accelerators_high)
    lowest = 0.0 if math.isinf(count_high) else power_low / count_high
    highest = math.inf if count_low <= 0 or math.isinf(power_high) else power_high / count_low
    return lowest, highest


def bounded_verdict(lowest: float, highest: float, low: float, high: float) -> Verdict:
    """The verdict of a range of implied power per accelerator against the model's low–high.

    Implausible when even `highest` is below `low`; ample when even `lowest` is above `high`;
    plausible when the ranges meet. With lowest == highest this is `verdict_for`.
    """
    if verdict_for(highest, low, high) == "implausible":
        return "implausible"
    if verdict_for(lowest, low, high) == "ample":
        return "ample"
    return "plausible"


def implied_text(span: tuple[float, float], noun: str) -> str:
    """The range of power per accelerator in words ("0–1,363.6 W per GPU")."""
    lowest, highest = span
    if math.isinf(highest):
        if lowest <= 0:
            return f"any power per {noun} (the bounds leave it unknown)"
        return f"at least {per_accelerator(lowest)} per {noun}"
    if lowest <= 0:
        return f"at most {per_accelerator(highest)} per {noun}"
    return f"{format_number(lowest, 1)}–{per_accelerator(highest)} per {noun}"


def stated_claim(inputs: Inputs, count: float) -> str:
    """The claim as stated, with its bounds ("at least 300 MW for at least 220,000 GPUs")."""
    scenario = inputs.scenario
    power = _BOUND_WORDS[scenario.power_bound] + format_power(inputs.real_quantity)
    if scenario.count_bound == "between" and scenario.accelerators_high is not None:
        counted = f"{count:,.0f}–{scenario.accelerators_high:,.0f}"
    else:
        counted = _BOUND_WORDS[scenario.count_bound] + f"{count:,.0f}"
    return f"{power} for {counted} {inputs.fleet.noun}s"


def bounded_reading(reading: Reading, span: tuple[float, float], noun: str) -> Reading:
    """A reading judged on the range of power per accelerator the bounds allow."""
    low, high = reading.low.m_as(W), reading.high.m_as(W)
    verdict = bounded_verdict(span[0], span[1], low, high)
    if verdict == "implausible":
        why = "even the most the bounds allow is below the low end"
    elif verdict == "ample":
        why = "even the least the bounds allow is above the high end"
    elif span[0] <= low and (math.isinf(span[1]) or span[1] >= high) and span[0] < span[1]:
        why = "the bounds allow the whole model range, so they cannot rule it out"
    else:
        why = "the bounds meet the model range"
    note = f"as stated, {implied_text(span, noun)}: {verdict} ({why})"
    return build(Reading, **{**dict(reading), "verdict": verdict, "summary": f"{reading.summary}; {note}"})
