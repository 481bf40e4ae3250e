"""dcpower benchmarks against their budgets (shared/DESIGN.md §4). Not run as tests.

    python bench/run.py            # all
    python bench/run.py cli claim  # some

Each benchmark prints the measured median, the reference it is compared with, the ratio, and
the budget. This machine class is noisy (±30 %): repeat before believing a change.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference  # noqa: E402

RESULTS: list[tuple[str, str, str, str, str]] = []


def report(name: str, measured: str, ref: str, ratio: str, budget: str) -> None:
    RESULTS.append((name, measured, ref, ratio, budget))
    print(f"{name:<34} {measured:>10}   reference {ref:>10}   ratio {ratio:>6}   budget {budget}")


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
    check = [python, "-m", "tui", "check", "--power", "300 MW", "--gpus", "220000",
             "--accelerator", "h100-sxm"]
    _wall(check, 2)  # warm the page cache and pint's registry cache
    _wall(bare, 2)
    ours, base = _wall(check, runs), _wall(bare, runs)
    report("cli: dcpower check (process)", f"{ours * 1e3:.0f} ms", f"{base * 1e3:.0f} ms",
           f"{ours / base:.2f}x", "<= 1.5x and <= 500 ms")


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
    report("claim check (in process)", f"{t_ours * 1e3:.3f} ms", f"{t_ref * 1e6:.1f} µs",
           f"{t_ours / t_ref:.0f}x", "<= 1 ms")


BENCHES = {"cli": bench_cli, "claim": bench_claim}


def main(names: list[str]) -> int:
    for name in names or list(BENCHES):
        BENCHES[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
