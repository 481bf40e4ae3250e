"""Uncertainty and sensitivity: Monte Carlo over the assumption ranges, tornado, sweeps.

Monte Carlo draws every assumption its row of `ASSUMPTIONS` marks as sampled (`SAMPLED`: the
ranged factors of the chain, not the planning choices, and the power factor) from a
distribution on its low / central / high (triangular by default) and pushes the samples through
`chain_watts` — the same formula as the point estimate, on numpy arrays. The power factor is
drawn only when the power is quoted as apparent power (kVA, MVA: the real power of each sample
is the quote x its power factor), and a system power whose sources disagree is drawn too
(triangular on its low / central / high). Percentiles are P5 / P50 / P95.

The tornado swings the ranged factors (`RANGED`) and, where a system preset gives a range for
its power, the system power (`system_power`); a sweep varies one of `SWEEP_NAMES`: the
sweepable factors, or the system power in kW per system.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Literal

import numpy as np
from pydantic import computed_field

from calc.assumption_table import ASSUMPTIONS, STEPS, sampled_names
from calc.capacity import single_basis
from calc.chain import (
    RANGED,
    SWEEPABLE,
    SYSTEM_POWER,
    Fleet,
    Inputs,
    case_inputs,
    resolve,
    system_power_varies,
    whole_systems,
)
from calc.claims import UNSPECIFIED_READINGS, claim_of
from calc.errors import InputError, did_you_mean, known_name, shown
from calc.inputs import as_scenario, with_basis
from calc.models import RANGE_LIMITS, Assumptions, Basis, CalcModel, Case, Range
from calc.solve import applicable
from calc.units import MW, ResultPower, W, is_apparent_power, plain_number, power_watts, quantity

Distribution = Literal["triangular", "uniform", "normal", "fixed"]
DISTRIBUTIONS: tuple[str, ...] = ("triangular", "uniform", "normal", "fixed")
SAMPLED: tuple[str, ...] = sampled_names(STEPS, ASSUMPTIONS)
"""The assumptions Monte Carlo draws: every ranged factor of the chain, and the power factor
(which converts a power quoted in kVA or MVA to real power)."""
SWEEP_NAMES: tuple[str, ...] = (*SWEEPABLE, SYSTEM_POWER)
"""What a sweep may vary: the sweepable assumptions and the system power [kW per system]."""
MAX_SAMPLES = 10_000_000
_Z95 = 1.6448536269514722  # P95 of the standard normal: low / high sit at P5 / P95


class Percentiles(CalcModel):
    """P5 / P50 / P95 of one sampled output."""

    p5: float
    p50: float
    p95: float


class PowerPercentiles(CalcModel):
    """P5 / P50 / P95 of a power. [W or MW]"""

    p5: ResultPower
    p50: ResultPower
    p95: ResultPower
    mean: ResultPower


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
        if ranged is None or name not in values:
            continue  # an unset optional range; the power factor (`sample_power_factor`)
        values[name] = _draw(ranged, kinds.get(name, "triangular"), n, rng, RANGE_LIMITS[name][:2])
    return values


def sample_power_factor(
    assumptions: Assumptions, n: int, rng: np.random.Generator, distributions: Mapping[str, str] | None = None
) -> Any:
    """The power factor drawn `n` times (triangular unless `distributions` says otherwise)."""
    kind = dict(distributions or {}).get("power_factor", "triangular")
    return _draw(assumptions.power_factor, kind, n, rng, RANGE_LIMITS["power_factor"][:2])


def sample_nameplate(inputs: Inputs, n: int, rng: np.random.Generator) -> Any:
    """The fleet's nameplate per accelerator drawn `n` times, triangular on a system-power range;
    the central figure when no system of the fleet has a range. [W]"""
    fleet = inputs.fleet
    low, central, high = (fleet.nameplate(case) for case in ("low", "central", "high"))
    if low == high:
        return central
    return rng.triangular(low, central, high, n)


def sampled_distributions(inputs: Inputs, kinds: Mapping[str, str], apparent: bool) -> dict[str, str]:
    """What a Monte Carlo run draws, each with its distribution: the ranged assumptions, the power
    factor for a power quoted as apparent power, and the system power where a system preset gives
    a range for it and the chain starts from it (always triangular on its low / central / high)."""
    drawn = {
        n: kinds.get(n, "triangular")
        for n in SAMPLED
        if getattr(inputs.assumptions, n) is not None and (n != "power_factor" or apparent)
    }
    if system_power_varies(inputs, "server"):
        drawn[SYSTEM_POWER] = "triangular"
    return drawn


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
                f"distribution: {shown(name)} is not a sampled assumption; accepted: {', '.join(SAMPLED)}"
            )
        if kind not in DISTRIBUTIONS:
            raise InputError(
                f"distribution: {name}={shown(kind)} is not a distribution; accepted: {', '.join(DISTRIBUTIONS)}"
            )
        chosen[name] = kind
    return chosen


def _counts(real_watts: Any, fleet: Fleet, per_accelerator: Any) -> Any:
    """Whole-system accelerator counts for a power (or an array of sampled powers) and arrays of
    average power per accelerator."""
    total = real_watts / per_accelerator
    count = np.zeros_like(per_accelerator)
    for share, item in zip(fleet.shares, fleet.items, strict=True):
        count += whole_systems(total * share, item.per_system) * item.per_system
    return count


def _percentiles(values: Any) -> tuple[float, float, float, float]:
    """P5, P50, P95 (order statistics: method "nearest") and the mean."""
    p5, p50, p95 = np.percentile(values, (5, 50, 95), method="nearest")
    return float(p5), float(p50), float(p95), float(np.mean(values))


def _power_percentiles(
    quantiles: tuple[float, float, float, float], unit: Any, scale: float = 1.0
) -> PowerPercentiles:
    divisor = 1e6 if unit is MW else 1.0
    p5, p50, p95, mean = (quantity(v * scale / divisor, unit) for v in quantiles)
    return PowerPercentiles(p5=p5, p50=p50, p95=p95, mean=mean)


def monte_carlo(
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    *,
    samples: int = 100_000,
    seed: int | None = 0,
    distributions: Mapping[str, str] | None = None,
    bins: int = 30,
    **inputs: Any,
) -> UncertaintyResult:
    """P5 / P50 / P95 of what a power supports, what a fleet needs, and whether a claim fits.

    Args:
        power: The power, e.g. ``"300 MW"``: gives the accelerators it supports. Or a `Scenario`.
        gpus: The accelerator count: gives the power it needs; with `power`, the fit probability.
        samples: Number of draws (1 to 10,000,000).
        seed: Seed of the random generator (default 0): the same seed gives the same numbers;
            None draws a fresh one.
        distributions: Assumption (power_factor too, which is drawn only for a power in kVA
            or MVA) -> triangular on low / central / high (default); uniform on
            low–high; normal with its mean at central and standard deviation (high - low) / 3.29
            (so low and high are P5 and P95 when central is midway), clipped to the physical
            limits; or fixed at central.
        inputs: The other inputs of `calc.scenario`. The basis: unspecified (both IT and
            facility readings) or one basis; default facility without a count, unspecified
            with one.

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    samples, seed = plain_number(samples), plain_number(seed)
    if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= MAX_SAMPLES:
        raise InputError(f"samples: {samples!r} must be a whole number from 1 to {MAX_SAMPLES:,}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63):
        raise InputError(f"seed: {seed!r} must be a whole number from 0 to 2**63 - 1")
    kinds = parse_distributions(distributions)
    resolved = resolve(as_scenario(power, gpus=gpus, accelerator=accelerator, **inputs))
    watts, count = resolved.watts, resolved.count
    if watts is None and count is None:
        raise InputError("give a power, an accelerator count (gpus), or both")
    given = resolved.scenario.basis or (
        "unspecified" if watts is not None and count is not None else "facility"
    )
    notes = resolved.notes
    bases: tuple[Basis, ...]
    if given == "unspecified" and watts is not None and count is not None:
        bases = UNSPECIFIED_READINGS
    else:
        extra: list[str] = []
        bases = (single_basis(given, extra),)
        notes = (*extra, *notes)
    context = resolved
    rng = np.random.default_rng(seed)
    chain = context.fleet.watts(
        sample_inputs(context.assumptions, samples, rng, kinds),
        nameplate=sample_nameplate(context, samples, rng),
    )
    quoted = context.power
    apparent = quoted is not None and is_apparent_power(quoted)
    real: Any = watts
    if quoted is not None and apparent:
        # a power quoted in kVA or MVA: each sample's real power is the quote x its power factor
        real = power_watts(quoted) * sample_power_factor(context.assumptions, samples, rng, kinds)
    readings = []
    for b in bases:
        per = np.broadcast_to(np.asarray(chain[b], dtype=float), (samples,))
        quantiles = _percentiles(per)
        reading: dict[str, Any] = {"basis": b, "power_per_accelerator": _power_percentiles(quantiles, W)}
        if watts is not None and apparent:
            supported = _counts(real, context.fleet, per)
            p5, p50, p95 = np.percentile(supported, (5, 50, 95), method="nearest")
            reading["accelerators"] = Percentiles(p5=float(p5), p50=float(p50), p95=float(p95))
        elif watts is not None:
            # Whole-system counts fall as power per accelerator rises (a monotone function), so
            # with order statistics the count's P5 is the count at the power's P95, and so on:
            # exact, and it spares a sort of a second array.
            p95, p50, p5 = _counts(watts, context.fleet, np.array(quantiles[:3]))
            reading["accelerators"] = Percentiles(p5=float(p5), p50=float(p50), p95=float(p95))
        if count is not None:
            reading["required_power"] = _power_percentiles(quantiles, MW, count)
        if watts is not None and count is not None:
            fits = per <= real / count * (1 + 1e-12)
            reading["fit_probability"] = float(np.count_nonzero(fits)) / samples
        readings.append(UncertaintyReading(**reading))
    implied = watts / count if watts is not None and count is not None else None
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
        distributions=sampled_distributions(context, kinds, apparent),
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
    """One assumption (or the system power) swung from low to high, the others central."""

    assumption: str
    """The assumption's name, or ``system_power`` for a system power whose sources disagree."""
    low: float
    """The low value: the assumption's, or for ``system_power`` the system power per
    accelerator of the low case, weighted over the fleet. [- or W]"""
    high: float
    output_at_low: float
    output_at_high: float
    swing: float
    """|output at high - output at low|."""

    def value_text(self, value: float) -> str:
        """The low or high value as shown: an assumption's number, or a system power per
        accelerator in watts ("1,667 W")."""
        return f"{value:,.0f} W" if self.assumption == SYSTEM_POWER else f"{value:g}"


class TornadoResult(CalcModel):
    """Assumptions ranked by how much they move one output."""

    output: str
    unit: str
    basis: Basis
    """The basis the output was read at (an unspecified basis is read as facility)."""
    method: str
    central: float
    ranking: tuple[TornadoBar, ...]
    """The assumptions, the one that moves the output most first."""
    most_important: str | None
    notes: tuple[str, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def bars(self) -> tuple[TornadoBar, ...]:
        """The same as `ranking`, under the name of dcpower 0.1; it goes in a later release."""
        return self.ranking


def _output(inputs: Inputs, values: Mapping[str, Any], basis: Basis, case: Case = "central") -> float:
    """The tornado's output: accelerators supported, else power needed [MW], else W each.
    `case` picks the end of a system-power range (the nameplate the chain starts from)."""
    fleet = inputs.fleet
    if inputs.watts is not None:
        systems, _ = fleet.supported(inputs.watts, dict(values), basis, case)
        return float(fleet.accelerators_in(systems))
    per = float(fleet.watts(dict(values), case)[basis])
    if inputs.count is not None:
        return per * inputs.count / 1e6
    return per


def _single(scenario_inputs: Inputs) -> tuple[Basis, tuple[str, ...]]:
    """The one basis a tornado or a sweep reads, and a note when an unspecified basis is read."""
    notes: list[str] = []
    where = single_basis(scenario_inputs.scenario.basis, notes)
    return where, (*notes, *scenario_inputs.notes)


def tornado(
    power: Any = None, gpus: Any = None, accelerator: str | None = None, **inputs: Any
) -> TornadoResult:
    """Swing each assumption low → high with the others central; rank by the change.

    Where a system preset gives a range for its power (sources disagree: a GB200 NVL72 rack is
    120 / 132 / 132 kW), the system power is swung too, as the bar ``system_power``: its low
    and high are the fleet's system power per accelerator in the low and high case. [W]

    The output is the accelerators a power supports (when a power is given), else the power a
    count needs [MW], else the power per accelerator [W]. The basis defaults to facility; an
    unspecified basis is read as facility power, and the result says which basis it read.

    Args:
        power: The power, or a `Scenario`.
        inputs: The other inputs of `calc.scenario`.
    """
    resolved = resolve(as_scenario(power, gpus=gpus, accelerator=accelerator, **inputs))
    where, notes = _single(resolved)
    central_values = resolved.values("central")
    central = _output(resolved, central_values, where)
    bars = []
    for name in applicable(where, resolved.assumptions):
        if name not in RANGED:
            continue  # planning choices without a range
        values: Range = getattr(resolved.assumptions, name)
        outputs = [
            _output(resolved, {**central_values, name: values.value(case)}, where) for case in ("low", "high")
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
    if system_power_varies(resolved, where):
        ends = [_output(resolved, central_values, where, case) for case in ("low", "high")]
        bars.append(
            TornadoBar(
                assumption=SYSTEM_POWER,
                low=resolved.fleet.nameplate("low"),
                high=resolved.fleet.nameplate("high"),
                output_at_low=ends[0],
                output_at_high=ends[1],
                swing=abs(ends[1] - ends[0]),
            )
        )
    bars.sort(key=lambda bar: bar.swing, reverse=True)
    if resolved.watts is not None:
        output, unit = f"accelerators supported at the {where} basis", "accelerators"
    elif resolved.count is not None:
        output, unit = f"power needed at the {where} basis", "MW"
    else:
        output, unit = f"power per accelerator at the {where} basis", "W"
    return TornadoResult(
        output=output,
        unit=unit,
        basis=where,
        method=resolved.method,
        central=central,
        ranking=tuple(bars),
        most_important=bars[0].assumption if bars and bars[0].swing > 0 else None,
        notes=notes,
    )


class SweepRow(CalcModel):
    """One value of the varied input and what it gives."""

    value: float
    power_per_accelerator: ResultPower
    accelerators: int | None = None
    required_power: ResultPower | None = None
    verdict: str | None = None


class SweepResult(CalcModel):
    """One input varied over a range, the others central."""

    vary: str
    basis: Basis
    method: str
    rows: tuple[SweepRow, ...]
    notes: tuple[str, ...] = ()


def parse_sweep(text: str) -> tuple[str, float, float, int]:
    """Parse ``NAME=START:STOP:POINTS`` (the CLI's ``--vary``): POINTS values from START to STOP."""
    if not isinstance(text, str):
        raise InputError(f"vary: {text!r} must be text NAME=START:STOP:POINTS, e.g. 'pue=1.05:1.6:12'")
    echo = shown(text)
    name, _, span = text.partition("=")
    parts = span.split(":")
    if len(parts) != 3:
        raise InputError(f"vary: {echo} must be NAME=START:STOP:POINTS, e.g. 'pue=1.05:1.6:12'")
    try:
        start, stop = float(parts[0]), float(parts[1])
        points = int(parts[2])
    except ValueError:
        raise InputError(
            f"vary: {echo} must be NAME=START:STOP:POINTS with numbers, e.g. 'pue=1.05:1.6:12'"
        ) from None
    return name.strip(), start, stop, points


def sweep(
    vary: str,
    start: float,
    stop: float,
    points: int,
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    **inputs: Any,
) -> SweepResult:
    """Vary one assumption (or the system power) from `start` to `stop` over `points` values.

    Each row is the scenario with that one assumption set, checked exactly as
    ``dcpower check --basis BASIS --set NAME=VALUE`` would check it: the power per accelerator,
    the accelerators supported (with a power), the power needed (with a count) and the claim's
    verdict (with both). The basis defaults to facility; an unspecified basis is read as
    facility power, and the result names the basis it read.

    Varying ``system_power`` sets the system power of a fleet of one type, in kW per system
    (e.g. a GB200 NVL72 rack from 120 to 132 kW), in place of its preset's figure or range.

    Args:
        vary: One of `SWEEP_NAMES`: a sweepable assumption, or system_power [kW per system].
        power: The power, or a `Scenario`.
        inputs: The other inputs of `calc.scenario`.
    """
    if vary not in SWEEP_NAMES:
        known = known_name(vary, SWEEP_NAMES)  # --vary PUE=... is --vary pue=...
        if known is None:
            raise InputError(
                f"vary: {shown(vary)} cannot be varied; {did_you_mean(vary, SWEEP_NAMES)}"
                f"accepted: {', '.join(SWEEP_NAMES)}"
            )
        vary = known
    start, stop, points = plain_number(start), plain_number(stop), plain_number(points)
    for label, number in (("start", start), ("stop", stop)):
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise InputError(f"vary: {label} {number!r} is not a number")
    if isinstance(points, bool) or not isinstance(points, int) or not 2 <= points <= 1000:
        raise InputError(f"vary: {points!r} points; accepted: a whole number from 2 to 1000")
    if not (math.isfinite(start) and math.isfinite(stop)) or start >= stop:
        raise InputError(f"vary: start {start:g} must be below stop {stop:g}")
    if vary == SYSTEM_POWER and start <= 0:
        raise InputError(f"vary: system_power start {start:g} kW must be above 0")
    scenario = as_scenario(power, gpus=gpus, accelerator=accelerator, **inputs)
    resolved = resolve(scenario)
    where, notes = _single(resolved)
    if vary == "server_factor" and resolved.assumptions.server_factor is None:
        raise InputError("vary: server_factor is not set by this method; use --method epoch or epoch-nested")
    if vary == SYSTEM_POWER:
        _check_system_power_sweep(resolved)
    at_basis = with_basis(scenario, where)
    rows = []
    for value in np.linspace(start, stop, points):
        point = float(value)
        if vary == SYSTEM_POWER:
            row_inputs = _with_system_power(resolve(at_basis), point)
        else:
            changed = at_basis.model_validate(
                {**dict(at_basis), "overrides": {**at_basis.overrides, vary: point}}
            )
            row_inputs = resolve(changed)
        per = float(row_inputs.watts_per_accelerator("central")[where])
        row: dict[str, Any] = {"value": point, "power_per_accelerator": quantity(per, W)}
        if row_inputs.watts is not None:
            row["accelerators"] = int(_output(row_inputs, row_inputs.values("central"), where))
        if row_inputs.count is not None:
            row["required_power"] = quantity(per * row_inputs.count / 1e6, MW)
        if row_inputs.watts is not None and row_inputs.count is not None:
            row["verdict"] = claim_of(row_inputs).verdict
        rows.append(SweepRow(**row))
    return SweepResult(vary=vary, basis=where, method=resolved.method, rows=tuple(rows), notes=notes)


def _check_system_power_sweep(inputs: Inputs) -> None:
    """A system-power sweep needs one system type and a chain that starts from its nameplate."""
    if len(inputs.fleet.items) != 1:
        raise InputError("vary: system_power needs a fleet of one system type; this fleet has several")
    if inputs.assumptions.server_factor is not None:
        raise InputError(
            "vary: system_power does not enter this method's chain (server = TDP x server_factor); "
            "use --method default"
        )


def _with_system_power(inputs: Inputs, kilowatts: float) -> Inputs:
    """The inputs with the one system's power set to `kilowatts` (no range: a point)."""
    item = inputs.fleet.items[0]
    per = kilowatts * 1000.0 / item.per_system
    changed = replace(
        item,
        nameplate=per,
        nameplate_low=None,
        nameplate_high=None,
        nameplate_text=f"{kilowatts:g} kW / {item.per_system}",
    )
    return replace(inputs, fleet=Fleet((changed,)))
