"""Layering: calc is a library that never imports the UI; the UI uses only calc's public names."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import calc
import calc.ui

ROOT = Path(__file__).resolve().parents[2]


def test_calc_and_the_cli_run_without_textual():
    code = (
        "import sys, calc, calc.cli; calc.check_claim('300 MW', gpus=220000, accelerator='h100-sxm');"
        "calc.cli.main(['presets', 'list']);"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def _imports(path: Path) -> list[ast.AST]:
    return [
        node
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]


def test_calc_source_imports_no_ui():
    # no module in calc imports the UI; calc/__main__.py loads tui.app by name for `dcpower tui` alone
    ui_imports = set()
    for path in (ROOT / "calc").rglob("*.py"):
        for node in _imports(path):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(n.split(".")[0] in ("textual", "rich", "tui") for n in names):
                ui_imports.add((path.relative_to(ROOT).as_posix(), *names))
    assert ui_imports == set()


def test_tui_uses_only_public_calc_names_and_no_pint():
    # the UI imports calc and its faces' module calc.ui, nothing deeper
    exported = {"calc": set(calc.__all__), "calc.ui": set(calc.ui.__all__)}
    for path in (ROOT / "tui").rglob("*.py"):
        for node in _imports(path):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("calc"):
                if path.name == "__main__.py" and node.module == "calc.__main__":
                    continue  # `python -m tui` runs the command, whose entry is in calc
                assert node.module in exported, f"{path}: imports {node.module}; use calc or calc.ui"
                assert {a.name for a in node.names} <= exported[node.module], path
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "pint" for a in node.names), path
                assert not any(a.name.startswith("calc.") and a.name not in exported for a in node.names), (
                    path
                )


def test_tui_names_are_public_or_in_calc_ui():
    # every `calc.X` and `calc.ui.X` the UI's code reads is exported there
    public = {*calc.__all__, "ui", "__version__"}
    missing = set()
    for path in (ROOT / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Attribute):
                continue
            if isinstance(node.value, ast.Name) and node.value.id == "calc":
                known = node.attr in public
            elif isinstance(node.value, ast.Attribute) and node.value.attr == "ui":
                inner = node.value.value
                known = (
                    not (isinstance(inner, ast.Name) and inner.id == "calc") or node.attr in calc.ui.__all__
                )
            else:
                continue
            if not known:
                missing.add((path.relative_to(ROOT).as_posix(), node.lineno, node.attr))
    assert missing == set()


@pytest.mark.parametrize("entry", ["console script", "python -m calc"])
def test_a_one_shot_check_imports_neither_textual_nor_numpy(entry):
    # in the style of harlequin's tests/unit_tests/test_import_hygiene.py: the command as a user
    # runs it, in a fresh interpreter, and the imports it made (numpy is tried once and refused:
    # a module of numpy's own in the list would mean it was loaded)
    script = Path(sys.executable).parent / "dcpower"
    command = [str(script)] if entry == "console script" else [sys.executable, "-m", "calc"]
    done = subprocess.run(
        [*command, "check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm"],
        env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-300:]
    assert "Verdict: PLAUSIBLE" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "calc.cli" in imported  # the profile is there to read
    assert sorted(m for m in imported if m.split(".")[0] in ("numpy", "textual", "rich", "tui")) == ["numpy"]


def test_import_calc_does_not_import_the_entry():
    code = "import sys, calc; print(sorted(m for m in sys.modules if m in ('calc.__main__', 'calc.cli')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout == "[]\n", done.stderr


@pytest.mark.parametrize(
    ("arguments", "numpy"),
    [
        (["check", "--facility", "sweep"], False),  # a value named like a command is not one
        (["check", "--method", "uncertainty", "--facility", "tui"], False),
        (["--preset-dir", "sweep", "check", "--facility", "colossus-1"], False),
        (["--preset-dir=tui", "presets", "list"], False),
        (["--preset-dir", "d", "sweep", "--facility", "colossus-1", "--vary", "pue=1.1:1.3:3"], True),
        (["uncertainty", "--facility", "colossus-1"], True),
        (["tui"], False),  # the UI imports numpy when a tab that draws samples is first shown
        (["tui", "--facility", "sweep"], False),
        ([], False),  # no arguments: the UI may open
        (["--version"], False),
        (["completion", "bash"], False),
    ],
)
def test_the_numpy_gate_reads_the_parsed_command_not_its_words(arguments, numpy):
    from calc import _startup

    assert _startup.needs_numpy(arguments) is numpy
