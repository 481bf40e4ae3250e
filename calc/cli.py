"""The `dcpower` command. It imports Textual only when it opens the TUI.

Exit codes: 0 success; 2 bad input (one line on stderr); 3 `check --fail-on` matched; 1 an
internal error (set DCPOWER_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

EXIT_INPUT = 2
EXIT_VERDICT = 3


class CliError(Exception):
    """Bad command-line input: printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (argparse prints usage plus the error by default)."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (see '{self.prog} --help')")


def _pairs(items: Sequence[str] | None, flag: str, what: str) -> dict[str, str] | None:
    if not items:
        return None
    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise CliError(f"{flag}: {item!r} must be ID={what}, e.g. 'h100-sxm=150000'")
        if key.strip() in pairs:
            raise CliError(f"{flag}: {key.strip()!r} is given twice")
        pairs[key.strip()] = value.strip()
    return pairs


def _common(parser: argparse.ArgumentParser, *, basis: str | None, bases: Sequence[str]) -> None:
    parser.add_argument(
        "--method",
        default=None,
        help="assumption set: default, epoch, epoch-nested, semianalysis, nvidia-ra "
        "(default: the facility's, else default)",
    )
    parser.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override an assumption: pue=1.3, or a range pue=1.1:1.25:1.4",
    )
    parser.add_argument("--facility", help="facility preset id, or a saved scenario .toml")
    parser.add_argument(
        "--basis",
        default=basis,
        choices=bases,
        help=f"where the power is measured (default: {basis or 'from the facility, else unspecified'})",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def _claim_options(parser: argparse.ArgumentParser, basis: str | None, bases: Sequence[str]) -> None:
    """--power, --gpus, --accelerator, --fleet and the common options: the inputs of a claim."""
    parser.add_argument("--power", help="the power, e.g. '300 MW' (kVA/MVA use the power factor)")
    parser.add_argument("--gpus", help="the accelerator count")
    parser.add_argument("--accelerator", help="accelerator id, e.g. h100-sxm")
    parser.add_argument(
        "--fleet", action="append", metavar="ID=COUNT", help="a mixed fleet, e.g. --fleet h100-sxm=150000"
    )
    _common(parser, basis=basis, bases=bases)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `dcpower`."""
    from calc.models import BASES, CLAIM_BASES
    from calc.presets import KINDS

    parser = _Parser(
        prog="dcpower",
        description=(
            "Datacenter power and accelerator capacity: how many accelerators a power supports, "
            "the power a fleet needs, and whether a public claim is plausible."
        ),
    )
    parser.add_argument(
        "--preset-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="extra preset directory (overrides bundled presets of the same id)",
    )
    parser.add_argument("--version", action="version", version="dcpower 0.1.0")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    cap = sub.add_parser("capacity", help="power -> accelerators, in whole systems")
    cap.add_argument("--power", help="the power budget, e.g. '300 MW' (kVA/MVA use the power factor)")
    cap.add_argument("--accelerator", help="accelerator id, e.g. h100-sxm")
    cap.add_argument(
        "--mix",
        action="append",
        metavar="ID=WEIGHT",
        help="share of accelerators of each type, e.g. --mix gb200=3 --mix h100-sxm=1",
    )
    cap.add_argument("--rack-power-limit", help="power one rack may draw, e.g. '130 kW'")
    _common(cap, basis="facility", bases=BASES)

    pwr = sub.add_parser("power", help="accelerators -> power at every basis")
    pwr.add_argument("--gpus", help="number of accelerators of --accelerator")
    pwr.add_argument("--accelerator", help="accelerator id")
    pwr.add_argument(
        "--fleet",
        action="append",
        metavar="ID=COUNT",
        help="a mixed fleet, e.g. --fleet h100-sxm=150000 --fleet h200-sxm=50000",
    )
    pwr.add_argument("--rack-power-limit", help="power one rack may draw, e.g. '130 kW'")
    _common(pwr, basis=None, bases=BASES)

    chk = sub.add_parser("check", help="is 'POWER supports GPUS accelerators' plausible?")
    _claim_options(chk, None, CLAIM_BASES)
    chk.add_argument(
        "--fail-on",
        choices=("implausible", "ample", "not-plausible"),
        help="exit 3 when the verdict matches (not-plausible: implausible or ample)",
    )

    slv = sub.add_parser("solve", help="the value of one unknown that makes the claim fit")
    slv.add_argument(
        "--for",
        dest="unknown",
        required=True,
        help="power, gpus, pue, draw_factor, it_overhead, server_factor, headroom, usable_fraction",
    )
    _claim_options(slv, "facility", BASES)

    pre = sub.add_parser("presets", help="list or show presets")
    pre_sub = pre.add_subparsers(dest="presets_command", parser_class=_Parser)
    lst = pre_sub.add_parser("list", help="list preset ids")
    lst.add_argument("--kind", choices=KINDS)
    lst.add_argument("--json", action="store_true")
    shw = pre_sub.add_parser("show", help="show one preset with its sources")
    shw.add_argument("id")
    shw.add_argument("--kind", choices=KINDS)
    shw.add_argument("--json", action="store_true")

    unc = sub.add_parser("uncertainty", help="Monte Carlo: P5/P50/P95 and the claim-fit probability")
    _claim_options(unc, None, CLAIM_BASES)
    unc.add_argument("--samples", type=int, default=100_000, help="number of draws (default 100000)")
    unc.add_argument("--seed", type=int, help="seed: the same seed gives the same numbers")
    unc.add_argument(
        "--distribution",
        action="append",
        default=[],
        metavar="NAME=KIND",
        help="triangular (default), uniform, normal or fixed, e.g. pue=normal",
    )
    unc.add_argument("--chart", metavar="FILE.svg", help="write the histogram as an SVG file")

    sen = sub.add_parser("sensitivity", help="tornado: which assumption moves the answer most")
    _claim_options(sen, None, CLAIM_BASES)
    sen.add_argument("--chart", metavar="FILE.svg", help="write the tornado as an SVG file")

    swp = sub.add_parser("sweep", help="vary one assumption over a range, as a table")
    _claim_options(swp, None, CLAIM_BASES)
    swp.add_argument(
        "--vary",
        required=True,
        metavar="NAME=START:STOP:STEPS",
        help="e.g. pue=1.05:1.6:12 (draw_factor, it_overhead, pue, server_factor, headroom)",
    )

    eng = sub.add_parser("energy", help="annual energy, electricity cost, emissions and water")
    eng.add_argument("--power", help="the power at full load, e.g. '100 MW'")
    eng.add_argument("--facility", help="facility preset: its quoted power")
    eng.add_argument(
        "--annual-energy", help="instead: an energy per year to turn into average power, e.g. '176 TWh'"
    )
    eng.add_argument("--load-factor", help="average / full power, in (0, 1]")
    eng.add_argument("--price", help="electricity price, e.g. '0.07 USD/kWh'")
    eng.add_argument("--carbon", help="grid carbon intensity, e.g. '400 g/kWh'")
    eng.add_argument("--wue", help="water usage effectiveness, e.g. '1.8 L/kWh'")
    eng.add_argument("--economics", default="default", help="economics preset for the defaults")
    eng.add_argument("--json", action="store_true", help="print JSON")

    cpx = sub.add_parser("capex", help="capital cost of a fleet, or what a budget buys")
    cpx.add_argument("--budget", help="capital budget, e.g. '1.1e12 USD'")
    cpx.add_argument("--gpus", help="number of accelerators (instead of a budget)")
    cpx.add_argument("--accelerator", help="accelerator id")
    cpx.add_argument("--fleet", action="append", metavar="ID=COUNT", help="a fleet (a mix, with a budget)")
    cpx.add_argument("--facility-cost", help="facility cost per MW of critical IT, e.g. '15 MUSD/MW'")
    cpx.add_argument("--system-price", action="append", metavar="ID=PRICE", help="e.g. dgx-h100='350000 USD'")
    cpx.add_argument("--economics", default="default", help="economics preset for the defaults")
    _common(cpx, basis=None, bases=BASES)

    orb = sub.add_parser(
        "orbital", help="solar arrays, radiators, batteries and launches for compute in orbit"
    )
    orb.add_argument("--power", required=True, help="compute power in orbit, e.g. '1 GW'")
    orb.add_argument("--orbit", default="dawn-dusk-sso", help="orbital preset: dawn-dusk-sso or leo-550km")
    orb.add_argument("--radiator-temperature", help="e.g. '300 K'")
    orb.add_argument("--sink-temperature", help="e.g. '0 K'")
    orb.add_argument("--emissivity", help="radiator emissivity, 0-1")
    orb.add_argument("--fin-efficiency", help="radiator fin efficiency, 0-1")
    orb.add_argument("--eclipse-fraction", help="share of the orbit in shadow")
    orb.add_argument("--launch-price", help="e.g. '200 USD/kg'")
    orb.add_argument(
        "--input",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="any other orbital input, e.g. array_specific_power='500 W/kg'",
    )
    orb.add_argument("--accelerator", help="also: the accelerators this power supports")
    orb.add_argument("--json", action="store_true", help="print JSON")

    tui = sub.add_parser("tui", help="open the terminal UI")
    tui.add_argument("--facility", default="colossus-1", help="facility to open (default colossus-1)")
    return parser


# ------------------------------------------------------------------------------ human output


def _table(rows: list[list[str]], align: str) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(w) if a == "r" else cell.ljust(w)
            for cell, w, a in zip(row, widths, align, strict=True)
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)


def _server_step(accelerators: Sequence[str]) -> str:
    import calc

    if len(accelerators) != 1:
        return "system power / accelerators per system"
    system = calc.load_system(calc.load_accelerator(accelerators[0]).system)
    return f"{calc.format_power(system.system_power)} / {system.accelerators_per_system}"


def _chain_lines(chain: Sequence[Any], assumptions: Any, noun: str, accelerators: Sequence[str]) -> str:
    """The derivation chip → supply, low / central / high, with the factor of each step."""
    import calc
    from calc.models import BASIS_LABELS

    def trio(values: Any) -> str:
        if values.low == values.high:
            return f"{values.central:g}"
        return f"{values.low:g} / {values.central:g} / {values.high:g}"

    factor_of = {
        "chip": "TDP",
        "server": (
            "x server_factor " + trio(assumptions.server_factor)
            if assumptions.server_factor is not None
            else _server_step(accelerators)
        )
        + " x draw_factor "
        + trio(assumptions.draw_factor),
        "it": "x (1 + it_overhead " + trio(assumptions.it_overhead) + ")",
        "facility": "x pue " + trio(assumptions.pue),
        "supply": (
            f"/ (usable {assumptions.redundancy.usable_fraction:.3g} [{assumptions.redundancy.label}]"
            f" x (1 - headroom {assumptions.headroom:g}))"
        ),
    }
    rows = [["basis", "low", "central", "high", "step"]]
    for row in chain:
        rows.append(
            [
                BASIS_LABELS[row.basis],
                *(calc.format_power(v, "W", 1) for v in (row.low, row.central, row.high)),
                factor_of[row.basis],
            ]
        )
    return f"Power per {noun} along the chain:\n" + _table(rows, "lrrrl")


def _notes(notes: Sequence[str]) -> str:
    return "".join(f"\nnote: {n}" for n in notes)


def _print_check(result: Any) -> None:
    import calc

    fp = calc.format_power
    fleet = ", ".join(f"{e.accelerator} {e.count:,.0f}" for e in result.fleet)
    noun = result.noun
    ids = [e.accelerator for e in result.fleet]
    print(
        f"Claim: {fp(result.power)} for {result.accelerators:,} {noun}s ({fleet}); "
        f"basis {result.basis}; method {result.method}"
    )
    print(f"Implied: {fp(result.implied_power_per_accelerator, 'W', 1)} per {noun}\n")
    print(_chain_lines(result.chain, result.assumptions, noun, ids))
    print("\nReadings:")
    rows = [["basis", "verdict", "model low–high", "central", "supports", "break-even (others central)"]]
    for r in result.readings:
        evens = (
            ", ".join(
                f"{b.assumption} {b.value:.3f}" + ("" if b.status == "in range" else f" ({b.status})")
                for b in r.break_even
            )
            or "-"
        )
        rows.append(
            [
                r.basis,
                r.verdict,
                f"{fp(r.low, 'W', 1)}–{fp(r.high, 'W', 1)}",
                fp(r.central, "W", 1),
                f"{r.supported_accelerators:,}",
                evens,
            ]
        )
    print(_table(rows, "llrrrl"))
    print(f"\nVerdict: {result.verdict.upper()}. {result.conclusion}" + _notes(result.notes))


def _print_capacity(result: Any) -> None:
    import calc

    fp = calc.format_power
    racks = f", {result.racks:,} racks" if result.racks is not None else ""
    print(
        f"{fp(result.power)} at the {result.basis} basis (method {result.method}) supports "
        f"{result.accelerators:,} {result.noun}s in {result.systems:,} whole systems{racks}; "
        f"{fp(result.stranded_power)} stranded"
    )
    print(
        f"  range: {result.accelerators_conservative:,} (every assumption at its high-power end)"
        f" to {result.accelerators_optimistic:,} (low-power end)"
    )
    print(
        f"  power per accelerator at the {result.basis} basis: "
        f"{fp(result.power_per_accelerator, 'W', 1)} (central)\n"
    )
    rows = [["accelerator", "system", "accelerators", "systems", "racks", "per accelerator"]]
    for line in result.lines:
        rows.append(
            [
                line.accelerator,
                line.system,
                f"{line.accelerators:,}",
                f"{line.systems:,}",
                "-" if line.racks is None else f"{line.racks:,}",
                fp(line.power_per_accelerator, "W", 1),
            ]
        )
    print(_table(rows, "llrrrr") + "\n")
    ids = [line.accelerator for line in result.lines]
    print(_chain_lines(result.chain, result.assumptions, result.noun, ids) + _notes(result.notes))


def _print_power(result: Any) -> None:
    import calc

    fp = calc.format_power
    print(f"{result.accelerators:,} {result.noun}s need (method {result.method}):")
    rows = [["basis", "low", "central", "high"]]
    for row in result.power:
        rows.append([row.basis, fp(row.low), fp(row.central), fp(row.high)])
    print(_table(rows, "lrrr") + "\n")
    rows = [["accelerator", "system", "accelerators", "systems (rounded up)", "racks"]]
    for line in result.lines:
        rows.append(
            [
                line.accelerator,
                line.system,
                f"{line.accelerators:,}",
                f"{line.systems:,}",
                "-" if line.racks is None else f"{line.racks:,}",
            ]
        )
    print(_table(rows, "llrrr") + "\n")
    ids = [line.accelerator for line in result.lines]
    print(_chain_lines(result.per_accelerator, result.assumptions, result.noun, ids) + _notes(result.notes))


# ---------------------------------------------------------------------------------- commands


def _context_args(args: argparse.Namespace) -> dict[str, Any]:
    import calc

    return {
        "method": args.method,
        "facility": args.facility,
        "assumptions": calc.parse_settings(args.settings),
    }


def _emit_json(payload: Any) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def _as_json(args: argparse.Namespace, result: Any) -> bool:
    """Print a result model as JSON when --json was given; say whether it was."""
    if args.json:
        _emit_json(result.model_dump(mode="json"))
    return bool(args.json)


def _cmd_capacity(args: argparse.Namespace) -> int:
    import calc

    if args.power is None and args.facility is None:
        raise CliError("capacity: --power is required (or --facility)")
    power = args.power if args.power is not None else calc.load_facility(args.facility).power
    result = calc.capacity(
        power,
        args.accelerator,
        mix=_pairs(args.mix, "--mix", "WEIGHT"),
        basis=args.basis,
        rack_power_limit=args.rack_power_limit,
        **_context_args(args),
    )
    if not _as_json(args, result):
        _print_capacity(result)
    return 0


def _cmd_power(args: argparse.Namespace) -> int:
    import calc

    if args.basis is not None:
        raise CliError("power: --basis does not apply; every basis is printed")
    result = calc.required_power(
        args.accelerator,
        gpus=args.gpus,
        fleet=_pairs(args.fleet, "--fleet", "COUNT"),
        rack_power_limit=args.rack_power_limit,
        **_context_args(args),
    )
    if not _as_json(args, result):
        _print_power(result)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    import calc

    kwargs = _claim_kwargs(args)
    if kwargs["method"] == "all":
        del kwargs["method"]
        results = calc.compare_methods(**kwargs)
        if args.json:
            _emit_json({"methods": [r.model_dump(mode="json") for r in results]})
        else:
            rows = [["method", "verdict", "implied", *(f"{r.basis} low–high" for r in results[0].readings)]]
            for r in results:
                rows.append(
                    [
                        r.method,
                        r.verdict,
                        calc.format_power(r.implied_power_per_accelerator, "W", 1),
                        *(
                            f"{calc.format_power(x.low, 'W', 1)}–{calc.format_power(x.high, 'W', 1)}"
                            f" ({x.verdict})"
                            for x in r.readings
                        ),
                    ]
                )
            print(_table(rows, "llr" + "r" * len(results[0].readings)))
        verdicts = {r.verdict for r in results}
    else:
        result = calc.check_claim(**kwargs)
        if not _as_json(args, result):
            _print_check(result)
        verdicts = {result.verdict}
    wanted = {
        "implausible": {"implausible"},
        "ample": {"ample"},
        "not-plausible": {"implausible", "ample"},
    }.get(args.fail_on or "", set())
    return EXIT_VERDICT if verdicts & wanted else 0


def _cmd_solve(args: argparse.Namespace) -> int:
    import calc

    result = calc.solve(args.unknown, **_claim_kwargs(args))
    if not _as_json(args, result):
        print(result.summary + _notes(result.notes))
    return 0


def _cmd_presets(args: argparse.Namespace) -> int:
    import calc
    from calc.presets import KINDS, SINGULAR, catalog

    if args.presets_command is None:
        raise CliError("presets: give 'list' or 'show ID'")
    index = catalog()
    if args.presets_command == "list":
        kinds = [args.kind] if args.kind else list(KINDS)
        listing = {
            k: [
                {"id": i, "origin": index.entry(k, i).origin, "path": str(index.entry(k, i).path)}
                for i in index.ids(k)
            ]
            for k in kinds
        }
        if args.json:
            _emit_json(listing)
            return 0
        for kind in kinds:
            print(f"{kind}:")
            for item in listing[kind]:
                tag = "" if item["origin"] == "bundled" else f"  (user: {item['path']})"
                print(f"  {item['id']}{tag}")
        return 0
    kinds = [args.kind] if args.kind else [k for k in KINDS if (k, args.id) in index.entries]
    if not kinds:
        raise calc.PresetError(
            f"presets show: {args.id!r} is not a preset of any kind; see 'dcpower presets list'"
        )
    kind = kinds[0]
    model = calc.load_preset(kind, args.id)
    entry = index.entry(kind, args.id)
    if args.json:
        _emit_json(
            {
                "kind": kind,
                "origin": entry.origin,
                "path": str(entry.path),
                "preset": model.model_dump(mode="json"),
            }
        )
        return 0
    print(f"{SINGULAR[kind]} {args.id} ({entry.origin}: {entry.path})")
    note = index.override_note(kind, args.id)
    if note:
        print(f"note: {note}")
    print(entry.path.read_text(encoding="utf-8").rstrip())
    return 0


def _cmd_tui(args: argparse.Namespace) -> int:
    import calc

    calc.load_facility(args.facility)  # fail fast, in one line, before the screen opens
    if _open_tui is None:
        raise CliError("tui: the terminal UI is opened by the installed 'dcpower' command")
    return _open_tui(args.facility)


def _claim_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    import calc

    return {
        "power": args.power,
        "gpus": args.gpus,
        "accelerator": args.accelerator,
        "fleet": _pairs(args.fleet, "--fleet", "COUNT"),
        "facility": args.facility,
        "basis": args.basis,
        "method": args.method,
        "assumptions": calc.parse_settings(args.settings),
    }


def _write_chart(path: str | None, svg: str) -> None:
    import calc

    if path:
        if not path.endswith(".svg"):
            raise CliError(f"--chart: {path!r} must end in .svg")
        written = calc.write_atomic(path, svg)
        print(f"chart written to {written}", file=sys.stderr)


def _cmd_uncertainty(args: argparse.Namespace) -> int:
    import calc
    from calc.charts import histogram_svg

    result = calc.monte_carlo(
        **_claim_kwargs(args), samples=args.samples, seed=args.seed, distributions=args.distribution
    )
    _write_chart(args.chart, histogram_svg(result))
    if _as_json(args, result):
        return 0
    fp = calc.format_power
    print(
        f"Monte Carlo, {result.samples:,} samples, seed {result.seed}, method {result.method}; "
        f"distributions: " + ", ".join(f"{k} {v}" for k, v in result.distributions.items())
    )
    rows = [
        ["basis", "per accelerator P5 / P50 / P95", "supports P5 / P50 / P95", "needs P5 / P50 / P95", "fit"]
    ]
    for r in result.readings:
        per = r.power_per_accelerator
        rows.append(
            [
                r.basis,
                " / ".join(fp(q, "W", 1) for q in (per.p5, per.p50, per.p95)),
                "-"
                if r.accelerators is None
                else " / ".join(
                    f"{v:,.0f}" for v in (r.accelerators.p5, r.accelerators.p50, r.accelerators.p95)
                ),
                "-"
                if r.required_power is None
                else " / ".join(
                    fp(q) for q in (r.required_power.p5, r.required_power.p50, r.required_power.p95)
                ),
                "-" if r.fit_probability is None else f"{r.fit_probability:.1%}",
            ]
        )
    print(_table(rows, "lrrrr"))
    if result.claim_fit_probability is not None:
        print(
            f"\nclaim_fit_probability: {result.claim_fit_probability:.1%} (the {result.readings[-1].basis} reading)"
        )
    if result.notes:
        print(_notes(result.notes).lstrip("\n"))
    return 0


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    import calc
    from calc.charts import tornado_svg

    kwargs = _claim_kwargs(args)
    result = calc.tornado(**kwargs)
    _write_chart(args.chart, tornado_svg(result))
    if _as_json(args, result):
        return 0
    shown = "{:,.0f}" if result.unit == "accelerators" else "{:,.1f}"
    print(f"{result.output}: central {shown.format(result.central)} {result.unit} (method {result.method})")
    rows = [["assumption", "low", "high", "at low", "at high", "swing"]]
    for bar in result.bars:
        rows.append(
            [
                bar.assumption,
                f"{bar.low:g}",
                f"{bar.high:g}",
                shown.format(bar.output_at_low),
                shown.format(bar.output_at_high),
                shown.format(bar.swing),
            ]
        )
    print(_table(rows, "lrrrrr"))
    print(f"most important: {result.most_important}" + _notes(result.notes))
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    import calc

    name, start, stop, steps = calc.parse_sweep(args.vary)
    result = calc.sweep(name, start, stop, steps, **_claim_kwargs(args))
    if _as_json(args, result):
        return 0
    rows = [[name, f"per accelerator ({result.basis})", "supports", "needs", "verdict"]]
    for row in result.rows:
        rows.append(
            [
                f"{row.value:.4g}",
                calc.format_power(row.power_per_accelerator, "W", 1),
                "-" if row.accelerators is None else f"{row.accelerators:,}",
                "-" if row.required_power is None else calc.format_power(row.required_power),
                row.verdict or "-",
            ]
        )
    print(_table(rows, "rrrrl") + _notes(result.notes))
    return 0


def _cmd_energy(args: argparse.Namespace) -> int:
    import calc

    if args.annual_energy is not None:
        average = calc.average_power(args.annual_energy)
        if args.json:
            _emit_json({"annual_energy": args.annual_energy, "average_power": calc.quantity_json(average)})
        else:
            print(
                f"{args.annual_energy} a year is an average of {calc.format_power(average)} (8,760 h a year)"
            )
        return 0
    power = args.power
    if power is None and args.facility:
        power = calc.load_facility(args.facility).power
    if power is None:
        raise CliError("energy: --power is required (or --facility, or --annual-energy)")
    result = calc.annual_energy(
        power,
        load_factor=args.load_factor,
        price=args.price,
        carbon=args.carbon,
        wue=args.wue,
        economics_preset=args.economics,
    )
    if _as_json(args, result):
        return 0
    print(
        f"{calc.format_power(result.power)} at a load factor of {result.load_factor:g} "
        f"(average {calc.format_power(result.average_power)}), over a year:"
    )
    rows = [
        ["annual_energy", f"{result.annual_energy.m_as('GWh'):,.1f} GWh"],
        ["cost", f"{calc.format_money(result.cost)} at {result.electricity_price.m_as('USD/kWh'):g} USD/kWh"],
        [
            "emissions",
            f"{result.emissions.m_as('t'):,.0f} t CO2 at {result.carbon_intensity.m_as('g/kWh'):g} g/kWh",
        ],
        ["water", f"{result.water.m_as('m^3'):,.0f} m³ at {result.wue.m_as('L/kWh'):g} L/kWh"],
    ]
    print(_table(rows, "lr") + _notes(result.notes))
    return 0


def _cmd_capex(args: argparse.Namespace) -> int:
    import calc

    if args.basis is not None:
        raise CliError("capex: --basis does not apply")
    result = calc.capex(
        args.budget,
        args.accelerator,
        gpus=args.gpus,
        fleet=_pairs(args.fleet, "--fleet", "COUNT"),
        facility=args.facility,
        method=args.method,
        assumptions=calc.parse_settings(args.settings),
        facility_cost=args.facility_cost,
        system_prices=_pairs(args.system_price, "--system-price", "PRICE"),
        economics_preset=args.economics,
    )
    if _as_json(args, result):
        return 0
    fm = calc.format_money
    head = f"{fm(result.budget)} buys" if result.budget is not None else "Capital cost of"
    print(
        f"{head} {result.accelerators:,} accelerators in {result.systems:,} systems: {fm(result.capex)} "
        f"({fm(result.hardware)} hardware + {fm(result.facility)} facility at "
        f"{result.facility_cost.m_as('MUSD/MW'):g} MUSD/MW of IT)"
    )
    print(
        f"  {fm(result.capex_per_accelerator)} per accelerator; IT power {calc.format_power(result.it_power)}, "
        f"facility power {calc.format_power(result.facility_power)} (central)" + _notes(result.notes)
    )
    return 0


def _cmd_orbital(args: argparse.Namespace) -> int:
    import calc

    overrides: dict[str, Any] = dict(_pairs(args.input, "--input", "VALUE") or {})
    for name in (
        "radiator_temperature",
        "sink_temperature",
        "emissivity",
        "fin_efficiency",
        "eclipse_fraction",
        "launch_price",
    ):
        if getattr(args, name) is not None:
            overrides[name] = getattr(args, name)
    result = calc.orbital(args.power, orbit=args.orbit, accelerator=args.accelerator, **overrides)
    if _as_json(args, result):
        return 0
    t = lambda q: f"{q.m_as('t'):,.0f} t"  # noqa: E731
    print(f"{calc.format_power(result.power)} of compute in orbit ({result.orbit}) takes:")
    rows = [
        ["solar_array_area", f"{result.solar_array_area.m_as('km^2'):,.3f} km²", t(result.solar_array_mass)],
        ["radiator_area", f"{result.radiator_area.m_as('km^2'):,.3f} km²", t(result.radiator_mass)],
        ["battery", f"{result.battery_energy.m_as('MWh'):,.0f} MWh", t(result.battery_mass)],
        ["compute hardware", "", t(result.compute_mass)],
        ["total", "", t(result.total_mass)],
    ]
    print(_table(rows, "lrr"))
    print(
        f"  {result.satellites:,} satellites, {result.launches:,} launches, launch cost "
        f"{calc.format_money(result.launch_cost)}"
        + (
            f"; {result.accelerators:,} accelerators at the IT basis"
            if result.accelerators is not None
            else ""
        )
        + _notes(result.notes)
    )
    return 0


COMMANDS = {
    "capacity": _cmd_capacity,
    "power": _cmd_power,
    "check": _cmd_check,
    "solve": _cmd_solve,
    "presets": _cmd_presets,
    "tui": _cmd_tui,
    "uncertainty": _cmd_uncertainty,
    "sensitivity": _cmd_sensitivity,
    "sweep": _cmd_sweep,
    "energy": _cmd_energy,
    "capex": _cmd_capex,
    "orbital": _cmd_orbital,
}


_open_tui: Callable[[str], int] | None = None


def main(argv: Sequence[str] | None = None, open_tui: Callable[[str], int] | None = None) -> int:
    """Run `dcpower` and return its exit code.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).
        open_tui: Opens the terminal UI on a facility id; given by the UI's launcher, so that
            calc never imports the UI.
    """
    global _open_tui
    _open_tui = open_tui
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        if not arguments:
            if open_tui is not None and sys.stdin.isatty() and sys.stdout.isatty():
                arguments = ["tui"]
            else:
                parser.print_help(sys.stderr)
                return EXIT_INPUT
        args = parser.parse_args(arguments)
        if args.command is None:
            raise CliError(
                "a command is required: capacity, power, check, solve, uncertainty, "
                "sensitivity, sweep, energy, capex, orbital, presets or tui"
            )
        import calc

        if args.preset_dir:
            calc.set_preset_dirs(*args.preset_dir)
        return COMMANDS[args.command](args)
    except CliError as error:
        print(f"dcpower: error: {error}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:
        from calc.errors import CalcError

        if isinstance(error, CalcError):
            print(f"dcpower: error: {error}", file=sys.stderr)
            return EXIT_INPUT
        if os.environ.get("DCPOWER_DEBUG"):
            raise
        print(
            f"dcpower: internal error: {type(error).__name__}: {error} (set DCPOWER_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1
