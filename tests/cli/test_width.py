"""Text output on a terminal fits its width; piped output and --wide keep whole lines.

The terminal is a real pseudo-terminal (`pty`), so the command sees `isatty()` as a person's
shell gives it, with COLUMNS=80 as its width.
"""

import os
import pty
import subprocess
import sys

import pytest

from calc.report import Table, as_text

COMMANDS = [
    ("check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm"),
    ("check", "--facility", "colossus-1", "--method", "all"),
    ("power", "--gpus", "1000", "--accelerator", "gb200"),
    ("capacity", "--power", "300 MW", "--accelerator", "h100-sxm"),
    ("claim", "The campus will draw 1 gigawatt for 100,000 NVIDIA GPUs."),
    ("compute", "--power", "300 MW", "--accelerator", "h100-sxm", "--basis", "facility"),
    ("energy", "--power", "300 MW"),
]


def on_terminal(*args: str, columns: int = 80) -> str:
    """The command's standard output as a terminal of `columns` shows it."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns)}
    with subprocess.Popen(
        [sys.executable, "-m", "calc", *args], stdout=follower, stderr=subprocess.DEVNULL, env=env
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the follower closed: the command has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_every_line_fits_an_80_column_terminal(args):
    text = on_terminal(*args)
    widest = max(text.splitlines(), key=len)
    assert len(widest) <= 80, widest
    assert len(text.splitlines()) > 3


def test_wide_and_piped_output_keep_whole_lines():
    args = COMMANDS[0]
    wrapped = on_terminal(*args)
    wide = on_terminal("--wide", *args)
    piped = subprocess.run(
        [sys.executable, "-m", "calc", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "80"},
    ).stdout
    first = "Claim: 300 MW for 220,000 GPUs (h100-sxm 220,000); basis unspecified; method default"
    assert wide.splitlines()[0] == first == piped.splitlines()[0]
    assert wrapped.splitlines()[:2] == [first[: first.rindex(" ")], "  default"]
    assert max(len(line) for line in wide.splitlines()) > 80


def test_a_table_narrows_its_text_and_never_cuts_a_figure():
    table = Table(
        "",
        ("basis", "power", "note"),
        (("facility", "1,430.5 W", "the claim is 4.7 % below the facility central"),),
        "lrl",
    )
    lines = as_text([table], width=40).splitlines()
    # 68 columns wide: the note narrows 45 -> 34 -> 26 -> 20 -> 17 (a quarter at a time, to the
    # 28 columns over); basis and power keep their longest word and figure
    assert lines == [
        "  basis         power  note",
        "  facility  1,430.5 W  the claim is",
        "                       4.7 % below the",
        "                       facility central",
    ]
    assert as_text([table]) == as_text([table], width=None)
    # a column cannot narrow below its longest figure: here the line stays long, nothing cut
    narrow = as_text([Table("", ("a", "b"), (("1,430.5 W", "2,199.4 W"),), "rr")], width=10)
    assert narrow.splitlines()[1] == "  1,430.5 W  2,199.4 W"
