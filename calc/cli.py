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


# ---------------------------------------------------------------------------------- commands


def _emit_json(payload: Any) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def _show(args: argparse.Namespace, result: Any, document: Any) -> None:
    """Print a result: its JSON with --json, else its report as text."""
    from calc.report import as_text

    if args.json:
        _emit_json(result.model_dump(mode="json"))
    else:
        print(as_text(document(result)))


def _scenario(args: argparse.Namespace, **extra: Any) -> Any:
    """The Scenario of the claim options (a facility fills what is not given)."""
    import calc

    inputs: dict[str, Any] = {
        "power": getattr(args, "power", None),
        "gpus": getattr(args, "gpus", None),
        "accelerator": getattr(args, "accelerator", None),
        "fleet": _pairs(getattr(args, "fleet", None), "--fleet", "COUNT"),
        "mix": _pairs(getattr(args, "mix", None), "--mix", "WEIGHT"),
        "facility": getattr(args, "facility", None),
        "basis": getattr(args, "basis", None),
        "method": None if getattr(args, "method", None) == "all" else getattr(args, "method", None),
        "assumptions": calc.parse_settings(getattr(args, "settings", [])),
    }
    inputs.update(extra)
    return calc.scenario(**inputs)


def _cmd_capacity(args: argparse.Namespace) -> int:
    import calc
    from calc.report import capacity_document

    scenario = _scenario(args)
    if scenario.power is None:
        raise CliError("capacity: --power is required (or --facility)")
    _show(args, calc.capacity(scenario, rack_power_limit=args.rack_power_limit), capacity_document)
    return 0


def _cmd_power(args: argparse.Namespace) -> int:
    import calc
    from calc.report import power_document

    if args.basis is not None:
        raise CliError("power: --basis does not apply; every basis is printed")
    if args.accelerator is not None and args.gpus is None:
        raise CliError("power: --gpus is required with --accelerator")
    scenario = _scenario(args)
    _show(args, calc.required_power(scenario, rack_power_limit=args.rack_power_limit), power_document)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    import calc
    from calc.report import as_text, claim_document, methods_table

    scenario = _scenario(args)
    if args.method == "all":
        results = calc.compare_methods(scenario)
        if args.json:
            _emit_json({"methods": [r.model_dump(mode="json") for r in results]})
        else:
            print(as_text([methods_table(results)]))
        verdicts = {r.verdict for r in results}
    else:
        result = calc.check_claim(scenario)
        _show(args, result, claim_document)
        verdicts = {result.verdict}
    wanted = {
        "implausible": {"implausible"},
        "ample": {"ample"},
        "not-plausible": {"implausible", "ample"},
    }.get(args.fail_on or "", set())
    return EXIT_VERDICT if verdicts & wanted else 0


def _cmd_solve(args: argparse.Namespace) -> int:
    import calc
    from calc.report import solve_document

    if args.unknown == "power" and args.power is not None:
        raise CliError("solve: --power is the unknown; leave it out")
    if args.unknown == "gpus" and args.gpus is not None:
        raise CliError("solve: --gpus is the unknown; leave it out")
    _show(args, calc.solve(args.unknown, _scenario(args)), solve_document)
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
    if args.open_tui is None:
        raise CliError("tui: the terminal UI is opened by the installed 'dcpower' command")
    return int(args.open_tui(args.facility))


def _write_chart(path: str | None, svg: str) -> None:
    import calc

    if path is not None:
        if not path.endswith(".svg"):
            raise CliError(f"--chart: {path[:40]!r} must end in .svg")
        if path.rsplit("/", 1)[-1] == ".svg":
            raise CliError(f"--chart: {path[:40]!r} needs a file name before .svg, e.g. 'chart.svg'")
        written = calc.write_atomic(path, svg)
        print(f"chart written to {written}", file=sys.stderr)


def _cmd_uncertainty(args: argparse.Namespace) -> int:
    import calc
    from calc.charts import histogram_svg
    from calc.report import uncertainty_document

    result = calc.monte_carlo(
        _scenario(args), samples=args.samples, seed=args.seed, distributions=args.distribution
    )
    _write_chart(args.chart, histogram_svg(result))
    _show(args, result, uncertainty_document)
    return 0


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    import calc
    from calc.charts import tornado_svg
    from calc.report import as_text, tornado_document

    result = calc.tornado(_scenario(args))
    _write_chart(args.chart, tornado_svg(result))
    if args.json:
        payload = result.model_dump(mode="json")
        payload["ranking"] = payload["bars"]  # the documented name; "bars" stays one release
        _emit_json(payload)
    else:
        print(as_text(tornado_document(result)))
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    import calc
    from calc.report import sweep_document

    name, start, stop, points = calc.parse_sweep(args.vary)
    _show(args, calc.sweep(name, start, stop, points, _scenario(args)), sweep_document)
    return 0


def _cmd_energy(args: argparse.Namespace) -> int:
    import calc
    from calc.report import energy_document

    if args.annual_energy is not None:
        average = calc.average_power(args.annual_energy)
        if args.json:
            _emit_json({"annual_energy": args.annual_energy, "average_power": calc.quantity_json(average)})
        else:
            print(
                f"{args.annual_energy} a year is an average of {calc.format_power(average)} (8,760 h a year)"
            )
        return 0
    power = _scenario(args).power
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
    _show(args, result, energy_document)
    return 0


def _cmd_capex(args: argparse.Namespace) -> int:
    import calc
    from calc.report import capex_document

    if args.basis is not None:
        raise CliError("capex: --basis does not apply")
    if args.budget is not None and args.gpus is not None:
        raise CliError("capex: give --budget or --gpus, not both")
    result = calc.capex(
        args.budget,
        facility_cost=args.facility_cost,
        system_prices=_pairs(args.system_price, "--system-price", "PRICE"),
        economics_preset=args.economics,
        scenario=_scenario(args),
    )
    _show(args, result, capex_document)
    return 0


def _cmd_orbital(args: argparse.Namespace) -> int:
    import calc
    from calc.report import orbital_document

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
    _show(args, result, orbital_document)
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


def main(argv: Sequence[str] | None = None, open_tui: Callable[[str], int] | None = None) -> int:
    """Run `dcpower` and return its exit code.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).
        open_tui: Opens the terminal UI on a facility id; given by the UI's launcher, so that
            calc never imports the UI.
    """
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
        args.open_tui = open_tui
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
