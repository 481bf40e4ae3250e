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
    parser.add_argument("--method", default=None,
                        help="assumption set: default, epoch, epoch-nested, semianalysis, nvidia-ra "
                             "(default: the facility's, else default)")
    parser.add_argument("--set", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="override an assumption: pue=1.3, or a range pue=1.1:1.25:1.4")
    parser.add_argument("--facility", help="facility preset id, or a saved scenario .toml")
    parser.add_argument("--basis", default=basis, choices=bases,
                        help=f"where the power is measured (default: {basis or 'from the facility, else unspecified'})")
    parser.add_argument("--json", action="store_true", help="print JSON")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `dcpower`."""
    from calc.models import BASES, CLAIM_BASES

    parser = _Parser(prog="dcpower", description=(
        "Datacenter power and accelerator capacity: how many accelerators a power supports, "
        "the power a fleet needs, and whether a public claim is plausible."))
    parser.add_argument("--preset-dir", action="append", default=[], metavar="DIR",
                        help="extra preset directory (overrides bundled presets of the same id)")
    parser.add_argument("--version", action="version", version="dcpower 0.1.0")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    cap = sub.add_parser("capacity", help="power -> accelerators, in whole systems")
    cap.add_argument("--power", help="the power budget, e.g. '300 MW' (kVA/MVA use the power factor)")
    cap.add_argument("--accelerator", help="accelerator id, e.g. h100-sxm")
    cap.add_argument("--mix", action="append", metavar="ID=WEIGHT",
                     help="share of accelerators of each type, e.g. --mix gb200=3 --mix h100-sxm=1")
    cap.add_argument("--rack-power-limit", help="power one rack may draw, e.g. '130 kW'")
    _common(cap, basis="facility", bases=BASES)

    pwr = sub.add_parser("power", help="accelerators -> power at every basis")
    pwr.add_argument("--gpus", help="number of accelerators of --accelerator")
    pwr.add_argument("--accelerator", help="accelerator id")
    pwr.add_argument("--fleet", action="append", metavar="ID=COUNT",
                     help="a mixed fleet, e.g. --fleet h100-sxm=150000 --fleet h200-sxm=50000")
    pwr.add_argument("--rack-power-limit", help="power one rack may draw, e.g. '130 kW'")
    _common(pwr, basis=None, bases=BASES)

    chk = sub.add_parser("check", help="is 'POWER supports GPUS accelerators' plausible?")
    chk.add_argument("--power", help="the quoted power, e.g. '300 MW'")
    chk.add_argument("--gpus", help="the claimed number of accelerators")
    chk.add_argument("--accelerator", help="accelerator id")
    chk.add_argument("--fleet", action="append", metavar="ID=COUNT", help="a mixed fleet")
    chk.add_argument("--fail-on", choices=("implausible", "ample", "not-plausible"),
                     help="exit 3 when the verdict matches (not-plausible: implausible or ample)")
    _common(chk, basis=None, bases=CLAIM_BASES)


    slv = sub.add_parser("solve", help="the value of one unknown that makes the claim fit")
    slv.add_argument("--for", dest="unknown", required=True,
                     help="power, gpus, pue, draw_factor, it_overhead, server_factor, headroom, usable_fraction")
    slv.add_argument("--power", help="the power (unless solving for it)")
    slv.add_argument("--gpus", help="the accelerator count (unless solving for it)")
    slv.add_argument("--accelerator", help="accelerator id")
    slv.add_argument("--fleet", action="append", metavar="ID=COUNT", help="a mixed fleet")
    _common(slv, basis="facility", bases=BASES)

    pre = sub.add_parser("presets", help="list or show presets")
    pre_sub = pre.add_subparsers(dest="presets_command", parser_class=_Parser)
    lst = pre_sub.add_parser("list", help="list preset ids")
    lst.add_argument("--kind", choices=("accelerators", "systems", "facilities", "assumptions",
                                        "economics", "orbital"))
    lst.add_argument("--json", action="store_true")
    shw = pre_sub.add_parser("show", help="show one preset with its sources")
    shw.add_argument("id")
    shw.add_argument("--kind", choices=("accelerators", "systems", "facilities", "assumptions",
                                        "economics", "orbital"))
    shw.add_argument("--json", action="store_true")

    tui = sub.add_parser("tui", help="open the terminal UI")
    tui.add_argument("--facility", default="colossus-1", help="facility to open (default colossus-1)")
    return parser


# ------------------------------------------------------------------------------ human output


def _table(rows: list[list[str]], align: str) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.rjust(w) if a == "r" else cell.ljust(w)
                 for cell, w, a in zip(row, widths, align, strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)


def _server_step(accelerators: Sequence[str]) -> str:
    import calc

    if len(accelerators) != 1:
        return "system power / accelerators per system"
    system = calc.load_system(calc.load_accelerator(accelerators[0]).system)
    return f"{calc.format_power(system.system_power)} / {system.accelerators_per_system}"


def _chain_lines(chain: Sequence[Any], assumptions: Any, noun: str,
                 accelerators: Sequence[str]) -> str:
    """The derivation chip → supply, low / central / high, with the factor of each step."""
    import calc
    from calc.models import BASIS_LABELS

    def trio(values: Any) -> str:
        if values.low == values.high:
            return f"{values.central:g}"
        return f"{values.low:g} / {values.central:g} / {values.high:g}"

    factor_of = {
        "chip": "TDP",
        "server": ("x server_factor " + trio(assumptions.server_factor)
                   if assumptions.server_factor is not None else _server_step(accelerators))
                  + " x draw_factor " + trio(assumptions.draw_factor),
        "it": "x (1 + it_overhead " + trio(assumptions.it_overhead) + ")",
        "facility": "x pue " + trio(assumptions.pue),
        "supply": (f"/ (usable {assumptions.redundancy.usable_fraction:.3g} [{assumptions.redundancy.label}]"
                   f" x (1 - headroom {assumptions.headroom:g}))"),
    }
    rows = [["basis", "low", "central", "high", "step"]]
    for row in chain:
        rows.append([BASIS_LABELS[row.basis],
                     *(calc.format_power(v, "W", 1) for v in (row.low, row.central, row.high)),
                     factor_of[row.basis]])
    return f"Power per {noun} along the chain:\n" + _table(rows, "lrrrl")


def _notes(notes: Sequence[str]) -> str:
    return "".join(f"\nnote: {n}" for n in notes)


def _print_check(result: Any, assumptions: Any) -> None:
    import calc

    fp = calc.format_power
    fleet = ", ".join(f"{e.accelerator} {e.count:,.0f}" for e in result.fleet)
    noun = result.noun
    ids = [e.accelerator for e in result.fleet]
    print(f"Claim: {fp(result.power)} for {result.accelerators:,} {noun}s ({fleet}); "
          f"basis {result.basis}; method {result.method}")
    print(f"Implied: {fp(result.implied_power_per_accelerator, 'W', 1)} per {noun}\n")
    print(_chain_lines(calc.power_chain(fleet={e.accelerator: e.count for e in result.fleet},
                                        assumptions=assumptions), assumptions, noun, ids))
    print("\nReadings:")
    rows = [["basis", "verdict", "model low–high", "central", "supports", "break-even (others central)"]]
    for r in result.readings:
        evens = ", ".join(
            f"{b.assumption} {b.value:.3f}" + ("" if b.status == "in range" else f" ({b.status})")
            for b in r.break_even) or "-"
        rows.append([r.basis, r.verdict, f"{fp(r.low, 'W', 1)}–{fp(r.high, 'W', 1)}",
                     fp(r.central, "W", 1), f"{r.supported_accelerators:,}", evens])
    print(_table(rows, "llrrrl"))
    print(f"\nVerdict: {result.verdict.upper()}. {result.conclusion}" + _notes(result.notes))


def _print_capacity(result: Any, assumptions: Any) -> None:
    import calc

    fp = calc.format_power
    racks = f", {result.racks:,} racks" if result.racks is not None else ""
    print(f"{fp(result.power)} at the {result.basis} basis (method {result.method}) supports "
          f"{result.accelerators:,} {result.noun}s in {result.systems:,} whole systems{racks}; "
          f"{fp(result.stranded_power)} stranded")
    print(f"  range: {result.accelerators_conservative:,} (every assumption at its high-power end)"
          f" to {result.accelerators_optimistic:,} (low-power end)")
    print(f"  power per accelerator at the {result.basis} basis: "
          f"{fp(result.power_per_accelerator, 'W', 1)} (central)\n")
    rows = [["accelerator", "system", "accelerators", "systems", "racks", "per accelerator"]]
    for line in result.lines:
        rows.append([line.accelerator, line.system, f"{line.accelerators:,}", f"{line.systems:,}",
                     "-" if line.racks is None else f"{line.racks:,}",
                     fp(line.power_per_accelerator, "W", 1)])
    print(_table(rows, "llrrrr") + "\n")
    ids = [line.accelerator for line in result.lines]
    print(_chain_lines(result.chain, assumptions, result.noun, ids) + _notes(result.notes))


def _print_power(result: Any, assumptions: Any) -> None:
    import calc

    fp = calc.format_power
    print(f"{result.accelerators:,} {result.noun}s need (method {result.method}):")
    rows = [["basis", "low", "central", "high"]]
    for row in result.power:
        rows.append([row.basis, fp(row.low), fp(row.central), fp(row.high)])
    print(_table(rows, "lrrr") + "\n")
    rows = [["accelerator", "system", "accelerators", "systems (rounded up)", "racks"]]
    for line in result.lines:
        rows.append([line.accelerator, line.system, f"{line.accelerators:,}", f"{line.systems:,}",
                     "-" if line.racks is None else f"{line.racks:,}"])
    print(_table(rows, "llrrr") + "\n")
    ids = [line.accelerator for line in result.lines]
    print(_chain_lines(result.per_accelerator, assumptions, result.noun, ids) + _notes(result.notes))


# ---------------------------------------------------------------------------------- commands


def _context_args(args: argparse.Namespace) -> dict[str, Any]:
    import calc

    return {"method": args.method, "facility": args.facility,
            "assumptions": calc.parse_settings(args.settings)}


def _assumptions_for(args: argparse.Namespace, method: str | None = None) -> Any:
    import calc

    site = calc.load_facility(args.facility) if args.facility else None
    chosen = method or args.method or (site.method if site else "default")
    return calc.build_assumptions(chosen, site.assumptions if site else None,
                                  calc.parse_settings(args.settings))


def _emit_json(payload: Any) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def _cmd_capacity(args: argparse.Namespace) -> int:
    import calc

    if args.power is None and args.facility is None:
        raise CliError("capacity: --power is required (or --facility)")
    power = args.power if args.power is not None else calc.load_facility(args.facility).power
    result = calc.capacity(power, args.accelerator, mix=_pairs(args.mix, "--mix", "WEIGHT"),
                           basis=args.basis, rack_power_limit=args.rack_power_limit,
                           **_context_args(args))
    if args.json:
        _emit_json(result.model_dump(mode="json"))
    else:
        _print_capacity(result, _assumptions_for(args))
    return 0


def _cmd_power(args: argparse.Namespace) -> int:
    import calc

    if args.basis is not None:
        raise CliError("power: --basis does not apply; every basis is printed")
    result = calc.required_power(args.accelerator, gpus=args.gpus,
                                 fleet=_pairs(args.fleet, "--fleet", "COUNT"),
                                 rack_power_limit=args.rack_power_limit, **_context_args(args))
    if args.json:
        _emit_json(result.model_dump(mode="json"))
    else:
        _print_power(result, _assumptions_for(args))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    import calc

    kwargs: dict[str, Any] = {
        "fleet": _pairs(args.fleet, "--fleet", "COUNT"), "facility": args.facility,
        "basis": args.basis, "assumptions": calc.parse_settings(args.settings),
    }
    if args.method == "all":
        results = calc.compare_methods(args.power, args.gpus, args.accelerator, **kwargs)
        if args.json:
            _emit_json({"methods": [r.model_dump(mode="json") for r in results]})
        else:
            rows = [["method", "verdict", "implied", *(f"{r.basis} low–high" for r in results[0].readings)]]
            for r in results:
                rows.append([r.method, r.verdict, calc.format_power(r.implied_power_per_accelerator, "W", 1),
                             *(f"{calc.format_power(x.low, 'W', 1)}–{calc.format_power(x.high, 'W', 1)}"
                               f" ({x.verdict})" for x in r.readings)])
            print(_table(rows, "llr" + "r" * len(results[0].readings)))
        verdicts = {r.verdict for r in results}
    else:
        result = calc.check_claim(args.power, args.gpus, args.accelerator, method=args.method, **kwargs)
        if args.json:
            _emit_json(result.model_dump(mode="json"))
        else:
            _print_check(result, _assumptions_for(args))
        verdicts = {result.verdict}
    wanted = {"implausible": {"implausible"}, "ample": {"ample"},
              "not-plausible": {"implausible", "ample"}}.get(args.fail_on or "", set())
    return EXIT_VERDICT if verdicts & wanted else 0


def _cmd_solve(args: argparse.Namespace) -> int:
    import calc

    result = calc.solve(args.unknown, power=args.power, gpus=args.gpus, accelerator=args.accelerator,
                        fleet=_pairs(args.fleet, "--fleet", "COUNT"), basis=args.basis,
                        **_context_args(args))
    if args.json:
        _emit_json(result.model_dump(mode="json"))
    else:
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
        listing = {k: [{"id": i, "origin": index.entry(k, i).origin, "path": str(index.entry(k, i).path)}
                       for i in index.ids(k)] for k in kinds}
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
        raise calc.PresetError(f"presets show: {args.id!r} is not a preset of any kind; "
                               f"see 'dcpower presets list'")
    kind = kinds[0]
    model = calc.load_preset(kind, args.id)
    entry = index.entry(kind, args.id)
    if args.json:
        _emit_json({"kind": kind, "origin": entry.origin, "path": str(entry.path),
                    "preset": model.model_dump(mode="json")})
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


COMMANDS = {"capacity": _cmd_capacity, "power": _cmd_power, "check": _cmd_check,
            "solve": _cmd_solve, "presets": _cmd_presets, "tui": _cmd_tui}


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
            raise CliError("a command is required: capacity, power, check, solve, presets or tui")
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
        print(f"dcpower: internal error: {type(error).__name__}: {error} "
              f"(set DCPOWER_DEBUG=1 for details)", file=sys.stderr)
        return 1
