"""Every `dcpower` command declared once: its name, description, examples, options (flags, help,
type, choices), the JSON document it prints, the function that runs it and whether it needs
numpy.

The argument parser and its help (`calc.cli`), the examples, `dcpower schema` (`calc.schemas`),
the numpy gate (`calc._startup`), the copied `dcpower check` command (`calc.compare.cli_command`)
and the shell completion scripts (`dcpower completion`) are all derived from `COMMANDS`; a new
command or option is one entry here.

This module imports nothing of calc and no third-party package: the numpy gate reads it before
pint is imported. A help text or a choice list that depends on presets is a function of the
`calc` package (`api`), called when the parser is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

Text = str | Callable[[Any], str]
"""A help text, or a function of the `calc` package that writes it (defaults read from presets)."""
Choices = tuple[str, ...] | Callable[[Any], tuple[str, ...]]
"""The values an option accepts, or a function of the `calc` package that lists them."""


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()
"""An option without a default of its own (argparse's None)."""


@dataclass(frozen=True)
class Option:
    """One option (``flags`` given) or positional argument (``flags`` empty, ``dest`` its name)."""

    flags: tuple[str, ...]
    help: Text
    dest: str | None = None
    """The attribute the parsed value lands in (default: the first flag, '-' as '_')."""
    metavar: str | None = None
    choices: Choices | None = None
    fold_case: bool = False
    """The choices are read case-insensitively ('IT' is 'it'), with a 'did you mean'."""
    action: str | None = None
    default: Any = UNSET
    type: Callable[[str], Any] | None = None
    nargs: str | None = None
    required: bool = False
    complete: str | None = None
    """What shell completion offers as the value: a preset kind ('accelerators'), 'presets'
    (every id), 'file' or 'dir'; choices are offered without it."""

    @property
    def name(self) -> str:
        """The attribute of the parsed arguments this option sets."""
        if self.dest is not None:
            return self.dest
        return self.flags[0].lstrip("-").replace("-", "_")

    @property
    def takes_value(self) -> bool:
        """Whether the option reads the word after it (a flag such as --json does not)."""
        return self.action not in ("store_true", "version", "help")


@dataclass(frozen=True)
class Command:
    """One `dcpower` command, or a subcommand (`claims list`) of one."""

    name: str
    description: str
    options: tuple[Option, ...] = ()
    examples: tuple[str, ...] = ()
    summary: str | None = None
    """The line the parent's help lists it with (default: the description)."""
    schema: str | None = None
    """The name `dcpower schema` prints this command's --json document under."""
    model: str | None = None
    """The result model its --json output dumps (None: a listing built by the command)."""
    numpy: bool = False
    """It draws samples: pint is loaded with numpy (the others start without it; so does the UI,
    which draws samples only in its Uncertainty and Sweep tabs and takes floats from them)."""
    subcommands: tuple[Command, ...] = ()
    subcommand_dest: str | None = None

    @property
    def handler(self) -> str:
        """The name of the function of `calc.cli` that runs it."""
        return f"_cmd_{self.name}"

    def option(self, name: str) -> Option:
        """The option that sets attribute `name`.

        Raises:
            KeyError: The command has no such option (the message names the command).
        """
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(f"dcpower {self.name} has no option setting {name!r}")


# ------------------------------------------------------------------------------- help texts


def _defaults_of_set(api: Any) -> str:
    """The names --set accepts, with the default set's low / central / high (from its preset)."""
    default = api.build_assumptions("default")
    ranges = ", ".join(
        f"{name} {r.low:g}/{r.central:g}/{r.high:g}"
        for name in api.ui.RANGE_ASSUMPTIONS
        if (r := getattr(default, name)) is not None
    )
    return (
        f"override an assumption, a point (pue=1.3) or low:central:high (pue=1.1:1.25:1.4); "
        f"defaults {ranges}; also headroom (share of supply kept unused, default "
        f"{default.headroom:g}), redundancy (N, 2N, 4N/3, 3N/2 or k+1 such as 3+1; default "
        f"{default.redundancy.label}), server_factor (server power / TDP, set by epoch methods)"
    )


def preset_default(api: Any, kind: str, preset: str, name: str) -> str:
    """A parameter's default value as its preset gives it, for help texts."""
    return str(api.load_preset(kind, preset).parameters[name].value)


def _economics(text: str, name: str) -> Text:
    """A help text ending in the default economics preset's value of parameter `name`."""
    return lambda api: f"{text} (default {preset_default(api, 'economics', 'default', name)})"


def _methods(api: Any) -> str:
    return ", ".join(api.list_presets("assumptions"))


BASIS_HELP = (
    "where the power is measured: chip (accelerator TDP), server, it (critical IT: servers, "
    "network, storage), facility (IT x PUE), supply (the grid or contracted capacity), or "
    "unspecified (read both as it and as facility)"
)


def _bases(api: Any) -> tuple[str, ...]:
    return tuple(api.CLAIM_BASES)


def _bounds(api: Any) -> tuple[str, ...]:
    return tuple(api.ui.POWER_BOUNDS)


def _kinds(api: Any) -> tuple[str, ...]:
    return tuple(api.KINDS)


# ---------------------------------------------------------------------------------- options
# An option several commands take is declared once, here.

PRESET_DIR = Option(
    ("--preset-dir",),
    "extra preset directory, repeatable (its presets override bundled ones of the same id)",
    action="append",
    default=[],
    metavar="DIR",
    complete="dir",
)
"""Accepted before or after the command (after it, it adds to the directories given before)."""

WIDE = Option(
    ("--wide",),
    "print text at full length: no wrapping to the terminal's width",
    action="store_true",
)
"""Text output on a terminal fits its width (COLUMNS, else the terminal's) unless --wide; piped
output is never wrapped, so scripts and grep see whole lines."""

POWER = Option(
    ("--power",),
    "the power, e.g. '300 MW' (W…GW, BTU/h; kVA/MVA are apparent power, converted at the power factor)",
)
GPUS = Option(("--gpus",), "the accelerator count, e.g. 220000 (with --fleet: the total, the fleet a mix)")
ACCELERATOR = Option(
    ("--accelerator",),
    "accelerator id, e.g. h100-sxm (see 'dcpower presets list --kind accelerators')",
    complete="accelerators",
)
SYSTEM = Option(
    ("--system",),
    "the system --accelerator is installed in (default: its preset's system)",
    complete="systems",
)
FLEET = Option(
    ("--fleet",),
    "a fleet by count, repeatable: --fleet h100-sxm=150000 --fleet h200-sxm=50000 (ID@SYSTEM names a system)",
    action="append",
    metavar="ID=COUNT",
)
MIX = Option(
    ("--mix",),
    "a fleet by share, repeatable: --mix gb200=3 --mix h100-sxm=1",
    action="append",
    metavar="ID=WEIGHT",
)
FACILITY = Option(
    ("--facility",),
    "facility preset id or saved scenario .toml: its power, basis, count, fleet and site facts fill what is not given",
    complete="facilities",
)
METHOD = Option(
    ("--method",),
    lambda api: f"assumption set: {_methods(api)} (default: the facility's, else default)",
    complete="assumptions",
)
METHOD_ALL = Option(
    ("--method",),
    lambda api: (
        f"assumption set: {_methods(api)}, or all to compare them (default: the facility's, else default)"
    ),
    complete="assumptions",
)
SETTINGS = Option(
    ("--set",), _defaults_of_set, dest="settings", action="append", default=[], metavar="NAME=VALUE"
)
BASIS = Option(
    ("--basis",),
    BASIS_HELP + " (default: the facility's, else unspecified)",
    choices=_bases,
    fold_case=True,
)
BASIS_SINGLE = Option(
    ("--basis",),
    BASIS_HELP + " (default: facility; unspecified is read as facility)",
    choices=_bases,
    fold_case=True,
)
POWER_BOUND = Option(
    ("--power-bound",),
    "how the power was stated: exact (default), at-least ('more than 300 MW'), "
    "at-most ('up to'), about ('roughly', within 10 %%)",
    choices=_bounds,
    fold_case=True,
)
GPUS_BOUND = Option(
    ("--gpus-bound",),
    "how the count was stated: exact (default), at-least ('over 220,000'), at-most, about",
    choices=_bounds,
    fold_case=True,
)
GPUS_HIGH = Option(
    ("--gpus-high",),
    "the upper end of a count range, at least --gpus: '4 million or 5 million GPUs' is "
    "--gpus 4000000 --gpus-high 5000000 (the count is then stated as between the two)",
    metavar="N",
)
RACK_POWER_LIMIT = Option(
    ("--rack-power-limit",), "power one rack may draw, e.g. '130 kW' (sets systems per rack)"
)
JSON = Option(("--json",), "print JSON (its schema: 'dcpower schema COMMAND')", action="store_true")
JSON_PLAIN = Option(("--json",), "print JSON", action="store_true")
CHART = Option(("--chart",), "also write the chart as an SVG file", metavar="FILE.svg", complete="file")
ECONOMICS = Option(
    ("--economics",),
    "economics preset for the defaults (default: default)",
    default="default",
    complete="economics",
)
VERDICTS = ("implausible", "ample", "not-plausible")

CLAIM = (POWER, GPUS, ACCELERATOR, SYSTEM, FLEET, MIX, FACILITY, SETTINGS)
"""What states a claim: its power, count, accelerators and facility, and the assumptions set."""

_ORBITAL_INPUTS = (
    ("--radiator-temperature", "radiator temperature"),
    ("--sink-temperature", "temperature of the space the radiators face"),
    ("--emissivity", "radiator emissivity, 0-1"),
    ("--fin-efficiency", "radiator fin efficiency, 0-1"),
    ("--eclipse-fraction", "share of the orbit in shadow"),
    ("--launch-price", "launch price per kg"),
)


def _orbital_input(flag: str, what: str) -> Option:
    name = flag.lstrip("-").replace("-", "_")
    return Option(
        (flag,),
        lambda api: (
            f"{what} (default {preset_default(api, 'orbital', 'dawn-dusk-sso', name)} for dawn-dusk-sso)"
        ),
    )


ORBITAL_INPUTS = tuple(_orbital_input(flag, what) for flag, what in _ORBITAL_INPUTS)
"""The orbital inputs with a flag of their own (any other is given with --input NAME=VALUE)."""

COMPLETION_SHELLS = ("bash", "zsh", "fish")


def _schema_names(api: Any) -> tuple[str, ...]:
    return tuple(sorted(schema_names()))


# --------------------------------------------------------------------------------- commands

PROGRAM = Command(
    "dcpower",
    "Datacenter power and accelerator capacity: how many accelerators a power supports, "
    "the power a fleet needs, and whether a public claim is plausible.",
    options=(PRESET_DIR, WIDE),
)
"""The top level: its description and the options taken before a command."""

COMMANDS: tuple[Command, ...] = (
    Command(
        "capacity",
        "How many accelerators a power supports at one basis, in whole systems and racks.",
        (*CLAIM, BASIS_SINGLE, METHOD, RACK_POWER_LIMIT, JSON),
        (
            "dcpower capacity --power '300 MW' --accelerator h100-sxm",
            "dcpower capacity --power '1 GW' --mix gb200=3 --mix h100-sxm=1 --basis it",
            "dcpower capacity --facility colossus-1 --rack-power-limit '130 kW'",
        ),
        schema="capacity",
        model="CapacityResult",
    ),
    Command(
        "power",
        "The power N accelerators (or a fleet) need at every basis, chip to supply.",
        (*CLAIM, METHOD, RACK_POWER_LIMIT, JSON),
        (
            "dcpower power --gpus 100000 --accelerator h100-sxm",
            "dcpower power --fleet h100-sxm=150000 --fleet gb200=30000 --set pue=1.15",
        ),
        schema="power",
        model="RequiredPowerResult",
    ),
    Command(
        "check",
        "Is 'POWER supports COUNT accelerators' plausible? The verdict, the implied power per accelerator, and what must hold.",
        (
            *CLAIM,
            BASIS,
            METHOD_ALL,
            POWER_BOUND,
            GPUS_BOUND,
            GPUS_HIGH,
            JSON,
            Option(
                ("--h100e",),
                "the count in H100-equivalents instead of --gpus (read as the accelerator's units; the text adds the claim's compute)",
                metavar="N",
            ),
            Option(
                ("--fail-on",),
                "exit 3 when the verdict matches (not-plausible: implausible, between or ample; with --method all, any method)",
                choices=VERDICTS,
            ),
        ),
        (
            "dcpower check --power '300 MW' --gpus 220000 --accelerator h100-sxm",
            "dcpower check --facility colossus-1 --method all",
            "dcpower check --facility stargate-abilene --set pue=1.1:1.2:1.3 --fail-on implausible",
            "dcpower check --power '300 MW' --power-bound at-least --gpus 220000 --gpus-bound at-least --accelerator h100-sxm",
            "dcpower check --power '10 GW' --gpus 4000000 --gpus-high 5000000 --accelerator gb300",
        ),
        schema="check",
        model="ClaimResult",
    ),
    Command(
        "solve",
        "The value of one unknown (power, gpus or an assumption) that makes the claim fit exactly.",
        (
            Option(
                ("--for",),
                lambda api: api.ui.solve_help(),
                dest="unknown",
                required=True,
                metavar="NAME",
            ),
            *CLAIM,
            BASIS_SINGLE,
            METHOD,
            JSON,
        ),
        (
            "dcpower solve --for pue --power '300 MW' --gpus 220000 --accelerator h100-sxm",
            "dcpower solve --for power --gpus 100000 --accelerator gb200 --basis supply --set redundancy=2N",
        ),
        schema="solve",
        model="SolveResult",
    ),
    Command(
        "uncertainty",
        "Monte Carlo over the assumption ranges: P5 / P50 / P95 and the share of draws in which the claim fits.",
        (
            *CLAIM,
            BASIS,
            METHOD,
            JSON,
            CHART,
            Option(
                ("--samples",), "number of draws, 1 to 10,000,000 (default 100000)", type=int, default=100_000
            ),
            Option(
                ("--seed",),
                "seed of the draws: the same seed gives the same numbers (default 0)",
                type=int,
                default=0,
            ),
            Option(
                ("--distribution",),
                "per assumption: triangular on low/central/high (default), uniform, normal or fixed; e.g. pue=normal",
                action="append",
                default=[],
                metavar="NAME=KIND",
            ),
        ),
        (
            "dcpower uncertainty --facility colossus-1 --samples 1000000",
            "dcpower uncertainty --power '300 MW' --gpus 220000 --accelerator h100-sxm --distribution pue=normal",
        ),
        schema="uncertainty",
        model="UncertaintyResult",
        numpy=True,
    ),
    Command(
        "sensitivity",
        "Tornado: which assumption moves the answer most, each swung low to high with the others central.",
        (*CLAIM, BASIS_SINGLE, METHOD, JSON, CHART),
        ("dcpower sensitivity --facility colossus-1 --chart tornado.svg",),
        schema="sensitivity",
        model="TornadoResult",
        numpy=True,
    ),
    Command(
        "sweep",
        "Vary one assumption over a range and check the claim at each value.",
        (
            Option(
                ("--vary",),
                lambda api: api.ui.vary_help(),
                required=True,
                metavar="NAME=START:STOP:POINTS",
            ),
            *CLAIM,
            BASIS_SINGLE,
            METHOD,
            JSON,
        ),
        ("dcpower sweep --facility colossus-1 --vary pue=1.05:1.6:12",),
        schema="sweep",
        model="SweepResult",
        numpy=True,
    ),
    Command(
        "energy",
        "Annual energy, electricity cost, emissions and water of a power.",
        (
            POWER,
            FACILITY,
            Option(
                ("--annual-energy",), "instead: an energy per year to turn into average power, e.g. '176 TWh'"
            ),
            Option(("--load-factor",), _economics("average / full power, in (0, 1]", "load_factor")),
            Option(("--price",), _economics("electricity price", "electricity_price")),
            Option(("--carbon",), _economics("grid carbon intensity", "carbon_intensity")),
            Option(("--wue",), _economics("water usage effectiveness, on-site water per energy", "wue")),
            ECONOMICS,
            JSON,
        ),
        ("dcpower energy --power '100 MW'", "dcpower energy --annual-energy '176 TWh'"),
        schema="energy",
        model="EnergyResult",
    ),
    Command(
        "capex",
        "Capital cost of a fleet with its share of the facility, or what a budget buys.",
        (
            Option(("--budget",), "capital budget, e.g. '1.1e12 USD' (instead of a count)"),
            *CLAIM[1:],
            METHOD,
            Option(("--facility-cost",), _economics("facility cost per MW of critical IT", "facility_cost")),
            Option(
                ("--system-price",),
                "price of one system, e.g. dgx-h100='350000 USD'",
                action="append",
                metavar="ID=PRICE",
            ),
            ECONOMICS,
            JSON,
        ),
        (
            "dcpower capex --gpus 100000 --accelerator h100-sxm",
            "dcpower capex --budget '1.1e12 USD' --accelerator gb200",
        ),
        schema="capex",
        model="CapexResult",
    ),
    Command(
        "orbital",
        "Solar arrays, radiators, batteries, satellites and launches for a power of compute in orbit (lower bounds).",
        (
            POWER,
            ACCELERATOR,
            Option(
                ("--orbit",),
                "orbital preset: dawn-dusk-sso (default, no eclipse) or leo-550km",
                default="dawn-dusk-sso",
                complete="orbital",
            ),
            *ORBITAL_INPUTS,
            Option(
                ("--input",),
                "any other orbital input, e.g. array_specific_power='500 W/kg' (see 'dcpower presets show dawn-dusk-sso')",
                action="append",
                default=[],
                metavar="NAME=VALUE",
            ),
            JSON,
        ),
        (
            "dcpower orbital --power '1 GW' --accelerator h100-sxm",
            "dcpower orbital --power '100 MW' --orbit leo-550km",
        ),
        schema="orbital",
        model="OrbitalResult",
    ),
    Command(
        "claim",
        "Read a claim from its sentence (power, count, accelerator, basis, bounds; shown with the text each came from) and check it.",
        (
            Option(
                (), "the sentence, quoted, as published ('-': standard input)", dest="text", metavar="TEXT"
            ),
            Option(
                ("--accelerator",),
                "the accelerator, instead of the one the sentence names",
                complete="accelerators",
            ),
            Option(
                ("--system",),
                "the system the accelerator (--accelerator, else the model the sentence names) is "
                "installed in (default: its preset's system)",
                complete="systems",
            ),
            Option(
                ("--basis",),
                BASIS_HELP + " (default: the sentence's hint, else unspecified)",
                choices=_bases,
            ),
            METHOD,
            SETTINGS,
            JSON,
            Option(
                ("--fail-on",),
                "exit 3 when the verdict matches (not-plausible: implausible, between or ample)",
                choices=VERDICTS,
            ),
        ),
        (
            "dcpower claim 'This gives us access to more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs) within the month.'",
            "dcpower claim 'Oracle will install about 400,000 GB200 chips in a 1.2 GW campus' --json",
            "dcpower claim 'Up to one million TPUs and well over a gigawatt' --accelerator tpu-v7 --basis facility",
            "dcpower claim 'Leonardo: 13,824 A100 GPUs in 7.5 MW' --system leonardo-booster-node",
        ),
        schema="claim",
        model="SentenceCheck",
    ),
    Command(
        "batch",
        "Check every claim of a CSV or JSON Lines file (columns power, count, count_high, accelerator, system, fleet, basis, power_bound, count_bound, method, text; any other is an error): one result per row.",
        (
            Option(
                (),
                "a .csv file with a header line, or a .jsonl file ('-': standard input)",
                dest="file",
                metavar="FILE",
                nargs="?",
                complete="file",
            ),
            Option(
                ("--example",),
                "check the example file shipped with dcpower (claims.csv) instead of FILE",
                action="store_true",
            ),
            Option(
                ("--format",),
                "output format (default csv)",
                choices=("csv", "jsonl", "markdown"),
                default="csv",
            ),
            Option(
                ("--methods",),
                "also the verdict under each method: all, or ids separated by commas",
                metavar="all|ID,ID",
            ),
            Option(
                ("--fail-on",),
                "exit 3 when any row's verdict, or its verdict under one of --methods, matches "
                "(error: a row could not be checked)",
                choices=(*VERDICTS, "error"),
            ),
        ),
        (
            "dcpower batch claims.csv",
            "dcpower batch --example --format markdown",
            "dcpower batch claims.jsonl --format jsonl --methods all --fail-on implausible",
            "dcpower batch claims.csv --format markdown > verdicts.md",
        ),
        schema="batch",
        model="BatchRow",
    ),
    Command(
        "claims",
        "The ledger of announced deals: list them, or check them (a verdict, or what a power, count or budget supports), each with its source and date.",
        examples=(
            "dcpower claims list",
            "dcpower claims check stargate-norway",
            "dcpower claims check --all --json",
        ),
        subcommands=(
            Command(
                "list",
                "List the ledger's claims as stated.",
                (JSON_PLAIN,),
                summary="list the ledger's claims as stated",
                schema="claims-list",
            ),
            Command(
                "check",
                "Check ledger claims: a verdict for a power and a count, else what the power, count or money supports.",
                (
                    Option(
                        (),
                        "claim ids (see 'dcpower claims list')",
                        dest="ids",
                        nargs="*",
                        metavar="ID",
                        complete="claims",
                    ),
                    Option(("--all",), "every claim, by date", action="store_true"),
                    Option(
                        ("--json",), "print JSON (its schema: 'dcpower schema claims')", action="store_true"
                    ),
                ),
                summary="check claims: a verdict, or what a power, count or budget supports",
                schema="claims",
                model="LedgerReport",
            ),
        ),
        subcommand_dest="claims_command",
    ),
    Command(
        "timeline",
        "A site's energization quarter by quarter: power online by source, what it supports, what was delivered, stranded power or shortfall, battery hours.",
        (
            Option(
                ("--facility",),
                "facility preset id or path with a timeline (colossus-1, stargate-abilene)",
                required=True,
                complete="facilities",
            ),
            JSON,
        ),
        ("dcpower timeline --facility colossus-1", "dcpower timeline --facility stargate-abilene --json"),
        schema="timeline",
        model="TimelineResult",
    ),
    Command(
        "compute",
        "What a power, a facility or a fleet buys in compute: H100-equivalents, dense peak and effective FLOP/s per precision, FLOP per year, days to 1e25-1e27 FLOP, H100e per MW at every basis; or the power a target in H100e or FLOP/s needs.",
        (
            *CLAIM,
            BASIS_SINGLE,
            METHOD,
            Option(
                ("--h100e",),
                "instead of a power: a target in H100e; gives the power at every basis",
                metavar="N",
            ),
            Option(
                ("--flops",),
                "instead of a power: a target dense peak, e.g. '100 EFLOP/s' (at --precision)",
                metavar="RATE",
            ),
            Option(
                ("--precision",),
                "precision of --flops and of the peak MFU is a share of (default bf16)",
                default="bf16",
                choices=("fp4", "fp8", "int8", "bf16", "fp16", "fp64"),
            ),
            Option(
                ("--mfu",),
                "model FLOP utilisation in (0, 1], or LOW:CENTRAL:HIGH (default 0.38:0.40:0.43, Llama 3 405B)",
                metavar="SHARE",
            ),
            Option(
                ("--availability",),
                "share of the year the fleet computes, (0, 1] (default 0.80:0.90:0.95)",
                metavar="SHARE",
            ),
            ECONOMICS,
            JSON,
            Option(("--days",), "solve: the MFU that reaches --threshold FLOP in D days", metavar="D"),
            Option(
                ("--threshold",), "training compute for --days (default 1e25)", default="1e25", metavar="FLOP"
            ),
            Option(
                ("--samples",),
                "Monte Carlo draws over mfu, availability and the power chain's assumptions (default 0: none)",
                type=int,
                default=0,
            ),
            Option(
                ("--uncertainty",),
                "Monte Carlo with 100,000 draws (--samples sets another number)",
                action="store_true",
            ),
            Option(("--seed",), "seed of the draws (default 0)", type=int, default=0),
            Option(
                ("--tornado",),
                "rank mfu, availability and the chain's assumptions by how much each moves the effective FLOP/s",
                action="store_true",
            ),
            Option(
                ("--vary", "--sweep"),
                "sweep mfu, availability or a chain assumption, e.g. 'mfu=0.3:0.5:5' or 'pue=1.1:1.5:5'",
                metavar="NAME=START:STOP:POINTS",
            ),
            Option(
                ("--epoch-csv",),
                "print the result as one CSV row in Epoch AI's columns (H100e, 8-bit OP/s, IT and facility MW)",
                action="store_true",
            ),
        ),
        (
            "dcpower compute --power '300 MW' --accelerator h100-sxm --basis facility",
            "dcpower compute --fleet h100-sxm=100000 --fleet gb200=50000 --mfu 0.35:0.40:0.45",
            "dcpower compute --facility colossus-1 --json",
            "dcpower compute --h100e 1000000 --accelerator gb300",
            "dcpower compute --flops '100 EFLOP/s' --precision bf16 --accelerator tpu-v7",
            "dcpower compute --power '300 MW' --accelerator h100-sxm --uncertainty --tornado",
            "dcpower compute --facility colossus-1 --vary mfu=0.3:0.5:5",
        ),
        schema="compute",
        model="ComputeResult",
    ),
    Command(
        "import",
        "Turn Epoch AI's Frontier Data Centers tables (CC-BY) into facility presets with dated power stages and deliveries.",
        (
            Option((), "the data's origin: epoch", dest="source", choices=("epoch",)),
            Option(
                (),
                "data_center_timelines.csv, and optionally data_centers.csv",
                dest="files",
                nargs="+",
                metavar="FILE",
                complete="file",
            ),
            Option(
                ("--out",),
                "directory to write the facility presets to",
                required=True,
                metavar="DIR",
                complete="dir",
            ),
            Option(
                ("--accelerator",),
                "accelerator the H100e are counted as (default h100-sxm)",
                default="h100-sxm",
                complete="accelerators",
            ),
            Option(
                ("--as-of",),
                "snapshot date: later rows become planned stages (default today)",
                metavar="YYYY-MM-DD",
            ),
        ),
        (
            "dcpower import epoch data_center_timelines.csv data_centers.csv --out my-presets --as-of 2025-12-14",
            "dcpower import epoch data_center_timelines.csv --accelerator gb200 --out my-presets",
        ),
    ),
    Command(
        "presets",
        "List the presets or show one with its sources.",
        examples=("dcpower presets list --kind facilities", "dcpower presets show colossus-1"),
        subcommands=(
            Command(
                "list",
                "List preset ids by kind, with where user presets come from.",
                (Option(("--kind",), "only this kind", choices=_kinds), JSON_PLAIN),
                summary="list preset ids by kind",
                schema="presets-list",
            ),
            Command(
                "show",
                "Show one preset: its file, with every figure's source.",
                (
                    Option((), "the preset id, e.g. colossus-1", dest="id", complete="presets"),
                    Option(("--kind",), "the kind, when two kinds share the id", choices=_kinds),
                    JSON_PLAIN,
                ),
                summary="show one preset with its sources",
                schema="presets-show",
            ),
        ),
        subcommand_dest="presets_command",
    ),
    Command(
        "schema",
        "Print the JSON Schema of a command's --json output.",
        (
            Option(
                (),
                lambda api: f"one of {', '.join(_schema_names(api))}",
                dest="name",
                metavar="COMMAND",
                choices=_schema_names,
            ),
        ),
        ("dcpower schema check > check.schema.json",),
    ),
    Command(
        "completion",
        "Print a shell completion script for bash, zsh or fish: commands, options, their choices and preset ids.",
        (
            Option(
                (), "the shell: bash, zsh or fish", dest="shell", metavar="SHELL", choices=COMPLETION_SHELLS
            ),
        ),
        (
            "dcpower completion bash > ~/.local/share/bash-completion/completions/dcpower",
            "dcpower completion zsh > ~/.zfunc/_dcpower",
            "dcpower completion fish > ~/.config/fish/completions/dcpower.fish",
        ),
    ),
    Command(
        "tui",
        "Open the terminal UI.",
        (
            Option(
                ("--facility",),
                "facility preset id or saved scenario to open (default colossus-1)",
                default="colossus-1",
                complete="facilities",
            ),
        ),
        ("dcpower tui --facility stargate-abilene",),
    ),
    Command(
        "serve",
        "Serve the terminal UI to a web browser (textual-serve), on 127.0.0.1 unless --host says otherwise; it has no login.",
        (
            Option(
                ("--facility",),
                "facility preset id or saved scenario to open",
                default="colossus-1",
                complete="facilities",
            ),
            Option(
                ("--host",),
                "address to listen on (default 127.0.0.1: this machine only)",
                default="127.0.0.1",
            ),
            Option(("--port",), "port to listen on, 1 to 65535 (default 8000)", type=int, default=8000),
        ),
        ("dcpower serve", "dcpower serve --port 8080 --facility stargate-abilene"),
    ),
)
"""Every command, in the order `dcpower --help` lists them."""


def walk(
    commands: Iterable[Command] = COMMANDS, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Command]]:
    """Every command and subcommand with its path of names (('claims', 'list'), ...)."""
    for command in commands:
        yield (*path, command.name), command
        yield from walk(command.subcommands, (*path, command.name))


def command(*path: str) -> Command:
    """The command at `path` ('check', or 'claims', 'list').

    Raises:
        KeyError: No such command.
    """
    found = {names: spec for names, spec in walk()}
    if path not in found:
        raise KeyError(f"dcpower has no command {' '.join(path)!r}")
    return found[path]


def schema_names() -> tuple[str, ...]:
    """The names `dcpower schema` knows, in the order of the commands."""
    return tuple(spec.schema for _, spec in walk() if spec.schema)


def model_schemas() -> dict[str, str]:
    """The schema name of each command that prints a result model -> that model's name."""
    return {spec.schema: spec.model for _, spec in walk() if spec.schema and spec.model}


NUMPY_COMMANDS = frozenset(spec.name for spec in COMMANDS if spec.numpy)
"""The commands that draw samples or open the UI: they need numpy."""


def command_words(path: str, values: Iterable[tuple[str, Any]]) -> list[str]:
    """The words of a `dcpower` command that set each option to its value, in the given order.

    Args:
        path: The command, e.g. ``"check"``.
        values: (option name, value) pairs, the name being the attribute the option sets
            (``"power_bound"``, ``"settings"``); a repeatable option takes a list of values,
            a flag such as --json a bool; None leaves the option out.

    Raises:
        KeyError: The command has no such option.
        ValueError: A value is not among the option's fixed choices.
    """
    spec = command(*path.split())
    words = ["dcpower", *path.split()]
    for name, value in values:
        option = spec.option(name)
        if value is None or value is False:
            continue
        if not option.flags:
            raise KeyError(f"dcpower {path}: {name!r} is a positional argument, not an option")
        flag = option.flags[0]
        if option.action == "store_true":
            words.append(flag)
            continue
        for item in value if option.action == "append" else (value,):
            text = str(item)
            if isinstance(option.choices, tuple) and text not in option.choices:
                raise ValueError(f"{flag}: {text!r} is not one of {', '.join(option.choices)}")
            words += [flag, text]
    return words
