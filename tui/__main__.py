"""The `dcpower` command: the CLI of calc, with the terminal UI plugged in.

Importing this module imports no Textual: the one-shot commands stay as fast as the core.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def open_tui(facility: str) -> int:
    """Open the terminal UI on a facility preset (id or saved scenario path)."""
    from tui.app import run_app

    return run_app(facility=facility)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dcpower` console script."""
    from calc.cli import main as run_cli

    return run_cli(argv, open_tui=open_tui)


if __name__ == "__main__":
    sys.exit(main())
