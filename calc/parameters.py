"""What an economics preset and an orbital preset must give: read by the preset reader, which
checks every file against it, and by the questions that use the figures (`calc.energy`,
`calc.orbital`).

It sits below both so that the reader needs no import of the questions (that made a cycle).
"""

from __future__ import annotations

ECONOMICS: tuple[str, ...] = ("load_factor", "electricity_price", "carbon_intensity", "wue", "facility_cost")
"""The parameters an economics preset must give (checked when the preset is read)."""

# name: (example with unit or None for a plain number, lowest accepted, highest accepted)
ORBITAL: dict[str, tuple[str | None, float, float]] = {
    "solar_constant": ("1361 W/m^2", 1.0, 1e5),
    "cell_efficiency_bol": (None, 0.01, 1.0),
    "cell_efficiency_eol": (None, 0.01, 1.0),
    "packing_factor": (None, 0.01, 1.0),
    "eclipse_fraction": (None, 0.0, 0.95),
    "orbit_period": ("95.5 min", 1.0, 1e9),
    "battery_round_trip_efficiency": (None, 0.01, 1.0),
    "battery_depth_of_discharge": (None, 0.01, 1.0),
    "battery_specific_energy": ("150 W*h/kg", 1e-3, 1e12),
    "array_specific_power": ("100 W/kg", 1e-3, 1e12),
    "emissivity": (None, 0.01, 1.0),
    "radiator_temperature": ("300 K", 1.0, 5000.0),
    "sink_temperature": ("0 K", 0.0, 5000.0),
    "radiator_sides": (None, 1.0, 2.0),
    "fin_efficiency": (None, 0.01, 1.0),
    "radiator_areal_density": ("3 kg/m^2", 0.0, 1e6),
    "compute_specific_mass": ("10 kg/kW", 0.0, 1e6),
    "power_per_satellite": ("120 kW", 1e-3, 1e15),
    "payload_per_launch": ("100 t", 1e-3, 1e12),
    "launch_price": ("3000 USD/kg", 0.0, 1e12),
}
"""The inputs of an orbital preset (every one required, no other accepted), with their limits."""
