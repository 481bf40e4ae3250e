"""Orbital compute: what a power in orbit takes in solar arrays, radiators, batteries and launches.

    array power    = P (1 + f / ((1 - f) eta_battery))      f: eclipse fraction of the orbit
    array area     = array power / (S x eta_cell_EOL x packing)   sized for end of life
    radiator area  = P / (fin x sides x emissivity x sigma x (T_rad^4 - T_sink^4))
    battery energy = P x f x orbit period / depth of discharge

All of the compute power P leaves as heat through the radiators (conversion losses and the
arrays' own heat are left out), so the figures are lower bounds. Inputs come from an orbital
preset (`presets/orbital/`) with their sources; any of them can be overridden.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from calc.capacity import capacity
from calc.chain import resolve, whole_systems
from calc.errors import InputError, PresetError, shown
from calc.models import CalcModel, ParameterSet, Scenario
from calc.parameters import ORBITAL
from calc.presets import load_preset, preset_path
from calc.units import (
    MW,
    Q_,
    Area,
    Energy,
    Mass,
    Money,
    ResultPower,
    parse_dimensioned,
    parse_number,
    parse_power,
    ureg,
)

STEFAN_BOLTZMANN = 5.670374419e-8
"""sigma [W m^-2 K^-4], exact since the 2019 SI (CODATA 2018)."""
DEFAULT_ORBIT = "dawn-dusk-sso"

INPUTS = ORBITAL
"""The orbital inputs with their limits (`calc.parameters.ORBITAL`)."""
_SI = {
    "solar_constant": "W/m^2",
    "orbit_period": "s",
    "battery_specific_energy": "J/kg",
    "array_specific_power": "W/kg",
    "radiator_temperature": "K",
    "sink_temperature": "K",
    "radiator_areal_density": "kg/m^2",
    "compute_specific_mass": "kg/W",
    "power_per_satellite": "W",
    "payload_per_launch": "kg",
    "launch_price": "USD/kg",
}


class OrbitalResult(CalcModel):
    """What a power of compute in orbit takes."""

    power: ResultPower
    """Compute power in orbit. [MW]"""
    orbit: str
    array_power: ResultPower
    """Power the arrays deliver in sunlight at end of life (load plus battery charging). [MW]"""
    solar_array_area: Area
    """Array area sized for end of life. [km²]"""
    solar_array_mass: Mass
    """[t]"""
    radiator_area: Area
    """[km²]"""
    radiator_mass: Mass
    """[t]"""
    battery_energy: Energy
    """Battery capacity for the eclipse at its depth of discharge. [MWh]"""
    battery_mass: Mass
    """[t]"""
    compute_mass: Mass
    """[t]"""
    total_mass: Mass
    """[t]"""
    satellites: int
    launches: int
    launch_cost: Money
    """[USD]"""
    accelerators: int | None = None
    """Accelerators the power supports at the IT basis (no facility overhead in orbit)."""
    inputs: dict[str, float]
    """Every input in SI units, after overrides."""
    notes: tuple[str, ...] = ()


def orbital_inputs(
    orbit: str = DEFAULT_ORBIT, overrides: Mapping[str, Any] | None = None
) -> tuple[dict[str, float], ParameterSet]:
    """The orbital inputs in SI units: the preset's, with overrides; each checked for range and unit.

    Raises:
        InputError, UnitError: Unknown name, wrong unit, or a value outside its range.
    """
    preset: ParameterSet = load_preset("orbital", orbit)
    given = dict(overrides or {})
    unknown = sorted(set(given) - set(INPUTS))
    if unknown:
        raise InputError(f"orbital: {unknown[0]!r} is not an input; accepted: {', '.join(INPUTS)}")
    values: dict[str, float] = {}
    for name, (example, lowest, highest) in INPUTS.items():
        if given.get(name) is not None:
            raw = given[name]
        elif name in preset.parameters:
            raw = preset.parameters[name].value
        else:  # presets.py checks this on reading; a model built in code may lack it
            raise InputError(
                f"{name}: missing from the {preset.id!r} orbital preset; give it, or add it there"
            )
        try:
            if example is None:
                number = parse_number(raw, name, example=f"{(lowest + highest) / 2:g}")
            else:
                quantity = parse_dimensioned(
                    raw, name, example, allow_zero=lowest == 0.0, allow_negative=name.endswith("temperature")
                )
                number = float(quantity.to(_SI[name]).magnitude)
            if not (math.isfinite(number) and lowest <= number <= highest):
                text = raw.strip() if isinstance(raw, str) else f"{number:g}"
                echo = text if len(text) <= 40 and text.isprintable() else shown(text)
                raise InputError(
                    f"{name}: {echo} is outside its accepted range {lowest:g} to {highest:g}"
                    + (f" {_SI[name]}" if name in _SI else "")
                )
        except InputError as error:
            if given.get(name) is not None:
                raise
            # the preset's own value is bad: name its file
            raise PresetError(f"{preset_path('orbital', orbit)}: parameters.{name}.value: {error}") from None
        values[name] = number
    if values["radiator_temperature"] <= values["sink_temperature"]:
        raise InputError(
            f"radiator_temperature: {values['radiator_temperature']:g} K must be above the sink "
            f"temperature {values['sink_temperature']:g} K, or no heat leaves"
        )
    if values["cell_efficiency_eol"] > values["cell_efficiency_bol"]:
        raise InputError("cell_efficiency_eol: must not exceed cell_efficiency_bol (cells degrade)")
    return values, preset


def orbital(
    power: Any,
    *,
    orbit: str = DEFAULT_ORBIT,
    accelerator: str | None = None,
    fleet: Mapping[str, Any] | None = None,
    **overrides: Any,
) -> OrbitalResult:
    """What `power` of compute in orbit takes: arrays, radiators, batteries, satellites, launches.

    `power` may be a `Scenario`: its real power, and its fleet (as a mix) for the accelerators.

    Args:
        power: Compute power in orbit, e.g. ``"1 GW"``.
        orbit: Orbital preset id: ``dawn-dusk-sso`` (default) or ``leo-550km``.
        accelerator: Optionally, the accelerators that power supports (IT basis).
        overrides: Any input of `INPUTS`, e.g. ``radiator_temperature="330 K"``, ``emissivity=0.85``.

    Example:
        1 GW, radiators at 300 K, emissivity 0.9, two-sided, no sink:
        1e9 / (2 x 0.9 x 5.670e-8 x 300^4) = 1.21e6 m^2 = 1.21 km^2.

    Raises:
        InputError, UnitError: Bad power or inputs (emissivity above 1, a temperature in kg, ...).
    """
    if isinstance(power, Scenario):
        if accelerator is None and not fleet:
            fleet = {e.accelerator: e.count or e.weight or 1.0 for e in power.fleet} or None
        power = resolve(power).real_power
    load = float(parse_power(power).m_as(ureg.W))
    v, preset = orbital_inputs(orbit, overrides)
    f = v["eclipse_fraction"]
    array_power = load * (1.0 + f / ((1.0 - f) * v["battery_round_trip_efficiency"]))
    array_area = array_power / (v["solar_constant"] * v["cell_efficiency_eol"] * v["packing_factor"])
    array_bol = array_area * v["solar_constant"] * v["cell_efficiency_bol"] * v["packing_factor"]
    array_mass = array_bol / v["array_specific_power"]
    flux = (
        v["fin_efficiency"]
        * v["radiator_sides"]
        * v["emissivity"]
        * STEFAN_BOLTZMANN
        * (v["radiator_temperature"] ** 4 - v["sink_temperature"] ** 4)
    )
    radiator_area = load / flux
    radiator_mass = radiator_area * v["radiator_areal_density"]
    battery_energy = load * f * v["orbit_period"] / v["battery_depth_of_discharge"]
    battery_mass = battery_energy / v["battery_specific_energy"]
    compute_mass = load * v["compute_specific_mass"]
    total = array_mass + radiator_mass + battery_mass + compute_mass
    notes = [f"orbit {preset.id}: {preset.name}"]
    supported = None
    if accelerator is not None or fleet:
        result = capacity(Q_(load, ureg.W), accelerator, mix=fleet, basis="it")
        supported = result.accelerators
        notes.append(
            "accelerators at the IT basis: in orbit there is no facility overhead beyond the "
            "radiators, whose pumps and conversion losses are left out"
        )
    return OrbitalResult(
        power=Q_(load, ureg.W).to(MW),
        orbit=preset.id,
        array_power=Q_(array_power, ureg.W).to(MW),
        solar_array_area=Q_(array_area, "m^2").to("km^2"),
        solar_array_mass=Q_(array_mass, "kg").to("t"),
        radiator_area=Q_(radiator_area, "m^2").to("km^2"),
        radiator_mass=Q_(radiator_mass, "kg").to("t"),
        battery_energy=Q_(battery_energy, "J").to("MWh"),
        battery_mass=Q_(battery_mass, "kg").to("t"),
        compute_mass=Q_(compute_mass, "kg").to("t"),
        total_mass=Q_(total, "kg").to("t"),
        satellites=int(whole_systems(load, v["power_per_satellite"], up=True)),
        launches=int(whole_systems(total, v["payload_per_launch"], up=True)),
        launch_cost=Q_(total * v["launch_price"], "USD").to("GUSD"),
        accelerators=supported,
        inputs=v,
        notes=tuple(notes),
    )
