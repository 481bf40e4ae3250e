"""The README's and docs' examples are real: each ```console block that starts with `$ dcpower`
prints exactly the output shown, and each ```pycon block passes as a doctest.

A block right after a ``<!-- no-check -->`` line is skipped (for output that cannot be
reproduced, such as the terminal UI). Commands run in process through the `dcpower` entry point.
"""

import doctest
import itertools
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from calc.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(
    r"^(?P<marker><!-- no-check -->\n)?```(?P<lang>console|pycon)\n(?P<body>.*?)^```$", re.M | re.S
)


@dataclass(frozen=True)
class Example:
    document: Path
    line: int
    lang: str
    command: str
    """The command after `$ ` (console), or the whole block (pycon)."""
    output: str

    def __str__(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def examples_in(text: str, document: Path) -> list[Example]:
    """The checked examples of one Markdown text: console commands with shown output, pycon blocks."""
    found = []
    for block in BLOCK.finditer(text):
        if block["marker"]:
            continue
        first_line = text.count("\n", 0, block.start("body")) + 1
        if block["lang"] == "pycon":
            found.append(Example(document, first_line, "pycon", block["body"], ""))
            continue
        lines = block["body"].splitlines()
        if not lines or not lines[0].startswith("$ dcpower"):
            continue
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")] + [len(lines)]
        for start, end in itertools.pairwise(starts):
            output = "\n".join(lines[start + 1 : end])
            if output:
                found.append(Example(document, first_line + start, "console", lines[start][2:], output))
    return found


EXAMPLES = [example for document in DOCUMENTS for example in examples_in(document.read_text(), document)]


def normalized(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.lang == "console"], ids=str)
def test_console_example(example, capsys):
    argv = shlex.split(example.command)
    assert argv[0] == "dcpower"
    try:
        status = main(argv[1:])
    except SystemExit as exit:  # argparse exits on bad usage
        status = exit.code
    out, err = capsys.readouterr()
    assert normalized(out + err) == normalized(example.output)
    assert status == (2 if "dcpower: error:" in example.output else 0)


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.lang == "pycon"], ids=str)
def test_python_example(example):
    parser = doctest.DocTestParser()
    test = parser.get_doctest(example.command, {}, str(example), str(example.document), example.line)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_the_headline_examples_are_checked():
    readme = {e.command for e in EXAMPLES if e.document.name == "README.md"}
    assert 'dcpower check --power "300 MW" --gpus 220000 --accelerator h100-sxm' in readme
    assert any(e.lang == "pycon" for e in EXAMPLES if e.document.name == "README.md")


def test_examples_are_found_and_skipped_as_marked():
    text = (
        "```console\n$ dcpower presets list --kind orbital\norbital:\n  dawn-dusk-sso\n"
        "$ dcpower --version\n```\n"
        "<!-- no-check -->\n```console\n$ dcpower tui\n(a screen)\n```\n"
        "```console\n$ make run\nsomething\n```\n"
        "```sh\ndcpower check\n```\n"
    )
    found = examples_in(text, ROOT / "README.md")
    # the second command of the first block shows no output, the others are skipped
    assert [(e.line, e.command, e.output) for e in found] == [
        (2, "dcpower presets list --kind orbital", "orbital:\n  dawn-dusk-sso")
    ]


def test_a_wrong_output_fails(capsys):
    example = Example(
        ROOT / "README.md", 1, "console", "dcpower presets list --kind orbital", "orbital:\n  x"
    )
    with pytest.raises(AssertionError):
        test_console_example(example, capsys)


def readme_commands() -> list[tuple[int, str, str]]:
    """Every `$ dcpower ...` line of the README's console blocks (checked or not, the UI aside),
    with the first line of output it shows."""
    text = (ROOT / "README.md").read_text()
    found = []
    for block in BLOCK.finditer(text):
        lines = block["body"].splitlines()
        first_line = text.count("\n", 0, block.start("body")) + 1
        for i, line in enumerate(lines):
            if line.startswith("$ dcpower") and not line.startswith(("$ dcpower tui", "$ dcpower serve")):
                shown = next((o for o in lines[i + 1 :] if o.strip()), "")
                found.append((first_line + i, line[2:], "" if shown.startswith("$ ") else shown))
    return found


@pytest.mark.parametrize(("line", "command", "first"), readme_commands(), ids=lambda v: str(v)[:40])
def test_readme_command_runs_outside_a_clone(tmp_path, line, command, first):
    # the installed command, from a folder that is not the repository: no file of the clone is read
    script = Path(sys.executable).parent / "dcpower"
    done = subprocess.run(
        [str(script), *shlex.split(command)[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    expected = 2 if "dcpower: error:" in first else 0
    assert done.returncode == expected, f"README.md:{line}: {done.stderr[-300:]}"
    shown = first.removesuffix("...").rstrip(" |")
    assert shown.strip() in (done.stdout + done.stderr), f"README.md:{line}"


def test_the_readme_batch_example_is_among_them():
    assert any(command.startswith("dcpower batch --example") for _, command, _ in readme_commands())
