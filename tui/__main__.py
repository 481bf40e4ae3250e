"""The `dcpower` command: the CLI of calc, with the terminal UI plugged in.

Importing this module imports no Textual: the one-shot commands stay as fast as the core.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

NUMPY_COMMANDS = frozenset({"uncertainty", "sensitivity", "sweep", "tui"})
"""Subcommands that draw samples or open the UI: they need numpy."""


def open_tui(facility: str) -> int:
    """Open the terminal UI on a facility preset (id or saved scenario path)."""
    from tui.app import run_app

    return run_app(facility=facility)


def _import_pint_without_numpy() -> None:
    """Import pint so that it does not import numpy (about a third of a one-shot command's start).

    pint imports numpy when it can, only to support arrays; the one-shot commands use scalars.
    A None in sys.modules makes that import fail, and pint falls back to plain floats.
    """
    if "numpy" in sys.modules or "pint" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        # by name: the UI itself never uses pint; this only decides how pint is first loaded
        importlib.import_module("pint")
    finally:
        del sys.modules["numpy"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dcpower` console script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and not NUMPY_COMMANDS.intersection(arguments):
        _import_pint_without_numpy()
    from calc.cli import main as run_cli

    return run_cli(arguments, open_tui=open_tui)


if __name__ == "__main__":
    sys.exit(main())
