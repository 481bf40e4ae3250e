"""Results in a notebook: repr, Markdown and HTML cells, render, to_dict / to_row, to_frame, and
quantities from another pint registry."""

import contextlib
import io
import sys
import types

import pint
import pytest

import calc
from calc.cli import main


@pytest.fixture(scope="module")
def claim():
    return calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm")


def _cli(arguments):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(arguments)
    return out.getvalue()


def test_the_repr_is_one_short_line_with_the_verdict_and_key_figures(claim):
    # it was 5.5 KB on one line; 300 MW / 220,000 = 1,363.6 W, shown as 1.364 kW
    text = repr(claim)
    assert "\n" not in text and len(text) < 200
    assert text == (
        "ClaimResult(verdict='plausible', power=300 MW, accelerators=220,000, "
        "implied_power_per_accelerator=1.364 kW, basis='unspecified', method='default')"
    )


def test_a_report_of_many_results_names_how_many():
    report = calc.check_ledger(("colossus-1-launch",))
    assert repr(report) == "LedgerReport(claims=1, verdicts=implausible)"


def test_render_is_the_cli_text(claim):
    assert calc.render(claim) + "\n" == _cli(
        ["check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm"]
    )


def test_the_markdown_cell_has_the_verdict_line_and_the_readings_table(claim):
    text = claim._repr_markdown_()
    assert "Verdict: PLAUSIBLE." in text
    assert "## Readings" in text
    assert "| IT | plausible | 946.1 W–1,466.2 W | 1,192.1 W | 251,648 |" in text
    assert "Power per GPU along the chain" not in text  # the chain stays in render()


def test_the_html_cell_has_the_same_rows_escaped(claim):
    text = claim._repr_html_()
    assert text.startswith("<div><p>Claim: 300 MW for 220,000 GPUs")
    assert "<caption>Readings</caption>" in text
    assert '<td style="text-align:right">251,648</td>' in text


def test_models_that_are_no_result_keep_pydantics_repr():
    scenario = calc.scenario(power="300 MW", gpus=1000, accelerator="h100-sxm")
    assert repr(scenario).startswith("Scenario(id=")
    assert scenario._repr_html_() is None


def test_report_markdown_takes_a_claim(claim):
    # it raised: report_markdown accepted only a Report
    text = calc.report_markdown(claim)
    assert text.startswith("Claim: 300 MW for 220,000 GPUs")
    assert "## Power per GPU along the chain" in text


def test_to_dict_is_the_json_output(claim):
    data = claim.to_dict()
    assert data["power"] == {"value": 300.0, "unit": "MW", "base": 3e8, "base_unit": "W"}
    assert data["verdict"] == "plausible"


def test_to_row_is_flat_with_quantities_in_base_units(claim):
    row = claim.to_row()
    assert row["power_W"] == 3e8
    assert row["implied_power_per_accelerator_W"] == pytest.approx(300e6 / 220_000)
    assert row["readings.it.verdict"] == "plausible"
    assert row["readings.it.supported_accelerators"] == 251_648
    assert row["assumptions.pue.central"] == 1.2
    assert all(not isinstance(v, (dict, list, tuple)) for v in row.values())


def test_to_frame_without_pandas_says_which_extra(claim, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas then raises ImportError
    with pytest.raises(calc.InputError) as error:
        calc.to_frame([claim])
    assert (
        str(error.value) == "to_frame: pandas is not installed; install it with pip install 'dcpower[frame]'"
    )


def test_to_frame_passes_one_row_per_ledger_claim(monkeypatch):
    fake = types.ModuleType("pandas")
    fake.DataFrame = lambda rows: rows
    monkeypatch.setitem(sys.modules, "pandas", fake)
    rows = calc.to_frame(calc.check_ledger(("colossus-1-launch",)))
    assert [r["id"] for r in rows] == ["colossus-1-launch"]
    # about 43 MW for 100,000 GPUs: 430 W each
    assert rows[0]["claim.implied_power_per_accelerator_W"] == pytest.approx(430.0)


def test_to_frame_with_pandas(claim):
    pandas = pytest.importorskip("pandas")
    frame = calc.to_frame(calc.check_ledger())
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(calc.list_presets("claims"))
    assert "verdict" in frame.columns


def test_the_core_never_imports_pandas():
    import subprocess

    code = "import sys, calc; calc.check_claim('300 MW', gpus=1000, accelerator='h100-sxm'); print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == "False\n"


def test_a_quantity_of_another_registry_is_accepted_and_combines(claim):
    theirs = pint.UnitRegistry()
    power = theirs.Quantity(0.3, "GW")
    result = calc.check_claim(power, gpus=220_000, accelerator="h100-sxm")
    assert result.verdict == "plausible"
    # 0.3 GW is 300 MW: the same per-accelerator power as the claim in MW
    assert result.implied_power_per_accelerator.m_as("W") == pytest.approx(300e6 / 220_000)
    with pytest.raises(ValueError, match="different registries"):
        claim.power + power
    # 300 MW + 0.3 GW = 600 MW, either way round
    assert (claim.power + calc.as_quantity(power)).m_as("MW") == pytest.approx(600.0)
    assert (calc.as_quantity(claim.power, theirs) + power).m_as("MW") == pytest.approx(600.0)


def test_as_quantity_refuses_text_in_one_line():
    with pytest.raises(calc.UnitError, match=r"^quantity: '300 MW' is not a quantity"):
        calc.as_quantity("300 MW")
