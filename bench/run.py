"""dcpower benchmarks against their budgets (shared/DESIGN.md §4). Not run as tests.

    python bench/run.py            # all
    python bench/run.py cli claim  # some

Each benchmark prints the measured median, the reference it is compared with, the ratio, and
the budget. This machine class is noisy (±30 %): repeat before believing a change.
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference

RESULTS: list[tuple[str, str, str, str, str, bool]] = []


def report(name: str, measured: str, ref: str, ratio: str, budget: str, ok: bool) -> None:
    """Print one benchmark's line; `ok` says whether it is within its budget."""
    RESULTS.append((name, measured, ref, ratio, budget, ok))
    verdict = "ok" if ok else "OVER BUDGET"
    print(f"{name:<34} {measured:>10}   reference {ref:>10}   ratio {ratio:>6}   budget {budget}   {verdict}")


def _wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_cli(runs: int = 15) -> None:
    """`dcpower check ...` as a whole process vs the bare stack's start."""
    python = sys.executable
    bare = [python, "-c", "import pint, pydantic; pint.UnitRegistry()"]
    check = [
        python,
        "-m",
        "tui",
        "check",
        "--power",
        "300 MW",
        "--gpus",
        "220000",
        "--accelerator",
        "h100-sxm",
    ]
    _wall(check, 2)  # warm the page cache and pint's registry cache
    _wall(bare, 2)
    ours, base = _wall(check, runs), _wall(bare, runs)
    report(
        "cli: dcpower check (process)",
        f"{ours * 1e3:.0f} ms",
        f"{base * 1e3:.0f} ms",
        f"{ours / base:.2f}x",
        "<= 1.5x and <= 500 ms",
        ours / base <= 1.5 and ours <= 0.5,
    )


def bench_claim(number: int = 300) -> None:
    """One full claim check in process (point, low, high, break-evens) vs plain floats."""
    import calc

    def ours() -> object:
        return calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm")

    def floats() -> object:
        return reference.check_claim(300e6, 220_000)

    result, expected = ours(), floats()
    assert result.verdict == expected["verdict"]
    pue = next(e for e in result.readings[1].break_even if e.assumption == "pue").value
    assert abs(pue - expected["readings"]["facility"]["break_even"]["pue"]) < 1e-12
    t_ours = min(timeit.repeat(ours, number=number, repeat=7)) / number
    t_ref = min(timeit.repeat(floats, number=number * 10, repeat=7)) / (number * 10)
    report(
        "claim check (in process)",
        f"{t_ours * 1e3:.3f} ms",
        f"{t_ref * 1e6:.1f} µs",
        f"{t_ours / t_ref:.0f}x",
        "<= 60x",
        t_ours / t_ref <= 60,
    )


def bench_report(number: int = 100) -> None:
    """The TUI's whole report (claim, capacity at each reading, every method) for Colossus 1.

    The reference is the plain-float claim check, once per row of the report (the claim and
    the five methods).
    """
    import calc

    scenario = calc.scenario_from_facility("colossus-1")
    calc.evaluate(scenario)  # presets read and assumptions validated once, as in the running app
    rows = 1 + len(calc.list_presets("assumptions"))
    t_ours = min(timeit.repeat(lambda: calc.evaluate(scenario), number=number, repeat=7)) / number
    t_ref = min(
        timeit.repeat(lambda: reference.check_claim(300e6, 220_000), number=number * 10, repeat=7)
    ) / (number * 10)
    report(
        "tui report (in process)",
        f"{t_ours * 1e3:.2f} ms",
        f"{t_ref * rows * 1e6:.1f} µs",
        f"{t_ours / (t_ref * rows):.0f}x",
        "<= 10 ms",
        t_ours <= 0.010,
    )


def _first_screen(*args: str) -> dict[str, float]:
    import json

    script = str(Path(__file__).resolve().parent / "tui_first_screen.py")
    done = subprocess.run([sys.executable, script, *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_tui_start(runs: int = 7) -> None:
    """The app's first screen (process start to first paint, headless) and its memory."""
    _first_screen()
    _first_screen("reference")
    ours = [_first_screen() for _ in range(runs)]
    ref = [_first_screen("reference") for _ in range(runs)]
    t_ours = statistics.median(r["seconds"] for r in ours)
    t_ref = statistics.median(r["seconds"] for r in ref)
    report(
        "tui: first screen (process)",
        f"{t_ours * 1e3:.0f} ms",
        f"{t_ref * 1e3:.0f} ms",
        f"{t_ours / t_ref:.2f}x",
        "<= 2x and <= 1 s",
        t_ours / t_ref <= 2 and t_ours <= 1.0,
    )
    rss = statistics.median(r["max_rss_mb"] for r in ours)
    rss_ref = statistics.median(r["max_rss_mb"] for r in ref)
    report(
        "tui: memory (max RSS)",
        f"{rss:.0f} MB",
        f"{rss_ref:.0f} MB",
        f"{rss / rss_ref:.2f}x",
        "<= 150 MB",
        rss <= 150,
    )


def bench_tui_key(keys: int = 40) -> None:
    """Keystroke to updated result: an edit of the power field, until its report is on screen.

    Each edit is handled in the app (Input.Changed -> calc parses the fields; a worker thread
    evaluates the report at once, one at a time; the result widgets redraw when it lands), and
    the clock stops at the first frame handed to the terminal (`App._display`, which every
    compositor refresh goes through) once the edit's report is what the widgets hold. The
    reference does the same with a bare Input whose handler only echoes the value.
    """
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Input, Static

    from tui.app import DcpowerApp

    class Echo(App[None]):
        def compose(self) -> ComposeResult:
            yield Input("300 MW", id="power")
            yield Static(id="out")

        def on_input_changed(self, event: Input.Changed) -> None:
            self.query_one("#out", Static).update(event.value)

    def shown(app: App[None], value: str) -> bool:
        """True once the result for `value` is what the app's widgets hold."""
        if isinstance(app, DcpowerApp):  # this very edit's report, landed from the worker
            screen = app.calculator
            report = screen.report
            return (
                report is not None
                and report.scenario is screen.scenario
                and f"{report.claim.power:~}" == value.replace(" MW", ".0 MW")
            )
        return str(app.query_one("#out", Static).render()) == value

    async def measure(app: App[None], field: object) -> float:
        target: list[str] = []
        frames: list[float] = []
        display = app._display

        def timed_display(screen: object, renderable: object) -> None:
            display(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None and target and not frames and shown(app, target[0]):
                frames.append(time.perf_counter())

        app._display = timed_display  # type: ignore[method-assign]
        times = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await asyncio.sleep(0.5)  # the first report, and the side panels mounted after it
            widget = field(app)  # type: ignore[operator]
            for i in range(keys):
                value = f"{300 + i % 7} MW"
                target[:], frames[:] = [value], []
                start = time.perf_counter()
                widget.value = value
                while not frames:  # Input.Changed, its handler, (ours) the worker, the frame
                    await asyncio.sleep(0.002)  # a finer poll takes the GIL from the worker
                times.append(frames[0] - start)
        return statistics.median(times)

    ours = asyncio.run(measure(DcpowerApp(), lambda app: app.calculator.query_one("#power")))
    ref = asyncio.run(measure(Echo(), lambda app: app.query_one("#power")))
    report(
        "tui: key to updated screen",
        f"{ours * 1e3:.1f} ms",
        f"{ref * 1e3:.1f} ms",
        f"{ours / ref:.2f}x",
        "<= 30 ms",
        ours <= 0.030,
    )


def bench_monte_carlo(samples: int = 1_000_000, runs: int = 7) -> None:
    """Monte Carlo, 1e6 samples end to end (draws, chain, percentiles, fit, histogram) vs raw numpy."""
    import calc

    def ours() -> object:
        return calc.monte_carlo("300 MW", 220_000, "h100-sxm", samples=samples, seed=7)

    def raw() -> object:
        return reference.monte_carlo(300e6, 220_000, samples, 7)

    result, expected = ours(), raw()
    facility = result.readings[1]
    assert facility.fit_probability == expected["facility"]["fit"]  # same draws, same answer
    assert facility.accelerators.p50 == expected["facility"]["counts"][1]
    t_ours = statistics.median(timeit.repeat(ours, number=1, repeat=runs))
    t_raw = statistics.median(timeit.repeat(raw, number=1, repeat=runs))
    report(
        f"monte carlo, {samples:.0e} samples",
        f"{t_ours * 1e3:.0f} ms",
        f"{t_raw * 1e3:.0f} ms",
        f"{t_ours / t_raw:.2f}x",
        "<= 150 ms and <= 1.5x",
        t_ours <= 0.150 and t_ours / t_raw <= 1.5,
    )


def bench_batch(rows: int = 10_000) -> None:
    """`dcpower batch`'s core on a file of 10,000 rows (sentences and flag rows, half each)
    vs the same number of plain keyword claim checks."""
    import tempfile

    import calc

    sentence = (
        "This gives us access to more than 300 megawatts of new capacity "
        "(over 220,000 NVIDIA GPUs) within the month."
    )
    lines = ["power,count,accelerator,text"]
    for index in range(rows):
        if index % 2:
            lines.append(f'"",,,"{sentence}"')
        else:
            lines.append(f"{100 + index % 400} MW,{100_000 + index},h100-sxm,")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.csv"
        path.write_text("\n".join(lines) + "\n")
        start = time.perf_counter()
        results = list(calc.check_rows(calc.read_rows(path)))
        ours = time.perf_counter() - start
    assert len(results) == rows and not any(r.error for r in results)
    start = time.perf_counter()
    for index in range(rows):
        calc.check_claim(f"{100 + index % 400} MW", gpus=100_000 + index, accelerator="h100-sxm")
    base = time.perf_counter() - start
    report(
        "batch: 10,000 rows",
        f"{ours:.2f} s",
        f"{base:.2f} s",
        f"{ours / base:.2f}x",
        "<= 10 s",
        ours <= 10.0,
    )


def bench_reader(repeat: int = 20) -> None:
    """The sentence reader (calc.parse_claim) per corpus sentence, median and max, vs a trivial
    regex scan of the same texts (every number and every word), and on the worst text."""
    import json
    import re

    from calc.sentences import MAX_TEXT, parse_claim

    root = Path(__file__).resolve().parent.parent / "tests" / "data"
    texts = [
        json.loads(line)["quote"]
        for path in [root / "sentences.jsonl", *sorted((root / "corpus").glob("*.jsonl"))]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    trivial = re.compile(r"\d+(?:[.,]\d+)*|\w+")

    def per_text(function) -> list[float]:
        times = []
        for text in texts:
            function(text)
            times.append(min(timeit.repeat(lambda text=text: function(text), number=1, repeat=repeat)))
        return times

    ours = per_text(parse_claim)
    base = per_text(trivial.findall)
    median, worst, ref = statistics.median(ours), max(ours), statistics.median(base)
    report(
        f"reader, median of {len(texts)} sentences",
        f"{median * 1e3:.2f} ms",
        f"{ref * 1e6:.1f} µs",
        f"{median / ref:.0f}×",
        "≤ 5 ms",
        median <= 5e-3,
    )
    report("reader, slowest corpus sentence", f"{worst * 1e3:.2f} ms", "", "", "≤ 50 ms", worst <= 50e-3)
    padded = ("| 300 MW " + " " * 60 + "| 12,000 GPUs " + " " * 60 + "|\n") * 28
    slowest = max(
        min(timeit.repeat(lambda text=text: parse_claim(text[:MAX_TEXT]), number=1, repeat=5))
        for text in ("1" + " " * 3999 + "x", padded, "1 " * 2000, "half a " * 571)
    )
    report("reader, worst 4,000-char text", f"{slowest * 1e3:.1f} ms", "", "", "≤ 1 s", slowest <= 1.0)


BENCHES = {
    "cli": bench_cli,
    "mc": bench_monte_carlo,
    "claim": bench_claim,
    "report": bench_report,
    "tui-start": bench_tui_start,
    "tui-key": bench_tui_key,
    "batch": bench_batch,
    "reader": bench_reader,
}


def compile_sources() -> None:
    """Write the bytecode of calc and tui, as installing dcpower does (pip compiles what it
    installs) and as a first run does unless PYTHONDONTWRITEBYTECODE is set: the process
    benchmarks then time dcpower starting, not Python compiling its 20,000 lines again in every
    process (the references' libraries come with their bytecode)."""
    root = Path(__file__).resolve().parent.parent
    for package in ("calc", "tui"):
        compileall.compile_dir(root / package, quiet=1)


def main(names: list[str]) -> int:
    """Run the named benchmarks (all by default); exit 1 when any is over its budget."""
    unknown = [name for name in names if name not in BENCHES]
    if unknown:
        print(f"bench: unknown {unknown[0]!r}; accepted: {', '.join(BENCHES)}", file=sys.stderr)
        return 2
    compile_sources()
    for name in names or list(BENCHES):
        BENCHES[name]()
    over = [name for name, *_, ok in RESULTS if not ok]
    if over:
        print(f"over budget: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
