"""Peak memory and speed of `dcpower batch` on a large generated file. Not run as a test.

    python bench/batch_memory.py              # read a 30 MB file; check 20,000 rows
    python bench/batch_memory.py --mb 50 --rows 50000

Two measures, each in its own process (peak RSS from `os.wait4`, as `/usr/bin/time -v` reports
it):

- reading: every row of a CSV file of `--mb` megabytes read with `calc.read_rows`, against
  `csv.reader` counting the records of the same file (the reference: a streaming read of the
  file with nothing kept);
- checking: `dcpower batch` on the first `--rows` rows of the file, output to /dev/null, against
  the bare interpreter importing calc (what any batch costs before its first row).

Reading in constant memory, the first figure stays near its reference whatever the file's size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "This gives us access to more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs) within the month."


def write_file(path: Path, megabytes: float) -> int:
    """A batch CSV of about `megabytes` MB, flag rows and sentence rows in turn; its row count."""
    target = int(megabytes * 1_000_000)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("power,count,accelerator,text\n")
        written = 0
        while written < target:
            if rows % 2:
                line = f',,,"{SENTENCE}"\n'
            else:
                line = f"{100 + rows % 400} MW,{100_000 + rows},h100-sxm,\n"
            stream.write(line)
            written += len(line)
            rows += 1
    return rows


def measured(command: list[str]) -> tuple[float, int, bytes]:
    """Wall time [s], peak RSS [kB] and stdout of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = child.stdout.read() if child.stdout else b""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if child.returncode not in (0, 3):
        raise SystemExit(f"bench: {' '.join(command)} exited {child.returncode}")
    return elapsed, usage.ru_maxrss, out


READ = "import calc, sys; print(sum(1 for _ in calc.read_rows(sys.argv[1])))"
REFERENCE = (
    "import csv, sys\n"
    "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f: print(sum(1 for _ in csv.reader(f)) - 1)"
)
BARE = "import calc, calc.batch, calc.claims, calc.sentences"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=30.0, help="size of the file read [MB]")
    parser.add_argument("--rows", type=int, default=20_000, help="rows checked by dcpower batch")
    options = parser.parse_args(argv)
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "claims.csv"
        rows = write_file(big, options.mb)
        size = big.stat().st_size
        print(f"file: {size / 1e6:.1f} MB, {rows:,} rows")
        ours, ours_rss, out = measured([python, "-c", READ, str(big)])
        base, base_rss, base_out = measured([python, "-c", REFERENCE, str(big)])
        assert int(out) == int(base_out) == rows, (out, base_out, rows)
        print(
            f"read_rows:   {rows / ours:>10,.0f} rows/s  peak RSS {ours_rss / 1024:>7.1f} MB   "
            f"reference csv.reader: {rows / base:>10,.0f} rows/s  peak RSS {base_rss / 1024:>7.1f} MB"
        )
        small = Path(folder) / "head.csv"
        with big.open(encoding="utf-8") as source, small.open("w", encoding="utf-8") as head:
            for _ in range(options.rows + 1):
                head.write(source.readline())
        dcpower = [python, "-c", "import sys; from calc.cli import main; sys.exit(main(sys.argv[1:]))"]
        took, rss, out = measured([*dcpower, "batch", str(small)])
        assert out.count(b"\n") == options.rows + 1, out[-200:]
        _, bare_rss, _ = measured([python, "-c", BARE])
        print(
            f"batch:       {options.rows / took:>10,.0f} rows/s  peak RSS {rss / 1024:>7.1f} MB   "
            f"({options.rows:,} rows in {took:.1f} s; importing calc alone: {bare_rss / 1024:.1f} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
