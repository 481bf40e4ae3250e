"""calc/arguments.py: the public helpers and renderers refuse a wrong type in one line, and
numpy scalars count as the numbers they hold."""

import numpy as np
import pytest

import calc
import calc.ui
from calc.errors import InputError


@pytest.fixture(scope="module")
def claim():
    return calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm")


RENDERERS = [
    ("claim_document", "result", "ClaimResult"),
    ("capacity_document", "result", "CapacityResult"),
    ("power_document", "result", "RequiredPowerResult"),
    ("solve_document", "result", "SolveResult"),
    ("uncertainty_document", "result", "UncertaintyResult"),
    ("tornado_document", "result", "TornadoResult"),
    ("sweep_document", "result", "SweepResult"),
    ("energy_document", "result", "EnergyResult"),
    ("capex_document", "result", "CapexResult"),
    ("orbital_document", "result", "OrbitalResult"),
    ("report_document", "report", "Report"),
    ("sentence_document", "result", "SentenceCheck"),
    ("timeline_document", "result", "TimelineResult"),
    ("ledger_document", "report", "LedgerReport"),
    ("ledger_outcome", "result", "LedgerResult"),
    ("scenario_fields", "current", "Scenario"),
]


@pytest.mark.parametrize(("name", "argument", "model"), RENDERERS)
@pytest.mark.parametrize(
    ("value", "shown"), [(None, "None is of type NoneType"), ("x", "'x' is of type str")]
)
def test_a_renderer_given_a_non_model_names_the_argument_and_the_model(name, argument, model, value, shown):
    function = (
        getattr(calc.report, name, None) or getattr(calc.claim_report, name, None) or getattr(calc.ui, name)
    )
    with pytest.raises(InputError, match=rf"^{name}: {argument}: {shown}; accepted: a calc\.{model}$"):
        function(value)


def test_a_renderer_given_the_wrong_model_names_the_one_it_takes(claim):
    with pytest.raises(
        InputError,
        match=r"^capacity_document: result: ClaimResult\(.*is of type ClaimResult; accepted: a calc\.CapacityResult$",
    ):
        calc.report.capacity_document(claim)
    with pytest.raises(InputError, match=r"^compare: report_b: 5 is of type int; accepted: a calc\.Report$"):
        calc.compare(calc.report.evaluate(calc.scenario("300 MW", gpus=220_000, accelerator="h100-sxm")), 5)
    with pytest.raises(
        InputError,
        match=r"^ledger_list_table: claims\[0\]: 'x' is of type str; accepted: a calc\.LedgerClaim$",
    ):
        calc.claim_report.ledger_list_table(["x"])


def test_nudges_check_their_arguments():
    assert calc.ui.nudge_text("300 MW", "power", np.float64(0.01)) == "303 MW"
    with pytest.raises(InputError, match=r"^nudge_text: text: 300 is of type int; accepted: text \(a str\)$"):
        calc.ui.nudge_text(300, "power", 0.01)
    with pytest.raises(InputError, match=r"^nudge_text: fraction: '0.1' is of type str; accepted: a number"):
        calc.ui.nudge_text("300 MW", "power", "0.1")
    with pytest.raises(InputError, match=r"^step_redundancy: text: None is of type NoneType; accepted: text"):
        calc.nudge.step_redundancy(None, 1)
    assert calc.nudge.step_redundancy("N", np.int64(1)) == "7+1"


def test_batch_helpers_check_their_arguments():
    row = {"power": "300 MW", "count": "220000", "accelerator": "h100-sxm"}
    assert calc.batch.check_row(row, np.int64(7)).row == 7
    assert calc.batch.check_row(row, 1, methods="default").methods == {"default": "plausible"}
    assert [r.row for r in calc.check_rows([row, row], first=np.int32(10))] == [10, 11]
    with pytest.raises(
        InputError, match=r"^check_rows: first: 1.5 is of type float; accepted: a whole number"
    ):
        calc.check_rows([row], first=1.5)
    with pytest.raises(InputError, match=r"^check_row: methods: 5 is of type int; accepted: a str or a list"):
        calc.batch.check_row(row, 1, methods=5)
    with pytest.raises(InputError, match=r"^check_row: row: 'x' is of type str; accepted: a mapping"):
        calc.batch.check_row("x", 1)
    with pytest.raises(
        InputError,
        match=r"^batch_failed: results: None is of type NoneType; accepted: an iterable of calc\.BatchRow$",
    ):
        calc.batch.failed(None, "implausible")
    with pytest.raises(
        InputError,
        match=r"^batch_failed: fail_on: 'sometimes' is not accepted; accepted: implausible",
    ):
        calc.batch.failed([], "sometimes")
    with pytest.raises(
        InputError,
        match=r"^read_rows: path: 'a\\x00b' has a NUL character; accepted: a file path without one$",
    ):
        calc.read_rows("a\x00b")
    with pytest.raises(InputError, match=r"^read_rows: path: 5 is of type int; accepted: a file path"):
        calc.read_rows(5)
    checked = list(calc.check_rows([row]))
    assert calc.batch.failed(iter(checked), "implausible") is False


@pytest.mark.parametrize(
    "number",
    [np.int64(220_000), np.int32(220_000), np.uint64(220_000), np.float64(220_000.0), np.float32(220_000.0)],
)
def test_numpy_counts_are_counts(number):
    # 300 MW / 220,000 = 1,363.64 W per GPU, as with a Python int
    result = calc.check_claim("300 MW", gpus=number, accelerator="h100-sxm")
    assert result.accelerators == 220_000
    assert result.implied_power_per_accelerator.m_as("W") == pytest.approx(1363.636, abs=1e-3)


def test_numpy_numbers_are_accepted_wherever_python_ones_are():
    power = calc.Q_(np.float32(300.0), "MW")
    assert calc.capacity(power, accelerator="h100-sxm").accelerators == 209_704
    assert calc.scenario("300 MW", gpus=np.int64(220_000), accelerator="h100-sxm",
                         assumptions={"pue": np.float32(1.25)}).overrides["pue"]["central"] == 1.25  # fmt: skip
    assert (
        calc.scenario("300 MW", gpus=220_000, fleet={"h100-sxm": np.int64(3), "h200-sxm": np.float64(1)})
        .fleet[0]
        .count
        == 3
    )
    assert (
        calc.monte_carlo("300 MW", 220_000, "h100-sxm", samples=np.int64(1000), seed=np.int64(1)).samples
        == 1000
    )
    swept = calc.sweep("pue", np.float64(1.1), np.float32(1.5), np.int64(5), "300 MW", 220_000, "h100-sxm")
    assert len(swept.rows) == 5
    assert calc.annual_energy("100 MW", load_factor=np.float64(0.5)).annual_energy.m_as(
        "GWh"
    ) == pytest.approx(438)
    with pytest.raises(InputError, match=r"gpus: True is not a count"):
        calc.check_claim("300 MW", gpus=np.bool_(True), accelerator="h100-sxm")
