"""Rewrite the output of every checked ```console example in README.md and docs/*.md.

    .venv/bin/python docs/regenerate_examples.py

Run it after a change of the CLI's output, then read the diff: tests/packaging/test_readme.py
fails on any example whose output differs from what the command prints.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calc.__main__ import main  # noqa: E402

BLOCK = re.compile(r"^(?P<marker><!-- no-check -->\n)?```console\n(?P<body>.*?)^```$", re.M | re.S)


def run(command: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            main(shlex.split(command)[1:])
        except SystemExit:
            pass
    return "\n".join(line.rstrip() for line in out.getvalue().rstrip().splitlines())


def regenerate(text: str) -> str:
    def block(match: re.Match[str]) -> str:
        lines = match["body"].splitlines()
        if match["marker"] or not lines or not lines[0].startswith("$ dcpower"):
            return match.group(0)
        out: list[str] = []
        for i, line in enumerate(lines):
            if not line.startswith("$ "):
                continue
            out.append(line)
            shown = i + 1 < len(lines) and not lines[i + 1].startswith("$ ")
            if shown:  # a command shown without output stays without output
                out.append(run(line[2:]))
        return "```console\n" + "\n".join(out) + "\n```"

    return BLOCK.sub(block, text)


if __name__ == "__main__":
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        new = regenerate(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {path.relative_to(ROOT)}")
