"""Uncertainty and sensitivity: Monte Carlo over the assumption ranges, tornado, sweeps.

Monte Carlo draws every ranged assumption from a distribution on its low / central / high
(triangular by default) and pushes the samples through `chain_watts` — the same formula as the
point estimate, on numpy arrays. Percentiles are P5 / P50 / P95.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np

from calc.assumptions import merge_layers
from calc.capacity import check_basis, real_power, supported
from calc.chain import Context, build_context, case_inputs, fleet_watts, parse_count
from calc.claims import UNSPECIFIED_READINGS, check_claim
from calc.errors import InputError
from calc.models import (
    BASES,
    CLAIM_BASES,
    RANGE_LIMITS,
    Assumptions,
    Basis,
    CalcModel,
    Facility,
    Range,
)
from calc.solve import applicable
from calc.units import MW, Q_, Power, W

Distribution = Literal["triangular", "uniform", "normal", "fixed"]
DISTRIBUTIONS: tuple[str, ...] = ("triangular", "uniform", "normal", "fixed")
SAMPLED: tuple[str, ...] = ("draw_factor", "it_overhead", "pue", "server_factor")
MAX_SAMPLES = 10_000_000
_Z95 = 1.6448536269514722  # P95 of the standard normal: low / high sit at P5 / P95


class Percentiles(CalcModel):
    """P5 / P50 / P95 of one sampled output."""

    p5: float
    p50: float
    p95: float


class PowerPercentiles(CalcModel):
    """P5 / P50 / P95 of a power. [W or MW]"""

    p5: Power
    p50: Power
    p95: Power
    mean: Power


class UncertaintyReading(CalcModel):
    """The sampled outputs at one basis."""

    basis: Basis
    power_per_accelerator: PowerPercentiles
    """Power per accelerator. [W]"""
    accelerators: Percentiles | None = None
    """Accelerators the power supports, in whole systems (when a power is given)."""
    required_power: PowerPercentiles | None = None
    """Power the accelerators need (when a count is given). [MW]"""
    fit_probability: float | None = None
    """Share of samples in which the power carries the count at this basis."""


class Histogram(CalcModel):
    """Counts of samples of power per accelerator at the main basis, for a chart."""

    basis: Basis
    edges: tuple[float, ...]
    """Bin edges. [W]"""
    counts: tuple[int, ...]
    implied: float | None = None
    """The claim's implied power per accelerator, to mark on the chart. [W]"""


class UncertaintyResult(CalcModel):
    """Monte Carlo over the assumption ranges."""

    samples: int
    seed: int | None
    method: str
    distributions: dict[str, str]
    readings: tuple[UncertaintyReading, ...]
    p5: float | None = None
    """P5 of the headline output: accelerators supported if a power is given, else the
    power per accelerator at the main basis. [count or W]"""
    p50: float | None = None
    p95: float | None = None
    headline: str
    """What p5 / p50 / p95 are of."""
    claim_fit_probability: float | None = None
    """Share of samples in which the power carries the count; for an unspecified basis, the
    stricter facility reading (each reading has its own)."""
    histogram: Histogram
    notes: tuple[str, ...] = ()


def _draw(values: Range, kind: str, n: int, rng: np.random.Generator, limits: tuple[float, float]) -> Any:
    if kind == "fixed" or values.low == values.high:
        return np.full(n, values.central)
    if kind == "triangular":
        return rng.triangular(values.low, values.central, values.high, n)
    if kind == "uniform":
        return rng.uniform(values.low, values.high, n)
    spread = (values.high - values.low) / (2 * _Z95)
    return np.clip(rng.normal(values.central, spread, n), *limits)


def sample_inputs(
    assumptions: Assumptions,
    n: int,
    rng: np.random.Generator,
    distributions: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Keyword arguments of `chain_watts` with each ranged assumption drawn `n` times."""
    kinds = dict(distributions or {})
    values = case_inputs(assumptions, "central")
    for name in SAMPLED:
        ranged = getattr(assumptions, name)
        if ranged is None:
            continue
        values[name] = _draw(ranged, kinds.get(name, "triangular"), n, rng, RANGE_LIMITS[name][:2])
    return values


def parse_distributions(items: Mapping[str, str] | list[str] | None) -> dict[str, str]:
    """Validate ``{assumption: distribution}`` (or ``NAME=KIND`` strings)."""
    if not items:
        return {}
    pairs = items.items() if isinstance(items, Mapping) else (i.partition("=")[::2] for i in items)
    chosen = {}
    for name, kind in pairs:
        name, kind = name.strip(), kind.strip()
        if name not in SAMPLED:
            raise InputError(
                f"distribution: {name!r} is not a sampled assumption; accepted: {', '.join(SAMPLED)}"
            )
        if kind not in DISTRIBUTIONS:
            raise InputError(
                f"distribution: {name}={kind!r} is not a distribution; accepted: {', '.join(DISTRIBUTIONS)}"
            )
        chosen[name] = kind
    return chosen


def _counts(power_watts: float, context: Context, per_accelerator: Any, basis: Basis) -> Any:
    """Whole-system accelerator counts for arrays of average power per accelerator."""
    total = power_watts / per_accelerator
    count = np.zeros_like(per_accelerator)
    for share, item in zip(context.fleet.shares, context.fleet.items, strict=True):
        per_system = item.system.accelerators_per_system
        count += np.floor(total * share / per_system + 1e-9) * per_system
    return count


def _percentiles(values: Any) -> tuple[float, float, float, float]:
    """P5, P50, P95 (order statistics: method "nearest") and the mean."""
    p5, p50, p95 = np.percentile(values, (5, 50, 95), method="nearest")
    return float(p5), float(p50), float(p95), float(np.mean(values))


def _power_percentiles(
    quantiles: tuple[float, float, float, float], unit: Any, scale: float = 1.0
) -> PowerPercentiles:
    p5, p50, p95, mean = (Q_(v * scale, W).to(unit) for v in quantiles)
    return PowerPercentiles(p5=p5, p50=p50, p95=p95, mean=mean)


def monte_carlo(
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    *,
    fleet: Mapping[str, Any] | None = None,
    facility: str | Facility | None = None,
    basis: str | None = None,
    method: str | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
    samples: int = 100_000,
    seed: int | None = None,
    distributions: Mapping[str, str] | None = None,
    bins: int = 30,
) -> UncertaintyResult:
    """P5 / P50 / P95 of what a power supports, what a fleet needs, and whether a claim fits.

    Args:
        power: The power, e.g. ``"300 MW"``: gives the accelerators it supports.
        gpus: The accelerator count: gives the power it needs; with `power`, the fit probability.
        basis: unspecified (both IT and facility readings), or one basis; default facility
            without a count, unspecified with one.
        samples: Number of draws (1 to 10,000,000).
        seed: Seed of the random generator: the same seed gives the same numbers.
        distributions: Assumption -> triangular on low / central / high (default); uniform on
            low–high; normal with its mean at central and standard deviation (high - low) / 3.29
            (so low and high are P5 and P95 when central is midway), clipped to the physical
            limits; or fixed at central.

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= MAX_SAMPLES:
        raise InputError(f"samples: {samples!r} must be a whole number from 1 to {MAX_SAMPLES:,}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise InputError(f"seed: {seed!r} must be a whole number >= 0")
    kinds = parse_distributions(distributions)
    context, watts, count, basis, notes = _inputs(
        power, gpus, accelerator, fleet, facility, basis, method, assumptions
    )
    if watts is None and count is None:
        raise InputError("give a power, an accelerator count (gpus), or both")
    where = check_basis(
        basis or ("unspecified" if watts is not None and count is not None else "facility"), CLAIM_BASES
    )
    bases: tuple[Basis, ...] = UNSPECIFIED_READINGS if where == "unspecified" else (where,)

    rng = np.random.default_rng(seed)
    chain = fleet_watts(context.fleet, sample_inputs(context.assumptions, samples, rng, kinds))
    implied = watts / count if watts is not None and count is not None else None
    readings = []
    for b in bases:
        per = np.broadcast_to(np.asarray(chain[b], dtype=float), (samples,))
        quantiles = _percentiles(per)
        reading: dict[str, Any] = {"basis": b, "power_per_accelerator": _power_percentiles(quantiles, W)}
        if watts is not None:
            # Whole-system counts fall as power per accelerator rises (a monotone function), so
            # with order statistics the count's P5 is the count at the power's P95, and so on:
            # exact, and it spares a sort of a second array.
            p95, p50, p5 = _counts(watts, context, np.array(quantiles[:3]), b)
            reading["accelerators"] = Percentiles(p5=float(p5), p50=float(p50), p95=float(p95))
        if count is not None:
            reading["required_power"] = _power_percentiles(quantiles, MW, count)
        if implied is not None:
            reading["fit_probability"] = float(np.count_nonzero(per <= implied * (1 + 1e-12))) / samples
        readings.append(UncertaintyReading(**reading))
    main = readings[-1]
    main_samples = np.broadcast_to(np.asarray(chain[main.basis], dtype=float), (samples,))
    counts, edges = np.histogram(main_samples, bins=bins)
    if main.accelerators is not None:
        headline = f"accelerators supported at the {main.basis} basis"
        p5, p50, p95 = main.accelerators.p5, main.accelerators.p50, main.accelerators.p95
    else:
        headline = f"power per accelerator at the {main.basis} basis [W]"
        p5, p50, p95 = (
            float(q.m_as(W))
            for q in (
                main.power_per_accelerator.p5,
                main.power_per_accelerator.p50,
                main.power_per_accelerator.p95,
            )
        )
    return UncertaintyResult(
        samples=samples,
        seed=seed,
        method=context.method,
        distributions={
            n: kinds.get(n, "triangular") for n in SAMPLED if getattr(context.assumptions, n) is not None
        },
        readings=tuple(readings),
        p5=p5,
        p50=p50,
        p95=p95,
        headline=headline,
        claim_fit_probability=main.fit_probability,
        histogram=Histogram(
            basis=main.basis,
            edges=tuple(float(e) for e in edges),
            counts=tuple(int(c) for c in counts),
            implied=implied,
        ),
        notes=notes,
    )


# ---------------------------------------------------------------------------- sensitivity


class TornadoBar(CalcModel):
    """One assumption swung from low to high, the others central."""

    assumption: str
    low: float
    high: float
    output_at_low: float
    output_at_high: float
    swing: float
    """|output at high - output at low|."""


class TornadoResult(CalcModel):
    """Assumptions ranked by how much they move one output."""

    output: str
    unit: str
    basis: Basis
    method: str
    central: float
    bars: tuple[TornadoBar, ...]
    most_important: str | None
    notes: tuple[str, ...] = ()


def _output(
    context: Context, values: Mapping[str, Any], basis: Basis, watts: float | None, count: float | None
) -> float:
    per = float(fleet_watts(context.fleet, values)[basis])
    if watts is not None:
        systems, _ = supported(watts, context.fleet, values, basis)
        return float(
            sum(
                n * i.system.accelerators_per_system
                for n, i in zip(systems, context.fleet.items, strict=True)
            )
        )
    if count is not None:
        return per * count / 1e6
    return per


def _inputs(
    power: Any,
    gpus: Any,
    accelerator: str | None,
    fleet: Any,
    facility: Any,
    basis: str | None,
    method: str | None,
    assumptions: Any,
) -> tuple[Context, float | None, float | None, str | None, tuple[str, ...]]:
    """Resolve the fleet and assumptions; fill power, count and basis from a facility where unset.

    Returns:
        (context, real power [W] or None, accelerator count or None, basis as given, notes)
    """
    context = build_context(
        accelerator=accelerator,
        fleet=fleet,
        facility=facility,
        method=method,
        assumptions=assumptions,
        mix_weights=gpus is None,
    )
    site = context.facility
    if site is not None:
        power = site.power if power is None else power
        gpus = site.accelerators if gpus is None else gpus
        basis = site.basis if basis is None else basis
    if gpus is None and fleet:
        gpus = context.fleet.total
    notes = context.notes
    watts = None
    if power is not None:
        _, real, power_notes = real_power(power, context.assumptions)
        watts, notes = float(real.m_as(W)), (*power_notes, *notes)
    count = parse_count(gpus, "gpus") if gpus is not None else None
    return context, watts, count, basis, notes


def _resolve(*args: Any) -> tuple[Context, float | None, float | None, Basis, tuple[str, ...]]:
    """`_inputs` with the basis of a single reading: unspecified is read as facility power."""
    context, watts, count, basis, notes = _inputs(*args)
    chosen = basis or "facility"
    where: Basis = "facility" if chosen == "unspecified" else check_basis(chosen, BASES)
    return context, watts, count, where, notes


def tornado(
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    *,
    fleet: Mapping[str, Any] | None = None,
    facility: str | Facility | None = None,
    basis: str | None = None,
    method: str | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
) -> TornadoResult:
    """Swing each assumption low → high with the others central; rank by the change.

    The output is the accelerators a power supports (when a power is given), else the power a
    count needs [MW], else the power per accelerator [W]. An unspecified basis is read as
    facility power.
    """
    context, watts, count, where, notes = _resolve(
        power, gpus, accelerator, fleet, facility, basis, method, assumptions
    )
    central_values = case_inputs(context.assumptions, "central")
    central = _output(context, central_values, where, watts, count)
    bars = []
    for name in applicable(where, context.assumptions):
        if name in ("usable_fraction", "headroom"):
            continue  # planning choices without a range
        values: Range = getattr(context.assumptions, name)
        outputs = [
            _output(context, {**central_values, name: values.value(case)}, where, watts, count)
            for case in ("low", "high")
        ]
        bars.append(
            TornadoBar(
                assumption=name,
                low=values.low,
                high=values.high,
                output_at_low=outputs[0],
                output_at_high=outputs[1],
                swing=abs(outputs[1] - outputs[0]),
            )
        )
    bars.sort(key=lambda bar: bar.swing, reverse=True)
    if watts is not None:
        output, unit = f"accelerators supported at the {where} basis", "accelerators"
    elif count is not None:
        output, unit = f"power needed at the {where} basis", "MW"
    else:
        output, unit = f"power per accelerator at the {where} basis", "W"
    return TornadoResult(
        output=output,
        unit=unit,
        basis=where,
        method=context.method,
        central=central,
        bars=tuple(bars),
        most_important=bars[0].assumption if bars and bars[0].swing > 0 else None,
        notes=notes,
    )


class SweepRow(CalcModel):
    """One value of the varied input and what it gives."""

    value: float
    power_per_accelerator: Power
    accelerators: int | None = None
    required_power: Power | None = None
    verdict: str | None = None


class SweepResult(CalcModel):
    """One input varied over a range, the others central."""

    vary: str
    basis: Basis
    method: str
    rows: tuple[SweepRow, ...]
    notes: tuple[str, ...] = ()


SWEEPABLE: tuple[str, ...] = ("draw_factor", "it_overhead", "pue", "server_factor", "headroom")


def parse_sweep(text: str) -> tuple[str, float, float, int]:
    """Parse ``NAME=START:STOP:STEPS`` (the CLI's ``--vary``)."""
    name, _, span = text.partition("=")
    parts = span.split(":")
    if len(parts) != 3:
        raise InputError(f"vary: {text!r} must be NAME=START:STOP:STEPS, e.g. 'pue=1.05:1.6:12'")
    try:
        start, stop = float(parts[0]), float(parts[1])
        steps = int(parts[2])
    except ValueError:
        raise InputError(
            f"vary: {text!r} must be NAME=START:STOP:STEPS with numbers, e.g. 'pue=1.05:1.6:12'"
        ) from None
    return name.strip(), start, stop, steps


def sweep(
    vary: str,
    start: float,
    stop: float,
    steps: int,
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    *,
    fleet: Mapping[str, Any] | None = None,
    facility: str | Facility | None = None,
    basis: str | None = None,
    method: str | None = None,
    assumptions: Assumptions | Mapping[str, Any] | None = None,
) -> SweepResult:
    """Vary one assumption from `start` to `stop` in `steps` values (as a point), others as set.

    Each row gives the power per accelerator, and the accelerators supported (with a power),
    the power needed (with a count) and the claim's verdict (with both). An unspecified basis
    is read as facility power.
    """
    if vary not in SWEEPABLE:
        raise InputError(f"vary: {vary!r} cannot be varied; accepted: {', '.join(SWEEPABLE)}")
    if isinstance(steps, bool) or not 2 <= steps <= 1000:
        raise InputError(f"vary: {steps!r} steps; accepted: 2 to 1000")
    if not (math.isfinite(start) and math.isfinite(stop)) or start >= stop:
        raise InputError(f"vary: start {start:g} must be below stop {stop:g}")
    context, watts, count, where, notes = _resolve(
        power, gpus, accelerator, fleet, facility, basis, method, assumptions
    )
    if vary == "server_factor" and context.assumptions.server_factor is None:
        raise InputError("vary: server_factor is not set by this method; use --method epoch or epoch-nested")
    fleet_ids = {item.accelerator.id: item.count for item in context.fleet.items}
    base_layer = context.assumptions.model_dump()
    rows = []
    for value in np.linspace(start, stop, steps):
        chosen = merge_layers(base_layer, {vary: float(value)})  # a number is a point value
        values = case_inputs(chosen, "central")
        per = float(fleet_watts(context.fleet, values)[where])
        row: dict[str, Any] = {"value": float(value), "power_per_accelerator": Q_(per, W)}
        if watts is not None:
            row["accelerators"] = int(_output(context, values, where, watts, None))
        if count is not None:
            row["required_power"] = Q_(per * count, W).to(MW)
        if watts is not None and count is not None:
            claim = check_claim(Q_(watts, W), count, fleet=fleet_ids, basis=where, assumptions=chosen)
            row["verdict"] = claim.verdict
        rows.append(SweepRow(**row))
    return SweepResult(vary=vary, basis=where, method=context.method, rows=tuple(rows), notes=notes)
