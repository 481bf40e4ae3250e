"""The power chain and its assumptions as two tables: `STEPS` (one row per basis) and
`ASSUMPTIONS` (one row per assumption).

Every list of names, limit, help text, editor row, glossary line and docs table about the
chain or its assumptions derives from these two tables: `calc.models` builds `Assumptions`
(its fields, their order, defaults and limits) from `ASSUMPTIONS`; `calc.chain` folds
`chain_watts` over `STEPS`; goal-seek, sweeps, Monte Carlo and the tornado read what they may
solve, vary and draw from both; the CLI help, the TUI's editor and glossary and the tables in
``docs/cli.md`` and ``presets/README.md`` print them. A new factor of the chain is one
`Factor` in `STEPS` and one `Assumption` here (and its range in the default preset).

The builder functions take the tables as arguments, so a test can derive everything from a
copy with one more row. This module imports nothing from calc: it is the bottom of the core.

``make docs-tables`` (`main`) rewrites the generated tables of ``docs/cli.md`` and
``presets/README.md`` (between ``<!-- assumptions:begin -->`` and ``<!-- assumptions:end -->``);
a test fails when they differ from the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

# ------------------------------------------------------------------------------ the chain


@dataclass(frozen=True)
class Form:
    """How a factor enters the chain: its effect on a power, and its inverse for goal-seek."""

    apply: Callable[[Any, Any], Any]
    """(power, value) -> power."""
    solve: Callable[[float, float], float]
    """(value, ratio) -> the value that multiplies the power by ratio."""
    text: str
    """The factor in a formula, with {name} for its name."""


FORMS: dict[str, Form] = {
    "linear": Form(lambda p, v: p * v, lambda v, r: v * r, "x {name}"),
    "one_plus": Form(lambda p, v: p * (1.0 + v), lambda v, r: (1.0 + v) * r - 1.0, "x (1 + {name})"),
    "inverse": Form(lambda p, v: p / v, lambda v, r: v / r, "/ {name}"),
    "one_minus_inverse": Form(lambda p, v: p / (1.0 - v), lambda v, r: 1.0 - (1.0 - v) / r, "/ (1 - {name})"),
}


@dataclass(frozen=True)
class Factor:
    """One assumption as a factor of a chain step."""

    name: str
    form: str
    """A key of `FORMS`."""
    impossible: Callable[[float], bool]
    """True where a value is unphysical."""
    assumption: str = ""
    """The row of `ASSUMPTIONS` that sets it, when not its own name (usable_fraction comes from
    the redundancy scheme)."""
    accepted: tuple[float, float] | None = None
    """The values a scenario accepts, for a factor with no row of its own (a row has limits)."""


@dataclass(frozen=True)
class Step:
    """One basis of the chain and how it follows from the one before."""

    basis: Any
    """A `calc.models.Basis` (typed there: models derives the bases from this table)."""
    label: str
    """The basis as people write it ("IT")."""
    formula: str
    """Power per accelerator at this basis, in words (names every factor of the step)."""
    factors: tuple[Factor, ...]
    glossary: str
    """What the basis measures."""


STEPS: tuple[Step, ...] = (
    Step("chip", "chip", "TDP", (), "maximum board power of the accelerator"),
    Step(
        "server",
        "server",
        "system nameplate / accelerators per system x draw_factor",
        (
            Factor("draw_factor", "linear", lambda v: v <= 0.0),
            # When a method sets server_factor, it replaces the system preset's nameplate:
            # server = TDP x server_factor x draw_factor (Epoch AI's form).
            Factor("server_factor", "linear", lambda v: v < 1.0),
        ),
        "what the servers draw",
    ),
    Step(
        "it",
        "IT",
        "server x (1 + it_overhead)",
        (Factor("it_overhead", "one_plus", lambda v: v < 0.0),),
        "critical IT: plus network, storage, management",
    ),
    Step(
        "facility",
        "facility",
        "IT x pue",
        (Factor("pue", "linear", lambda v: v < 1.0),),
        "plus cooling, power conversion, lighting",
    ),
    Step(
        "supply",
        "supply",
        "facility / (usable_fraction x (1 - headroom))",
        (
            Factor(
                "usable_fraction",
                "inverse",
                lambda v: not 0.0 < v <= 1.0,
                assumption="redundancy",
                accepted=(0.0, 1.0),
            ),
            Factor("headroom", "one_minus_inverse", lambda v: not 0.0 <= v < 1.0),
        ),
        "what must be contracted: redundancy and headroom",
    ),
)

# ------------------------------------------------------------------------- the assumptions

Kind = Literal["range", "share", "scheme"]
"""range: low / central / high; share: one number, a planning choice; scheme: a redundancy
scheme such as 'N' or '3+1'."""


@dataclass(frozen=True)
class Assumption:
    """One assumption: one field of `Assumptions`, and everything said about it."""

    name: str
    kind: Kind
    meaning: str
    """What it is, in a few words ("facility / IT power")."""
    doc: str
    """Its description in `dcpower schema` and the docs tables."""
    limits: tuple[float, float] | None = None
    """The lowest and highest value a scenario accepts (a range: each of its three values)."""
    limit_note: str = ""
    """Said after the meaning when a value is outside the limits ("below 1 is impossible")."""
    unit: str = "-"
    required: bool = True
    """A range every set gives; False for one only some methods set (None otherwise)."""
    sampled: bool = False
    """Monte Carlo draws it (a ranged factor, or the power factor of an apparent power)."""
    edited: bool = True
    """The TUI's assumption editor has a row for it."""
    solvable: bool = False
    """Goal-seek may solve for it (for a scheme: for the usable fraction it gives)."""
    sweepable: bool = False
    """A sweep may vary it."""
    glossary: str = ""
    """A sentence for the TUI's glossary."""
    hint: str = ""
    """The editor's tooltip."""


ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption(
        "draw_factor",
        "range",
        "provisioned draw / nameplate system power",
        "Provisioned draw / nameplate system power. [-]",
        limits=(0.05, 1.5),
        sampled=True,
        solvable=True,
        sweepable=True,
        glossary="what share of their nameplate the servers draw; measured H100 nodes peak near 0.82",
    ),
    Assumption(
        "it_overhead",
        "range",
        "non-server IT / server power",
        "Network fabric, storage and management / server power. [-]",
        limits=(0.0, 2.0),
        sampled=True,
        solvable=True,
        sweepable=True,
        glossary="network fabric, storage and management on top of the servers",
    ),
    Assumption(
        "pue",
        "range",
        "facility / IT power",
        "Power usage effectiveness: facility / IT power. [-]",
        limits=(1.0, 5.0),
        limit_note="below 1 is impossible",
        sampled=True,
        solvable=True,
        sweepable=True,
        glossary="power usage effectiveness: cooling, power conversion and lighting on top of IT",
    ),
    Assumption(
        "power_factor",
        "range",
        "real / apparent power",
        "Real / apparent power, used only to convert kVA or MVA inputs. [-]",
        limits=(0.05, 1.0),
        sampled=True,
        glossary="converts a power quoted in kVA or MVA to real power",
    ),
    Assumption(
        "headroom",
        "share",
        "share of the supply kept unused",
        "Share of supply kept unused for transients and swings (a planning choice). [-]",
        limits=(0.0, 0.9),
        solvable=True,
        sweepable=True,
        glossary="a planning choice: supply kept unused for transients and swings",
        hint="Share of supply kept unused, e.g. 0.1 or 10%",
    ),
    Assumption(
        "redundancy",
        "scheme",
        "usable share of the supply under its redundancy scheme",
        "Redundancy scheme of the quoted supply capacity.",
        solvable=True,
        glossary="the scheme of the quoted capacity: N uses all of it, 2N half, k+1 k/(k+1)",
        hint="N, 2N, 4N/3, 3N/2 or k+1 such as 3+1",
    ),
    Assumption(
        "server_factor",
        "range",
        "server power / accelerator TDP",
        "When set, server power = TDP x server_factor x draw_factor, instead of the system preset "
        "(the form of Epoch AI's method). [-]",
        limits=(1.0, 5.0),
        required=False,
        sampled=True,
        solvable=True,
        sweepable=True,
        glossary="set by Epoch AI's method: server power = TDP x server_factor, replacing the system's",
    ),
)
"""Every assumption, in the order of `Assumptions`' fields."""


# ---------------------------------------------------------------------------- derivations


def rows(table: Iterable[Assumption] | None = None) -> dict[str, Assumption]:
    """The table by name."""
    table = ASSUMPTIONS if table is None else tuple(table)
    return {row.name: row for row in table}


def factors(steps: Iterable[Step] | None = None) -> dict[str, Factor]:
    """Every factor of the chain by name, in chain order."""
    steps = STEPS if steps is None else tuple(steps)
    return {f.name: f for step in steps for f in step.factors}


def row_of(factor: Factor, table: Iterable[Assumption] | None = None) -> Assumption:
    """The assumption that sets a factor."""
    table = ASSUMPTIONS if table is None else tuple(table)
    return rows(table)[factor.assumption or factor.name]


def bases(steps: Iterable[Step] | None = None) -> tuple[str, ...]:
    """The bases, in chain order."""
    steps = STEPS if steps is None else tuple(steps)
    return tuple(step.basis for step in steps)


def basis_labels(steps: Iterable[Step] | None = None) -> dict[str, str]:
    """Each basis as people write it."""
    steps = STEPS if steps is None else tuple(steps)
    return {step.basis: step.label for step in steps}


def range_names(table: Iterable[Assumption] | None = None) -> tuple[str, ...]:
    """The ranges every set of assumptions gives."""
    table = ASSUMPTIONS if table is None else tuple(table)
    return tuple(row.name for row in table if row.kind == "range" and row.required)


def assumption_names(table: Iterable[Assumption] | None = None) -> tuple[str, ...]:
    """Every assumption, in field order."""
    table = ASSUMPTIONS if table is None else tuple(table)
    return tuple(row.name for row in table)


def range_limits(table: Iterable[Assumption] | None = None) -> dict[str, tuple[float, float, str]]:
    """name -> (lowest accepted, highest accepted, what the limit means) of each range."""
    table = ASSUMPTIONS if table is None else tuple(table)
    return {
        row.name: (*row.limits, row.meaning + (f"; {row.limit_note}" if row.limit_note else ""))
        for row in table
        if row.kind == "range" and row.limits is not None
    }


def ranged_factors(
    steps: Iterable[Step] | None = None, table: Iterable[Assumption] | None = None
) -> tuple[str, ...]:
    """The factors with a low / central / high range, in chain order."""
    steps = STEPS if steps is None else tuple(steps)
    table = ASSUMPTIONS if table is None else tuple(table)
    return tuple(name for name, f in factors(steps).items() if row_of(f, table).kind == "range")


def sampled_names(
    steps: Iterable[Step] | None = None, table: Iterable[Assumption] | None = None
) -> tuple[str, ...]:
    """What Monte Carlo draws: the sampled factors in chain order, then the sampled assumptions
    that are no factor (the power factor)."""
    steps = STEPS if steps is None else tuple(steps)
    table = ASSUMPTIONS if table is None else tuple(table)
    chain = factors(steps)
    drawn = [name for name, f in chain.items() if row_of(f, table).sampled]
    return (*drawn, *(row.name for row in table if row.sampled and row.name not in chain))


def sweepable_names(
    steps: Iterable[Step] | None = None, table: Iterable[Assumption] | None = None
) -> tuple[str, ...]:
    """The factors a sweep may vary, in chain order."""
    steps = STEPS if steps is None else tuple(steps)
    table = ASSUMPTIONS if table is None else tuple(table)
    return tuple(
        name for name, f in factors(steps).items() if f.name in rows(table) and rows(table)[name].sweepable
    )


def solvable_names(
    steps: Iterable[Step] | None = None, table: Iterable[Assumption] | None = None
) -> tuple[str, ...]:
    """What goal-seek may solve for: the power, the count and the solvable factors."""
    steps = STEPS if steps is None else tuple(steps)
    table = ASSUMPTIONS if table is None else tuple(table)
    return ("power", "gpus", *(name for name, f in factors(steps).items() if row_of(f, table).solvable))


def factor_accepted(
    steps: Iterable[Step] | None = None, table: Iterable[Assumption] | None = None
) -> dict[str, tuple[float, float] | None]:
    """For each factor that is a planning choice (no range): the values a scenario accepts;
    None for a ranged factor (its range is its own)."""
    steps = STEPS if steps is None else tuple(steps)
    table = ASSUMPTIONS if table is None else tuple(table)
    accepted: dict[str, tuple[float, float] | None] = {}
    for name, factor in factors(steps).items():
        row = row_of(factor, table)
        accepted[name] = None if row.kind == "range" else (factor.accepted or row.limits)
    return accepted


def edited_rows(table: Iterable[Assumption] | None = None) -> tuple[Assumption, ...]:
    """The assumption editor's rows: the ranges (low / central / high), then the planning
    choices (one field each)."""
    table = ASSUMPTIONS if table is None else tuple(table)
    edited = [row for row in table if row.edited]
    return (*(r for r in edited if r.kind == "range"), *(r for r in edited if r.kind != "range"))


def _list(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def solve_help(steps: Iterable[Step] | None = None, table: Iterable[Assumption] | None = None) -> str:
    """The help of ``dcpower solve --for``."""
    steps = STEPS if steps is None else tuple(steps)
    table = ASSUMPTIONS if table is None else tuple(table)
    return f"the unknown: {_list(solvable_names(steps, table))}"


def vary_help(steps: Iterable[Step] | None = None, table: Iterable[Assumption] | None = None) -> str:
    """The help of ``dcpower sweep --vary``."""
    steps = STEPS if steps is None else tuple(steps)
    table = ASSUMPTIONS if table is None else tuple(table)
    return (
        "POINTS values of one assumption from START to STOP, e.g. pue=1.05:1.6:12 "
        f"({_list(sweepable_names(steps, table))}; or system_power in kW per system, e.g. "
        "system_power=120:132:4)"
    )


def chain_formula(steps: Iterable[Step] | None = None) -> str:
    """The chain in one line, as the default preset's ``method`` writes it."""
    steps = STEPS if steps is None else tuple(steps)
    return "; ".join(f"{step.label} = {step.formula}" for step in steps if step.factors)


def _symbols(text: str) -> str:
    return text.replace(" x ", " × ").replace(" / ", " ÷ ").replace("1 - ", "1 − ")


def glossary_markdown(steps: Iterable[Step] | None = None, table: Iterable[Assumption] | None = None) -> str:
    """The TUI's glossary: the bases of the chain, then the assumptions."""
    steps = STEPS if steps is None else tuple(steps)
    table = ASSUMPTIONS if table is None else tuple(table)
    lines = ["| basis | per accelerator | what it is |", "|---|---|---|"]
    lines += [f"| {s.label} | {_symbols(s.formula)} | {s.glossary} |" for s in steps]
    lines += ["", "| assumption | measures | what it is |", "|---|---|---|"]
    lines += [f"| {r.name} | {_symbols(f' {r.meaning} ').strip()} | {r.glossary} |" for r in table]
    return "\n".join(lines)


def _limits_text(row: Assumption) -> str:
    if row.kind == "scheme":
        return "N, 2N, 4N/3, 3N/2 or k+1"
    assert row.limits is not None
    return f"{row.limits[0]:g} to {row.limits[1]:g}"


def docs_table(steps: Iterable[Step] | None = None, table: Iterable[Assumption] | None = None) -> str:
    """The Markdown table of the assumptions in the docs."""
    steps = STEPS if steps is None else tuple(steps)
    table = ASSUMPTIONS if table is None else tuple(table)
    sampled, swept = sampled_names(steps, table), sweepable_names(steps, table)
    solved = solvable_names(steps, table)
    owner = {row_of(f, table).name: f.name for f in factors(steps).values()}
    lines = [
        "| name | kind | accepted | meaning | Monte Carlo | sweep | solve |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in table:
        kind = row.kind if row.required else f"{row.kind}, optional"
        factor = owner.get(row.name, row.name)
        lines.append(
            f"| `{row.name}` | {kind} | {_limits_text(row)} | {row.meaning} | "
            f"{'yes' if row.name in sampled else 'no'} | {'yes' if row.name in swept else 'no'} | "
            f"{'yes' if factor in solved else 'no'}"
            + (f" (`{factor}`)" if factor != row.name and factor in solved else "")
            + " |"
        )
    return "\n".join(lines)


BEGIN, END = "<!-- assumptions:begin -->", "<!-- assumptions:end -->"


def with_docs_table(text: str, table_text: str) -> str:
    """`text` with its generated table replaced by `table_text`.

    Raises:
        ValueError: The markers are missing or out of order.
    """
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {BEGIN} and {END} are missing or out of order")
    return f"{text[: start + len(BEGIN)]}\n{table_text}\n{text[end:]}"


def main(paths: Sequence[str]) -> int:
    """Rewrite the generated table of each Markdown file."""
    for path in map(Path, paths):
        text = path.read_text(encoding="utf-8")
        new = with_docs_table(text, docs_table())
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"{path}: table rewritten")
    return 0
