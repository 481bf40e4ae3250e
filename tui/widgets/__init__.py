"""Widgets of the dcpower app."""

from tui.widgets.claims import ClaimsPanel
from tui.widgets.compare import ComparePanel, SweepPanel
from tui.widgets.editors import AssumptionsEditor, ClaimEditor, Editor, FleetEditor
from tui.widgets.fields import FieldInput, FleetRow
from tui.widgets.header import TitleHeader
from tui.widgets.panels import (
    ComputePanel,
    EnergyPanel,
    OptionInput,
    OptionPanel,
    OrbitalPanel,
    UncertaintyPanel,
)
from tui.widgets.results import ChainBars, Headline, MethodsTable, Notes, ReadingsTable, ReportPane
from tui.widgets.timeline import TimelinePanel

__all__ = [
    "AssumptionsEditor",
    "ChainBars",
    "ClaimEditor",
    "ClaimsPanel",
    "ComparePanel",
    "ComputePanel",
    "Editor",
    "EnergyPanel",
    "FieldInput",
    "FleetEditor",
    "FleetRow",
    "Headline",
    "MethodsTable",
    "Notes",
    "OptionInput",
    "OptionPanel",
    "OrbitalPanel",
    "ReadingsTable",
    "ReportPane",
    "SweepPanel",
    "TimelinePanel",
    "TitleHeader",
    "UncertaintyPanel",
]
