"""Energy, money, carbon and water over a year; capital cost and its inverse.

Annual energy = power x load factor x 8,760 h (the 365-day year LBNL uses to turn TWh/yr into
average GW). Cost, emissions and water scale that energy by a price, a grid carbon intensity
and a water usage effectiveness. Every default comes from an economics preset with its source.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from calc.chain import resolve, whole_systems
from calc.errors import InputError, PresetError, shown
from calc.inputs import as_scenario
from calc.models import CalcModel, ParameterSet, Scenario
from calc.parameters import ECONOMICS
from calc.presets import load_preset, preset_path
from calc.units import (
    MAX_COUNT,
    MW,
    Q_,
    Energy,
    Mass,
    MassPerEnergy,
    Money,
    MoneyPerPower,
    PricePerEnergy,
    ResultPower,
    Volume,
    VolumePerEnergy,
    W,
    parse_dimensioned,
    parse_power,
    ureg,
)

HOURS_PER_YEAR = 8760.0
"""Hours in the 365-day year of annual energy figures (LBNL 2024: TWh/yr <-> average GW)."""
_HOUR = ureg.hour
_USD = ureg.USD
# Generous caps on inputs that scale a result: each keeps every result finite at 1 PW for a year.
MAX_PRICE = 1000.0
"""Highest electricity price accepted. [USD/kWh] (retail prices are near 0.1)"""
MAX_CARBON = 10000.0
"""Highest grid carbon intensity accepted. [g/kWh] (coal is about 1,000)"""
MAX_WUE = 1000.0
"""Highest water usage effectiveness accepted. [L/kWh] (averages are near 2)"""
MAX_ANNUAL_ENERGY = 8.76e6
"""Highest annual energy accepted: 1 PW for a year. [TWh]"""
MAX_FACILITY_COST = 1000.0
"""Highest facility cost accepted. [MUSD/MW] (about 15 today)"""
MAX_SYSTEM_PRICE = 1e10
"""Highest price of one system accepted. [USD] (an NVL72 rack is about 3e6)"""
MAX_BUDGET = 1e15
"""Highest budget accepted. [USD] (world GDP is about 1e14)"""
PARAMETERS = ECONOMICS
"""The parameters an economics preset must give (`calc.parameters.ECONOMICS`)."""


class EnergyResult(CalcModel):
    """A year of operation at a load factor."""

    power: ResultPower
    """The power, as given. [MW]"""
    load_factor: float
    average_power: ResultPower
    """power x load factor. [MW]"""
    annual_energy: Energy
    """Energy in one year. [GWh]"""
    electricity_price: PricePerEnergy
    carbon_intensity: MassPerEnergy
    wue: VolumePerEnergy
    cost: Money
    """Electricity cost in one year. [USD]"""
    emissions: Mass
    """CO2 emitted in one year at the grid intensity. [t]"""
    water: Volume
    """Water used on site in one year. [m³]"""
    notes: tuple[str, ...] = ()


def economics(preset: str = "default") -> ParameterSet:
    """The economics preset (defaults for load factor, price, carbon, water, costs)."""
    return load_preset("economics", preset)


def _default(name: str, given: Any, figures: ParameterSet, notes: list[str]) -> Any:
    if given is not None:
        return given
    parameter = figures.parameters.get(name)
    if parameter is None:  # presets.py checks this on reading; a model built in code may lack it
        raise InputError(
            f"{name}: missing from the {figures.id!r} economics preset; give it, or add it there"
        )
    notes.append(f"{name}: {parameter.value} from the {figures.id!r} economics preset ({parameter.source})")
    return parameter.value


def _said(value: Any, quantity: Any) -> str:
    """A value as the user gave it, for a message."""
    return shown(value.strip() if isinstance(value, str) else f"{quantity:~}")


def _check_finite(question: str, results: Any, inputs: str) -> None:
    """Refuse inputs whose results overflow: every number dcpower prints is finite."""
    if not all(math.isfinite(float(q.magnitude)) for q in results):
        raise InputError(f"{question}: the result is too large to compute for these inputs ({inputs})")


def _figure(name: str, given: Any, figures: ParameterSet, notes: list[str], parse: Any) -> Any:
    """A figure given, or the preset's, parsed; a bad value from the preset names its file."""
    value = _default(name, given, figures, notes)
    try:
        return parse(value)
    except InputError as error:
        if given is not None:
            raise
        raise PresetError(
            f"{preset_path('economics', figures.id)}: parameters.{name}.value: {error}"
        ) from None


def load_factor_value(value: Any) -> float:
    """A load factor in (0, 1]."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(
            f"load_factor: {value!r} is not a number; accepted: a share above 0 and at most 1"
        ) from None
    if isinstance(value, bool) or not math.isfinite(number) or not 0 < number <= 1:
        raise InputError(f"load_factor: {value!r} is outside (0, 1]; it is a share of the year at full power")
    return number


def annual_energy(
    power: Any,
    *,
    load_factor: Any = None,
    price: Any = None,
    carbon: Any = None,
    wue: Any = None,
    economics_preset: str = "default",
) -> EnergyResult:
    """Energy, electricity cost, emissions and water of a power over one year.

    Args:
        power: The power drawn at full load, e.g. ``"100 MW"``, or a `Scenario` (its real power).
        load_factor: Average / full power, in (0, 1]. [-]
        price: Electricity price, e.g. ``"0.07 USD/kWh"``.
        carbon: Grid carbon intensity, e.g. ``"400 g/kWh"``.
        wue: Water usage effectiveness, e.g. ``"1.8 L/kWh"`` (of the energy above).
        economics_preset: Where the defaults of the unset figures come from.

    Example:
        100 MW at a load factor of 0.8: 100 x 0.8 x 8,760 h = 700.8 GWh a year.

    Raises:
        InputError, UnitError: A negative price, a load factor outside (0, 1], a wrong unit, ...
    """
    if isinstance(power, Scenario):
        power = resolve(power).real_power  # a scenario's real power (apparent power converted)
    figures = economics(economics_preset)
    notes: list[str] = []
    if power is None:
        raise InputError("power: missing; give the power drawn, e.g. '100 MW'")
    drawn = parse_power(power)
    factor = _figure("load_factor", load_factor, figures, notes, load_factor_value)
    # preset parameter, the argument's value, its field, an example with the unit, the largest accepted
    rates = {
        "electricity_price": (price, "price", "0.07 USD/kWh", MAX_PRICE),
        "carbon_intensity": (carbon, "carbon", "400 g/kWh", MAX_CARBON),
        "wue": (wue, "wue", "1.8 L/kWh", MAX_WUE),
    }
    unit_price, intensity, water_per_energy = (
        _figure(
            name,
            given,
            figures,
            notes,
            lambda v, f=field, e=example, m=maximum: parse_dimensioned(v, f, e, allow_zero=True, maximum=m),
        )
        for name, (given, field, example, maximum) in rates.items()
    )
    average = (drawn * factor).to(MW)
    energy = (average * Q_(HOURS_PER_YEAR, _HOUR)).to("GWh")
    cost = (energy * unit_price).to("MUSD")
    emissions = (energy * intensity).to("t")
    water = (energy * water_per_energy).to("m^3")
    _check_finite(
        "energy", (average, energy, cost, emissions, water), "power, load_factor, price, carbon, wue"
    )
    return EnergyResult(
        power=drawn.to(MW),
        load_factor=factor,
        average_power=average,
        annual_energy=energy,
        electricity_price=unit_price,
        carbon_intensity=intensity,
        wue=water_per_energy,
        cost=cost,
        emissions=emissions,
        water=water,
        notes=tuple(notes),
    )


def average_power(annual: Any) -> Any:
    """The average power of an energy per year: ``"176 TWh"`` a year is 20.1 GW (LBNL's conversion).

    Raises:
        UnitError: Not an energy.
    """
    energy = parse_dimensioned(annual, "annual_energy", "176 TWh", maximum=MAX_ANNUAL_ENERGY)
    average = (energy / Q_(HOURS_PER_YEAR, _HOUR)).to("GW")
    _check_finite("energy", (average,), "annual_energy")
    return average


class CapexResult(CalcModel):
    """Capital cost of accelerators with their share of the facility, or what a budget buys."""

    accelerators: int
    systems: int
    capex: Money
    """Total capital cost. [USD]"""
    hardware: Money
    """Systems at their price. [USD]"""
    facility: Money
    """Facility cost per MW of critical IT x the IT power. [USD]"""
    it_power: ResultPower
    """Critical IT power of the accelerators, central case. [MW]"""
    facility_power: ResultPower
    """Facility power of the accelerators, central case. [MW]"""
    facility_cost: MoneyPerPower
    """Facility cost per MW of critical IT used. [USD/MW]"""
    capex_per_accelerator: Money
    """[USD]"""
    budget: Money | None = None
    """The budget, when one was given. [USD]"""
    notes: tuple[str, ...] = ()


def capex(
    budget: Any = None,
    accelerator: str | None = None,
    *,
    gpus: Any = None,
    facility_cost: Any = None,
    system_prices: Mapping[str, Any] | None = None,
    economics_preset: str = "default",
    scenario: Any = None,
    **inputs: Any,
) -> CapexResult:
    """Capital cost of a fleet, or the accelerators and power a budget buys.

    Cost per accelerator = system price / accelerators per system + facility cost per MW of
    critical IT x IT power per accelerator (central case). With a `budget`, the accelerators are
    rounded down to whole systems; for a count, systems are rounded up.

    Args:
        budget: Capital budget, e.g. ``"1.1e12 USD"`` (the inverse question).
        gpus: How many accelerators (the forward question).
        facility_cost: Cost of the facility per MW of critical IT, e.g. ``"15 MUSD/MW"``.
        system_prices: System id -> price, over the economics preset's.
        scenario: A `Scenario` whose count and fleet to price, instead of the keyword inputs.
        inputs: The other inputs of `calc.scenario` (``fleet``, ``facility``, ``method``, ...).

    Raises:
        InputError: Both or neither of budget and count, no price for a system, bad units.
    """
    if budget is not None and gpus is not None:
        raise InputError("give either a budget or an accelerator count (gpus), not both")
    resolved = resolve(as_scenario(scenario, gpus=gpus, accelerator=accelerator, **inputs))
    if budget is None and resolved.count is None:
        raise InputError(
            "give either a budget or an accelerator count (gpus / fleet / facility), not neither"
        )
    figures = economics(economics_preset)
    notes: list[str] = []
    per_mw = _figure(
        "facility_cost",
        facility_cost,
        figures,
        notes,
        lambda v: parse_dimensioned(
            v, "facility_cost", "15 MUSD/MW", allow_zero=True, maximum=MAX_FACILITY_COST
        ),
    )
    fleet = resolved.fleet
    unknown = sorted(set(system_prices or {}) - {item.system.id for item in fleet.items})
    if unknown:
        raise InputError(
            f"system_prices: {shown(unknown[0])} is not a system of this fleet; accepted: "
            + ", ".join(sorted({item.system.id for item in fleet.items}))
        )
    prices: dict[str, Any] = {}
    for item in fleet.items:
        system = item.system.id
        given = (system_prices or {}).get(system)
        if given is None:
            if system not in figures.system_prices:
                raise InputError(
                    f"system_prices: no price for system {system!r}; give one (system_prices, or "
                    f"--system-price {system}='300000 USD') or add it to an economics preset"
                )
            parameter = figures.system_prices[system]
            notes.append(f"price of {system}: {parameter.value} ({parameter.confidence}; {parameter.source})")
            given = parameter.value
        try:
            prices[system] = parse_dimensioned(
                given, f"system_prices.{system}", "300000 USD", maximum=MAX_SYSTEM_PRICE
            )
        except InputError as error:
            if (system_prices or {}).get(system) is not None:
                raise
            where = preset_path("economics", figures.id)
            raise PresetError(f"{where}: system_prices.{system}.value: {error}") from None
    per_accelerator = resolved.watts_per_accelerator("central")
    it_each, facility_each = float(per_accelerator["it"]), float(per_accelerator["facility"])
    shares = fleet.shares
    hardware_each = sum(
        s * float(prices[i.system.id].m_as(_USD)) / i.per_system
        for s, i in zip(shares, fleet.items, strict=True)
    )
    site_each = float(per_mw.m_as("USD/W")) * it_each
    each = hardware_each + site_each
    counts: list[float]
    if budget is not None:
        money = parse_dimensioned(budget, "budget", "1.1e12 USD", maximum=MAX_BUDGET)
        total = float(money.m_as(_USD)) / each
        if not total <= MAX_COUNT:
            raise InputError(
                f"budget: {_said(budget, money)} buys more than 1e12 accelerators at {each:.3g} USD "
                f"each; accepted: a budget for up to 1e12 accelerators"
            )
        systems = [
            int(whole_systems(total * s, i.per_system)) for s, i in zip(shares, fleet.items, strict=True)
        ]
        counts = [float(n * i.per_system) for n, i in zip(systems, fleet.items, strict=True)]
    else:
        money = None
        counts = [item.count for item in fleet.items]
        systems = [
            int(whole_systems(c, i.per_system, up=True)) for c, i in zip(counts, fleet.items, strict=True)
        ]
    if budget is not None and sum(systems) == 0:
        one = min(
            float(prices[i.system.id].m_as(_USD)) + site_each * i.system.accelerators_per_system
            for i in fleet.items
        )
        raise InputError(
            f"budget: {_said(budget, money)} buys no whole system; one costs "
            f"{format_money(Q_(one, _USD))} with its share of the facility"
        )
    n = sum(counts)
    hardware = sum(
        c * float(prices[i.system.id].m_as(_USD)) / i.per_system
        for c, i in zip(counts, fleet.items, strict=True)
    )
    site = site_each * n
    _check_finite(
        "capex",
        (Q_(hardware + site, _USD), Q_(each, _USD)),
        "budget, gpus, facility_cost, system_prices",
    )
    return CapexResult(
        accelerators=round(n),
        systems=sum(systems),
        capex=Q_(hardware + site, _USD).to("GUSD"),
        hardware=Q_(hardware, _USD).to("GUSD"),
        facility=Q_(site, _USD).to("GUSD"),
        it_power=Q_(it_each * n, W).to(MW),
        facility_power=Q_(facility_each * n, W).to(MW),
        facility_cost=per_mw.to("MUSD/MW"),
        capex_per_accelerator=Q_(each, _USD).to("kUSD"),
        budget=None if money is None else money.to("GUSD"),
        notes=(*notes, *resolved.notes),
    )


def format_money(quantity: Any) -> str:
    """Money for people: $1.1 T, $3.2 B, $515 k."""
    dollars = float(quantity.m_as(_USD))
    for suffix, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(dollars) >= scale:
            return f"${dollars / scale:,.3g} {suffix}"
    return f"${dollars:,.2f}"
