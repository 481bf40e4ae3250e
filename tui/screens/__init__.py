"""Screens of the dcpower app."""

from tui.screens.calculator import CalculatorScreen
from tui.screens.dialogs import ConfirmDialog, PathDialog, QuitDialog

__all__ = ["CalculatorScreen", "ConfirmDialog", "HelpScreen", "PathDialog", "QuitDialog"]


def __getattr__(name: str) -> object:
    # the help screen (and the Markdown parser it needs) is imported when first shown
    if name == "HelpScreen":
        from tui.screens.help import HelpScreen

        return HelpScreen
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
