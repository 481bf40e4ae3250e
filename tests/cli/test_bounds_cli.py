"""`dcpower check --power-bound/--gpus-bound`: a claim stated with bounds."""

import contextlib
import io
import json

from calc.cli import main


def _run(*arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(arguments))
    return code, out.getvalue(), err.getvalue()


HEADLINE = ("check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm")


def test_check_with_two_lower_bounds():
    code, out, _ = _run(*HEADLINE, "--power-bound", "at-least", "--gpus-bound", "at-least", "--json")
    result = json.loads(out)
    assert code == 0
    assert (result["power_bound"], result["count_bound"], result["verdict"]) == (
        "at-least",
        "at-least",
        "plausible",
    )
    assert result["implied_low"] == {"value": 0.0, "unit": "W"}
    assert result["implied_high"] is None


def test_check_text_says_what_the_bounds_allow():
    code, out, _ = _run(*HEADLINE, "--gpus-bound", "at-least")
    assert code == 0
    assert "As stated: 300 MW for at least 220,000 GPUs is at most 1,363.6 W per GPU" in out


def test_a_bound_turns_a_verdict_and_fail_on_follows():
    # exactly 1 GW for 100,000 H100s is ample; "up to 1 GW" is not
    ample = (
        "check",
        "--power",
        "1 GW",
        "--gpus",
        "100000",
        "--accelerator",
        "h100-sxm",
        "--fail-on",
        "ample",
    )
    assert _run(*ample)[0] == 3
    assert _run(*ample, "--power-bound", "at-most")[0] == 0


def test_an_unknown_bound_is_one_line():
    code, _, err = _run(*HEADLINE, "--power-bound", "sometimes")
    assert code == 2
    assert err.startswith("dcpower: error: argument --power-bound: invalid choice: 'sometimes'")
