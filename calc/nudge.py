"""Nudges: a field's text one step up or down, in the field's own unit.

The arithmetic of a step belongs to the core, so that the terminal UI (up/down keys) holds
none: a power moves by a share of its own value in the unit it was written in (1.2 GW up 1 %
is 1.212 GW, never 2 GW), a count by a share rounded to a whole count (at least one), an
assumption by an absolute step, and a redundancy scheme to the next scheme.
"""

from __future__ import annotations

import math
import re
from typing import Any

from calc.arguments import accepts, number, text
from calc.errors import InputError, shown
from calc.fieldkeys import FLEET, FieldKey
from calc.models import RANGE_ASSUMPTIONS, Redundancy
from calc.units import parse_count, parse_number, parse_power

_LEADING_NUMBER = re.compile(r"^\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d{1,4})?")
_DIGITS = 6
"""Significant digits kept in a nudged number: 300 MW + 1 % is 303 MW, not 303.00000000000006."""

REDUNDANCY_STEPS = ("N", "7+1", "6+1", "5+1", "4+1", "3+1", "4N/3", "2+1", "3N/2", "2N")
"""Redundancy schemes from the most usable capacity to the least (usable 1, 7/8 ... 3/4, 2/3,
1/2): a step up is a step to more redundancy."""


def _number_text(value: float) -> str:
    text = f"{value:.{_DIGITS}g}"
    if "e" in text:  # very large or small: the plain digits read back the same
        text = f"{value:.{_DIGITS}f}".rstrip("0").rstrip(".")
    return text


def _key(value: Any, where: str) -> FieldKey:
    """A field's key: a `FieldKey`, or its text (``"pue.central"``)."""
    if isinstance(value, FieldKey):
        return value
    if not isinstance(value, str):
        raise InputError(
            f"{where}: {shown(value)} is of type {type(value).__name__}; accepted: a FieldKey or its text"
        )
    return FieldKey.parse(value)


@accepts(text=text, field=_key, fraction=number(-1e300, 1e300))
def nudge_text(text: str, field: FieldKey, fraction: float) -> str:
    """The field's text moved by `fraction`, in the unit it is written in.

    Args:
        text: The field's text, e.g. ``"1.2 GW"``, ``"220000"``, ``"1.2"``.
        field: The field's key (a `FieldKey`, or its text): ``power``, ``accelerators``,
            ``fleet.N.count``, an assumption case such as ``pue.central``, ``headroom``,
            ``redundancy``; any other (``energy.price``) steps the leading number of the text.
        fraction: The step [-], e.g. 0.01 up, -0.1 down. A power or count moves by this share of
            its value; an assumption (a plain number) moves by this amount.

    Returns:
        The new text, e.g. ``nudge_text("1.2 GW", "power", 0.01) == "1.212 GW"``.

    Raises:
        InputError: The text does not parse for the field (it is left to the user to fix), or
            the field has no numeric value to step.
    """
    if not math.isfinite(fraction) or not -1 < fraction < 1:
        raise InputError(f"nudge: step {fraction!r} must lie between -1 and 1")
    key, name = field, field.name
    if key == FieldKey("power"):
        parse_power(text, allow_apparent=True)
    if key == FieldKey("accelerators") or (name == FLEET and key.case == "count"):
        count = parse_count(text, str(key), whole=False)
        step = max(1.0, round(abs(count * fraction)))
        moved = max(1.0, count + math.copysign(step, fraction))
        return _number_text(float(round(moved)) if count == round(count) else moved)
    if name in RANGE_ASSUMPTIONS or key == FieldKey("headroom"):
        value = parse_number(text, name)
        moved = round(value + fraction, 10)
        if key == FieldKey("headroom"):
            moved = min(max(moved, 0.0), 0.99)
        return _number_text(max(moved, 0.0))
    if key == FieldKey("redundancy"):
        return step_redundancy(text, 1 if fraction > 0 else -1)
    # a power, or another quantity such as a price: the leading number, in the unit written
    match = _LEADING_NUMBER.match(text)
    if match is None:
        raise InputError(f"{key}: {shown(text)} has no number to step")
    number = float(match.group(0).replace(",", ""))
    return _number_text(number * (1 + fraction)) + text[match.end() :]


@accepts(text=text, direction=number(-1e300, 1e300))
def step_redundancy(text: str, direction: int) -> str:
    """The next redundancy scheme in `REDUNDANCY_STEPS`: +1 more redundancy, -1 less.

    A k+1 scheme outside the list (``"11+1"``) steps to its neighbour by usable fraction; the
    ends stay where they are (``"N"`` down is ``"N"``, ``"2N"`` up is ``"2N"``).

    Raises:
        InputError: The text is not a redundancy scheme.
    """
    current = Redundancy.parse(text.strip())
    if current.label in REDUNDANCY_STEPS:
        index = REDUNDANCY_STEPS.index(current.label) + (1 if direction > 0 else -1)
        return REDUNDANCY_STEPS[min(max(index, 0), len(REDUNDANCY_STEPS) - 1)]
    usable = current.usable_fraction
    fractions = [Redundancy.parse(step).usable_fraction for step in REDUNDANCY_STEPS]
    if direction > 0:
        return next((s for s, f in zip(REDUNDANCY_STEPS, fractions, strict=True) if f < usable), "2N")
    return [s for s, f in zip(REDUNDANCY_STEPS, fractions, strict=True) if f > usable][-1]
