"""Widgets of the dcpower app."""

from tui.widgets.fields import FieldInput, FleetRow
from tui.widgets.results import ChainBars, Headline, MethodsTable, ReadingsTable

__all__ = ["ChainBars", "FieldInput", "FleetRow", "Headline", "MethodsTable", "ReadingsTable"]
