"""Ids and choices are read case-insensitively, and a near miss gets a "did you mean"."""

import contextlib
import io

from calc.cli import main


def _run(arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(arguments)
    return code, out.getvalue(), err.getvalue()


def test_an_accelerator_id_and_a_basis_in_capitals_are_read():
    # they were refused: 'H100-SXM' is not an accelerator id; invalid choice: 'IT'
    code, out, err = _run(
        ["check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "H100-SXM", "--basis", "IT"]
    )
    assert code == 0, err
    assert out.startswith("Claim: 300 MW for 220,000 GPUs (h100-sxm 220,000); basis it; method default")


def test_a_facility_id_in_capitals_is_read():
    code, out, err = _run(["check", "--facility", "COLOSSUS-1"])
    assert code == 0, err
    assert "Verdict:" in out


def test_a_near_miss_of_a_choice_names_the_closest_in_one_line():
    code, _, err = _run(
        ["check", "--power", "300 MW", "--gpus", "1000", "--accelerator", "h100-sxm", "--basis", "ITT"]
    )
    assert code == 2
    assert err.strip().splitlines() == [
        "dcpower: error: argument --basis: invalid choice: 'ITT'; did you mean 'it'? accepted: unspecified, "
        "chip, server, it, facility, supply (see 'dcpower check --help')"
    ]


CLAIM = ["check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm", "--json"]


def test_an_assumption_override_is_read_in_any_case():
    # 'PUE' was refused: it is not an assumption
    import json

    outputs = []
    for name in ("pue", "PUE", "Pue"):
        code, out, err = _run([*CLAIM, "--set", f"{name}=1.3"])
        assert code == 0, err
        outputs.append(json.loads(out)["readings"])
    assert outputs[0] == outputs[1] == outputs[2]
    code, out, err = _run(CLAIM)
    assert json.loads(out)["readings"] != outputs[0]  # pue 1.3 is not the central 1.2


def test_a_near_miss_of_a_name_gets_a_did_you_mean_in_one_line():
    cases = {
        (
            "--set",
            "peu=1.3",
        ): "dcpower: error: --set: 'peu' is not an assumption; did you mean 'pue'? accepted: ",
        ("--set", "drawfactor=0.8"): "dcpower: error: --set: 'drawfactor' is not an assumption; "
        "did you mean 'draw_factor'? accepted: ",
    }
    for extra, start in cases.items():
        code, _, err = _run([*CLAIM, *extra])
        assert code == 2 and err.startswith(start) and len(err.splitlines()) == 1, err
    solve = ["solve", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm"]
    code, _, err = _run([*solve, "--for", "peu"])
    assert code == 2 and err.startswith(
        "dcpower: error: for: 'peu' cannot be solved for; did you mean 'pue'?"
    ), err
    code, out, err = _run([*solve, "--for", "PUE"])
    assert code == 0 and "when pue = 1.144" in out, err  # 300 MW / 220,000 at the facility basis
    sweep = ["sweep", "--facility", "colossus-1", "--vary"]
    code, _, err = _run([*sweep, "peu=1.1:1.3:3"])
    assert code == 2 and err.startswith(
        "dcpower: error: vary: 'peu' cannot be varied; did you mean 'pue'?"
    ), err
    code, _, err = _run([*sweep, "PUE=1.1:1.3:3"])
    assert code == 0, err
    code, _, err = _run([*CLAIM, "--set", "xyz=1"])  # nothing close: no guess
    assert err.startswith("dcpower: error: --set: 'xyz' is not an assumption; accepted: draw_factor"), err
