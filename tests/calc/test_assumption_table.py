"""The assumption table and the chain's steps are the one source of every list, limit, help
text, editor row, glossary line and docs table about them."""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys
import textwrap
import tomllib
import typing
from pathlib import Path

import calc
import calc.ui
from calc import assumption_table as table
from calc import chain, models

solve = importlib.import_module("calc.solve")  # calc.solve is also the function
uncertainty = importlib.import_module("calc.uncertainty")

ROOT = Path(__file__).resolve().parents[2]


def _static_block(name: str) -> ast.If:
    """The `if TYPE_CHECKING:` block of calc/models.py that defines `name`."""
    tree = ast.parse((ROOT / "calc" / "models.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                target = getattr(statement, "name", None) or getattr(
                    getattr(statement, "targets", [None])[0], "id", None
                )
                if target == name:
                    return node
    raise AssertionError(f"no TYPE_CHECKING block defines {name}")


def test_the_static_basis_literals_spell_what_the_steps_give() -> None:
    block = _static_block("Basis")
    spelled = {
        s.targets[0].id: tuple(ast.literal_eval(e) for e in s.value.slice.elts)  # type: ignore[attr-defined]
        for s in block.body
        if isinstance(s, ast.Assign)
    }
    assert spelled["Basis"] == tuple(step.basis for step in table.STEPS) == models.BASES
    assert spelled["ClaimBasis"] == ("unspecified", *models.BASES) == models.CLAIM_BASES
    assert typing.get_args(models.Basis) == models.BASES
    assert models.BASIS_LABELS == {
        "chip": "chip",
        "server": "server",
        "it": "IT",
        "facility": "facility",
        "supply": "supply",
    }


def test_the_static_assumptions_class_spells_the_table_fields_in_order() -> None:
    block = _static_block("Assumptions")
    cls = next(s for s in block.body if isinstance(s, ast.ClassDef))
    fields = [s.target.id for s in cls.body if isinstance(s, ast.AnnAssign)]  # type: ignore[union-attr]
    assert fields == [row.name for row in table.ASSUMPTIONS] == list(models.Assumptions.model_fields)


def test_the_derived_names_are_the_ones_dcpower_has_always_had() -> None:
    assert models.RANGE_ASSUMPTIONS == ("draw_factor", "it_overhead", "pue", "power_factor")
    assert models.ASSUMPTION_NAMES == (*models.RANGE_ASSUMPTIONS, "headroom", "redundancy", "server_factor")
    assert models.RANGE_LIMITS["pue"] == (1.0, 5.0, "facility / IT power; below 1 is impossible")
    assert uncertainty.SAMPLED == ("draw_factor", "server_factor", "it_overhead", "pue", "power_factor")
    assert chain.ACCEPTED["headroom"] == (0.0, 0.9) and chain.ACCEPTED["usable_fraction"] == (0.0, 1.0)
    assert chain.ACCEPTED["pue"] is None


def test_every_step_formula_names_its_factors_and_the_chain_docstring_prints_it() -> None:
    for step in table.STEPS:
        for factor in step.factors:
            if table.row_of(factor).required:  # an optional range replaces a start (server_factor)
                assert factor.name in step.formula, (step.basis, factor.name)
        assert f"= {step.formula}" in (chain.__doc__ or ""), step.formula


def test_solve_docstring_lists_every_form() -> None:
    for form in table.FORMS.values():
        assert f"`{form.text}`" in (solve.__doc__ or ""), form.text


def test_the_default_preset_writes_the_chain_formula() -> None:
    for folder in (ROOT / "presets", ROOT / "tests" / "tui" / "presets"):
        data = tomllib.loads((folder / "assumptions" / "default.toml").read_text(encoding="utf-8"))
        assert data["method"] == table.chain_formula()


def test_the_docs_tables_are_the_generated_ones() -> None:
    for path in (ROOT / "docs" / "cli.md", ROOT / "presets" / "README.md"):
        text = path.read_text(encoding="utf-8")
        assert table.with_docs_table(text, table.docs_table()) == text, f"{path}: run make docs-tables"


def test_a_docs_file_without_markers_is_an_error_naming_them() -> None:
    try:
        table.with_docs_table("no table here", "| x |")
    except ValueError as error:
        assert "<!-- assumptions:begin -->" in str(error)
    else:
        raise AssertionError("no error")


def test_the_cli_help_lists_what_solve_and_sweep_take() -> None:
    assert calc.ui.solve_help() == (
        "the unknown: power, gpus, draw_factor, server_factor, it_overhead, pue, usable_fraction or headroom"
    )
    assert "(draw_factor, server_factor, it_overhead, pue or headroom; or system_power" in calc.ui.vary_help()


# ------------------------------------------------------------------ one more factor: ups_loss

UPS_SCRIPT = textwrap.dedent(
    """
    import contextlib, dataclasses, importlib.util, io, json, sys

    # the table module imports nothing from calc: load it alone, add to it, then import calc
    spec = importlib.util.spec_from_file_location("calc.assumption_table", "calc/assumption_table.py")
    t = sys.modules["calc.assumption_table"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(t)

    # the one row and the one factor a new step of the chain needs
    t.ASSUMPTIONS = (*t.ASSUMPTIONS, t.Assumption(
        "ups_loss", "range", "UPS conversion loss / facility power", "Share lost in the UPS. [-]",
        limits=(0.0, 0.5), sampled=True, solvable=True, sweepable=True,
        glossary="power lost converting through the UPS"))
    steps = list(t.STEPS)
    facility = steps[3]
    steps[3] = dataclasses.replace(
        facility, formula="IT x pue / (1 - ups_loss)",
        factors=(*facility.factors, t.Factor("ups_loss", "one_minus_inverse", lambda v: not 0 <= v < 1)))
    t.STEPS = tuple(steps)

    import calc, calc.cli
    from tui.widgets.editors import ROWS
    from tui.screens.help import HELP

    def run(*argv):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                code = calc.cli.main(list(argv))
            except SystemExit as stop:
                code = stop.code
        return code, out.getvalue()

    claim = ["--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm", "--json"]
    faces = {
        "solve_help": run("solve", "--help")[1],
        "sweep_help": run("sweep", "--help")[1],
        "power": json.loads(run("power", "--gpus", "1", "--accelerator", "h100-sxm", "--json")[1]),
        "solve": json.loads(run("solve", "--for", "ups_loss", *claim)[1]),
        "sweep": json.loads(run("sweep", "--vary", "ups_loss=0:0.1:3", *claim)[1]),
        "uncertainty": json.loads(run("uncertainty", "--samples", "2000", *claim)[1]),
        "sensitivity": json.loads(run("sensitivity", *claim)[1]),
        "schema": run("schema", "check")[1],
        "docs": t.docs_table(),
        "editor": [name for name, _, _ in ROWS],
        "help": HELP,
        "fields": list(calc.Assumptions.model_fields),
    }
    print(json.dumps(faces))
    """
)


def test_a_new_factor_is_one_row_and_every_face_shows_it(tmp_path: Path) -> None:
    # its range in the default set: a user preset of the same id, the bundled file plus ups_loss
    folder = tmp_path / "assumptions"
    folder.mkdir()
    default = (ROOT / "presets" / "assumptions" / "default.toml").read_text(encoding="utf-8")
    extra = '\n[assumptions.ups_loss]\nlow = 0.02\ncentral = 0.04\nhigh = 0.06\nsource = "an estimate for the test"\n'
    at = default.index("\n[by_accelerator")
    (folder / "default.toml").write_text(default[:at] + extra + default[at:], encoding="utf-8")
    env = {**os.environ, "DCPOWER_PRESET_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", UPS_SCRIPT], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    faces = json.loads(done.stdout.splitlines()[-1])

    assert "ups_loss" in faces["solve_help"] and "ups_loss" in faces["sweep_help"]
    assert faces["fields"][-1] == "ups_loss"
    # facility = IT x pue / (1 - ups_loss): 1,192.125 W x 1.2 / 0.96 for one H100 in a DGX
    facility = next(row for row in faces["power"]["per_accelerator"] if row["basis"] == "facility")
    assert facility["central"]["unit"] == "W", facility
    assert abs(facility["central"]["value"] - 1192.125 * 1.2 / 0.96) < 1e-6, facility
    # 300 MW / 220,000 = 1,363.64 W at the facility = 1,430.55 W / (1 - x): x = -0.0491, which
    # no UPS does (a loss below 0)
    assert faces["solve"]["unknown"] == "ups_loss"
    assert abs(faces["solve"]["value"] - (1 - 1430.55 / (300e6 / 220000))) < 1e-4
    assert faces["solve"]["status"] == "impossible"
    assert faces["sweep"]["vary"] == "ups_loss"
    assert [row["value"] for row in faces["sweep"]["rows"]] == [0.0, 0.05, 0.1]
    assert abs(faces["sweep"]["rows"][2]["power_per_accelerator"]["value"] - 1430.55 / 0.9) < 1e-6
    assert "ups_loss" in faces["uncertainty"]["distributions"]
    assert "ups_loss" in [bar["assumption"] for bar in faces["sensitivity"]["ranking"]]
    assert "ups_loss" in faces["schema"]
    assert "| `ups_loss` | range | 0 to 0.5 |" in faces["docs"]
    assert "ups_loss" in faces["editor"]
    assert "IT × pue ÷ (1 − ups_loss)" in faces["help"]
    assert (
        "| ups_loss | UPS conversion loss ÷ facility power | power lost converting through the UPS |"
        in faces["help"]
    )
