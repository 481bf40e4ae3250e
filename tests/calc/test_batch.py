"""calc/batch.py: rows of claims, each checked, a bad row kept with its error."""

import pytest

import calc
from calc.errors import InputError

HEADLINE = "more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs)"


def test_flag_rows_and_sentence_rows_agree_with_check_claim():
    rows = [
        {"power": "300 MW", "count": "220000", "accelerator": "h100-sxm"},
        {"text": HEADLINE},
        {"power": "300 MW", "count": "220000", "accelerator": "h100-sxm", "power_bound": "at-least",
         "count_bound": "at-least"},
    ]  # fmt: skip
    first, second, third = calc.check_rows(rows)
    assert (first.row, first.verdict, first.error) == (1, "plausible", "")
    # 300 MW / 220,000 = 1,363.64 W per GPU
    assert first.implied_power_per_accelerator.m_as("W") == pytest.approx(1363.636, abs=1e-3)
    assert (second.power_bound, second.count_bound, second.fleet) == (
        "at-least",
        "at-least",
        "h100-sxm=220000",
    )
    assert second.verdict == third.verdict == "plausible"
    assert second.implied_low.m_as("W") == 0.0 and second.implied_high is None


def test_columns_replace_the_sentence():
    (row,) = calc.check_rows([{"text": HEADLINE, "accelerator": "gb200", "basis": "it"}])
    assert row.fleet == "gb200=220000" and row.basis == "it"


def test_a_fleet_column():
    (row,) = calc.check_rows([{"power": "300 MW", "fleet": "h100-sxm=150000;h200-sxm=50000"}])
    assert row.count == 200_000 and row.fleet == "h100-sxm=150000;h200-sxm=50000"


def test_bad_rows_get_their_error_and_the_rest_go_on():
    rows = [
        {"power": "300 MW", "count": "lots", "accelerator": "h100-sxm"},
        {"text": "Meta will build a big cluster"},
        {"power": "300 MW", "count": "220000"},
        {"count": "220000", "accelerator": "h100-sxm"},
        {"power": "300 MW", "fleet": "h100-sxm"},
        {"_error": "line 6: not JSON (Expecting value)"},
        {"power": "1 GW", "count": "100000", "accelerator": "h100-sxm"},
    ]
    results = list(calc.check_rows(rows))
    assert [r.error for r in results] == [
        "gpus: 'lots' is not a number; give e.g. '220000'",
        "claim: no power found in 'Meta will build a big cluster'",
        "accelerator: missing; give accelerator, fleet or text",
        "power: missing; give power or text",
        "fleet: 'h100-sxm' must be ID=COUNT, e.g. 'h100-sxm=150000'",
        "line 6: not JSON (Expecting value)",
        "",
    ]
    # 1 GW / 100,000 = 10,000 W per GPU, above the facility high end 2,199.38 W
    assert results[-1].verdict == "ample"
    assert calc.batch_failed(results, "error") and calc.batch_failed(results, "ample")
    assert not calc.batch_failed(results, "implausible") and not calc.batch_failed(results, None)


def test_verdicts_under_each_method():
    (row,) = calc.check_rows([{"text": HEADLINE}], methods=("default", "epoch"))
    assert row.methods == {"default": "plausible", "epoch": "plausible"}


def test_reading_csv_and_json_lines(tmp_path):
    csv_file = tmp_path / "claims.csv"
    csv_file.write_text(
        'Power,Count,Accelerator,Text\n300 MW,220000,h100-sxm,\n,,,"over 300 MW, 220,000 GPUs"\n'
    )
    assert calc.read_rows(csv_file) == [
        {"power": "300 MW", "count": "220000", "accelerator": "h100-sxm", "text": ""},
        {"power": "", "count": "", "accelerator": "", "text": "over 300 MW, 220,000 GPUs"},
    ]
    lines = tmp_path / "claims.jsonl"
    lines.write_text('{"power": "300 MW", "count": 220000, "accelerator": "h100-sxm"}\n\n{oops\n[1]\n')
    assert calc.read_rows(lines) == [
        {"power": "300 MW", "count": 220000, "accelerator": "h100-sxm"},
        {"_error": "line 3: not JSON (Expecting property name enclosed in double quotes)"},
        {"_error": "line 4: not a JSON object"},
    ]


def test_unreadable_files_are_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=r"^batch: cannot read 'missing.csv': No such file or directory$"):
        calc.read_rows("missing.csv")
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(
        InputError, match=r"^batch: 'other.csv' has no known column \(header 'a,b'\); accepted: power,"
    ):
        calc.read_rows("other.csv")
