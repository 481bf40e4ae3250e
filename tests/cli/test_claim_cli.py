"""`dcpower claim "TEXT"`: a claim read from its sentence and checked."""

import contextlib
import io
import json

import pytest

import calc
from calc.cli import main

HEADLINE = (
    "This gives us access to more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs) "
    "within the month."
)


def _run(*arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def test_the_headline_sentence_reads_two_lower_bounds():
    code, out, err = _run("claim", HEADLINE, "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    reading = result["reading"]
    assert reading["power"] == {"value": 300.0, "unit": "MW", "base": 300000000.0, "base_unit": "W"}
    assert reading["power_bound"] == "at-least"
    assert reading["power_span"] == {"start": 24, "end": 47, "text": "more than 300 megawatts"}
    assert (reading["count"], reading["count_bound"]) == (220000, "at-least")
    assert reading["count_span"]["text"] == "over 220,000 NVIDIA GPUs"
    assert reading["accelerator"] == "h100-sxm"


def test_the_sentence_gives_the_verdict_of_check_with_the_same_bounds():
    _, out, _ = _run("claim", HEADLINE, "--json")
    by_sentence = json.loads(out)["claim"]
    _, out, _ = _run(
        "check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm",
        "--power-bound", "at-least", "--gpus-bound", "at-least", "--json",
    )  # fmt: skip
    checked = json.loads(out)
    # the top-level document carries the stamp; the nested claim does not
    assert (checked.pop("schema_version"), checked.pop("dcpower_version")) == (1, calc.__version__)
    assert by_sentence == checked
    assert by_sentence["verdict"] == "plausible"


def test_the_text_shows_the_spans():
    code, out, _ = _run("claim", HEADLINE)
    assert code == 0
    assert "  power        at least 300 MW        chars 24–47  'more than 300 megawatts'" in out
    assert "As stated: at least 300 MW for at least 220,000 GPUs is any power per GPU" in out


def test_a_sentence_without_a_power_is_one_line_and_exit_2():
    code, out, err = _run("claim", "Meta will build a big cluster")
    assert (code, out) == (2, "")
    assert err == "dcpower: error: claim: no power found in 'Meta will build a big cluster'\n"


def test_fail_on():
    # up to 100 MW for 220,000 H100s: at most 454.5 W per GPU, below the IT low end 946.05 W
    code, _, _ = _run("claim", "up to 100 MW for 220,000 H100 GPUs", "--fail-on", "implausible")
    assert code == 3


LEONARDO = "Leonardo: 13,824 A100 GPUs in 7.5 MW"


def test_system_chooses_the_system_the_accelerator_sits_in():
    # leonardo-booster-node: 4 A100s in 2.2 kW, 550 W each, x draw_factor 0.85 = 467.5 W at the
    # server; a DGX A100 would be 6.5 kW / 8 = 812.5 W. 7.5 MW / 13,824 = 542.5 W per GPU
    code, out, err = _run("claim", LEONARDO, "--system", "leonardo-booster-node", "--json")
    assert (code, err) == (0, "")
    claim = json.loads(out)["claim"]
    assert claim["fleet"][0]["accelerator"] == "a100-sxm"
    assert claim["fleet"][0]["system"] == "leonardo-booster-node"
    assert claim["implied_power_per_accelerator"]["value"] == pytest.approx(7.5e6 / 13_824)
    code, out, _ = _run("claim", LEONARDO, "--system", "leonardo-booster-node")
    assert "  server    374.0 W  467.5 W  550.0 W  2.2 kW / 4 x draw_factor" in out


def test_system_gives_the_verdict_of_check_with_the_same_system():
    _, out, _ = _run("claim", LEONARDO, "--system", "leonardo-booster-node", "--json")
    by_sentence = json.loads(out)["claim"]
    _, out, _ = _run(
        "check", "--power", "7.5 MW", "--gpus", "13824", "--accelerator", "a100-sxm",
        "--system", "leonardo-booster-node", "--json",
    )  # fmt: skip
    checked = json.loads(out)
    assert (checked.pop("schema_version"), checked.pop("dcpower_version")) == (1, calc.__version__)
    assert by_sentence == checked
    # --accelerator replaces a generic "GPUs" and takes the system the same way
    _, out, _ = _run(
        "claim", "Leonardo: 13,824 GPUs in 7.5 MW", "--accelerator", "a100-sxm",
        "--system", "leonardo-booster-node", "--json",
    )  # fmt: skip
    assert json.loads(out)["claim"] == by_sentence


def test_system_errors_are_one_line():
    cases = [
        (
            ("claim", "Leonardo: 13,824 GPUs in 7.5 MW", "--system", "leonardo-booster-node"),
            "dcpower: error: --system: 'leonardo-booster-node' needs an accelerator: the sentence "
            "names no model; give --accelerator too\n",
        ),
        (
            ("claim", "7.5 MW for 13,824 H100 GPUs", "--system", "leonardo-booster-node"),
            "dcpower: error: system: 'leonardo-booster-node' holds 'a100-sxm', not 'h100-sxm'; "
            "'h100-sxm' is in 'dgx-h100', 'hgx-h100-server' (its default 'dgx-h100')\n",
        ),
    ]
    for arguments, message in cases:
        assert _run(*arguments) == (2, "", message)
    code, out, err = _run("claim", LEONARDO, "--system", "nope")
    assert (code, out) == (2, "") and err.startswith("dcpower: error: system: 'nope' is not a preset;")
    assert err.count("\n") == 1


def test_a_sentence_with_a_power_alone_is_answered_not_judged():
    # 1 GW of H100 SXM at the facility basis supports 699,024 GPUs (1e9 / 1,430.55 W, whole
    # 8-GPU systems): the count is derived, so there is no verdict headline
    code, out, err = _run("claim", "Meta is building a 1 GW cluster", "--fail-on", "not-plausible")
    assert (code, err) == (0, "")  # nothing judged: nothing to fail on
    assert "Verdict:" not in out and "PLAUSIBLE" not in out
    assert (
        "Claim: 1 GW for 699,024 GPUs (h100-sxm 699,024); basis facility; method default (count derived, not stated)"
        in out
    )
    assert (
        out.rstrip()
        .splitlines()[-1]
        .startswith(
            "Answered, not judged: power only: the count is what this power supports (699,024 GPUs at the "
            "facility basis, central)"
        )
    )
    assert "  facility  answered " in out  # the readings table says so too


def test_a_sentence_with_a_count_alone_answers_in_json_with_the_power_derived():
    code, out, _ = _run("claim", "Microsoft will deploy 200,000 GB200 GPUs", "--json")
    assert code == 0
    claim = json.loads(out)["claim"]
    # 200,000 x 2,057.0 W (GB200 at the facility basis, central) = 411.4 MW
    assert claim["derived"] == ["power"]
    assert claim["power"] == {"value": 411.4, "unit": "MW", "base": 411400000.0, "base_unit": "W"}
    assert claim["conclusion"].startswith("count only: the power is what this count needs (411.4 MW")


def test_a_sentence_with_both_figures_keeps_its_verdict_and_derives_nothing():
    _, out, _ = _run("claim", HEADLINE, "--json")
    assert json.loads(out)["claim"]["derived"] == []
