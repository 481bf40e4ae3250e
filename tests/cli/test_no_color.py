"""dcpower's text output carries no colour or other ANSI escape, even on a terminal: NO_COLOR
(https://no-color.org) is met because nothing is coloured, and FORCE_COLOR adds none."""

import contextlib
import io
import sys

import pytest

from calc.cli import main

COMMANDS = [
    ["check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm"],
    ["check", "--facility", "colossus-1", "--method", "all"],
    ["power", "--gpus", "100000", "--accelerator", "gb200"],
    ["capacity", "--power", "300 MW", "--accelerator", "h100-sxm"],
    ["compute", "--power", "300 MW", "--accelerator", "h100-sxm", "--basis", "facility"],
    ["claim", "Colossus 2 runs 277,918 H100 equivalents in 323 MW"],
    ["claims", "list"],
    ["presets", "list"],
    ["presets", "show", "dgx-h100"],
    ["--help"],
    ["check", "--help"],
    ["check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxn"],  # an error
]


class _Terminal(io.StringIO):
    """A stream that says it is a terminal, where a program would decide to colour."""

    def isatty(self):
        return True


@pytest.mark.parametrize("environment", [{"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}, {}])
@pytest.mark.parametrize("arguments", COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_no_ansi_escape_on_a_terminal(monkeypatch, arguments, environment):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    out, err = _Terminal(), _Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    with contextlib.suppress(SystemExit):
        main(arguments)
    text = out.getvalue() + err.getvalue()
    assert text.strip(), arguments  # the command said something
    assert "\x1b" not in text and "\x9b" not in text, text[:200]
