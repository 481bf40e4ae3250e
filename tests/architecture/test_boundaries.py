"""Layering: calc is a library that never imports the UI; the UI uses only calc's public names."""

import ast
import subprocess
import sys
from pathlib import Path

import calc

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
    for path in (ROOT / "calc").rglob("*.py"):
        for node in _imports(path):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            assert not any(n.split(".")[0] in ("textual", "rich", "tui") for n in names), path


def test_tui_uses_only_public_calc_names_and_no_pint():
    exported = set(calc.__all__)
    for path in (ROOT / "tui").rglob("*.py"):
        for node in _imports(path):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("calc"):
                if path.name == "__main__.py" and node.module == "calc.cli":
                    continue  # the entry point runs the CLI, which calc does not export
                assert node.module == "calc", f"{path}: imports {node.module}; use the calc package"
                assert {a.name for a in node.names} <= exported, path
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "pint" for a in node.names), path
                assert not any(a.name.startswith("calc.") for a in node.names), path


def test_a_one_shot_check_imports_neither_textual_nor_numpy():
    # in the style of harlequin's tests/unit_tests/test_import_hygiene.py: the command as a user
    # runs it, in a fresh interpreter, and what it left in sys.modules
    code = (
        "import sys; from tui.__main__ import main;"
        "code = main(['check', '--power', '300 MW', '--gpus', '220000', '--accelerator', 'h100-sxm']);"
        "bad = sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'textual', 'rich'});"
        "print('imported:', bad); sys.exit(code or (1 if bad else 0))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout[-300:] + done.stderr
    assert "Verdict: PLAUSIBLE" in done.stdout
    assert done.stdout.rstrip().endswith("imported: []")
