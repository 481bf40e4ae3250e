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
    assert result["implied_low"] == {"value": 0.0, "unit": "W", "base": 0.0, "base_unit": "W"}
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


# the ledger's openai-nvidia-10gw: Huang's 4 to 5 million GPUs are Vera Rubin (presets/accelerators/rubin.toml)
RANGE = ("check", "--power", "10 GW", "--gpus", "4000000", "--gpus-high", "5000000", "--accelerator", "rubin")


def test_gpus_high_states_a_count_range():
    # "10 gigawatts ... 4 million or 5 million GPUs": 10e9 W / 5e6 = 2,000 W to 10e9 W / 4e6 = 2,500 W
    code, out, err = _run(*RANGE, "--json")
    result = json.loads(out)
    assert (code, err) == (0, "")
    assert (result["accelerators"], result["count_bound"]) == (4_000_000, "between")
    assert result["implied_low"] == {"value": 2000.0, "unit": "W", "base": 2000.0, "base_unit": "W"}
    assert result["implied_high"] == {"value": 2500.0, "unit": "W", "base": 2500.0, "base_unit": "W"}
    assert result["implied_power_per_accelerator"] == {
        "value": 2500.0,
        "unit": "W",
        "base": 2500.0,
        "base_unit": "W",
    }
    code, out, _ = _run(*RANGE)
    assert code == 0
    assert "As stated: 10 GW for 4,000,000–5,000,000 GPUs is 2,000.0–2,500.0 W per GPU" in out


def test_gpus_high_matches_the_ledger_entry_of_the_same_claim():
    # presets/claims/openai-nvidia-10gw.toml: 10 GW, 4,000,000-5,000,000, rubin, basis unspecified.
    # A vera-rubin-nvl144 rack is 174 kW for 72 GPUs = 2,416.7 W of IT power per GPU (central): the
    # claim's 2,000-2,500 W spans it, so both the chain and the ledger say plausible
    _, out, _ = _run(*RANGE)
    assert "Verdict: PLAUSIBLE." in out
    _, ledger, _ = _run("claims", "check", "openai-nvidia-10gw")
    assert "plausible: 10 GW for 4,000,000–5,000,000 GPUs is 2,000.0–2,500.0 W per GPU" in ledger


H100_RANGE = (
    "check",
    "--power",
    "300 MW",
    "--gpus",
    "300000",
    "--gpus-high",
    "310000",
    "--accelerator",
    "h100-sxm",
)


def test_gpus_high_with_method_all_and_fail_on():
    # 300 MW for 300,000-310,000 H100 is 967.7-1,000.0 W; epoch's IT low end is 700 W x 1.47 =
    # 1,029.0 W, above even the high end of the implied range; the default IT low is 946.1 W
    code, out, _ = _run(*H100_RANGE, "--method", "all", "--fail-on", "implausible")
    assert code == 3
    assert "  epoch         implausible  1,000.0 W  1,029.0 W–1,421.0 W (implausible)" in out
    assert _run(*H100_RANGE, "--method", "default", "--fail-on", "implausible")[0] == 0


def test_gpus_high_errors_are_one_line():
    cases = [
        (
            (
                "check",
                "--power",
                "10 GW",
                "--gpus",
                "5000000",
                "--gpus-high",
                "4000000",
                "--accelerator",
                "gb300",
            ),
            "dcpower: error: --gpus-high: 4000000 must be at least --gpus (5000000)\n",
        ),
        (
            (*RANGE[:5], "--gpus-high", "abc", "--accelerator", "gb300"),
            "dcpower: error: --gpus-high: 'abc' is not a number; give e.g. '220000'\n",
        ),
        (
            (*RANGE, "--gpus-bound", "at-least"),
            "dcpower: error: --gpus-bound: 'at-least' cannot go with --gpus-high: a count range is "
            "between --gpus and --gpus-high; leave out --gpus-bound\n",
        ),
        (
            ("check", "--power", "10 GW", "--gpus-high", "5000000", "--accelerator", "gb300"),
            "dcpower: error: --gpus-high: 5000000 needs --gpus, the lower end of the range (or --facility)\n",
        ),
    ]
    for arguments, message in cases:
        assert _run(*arguments) == (2, "", message)


def test_gpus_high_is_in_the_help(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "--gpus-high N the upper end of a count range, at least --gpus: '4 million or 5 million GPUs'" in out
    )
