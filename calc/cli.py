"""The `dcpower` command. It imports Textual only when it opens the TUI.

Exit codes: 0 success; 2 bad input (one line on stderr); 3 `check --fail-on` matched; 1 the
output cannot be written (a full disk: one line) or an internal error (set DCPOWER_DEBUG=1 for
the traceback).
"""

from __future__ import annotations

import argparse
import difflib
import ipaddress
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import calc
from calc import claim_report
from calc.claim_report import ledger_document, ledger_list_table, sentence_document, timeline_document
from calc.claims import method_order
from calc.compute import claim_compute_lines, compute, count_for_h100e
from calc.epoch import export_csv, export_row, import_epoch
from calc.errors import CalcError, one_line, shown
from calc.inputs import _validated
from calc.presets import KINDS, catalog, describe_preset, preset_listing, preset_problems
from calc.report import (
    as_text,
    capacity_document,
    capex_document,
    claim_document,
    compute_document,
    energy_document,
    methods_table,
    orbital_document,
    power_document,
    solve_document,
    sweep_document,
    tornado_document,
    uncertainty_document,
)
from calc.schemas import command_schema, stamp
from calc.sentences import named_accelerator, parse_claim
from calc.units import parse_count

EXIT_INPUT = 2
EXIT_VERDICT = 3


class CliError(Exception):
    """Bad command-line input: printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (argparse prints usage plus the error by default)."""

    def error(self, message: str) -> NoReturn:
        raise CliError(one_line(f"{message} (see '{self.prog} --help')"))


def _pairs(items: Sequence[str] | None, flag: str, what: str) -> dict[str, str] | None:
    if not items:
        return None
    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise CliError(f"{flag}: {shown(item)} must be ID={what}, e.g. 'h100-sxm=150000'")
        if key.strip() in pairs:
            raise CliError(f"{flag}: {shown(key.strip())} is given twice")
        pairs[key.strip()] = value.strip()
    return pairs


# ------------------------------------------------------------------------------- options
# Each option is declared once, here, and every subcommand that takes it shares the declaration.


def _defaults_of_set() -> str:
    """The names --set accepts, with the default set's low / central / high (from its preset)."""

    default = calc.build_assumptions("default")
    ranges = ", ".join(
        f"{name} {r.low:g}/{r.central:g}/{r.high:g}"
        for name in calc.RANGE_ASSUMPTIONS
        if (r := getattr(default, name)) is not None
    )
    return (
        f"override an assumption, a point (pue=1.3) or low:central:high (pue=1.1:1.25:1.4); "
        f"defaults {ranges}; also headroom (share of supply kept unused, default "
        f"{default.headroom:g}), redundancy (N, 2N, 4N/3, 3N/2 or k+1 such as 3+1; default "
        f"{default.redundancy.label}), server_factor (server power / TDP, set by epoch methods)"
    )


def _preset_default(kind: Any, preset: str, name: str) -> str:
    """A parameter's default value as its preset gives it, for help texts."""

    return str(calc.load_preset(kind, preset).parameters[name].value)


BASIS_HELP = (
    "where the power is measured: chip (accelerator TDP), server, it (critical IT: servers, "
    "network, storage), facility (IT x PUE), supply (the grid or contracted capacity), or "
    "unspecified (read both as it and as facility)"
)


def _options() -> dict[str, tuple[tuple[str, ...], dict[str, Any]]]:
    """Every option of dcpower: name -> (flags, argparse keywords)."""

    return {
        "power": (
            ("--power",),
            {
                "help": "the power, e.g. '300 MW' (W…GW, BTU/h; kVA/MVA are apparent power, converted at the power factor)"
            },
        ),
        "gpus": (
            ("--gpus",),
            {"help": "the accelerator count, e.g. 220000 (with --fleet: the total, the fleet a mix)"},
        ),
        "accelerator": (
            ("--accelerator",),
            {"help": "accelerator id, e.g. h100-sxm (see 'dcpower presets list --kind accelerators')"},
        ),
        "system": (
            ("--system",),
            {"help": "the system --accelerator is installed in (default: its preset's system)"},
        ),
        "fleet": (
            ("--fleet",),
            {
                "action": "append",
                "metavar": "ID=COUNT",
                "help": "a fleet by count, repeatable: --fleet h100-sxm=150000 --fleet h200-sxm=50000 (ID@SYSTEM names a system)",
            },
        ),
        "mix": (
            ("--mix",),
            {
                "action": "append",
                "metavar": "ID=WEIGHT",
                "help": "a fleet by share, repeatable: --mix gb200=3 --mix h100-sxm=1",
            },
        ),
        "facility": (
            ("--facility",),
            {
                "help": "facility preset id or saved scenario .toml: its power, basis, count, fleet and site facts fill what is not given"
            },
        ),
        "method": (
            ("--method",),
            {
                "help": f"assumption set: {', '.join(calc.list_presets('assumptions'))} (default: the facility's, else default)"
            },
        ),
        "method_all": (
            ("--method",),
            {
                "help": f"assumption set: {', '.join(calc.list_presets('assumptions'))}, or all to compare them (default: the facility's, else default)"
            },
        ),
        "settings": (
            ("--set",),
            {
                "dest": "settings",
                "action": "append",
                "default": [],
                "metavar": "NAME=VALUE",
                "help": _defaults_of_set(),
            },
        ),
        "basis": (
            ("--basis",),
            {
                "choices": calc.CLAIM_BASES,
                "help": BASIS_HELP + " (default: the facility's, else unspecified)",
            },
        ),
        "basis_single": (
            ("--basis",),
            {
                "choices": calc.CLAIM_BASES,
                "help": BASIS_HELP + " (default: facility; unspecified is read as facility)",
            },
        ),
        "power_bound": (
            ("--power-bound",),
            {
                "choices": calc.POWER_BOUNDS,
                "help": "how the power was stated: exact (default), at-least ('more than 300 MW'), "
                "at-most ('up to'), about ('roughly', within 10 %%)",
            },
        ),
        "gpus_bound": (
            ("--gpus-bound",),
            {
                "choices": calc.POWER_BOUNDS,
                "help": "how the count was stated: exact (default), at-least ('over 220,000'), at-most, about",
            },
        ),
        "gpus_high": (
            ("--gpus-high",),
            {
                "metavar": "N",
                "help": "the upper end of a count range, at least --gpus: '4 million or 5 million GPUs' is "
                "--gpus 4000000 --gpus-high 5000000 (the count is then stated as between the two)",
            },
        ),
        "rack_power_limit": (
            ("--rack-power-limit",),
            {"help": "power one rack may draw, e.g. '130 kW' (sets systems per rack)"},
        ),
        "json": (
            ("--json",),
            {"action": "store_true", "help": "print JSON (its schema: 'dcpower schema COMMAND')"},
        ),
        "chart": (("--chart",), {"metavar": "FILE.svg", "help": "also write the chart as an SVG file"}),
        "economics": (
            ("--economics",),
            {"default": "default", "help": "economics preset for the defaults (default: default)"},
        ),
    }


def _choice(choices: Sequence[str]) -> Callable[[str], str]:
    """An argparse type that reads a choice case-insensitively ('IT' is 'it'), and names the
    closest one when the text is none of them."""

    def choice(text: str) -> str:
        for known in choices:
            if text.lower() == str(known).lower():
                return known
        close = difflib.get_close_matches(text.lower(), [str(c) for c in choices], n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise argparse.ArgumentTypeError(f"invalid choice: {text!r}; {hint}accepted: {', '.join(choices)}")

    return choice


def _add(parser: argparse.ArgumentParser, *names: str) -> None:
    options = _options()
    for name in names:
        flags, keywords = options[name]
        if "choices" in keywords and "type" not in keywords:
            keywords = {**keywords, "type": _choice(keywords["choices"])}
        parser.add_argument(*flags, **keywords)


CLAIM = ("power", "gpus", "accelerator", "system", "fleet", "mix", "facility", "settings")

EXAMPLES = {
    "capacity": [
        "dcpower capacity --power '300 MW' --accelerator h100-sxm",
        "dcpower capacity --power '1 GW' --mix gb200=3 --mix h100-sxm=1 --basis it",
        "dcpower capacity --facility colossus-1 --rack-power-limit '130 kW'",
    ],
    "power": [
        "dcpower power --gpus 100000 --accelerator h100-sxm",
        "dcpower power --fleet h100-sxm=150000 --fleet gb200=30000 --set pue=1.15",
    ],
    "check": [
        "dcpower check --power '300 MW' --gpus 220000 --accelerator h100-sxm",
        "dcpower check --facility colossus-1 --method all",
        "dcpower check --facility stargate-abilene --set pue=1.1:1.2:1.3 --fail-on implausible",
        "dcpower check --power '300 MW' --power-bound at-least --gpus 220000 --gpus-bound at-least --accelerator h100-sxm",
        "dcpower check --power '10 GW' --gpus 4000000 --gpus-high 5000000 --accelerator gb300",
    ],
    "solve": [
        "dcpower solve --for pue --power '300 MW' --gpus 220000 --accelerator h100-sxm",
        "dcpower solve --for power --gpus 100000 --accelerator gb200 --basis supply --set redundancy=2N",
    ],
    "uncertainty": [
        "dcpower uncertainty --facility colossus-1 --samples 1000000",
        "dcpower uncertainty --power '300 MW' --gpus 220000 --accelerator h100-sxm --distribution pue=normal",
    ],
    "sensitivity": ["dcpower sensitivity --facility colossus-1 --chart tornado.svg"],
    "sweep": ["dcpower sweep --facility colossus-1 --vary pue=1.05:1.6:12"],
    "energy": ["dcpower energy --power '100 MW'", "dcpower energy --annual-energy '176 TWh'"],
    "capex": [
        "dcpower capex --gpus 100000 --accelerator h100-sxm",
        "dcpower capex --budget '1.1e12 USD' --accelerator gb200",
    ],
    "orbital": [
        "dcpower orbital --power '1 GW' --accelerator h100-sxm",
        "dcpower orbital --power '100 MW' --orbit leo-550km",
    ],
    "claim": [
        "dcpower claim 'This gives us access to more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs) within the month.'",
        "dcpower claim 'Oracle will install about 400,000 GB200 chips in a 1.2 GW campus' --json",
        "dcpower claim 'Up to one million TPUs and well over a gigawatt' --accelerator tpu-v7 --basis facility",
        "dcpower claim 'Leonardo: 13,824 A100 GPUs in 7.5 MW' --system leonardo-booster-node",
    ],
    "batch": [
        "dcpower batch claims.csv",
        "dcpower batch claims.jsonl --format jsonl --methods all --fail-on implausible",
        "dcpower batch claims.csv --format markdown > verdicts.md",
    ],
    "claims": [
        "dcpower claims list",
        "dcpower claims check stargate-norway",
        "dcpower claims check --all --json",
    ],
    "timeline": [
        "dcpower timeline --facility colossus-1",
        "dcpower timeline --facility stargate-abilene --json",
    ],
    "compute": [
        "dcpower compute --power '300 MW' --accelerator h100-sxm --basis facility",
        "dcpower compute --fleet h100-sxm=100000 --fleet gb200=50000 --mfu 0.35:0.40:0.45",
        "dcpower compute --facility colossus-1 --json",
        "dcpower compute --h100e 1000000 --accelerator gb300",
        "dcpower compute --flops '100 EFLOP/s' --precision bf16 --accelerator tpu-v7",
    ],
    "import": [
        "dcpower import epoch data_center_timelines.csv data_centers.csv --out my-presets --as-of 2025-12-14",
        "dcpower import epoch data_center_timelines.csv --accelerator gb200 --out my-presets",
    ],
    "presets": ["dcpower presets list --kind facilities", "dcpower presets show colossus-1"],
    "schema": ["dcpower schema check > check.schema.json"],
    "tui": ["dcpower tui --facility stargate-abilene"],
    "serve": ["dcpower serve", "dcpower serve --port 8080 --facility stargate-abilene"],
}

DESCRIPTIONS = {
    "capacity": "How many accelerators a power supports at one basis, in whole systems and racks.",
    "power": "The power N accelerators (or a fleet) need at every basis, chip to supply.",
    "check": "Is 'POWER supports COUNT accelerators' plausible? The verdict, the implied power per accelerator, and what must hold.",
    "solve": "The value of one unknown (power, gpus or an assumption) that makes the claim fit exactly.",
    "uncertainty": "Monte Carlo over the assumption ranges: P5 / P50 / P95 and the share of draws in which the claim fits.",
    "sensitivity": "Tornado: which assumption moves the answer most, each swung low to high with the others central.",
    "sweep": "Vary one assumption over a range and check the claim at each value.",
    "energy": "Annual energy, electricity cost, emissions and water of a power.",
    "capex": "Capital cost of a fleet with its share of the facility, or what a budget buys.",
    "orbital": "Solar arrays, radiators, batteries, satellites and launches for a power of compute in orbit (lower bounds).",
    "claim": "Read a claim from its sentence (power, count, accelerator, basis, bounds; shown with the text each came from) and check it.",
    "batch": "Check every claim of a CSV or JSON Lines file (columns power, count, count_high, accelerator, system, fleet, basis, power_bound, count_bound, method, text; any other is an error): one result per row.",
    "claims": "The ledger of announced deals: list them, or check them (a verdict, or what a power, count or budget supports), each with its source and date.",
    "timeline": "A site's energization quarter by quarter: power online by source, what it supports, what was delivered, stranded power or shortfall, battery hours.",
    "compute": "What a power, a facility or a fleet buys in compute: H100-equivalents, dense peak and effective FLOP/s per precision, FLOP per year, days to 1e25-1e27 FLOP, H100e per MW at every basis; or the power a target in H100e or FLOP/s needs.",
    "import": "Turn Epoch AI's Frontier Data Centers tables (CC-BY) into facility presets with dated power stages and deliveries.",
    "presets": "List the presets or show one with its sources.",
    "schema": "Print the JSON Schema of a command's --json output.",
    "tui": "Open the terminal UI.",
    "serve": "Serve the terminal UI to a web browser (textual-serve), on 127.0.0.1 unless --host says otherwise; it has no login.",
}

from calc.schemas import SCHEMA_NAMES as SCHEMAS  # noqa: E402  (the documents `dcpower schema` names)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """--preset-dir, accepted before or after the subcommand."""
    parser.add_argument(
        "--preset-dir",
        action="append",
        default=argparse.SUPPRESS if suppress else [],
        metavar="DIR",
        help="extra preset directory, repeatable (its presets override bundled ones of the same id)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `dcpower`."""

    parser = _Parser(
        prog="dcpower",
        description=(
            "Datacenter power and accelerator capacity: how many accelerators a power supports, "
            "the power a fleet needs, and whether a public claim is plausible."
        ),
        epilog="Run 'dcpower COMMAND --help' for a command's options and examples.",
    )
    _global_options(parser, suppress=False)
    parser.add_argument("-V", "--version", action="version", version=f"dcpower {calc.__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND", title="commands")

    def command(name: str) -> argparse.ArgumentParser:
        examples = "\n".join(f"  {line}" for line in EXAMPLES[name])
        made = sub.add_parser(
            name,
            help=DESCRIPTIONS[name],
            description=DESCRIPTIONS[name],
            epilog=f"examples:\n{examples}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _global_options(made, suppress=True)
        return made

    cap = command("capacity")
    _add(cap, *CLAIM, "basis_single", "method", "rack_power_limit", "json")

    pwr = command("power")
    _add(pwr, *CLAIM, "method", "rack_power_limit", "json")

    chk = command("check")
    _add(chk, *CLAIM, "basis", "method_all", "power_bound", "gpus_bound", "gpus_high", "json")
    chk.add_argument(
        "--h100e",
        metavar="N",
        help="the count in H100-equivalents instead of --gpus (read as the accelerator's units; the text adds the claim's compute)",
    )
    chk.add_argument(
        "--fail-on",
        choices=("implausible", "ample", "not-plausible"),
        help="exit 3 when the verdict matches (not-plausible: implausible, between or ample; with --method all, any method)",
    )

    slv = command("solve")
    slv.add_argument(
        "--for",
        dest="unknown",
        required=True,
        metavar="NAME",
        help="the unknown: power, gpus, pue, draw_factor, it_overhead, server_factor, headroom or usable_fraction",
    )
    _add(slv, *CLAIM, "basis_single", "method", "json")

    unc = command("uncertainty")
    _add(unc, *CLAIM, "basis", "method", "json", "chart")
    unc.add_argument(
        "--samples", type=int, default=100_000, help="number of draws, 1 to 10,000,000 (default 100000)"
    )
    unc.add_argument(
        "--seed",
        type=int,
        default=0,
        help="seed of the draws: the same seed gives the same numbers (default 0)",
    )
    unc.add_argument(
        "--distribution",
        action="append",
        default=[],
        metavar="NAME=KIND",
        help="per assumption: triangular on low/central/high (default), uniform, normal or fixed; e.g. pue=normal",
    )

    sen = command("sensitivity")
    _add(sen, *CLAIM, "basis_single", "method", "json", "chart")

    swp = command("sweep")
    swp.add_argument(
        "--vary",
        required=True,
        metavar="NAME=START:STOP:POINTS",
        help="POINTS values of one assumption from START to STOP, e.g. pue=1.05:1.6:12 "
        "(draw_factor, server_factor, it_overhead, pue or headroom; or system_power in kW per "
        "system, e.g. system_power=120:132:4)",
    )
    _add(swp, *CLAIM, "basis_single", "method", "json")

    eng = command("energy")
    _add(eng, "power", "facility")
    eng.add_argument(
        "--annual-energy", help="instead: an energy per year to turn into average power, e.g. '176 TWh'"
    )
    eng.add_argument(
        "--load-factor",
        help=f"average / full power, in (0, 1] (default {_preset_default('economics', 'default', 'load_factor')})",
    )
    eng.add_argument(
        "--price",
        help=f"electricity price (default {_preset_default('economics', 'default', 'electricity_price')})",
    )
    eng.add_argument(
        "--carbon",
        help=f"grid carbon intensity (default {_preset_default('economics', 'default', 'carbon_intensity')})",
    )
    eng.add_argument(
        "--wue",
        help=f"water usage effectiveness, on-site water per energy (default {_preset_default('economics', 'default', 'wue')})",
    )
    _add(eng, "economics", "json")

    cpx = command("capex")
    cpx.add_argument("--budget", help="capital budget, e.g. '1.1e12 USD' (instead of a count)")
    _add(cpx, *CLAIM[1:], "method")
    cpx.add_argument(
        "--facility-cost",
        help=f"facility cost per MW of critical IT (default {_preset_default('economics', 'default', 'facility_cost')})",
    )
    cpx.add_argument(
        "--system-price",
        action="append",
        metavar="ID=PRICE",
        help="price of one system, e.g. dgx-h100='350000 USD'",
    )
    _add(cpx, "economics", "json")

    orb = command("orbital")
    _add(orb, "power", "accelerator")
    orb.add_argument(
        "--orbit",
        default="dawn-dusk-sso",
        help="orbital preset: dawn-dusk-sso (default, no eclipse) or leo-550km",
    )
    for option, name, what in (
        ("--radiator-temperature", "radiator_temperature", "radiator temperature"),
        ("--sink-temperature", "sink_temperature", "temperature of the space the radiators face"),
        ("--emissivity", "emissivity", "radiator emissivity, 0-1"),
        ("--fin-efficiency", "fin_efficiency", "radiator fin efficiency, 0-1"),
        ("--eclipse-fraction", "eclipse_fraction", "share of the orbit in shadow"),
        ("--launch-price", "launch_price", "launch price per kg"),
    ):
        orb.add_argument(
            option,
            help=f"{what} (default {_preset_default('orbital', 'dawn-dusk-sso', name)} for dawn-dusk-sso)",
        )
    orb.add_argument(
        "--input",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="any other orbital input, e.g. array_specific_power='500 W/kg' (see 'dcpower presets show dawn-dusk-sso')",
    )
    _add(orb, "json")

    clm = command("claim")
    clm.add_argument("text", metavar="TEXT", help="the sentence, quoted, as published ('-': standard input)")
    clm.add_argument("--accelerator", help="the accelerator, instead of the one the sentence names")
    clm.add_argument(
        "--system",
        help="the system the accelerator (--accelerator, else the model the sentence names) is "
        "installed in (default: its preset's system)",
    )
    clm.add_argument(
        "--basis", choices=calc_bases(), help=BASIS_HELP + " (default: the sentence's hint, else unspecified)"
    )
    _add(clm, "method", "settings", "json")
    clm.add_argument(
        "--fail-on",
        choices=("implausible", "ample", "not-plausible"),
        help="exit 3 when the verdict matches (not-plausible: implausible, between or ample)",
    )

    bat = command("batch")
    bat.add_argument(
        "file", metavar="FILE", help="a .csv file with a header line, or a .jsonl file ('-': standard input)"
    )
    bat.add_argument(
        "--format", choices=("csv", "jsonl", "markdown"), default="csv", help="output format (default csv)"
    )
    bat.add_argument(
        "--methods",
        metavar="all|ID,ID",
        help="also the verdict under each method: all, or ids separated by commas",
    )
    bat.add_argument(
        "--fail-on",
        choices=("implausible", "ample", "not-plausible", "error"),
        help="exit 3 when any row's verdict, or its verdict under one of --methods, matches "
        "(error: a row could not be checked)",
    )

    cls = command("claims")
    cls_sub = cls.add_subparsers(dest="claims_command", parser_class=_Parser, metavar="list|check")
    cls_list = cls_sub.add_parser(
        "list", help="list the ledger's claims as stated", description="List the ledger's claims as stated."
    )
    cls_list.add_argument("--json", action="store_true", help="print JSON")
    _global_options(cls_list, suppress=True)
    cls_check = cls_sub.add_parser(
        "check",
        help="check claims: a verdict, or what a power, count or budget supports",
        description="Check ledger claims: a verdict for a power and a count, else what the power, count or money supports.",
    )
    cls_check.add_argument("ids", nargs="*", metavar="ID", help="claim ids (see 'dcpower claims list')")
    cls_check.add_argument("--all", action="store_true", help="every claim, by date")
    cls_check.add_argument(
        "--json", action="store_true", help="print JSON (its schema: 'dcpower schema claims')"
    )
    _global_options(cls_check, suppress=True)

    tml = command("timeline")
    tml.add_argument(
        "--facility",
        required=True,
        help="facility preset id or path with a timeline (colossus-1, stargate-abilene)",
    )
    _add(tml, "json")

    cmp_ = command("compute")
    _add(cmp_, *CLAIM, "basis_single", "method")
    cmp_.add_argument(
        "--h100e", metavar="N", help="instead of a power: a target in H100e; gives the power at every basis"
    )
    cmp_.add_argument(
        "--flops",
        metavar="RATE",
        help="instead of a power: a target dense peak, e.g. '100 EFLOP/s' (at --precision)",
    )
    cmp_.add_argument(
        "--precision",
        default="bf16",
        choices=("fp4", "fp8", "int8", "bf16", "fp16", "fp64"),
        help="precision of --flops and of the peak MFU is a share of (default bf16)",
    )
    cmp_.add_argument(
        "--mfu",
        metavar="SHARE",
        help="model FLOP utilisation in (0, 1], or LOW:CENTRAL:HIGH (default 0.38:0.40:0.43, Llama 3 405B)",
    )
    cmp_.add_argument(
        "--availability",
        metavar="SHARE",
        help="share of the year the fleet computes, (0, 1] (default 0.80:0.90:0.95)",
    )
    _add(cmp_, "economics", "json")
    cmp_.add_argument("--days", metavar="D", help="solve: the MFU that reaches --threshold FLOP in D days")
    cmp_.add_argument(
        "--threshold", default="1e25", metavar="FLOP", help="training compute for --days (default 1e25)"
    )
    cmp_.add_argument(
        "--samples", type=int, default=0, help="Monte Carlo draws over mfu and availability (default 0: none)"
    )
    cmp_.add_argument("--seed", type=int, default=0, help="seed of the draws (default 0)")
    cmp_.add_argument(
        "--epoch-csv",
        action="store_true",
        help="print the result as one CSV row in Epoch AI's columns (H100e, 8-bit OP/s, IT and facility MW)",
    )

    imp = command("import")
    imp.add_argument("source", choices=("epoch",), help="the data's origin: epoch")
    imp.add_argument(
        "files", nargs="+", metavar="FILE", help="data_center_timelines.csv, and optionally data_centers.csv"
    )
    imp.add_argument("--out", required=True, metavar="DIR", help="directory to write the facility presets to")
    imp.add_argument(
        "--accelerator", default="h100-sxm", help="accelerator the H100e are counted as (default h100-sxm)"
    )
    imp.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="snapshot date: later rows become planned stages (default today)",
    )

    pre = command("presets")
    pre_sub = pre.add_subparsers(dest="presets_command", parser_class=_Parser, metavar="list|show")
    lst = pre_sub.add_parser(
        "list",
        help="list preset ids by kind",
        description="List preset ids by kind, with where user presets come from.",
    )
    lst.add_argument("--kind", choices=KINDS, help="only this kind")
    lst.add_argument("--json", action="store_true", help="print JSON")
    _global_options(lst, suppress=True)
    shw = pre_sub.add_parser(
        "show",
        help="show one preset with its sources",
        description="Show one preset: its file, with every figure's source.",
    )
    shw.add_argument("id", help="the preset id, e.g. colossus-1")
    shw.add_argument("--kind", choices=KINDS, help="the kind, when two kinds share the id")
    shw.add_argument("--json", action="store_true", help="print JSON")
    _global_options(shw, suppress=True)

    sch = command("schema")
    sch.add_argument(
        "name", metavar="COMMAND", choices=sorted(SCHEMAS), help=f"one of {', '.join(sorted(SCHEMAS))}"
    )

    tui = command("tui")
    tui.add_argument(
        "--facility",
        default="colossus-1",
        help="facility preset id or saved scenario to open (default colossus-1)",
    )

    srv = command("serve")
    srv.add_argument("--facility", default="colossus-1", help="facility preset id or saved scenario to open")
    srv.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    srv.add_argument("--port", type=int, default=8000, help="port to listen on, 1 to 65535 (default 8000)")
    return parser


# ----------------------------------------------------------------------------------- output

# Control characters from a file (a URL with ESC [41m, a title with a CR) would drive the
# terminal: every one is written as its escape. Tab and newline are the output's own layout.
# Bidirectional overrides and isolates are escaped too: they reorder what a reader sees.
_ESCAPED = {
    code: f"\\u{code:04x}"
    for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    if code not in (0x09, 0x0A)
}
# stderr keeps its carriage return: the batch progress line rewrites itself with it (an error
# message's own line breaks are escaped by calc.errors.one_line)
_ESCAPED_STDERR = {code: text for code, text in _ESCAPED.items() if code != 0x0D}

# What a stream that cannot encode the report's typography (cp437, ASCII) gets instead.
_ASCII = str.maketrans(
    {
        "→": "->",
        "×": "x",
        "–": "-",
        "—": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "≤": "<=",
        "≥": ">=",
        "≈": "~",
        "±": "+/-",
        "·": ".",
        "µ": "u",
        "μ": "u",
        "²": "^2",
        "³": "^3",
        "°": " deg",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "€": "EUR",
        "£": "GBP",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


class OutputError(Exception):
    """The output could not be written (a full disk, a closed device): one line, exit 1."""


class _Output:
    """The CLI's standard output: control characters escaped, ASCII where the stream's
    encoding lacks a character, and a failed write raised as `OutputError`.

    Every line dcpower prints goes through `write`: the one place where text from files is
    made safe for a terminal.
    """

    def __init__(self, stream: Any, *, errors: bool = False) -> None:
        self.stream = stream
        self.encoding = getattr(stream, "encoding", None) or "utf-8"
        self.errors = errors
        self.escaped = _ESCAPED_STDERR if errors else _ESCAPED

    def _encodable(self, text: str) -> str:
        try:
            text.encode(self.encoding)
            return text
        except UnicodeEncodeError:
            pass
        except LookupError:  # pragma: no cover - an encoding Python does not know
            return text.encode("ascii", "backslashreplace").decode("ascii")
        text = text.translate(_ASCII)

        kept = []
        for char in text:
            try:
                char.encode(self.encoding)
                kept.append(char)
            except UnicodeEncodeError:
                plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
                kept.append(plain or char.encode("ascii", "backslashreplace").decode())
        return "".join(kept)

    def write(self, text: str) -> int:
        text = self._encodable(text.translate(self.escaped))
        try:
            return int(self.stream.write(text) or 0)
        except OSError as error:
            return self._failed(error)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as error:
            self._failed(error)

    def _failed(self, error: OSError) -> int:
        if self.errors:  # stderr: nowhere left to say it; the exit code still does
            return 0
        if isinstance(error, BrokenPipeError):
            raise error
        raise OutputError(error) from None

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, buffer, ...
        return getattr(self.stream, name)


def _output_failure(error: OutputError) -> str:
    """'cannot write the output: no space left on device', from the OSError's errno."""
    cause = error.args[0] if error.args else None
    reason = getattr(cause, "strerror", None) or str(cause or "unknown error")
    return f"cannot write the output: {reason[:1].lower()}{reason[1:]}"


def _silence_stdout() -> None:
    """Point the process's stdout at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
    except (OSError, AttributeError, ValueError):  # pragma: no cover - no real stdout (a test's capture)
        pass


# ---------------------------------------------------------------------------------- commands


def _emit_json(payload: Any, *, stamped: bool = True) -> None:
    """Print a JSON document; a dict starts with schema_version and dcpower_version (calc.schemas)."""
    if stamped and isinstance(payload, dict):
        payload = stamp(payload)
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def _show(args: argparse.Namespace, result: Any, document: Any) -> None:
    """Print a result: its JSON with --json, else its report as text."""

    if args.json:
        _emit_json(result.model_dump(mode="json"))
    else:
        print(as_text(document(result)))


def _gpus_high(args: argparse.Namespace) -> int | None:
    """--gpus-high, read and checked against --gpus and --gpus-bound (None when not given)."""

    high = getattr(args, "gpus_high", None)
    if high is None:
        return None
    value = int(parse_count(high, "--gpus-high"))
    if getattr(args, "gpus_bound", None) is not None:
        raise CliError(
            f"--gpus-bound: {shown(args.gpus_bound)} cannot go with --gpus-high: a count range is "
            "between --gpus and --gpus-high; leave out --gpus-bound"
        )
    gpus = getattr(args, "gpus", None)
    if gpus is None and getattr(args, "facility", None) is None:
        raise CliError(f"--gpus-high: {value} needs --gpus, the lower end of the range (or --facility)")
    if gpus is not None and value < (low := int(parse_count(gpus, "gpus"))):
        raise CliError(f"--gpus-high: {value} must be at least --gpus ({low})")
    return value


def _scenario(args: argparse.Namespace, **extra: Any) -> Any:
    """The Scenario of the claim options (a facility fills what is not given)."""

    inputs: dict[str, Any] = {
        "power": getattr(args, "power", None),
        "gpus": getattr(args, "gpus", None),
        "accelerator": getattr(args, "accelerator", None),
        "system": getattr(args, "system", None),
        "fleet": _pairs(getattr(args, "fleet", None), "--fleet", "COUNT"),
        "mix": _pairs(getattr(args, "mix", None), "--mix", "WEIGHT"),
        "facility": getattr(args, "facility", None),
        "basis": getattr(args, "basis", None),
        "method": None if getattr(args, "method", None) == "all" else getattr(args, "method", None),
        "assumptions": calc.parse_settings(getattr(args, "settings", [])),
        "power_bound": getattr(args, "power_bound", None),
        "gpus_bound": getattr(args, "gpus_bound", None),
        "gpus_high": _gpus_high(args),
    }
    inputs.update(extra)
    return calc.scenario(**inputs)


def _cmd_capacity(args: argparse.Namespace) -> int:
    if args.gpus is not None:
        raise CliError(
            f"capacity: --gpus {shown(args.gpus)} is not used: capacity answers how many accelerators a "
            "power supports; for the power a count needs use 'dcpower power --gpus N', for both "
            "'dcpower check'"
        )
    scenario = _scenario(args)
    if scenario.power is None:
        raise CliError("capacity: --power is required (or --facility)")
    _show(args, calc.capacity(scenario, rack_power_limit=args.rack_power_limit), capacity_document)
    return 0


def _cmd_power(args: argparse.Namespace) -> int:
    scenario = _scenario(args)
    _show(args, calc.required_power(scenario, rack_power_limit=args.rack_power_limit), power_document)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    h100e_note = None
    if getattr(args, "h100e", None) is not None:
        if args.gpus is not None:
            raise CliError("check: give --gpus or --h100e, not both")
        count, h100e_note = count_for_h100e(
            args.h100e,
            accelerator=args.accelerator,
            system=args.system,
            fleet=_pairs(args.fleet, "--fleet", "COUNT"),
            mix=_pairs(args.mix, "--mix", "WEIGHT"),
            facility=args.facility,
        )
        args.gpus = str(count)
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
        if h100e_note is not None and not args.json:
            claimed = _validated({**dict(scenario), "power": None, "power_bound": "exact"})
            print(f"note: {h100e_note}")
            print("\n".join(claim_compute_lines(compute(claimed))))
        verdicts = {result.verdict}
    return EXIT_VERDICT if calc.batch.fails(args.fail_on, verdicts) else 0


def _cmd_solve(args: argparse.Namespace) -> int:
    if args.unknown == "power" and args.power is not None:
        raise CliError("solve: --power is the unknown; leave it out")
    if args.unknown == "gpus" and args.gpus is not None:
        raise CliError("solve: --gpus is the unknown; leave it out")
    _show(args, calc.solve(args.unknown, _scenario(args)), solve_document)
    return 0


def calc_bases() -> tuple[str, ...]:
    return tuple(calc.CLAIM_BASES)


def _cmd_claim(args: argparse.Namespace) -> int:
    if args.text == "-":  # the sentence from standard input
        args.text = sys.stdin.read(STDIN_TEXT_LIMIT + 1).strip()
        if len(args.text) > STDIN_TEXT_LIMIT:
            raise CliError(
                f"claim: the text on standard input is longer than {STDIN_TEXT_LIMIT:,} characters"
            )
    if args.system is not None and args.accelerator is None:
        if named_accelerator(parse_claim(args.text)) is None:
            raise CliError(
                f"--system: {shown(args.system)} needs an accelerator: the sentence names no model; "
                "give --accelerator too"
            )
    result = calc.answer_sentence(
        args.text,
        accelerator=args.accelerator,
        system=args.system,
        basis=args.basis,
        method=args.method,
        assumptions=calc.parse_settings(args.settings) or None,
    )
    _show(args, result, sentence_document)
    span = result.reading.count_span
    if not args.json and span is not None and re.search(r"equivalent|h100e", span.text, re.IGNORECASE):
        claimed = compute(
            fleet={entry.accelerator: entry.count or 1 for entry in result.claim.fleet},
            gpus=result.claim.accelerators,
            method=result.claim.method,
        )
        print(f"note: the count is stated in H100-equivalents ({span.text!r}); {claimed.convention}")
        print("\n".join(claim_compute_lines(claimed)))
    # a sentence with one figure is answered, not judged: it has no verdict to fail on
    verdicts = set() if result.claim.derived else {result.claim.verdict}
    return EXIT_VERDICT if calc.batch.fails(args.fail_on, verdicts) else 0


PROGRESS_ROWS = 1000
"""A batch longer than this shows a progress line on stderr, when stderr is a terminal."""


STDIN_TEXT_LIMIT = 100_000
"""The most characters `claim -` reads from standard input."""


def _cmd_batch(args: argparse.Namespace) -> int:
    """`batch FILE`; `batch -` copies standard input to a temporary file first (rows are read
    from the file as they are checked, and its format is told from its first character)."""
    if args.file != "-":
        return _batch(args, args.file)
    with tempfile.TemporaryDirectory(prefix="dcpower-") as directory:
        path = os.path.join(directory, "stdin")
        data = sys.stdin.buffer.read(calc.batch.MAX_BYTES + 1)
        with open(path, "wb") as stream:  # a file over MAX_BYTES
            stream.write(data)  # is refused by read_rows, in one line
        return _batch(args, path, "standard input")  # messages never name the temporary copy


def _batch(args: argparse.Namespace, file: str, name: str | None = None) -> int:
    rows = calc.read_rows(file, name=name)
    methods: tuple[str, ...] = ()
    if args.methods:
        chosen = None if args.methods == "all" else tuple(m.strip() for m in args.methods.split(","))
        for method in chosen or ():
            calc.load_assumption_set(method)

        methods = method_order(chosen)
    if args.format == "csv":
        print(claim_report.batch_csv_header(methods))
    elif args.format == "markdown":
        print("\n".join(claim_report.batch_markdown_header(methods)))
    progress = sys.stderr.isatty() and len(rows) > PROGRESS_ROWS
    failing = 0  # each result is written as it comes and dropped: a counter, not the results
    for result in calc.check_rows(rows, methods):
        if args.format == "csv":
            print(claim_report.batch_csv_line(result, methods))
        elif args.format == "markdown":
            print(claim_report.batch_markdown_line(result, methods))
        else:
            print(claim_report.batch_json_line(result))
        failing += calc.batch.row_fails(result, args.fail_on)
        if progress and result.row % 500 == 0:
            print(f"\rbatch: row {result.row:,} of {len(rows):,}", end="", file=sys.stderr, flush=True)
    if progress:
        print(f"\rbatch: {len(rows):,} rows checked", file=sys.stderr)
    return EXIT_VERDICT if failing else 0


def _cmd_claims(args: argparse.Namespace) -> int:
    if args.claims_command is None:
        raise CliError("claims: give 'list' or 'check ID' (see 'dcpower claims --help')")
    if args.claims_command == "list":
        claims = sorted(
            (calc.load_claim(i) for i in calc.list_presets("claims")), key=lambda c: (c.date, c.id)
        )
        if args.json:
            _emit_json({"claims": [c.model_dump(mode="json") for c in claims]})
        else:
            print(as_text([ledger_list_table(claims)]))
        for claim in claims:
            if note := catalog().override_note("claims", claim.id):
                print(f"note: {note}", file=sys.stderr)
        return 0
    if bool(args.ids) == bool(args.all):
        raise CliError("claims check: give claim ids or --all, not both or neither")
    _show(args, calc.check_ledger(tuple(args.ids) or None), ledger_document)
    return 0


def _cmd_timeline(args: argparse.Namespace) -> int:
    _show(args, calc.timeline(args.facility), timeline_document)
    return 0


def _cmd_presets(args: argparse.Namespace) -> int:
    if args.presets_command is None:
        raise CliError("presets: give 'list' or 'show ID' (see 'dcpower presets --help')")
    if args.presets_command == "list":
        listing = preset_listing(args.kind)
        if args.json:
            _emit_json(listing)
            return 0
        for kind, items in listing.items():
            print(f"{kind}:")
            for item in items:
                tag = "" if item["origin"] == "bundled" else f"  (user: {item['path']})"
                print(f"  {item['id']}{tag}")
        for problem in preset_problems():
            print(f"note: {problem}", file=sys.stderr)
        return 0
    shown = describe_preset(args.id, args.kind)
    if args.json:
        _emit_json(
            {
                "kind": shown["kind"],
                "origin": shown["origin"],
                "path": str(shown["path"]),
                "preset": shown["preset"].model_dump(mode="json"),
            }
        )
        return 0
    print(f"{shown['singular']} {args.id} ({shown['origin']}: {shown['path']})")
    if shown["note"]:
        print(f"note: {shown['note']}")
    print(shown["text"].rstrip())
    return 0


def _cmd_tui(args: argparse.Namespace) -> int:
    calc.load_facility(args.facility)  # fail fast, in one line, before the screen opens
    if args.open_tui is None:
        raise CliError("tui: the terminal UI is opened by the installed 'dcpower' command")
    check = getattr(args.open_tui, "check", None)
    if check is not None:
        check()  # a UI that is missing or shadowed is named first: reinstalling is the fix
    # from a pipe or with no terminal the UI would read stdin as keys and never end
    stdout = getattr(sys.stdout, "stream", sys.stdout)
    for name, stream in (("stdin", sys.stdin), ("stdout", stdout)):
        if stream is None or not stream.isatty():
            raise CliError(
                f"tui: {name} is not a terminal; the terminal UI needs one on stdin and stdout "
                "(for scripts use the commands, e.g. 'dcpower check --facility colossus-1')"
            )
    sys.stdout = stdout  # the UI draws on the terminal itself
    sys.stderr = getattr(sys.stderr, "stream", sys.stderr)
    return int(args.open_tui(args.facility))


def no_login_warning(host: str) -> str | None:
    """The warning `dcpower serve` prints for an address other machines may reach, else None."""

    try:
        loopback = host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to any address
        loopback = False
    if loopback:
        return None
    return (
        f"warning: serving on {host}: the server has no login; anyone who can reach this address can use "
        "the app (the default, 127.0.0.1, is reached from this machine only)"
    )


def _cmd_serve(args: argparse.Namespace) -> int:

    calc.load_facility(args.facility)  # fail fast, in one line, before the server starts
    if not 0 < args.port < 65536:
        raise CliError(f"serve: --port {args.port}: give a port from 1 to 65535")
    serve = getattr(args.open_tui, "serve", None)
    if serve is None:
        raise CliError("serve: the web UI is started by the installed 'dcpower' command")
    warning = no_login_warning(args.host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    return int(serve(args.facility, args.host, args.port))


def _write_chart(path: str | None, svg: str) -> None:
    if path is not None:
        if not path.endswith(".svg"):
            raise CliError(f"--chart: {path[:40]!r} must end in .svg")
        if path.rsplit("/", 1)[-1] == ".svg":
            raise CliError(f"--chart: {path[:40]!r} needs a file name before .svg, e.g. 'chart.svg'")
        written = calc.write_atomic(path, svg)
        print(f"chart written to {written}", file=sys.stderr)


def _cmd_uncertainty(args: argparse.Namespace) -> int:
    from calc.charts import histogram_svg  # heavy: numpy, for this command alone

    result = calc.monte_carlo(
        _scenario(args), samples=args.samples, seed=args.seed, distributions=args.distribution
    )
    _write_chart(args.chart, histogram_svg(result))
    _show(args, result, uncertainty_document)
    return 0


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    from calc.charts import tornado_svg  # heavy: numpy, for this command alone

    result = calc.tornado(_scenario(args))
    _write_chart(args.chart, tornado_svg(result))
    _show(args, result, tornado_document)
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    name, start, stop, points = calc.parse_sweep(args.vary)
    _show(args, calc.sweep(name, start, stop, points, _scenario(args)), sweep_document)
    return 0


def _cmd_energy(args: argparse.Namespace) -> int:
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


def _cmd_compute(args: argparse.Namespace) -> int:
    options = {
        "precision": args.precision,
        "mfu": args.mfu,
        "availability": args.availability,
        "economics_preset": args.economics,
        "days": args.days,
        "threshold": args.threshold,
        "samples": args.samples,
        "seed": args.seed,
    }
    target = {"h100e": args.h100e, "flops": args.flops}
    if any(v is not None for v in target.values()):
        if args.power is not None or args.gpus is not None or args.facility is not None:
            raise CliError(
                "compute: --h100e or --flops sets the count; leave out --power, --gpus and --facility"
            )
        mix = {
            **(_pairs(args.fleet, "--fleet", "COUNT") or {}),
            **(_pairs(args.mix, "--mix", "WEIGHT") or {}),
        }
        result = compute(
            accelerator=args.accelerator,
            system=args.system,
            mix=mix or None,
            method=None if args.method == "all" else args.method,
            assumptions=calc.parse_settings(args.settings),
            **options,
            **target,
        )
    else:
        result = compute(_scenario(args), **options)
    if args.epoch_csv:
        sys.stdout.write(export_csv([export_row(result, name=args.facility or "dcpower")]))
        return 0
    _show(args, result, compute_document)
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    written = import_epoch(args.files, args.out, accelerator=args.accelerator, date=args.as_of)
    for path in written:
        print(path)
    print(f"{len(written)} facility presets written (use them with --preset-dir {args.out})", file=sys.stderr)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    _emit_json(command_schema(args.name, calc), stamped=False)
    return 0


COMMANDS = {
    "capacity": _cmd_capacity,
    "power": _cmd_power,
    "check": _cmd_check,
    "solve": _cmd_solve,
    "presets": _cmd_presets,
    "tui": _cmd_tui,
    "serve": _cmd_serve,
    "uncertainty": _cmd_uncertainty,
    "sensitivity": _cmd_sensitivity,
    "sweep": _cmd_sweep,
    "energy": _cmd_energy,
    "capex": _cmd_capex,
    "orbital": _cmd_orbital,
    "schema": _cmd_schema,
    "claim": _cmd_claim,
    "batch": _cmd_batch,
    "claims": _cmd_claims,
    "timeline": _cmd_timeline,
    "compute": _cmd_compute,
    "import": _cmd_import,
}


def main(argv: Sequence[str] | None = None, open_tui: Callable[[str], int] | None = None) -> int:
    """Run `dcpower` and return its exit code.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).
        open_tui: Opens the terminal UI on a facility id; given by the UI's launcher, so that
            calc never imports the UI.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is None or stderr is None:  # pragma: no cover - pythonw: no console
        return _run(arguments, open_tui)
    sys.stdout, sys.stderr = _Output(stdout), _Output(stderr, errors=True)
    try:
        code = _run(arguments, open_tui)
        sys.stdout.flush()
        return code
    except OutputError as error:
        print(f"dcpower: error: {one_line(_output_failure(error))}", file=sys.stderr)
        if stdout is sys.__stdout__:
            _silence_stdout()
        return 1
    except BrokenPipeError:
        if stdout is sys.__stdout__:
            _silence_stdout()
        return 0
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _run(arguments: list[str], open_tui: Callable[[str], int] | None) -> int:
    try:
        parser = build_parser()  # reads presets for the help's defaults: a broken one is an error line
        if not arguments:
            if open_tui is not None and sys.stdin.isatty() and sys.stdout.isatty():
                arguments = ["tui"]
            else:
                parser.print_help(sys.stderr)
                return EXIT_INPUT
        args, extra = parser.parse_known_args(arguments)
        if args.command is None:
            raise CliError(f"a command is required: {', '.join(COMMANDS)} (see 'dcpower --help')")
        if extra:
            raise CliError(
                f"unrecognized arguments: {' '.join(shown(e, 30) for e in extra)} "
                f"(see 'dcpower {args.command} --help')"
            )
        args.open_tui = open_tui

        if args.preset_dir:
            calc.set_preset_dirs(*args.preset_dir)
        return COMMANDS[args.command](args)
    except CliError as error:
        print(f"dcpower: error: {one_line(str(error))}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except (BrokenPipeError, OutputError):
        raise
    except Exception as error:
        if isinstance(error, CalcError):
            print(f"dcpower: error: {error}", file=sys.stderr)
            return EXIT_INPUT
        if os.environ.get("DCPOWER_DEBUG"):
            raise

        print(
            one_line(
                f"dcpower: internal error: {type(error).__name__}: {error} (set DCPOWER_DEBUG=1 for details)"
            ),
            file=sys.stderr,
        )
        return 1
