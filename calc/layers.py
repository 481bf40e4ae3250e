"""One assumption layer read and the layers merged: the part of `calc.assumptions` that needs
no preset.

Each layer is a mapping of assumption names to values. A range assumption takes a number (a
point: low = central = high), text ``"1.2"`` or ``"1.1:1.2:1.4"`` (low:central:high), or a
table ``{low, central, high, source}``; ``headroom`` takes a share; ``redundancy`` takes a
scheme such as ``"N"`` or ``"3+1"``. The preset reader checks a file's assumptions with
`merge_layers`, so this module sits below it; `calc.assumptions` adds the layers that come from
presets (the default set and a method).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from calc.errors import InputError, describe_validation_error, shown, validation_field
from calc.models import ASSUMPTION_NAMES, REDUNDANCY_HELP, Assumptions, Range, Redundancy
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
            raise InputError(
                f"redundancy: {shown(value)} is not a scheme; accepted: {REDUNDANCY_HELP}", field="redundancy"
            )
        return Redundancy.parse(value)
    if name == "headroom":
        return _number(name, value)
    if isinstance(value, (Range, Mapping)) or value is None:
        return value
    if isinstance(value, str) and ":" in value:
        parts = value.split(":")
        if len(parts) != 3:
            raise InputError(
                f"{name}: {shown(value)} must be one number or low:central:high, e.g. '1.1:1.2:1.4'",
                field=name,
            )
        low, central, high = (_number(name, part) for part in parts)
        if not low <= central <= high:
            raise InputError(
                f"{name}: low {low:g}, central {central:g}, high {high:g} are out of "
                f"order; they need low <= central <= high",
                field=name,
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
        raise InputError(describe_validation_error(error), field=validation_field(error)) from None
