"""The import graph of calc and tui, read from the source (imports inside functions included):
no cycle, no import from a higher layer, and no deferred import but of a declared heavy module.

The layers, lowest first (a module may import its own layer and those below):

- core: errors, units, models, the assumption layers, the command spec; no preset is read here
- presets: the preset reader and what resolves a scenario's assumptions from presets
- questions: capacity, solve, energy, orbital, claims, sweeps and Monte Carlo, sentences, ledger
- render: the report documents, charts and the A/B comparison
- api: the `calc` package itself (`import calc`)
- cli: the `dcpower` command and its shell completion
- ui: the terminal UI (`tui`), which uses only the api

A new module goes in one layer of `LAYERS`; the test names any module that is in none.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "core",
        frozenset(
            {
                "calc._startup",
                "calc.arguments",
                "calc.assumption_table",
                "calc.commands",
                "calc.errors",
                "calc.fieldkeys",
                "calc.files",
                "calc.layers",
                "calc.lazy",
                "calc.models",
                "calc.nudge",
                "calc.parameters",
                "calc.units",
            }
        ),
    ),
    ("presets", frozenset({"calc.assumptions", "calc.chain", "calc.form", "calc.inputs", "calc.presets"})),
    (
        "questions",
        frozenset(
            {
                "calc.batch",
                "calc.capacity",
                "calc.claims",
                "calc.compute",
                "calc.energy",
                "calc.epoch",
                "calc.ledger",
                "calc.orbital",
                "calc.sentences",
                "calc.solve",
                "calc.timeline",
                "calc.uncertainty",
            }
        ),
    ),
    (
        "render",
        frozenset(
            {
                "calc.charts",
                "calc.claim_report",
                "calc.compare",
                "calc.display",
                "calc.report",
                "calc.schemas",
            }
        ),
    ),
    ("api", frozenset({"calc", "calc.ui"})),  # calc.ui: the faces' helpers, beside the package
    ("cli", frozenset({"calc.cli", "calc.completion", "calc.__main__"})),
    ("ui", frozenset({"tui"})),  # tui and every module in it
)

HEAVY: Mapping[str, str] = {
    "numpy": "a third of a one-shot command's start; only sampling needs it",
    "textual": "the UI toolkit; only `dcpower tui` needs it",
    "calc.uncertainty": "imports numpy",
    "calc.charts": "imports calc.uncertainty, so numpy",
    "tui.app": "the whole UI (textual), loaded only in the app process a browser tab starts",
    "tui.screens.help": "the help screen with its Markdown parser, imported when first shown",
}
"""The modules that may be imported inside a function (with a comment), and why."""


@dataclass(frozen=True)
class Import:
    """One import statement's target, in the module that makes it."""

    module: str
    target: str
    line: int
    deferred: bool
    """Inside a function: made when the function first runs."""
    commented: bool
    """A comment on the line or one of the two above says why."""


def module_names(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Every module of the packages under `root`: dotted name -> file."""
    names: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            names[".".join(parts)] = path
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, node: ast.ImportFrom, known: Mapping[str, Path]) -> list[str]:
    """The modules `from X import a, b` imports: X.a where that is a module, else X."""
    base = node.module or ""
    if node.level:
        package = module.split(".") if known[module].name == "__init__.py" else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]


def imports_of(module: str, known: Mapping[str, Path]) -> list[Import]:
    """The imports one module makes when it runs (those under `if TYPE_CHECKING:` are not made)."""
    source = known[module].read_text()
    lines = source.splitlines()
    found: list[Import] = []

    def commented(line: int) -> bool:
        return "#" in lines[line - 1] or any(
            lines[i].strip().startswith("#") for i in (line - 2, line - 3) if i >= 0
        )

    def visit(node: ast.AST, deferred: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other, deferred)
                continue
            if isinstance(child, ast.Import):
                targets = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom):
                targets = _resolve(module, child, known)
            else:
                inner = deferred or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                visit(child, inner)
                continue
            for target in targets:
                found.append(Import(module, target, child.lineno, deferred, commented(child.lineno)))

    visit(ast.parse(source), False)
    return found


def import_graph(known: Mapping[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of `known` it imports (at the top or inside functions)."""
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name in known:
        for made in imports_of(name, known):
            if made.target in known and made.target != name:
                graph[name].add(made.target)
    return graph


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that ends where it starts (a -> b -> a), or None."""
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done
    path: list[str] = []

    def walk(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := walk(target)):
                return cycle
        path.pop()
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state and (cycle := walk(name)):
            return cycle
    return None


def layer_of(module: str, layers: tuple[tuple[str, frozenset[str]], ...] = LAYERS) -> int | None:
    """The index of a module's layer (a package listed stands for every module in it)."""
    for index, (_, members) in enumerate(layers):
        if module in members or any(module.startswith(f"{m}.") for m in members if "." not in m):
            return index
    return None


def upward_imports(
    graph: Mapping[str, set[str]], layers: tuple[tuple[str, frozenset[str]], ...] = LAYERS
) -> list[str]:
    """Each import of a module from a higher layer, as 'a (core) imports b (render)'."""
    problems = []
    for name, targets in sorted(graph.items()):
        for target in sorted(targets):
            low, high = layer_of(name, layers), layer_of(target, layers)
            if low is not None and high is not None and high > low:
                problems.append(f"{name} ({layers[low][0]}) imports {target} ({layers[high][0]})")
    return problems


def _heavy(target: str) -> bool:
    return any(target == h or target.startswith(f"{h}.") for h in HEAVY)


KNOWN = module_names(ROOT, ("calc", "tui"))
GRAPH = import_graph(KNOWN)


# ------------------------------------------------------------------------------ dcpower itself


def test_no_import_cycle_deferred_imports_included():
    assert find_cycle(GRAPH) is None, " -> ".join(find_cycle(GRAPH) or ())


def test_every_module_is_in_a_layer():
    assert [name for name in KNOWN if layer_of(name) is None] == []


def test_no_module_imports_from_a_higher_layer():
    assert upward_imports(GRAPH) == []


def test_calc_never_imports_tui_or_textual():
    made = [i for name in KNOWN if name.split(".")[0] == "calc" for i in imports_of(name, KNOWN)]
    assert [
        f"{i.module}:{i.line} {i.target}" for i in made if i.target.split(".")[0] in ("tui", "textual")
    ] == []


def test_every_deferred_import_is_of_a_declared_heavy_module_with_a_comment():
    deferred = [i for name in KNOWN for i in imports_of(name, KNOWN) if i.deferred]
    assert [f"{i.module}:{i.line} {i.target}" for i in deferred if not _heavy(i.target)] == []
    assert [f"{i.module}:{i.line} {i.target}" for i in deferred if not i.commented] == []
    assert deferred, "the check reads imports inside functions"


def test_the_cycle_through_the_preset_reader_is_gone():
    # calc/presets.py used to import energy, orbital and assumptions inside functions, closing
    # a cycle of 7 modules through assumptions -> presets
    assert not GRAPH["calc.presets"] & {"calc.energy", "calc.orbital", "calc.assumptions"}
    assert {"calc.parameters", "calc.layers"} <= GRAPH["calc.presets"]


# ------------------------------------------------------------------------- the checks themselves


def _package(root: Path, files: Mapping[str, str]) -> dict[str, Path]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return module_names(root, ("pkg",))


def test_a_cycle_made_by_an_import_inside_a_function_is_found_and_named(tmp_path):
    known = _package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg import b\n",
            "pkg/b.py": "def f():\n    from pkg.c import g  # deferred\n    return g\n",
            "pkg/c.py": "import pkg.a\n",
            "pkg/d.py": "from . import a\n",
        },
    )
    graph = import_graph(known)
    assert graph["pkg.d"] == {"pkg.a"}  # a relative import resolved
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.c", "pkg.a"]
    assert [i.deferred for i in imports_of("pkg.b", known)] == [True]


def test_an_import_under_type_checking_makes_no_cycle(tmp_path):
    known = _package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg import b\n",
            "pkg/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n",
        },
    )
    assert find_cycle(import_graph(known)) is None


def test_an_upward_import_is_named(tmp_path):
    known = _package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/low.py": "def f():\n    import pkg.high\n",
            "pkg/high.py": "import pkg.low\n",
        },
    )
    layers = (("low", frozenset({"pkg.low"})), ("high", frozenset({"pkg.high", "pkg"})))
    graph = import_graph(known)
    assert upward_imports(graph, layers) == ["pkg.low (low) imports pkg.high (high)"]


@pytest.mark.parametrize(
    ("line", "heavy"),
    [("import numpy", True), ("from textual.widgets import Select", True), ("import calc", False)],
)
def test_only_declared_modules_count_as_heavy(line, heavy):
    assert _heavy(line.split()[1]) is heavy
