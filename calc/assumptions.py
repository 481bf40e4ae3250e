"""Build the assumptions of a calculation from layers: default set, method, site, user.

Each layer is a mapping of assumption names to values. A range assumption takes a number (a
point: low = central = high), text ``"1.2"`` or ``"1.1:1.2:1.4"`` (low:central:high), or a
table ``{low, central, high, source}``; ``headroom`` takes a share; ``redundancy`` takes a
scheme such as ``"N"`` or ``"3+1"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from calc.errors import InputError, shown
from calc.models import (
    ASSUMPTION_NAMES,
    REDUNDANCY_HELP,
    Assumptions,
    AssumptionSet,
    Range,
    Redundancy,
)
from calc.presets import describe_validation_error, load_assumption_set
from calc.units import parse_number

DEFAULT_METHOD = "default"


def _number(name: str, text: Any) -> float:
    # The shared parser: '120%' is 1.2 here as in the TUI; non-ASCII digits and inf are refused.
    return parse_number(text, name, hint=" or a range 'low:central:high' such as '1.1:1.2:1.4'")


def coerce_assumption(name: str, value: Any) -> Any:
    """Turn one layer value into the form `Assumptions` takes.

    Raises:
        InputError: Unknown name or unreadable value (the message names both).
    """
    if name not in ASSUMPTION_NAMES:
        raise InputError(f"{shown(name)} is not an assumption; accepted: {', '.join(ASSUMPTION_NAMES)}")
    if name == "redundancy":
        if isinstance(value, (Redundancy, Mapping)):
            return value
        if not isinstance(value, str):
            raise InputError(f"redundancy: {shown(value)} is not a scheme; accepted: {REDUNDANCY_HELP}")
        return Redundancy.parse(value)
    if name == "headroom":
        return _number(name, value)
    if isinstance(value, (Range, Mapping)) or value is None:
        return value
    if isinstance(value, str) and ":" in value:
        parts = value.split(":")
        if len(parts) != 3:
            raise InputError(
                f"{name}: {shown(value)} must be one number or low:central:high, e.g. '1.1:1.2:1.4'"
            )
        low, central, high = (_number(name, part) for part in parts)
        if not low <= central <= high:
            raise InputError(
                f"{name}: low {low:g}, central {central:g}, high {high:g} are out of "
                f"order; they need low <= central <= high"
            )
        return {"low": low, "central": central, "high": high, "source": "set by the user"}
    number = _number(name, value)
    return {"low": number, "central": number, "high": number, "source": "set by the user"}


def merge_layers(*layers: Mapping[str, Any]) -> Assumptions:
    """Merge assumption layers, later ones winning, and validate the result once.

    Raises:
        InputError: A value is unreadable or outside its accepted range.
    """
    merged: dict[str, Any] = {}
    for layer in layers:
        for name, value in layer.items():
            merged[name] = coerce_assumption(name, value)
    try:
        return Assumptions.model_validate(merged)
    except ValidationError as error:
        raise InputError(describe_validation_error(error)) from None


def method_layers(method: str = DEFAULT_METHOD) -> tuple[AssumptionSet, tuple[Mapping[str, Any], ...]]:
    """The assumption set of a method and the layers it stands for (default first)."""
    default = load_assumption_set(DEFAULT_METHOD)
    if method == DEFAULT_METHOD:
        return default, (default.assumptions,)
    chosen = load_assumption_set(method)
    return chosen, (default.assumptions, chosen.assumptions)


def build_assumptions(
    method: str = DEFAULT_METHOD,
    *overrides: Mapping[str, Any] | None,
    accelerators: tuple[str, ...] = (),
) -> Assumptions:
    """Assumptions of a method, with site and user overrides applied in order.

    Args:
        method: Id of an assumption set (``default``, ``epoch``, ``semianalysis``, ...).
        overrides: Mappings of assumption names to values; None is skipped.
        accelerators: The fleet's accelerator ids: when they are one, the method's calibration
            for that accelerator (``by_accelerator``) applies over its general values (a fleet
            of several: `calc.chain.scenario_calibration` blends their calibrations).

    Raises:
        PresetError: Unknown method.
        InputError: An override is unreadable or out of range.
    """
    chosen, layers = method_layers(method)
    kinds = set(accelerators)
    calibration = chosen.by_accelerator.get(kinds.pop(), {}) if len(kinds) == 1 else {}
    return merge_layers(*layers, calibration, *(o for o in overrides if o))


def parse_settings(items: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """Parse ``NAME=VALUE`` strings (the CLI's ``--set``) into a layer.

    Raises:
        InputError: An item has no ``=`` or names no assumption.
    """
    if not isinstance(items, (list, tuple)):
        raise InputError(f"--set: {shown(items)} is not a list of NAME=VALUE texts, e.g. ['pue=1.3']")
    layer: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, str):
            raise InputError(f"--set: {shown(item)} is not NAME=VALUE text, e.g. 'pue=1.3'")
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name or not value.strip():
            raise InputError(f"--set: {shown(item)} must be NAME=VALUE, e.g. 'pue=1.3' or 'pue=1.1:1.25:1.4'")
        if name not in ASSUMPTION_NAMES:
            raise InputError(
                f"--set: {shown(name)} is not an assumption; accepted: {', '.join(ASSUMPTION_NAMES)}"
            )
        layer[name] = coerce_assumption(name, value.strip())
    return layer
