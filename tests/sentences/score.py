"""Score the sentence reader on a corpus of real sentences (tests/data/corpus/*.jsonl).

Run as ``python -m tests.sentences.score [--misses] [--split dev|test] [FILES...]``: for each
split, the share of sentences whose power is read right (within 0.5 %, unit-converted; none
matches none), whose count is read right (count and count_high equal), both, and the bounds.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from calc.errors import CalcError
from calc.sentences import GENERIC_ACCELERATOR, GENERIC_AMD, parse_claim
from calc.units import is_apparent_power, parse_power, power_watts

CORPUS = Path(__file__).parent.parent / "data" / "corpus"
SPLITS = ("dev", "test")


def corpus_rows(paths: list[Path] | None = None) -> list[dict]:
    """Every row of the corpus files (default: tests/data/corpus/*.jsonl)."""
    rows = []
    for path in paths or sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _watts(power: str | None) -> tuple[float, bool] | None:
    if power is None:
        return None
    quantity = parse_power(power, allow_apparent=True)
    return power_watts(quantity), is_apparent_power(quantity)


@dataclass
class Score:
    """How one split reads."""

    rows: int = 0
    power: int = 0
    count: int = 0
    both: int = 0
    bounds: int = 0
    misses: list[str] = field(default_factory=list)

    def share(self, name: str) -> float:
        return getattr(self, name) / self.rows if self.rows else 0.0

    def line(self, split: str) -> str:
        return (
            f"{split}: {self.rows} sentences; power right {self.share('power'):.1%}, count right "
            f"{self.share('count'):.1%}, both right {self.share('both'):.1%}, bounds right {self.share('bounds'):.1%}"
        )


def judge(row: dict) -> tuple[bool, bool, bool, str]:
    """(power right, count right, bounds right, what was read) for one corpus row."""
    try:
        reading = parse_claim(row["quote"])
    except CalcError as error:
        return row["power"] is None, row["count"] is None, True, f"refused: {error}"
    expected = _watts(row["power"])
    got = None if reading.power is None else (power_watts(reading.power), is_apparent_power(reading.power))
    if expected is None or got is None:
        power_right = expected is None and got is None
    else:
        power_right = expected[1] == got[1] and abs(got[0] - expected[0]) <= 0.005 * expected[0]
    count_right = reading.count == row["count"] and reading.count_high == row.get("count_high")
    # a range is "between" in the reading; the corpus gives the range by count_high alone
    count_bound = "between" if row.get("count_high") is not None else row.get("count_bound", "exact")
    bounds_right = (row["power"] is None or reading.power_bound == row.get("power_bound", "exact")) and (
        row["count"] is None or reading.count_bound in (count_bound, row.get("count_bound", "exact"))
    )
    read = (
        f"read power {None if reading.power is None else f'{reading.power:~g}'} ({reading.power_bound}), "
        f"count {reading.count} high {reading.count_high} ({reading.count_bound}); "
        f"truth {row['power']} ({row.get('power_bound')}), {row['count']} high {row.get('count_high')} "
        f"({row.get('count_bound')})"
    )
    return power_right, count_right, bounds_right, read


def accelerator_right(row: dict) -> bool:
    expected = {"generic": GENERIC_ACCELERATOR, "generic-amd": GENERIC_AMD}.get(
        row["accelerator"], row["accelerator"]
    )
    return row["count"] is None or parse_claim(row["quote"]).accelerator == expected


def score(rows: list[dict]) -> dict[str, Score]:
    """The score of each split."""
    scores = {split: Score() for split in SPLITS}
    for row in rows:
        s = scores[row.get("split", "dev")]
        power, count, bounds, read = judge(row)
        s.rows += 1
        s.power += power
        s.count += count
        s.both += power and count
        s.bounds += bounds
        if not (power and count):
            quote = " ".join(row["quote"].split())
            s.misses.append(f"{quote[:110]}{'...' if len(quote) > 110 else ''} | {read}")
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--split", choices=SPLITS, action="append")
    parser.add_argument("--misses", action="store_true", help="print the sentences read wrong")
    args = parser.parse_args(argv)
    scores = score(corpus_rows(args.files or None))
    for split in args.split or SPLITS:
        print(scores[split].line(split))
        if args.misses:
            for miss in scores[split].misses:
                print("  -", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
