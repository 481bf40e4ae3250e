"""Screens of the dcpower app."""

from tui.screens.calculator import CalculatorScreen
from tui.screens.dialogs import PathDialog, QuitDialog
from tui.screens.help import HelpScreen

__all__ = ["CalculatorScreen", "HelpScreen", "PathDialog", "QuitDialog"]
