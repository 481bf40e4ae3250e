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
        "count: 'lots' is not a number; give e.g. '220000'",
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


# ------------------------------------------------------------------ columns as the user wrote them


def _csv(tmp_path, text, name="claims.csv"):
    (tmp_path / name).write_text(text)
    return name  # read from tmp_path (the tests chdir there): messages show the name as given


LEONARDO = {"power": "7.5 MW", "count": "13824", "accelerator": "a100-sxm"}


def test_a_system_column_chooses_the_system_and_the_fleet_keeps_it():
    # 7.5 MW / 13,824 = 542.5 W per A100. In a DGX A100 (6.5 kW / 8 = 812.5 W, x draw_factor
    # 0.68 = 552.5 W at the least) that is implausible; in a Leonardo node (2.2 kW / 4 = 550 W,
    # x 0.68 = 374 W to x 1 x 1.15 = 632.5 W at IT) it is plausible
    plain, placed = calc.check_rows([LEONARDO, {**LEONARDO, "system": "leonardo-booster-node"}])
    assert (plain.verdict, plain.fleet) == ("implausible", "a100-sxm=13824")
    assert (placed.verdict, placed.fleet, placed.error) == (
        "plausible",
        "a100-sxm@leonardo-booster-node=13824",
        "",
    )
    assert placed.implied_power_per_accelerator.m_as("W") == pytest.approx(7.5e6 / 13_824)
    # the same as check --system
    check = calc.check_claim(calc.scenario("7.5 MW", 13824, "a100-sxm", system="leonardo-booster-node"))
    assert check.verdict == placed.verdict


def test_a_fleet_with_systems_prints_them():
    (row,) = calc.check_rows(
        [{"power": "7.5 MW", "fleet": "a100-sxm@leonardo-booster-node=13824;h100-sxm=100"}]
    )
    assert (row.count, row.fleet) == (13_924, "a100-sxm@leonardo-booster-node=13824;h100-sxm=100")


def test_system_errors_name_the_column():
    rows = [
        {**LEONARDO, "system": "nope"},
        {"power": "7.5 MW", "fleet": "a100-sxm=13824", "system": "leonardo-booster-node"},
        {"text": "7.5 MW for 13,824 GPUs", "system": "leonardo-booster-node"},
        {"text": "7.5 MW for 13,824 A100 GPUs", "system": "leonardo-booster-node"},
        {"power": "7.5 MW", "fleet": "a100-sxm=1;a100-sxm=2"},
    ]
    errors = [r.error for r in calc.check_rows(rows)]
    assert errors[0].startswith("system: 'nope' is not a preset; accepted: ")
    assert errors[1:] == [
        "system: 'leonardo-booster-node' goes with accelerator, not fleet; in a fleet write "
        "ID@SYSTEM=COUNT, e.g. 'a100-sxm@leonardo-booster-node=13824'",
        "system: 'leonardo-booster-node' needs an accelerator: give accelerator (text names no model)",
        "",  # the text's A100 is the accelerator the system holds
        "fleet: 'a100-sxm' is given twice",
    ]


def test_count_errors_name_count_not_gpus():
    rows = [
        {**LEONARDO, "count": "abc"},
        {**LEONARDO, "count": "1,5"},
        {**LEONARDO, "count_bound": "sometimes"},
    ]
    assert [r.error for r in calc.check_rows(rows)] == [
        "count: 'abc' is not a number; give e.g. '220000'",
        "count: '1,5' has a misplaced thousands separator; one sits every three digits, e.g. '220,000'",
        "count_bound: 'sometimes' is not accepted; accepted: exact, at-least, at-most, about, between",
    ]


RANGE = {"power": "10 GW", "count": "4000000", "count_high": "5000000", "accelerator": "gb300"}


def test_a_count_high_column_is_a_count_range():
    # 10 GW / 5,000,000 = 2,000 W; 10 GW / 4,000,000 = 2,500 W
    (row,) = calc.check_rows([RANGE])
    assert (row.count, row.count_high, row.count_bound, row.error) == (4_000_000, 5_000_000, "between", "")
    assert (row.implied_low.m_as("W"), row.implied_high.m_as("W")) == (2000.0, 2500.0)
    assert row.verdict == "plausible"
    # the same as the sentence, and as check --gpus-high
    (sentence,) = calc.check_rows([{"text": "10 gigawatts, 4 million or 5 million GB300 GPUs"}])
    assert (sentence.count, sentence.count_high, sentence.verdict) == (4_000_000, 5_000_000, "plausible")
    check = calc.check_claim(calc.scenario("10 GW", 4_000_000, "gb300", gpus_high=5_000_000))
    assert (check.implied_low, check.implied_high) == (row.implied_low, row.implied_high)


def test_count_high_errors_name_the_columns():
    text = "10 gigawatts, 4 million or 5 million GPUs"
    rows = [
        {**RANGE, "count": "5000000", "count_high": "4000000"},
        {**RANGE, "count_high": "lots"},
        {**RANGE, "count_bound": "at-least"},
        {**RANGE, "count_high": "", "count_bound": "between"},
        {"power": "10 GW", "fleet": "gb300=4000000", "count_high": "5000000"},
        {"text": text, "count_high": "3000000"},
        {"text": text, "count_high": "6000000"},
    ]
    results = list(calc.check_rows(rows))
    assert [r.error for r in results] == [
        "count_high: 4000000 must be at least count (5000000)",
        "count_high: 'lots' is not a number; give e.g. '220000'",
        "count_bound: 'at-least' cannot go with count_high: a range is between count and count_high; "
        "leave count_bound empty or give 'between'",
        "count_high: missing; count_bound 'between' needs count_high, the upper end",
        "count_high: 5000000 needs count, the lower end of the range",
        "count_high: 3000000 must be at least the count in text (4000000)",
        "",
    ]
    assert (results[-1].count, results[-1].count_high) == (4_000_000, 6_000_000)  # the column wins


def test_unknown_and_duplicate_columns_are_file_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as raised:
        calc.read_rows(_csv(tmp_path, "power,count,accelerator,colour\n7.5 MW,13824,a100-sxm,red\n"))
    assert str(raised.value) == (
        "batch: 'claims.csv': column 'colour' is not accepted; accepted: power, count, count_high, "
        "accelerator, system, fleet, basis, power_bound, count_bound, method, text"
    )
    with pytest.raises(InputError, match=r"^batch: 'claims.csv': columns 'gpus', 'note' are not accepted; "):
        calc.read_rows(_csv(tmp_path, "power,gpus,accelerator,note\n"))
    with pytest.raises(InputError) as raised:
        calc.read_rows(_csv(tmp_path, "power,count,accelerator,Count\n7.5 MW,13824,a100-sxm,5\n"))
    assert (
        str(raised.value) == "batch: 'claims.csv' names column 'count' twice (columns 2 and 4); give it once"
    )


def test_unknown_json_keys_are_row_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = _csv(
        tmp_path,
        '{"Power": "1 GW", "count": 1, "accelerator": "h100-sxm"}\n'
        '{"power": "7.5 MW", "count": 13824, "accelerator": "a100-sxm", "system": "leonardo-booster-node"}\n',
        "claims.jsonl",
    )
    first, second = calc.check_rows(calc.read_rows(lines))
    assert first.error == (
        "line 1: key 'Power' is not accepted; accepted: power, count, count_high, accelerator, system, "
        "fleet, basis, power_bound, count_bound, method, text"
    )
    assert (second.verdict, second.fleet) == ("plausible", "a100-sxm@leonardo-booster-node=13824")


def test_an_unclosed_quote_is_a_file_error_at_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # before: the quote ran to the end of the file, and the row read as "count: missing"
    path = _csv(
        tmp_path, 'power,count,accelerator\n1 GW,100000,h100-sxm\n"7.5 MW,13824,a100-sxm\n1 GW,1,h100-sxm\n'
    )
    with pytest.raises(InputError) as raised:
        calc.read_rows(path)
    assert str(raised.value) == (
        "batch: 'claims.csv' line 3: unclosed quote: a cell opened with '\"' is not closed before the "
        "end of the file; close it, or double a quote inside a cell ('\"\"')"
    )
    with pytest.raises(
        InputError, match=r"^batch: 'claims.csv' line 2: bad quoting \(',' expected after '\"'\)"
    ):
        calc.read_rows(_csv(tmp_path, 'power,count,accelerator\n"7.5 MW"x,13824,a100-sxm\n'))
    # a quoted cell may hold commas and line breaks: the next row's line is counted after it
    rows = calc.read_rows(_csv(tmp_path, 'text,power\n"over 300 MW,\n220,000 GPUs",\n,1 GW,\n,1 GW,x\n'))
    assert rows[0] == {"text": "over 300 MW,\n220,000 GPUs", "power": ""}
    assert rows[1] == {"text": "", "power": "1 GW"}
    assert rows[2] == {
        "_error": 'line 5: 3 cells for 2 columns; quote a cell that has a comma, e.g. "220,000"'
    }


def test_a_column_with_no_name_must_be_empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = calc.read_rows(
        _csv(tmp_path, "power,count,accelerator,\n7.5 MW,13824,a100-sxm,\n1 GW,1,h100-sxm,x\n")
    )
    assert rows == [
        LEONARDO,
        {"_error": "line 3: 'x' is in a column with no name in the header"},
    ]


H100_RANGE = {"power": "300 MW", "count": "300000", "count_high": "310000", "accelerator": "h100-sxm"}


def test_failed_counts_each_methods_verdict():
    # 300 MW for 300,000-310,000 H100 is 967.7-1,000.0 W: the default IT range 946.1-1,466.2 W
    # meets it; epoch's IT low end 700 W x 1.47 = 1,029.0 W is above even 1,000 W
    (row,) = calc.check_rows([H100_RANGE], methods=("default", "epoch"))
    assert row.verdict == "plausible" and row.methods == {"default": "plausible", "epoch": "implausible"}
    assert calc.batch_failed([row], "implausible") and calc.batch_failed([row], "not-plausible")
    assert not calc.batch_failed([row], "ample") and not calc.batch_failed([row], "error")
    (alone,) = calc.check_rows([H100_RANGE])
    assert not calc.batch_failed([alone], "implausible")


def test_a_row_whose_text_supports_two_readings_lists_the_other_with_its_verdict():
    from calc.batch import check_row
    from calc.claim_report import alternatives_cell

    text = "Stargate Norway will host 100,000 GB300 GPUs at 230 MW, with ambitions to expand by an additional 290 MW"
    result = check_row({"text": text}, 1)
    # 230 MW / 100,000 = 2,300 W per GB300: plausible; 520 MW: 5,200 W, ample
    assert result.verdict == "plausible"
    assert alternatives_cell(result.alternatives) == "520 MW for 100,000 → ample (with the expansion)"
    # a row that gives its own power has no alternatives
    assert check_row({"text": text, "power": "300 MW"}, 2).alternatives == ()
