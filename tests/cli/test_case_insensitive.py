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
