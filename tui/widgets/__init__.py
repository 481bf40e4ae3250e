"""Widgets of the dcpower app."""

from tui.widgets.compare import ComparePanel, SweepPanel
from tui.widgets.editors import AssumptionsEditor, ClaimEditor, Editor, FleetEditor
from tui.widgets.fields import FieldInput, FleetRow
from tui.widgets.panels import EnergyPanel, OptionInput, OrbitalPanel, UncertaintyPanel
from tui.widgets.results import ChainBars, Headline, MethodsTable, Notes, ReadingsTable

__all__ = [
    "AssumptionsEditor",
    "ChainBars",
    "ClaimEditor",
    "ComparePanel",
    "Editor",
    "EnergyPanel",
    "FieldInput",
    "FleetEditor",
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
