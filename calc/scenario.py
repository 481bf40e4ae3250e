"""Scenarios: what the terminal UI edits, evaluates, saves and reports.

A scenario is a claim with every input made explicit: power and basis, accelerator count,
fleet mix, method and complete assumptions. It is saved as a facility preset (TOML, written
atomically), so a saved scenario opens again in the UI and in the CLI (``--facility PATH``).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from calc.assumptions import build_assumptions, coerce_assumption
from calc.capacity import capacity
from calc.chain import resolve_fleet
from calc.claims import check_claim, compare_methods
from calc.errors import CalcError, InputError
from calc.files import write_atomic
from calc.models import (
    BASIS_LABELS,
    CLAIM_BASES,
    RANGE_ASSUMPTIONS,
    Assumptions,
    CalcModel,
    CapacityResult,
    ClaimBasis,
    ClaimResult,
    Facility,
    Source,
)
from calc.presets import describe_validation_error, list_presets, load_facility
from calc.units import Power, format_power, parse_count, parse_power

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Scenario(CalcModel):
    """A claim with every input explicit."""

    id: str
    """The id it is saved under (the file stem)."""
    name: str
    power: Power
    basis: ClaimBasis
    accelerators: int
    fleet: tuple[tuple[str, float], ...]
    """Accelerator ids and counts; scaled to `accelerators` as a mix."""
    method: str
    assumptions: Assumptions
    sources: tuple[Source, ...] = ()
    notes: str = ""


class Report(CalcModel):
    """Everything the UI and the exported reports show for one scenario."""

    scenario: Scenario
    claim: ClaimResult
    capacity: tuple[CapacityResult, ...]
    """Capacity at each basis the claim was read at."""
    methods: tuple[ClaimResult, ...]
    """The same claim under every assumption set."""


def scenario_from_facility(facility: str | Facility, method: str | None = None) -> Scenario:
    """The scenario of a facility preset (by id or path), optionally under another method."""
    site = facility if isinstance(facility, Facility) else load_facility(facility)
    chosen = method or site.method
    return Scenario(
        id=site.id,
        name=site.name,
        power=site.power,
        basis=site.basis,
        accelerators=site.accelerators,
        fleet=tuple(site.fleet.items()),
        method=chosen,
        assumptions=build_assumptions(chosen, site.assumptions),
        sources=site.sources,
        notes=site.notes,
    )


def _number_text(value: float) -> str:
    """A number as text that reads back to the same float: 300 -> "300", 0.1 -> "0.1"."""
    return f"{value:.0f}" if value == math.floor(value) and abs(value) < 1e15 else repr(value)


def scenario_fields(scenario: Scenario) -> dict[str, str]:
    """The scenario as the text of each input field (keys as `parse_fields` takes them)."""
    fields = {
        "power": f"{_number_text(scenario.power.magnitude)} {scenario.power.units:~}",
        "basis": scenario.basis,
        "accelerators": str(scenario.accelerators),
        "method": scenario.method,
        "headroom": _number_text(scenario.assumptions.headroom),
        "redundancy": scenario.assumptions.redundancy.label,
    }
    for index, (accelerator, count) in enumerate(scenario.fleet):
        fields[f"fleet.{index}.accelerator"] = accelerator
        fields[f"fleet.{index}.count"] = _number_text(count)
    for name in RANGE_ASSUMPTIONS:
        values = getattr(scenario.assumptions, name)
        for case in ("low", "central", "high"):
            fields[f"{name}.{case}"] = _number_text(values.value(case))
    return fields


def parse_fields(fields: Mapping[str, str], base: Scenario) -> tuple[Scenario | None, dict[str, str]]:
    """Validate every field; return the scenario, or None and a message per bad field.

    Args:
        fields: Field text by key (see `scenario_fields`); fleet rows are ``fleet.N.accelerator``
            and ``fleet.N.count``.
        base: The scenario being edited (its id, name, sources and server_factor are kept).
    """
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}

    def attempt(key: str, parse: Any) -> Any:
        try:
            return parse()
        except CalcError as error:
            errors[key] = str(error)
            return None

    values["power"] = attempt("power", lambda: parse_power(fields.get("power", ""), allow_apparent=True))
    basis = fields.get("basis", "unspecified")
    if basis not in CLAIM_BASES:
        errors["basis"] = f"basis: {basis!r} is not accepted; accepted: {', '.join(CLAIM_BASES)}"
    accelerators = attempt(
        "accelerators", lambda: parse_count(fields.get("accelerators", ""), "accelerators")
    )
    method = fields.get("method", base.method)
    fleet: list[tuple[str, float]] = []
    rows = sorted({int(k.split(".")[1]) for k in fields if k.startswith("fleet.")})
    for row in rows:
        accelerator = fields.get(f"fleet.{row}.accelerator", "")
        count = attempt(
            f"fleet.{row}.count",
            lambda row=row: parse_count(fields.get(f"fleet.{row}.count", ""), "count", whole=False),
        )
        if attempt(f"fleet.{row}.accelerator", lambda a=accelerator: resolve_fleet(a)) is not None and count:
            fleet.append((accelerator, count))
    if not rows:
        errors["fleet"] = "fleet: add at least one accelerator type"
    elif len({a for a, _ in fleet}) != len(fleet):
        errors["fleet"] = "fleet: each accelerator type may appear once"

    layer: dict[str, Any] = {}
    for name in RANGE_ASSUMPTIONS:
        texts = [fields.get(f"{name}.{case}", "") for case in ("low", "central", "high")]
        for case, text in zip(("low", "central", "high"), texts, strict=True):
            attempt(f"{name}.{case}", lambda n=name, t=text: coerce_assumption(n, t))
        if not any(k.startswith(name + ".") for k in errors):
            current = getattr(base.assumptions, name)
            numbers = [float(t) for t in texts]
            unchanged = numbers == [current.low, current.central, current.high]
            layer[name] = current if unchanged else ":".join(texts)
    for name in ("headroom", "redundancy"):
        layer[name] = attempt(name, lambda n=name: coerce_assumption(n, fields.get(n, "")))
    if base.assumptions.server_factor is not None:
        layer["server_factor"] = base.assumptions.server_factor
    assumptions = None
    if not errors:
        try:
            assumptions = build_assumptions("default", {k: v for k, v in layer.items() if v is not None})
        except InputError as error:
            name = str(error).split(":", 1)[0]
            key = next((k for k in fields if k.startswith(name + ".")), name)
            errors[key] = str(error)
    if errors or assumptions is None or values["power"] is None or accelerators is None:
        return None, errors
    try:
        scenario = Scenario(
            id=base.id,
            name=base.name,
            power=values["power"],
            basis=cast(ClaimBasis, basis),  # checked against CLAIM_BASES above
            accelerators=int(accelerators),
            fleet=tuple(fleet),
            method=method,
            assumptions=assumptions,
            sources=base.sources,
            notes=base.notes,
        )
    except ValidationError as error:
        return None, {"scenario": describe_validation_error(error)}
    return scenario, {}


def evaluate(scenario: Scenario) -> Report:
    """Check the scenario's claim, its capacity at each reading and under every method."""
    fleet = dict(scenario.fleet)
    claim = check_claim(
        scenario.power,
        scenario.accelerators,
        fleet=fleet,
        basis=scenario.basis,
        method=scenario.method,
        assumptions=scenario.assumptions,
    )
    capacities = tuple(
        capacity(
            scenario.power,
            mix=fleet,
            basis=reading.basis,
            method=scenario.method,
            assumptions=scenario.assumptions,
        )
        for reading in claim.readings
    )
    methods = compare_methods(
        scenario.power,
        scenario.accelerators,
        fleet=fleet,
        basis=scenario.basis,
        methods=list_presets("assumptions"),
    )
    return Report(
        scenario=scenario,
        claim=claim,
        capacity=capacities,
        methods=methods,
    )


# ------------------------------------------------------------------------------- saving


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"save: {value!r} cannot be written")
        return repr(value) if isinstance(value, float) else str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def facility_to_toml(facility: Facility) -> str:
    """The TOML text of a facility preset (the format `load_facility` reads)."""
    lines = []
    for key, value in facility.model_dump(mode="json").items():
        if key == "power":
            text = f"{_number_text(facility.power.magnitude)} {facility.power.units:~}"
            lines.append(f"power = {_toml_value(text)}")
        elif not isinstance(value, (dict, list)):
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    lines.append("\n[fleet]")
    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in facility.fleet.items()]
    scalars = {k: v for k, v in facility.assumptions.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in facility.assumptions.items() if isinstance(v, dict)}
    lines.append("\n[assumptions]")
    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in scalars.items()]
    for name, table in tables.items():
        lines.append(f"\n[assumptions.{_toml_key(name)}]")
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items() if v is not None]
    for source in facility.sources:
        lines.append("\n[[sources]]")
        lines.append(f"title = {_toml_value(source.title)}")
        if source.url:
            lines.append(f"url = {_toml_value(source.url)}")
    return "\n".join(lines) + "\n"


def scenario_to_facility(scenario: Scenario, preset_id: str) -> Facility:
    """The scenario as a facility preset with complete assumptions."""
    a = scenario.assumptions
    assumptions: dict[str, Any] = {"headroom": a.headroom, "redundancy": a.redundancy.label}
    for name in (*RANGE_ASSUMPTIONS, "server_factor"):
        values = getattr(a, name)
        if values is not None:
            assumptions[name] = values.model_dump(exclude_none=True)
    sources = scenario.sources or (Source(title="a scenario saved from dcpower"),)
    return Facility(
        id=preset_id,
        name=scenario.name,
        status=f"scenario saved {date.today().isoformat()}",
        power=scenario.power,
        basis=scenario.basis,
        accelerators=scenario.accelerators,
        fleet=dict(scenario.fleet),
        method=scenario.method,
        assumptions=assumptions,
        confidence="estimate",
        sources=sources,
        notes=scenario.notes,
    )


def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> Path:
    """Save a scenario as a facility preset at `path` (its id is the file stem).

    Raises:
        InputError: The file name is not a valid preset id, or the file cannot be written.
    """
    target = Path(path).expanduser()
    if target.suffix != ".toml":
        raise InputError(f"save: {str(path)!r} must end in .toml")
    if not _ID_RE.match(target.stem):
        raise InputError(
            f"save: {target.name!r}: the file name is the preset id and must be "
            f"kebab-case, e.g. 'my-site.toml'"
        )
    text = facility_to_toml(scenario_to_facility(scenario, target.stem))
    return write_atomic(target, text)


def report_json(report: Report) -> str:
    """The report as JSON (quantities as ``{"value", "unit"}``)."""
    return report.model_dump_json(indent=2)


def report_markdown(report: Report) -> str:
    """The report as Markdown: the claim, its verdict, the chain, readings, methods, assumptions."""
    s, claim = report.scenario, report.claim
    noun = claim.noun
    w = lambda q: format_power(q, "W", 1)  # noqa: E731
    out = [
        f"# {s.name}",
        "",
        f"**Claim:** {format_power(claim.power)} for {claim.accelerators:,} {noun}s "
        f"({', '.join(f'{e.accelerator} {e.count:,.0f}' for e in claim.fleet)}); basis "
        f"{claim.basis}; method {claim.method}.",
        "",
        f"**Verdict: {claim.verdict}** — {w(claim.implied_power_per_accelerator)} per {noun}. "
        f"{claim.conclusion}",
        "",
        "## Power per accelerator along the chain",
        "",
        "| basis | low | central | high |",
        "|---|---:|---:|---:|",
    ]
    out += [
        f"| {BASIS_LABELS[r.basis]} | {w(r.low)} | {w(r.central)} | {w(r.high)} |" for r in report.claim.chain
    ]
    out += [
        "",
        "## Readings",
        "",
        "| basis | verdict | low–high | supports | break-even (others central) |",
        "|---|---|---:|---:|---|",
    ]
    for r in claim.readings:
        evens = ", ".join(f"{e.assumption} {e.value:.3f} ({e.status})" for e in r.break_even) or "–"
        out.append(
            f"| {BASIS_LABELS[r.basis]} | {r.verdict} | {w(r.low)}–{w(r.high)} | "
            f"{r.supported_accelerators:,} | {evens} |"
        )
    out += ["", "## Capacity", ""]
    for c in report.capacity:
        racks = f", {c.racks:,} racks" if c.racks is not None else ""
        out.append(
            f"- at the {BASIS_LABELS[c.basis]} basis: {c.accelerators:,} {noun}s in "
            f"{c.systems:,} systems{racks}; {format_power(c.stranded_power)} stranded "
            f"(range {c.accelerators_conservative:,}–{c.accelerators_optimistic:,})"
        )
    out += ["", "## Under each method", "", "| method | verdict | readings |", "|---|---|---|"]
    for m in report.methods:
        readings = "; ".join(
            f"{BASIS_LABELS[r.basis]} {w(r.low)}–{w(r.high)} ({r.verdict})" for r in m.readings
        )
        out.append(f"| {m.method} | {m.verdict} | {readings} |")
    a = s.assumptions
    out += [
        "",
        "## Assumptions",
        "",
        "| assumption | low | central | high | source |",
        "|---|---:|---:|---:|---|",
    ]
    for name in (*RANGE_ASSUMPTIONS, "server_factor"):
        r = getattr(a, name)
        if r is not None:
            out.append(f"| {name} | {r.low:g} | {r.central:g} | {r.high:g} | {r.source or ''} |")
    out.append(f"| headroom | | {a.headroom:g} | | |")
    out.append(f"| redundancy | | {a.redundancy.label} (usable {a.redundancy.usable_fraction:.3g}) | | |")
    if s.sources:
        out += ["", "## Sources", ""] + [
            f"- {src.title}" + (f" <{src.url}>" if src.url else "") for src in s.sources
        ]
    if claim.notes:
        out += ["", "## Notes", ""] + [f"- {n}" for n in claim.notes]
    return "\n".join(out) + "\n"
