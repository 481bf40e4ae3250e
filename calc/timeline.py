"""A site's energization over time: power online by source per quarter, against what arrived.

A facility preset's `timeline` gives dated power stages by source (grid, on-site turbines,
batteries); each stage is that source's level from its date until the source's next stage.
Its `deliveries` give dated accelerator deliveries, which add up. At the end of every quarter
from the first event to the last:

- firm power = grid + turbines (batteries store energy, they do not make it);
- what the firm power supports, per accelerator type of the site's fleet: the count of
  `dcpower capacity --facility ID --power FIRM --accelerator TYPE --basis BASIS`;
- the power the delivered accelerators need (central case, at the stages' basis), and the
  firm power left stranded beyond it or the shortfall below it;
- where there is a shortfall and batteries, how many hours they can carry it: energy /
  shortfall (only when the shortfall is within the batteries' power).
"""

from __future__ import annotations

import calendar
from typing import Any

from calc.arguments import accepts, number
from calc.capacity import capacity, required_power
from calc.chain import real_power_watts, scenario_calibration
from calc.errors import InputError, NoTimeline
from calc.inputs import scenario
from calc.models import (
    Basis,
    Delivery,
    Facility,
    PowerStage,
    Source,
    Support,
    TimelineBar,
    TimelineChart,
    TimelineResult,
    TimelineRow,
)
from calc.presets import load_facility
from calc.units import MW, format_power, power_watts, quantity

SOURCES = ("grid", "turbines", "batteries")


def _month(date: str) -> tuple[int, int]:
    year, month = date[:7].split("-")
    return int(year), int(month)


def _quarter(date: str) -> tuple[int, int]:
    year, month = _month(date)
    return year, (month - 1) // 3 + 1


def _quarter_end(year: int, quarter: int) -> str:
    month = quarter * 3
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _first_day(date: str) -> str:
    """A date as YYYY-MM-DD: a month-only date ("2025-05") is the first of its month."""
    return date if len(date) == 10 else f"{date}-01"


def _on_or_before(date: str, end: str) -> bool:
    return _first_day(date) <= end


def _quarters(first: str, last: str) -> list[tuple[int, int]]:
    year, quarter = _quarter(first)
    stop = _quarter(last)
    found = []
    while (year, quarter) <= stop:
        found.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


def _mw(watts: float) -> Any:
    return quantity(watts / 1e6, MW)


def timeline(facility: str | Facility) -> TimelineResult:
    """The facility's energization, quarter by quarter (see the module docstring).

    Args:
        facility: A facility id or path, or a `Facility`, with a `timeline`.

    Raises:
        NoTimeline: The facility has no dated power stages.
        InputError: Its stages are at different bases.
        PresetError: Unknown facility.
    """

    site = facility if isinstance(facility, Facility) else load_facility(facility)
    if not site.timeline:
        raise NoTimeline(
            f"timeline: facility {site.id!r} has no timeline; add [[timeline]] stages to its preset",
            field="timeline",
        )
    bases = {stage.basis for stage in site.timeline}
    if len(bases) > 1:
        raise InputError(f"timeline: {site.id!r} has stages at different bases ({', '.join(sorted(bases))})")
    claimed = bases.pop()
    basis: Basis = "facility" if claimed == "unspecified" else claimed
    reference = facility if isinstance(facility, str) else site.id
    types = tuple(dict.fromkeys(key.partition("@")[0] for key in site.fleet))
    # sorted once: each quarter takes the stages and deliveries up to its end from where the
    # quarter before stopped (10,000 stages, re-sorted per quarter, took 45 s)
    stages = sorted(site.timeline, key=lambda s: _first_day(s.date))
    deliveries = sorted(site.deliveries, key=lambda d: _first_day(d.date))
    events: list[PowerStage | Delivery] = sorted([*stages, *deliveries], key=lambda e: _first_day(e.date))
    assumptions = scenario_calibration(scenario(facility=reference))[0]
    stage_watts: list[float] = []
    conversions: list[str] = []
    for stage in stages:
        watts, note = real_power_watts(stage.power, assumptions)
        stage_watts.append(watts)
        if note:
            conversions.append(f"{stage.date} {stage.source}: {note}")
    rows = []
    level: dict[str, Any] = {}
    level_watts: dict[str, float] = {}
    delivered: dict[str, int] = {}
    planned_delivery = False
    next_stage = next_delivery = 0
    for year, quarter in _quarters(events[0].date, events[-1].date):
        end = _quarter_end(year, quarter)
        happened = []
        while next_stage < len(stages) and _on_or_before(stages[next_stage].date, end):
            stage = stages[next_stage]
            level[stage.source] = stage
            level_watts[stage.source] = stage_watts[next_stage]
            if _quarter(stage.date) == (year, quarter):
                shown = format_power(stage.power) if stage.power.magnitude else "0 MW (off or standby)"
                happened.append(f"{stage.date} {stage.source} {shown}")
            next_stage += 1
        while next_delivery < len(deliveries) and _on_or_before(deliveries[next_delivery].date, end):
            delivery = deliveries[next_delivery]
            delivered[delivery.accelerator] = delivered.get(delivery.accelerator, 0) + delivery.count
            planned_delivery = planned_delivery or delivery.status == "planned"
            if _quarter(delivery.date) == (year, quarter):
                happened.append(f"{delivery.date} +{delivery.count:,} {delivery.accelerator}")
            next_delivery += 1
        planned = planned_delivery or any(s.status == "planned" for s in level.values())
        watts = {name: level_watts.get(name, 0.0) for name in SOURCES}
        firm = watts["grid"] + watts["turbines"]
        supports: tuple[Support, ...] = ()
        if firm > 0:
            supports = tuple(
                Support(
                    accelerator=kind,
                    accelerators=capacity(
                        scenario(_mw(firm), accelerator=kind, basis=basis, facility=reference)
                    ).accelerators,
                    basis=basis,
                )
                for kind in types
            )
        needed = 0.0
        if delivered:
            result = required_power(
                scenario(gpus=sum(delivered.values()), fleet=delivered, facility=reference)
            )
            needed = power_watts(next(c.central for c in result.power if c.basis == basis))
        shortfall = max(needed - firm, 0.0)
        battery = level.get("batteries")
        hours = None
        if (
            shortfall > 0
            and battery is not None
            and battery.energy is not None
            and 0 < shortfall <= watts["batteries"]
        ):
            hours = float(battery.energy.m_as("MWh")) / (shortfall / 1e6)
        rows.append(
            TimelineRow(
                quarter=f"{year:04d}-Q{quarter}",
                end=end,
                grid=_mw(watts["grid"]),
                turbines=_mw(watts["turbines"]),
                batteries=_mw(watts["batteries"]),
                battery_energy=None if battery is None else battery.energy,
                firm_power=_mw(firm),
                supports=supports,
                delivered=dict(delivered),
                required_power=_mw(needed),
                stranded_power=_mw(max(firm - needed, 0.0)),
                shortfall=_mw(shortfall),
                battery_hours=hours,
                planned=planned,
                events=tuple(sorted(happened, key=lambda text: text.split(" ", 1)[0])),
            )
        )
    sources: dict[tuple[str, str | None], Source] = {}
    for event in events:
        for source in event.sources:
            sources.setdefault((source.title, source.url), source)
    notes = [f"{s.date} {s.source}: {s.notes}" for s in site.timeline if s.notes] + conversions
    notes += [f"{d.date} {d.accelerator}: {d.notes}" for d in site.deliveries if d.notes]
    return TimelineResult(
        facility=site.id,
        basis=basis,
        method=site.method,
        rows=tuple(rows),
        sources=tuple(sources.values()),
        notes=tuple(notes),
    )


@accepts(result="TimelineResult", width=number(-1e9, 10_000))
def timeline_bars(result: TimelineResult, width: int) -> TimelineChart:
    """The timeline as text bars: per quarter, the cells of grid, turbine and battery power
    side by side, and the cell where the delivered accelerators' need ends, on one scale.

    Cells are rounded from running totals (grid, grid + turbines, all three), so a source
    never gains or loses a cell from its neighbour's rounding.

    Args:
        result: A `timeline`.
        width: Cells of the widest bar: a number up to 10,000 (below 1: 1 cell).
    """
    width = max(1, int(width))
    rows = result.rows
    top = max(
        (
            max(power_watts(r.firm_power) + power_watts(r.batteries), power_watts(r.required_power))
            for r in rows
        ),
        default=0.0,
    )

    def cells(watts: float) -> int:
        return 0 if top <= 0 else round(watts / top * width)

    bars = []
    for r in rows:
        grid, turbines, batteries = (power_watts(r.grid), power_watts(r.turbines), power_watts(r.batteries))
        firm_cells = cells(grid + turbines)
        bars.append(
            TimelineBar(
                quarter=r.quarter,
                grid=cells(grid),
                turbines=firm_cells - cells(grid),
                batteries=cells(grid + turbines + batteries) - firm_cells,
                needed=cells(power_watts(r.required_power)),
                stranded=power_watts(r.stranded_power) > 0,
                shortfall=power_watts(r.shortfall) > 0,
                planned=r.planned,
            )
        )
    return TimelineChart(facility=result.facility, width=width, scale=_mw(top), bars=tuple(bars))


__all__ = ["SOURCES", "timeline", "timeline_bars"]
