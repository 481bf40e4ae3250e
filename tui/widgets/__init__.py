"""Widgets of the dcpower app."""

from tui.widgets.compare import ComparePanel, SweepPanel
from tui.widgets.fields import FieldInput, FleetRow
from tui.widgets.panels import EnergyPanel, OptionInput, OrbitalPanel, UncertaintyPanel
from tui.widgets.results import ChainBars, Headline, MethodsTable, Notes, ReadingsTable

__all__ = [
    "ChainBars",
    "ComparePanel",
    "EnergyPanel",
    "FieldInput",
    "FleetRow",
    "Headline",
    "MethodsTable",
    "Notes",
    "OptionInput",
    "OrbitalPanel",
    "ReadingsTable",
    "SweepPanel",
    "UncertaintyPanel",
]
