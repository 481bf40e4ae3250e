"""`models.build` and the result-building policy: caps on inputs only, never on results."""

from __future__ import annotations

import pytest

from calc.cli import main
from calc.models import CaseValues, SolveResult, build
from calc.units import W, quantity


def test_build_gives_what_validation_gives():
    values = {"basis": "it", "low": quantity(1.0, W), "central": quantity(2.0, W), "high": quantity(3.0, W)}
    built = build(CaseValues, **values)
    assert built == CaseValues(**values)
    assert built.model_dump_json() == CaseValues(**values).model_dump_json()
    assert built.model_fields_set == set(values)
    with pytest.raises(Exception, match="frozen"):
        built.low = quantity(5.0, W)  # type: ignore[misc]


def test_build_fills_defaults_in_field_order_and_needs_every_required_field():
    built = build(
        CaseValues, high=quantity(3.0, W), basis="it", low=quantity(1.0, W), central=quantity(2.0, W)
    )
    assert list(built.__dict__) == list(CaseValues.model_fields)
    assert built.step == CaseValues.model_fields["step"].default
    with pytest.raises(KeyError, match="status"):
        build(SolveResult, unknown="pue")


def test_build_skips_validation_so_it_refuses_no_type():
    # build claims no checks: the core validated its inputs once, at the boundary
    built = build(CaseValues, basis="nowhere", low=1, central=2, high=3)
    assert built.basis == "nowhere"


def test_a_result_above_the_input_cap_is_valid():
    # 1e12 H100 x 1,430.55 W (facility, central) = 1.43 EW: above the 1 PW input cap, and the answer
    huge = quantity(1.43055e15 * 1000, W)
    values = {"basis": "facility", "low": huge, "central": huge, "high": huge}
    assert CaseValues.model_validate(values) == build(CaseValues, **values)


@pytest.mark.parametrize(
    "argv",
    [
        ["capex", "--gpus", "1e12", "--accelerator", "h100-sxm"],
        ["solve", "--for", "power", "--gpus", "1e12", "--accelerator", "h100-sxm"],
        ["uncertainty", "--gpus", "1e12", "--accelerator", "h100-sxm", "--samples", "100"],
        ["sweep", "--gpus", "1e12", "--accelerator", "h100-sxm", "--vary", "pue=1.1:1.3:3"],
    ],
)
def test_commands_answer_above_the_input_cap(argv, capsys):
    # these exited 1 (a ValidationError of SolveResult, PowerPercentiles, SweepRow) before
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.err.count("internal error") == 0
    assert "1,000,000,000,000" in captured.out or "GW" in captured.out
