"""The start of the `dcpower` command: pint without numpy when the command draws no samples.

pint imports numpy when it can, only to support arrays, and that is about a third of a one-shot
command's start; the one-shot commands use scalars. So does the terminal UI: its Uncertainty
and Sweep tabs import numpy when first shown, and hand pint only floats. The command's entry (`calc.__main__`) is
inside this package, so `calc/__init__.py` runs before it: the choice is made here, on the first
import of calc, and only in a process that is the `dcpower` command itself (its console script,
or `python -m calc`). Anywhere else (a notebook, a script, the tests) pint is imported as usual.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import os
import sys

from calc.commands import NUMPY_COMMANDS, PROGRAM  # the spec: stdlib only, no pint

_SCRIPT_NAMES = frozenset({"dcpower", "dcpower.exe", "dcpower-script.py"})


def command_arguments() -> list[str] | None:
    """The arguments of the `dcpower` command if this process is it, else None."""
    program = sys.argv[0] if sys.argv else ""
    if os.path.basename(program).lower() in _SCRIPT_NAMES:
        return sys.argv[1:]
    # `python -m calc ...`: while the package of the module to run is imported, argv[0] is "-m"
    original = list(getattr(sys, "orig_argv", ()))
    if program == "-m" and ("-mcalc" in original or ("-m", "calc") in itertools.pairwise(original)):
        return sys.argv[1:]
    return None


def import_pint_without_numpy() -> None:
    """Import pint so that it does not import numpy (unless one of them is imported already)."""
    if "numpy" in sys.modules or "pint" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        importlib.import_module("pint")
    finally:
        del sys.modules["numpy"]


def command_of(arguments: list[str]) -> str | None:
    """The subcommand the arguments run, parsed as `dcpower`'s top level parses them (its
    options, from the command spec, skipped), or None: a value such as `--facility sweep`
    after the subcommand is never taken for it."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=True, exit_on_error=False)
    for option in PROGRAM.options:  # the options taken before the command (--preset-dir)
        parser.add_argument(*option.flags, action=option.action)
    parser.add_argument("-V", "--version", "-h", "--help", action="store_true")
    parser.add_argument("command", nargs="?")
    try:
        known, _ = parser.parse_known_args(arguments)
    except (argparse.ArgumentError, SystemExit):  # the command's own parser says what is wrong
        return None
    return known.command


def needs_numpy(arguments: list[str]) -> bool:
    """Whether the command draws samples (no arguments opens the UI, which starts without)."""
    return bool(arguments) and command_of(arguments) in NUMPY_COMMANDS


def prepare() -> None:
    """Choose how pint is first loaded, before calc imports it."""
    arguments = command_arguments()
    if arguments is not None and not needs_numpy(arguments):
        import_pint_without_numpy()


prepare()
