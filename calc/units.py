"""The project's one pint registry, the guarded parser for user text, and quantity types.

Every Quantity in dcpower comes from `ureg`. User text reaches pint only after `parse_quantity`
has checked its length and shape: pint evaluates expressions, and some (``10**10**10 W``) never
finish, others raise bare ``AssertionError`` or ``RecursionError``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Annotated, Any, Final

import pint
from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from calc.errors import InputError, UnitError, shown


def _build_registry() -> pint.UnitRegistry:
    # The on-disk cache makes a warm start ~7x faster (shared/reference/perf.md §1); a
    # read-only home must not stop the program, so fall back to an uncached registry.
    try:
        return pint.UnitRegistry(cache_folder=":auto:")
    except Exception:  # pragma: no cover - depends on the file system
        return pint.UnitRegistry()


ureg: Final = _build_registry()
"""The registry. Shared, process-wide: never build another one."""
# Money is a dimension of its own, so "1.1e12 USD" parses and "USD/kWh" is a price; prefixes
# work (kUSD, MUSD, GUSD). Only US dollars: converting currencies needs exchange rates.
ureg.define("USD = [currency]")
pint.set_application_registry(ureg)

Q_ = ureg.Quantity
Quantity = pint.Quantity

# Units bound once: a unit given as a string is re-parsed on every call (~45 µs).
W: Final = ureg.W
kW: Final = ureg.kW
MW: Final = ureg.MW
GW: Final = ureg.GW
_POWER_DIM: Final = W.dimensionality

MAX_POWER_WATTS: Final = 1e15
"""Largest power accepted: 1 PW, far above any grid, far below a float overflow."""
MIN_POWER_WATTS: Final = 1e-3
"""Smallest power given as input (a power, a preset's TDP): 1 mW, so that dividing by it stays finite."""
MIN_RESULT_POWER_WATTS: Final = 1e-18
"""Smallest nonzero `Power` a model holds: 1 mW over the 1e12 count cap is 1e-15 W."""
MAX_COUNT: Final = 10**12
"""Largest accelerator count accepted."""
MAX_TEXT_LENGTH: Final = 64
"""Longest text accepted for one quantity; longer input is rejected before pint sees it."""

_NUMBER = r"[-+]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d{1,4})?"
_SPECIAL = r"[-+]?(?:nan|inf(?:inity)?)"
_QUANTITY_RE: Final = re.compile(
    rf"^\s*(?P<number>{_NUMBER}|{_SPECIAL})\s*(?P<unit>\S.*?)?\s*$", re.IGNORECASE
)
_UNIT_CHARS_RE: Final = re.compile(r"^[A-Za-zµμΩ°%$€][A-Za-z0-9µμΩ°%$€_ /*.·^-]*$")
# One small exponent per unit factor (m^2, m**3); a second one in a row is a tower.
_BAD_EXPONENT_RE: Final = re.compile(r"(\^|\*\*)(?!\s*-?[1-4](?![\d^]|\s*\*\*))")

_DIMENSION_NAMES: Final = {
    "[mass] * [length] ** 2 / [time] ** 3": "a power",
    "[mass] * [length] ** 2 / [time] ** 2": "an energy",
    "[mass]": "a mass",
    "[length]": "a length",
    "[length] ** 2": "an area",
    "[length] ** 3": "a volume",
    "[time]": "a time",
    "[temperature]": "a temperature",
    "[currency]": "an amount of money",
    "[currency] * [time] ** 2 / [length] ** 2 / [mass]": "a price per energy",
    "[currency] / [mass]": "a price per mass",
    "[time] ** 2 / [length] ** 2": "a mass per energy",
    "[length] * [time] ** 2 / [mass]": "a volume per energy",
    "[current]": "a current",
    "dimensionless": "a plain number",
}


def plain_number(value: Any) -> Any:
    """A numpy integer, float or bool scalar as the Python number it holds; any other value as is.

    A notebook passes ``np.int64(220000)`` where a script passes ``220000``: both are accepted
    wherever a number is. numpy is never imported here: a numpy scalar brings it along.
    """
    if type(value).__module__ == "numpy":
        import numpy  # heavy: here only when a numpy scalar already brought it

        if isinstance(value, (numpy.integer, numpy.floating, numpy.bool_)):
            return value.item()
    return value


def describe_dimension(dimensionality: Any) -> str:
    """Plain-words name of a pint dimensionality ("an energy", "a mass")."""
    key = str(dimensionality)
    return _DIMENSION_NAMES.get(key, f"a quantity of dimension {key}")


@lru_cache(maxsize=256)
def _parse_units(text: str) -> pint.Unit:
    return ureg.parse_units(text)


_QUANTITY_CLASS: Final = ureg.Quantity


def quantity(magnitude: float, unit: pint.Unit) -> pint.Quantity:
    """A Quantity of `ureg` from a float and a unit bound beforehand (``W``, ``MW``, ...).

    The same object ``Q_(magnitude, unit)`` builds, in 0.2 µs instead of 6 µs: pint's
    constructor re-checks the unit's type and the magnitude on every call, which the core,
    whose floats are already checked, does not need (shared/reference/perf.md §2).
    """
    made = object.__new__(_QUANTITY_CLASS)
    made._magnitude = magnitude
    made._units = unit._units
    return made


_UNIT_FACTS: dict[Any, tuple[Any, bool, float]] = {}


def _unit_facts(value: pint.Quantity) -> tuple[Any, bool, float]:
    """(dimensionality, is apparent power, factor to W or VA) of a quantity's unit, cached per unit.

    Each costs pint 5-50 µs a call; a scenario asks for them on every resolve.
    """
    units = value._units
    facts = _UNIT_FACTS.get(units)
    if facts is None:
        dimension = value.dimensionality
        names = str(value.units)
        # kVA parses as kilovolt_ampere; "kV·A" and "kV*A" as kilovolt * ampere: both are apparent
        apparent = "volt_ampere" in names or ("volt" in names and "ampere" in names)
        factor = (
            float(Q_(1.0, value.units).m_as("VA" if apparent else W)) if dimension == _POWER_DIM else math.nan
        )
        facts = _UNIT_FACTS[units] = (dimension, apparent, factor)
    return facts


def power_watts(power: pint.Quantity) -> float:
    """A power (or an apparent power, in VA) in watts, as a float."""
    return float(power.magnitude) * _unit_facts(power)[2]


def _dimension(value: pint.Quantity) -> Any:
    """The dimensionality of a quantity."""
    return _unit_facts(value)[0]


def _split(text: str, field: str, example: str) -> tuple[float, str | None]:
    """Split guarded text into a float and the unit text (None when there is none)."""
    if len(text) > MAX_TEXT_LENGTH:
        raise UnitError(
            f"{field}: {shown(text, 22)} is {len(text)} characters long; "
            f"at most {MAX_TEXT_LENGTH} are accepted, e.g. {example!r}",
            field=field,
        )
    match = _QUANTITY_RE.match(text)
    if match is None:
        raise UnitError(
            f"{field}: {shown(text)} is not a number with a unit; give one such as {example!r}", field=field
        )
    if not match["number"].isascii():  # float() reads '３００' and '٣٠٠' as 300
        raise UnitError(
            f"{field}: {shown(text)} has digits other than 0-9; write the number in ASCII digits, "
            f"e.g. {example!r}",
            field=field,
        )
    number = float(match["number"].replace(",", ""))
    return number, match["unit"]


_JSON_KEYS: Final = ({"value", "unit"}, {"value", "unit", "base", "base_unit"})


def parse_quantity(
    value: Any,
    field: str,
    dimension: Any,
    example: str,
    *,
    allow_zero: bool = False,
    allow_negative: bool = False,
) -> pint.Quantity:
    """Parse user text (or check a Quantity) into a finite Quantity of one dimension.

    Args:
        value: Text such as ``"300 MW"``, a Quantity, or a ``{"value", "unit"}`` mapping.
        field: The field name used in error messages.
        dimension: The expected pint dimensionality (e.g. ``ureg.W.dimensionality``).
        example: A valid value shown in error messages.
        allow_zero: Accept a zero magnitude.
        allow_negative: Accept a negative magnitude.

    Returns:
        The quantity, with a float magnitude.

    Raises:
        UnitError: Not a quantity, no unit, unknown unit, wrong dimension, not finite, or out
            of sign.
    """
    if isinstance(value, dict) and set(value) in _JSON_KEYS:  # base and base_unit: derived, not read
        try:
            value = f"{value['value']} {value['unit']}"
        except ValueError:  # str() of an int of more than 4,300 digits
            raise UnitError(
                f"{field}: {shown(value)} is not a quantity; e.g. {example!r}", field=field
            ) from None
    if isinstance(value, pint.Quantity):
        magnitude = plain_number(value.magnitude)
        if type(magnitude) is float and isinstance(value, _QUANTITY_CLASS):
            # the core's own quantities: check them without building a copy
            if (
                _dimension(value) == dimension
                and math.isfinite(magnitude)
                and (magnitude > 0 or (magnitude == 0 and allow_zero) or (magnitude < 0 and allow_negative))
            ):
                return value
        if not isinstance(magnitude, (int, float)) or isinstance(magnitude, bool):
            raise UnitError(f"{field}: {shown(value)} must have a single number as magnitude", field=field)
        parsed = Q_(float(magnitude), value.units)
        echo = f"{value:~}"
    elif isinstance(value, str):
        number, unit_text = _split(value, field, example)
        echo = value.strip()
        if unit_text is None:
            if not math.isfinite(number):
                raise UnitError(f"{field}: {echo!r} is not a finite number; e.g. {example!r}", field=field)
            raise UnitError(f"{field}: {echo!r} has no unit; give one such as {example!r}", field=field)
        if unit_text.lower() in {"var", "kvar", "mvar", "gvar", "vars"}:
            raise UnitError(
                f"{field}: {echo!r} is reactive power, which does no work; "
                f"give real power (W) or apparent power (VA), e.g. {example!r}",
                field=field,
            )
        if not _UNIT_CHARS_RE.match(unit_text) or _BAD_EXPONENT_RE.search(unit_text):
            raise UnitError(f"{field}: {echo!r} has an unreadable unit; e.g. {example!r}", field=field)
        try:
            units = _parse_units(unit_text)
        except Exception:  # pint raises many kinds here, AssertionError among them
            raise UnitError(
                f"{field}: {echo!r} has an unknown unit {unit_text!r}; e.g. {example!r}", field=field
            ) from None
        parsed = quantity(number, units)
    elif isinstance(value := plain_number(value), (int, float)):
        raise UnitError(f"{field}: {shown(value)} has no unit; give one such as {example!r}", field=field)
    else:
        raise UnitError(
            f"{field}: {shown(value)} is not a quantity; give text such as {example!r}", field=field
        )

    if _dimension(parsed) != dimension:
        expected = describe_dimension(dimension)
        got = describe_dimension(_dimension(parsed))
        raise UnitError(f"{field}: {echo!r} is {got}, not {expected}; e.g. {example!r}", field=field)
    magnitude = parsed.magnitude
    if not math.isfinite(magnitude):
        raise UnitError(f"{field}: {echo!r} is not finite; e.g. {example!r}", field=field)
    if magnitude == 0 and not allow_zero:
        raise UnitError(f"{field}: {echo!r} must be greater than zero; e.g. {example!r}", field=field)
    if magnitude < 0 and not allow_negative:
        raise UnitError(f"{field}: {echo!r} must not be negative; e.g. {example!r}", field=field)
    return parsed


def is_apparent_power(quantity: pint.Quantity) -> bool:
    """True when the quantity is in volt-amperes (kVA, MVA), i.e. apparent power."""
    return _unit_facts(quantity)[1]


@lru_cache(maxsize=64)
def dimension_of(unit_text: str) -> Any:
    """The dimensionality of a unit written as text ("USD/kWh")."""
    return ureg.parse_units(unit_text).dimensionality


def _echo(value: Any, quantity: pint.Quantity) -> str:
    """How a parsed value is shown in a message: the user's text, else the quantity."""
    return shown(value.strip() if isinstance(value, str) else f"{quantity:~}")


def parse_dimensioned(
    value: Any,
    field: str,
    example: str,
    *,
    allow_zero: bool = False,
    allow_negative: bool = False,
    maximum: float | None = None,
) -> pint.Quantity:
    """Parse a quantity of the dimension of `example` ("0.07 USD/kWh", "400 g/kWh", "300 K").

    Args:
        maximum: The largest magnitude accepted, in the unit of `example`; a generous cap that
            keeps every result computed from the value finite.

    Raises:
        UnitError: As `parse_quantity`, or a magnitude above `maximum`.
    """
    unit_text = example.split(" ", 1)[1]
    quantity = parse_quantity(
        value, field, dimension_of(unit_text), example, allow_zero=allow_zero, allow_negative=allow_negative
    )
    if maximum is not None and not abs(float(quantity.m_as(unit_text))) <= maximum:
        lowest = f"-{maximum:g}" if allow_negative else "0"
        raise UnitError(
            f"{field}: {_echo(value, quantity)} is more than {maximum:g} {unit_text}; "
            f"accepted: {lowest} to {maximum:g} {unit_text}",
            field=field,
        )
    return quantity


def parse_power(value: Any, field: str = "power", *, allow_apparent: bool = False) -> pint.Quantity:
    """Parse a power (W … GW, BTU/h, hp; kVA/MVA only where `allow_apparent`), from 1 mW to 1 PW.

    Raises:
        UnitError: As `parse_quantity`, apparent power where it is not accepted, or a power
            outside 1 mW to 1 PW.
    """
    quantity = parse_quantity(value, field, _POWER_DIM, "300 MW")
    watts = power_watts(quantity)
    if not watts <= MAX_POWER_WATTS:  # also catches a finite GW figure that overflows in W
        raise UnitError(
            f"{field}: {quantity.magnitude:g} {quantity.units:~} is more than 1 PW; "
            f"accepted: up to 1 PW (world electricity generation is about 3.5 TW)",
            field=field,
        )
    if watts < MIN_POWER_WATTS:  # 1e-320 W is a subnormal float: 1 / it overflows
        raise UnitError(
            f"{field}: {_echo(value, quantity)} is less than 1 mW; accepted: 1 mW to 1 PW", field=field
        )
    if is_apparent_power(quantity) and not allow_apparent:
        raise UnitError(
            f"{field}: {quantity.magnitude:g} {quantity.units:~} is apparent power (VA); this field takes real power "
            f"(W), e.g. '300 MW'",
            field=field,
        )
    return quantity


def format_power(quantity: pint.Quantity, unit: str | None = None, decimals: int | None = None) -> str:
    """Format a power for people: ``"300 MW"``, ``"2.057 GW"``, ``"1,363.6 W"``.

    Args:
        quantity: The power.
        unit: W, kW, MW or GW; by default the prefix that keeps the number below 1000.
        decimals: Fixed decimals; by default four significant figures, trailing zeros dropped.
    """
    apparent = is_apparent_power(quantity)
    watts = power_watts(quantity)  # in VA for apparent power
    scales = {"GW": 1e9, "MW": 1e6, "kW": 1e3, "W": 1.0}
    if unit is None:
        unit = next((u for u, scale in scales.items() if abs(watts) >= scale), "W")
    label = unit[:-1] + "VA" if apparent else unit  # 300 MVA stays MVA: it is not 300 MW
    return f"{format_number(watts / scales[unit], decimals)} {label}"


def format_number(number: float, decimals: int | None = None, digits: int = 4) -> str:
    """A number with thousands commas: fixed `decimals`, or `digits` significant figures."""
    if decimals is not None:
        return f"{number:,.{decimals}f}"
    if number == 0 or not math.isfinite(number):
        return f"{number:g}"
    places = max(0, digits - 1 - math.floor(math.log10(abs(number))))
    text = f"{number:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


BASE_UNITS: Final = {
    "[mass] * [length] ** 2 / [time] ** 3": "W",
    "[mass] * [length] ** 2 / [time] ** 2": "Wh",
    "[currency]": "USD",
    "[currency] * [time] ** 2 / [mass] / [length] ** 2": "USD/Wh",
    "[currency] * [time] ** 3 / [mass] / [length] ** 2": "USD/W",
    "[mass]": "kg",
    "[length]": "m",
    "[length] ** 2": "m**2",
    "[length] ** 3": "m**3",
    "[time]": "s",
    "[temperature]": "K",
    "[time] ** 2 / [length] ** 2": "kg/Wh",
    "[length] * [time] ** 2 / [mass]": "m**3/Wh",
}
"""The one unit per dimension of a quantity's ``base`` in JSON: W (VA for apparent power), Wh,
USD, USD/Wh, USD/W, kg, m, m², m³, s, K, kg/Wh, m³/Wh; any other dimension in SI base units."""

_BASE_FACTS: dict[Any, tuple[float, str]] = {}


def _base_facts(quantity: pint.Quantity) -> tuple[float, str]:
    """(factor, unit) taking a quantity's unit to its dimension's base unit, cached per unit."""
    units = quantity._units
    facts = _BASE_FACTS.get(units)
    if facts is None:
        dimension = quantity.dimensionality
        if dimension == _POWER_DIM:
            facts = (_unit_facts(quantity)[2], "VA" if is_apparent_power(quantity) else "W")
        elif str(dimension) in BASE_UNITS:
            target = _parse_units(BASE_UNITS[str(dimension)])
            facts = (float(Q_(1.0, quantity.units).m_as(target)), f"{target:~C}")
        else:
            base = Q_(1.0, quantity.units).to_base_units()
            facts = (float(base.magnitude), f"{base.units:~C}")
        _BASE_FACTS[units] = facts
    return facts


def quantity_json(quantity: pint.Quantity) -> dict[str, Any]:
    """The JSON form of a quantity: the value in the unit as typed, and in its dimension's one
    base unit (`BASE_UNITS`), so that two outputs compare without parsing units:
    ``{"value": 0.3, "unit": "GW", "base": 3e8, "base_unit": "W"}``."""
    magnitude = float(quantity.magnitude)
    factor, unit = _base_facts(quantity)
    return {"value": magnitude, "unit": f"{quantity.units:~C}", "base": magnitude * factor, "base_unit": unit}


def is_power(quantity: pint.Quantity) -> bool:
    """Whether a quantity is a real or an apparent power."""
    return bool(_dimension(quantity) == _POWER_DIM)


INPUT_CONTEXT: Final = {"dcpower_input": True}
"""Pydantic validation context for data read from outside (preset files, saved scenarios):
quantity types then apply their input floors (`MIN_POWER_WATTS` for a power)."""


class HasDimension:
    """`Annotated` marker: a Quantity of one dimension; JSON as ``{"value", "unit"}``.

    Args:
        floor: Smallest nonzero magnitude accepted, in SI base units (for every model).
        input_floor: Smallest nonzero magnitude accepted when validating with `INPUT_CONTEXT`.
        floor_text: The floors as people read them, e.g. ``("1e-18 W", "1 mW")``.
        capped: A power above 1 PW is refused (an input); False for a result computed from
            capped inputs (1e12 accelerators need more than 1 PW, and that is the answer).
    """

    def __init__(
        self,
        dimension: Any,
        example: str,
        *,
        allow_zero: bool = False,
        floor: float = 0.0,
        input_floor: float = 0.0,
        floor_text: tuple[str, str] = ("", ""),
        capped: bool = True,
    ) -> None:
        self.capped = capped
        self.dimension = dimension
        self.example = example
        self.allow_zero = allow_zero
        self.floor = floor
        self.input_floor = input_floor
        self.floor_text = floor_text

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            self._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(self._serialize, when_used="json"),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "value": {"type": "number", "description": "The value in the unit as typed or computed."},
                "unit": {"type": "string"},
                "base": {"type": "number", "description": "The value in `base_unit`."},
                "base_unit": {
                    "type": "string",
                    "description": "The dimension's one fixed unit: W (VA for apparent power), Wh, USD, ...",
                },
            },
            "required": ["value", "unit", "base", "base_unit"],
        }

    def _validate(self, value: Any, info: Any) -> pint.Quantity:
        field = info.field_name or "value"
        quantity = parse_quantity(value, field, self.dimension, self.example, allow_zero=self.allow_zero)
        from_input = bool(isinstance(info.context, dict) and info.context.get("dcpower_input"))
        floor, text = (
            (self.input_floor, self.floor_text[1]) if from_input else (self.floor, self.floor_text[0])
        )
        if self.capped and self.dimension == _POWER_DIM and not abs(power_watts(quantity)) <= MAX_POWER_WATTS:
            raise UnitError(
                f"{field}: {_echo(value, quantity)} is more than 1 PW; accepted: up to 1 PW", field=field
            )
        if floor and quantity.magnitude != 0 and abs(self._base_magnitude(quantity)) < floor:
            # a subnormal TDP (5e-324 W) turns a division into inf or a ZeroDivisionError
            raise UnitError(
                f"{field}: {_echo(value, quantity)} is less than {text}; accepted: at least {text}",
                field=field,
            )
        return quantity

    def _base_magnitude(self, quantity: pint.Quantity) -> float:
        """The magnitude in base units; for a power, by the cached factor (pint takes ~50 µs)."""
        if self.dimension == _POWER_DIM:
            return power_watts(quantity)
        return float(quantity.to_base_units().magnitude)

    @staticmethod
    def _serialize(value: pint.Quantity) -> dict[str, Any]:
        return quantity_json(value)


Power = Annotated[
    pint.Quantity,
    HasDimension(
        _POWER_DIM,
        "700 W",
        floor=MIN_RESULT_POWER_WATTS,
        input_floor=MIN_POWER_WATTS,
        floor_text=("1e-18 W", "1 mW"),
    ),
]
"""Real or apparent power, strictly with a unit; at least 1 mW in files read. [W]"""
ResultPower = Annotated[
    pint.Quantity, HasDimension(_POWER_DIM, "700 W", floor=MIN_RESULT_POWER_WATTS, capped=False)
]
"""A power computed from capped inputs, which may exceed the 1 PW input cap. [W]"""
PowerOrZero = Annotated[pint.Quantity, HasDimension(_POWER_DIM, "0 W", allow_zero=True)]
"""A power that may be zero (stranded power after rounding); no floor: a rounding residue is tiny. [W]"""


def _quantity_type(example: str, doc_unit: str) -> Any:
    return Annotated[
        pint.Quantity, HasDimension(dimension_of(example.split(" ", 1)[1]), example, allow_zero=True)
    ]


Energy = _quantity_type("700.8 GWh", "GWh")
"""An energy. [GWh]"""
Money = _quantity_type("1.1e12 USD", "USD")
"""An amount of US dollars. [USD]"""
Mass = _quantity_type("300 t", "t")
"""A mass. [t]"""
Volume = _quantity_type("1000 m^3", "m³")
"""A volume. [m³]"""
Area = _quantity_type("1.21 km^2", "km²")
"""An area. [km²]"""
Temperature = _quantity_type("300 K", "K")
"""An absolute temperature. [K]"""
PricePerEnergy = _quantity_type("0.07 USD/kWh", "USD/kWh")
MassPerEnergy = _quantity_type("400 g/kWh", "g/kWh")
VolumePerEnergy = _quantity_type("1.8 L/kWh", "L/kWh")
MoneyPerPower = _quantity_type("15 MUSD/MW", "USD/W")


_COUNT_RE: Final = re.compile(
    r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+)?(?:\.\d*)?(?:[eE][-+]?\d+)?$"
)
"""A count as text: digits, grouped by thousands with ',' or '_' (every three digits), a
fraction and an exponent; checked before float(), which reads '1,5' nowhere and '1_5' as 15."""
_MAX_NUMBER_TEXT: Final = 32


def parse_count(value: Any, field: str, *, whole: bool = True) -> float:
    """A positive accelerator count (or, with ``whole=False``, a positive weight).

    Accepts ints, floats and text such as ``"220000"``, ``"220,000"``, ``"220_000"``, ``"2.2e5"``;
    a thousands separator must sit every three digits (``"1,5"`` is refused, not read as 15).

    Raises:
        InputError: Not a number, not ASCII digits, a misplaced separator, not finite, not
            positive, not whole, or above `MAX_COUNT`.
    """
    value = plain_number(value)
    if isinstance(value, bool):
        raise InputError(f"{field}: {value!r} is not a count", field=field)
    if isinstance(value, str):
        text = value.strip()
        if len(text) > _MAX_NUMBER_TEXT:
            raise InputError(f"{field}: {shown(value, 22)} is too long for a count", field=field)
        if not text.isascii():  # float() reads '３００' and '٣٠٠' as 300
            raise InputError(
                f"{field}: {shown(value)} has digits other than 0-9; give e.g. '220000'", field=field
            )
        if ("," in text or "_" in text) and not _COUNT_RE.match(text):
            raise InputError(
                f"{field}: {shown(value)} has a misplaced thousands separator; "
                f"one sits every three digits, e.g. '220,000'"
            )
        try:
            number = float(text.replace(",", "").replace("_", ""))
        except ValueError:
            raise InputError(
                f"{field}: {shown(value)} is not a number; give e.g. '220000'", field=field
            ) from None
    elif isinstance(value, (int, float)):
        # an int above 1.8e308 does not fit a float: it is above the cap all the same
        number = (
            float(value)
            if not isinstance(value, int) or abs(value) <= MAX_COUNT
            else value / abs(value) * 1e300
        )
    else:
        raise InputError(f"{field}: {shown(value)} is not a count; give e.g. 220000", field=field)
    if not math.isfinite(number):
        raise InputError(f"{field}: {shown(value)} is not finite; give e.g. 220000", field=field)
    if number <= 0:
        raise InputError(f"{field}: {shown(value)} must be greater than zero", field=field)
    if number > MAX_COUNT:
        raise InputError(
            f"{field}: {shown(value)} is more than {MAX_COUNT:.0e}; accepted: 1 to 1e12", field=field
        )
    if whole and number != math.floor(number):
        raise InputError(f"{field}: {shown(value)} is not a whole number of accelerators", field=field)
    return number


def parse_number(
    value: Any,
    field: str,
    *,
    low: float | None = None,
    high: float | None = None,
    example: str = "1.2",
    hint: str = "",
) -> float:
    """A plain number from user text, where a percent is a number: ``"150%"`` is 1.5.

    The one number parser for fields without a unit (assumptions, shares, factors), shared by
    the CLI, the API and the TUI, so that ``"120%"`` means the same in each.

    Args:
        value: Text such as ``"1.2"``, ``"85%"``, ``"1e-3"``, or an int or float.
        field: The field name used in error messages.
        low: The smallest value accepted, if any (after the percent is applied).
        high: The largest value accepted, if any.
        example: A valid value shown in error messages.
        hint: Words added after the example, e.g. ``" or a range '1.1:1.2:1.4'"``.

    Raises:
        InputError: Not a number, not ASCII digits, not finite, or outside `low`..`high`.
    """
    value = plain_number(value)
    if isinstance(value, bool):
        raise InputError(f"{field}: {value!r} is not a number; give e.g. {example!r}{hint}", field=field)
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an int above 1.8e308
            raise InputError(
                f"{field}: {shown(value)} is not a finite number; give e.g. {example!r}{hint}", field=field
            ) from None
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > _MAX_NUMBER_TEXT:
            raise InputError(
                f"{field}: {shown(value, 22)} is too long for a number; give e.g. {example!r}{hint}",
                field=field,
            )
        if not text.isascii():
            raise InputError(
                f"{field}: {shown(value)} has digits other than 0-9; give e.g. {example!r}{hint}", field=field
            )
        percent = text.endswith("%")
        digits = text.removesuffix("%").strip()
        if "_" in digits:  # float() reads '1_5' as 15
            raise InputError(
                f"{field}: {shown(value)} is not a number; give e.g. {example!r}{hint}", field=field
            )
        try:
            number = float(digits) / (100.0 if percent else 1.0)
        except ValueError:
            raise InputError(
                f"{field}: {shown(value)} is not a number; give e.g. {example!r}{hint}", field=field
            ) from None
    else:
        raise InputError(f"{field}: {shown(value)} is not a number; give e.g. {example!r}{hint}", field=field)
    if not math.isfinite(number):
        raise InputError(
            f"{field}: {shown(value)} is not a finite number; give e.g. {example!r}{hint}", field=field
        )
    if (low is not None and number < low) or (high is not None and number > high):
        lowest = "" if low is None else f"{low:g}"
        highest = "" if high is None else f"{high:g}"
        accepted = (
            f"{lowest} to {highest}"
            if lowest and highest
            else f"at least {lowest}"
            if lowest
            else f"at most {highest}"
        )
        raise InputError(
            f"{field}: {shown(value)} is {number:g}, outside its range; accepted: {accepted}", field=field
        )
    return number


def parse_fraction(value: Any, field: str, *, low: float = 0.0, high: float | None = None) -> float:
    """A share or factor given as a number or a percent (``"85%"`` = 0.85, ``"150%"`` = 1.5).

    Raises:
        InputError: As `parse_number`; below `low` (0 by default) or above `high`.
    """
    return parse_number(value, field, low=low, high=high, example="0.85")
