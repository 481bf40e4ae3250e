"""What a power buys in compute: H100-equivalents, peak and effective FLOP/s, FLOP per year.

The chain runs power → accelerators in whole systems (calc.capacity) → dense peak throughput
per precision (from each accelerator preset's `throughput`) → effective throughput at a model
FLOP utilisation (`mfu`) and an availability over the year.

H100-equivalents follow Epoch AI's convention: dense 8-bit OP/s ÷ the H100 SXM's dense FP8
(1.979e15), taking INT8 where a chip has no FP8. The 16-bit variant divides dense BF16 (FP16
where a chip has no BF16) by the H100 SXM's dense BF16 (989.4e12). Both references are read
from the h100-sxm preset.

References:
    Epoch AI, Frontier Data Centers hub (epoch.ai/data/data-centers): every timeline row has
    8-bit OP/s ÷ H100e = 1.979e15.
    Meta, "The Llama 3 Herd of Models" (arXiv 2407.21783): 38–43 % BF16 MFU on 16k H100.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from calc.capacity import capacity_at, required_power, single_basis, whole_counts
from calc.chain import (
    RANGED,
    SWEEPABLE,
    SYSTEM_POWER,
    Inputs,
    chain_watts,
    resolve,
    system_power_varies,
    whole_systems,
)
from calc.errors import InputError, one_of
from calc.inputs import _validated, as_scenario
from calc.models import (
    BASES,
    RANGE_LIMITS,
    AcceleratorSpec,
    Assumptions,
    Basis,
    CalcModel,
    Case,
    CaseValues,
    FleetEntry,
    Precision,
    build,
    parse_throughput,
)
from calc.presets import load_accelerator, load_preset
from calc.solve import applicable
from calc.units import Power, is_apparent_power, power_watts

PRECISIONS: tuple[Precision, ...] = ("fp4", "fp8", "int8", "bf16", "fp16", "fp64")
"""Every precision a preset may give, in the order reports list them."""
THRESHOLDS = (1e25, 1e26, 1e27)
"""Training-compute thresholds reported as days to reach [FLOP]; 1e25 is the EU AI Act's."""
SECONDS_PER_YEAR = 365.25 * 86400
REFERENCE = "h100-sxm"
Convention = Literal["8-bit", "16-bit"]
CONVENTION_TEXT = {
    "8-bit": "H100e = dense 8-bit OP/s ÷ 1.979e15, the H100 SXM's dense FP8 (Epoch AI's convention; INT8 where a chip has no FP8)",
    "16-bit": "H100e (16-bit) = dense BF16 FLOP/s ÷ 989.4e12, the H100 SXM's dense BF16 (FP16 where a chip has no BF16)",
}
_FALLBACK: dict[Convention, tuple[Precision, ...]] = {
    "8-bit": ("fp8", "int8"),
    "16-bit": ("bf16", "fp16"),
}
_NAMES: dict[str, str] = {p: p.upper() for p in PRECISIONS}


class Figure(CalcModel):
    """One figure with its low / central / high values."""

    name: str
    low: float
    central: float
    high: float
    unit: str = ""
    note: str = ""
    """What the figure assumes, or why it is missing."""


class ComputeLine(CalcModel):
    """One accelerator type of the fleet and what it contributes."""

    accelerator: str
    counted_as: str
    """What one unit is (GPU, module, chip): the throughput figures count per unit."""
    accelerators: int
    h100e_per_unit: float
    """H100e of one unit, 8-bit convention (central)."""
    h100e_from: str
    """The precision its H100e is computed from (fp8, int8; bf16 or fp16 when neither is published)."""
    peak_per_unit: dict[str, float]
    """Dense peak throughput of one unit by precision, central. [FLOP/s]"""


class ComputeResult(CalcModel):
    """What a power, a facility or a fleet buys in compute."""

    convention: str
    """How H100-equivalents are counted."""
    convention_16bit: str
    direction: Literal["power", "fleet", "h100e", "flops"]
    """What was given: a power (capacity first), a fleet count, a target in H100e or FLOP/s."""
    basis: Basis | None
    """Basis of the given power; None when a count or target was given."""
    power: Power | None
    """The power given. [MW]"""
    accelerators: int
    accelerators_range: tuple[int, int]
    """Accelerators with every assumption at its conservative / optimistic end."""
    noun: str
    lines: tuple[ComputeLine, ...]
    h100e: Figure
    h100e_16bit: Figure | None
    peak: tuple[Figure, ...]
    """Dense peak throughput of the fleet per precision every entry publishes. [FLOP/s]"""
    missing: tuple[str, ...]
    """Precisions not reported, one line each, with what is published."""
    mfu: Figure
    availability: Figure
    mfu_precision: str
    """The precision whose peak MFU is a share of."""
    effective: Figure
    """Peak × mfu × availability. [FLOP/s]"""
    flop_per_year: Figure
    """[FLOP]"""
    days_to: tuple[Figure, ...]
    """Days to reach each threshold at the effective rate (low: fastest)."""
    power_at: tuple[CaseValues, ...]
    """Power of the fleet at every basis, low / central / high. [MW]"""
    h100e_per_mw: tuple[Figure, ...]
    """Central H100e per MW at every basis, low / high from the power range."""
    assumptions: Assumptions
    """The power-chain assumptions used, with their sources."""
    mfu_needed: Figure | None = None
    """With a target time: the MFU that reaches the threshold in it (low: at high availability)."""
    sampled: tuple[Figure, ...] = ()
    """Monte Carlo over mfu, availability and the power chain's assumptions (triangular):
    P5 / P50 / P95 as low / central / high. With a power given, each draw counts its own whole
    systems, so the effective FLOP/s's interval holds both ranges."""
    sampled_inputs: dict[str, str] = {}
    """What the Monte Carlo drew, each with its distribution."""
    samples: int = 0
    seed: int = 0
    tornado: ComputeTornado | None = None
    """With `tornado`: the inputs ranked by how much they move the effective FLOP/s."""
    sweep: ComputeSweep | None = None
    """With `vary`: the compute at each value of one input."""
    notes: tuple[str, ...] = ()


def peak_throughput(spec: AcceleratorSpec, precision: str, case: Case = "central") -> float:
    """Dense peak throughput of one unit at one precision. [FLOP/s]

    Raises:
        InputError: The preset has no figure for it (the message names what is published).
    """
    one_of(precision, PRECISIONS, "precision")
    figure = spec.throughput.get(precision)
    if figure is None:
        raise InputError(missing_line(spec, precision))
    return figure.flops(case)


def missing_line(spec: AcceleratorSpec, precision: str) -> str:
    """One line saying a preset has no dense figure for a precision, and what it has."""
    published = ", ".join(_NAMES[p] for p in PRECISIONS if p in spec.throughput) or "none"
    return (
        f"{spec.id}: no dense {_NAMES.get(precision, precision)} figure is published in its preset "
        f"(published: {published}); dcpower gives no zero or guess"
    )


def h100e_precision(spec: AcceleratorSpec, convention: Convention = "8-bit") -> Precision:
    """The precision a unit's H100e is computed from under a convention.

    8-bit: FP8, else INT8, else the 16-bit figure (named in the result); 16-bit: BF16, else FP16.

    Raises:
        InputError: None of them is published.
    """
    order = _FALLBACK[convention] + (_FALLBACK["16-bit"] if convention == "8-bit" else ())
    for precision in order:
        if precision in spec.throughput:
            return precision
    published = ", ".join(_NAMES[p] for p in PRECISIONS if p in spec.throughput) or "none"
    wanted = " or ".join(_NAMES[p] for p in order)
    raise InputError(
        f"{spec.id}: H100e ({convention}) needs a dense {wanted} figure; its preset publishes {published}"
    )


def h100_equivalents(
    spec: AcceleratorSpec, convention: Convention = "8-bit", case: Case = "central"
) -> float:
    """H100-equivalents of one unit (see the module docstring for the conventions)."""
    reference = load_accelerator(REFERENCE)
    ref = reference.throughput["fp8" if convention == "8-bit" else "bf16"].flops()
    return peak_throughput(spec, h100e_precision(spec, convention), case) / ref


def _ranged(name: str, preset: Any, given: Any) -> Figure:
    """An MFU or availability: the preset's low / central / high, or the user's value or range."""
    parameter = preset.parameters[name]
    if given is None:
        low, central, high = (
            float(parameter.low if parameter.low is not None else parameter.value),
            float(parameter.value),
            float(parameter.high if parameter.high is not None else parameter.value),
        )
        source = parameter.source
    else:
        low, central, high = _parse_range(name, given)
        source = "given"
    for value in (low, central, high):
        if not 0 < value <= 1:
            raise InputError(
                f"{name}: {value:g} is outside (0, 1]; give a share such as 0.4 or 0.38:0.40:0.43"
            )
    return Figure(name=name, low=low, central=central, high=high, note=source)


def _parse_range(name: str, given: Any) -> tuple[float, float, float]:
    if isinstance(given, (int, float)):
        return float(given), float(given), float(given)
    parts = str(given)[:60].split(":")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise InputError(
            f"{name}: {str(given)[:40]!r} is not a number; accepted: a share in (0, 1], or LOW:CENTRAL:HIGH"
        ) from None
    if len(values) == 1:
        values *= 3
    if len(values) != 3 or not values[0] <= values[1] <= values[2]:
        raise InputError(f"{name}: {str(given)[:40]!r}: give one value or LOW:CENTRAL:HIGH in order")
    if not all(math.isfinite(v) for v in values):
        raise InputError(f"{name}: {str(given)[:40]!r} is not finite")
    return values[0], values[1], values[2]


def _counts(inputs: Inputs, basis: Basis, case: Case) -> list[int]:
    """Accelerators of each type that the power supports in one case, in whole systems."""
    systems, _ = inputs.fleet.supported(inputs.need_power("compute"), inputs.values(case), basis, case)
    return [n * item.per_system for n, item in zip(systems, inputs.fleet.items, strict=True)]


def compute(
    power: Any = None,
    accelerator: str | None = None,
    *,
    basis: str | None = None,
    h100e: Any = None,
    flops: Any = None,
    precision: str = "bf16",
    mfu: Any = None,
    availability: Any = None,
    economics_preset: str = "default",
    days: Any = None,
    threshold: Any = 1e25,
    samples: int = 0,
    seed: int = 0,
    tornado: bool = False,
    vary: str | None = None,
    **inputs: Any,
) -> ComputeResult:
    """What a power (at a basis), a facility or a fleet buys in compute; or the reverse.

    Args:
        power: The power, e.g. ``"300 MW"``, or a `Scenario`.
        accelerator: One accelerator id.
        basis: Where `power` is measured (default facility).
        h100e: Instead of a power: a target in H100e (8-bit convention); the result gives the
            fleet and its power at every basis.
        flops: Instead of a power: a target dense peak throughput at `precision`, e.g.
            ``"1e20 FLOP/s"`` or ``"100 EFLOP/s"``. [FLOP/s]
        precision: The precision of `flops` and the one MFU is a share of (default bf16).
        mfu: Model FLOP utilisation, a share in (0, 1] or LOW:CENTRAL:HIGH (default the
            economics preset's, Llama 3 405B's 38–43 %).
        availability: Share of the year the fleet computes, (0, 1] (default the preset's).
        economics_preset: Where the MFU and availability defaults come from.
        days: A target time: the result gives the MFU that reaches `threshold` in it. [days]
        threshold: The training compute of `days` (default 1e25, the EU AI Act's). [FLOP]
        samples: Monte Carlo draws over mfu, availability and the power chain's assumptions
            (0: none; at most 10,000,000).
        seed: Seed of the draws.
        tornado: Rank mfu, availability, the peak's range and (with a power) the chain's
            assumptions by how much each moves the effective FLOP/s.
        vary: A sweep, ``NAME=START:STOP:POINTS``: mfu, availability or a chain assumption
            (pue, draw_factor, it_overhead, server_factor, headroom); days count to `threshold`.
        inputs: The other inputs of `calc.scenario` (``fleet``, ``mix``, ``facility``,
            ``gpus``, ``method``, ``assumptions``, ...).

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    figures = load_preset("economics", economics_preset)
    mfu_figure = _ranged("mfu", figures, mfu)
    availability_figure = _ranged("availability", figures, availability)
    one_of(precision, PRECISIONS, "precision")
    notes: list[str] = []
    target = [name for name, value in (("h100e", h100e), ("flops", flops)) if value is not None]
    if len(target) > 1:
        raise InputError("compute: give --h100e or --flops, not both")
    if target and power is not None:
        raise InputError(f"compute: give --power or --{target[0]}, not both (the {target[0]} sets the power)")
    if target:
        scenario = as_scenario(None, accelerator=accelerator, **_mix_only(inputs))
        resolved = resolve(scenario)
        count = _count_for_target(resolved, h100e, flops, precision, notes)
        direction: Any = target[0]
        scenario = as_scenario(None, accelerator=accelerator, **{**_mix_only(inputs), "gpus": count})
    else:
        scenario = as_scenario(power, accelerator=accelerator, basis=basis, **inputs)
        direction = "power" if scenario.power is not None else "fleet"
    resolved = resolve(scenario)
    items = resolved.fleet.items
    if direction == "power":
        where = single_basis(scenario.basis, notes)
        capacity = capacity_at(resolved, where, None, ())
        counts = {"central": [line.accelerators for line in capacity.lines]}
        counts["low"] = _counts(resolved, where, "high")  # conservative: most power per unit
        counts["high"] = _counts(resolved, where, "low")
        fleet_scenario = _validated(
            {
                **dict(scenario),
                "power": None,
                "accelerators": None,
                "accelerators_high": None,
                "power_bound": "exact",
                "count_bound": "exact",
                "fleet": tuple(
                    FleetEntry(accelerator=i.accelerator.id, system=i.system.id, count=max(n, 1))
                    for i, n in zip(items, counts["central"], strict=True)
                ),
            }
        )
        power_result = required_power(fleet_scenario)
        basis_used: Basis | None = where
    else:
        if resolved.count is None:
            raise InputError(
                "compute: give a power (--power, with --basis), a count (--gpus, --fleet ID=COUNT), "
                "a facility, or a target (--h100e, --flops)"
            )
        total = resolved.count
        central = whole_counts([i.count for i in items], round(total))
        counts = {"low": central, "central": central, "high": central}
        power_result = required_power(scenario)
        basis_used = None
    specs = [i.accelerator for i in items]
    result_lines = tuple(
        build(
            ComputeLine,
            accelerator=spec.id,
            counted_as=spec.counted_as,
            accelerators=n,
            h100e_per_unit=h100_equivalents(spec),
            h100e_from=h100e_precision(spec),
            peak_per_unit={p: spec.throughput[p].flops() for p in PRECISIONS if p in spec.throughput},
        )
        for spec, n in zip(specs, counts["central"], strict=True)
    )
    for line in result_lines:
        if line.h100e_from not in ("fp8", "int8"):
            notes.append(
                f"{line.accelerator}: H100e computed from {line.h100e_from.upper()} (no FP8 or INT8 is published)"
            )

    def fleet_sum(per_unit: Any, case: Case, which: Case | None = None) -> float:
        return sum(per_unit(spec, case) * n for spec, n in zip(specs, counts[which or case], strict=True))

    h100e_figure = _figure(
        "H100e",
        lambda spec, case: h100_equivalents(spec, "8-bit", case),
        fleet_sum,
        note=CONVENTION_TEXT["8-bit"],
    )
    try:
        h100e_16 = _figure(
            "H100e (16-bit)",
            lambda spec, case: h100_equivalents(spec, "16-bit", case),
            fleet_sum,
            note=CONVENTION_TEXT["16-bit"],
        )
    except InputError as error:
        h100e_16 = None
        notes.append(f"H100e (16-bit) not given: {error}")
    peaks, missing = [], []
    for p in PRECISIONS:
        lacking = [spec for spec in specs if p not in spec.throughput]
        if lacking:
            if p != "fp16" or any(p in spec.throughput for spec in specs):
                missing.append(missing_line(lacking[0], p))
            continue
        peaks.append(
            _figure(
                p,
                lambda spec, case, p=p: peak_throughput(spec, p, case),
                fleet_sum,
                unit="FLOP/s",
                note="dense",
            )
        )
    mfu_peak: str = precision
    if precision == "bf16" and any("bf16" not in spec.throughput for spec in specs):
        if all(("bf16" in spec.throughput) or ("fp16" in spec.throughput) for spec in specs):
            mfu_peak = "bf16/fp16"
            notes.append("MFU taken as a share of BF16 peak, FP16 for entries without a BF16 figure")

    def mfu_base(spec: AcceleratorSpec, case: Case) -> float:
        chosen = "fp16" if mfu_peak == "bf16/fp16" and "bf16" not in spec.throughput else precision
        return peak_throughput(spec, chosen, case)

    base = _figure(mfu_peak, mfu_base, fleet_sum, unit="FLOP/s")
    scale = {c: getattr(mfu_figure, c) * getattr(availability_figure, c) for c in ("low", "central", "high")}
    effective = Figure(
        name="effective",
        unit="FLOP/s",
        low=base.low * scale["low"],
        central=base.central * scale["central"],
        high=base.high * scale["high"],
        note=f"dense {mfu_peak.upper()} peak × mfu × availability",
    )
    per_year = Figure(
        name="per year",
        unit="FLOP",
        low=effective.low * SECONDS_PER_YEAR,
        central=effective.central * SECONDS_PER_YEAR,
        high=effective.high * SECONDS_PER_YEAR,
        note="effective FLOP/s × 365.25 days",
    )
    to_thresholds = tuple(
        Figure(
            name=f"{threshold:.0e}".replace("+", ""),
            unit="days",
            low=threshold / effective.high / 86400,
            central=threshold / effective.central / 86400,
            high=threshold / effective.low / 86400,
            note="at the effective rate; low is the fastest",
        )
        for threshold in THRESHOLDS
    )
    per_mw = tuple(
        Figure(
            name=row.basis,
            unit="H100e/MW",
            low=h100e_figure.central / row.high.to("MW").magnitude,
            central=h100e_figure.central / row.central.to("MW").magnitude,
            high=h100e_figure.central / row.low.to("MW").magnitude,
            note="central H100e over the fleet's power at this basis",
        )
        for row in power_result.power
        if row.basis in BASES
    )
    needed = None if days is None else _mfu_needed(days, threshold, base, availability_figure, notes)
    study = _Study(
        inputs=resolved,
        basis=basis_used or "facility",
        from_power=direction == "power",
        specs=tuple(specs),
        counts=tuple(counts["central"]),
        peak_precision=tuple(
            "fp16" if mfu_peak == "bf16/fp16" and "bf16" not in spec.throughput else precision
            for spec in specs
        ),
        mfu=mfu_figure,
        availability=availability_figure,
    )
    sampled, drawn = _sampled(samples, seed, study) if samples else ((), {})
    return build(
        ComputeResult,
        mfu_needed=needed,
        sampled=sampled,
        sampled_inputs=drawn,
        samples=int(samples or 0),
        seed=int(seed or 0),
        tornado=_tornado(study) if tornado else None,
        sweep=None if vary is None else _sweep(study, vary, _positive("threshold", threshold)),
        convention=CONVENTION_TEXT["8-bit"],
        convention_16bit=CONVENTION_TEXT["16-bit"],
        direction=direction,
        basis=basis_used,
        power=resolved.power,
        accelerators=sum(counts["central"]),
        accelerators_range=(sum(counts["low"]), sum(counts["high"])),
        noun=resolved.fleet.noun,
        lines=result_lines,
        h100e=h100e_figure,
        h100e_16bit=h100e_16,
        peak=tuple(peaks),
        missing=tuple(missing),
        mfu=mfu_figure,
        availability=availability_figure,
        mfu_precision=mfu_peak,
        effective=effective,
        flop_per_year=per_year,
        days_to=to_thresholds,
        power_at=power_result.power,
        h100e_per_mw=per_mw,
        assumptions=resolved.assumptions,
        notes=(*notes, *resolved.notes),
    )


def _figure(name: str, per_unit: Any, fleet_sum: Any, unit: str = "", note: str = "") -> Figure:
    """A fleet total: low case = fewest accelerators × lowest figure, high the opposite."""
    return Figure(
        name=name,
        unit=unit,
        low=fleet_sum(per_unit, "low"),
        central=fleet_sum(per_unit, "central"),
        high=fleet_sum(per_unit, "high"),
        note=note,
    )


def _mix_only(inputs: dict[str, Any]) -> dict[str, Any]:
    """The scenario inputs of a reverse question: the mix, not a power or a count."""
    given = {k: v for k, v in inputs.items() if v is not None}
    for name in ("gpus", "power"):
        if name in given:
            raise InputError(
                f"compute: --{name} cannot go with --h100e or --flops (the target sets the count)"
            )
    fleet = given.pop("fleet", None)
    if fleet:
        given["mix"] = {**dict(given.get("mix") or {}), **dict(fleet)}
    facility = given.get("facility")
    if facility is not None:
        raise InputError(
            "compute: --facility cannot go with --h100e or --flops; give the accelerator or --mix"
        )
    return given


def _count_for_target(resolved: Inputs, h100e: Any, flops: Any, precision: str, notes: list[str]) -> int:
    """Accelerators (whole units) whose H100e or peak FLOP/s meet a target, over the mix."""
    shares = resolved.fleet.shares
    specs = [i.accelerator for i in resolved.fleet.items]
    if h100e is not None:
        wanted = _positive("h100e", h100e)
        per_unit = sum(s * h100_equivalents(spec) for s, spec in zip(shares, specs, strict=True))
        notes.append(f"target {wanted:,.0f} H100e ({CONVENTION_TEXT['8-bit']})")
    else:
        wanted = _flops_value(flops)
        per_unit = sum(s * peak_throughput(spec, precision) for s, spec in zip(shares, specs, strict=True))
        notes.append(f"target {wanted:.3g} FLOP/s dense {precision.upper()} peak")
    return max(1, math.ceil(wanted / per_unit - 1e-9))


def _mfu_needed(days: Any, threshold: Any, base: Figure, availability: Figure, notes: list[str]) -> Figure:
    """The MFU at which the fleet reaches `threshold` FLOP in `days` (solve; closed form)."""
    span = _positive("days", days)
    flop = _positive("threshold", threshold)
    seconds = span * 86400

    def mfu(peak: float, share: float) -> float:
        return flop / (seconds * peak * share)

    figure = Figure(
        name="mfu needed",
        low=mfu(base.high, availability.high),
        central=mfu(base.central, availability.central),
        high=mfu(base.low, availability.low),
        note=f"to reach {flop:.3g} FLOP in {span:g} days; low: highest peak and availability",
    )
    if figure.central > 1:
        notes.append(
            f"mfu needed: {figure.central:.3g} at the central peak and availability is above 1: "
            f"{flop:.3g} FLOP in {span:g} days is out of this fleet's reach"
        )
    return figure


@dataclass(frozen=True)
class _Study:
    """What the Monte Carlo, the tornado and the sweep of one compute result share."""

    inputs: Inputs
    basis: Basis
    """The basis the given power is read at; facility for a fleet or a target."""
    from_power: bool
    """A power was given: the chain's assumptions move the count."""
    specs: tuple[AcceleratorSpec, ...]
    counts: tuple[int, ...]
    """The central count of each type."""
    peak_precision: tuple[str, ...]
    """The precision of each type whose peak MFU is a share of."""
    mfu: Figure
    availability: Figure

    def counts_at(self, values: dict[str, Any], case: Case = "central") -> list[int]:
        """Whole-system counts of each type at one set of the chain's values."""
        if not self.from_power:
            return list(self.counts)
        watts = self.inputs.need_power("compute")
        systems, _ = self.inputs.fleet.supported(watts, values, self.basis, case)
        return [n * item.per_system for n, item in zip(systems, self.inputs.fleet.items, strict=True)]

    def outputs(
        self,
        values: dict[str, Any],
        *,
        case: Case = "central",
        mfu: float | None = None,
        availability: float | None = None,
        peak_case: Case = "central",
    ) -> dict[str, float]:
        """Accelerators, H100e, effective FLOP/s and H100e per MW at the basis, at one point."""
        counts = self.counts_at(values, case)
        share = (self.mfu.central if mfu is None else mfu) * (
            self.availability.central if availability is None else availability
        )
        peak = sum(
            n * peak_throughput(spec, p, peak_case)
            for n, spec, p in zip(counts, self.specs, self.peak_precision, strict=True)
        )
        h100e = sum(n * h100_equivalents(spec) for n, spec in zip(counts, self.specs, strict=True))
        if self.from_power:
            megawatts = self.inputs.need_power("compute") / 1e6
        else:
            per = float(self.inputs.fleet.watts(values, case)[self.basis])
            megawatts = per * sum(counts) / 1e6
        return {
            "accelerators": float(sum(counts)),
            "h100e": h100e,
            "effective": peak * share,
            "h100e_per_mw": h100e / megawatts,
        }

    def peak_varies(self) -> bool:
        """Some type's preset gives a range for the peak MFU is a share of."""
        return any(
            peak_throughput(spec, p, "low") != peak_throughput(spec, p, "high")
            for spec, p in zip(self.specs, self.peak_precision, strict=True)
        )


def _sampled(samples: int, seed: int, study: _Study) -> tuple[tuple[Figure, ...], dict[str, str]]:
    """P5 / P50 / P95 of the compute figures with mfu, availability and the chain's assumptions
    drawn (triangular on low / central / high), and what was drawn.

    With a power given, each draw's chain sets its own count in whole systems, so the interval
    of the effective FLOP/s holds both the power chain's range and the MFU's. With a fleet (or a
    target) the count is fixed and the chain moves the power, so H100e per MW gets the interval.
    """
    import numpy as np  # heavy: only sampling needs it

    from calc.uncertainty import sample_inputs, sample_power_factor  # heavy: imports numpy

    if isinstance(samples, bool) or not 1 <= int(samples) <= 10_000_000:
        raise InputError(f"samples: {samples} is outside 1 to 10,000,000")
    n = int(samples)
    rng = np.random.default_rng(int(seed))
    inputs = study.inputs
    drawn: dict[str, str] = {}

    def triangular(low: float, central: float, high: float) -> Any:
        if low == high:
            return np.full(n, central)
        return rng.triangular(low, central, high, n)

    def figure(name: str) -> Any:
        value = getattr(study, name)
        if value.low != value.high:
            drawn[name] = "triangular"
        return triangular(value.low, value.central, value.high)

    share = figure("mfu") * figure("availability")
    values = sample_inputs(inputs.assumptions, n, rng)
    items = inputs.fleet.items
    per_item = []
    for item in items:
        nameplate = triangular(item.nameplate_of("low"), item.nameplate, item.nameplate_of("high"))
        if item.nameplate_of("low") != item.nameplate_of("high"):
            drawn["system_power"] = "triangular"
        per_item.append(
            np.broadcast_to(np.asarray(chain_watts(item.tdp, nameplate, **values)[study.basis], float), (n,))
        )
    applied = set(applicable(study.basis, inputs.assumptions))
    for name in RANGED:
        ranged = getattr(inputs.assumptions, name)
        if ranged is not None and name in applied and ranged.low != ranged.high:
            drawn[name] = "triangular"
    peaks = []
    for spec, p in zip(study.specs, study.peak_precision, strict=True):
        low, central, high = (peak_throughput(spec, p, c) for c in ("low", "central", "high"))
        if low != high:
            drawn["peak throughput"] = "triangular"
        peaks.append(triangular(low, central, high))
    h100e_each = [h100_equivalents(spec) for spec in study.specs]
    if study.from_power:
        real = inputs.need_power("compute")
        quoted = inputs.power
        if quoted is not None and is_apparent_power(quoted):
            real = power_watts(quoted) * sample_power_factor(inputs.assumptions, n, rng)
            drawn["power_factor"] = "triangular"
        average = sum(s * p for s, p in zip(inputs.fleet.shares, per_item, strict=True))
        total = real / average
        counts = [
            whole_systems(total * s, item.per_system) * item.per_system
            for s, item in zip(inputs.fleet.shares, items, strict=True)
        ]
        megawatts = np.broadcast_to(np.asarray(real / 1e6, float), (n,))
    else:
        counts = [np.full(n, float(c)) for c in study.counts]
        megawatts = sum(c * p for c, p in zip(counts, per_item, strict=True)) / 1e6
    accelerators = sum(counts)
    h100e = sum(c * h for c, h in zip(counts, h100e_each, strict=True))
    effective = sum(c * p for c, p in zip(counts, peaks, strict=True)) * share

    def percentiles(name: str, unit: str, data: Any, note: str) -> Figure:
        p5, p50, p95 = (float(v) for v in np.percentile(data, [5, 50, 95], method="nearest"))
        return Figure(name=name, unit=unit, low=p5, central=p50, high=p95, note=note)

    out = [percentiles("effective", "FLOP/s", effective, "P5 / P50 / P95")]
    for threshold in THRESHOLDS:
        out.append(
            Figure(
                name=f"days to {threshold:.0e}".replace("+", ""),
                unit="days",
                low=threshold / out[0].high / 86400,
                central=threshold / out[0].central / 86400,
                high=threshold / out[0].low / 86400,
                note="from the P95 / P50 / P5 effective rate",
            )
        )
    out.append(percentiles("FLOP per year", "FLOP", effective * SECONDS_PER_YEAR, "P5 / P50 / P95"))
    out.append(percentiles("accelerators", "", accelerators, "whole systems; P5 / P50 / P95"))
    out.append(percentiles("H100e", "", h100e, CONVENTION_TEXT["8-bit"]))
    out.append(percentiles(f"H100e per MW ({study.basis})", "H100e/MW", h100e / megawatts, "P5 / P50 / P95"))
    if not study.from_power:
        out.append(percentiles(f"power ({study.basis})", "MW", megawatts, "P5 / P50 / P95"))
    return tuple(out), drawn


class ComputeTornadoBar(CalcModel):
    """One input swung from its low to its high end, the others central."""

    name: str
    """An assumption of the chain, mfu, availability, system_power or peak throughput."""
    low: float
    high: float
    unit: str = ""
    """The unit of low and high: W per accelerator for system_power, FLOP/s of the central
    fleet for peak throughput, none for a share or a factor."""
    output_at_low: float
    output_at_high: float
    swing: float
    """|output at high - output at low|."""


class ComputeTornado(CalcModel):
    """The inputs ranked by how much they move the effective FLOP/s (and so the days to a
    threshold, its inverse)."""

    output: str
    unit: str
    basis: Basis
    central: float
    ranking: tuple[ComputeTornadoBar, ...]
    """The input that moves the output most first."""
    most_important: str | None
    notes: tuple[str, ...] = ()


def _tornado(study: _Study) -> ComputeTornado:
    """Swing each input of the effective FLOP/s from low to high with the others central."""
    inputs = study.inputs
    central_values = inputs.values("central")
    central = study.outputs(central_values)["effective"]
    bars: list[ComputeTornadoBar] = []
    notes: list[str] = []

    def bar(name: str, low: float, high: float, at_low: float, at_high: float, unit: str = "") -> None:
        bars.append(
            ComputeTornadoBar(
                name=name,
                low=low,
                high=high,
                unit=unit,
                output_at_low=at_low,
                output_at_high=at_high,
                swing=abs(at_high - at_low),
            )
        )

    for name in ("mfu", "availability"):
        figure: Figure = getattr(study, name)
        ends = [
            study.outputs(central_values, **{name: getattr(figure, c)})["effective"] for c in ("low", "high")
        ]
        bar(name, figure.low, figure.high, *ends)
    if study.peak_varies():
        ends = [study.outputs(central_values, peak_case=c)["effective"] for c in ("low", "high")]
        lows, highs = (
            sum(
                n * peak_throughput(s, p, c)
                for n, s, p in zip(study.counts, study.specs, study.peak_precision, strict=True)
            )
            for c in ("low", "high")
        )
        bar("peak throughput", lows, highs, *ends, unit="FLOP/s")
    if study.from_power:
        for name in applicable(study.basis, inputs.assumptions):
            if name not in RANGED:
                continue
            ranged = getattr(inputs.assumptions, name)
            ends = [
                study.outputs({**central_values, name: ranged.value(case)})["effective"]
                for case in ("low", "high")
            ]
            bar(name, ranged.low, ranged.high, *ends)
        if system_power_varies(inputs, study.basis):
            ends = [study.outputs(central_values, case=c)["effective"] for c in ("low", "high")]
            bar(SYSTEM_POWER, inputs.fleet.nameplate("low"), inputs.fleet.nameplate("high"), *ends, unit="W")
    else:
        notes.append(
            "the power chain's assumptions set the power of a given fleet, not its compute: "
            "they move H100e per MW (see --samples), not the effective FLOP/s"
        )
    bars.sort(key=lambda b: b.swing, reverse=True)
    return ComputeTornado(
        output=f"effective FLOP/s ({study.basis} basis)" if study.from_power else "effective FLOP/s",
        unit="FLOP/s",
        basis=study.basis,
        central=central,
        ranking=tuple(bars),
        most_important=bars[0].name if bars and bars[0].swing > 0 else None,
        notes=tuple(notes),
    )


SWEEP_INPUTS: tuple[str, ...] = ("mfu", "availability", *SWEEPABLE)
"""What a compute sweep may vary: the MFU, the availability and the chain's sweepable assumptions."""


class ComputeSweepRow(CalcModel):
    """One value of the varied input and the compute it gives."""

    value: float
    accelerators: int
    h100e: float
    effective: float
    """[FLOP/s]"""
    flop_per_year: float
    """[FLOP]"""
    days_to_threshold: float
    """Days to the sweep's threshold at the effective rate. [days]"""
    h100e_per_mw: float
    """H100e per MW at the basis. [H100e/MW]"""


class ComputeSweep(CalcModel):
    """One input varied over a range, the others central."""

    vary: str
    basis: Basis
    threshold: float
    """The training compute `days_to_threshold` counts to. [FLOP]"""
    rows: tuple[ComputeSweepRow, ...]
    notes: tuple[str, ...] = ()


def parse_compute_sweep(text: Any) -> tuple[str, float, float, int]:
    """``NAME=START:STOP:POINTS`` with NAME one of `SWEEP_INPUTS`.

    Raises:
        InputError: The text is malformed, the name unknown, the span empty, or an MFU or an
            availability outside (0, 1].
    """
    from calc.uncertainty import parse_sweep  # heavy: imports numpy

    name, start, stop, points = parse_sweep(text)
    if name not in SWEEP_INPUTS:
        raise InputError(f"vary: {name[:30]!r} cannot be varied here; accepted: {', '.join(SWEEP_INPUTS)}")
    if not 2 <= points <= 1000:
        raise InputError(f"vary: {points} points; accepted: a whole number from 2 to 1000")
    if not (math.isfinite(start) and math.isfinite(stop)) or start >= stop:
        raise InputError(f"vary: start {start:g} must be below stop {stop:g}")
    if name in ("mfu", "availability") and not (0 < start and stop <= 1):
        raise InputError(f"vary: {name} {start:g}:{stop:g} leaves (0, 1]; give shares such as 0.3:0.5:5")
    lowest, highest, meaning = RANGE_LIMITS.get(name, (0.0, 0.9, "share of supply kept unused"))
    if start < lowest or stop > highest:
        raise InputError(f"vary: {name} {start:g}:{stop:g} leaves {lowest:g} to {highest:g} ({meaning})")
    return name, start, stop, points


def _sweep(study: _Study, text: Any, threshold: float) -> ComputeSweep:
    """The compute at each value of one input, the others central."""
    name, start, stop, points = parse_compute_sweep(text)
    inputs = study.inputs
    notes: list[str] = []
    if name == "server_factor" and inputs.assumptions.server_factor is None:
        raise InputError("vary: server_factor is not set by this method; use --method epoch or epoch-nested")
    if name not in ("mfu", "availability") and not study.from_power:
        notes.append(f"{name} sets this fleet's power, not its compute: only H100e per MW moves")
    rows = []
    for i in range(points):
        value = start + (stop - start) * i / (points - 1)
        values = inputs.values("central")
        shares: dict[str, float] = {}
        if name in ("mfu", "availability"):
            shares[name] = value
        else:
            values[name] = value
        out = study.outputs(values, **shares)
        rows.append(
            ComputeSweepRow(
                value=value,
                accelerators=int(out["accelerators"]),
                h100e=out["h100e"],
                effective=out["effective"],
                flop_per_year=out["effective"] * SECONDS_PER_YEAR,
                days_to_threshold=threshold / out["effective"] / 86400,
                h100e_per_mw=out["h100e_per_mw"],
            )
        )
    return ComputeSweep(
        vary=name, basis=study.basis, threshold=threshold, rows=tuple(rows), notes=tuple(notes)
    )


def count_for_h100e(h100e: Any, **inputs: Any) -> tuple[int, str]:
    """The accelerators (whole units, rounded) whose H100e equal a count in H100e, and a note.

    Args:
        h100e: The count in H100-equivalents (8-bit convention).
        inputs: The mix of `calc.scenario` (``accelerator``, ``fleet``/``mix``, ``facility``).
    """
    wanted = _positive("h100e", h100e)
    resolved = resolve(as_scenario(None, **{k: v for k, v in inputs.items() if v is not None}))
    specs = [i.accelerator for i in resolved.fleet.items]
    per_unit = sum(s * h100_equivalents(spec) for s, spec in zip(resolved.fleet.shares, specs, strict=True))
    count = max(1, round(wanted / per_unit))
    note = (
        f"{wanted:,.0f} H100e read as {count:,} {' + '.join(s.id for s in specs)} "
        f"({per_unit:.4g} H100e each; {CONVENTION_TEXT['8-bit']})"
    )
    return count, note


def claim_compute_lines(result: ComputeResult) -> list[str]:
    """The compute of a claim's fleet in a few lines (for `check --h100e`)."""
    peak = {figure.name: figure for figure in result.peak}
    lines = [f"compute of the claim ({result.accelerators:,} {result.noun}s):"]
    lines.append(f"  H100e {_count(result.h100e.central)}; {result.convention}")
    for name in ("fp8", "bf16"):
        if name in peak:
            lines.append(f"  peak {name.upper()} {format_flops(peak[name].central)} (dense)")
    lines.append(
        f"  effective {format_flops(result.effective.central)} at mfu {result.mfu.central:g} × availability "
        f"{result.availability.central:g}; 1e25 FLOP in {_days(result.days_to[0].central)} days "
        f"({_days(result.days_to[0].low)}–{_days(result.days_to[0].high)})"
    )
    return lines


def _positive(name: str, value: Any) -> float:
    try:
        number = float(str(value).replace(",", "").replace("_", "")[:40])
    except ValueError:
        raise InputError(
            f"{name}: {str(value)[:40]!r} is not a number; give a count such as 100000"
        ) from None
    if not math.isfinite(number) or number <= 0:
        raise InputError(f"{name}: {str(value)[:40]!r} must be a positive, finite number")
    return number


def _flops_value(value: Any) -> float:
    if isinstance(value, (int, float)):
        return _positive("flops", value)
    try:
        return parse_throughput(str(value), "flops")
    except ValueError as error:
        raise InputError(str(error)) from None


# ----------------------------------------------------------------------------- reporting

_PREFIXES = ((1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))


def format_flops(value: float, unit: str = "FLOP/s") -> str:
    """A throughput or an amount of compute, three figures: '415 EFLOP/s', '2.36e27 FLOP'."""
    if unit == "FLOP" or value >= 1e21:
        return f"{value:.3g} {unit}".replace("e+", "e")
    for scale, prefix in _PREFIXES:
        if value >= scale:
            return f"{value / scale:.3g} {prefix}{unit}"
    return f"{value:.3g} {unit}"


def _count(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


def _days(value: float) -> str:
    return f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"
