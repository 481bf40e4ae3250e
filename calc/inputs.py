"""Scenarios from what people give: keyword arguments, a facility preset (the TUI's form: calc/form.py).

`scenario` is the one place where the inputs of every question are checked and where a
facility fills what is not given (its power, basis, count, fleet, method and site facts), so a
facility means the same in every command and function. The keyword functions of the API
(`check_claim`, `capacity`, ...) call it through `as_scenario`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from calc.assumptions import coerce_assumption
from calc.chain import RANGED, fleet_item
from calc.errors import CalcError, InputError, one_of, shown, validation_field
from calc.fieldkeys import FieldKey
from calc.models import (
    ALL_RANGES,
    CLAIM_BASES,
    COUNT_BOUNDS,
    PANEL_OPTIONS,
    POWER_BOUNDS,
    PRESET_ID_PATTERN,
    Assumptions,
    Facility,
    FleetEntry,
    Range,
    Redundancy,
    Scenario,
)
from calc.presets import (
    describe_validation_error,
    load_assumption_set,
    load_facility,
    load_preset,
    load_system,
    number_text,
)
from calc.units import parse_count, parse_power

_STRINGS = ("accelerator", "system", "basis", "method", "name", "power_bound", "gpus_bound")


def _check_types(arguments: Mapping[str, Any]) -> None:
    """Refuse wrong argument types in one line that names the argument."""
    for name in _STRINGS:
        value = arguments.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name}: {shown(value)} is not text; give an id such as 'h100-sxm'", field=name)
    for name in ("fleet", "mix", "assumptions"):
        value = arguments.get(name)
        if value is not None and not isinstance(value, (Mapping, Assumptions)):
            raise InputError(
                f"{name}: {shown(value)} is not a mapping; give e.g. {{'h100-sxm': 1000}}", field=name
            )
        if name != "assumptions" and isinstance(value, Assumptions):
            raise InputError(
                f"{name}: {shown(value)} is not a mapping; give e.g. {{'h100-sxm': 1000}}", field=name
            )
    facility = arguments.get("facility")
    if facility is not None and not isinstance(facility, (str, Facility)):
        raise InputError(f"facility: {shown(facility)} is not a facility id or path", field="facility")


_ID = re.compile(PRESET_ID_PATTERN)


def _entry(field: str, accelerator: str, system: str | None, **amount: float) -> FleetEntry:
    """One fleet entry, its ids checked first so that a bad one is named in one line.

    Ids are read case-insensitively: 'H100-SXM' is 'h100-sxm'."""
    if isinstance(accelerator, str) and _ID.match(accelerator.lower()):
        accelerator = accelerator.lower()
    if isinstance(system, str) and _ID.match(system.lower()):
        system = system.lower()
    for what, value in (("accelerator", accelerator), ("system", system)):
        if value is not None and not (isinstance(value, str) and len(value) <= 64 and _ID.match(value)):
            label = what if field == "accelerator" else field
            raise InputError(
                f"{label}: {shown(value)} is not a{'n' if what == 'accelerator' else ''} {what} id; ids are "
                f"kebab-case names such as {'h100-sxm' if what == 'accelerator' else 'dgx-h100'!r} "
                "(see 'dcpower presets list')",
                field=label,
            )
    fleet_item(accelerator, system)  # an unknown id or a mismatched system fails here, in one line
    try:
        return FleetEntry.model_validate({"accelerator": accelerator, "system": system, **amount})
    except ValidationError as error:
        raise InputError(f"{field}: {describe_validation_error(error)}", field=field) from None


def _holds(system: Any) -> str:
    """ " (it holds 'a100-sxm')" for a known system, else nothing."""
    if not (isinstance(system, str) and len(system) <= 64 and _ID.match(system)):
        return ""
    try:
        return f" (it holds {load_system(system).accelerator!r})"
    except CalcError:
        return ""


def _entries(
    accelerator: str | None,
    system: str | None,
    fleet: Mapping[str, Any] | None,
    mix: Mapping[str, Any] | None,
) -> tuple[FleetEntry, ...] | None:
    """Fleet entries from exactly one of accelerator, fleet (counts) and mix (weights)."""
    given = [name for name, value in (("accelerator", accelerator), ("fleet", fleet), ("mix", mix)) if value]
    if len(given) > 1:
        raise InputError(f"give one of accelerator, fleet and mix, not {' and '.join(given)}")
    if system is not None and accelerator is None:
        if given:  # a fleet or a mix: each entry names its own system
            raise InputError(
                f"system: {shown(system)} goes with accelerator, not {given[0]}; name each "
                f"{given[0]} entry's system as ID@SYSTEM, e.g. 'a100-sxm@dgx-a100=10'",
                field="system",
            )
        raise InputError(
            f"system: {shown(system)} needs an accelerator; give both{_holds(system)}", field="system"
        )
    if accelerator is not None:
        return (_entry("accelerator", accelerator, system),)
    pairs, field = (fleet, "fleet") if fleet else (mix, "mix")
    if not pairs:
        return None
    entries = []
    for key, value in pairs.items():
        if not isinstance(key, str):
            raise InputError(f"{field}: {shown(key)} is not an accelerator id", field=field)
        accelerator_id, at, system_id = key.partition("@")
        named = key if len(key) <= 64 and key.isprintable() and key.isascii() else shown(key)
        amount = parse_count(value, f"{field}.{named}", whole=field == "fleet")
        kind = "count" if field == "fleet" else "weight"
        entries.append(_entry(field, accelerator_id, system_id if at else None, **{kind: amount}))
    return tuple(entries)


def _overrides(assumptions: Mapping[str, Any] | Assumptions | None) -> dict[str, Any]:
    """An assumption layer: a mapping as given (each value checked), or a complete set."""
    if assumptions is None:
        return {}
    if isinstance(assumptions, Assumptions):
        return assumptions_layer(assumptions)
    layer: dict[str, Any] = {}
    for name, value in assumptions.items():
        coerced = coerce_assumption(_name(name), value)
        if isinstance(coerced, Range):
            coerced = coerced.model_dump(exclude_none=True)
        elif isinstance(coerced, Redundancy):
            coerced = coerced.label
        layer[name] = coerced
    return layer


def _name(name: Any) -> str:
    if not isinstance(name, str):
        raise InputError(f"assumptions: {shown(name)} is not an assumption name", field="assumptions")
    return name


def assumptions_layer(assumptions: Assumptions) -> dict[str, Any]:
    """A complete set of assumptions as a layer (plain values, as a preset writes them)."""
    layer: dict[str, Any] = {
        "headroom": assumptions.headroom,
        "redundancy": assumptions.redundancy.label,
    }
    for name in ALL_RANGES:
        values = getattr(assumptions, name)
        if values is not None:
            layer[name] = values.model_dump(exclude_none=True)
    return layer


def _validated(data: Mapping[str, Any]) -> Scenario:
    try:
        return Scenario.model_validate(dict(data))
    except ValidationError as error:
        raise InputError(describe_validation_error(error), field=validation_field(error)) from None


def scenario_from_facility(facility: str | Facility, method: str | None = None) -> Scenario:
    """The scenario of a facility preset (by id or path), optionally under another method.

    Raises:
        PresetError: Unknown facility or method.
    """
    site = facility if isinstance(facility, Facility) else load_facility(facility)
    chosen = method or site.method
    if method is not None:
        load_assumption_set(method)
    return _validated(
        {
            "id": site.id,
            "name": site.name,
            "facility": facility if isinstance(facility, str) else site.id,
            "power": site.power,
            "basis": site.basis,
            "accelerators": site.accelerators,
            "power_bound": site.power_bound,
            "count_bound": site.count_bound,
            "accelerators_high": site.accelerators_high,
            "fleet": tuple(
                _entry(
                    f"{site.id}: fleet",
                    key.partition("@")[0],
                    key.partition("@")[2] if "@" in key else None,
                    count=count,
                )
                for key, count in site.fleet.items()
            ),
            "method": chosen,
            "site": site.assumptions,
            "sources": site.sources,
            "notes": site.notes,
            "energy": site.energy,
            "orbital": site.orbital,
        }
    )


DEFAULT_ORBIT = "dawn-dusk-sso"


def option_defaults() -> dict[FieldKey, str]:
    """The energy-and-money and orbital inputs as their presets give them, keyed as the form's
    fields (``FieldKey("energy", "price")``): what a scenario that sets none of them uses."""
    economics = load_preset("economics", "default").parameters
    orbit = load_preset("orbital", DEFAULT_ORBIT).parameters
    return {
        FieldKey("energy", "load_factor"): str(economics["load_factor"].value),
        FieldKey("energy", "price"): str(economics["electricity_price"].value),
        FieldKey("energy", "carbon"): str(economics["carbon_intensity"].value),
        FieldKey("energy", "wue"): str(economics["wue"].value),
        FieldKey("orbital", "orbit"): DEFAULT_ORBIT,
        FieldKey("orbital", "radiator_temperature"): str(orbit["radiator_temperature"].value),
        FieldKey("orbital", "emissivity"): str(orbit["emissivity"].value),
    }


def scenario_options(current: Scenario, kind: str) -> dict[str, str]:
    """The scenario's inputs of one panel ("energy" or "orbital"), its own over the presets'."""
    defaults = option_defaults()
    return {
        key: getattr(current, kind).get(key, defaults[FieldKey(kind, key)]) for key in PANEL_OPTIONS[kind]
    }


def scenario(
    power: Any = None,
    gpus: Any = None,
    accelerator: str | None = None,
    *,
    system: str | None = None,
    fleet: Mapping[str, Any] | None = None,
    mix: Mapping[str, Any] | None = None,
    facility: str | Facility | None = None,
    basis: str | None = None,
    method: str | None = None,
    assumptions: Mapping[str, Any] | Assumptions | None = None,
    name: str | None = None,
    power_bound: str | None = None,
    gpus_bound: str | None = None,
    gpus_high: Any = None,
) -> Scenario:
    """A scenario from keyword inputs; a facility fills whatever is not given.

    Args:
        power: The quoted power, e.g. ``"300 MW"`` (kVA/MVA are apparent power).
        gpus: The claimed accelerator count; with a fleet, its counts are a mix scaled to it.
        accelerator: One accelerator id, e.g. ``"h100-sxm"``.
        system: The system `accelerator` is installed in (default: its preset's system).
        fleet: Accelerator ids -> counts; ``"id@system"`` names a system.
        mix: Accelerator ids -> weights (shares of a mix, no count).
        facility: A facility id or path: its power, basis, count, fleet, method and site facts.
        basis: unspecified, chip, server, it, facility or supply.
        method: Assumption set id (default, epoch, epoch-nested, semianalysis, nvidia-ra).
        assumptions: Overrides (name -> value, e.g. ``{"pue": "1.1:1.2:1.4"}``), or a
            complete `Assumptions`.
        name: What to call the scenario.
        power_bound: How the power was stated: exact (the default), at-least ("more than
            300 MW"), at-most ("up to") or about ("roughly"; within 10 %).
        gpus_bound: How the count was stated: the same words, or between (with `gpus_high`).
        gpus_high: The upper end of a count range ("4 million or 5 million").

    Raises:
        InputError, UnitError, PresetError: Bad input, with a one-line message.
    """
    arguments = locals()
    _check_types(arguments)
    base: dict[str, Any] = dict(scenario_from_facility(facility)) if facility is not None else {}
    if power is not None:
        base["power"] = parse_power(power, "power", allow_apparent=True)
        base["power_bound"] = "exact"  # a facility's bound was of its own power, not this one
    if gpus is not None:
        base["accelerators"] = int(parse_count(gpus, "gpus"))
        base["count_bound"], base["accelerators_high"] = "exact", None
    entries = _entries(accelerator, system, fleet, mix)
    if entries is not None:
        base["fleet"] = entries
        if fleet and gpus is None:
            base["accelerators"] = None  # the fleet's own counts, not a facility's claimed total
    if basis is not None:
        base["basis"] = one_of(basis, CLAIM_BASES, "basis")
    if method is not None:
        load_assumption_set(method)
        base["method"] = method
    if assumptions is not None:
        base["overrides"] = _overrides(assumptions)
    if name is not None:
        base["name"] = name
    if power_bound is not None:
        base["power_bound"] = one_of(power_bound, POWER_BOUNDS, "power_bound")
    if gpus_high is not None:
        base["accelerators_high"] = int(parse_count(gpus_high, "gpus_high"))
        gpus_bound = gpus_bound or "between"
    if gpus_bound is not None:
        base["count_bound"] = one_of(gpus_bound, COUNT_BOUNDS, "gpus_bound")
    return _validated(base)


def as_scenario(first: Any = None, **inputs: Any) -> Scenario:
    """`first` when it is a Scenario (with no other inputs), else `scenario(first, **inputs)`."""
    if isinstance(first, Scenario):
        given = sorted(k for k, v in inputs.items() if v is not None)
        if given:
            raise InputError(f"give a Scenario or keyword inputs, not both (also given: {', '.join(given)})")
        return first
    if first is not None:
        if inputs.get("power") is not None:
            raise InputError("power: given twice; give it once", field="power")
        inputs["power"] = first
    return scenario(**inputs)


def with_method(current: Scenario, method: str) -> Scenario:
    """The same scenario under another assumption set; site facts and user overrides are kept.

    Raises:
        PresetError: Unknown method.
    """
    load_assumption_set(method)
    return _validated({**dict(current), "method": method})


def with_basis(current: Scenario, basis: str) -> Scenario:
    """The same scenario read at another basis."""
    return _validated({**dict(current), "basis": one_of(basis, CLAIM_BASES, "basis")})


__all__ = [
    "RANGED",
    "as_scenario",
    "assumptions_layer",
    "number_text",
    "option_defaults",
    "scenario",
    "scenario_from_facility",
    "scenario_options",
    "with_basis",
    "with_method",
]
