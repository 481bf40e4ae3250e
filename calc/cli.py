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
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, NoReturn

import calc
import calc.ui
from calc import claim_report, commands, completion
from calc.arguments import id_pairs
from calc.claim_report import ledger_document, ledger_list_table, sentence_document, timeline_document
from calc.claims import method_order
from calc.compute import claim_compute_lines, compute, count_for_h100e
from calc.epoch import export_csv, export_row, import_epoch
from calc.errors import CalcError, did_you_mean, one_line, shown
from calc.inputs import _validated
from calc.presets import catalog, describe_preset, preset_listing, preset_problems
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
        raise CliError(one_line(f"{_with_suggestion(message)} (see '{self.prog} --help')"))


_INVALID_CHOICE = re.compile(
    r"^(?P<head>.*invalid choice: )(?P<value>'.*?') \(choose from (?P<choices>.*)\)$"
)


def _with_suggestion(message: str) -> str:
    """argparse's "invalid choice: 'chek' (choose from 'check', ...)" as dcpower words it: the
    closest choice first ("did you mean 'check'?"), then every accepted one."""
    found = _INVALID_CHOICE.match(message)
    if found is None:
        return message
    choices = re.findall(r"'([^']*)'", found["choices"])
    value = found["value"][1:-1]
    return f"{found['head']}{found['value']}; {did_you_mean(value, choices)}accepted: {', '.join(choices)}"


def _pairs(items: Sequence[str] | None, flag: str, what: str) -> dict[str, str] | None:
    if not items:
        return None
    return id_pairs(items, flag, what)


# ------------------------------------------------------------------------------- parser
# The parser is built from the command spec, `calc.commands.COMMANDS`: every flag, help text and
# example is declared there once.


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


def _add(parser: argparse.ArgumentParser, option: commands.Option) -> None:
    """Add one option of the spec, its help and choices resolved against the calc package."""
    keywords: dict[str, Any] = {"help": option.help if isinstance(option.help, str) else option.help(calc)}
    if option.choices is not None:
        choices = option.choices if isinstance(option.choices, tuple) else option.choices(calc)
        keywords["choices"] = choices
        if option.fold_case:
            keywords["type"] = _choice(choices)
    for name in ("metavar", "action", "type", "nargs"):
        if getattr(option, name) is not None:
            keywords[name] = getattr(option, name)
    if option.default is not commands.UNSET:
        keywords["default"] = option.default
    if option.required:
        keywords["required"] = True
    if option.flags:
        if option.dest is not None:
            keywords["dest"] = option.dest
        parser.add_argument(*option.flags, **keywords)
    else:
        parser.add_argument(option.name, **keywords)


EXAMPLES = {spec.name: list(spec.examples) for spec in commands.COMMANDS}
DESCRIPTIONS = {spec.name: spec.description for spec in commands.COMMANDS}
SCHEMAS = commands.schema_names()
"""The documents `dcpower schema` names."""


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """--preset-dir, accepted before or after the subcommand (after it, it adds to those before)."""
    for option in commands.PROGRAM.options:
        _add(parser, replace(option, default=argparse.SUPPRESS) if suppress else option)


def _subcommands(parser: argparse.ArgumentParser, spec: commands.Command) -> None:
    """The subcommands of `spec` (`claims list`, ...), each with the global options last."""
    sub = parser.add_subparsers(
        dest=spec.subcommand_dest,
        parser_class=_Parser,
        metavar="|".join(s.name for s in spec.subcommands),
    )
    for child in spec.subcommands:
        made = sub.add_parser(
            child.name, help=child.summary or child.description, description=child.description
        )
        for option in child.options:
            _add(made, option)
        _global_options(made, suppress=True)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `dcpower`, from the command spec."""

    parser = _Parser(
        prog=commands.PROGRAM.name,
        description=commands.PROGRAM.description,
        epilog="Run 'dcpower COMMAND --help' for a command's options and examples.",
    )
    _global_options(parser, suppress=False)
    parser.add_argument("-V", "--version", action="version", version=f"dcpower {calc.__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND", title="commands")
    for spec in commands.COMMANDS:
        examples = "\n".join(f"  {line}" for line in spec.examples)
        made = sub.add_parser(
            spec.name,
            help=spec.summary or spec.description,
            description=spec.description,
            epilog=f"examples:\n{examples}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _global_options(made, suppress=True)
        for option in spec.options:
            _add(made, option)
        if spec.subcommands:
            _subcommands(made, spec)
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


def text_width(args: argparse.Namespace) -> int | None:
    """The width text output fits: the terminal's columns (COLUMNS, else the terminal's own)
    when standard output is a terminal; None (whole lines) when it is piped or with --wide."""
    if getattr(args, "wide", False) or not (hasattr(sys.stdout, "isatty") and sys.stdout.isatty()):
        return None
    return max(40, shutil.get_terminal_size().columns)


def _show(args: argparse.Namespace, result: Any, document: Any) -> None:
    """Print a result: its JSON with --json, else its report as text."""

    if args.json:
        _emit_json(result.model_dump(mode="json"))
    else:
        print(as_text(document(result), text_width(args)))


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
        "assumptions": calc.ui.parse_settings(getattr(args, "settings", [])),
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
            print(as_text([methods_table(results)], text_width(args)))
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
        assumptions=calc.ui.parse_settings(args.settings) or None,
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
    if args.example == (args.file is not None):
        raise calc.InputError(
            f"batch: give either FILE or --example{' (not both)' if args.example else ''}; "
            "FILE is a .csv or .jsonl file, or '-' for standard input"
        )
    if args.example:
        return _batch(args, str(calc.example_file()))
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
            print(as_text([ledger_list_table(claims)], text_width(args)))
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
        written = calc.ui.write_atomic(path, svg)
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
    name, start, stop, points = calc.ui.parse_sweep(args.vary)
    _show(args, calc.sweep(name, start, stop, points, _scenario(args)), sweep_document)
    return 0


def _cmd_energy(args: argparse.Namespace) -> int:
    if args.annual_energy is not None:
        average = calc.average_power(args.annual_energy)
        if args.json:
            _emit_json({"annual_energy": args.annual_energy, "average_power": calc.ui.quantity_json(average)})
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
    for name in (option.name for option in commands.ORBITAL_INPUTS):
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
        "samples": args.samples or (100_000 if args.uncertainty else 0),
        "seed": args.seed,
        "tornado": args.tornado,
        "vary": args.vary,
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
            assumptions=calc.ui.parse_settings(args.settings),
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


def _cmd_completion(args: argparse.Namespace) -> int:
    sys.stdout.write(completion.script(args.shell, calc))
    return 0


def _complete_ids(arguments: list[str]) -> int:
    """`dcpower __complete KIND [--preset-dir DIR]...`: the ids a completion script offers, one a
    line; nothing (and exit 0) when the presets cannot be read, so Tab never prints an error."""
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    parser.add_argument("kind")
    parser.add_argument("--preset-dir", action="append", default=[])
    try:
        known, _ = parser.parse_known_args(arguments)
        if known.preset_dir:
            calc.set_preset_dirs(*known.preset_dir)
        print("\n".join(completion.ids(known.kind, calc)))
    except (argparse.ArgumentError, CalcError, KeyError, ValueError):
        pass
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    _emit_json(command_schema(args.name, calc), stamped=False)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    spec.name: globals()[spec.handler] for spec in commands.COMMANDS
}
"""Each command's function, by name (the spec names it: ``_cmd_`` and the command)."""


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
    if arguments[:1] == [completion.HIDDEN]:
        return _complete_ids(arguments[1:])
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
