"""The `dcpower` command (also `python -m calc`): the CLI of calc, with the terminal UI opened
only by `dcpower tui`.

The entry lives in calc so that no other package can stop it: a `tui` package from another
distribution that shadows or overwrote dcpower's own breaks `dcpower tui` alone, in one line
that names both, and every other command (``--version`` included) still runs. This module is the
program, not the library: `import calc` never imports it, and it is the one place in calc that
imports the UI.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from importlib import metadata, util
from pathlib import Path
from typing import Any

from calc.cli import CliError
from calc.cli import main as run_cli
from calc.errors import one_line

UI_PACKAGE = "tui"


class UiUnavailable(CliError):
    """dcpower's terminal UI cannot be imported: printed as one line, exit 2."""


def expected_ui_dir() -> Path:
    """Where dcpower's own `tui` package sits: beside calc (site-packages, or a source checkout)."""
    return Path(__file__).resolve().parent.parent / UI_PACKAGE


def _owners(found: Path) -> list[str]:
    """The installed distributions whose file lists hold `found` ("name version" each)."""
    owners = set()
    for dist in metadata.distributions():
        for file in dist.files or ():
            if file.name == found.name and file.parent.name == found.parent.name:
                try:
                    same = Path(str(dist.locate_file(file))).resolve() == found
                except OSError:
                    continue
                if same:
                    owners.add(f"{dist.metadata['Name']} {dist.version}")
    return sorted(owners)


def _other_owners(found: Path) -> list[str]:
    """The distributions other than dcpower listing `found` (read only on the way to an error)."""
    return [o for o in _owners(found) if not o.lower().startswith("dcpower ")]


def load_ui() -> Callable[..., int]:
    """dcpower's `tui.app.run_app`, or UiUnavailable saying which `tui` was found instead."""
    try:
        spec = util.find_spec(UI_PACKAGE)
    except (ImportError, ValueError) as error:
        raise UiUnavailable(f"tui: dcpower's terminal UI cannot be found: {error}") from None
    if spec is None:
        raise UiUnavailable(
            f"tui: dcpower's terminal UI is not installed (expected at {expected_ui_dir()}; reinstall dcpower)"
        )
    if not spec.submodule_search_locations:  # a single-file module named tui
        raise UiUnavailable(
            f"tui: the module {spec.origin} comes before dcpower's own tui package at "
            f"{expected_ui_dir()} on sys.path (remove it, or reinstall dcpower)"
        )
    found = Path(next(iter(spec.submodule_search_locations))).resolve()
    if found != expected_ui_dir():
        # another distribution's package, earlier on sys.path: not run at all
        others = _other_owners(found / "__init__.py")
        owner = f" (from {' and '.join(others)})" if others else ""
        raise UiUnavailable(
            f"tui: the tui package at {found}{owner} comes before dcpower's own at {expected_ui_dir()} "
            "on sys.path (remove the other one, or reinstall dcpower)"
        )
    try:
        # the UI is found by name at run time, so calc holds no import of it
        run_app = importlib.import_module("tui.app").run_app
    except Exception as error:  # anything the overwritten package raises on import
        if os.environ.get("DCPOWER_DEBUG"):
            raise

        reason = one_line(f"{type(error).__name__}: {error}", limit=100)
        others = _other_owners(found / "__init__.py")
        owner = f"; its files are also listed by {' and '.join(others)}" if others else ""
        raise UiUnavailable(
            f"tui: dcpower's tui package at {found} cannot be imported ({reason}){owner} (reinstall dcpower)"
        ) from None
    return run_app


class _TerminalUi:
    """What `dcpower tui` opens. `check` finds and imports the UI first, so that a broken or
    shadowed install is named before a missing terminal is (the command checks the terminal
    between the two); calling it opens the UI on a facility preset (id or saved scenario path)."""

    def __init__(self) -> None:
        self._run: Any = None

    def check(self) -> None:
        self._run = load_ui()

    def __call__(self, facility: str) -> int:
        return int((self._run or load_ui())(facility=facility))

    def serve(self, facility: str, host: str, port: int) -> int:
        """Serve the UI to web browsers on `host`:`port` (`dcpower serve`) until interrupted."""
        load_ui()  # a missing or shadowed UI is named first, as for `dcpower tui`
        try:
            serve = importlib.import_module("tui.serve").serve
        except ImportError as error:  # textual-serve (a dependency) missing from this install
            raise UiUnavailable(
                f"serve: {error} (reinstall dcpower, which depends on textual-serve)"
            ) from None
        return int(serve(facility=facility, host=host, port=port))


open_tui = _TerminalUi()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dcpower` console script and of `python -m calc`."""
    return run_cli(list(sys.argv[1:] if argv is None else argv), open_tui=open_tui)


if __name__ == "__main__":
    sys.exit(main())
