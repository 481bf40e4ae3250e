"""calc/batch.py: rows of claims, each checked, a bad row kept with its error."""

import re

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
    assert calc.batch.failed(results, "error") and calc.batch.failed(results, "ample")
    assert not calc.batch.failed(results, "implausible") and not calc.batch.failed(results, None)


def test_verdicts_under_each_method():
    (row,) = calc.check_rows([{"text": HEADLINE}], methods=("default", "epoch"))
    assert row.methods == {"default": "plausible", "epoch": "plausible"}


def test_reading_csv_and_json_lines(tmp_path):
    csv_file = tmp_path / "claims.csv"
    csv_file.write_text(
        'Power,Count,Accelerator,Text\n300 MW,220000,h100-sxm,\n,,,"over 300 MW, 220,000 GPUs"\n'
    )
    assert list(calc.read_rows(csv_file)) == [
        {"power": "300 MW", "count": "220000", "accelerator": "h100-sxm", "text": ""},
        {"power": "", "count": "", "accelerator": "", "text": "over 300 MW, 220,000 GPUs"},
    ]
    lines = tmp_path / "claims.jsonl"
    lines.write_text('{"power": "300 MW", "count": 220000, "accelerator": "h100-sxm"}\n\n{oops\n[1]\n')
    assert list(calc.read_rows(lines)) == [
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
    rows = list(
        calc.read_rows(_csv(tmp_path, 'text,power\n"over 300 MW,\n220,000 GPUs",\n,1 GW,\n,1 GW,x\n'))
    )
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
    assert list(rows) == [
        LEONARDO,
        {"_error": "line 3: 'x' is in a column with no name in the header"},
    ]


H100_RANGE = {"power": "300 MW", "count": "300000", "count_high": "310000", "accelerator": "h100-sxm"}


def test_failed_counts_each_methods_verdict():
    # 300 MW for 300,000-310,000 H100 is 967.7-1,000.0 W: the default IT range 946.1-1,466.2 W
    # meets it; epoch's IT low end 700 W x 1.47 = 1,029.0 W is above even 1,000 W
    (row,) = calc.check_rows([H100_RANGE], methods=("default", "epoch"))
    assert row.verdict == "plausible" and row.methods == {"default": "plausible", "epoch": "implausible"}
    assert calc.batch.failed([row], "implausible") and calc.batch.failed([row], "not-plausible")
    assert not calc.batch.failed([row], "ample") and not calc.batch.failed([row], "error")
    (alone,) = calc.check_rows([H100_RANGE])
    assert not calc.batch.failed([alone], "implausible")


# ------------------------------------------------------------------ hostile files, one line each

ACCEPTED = "give a .csv file with a header line or a .jsonl file (one JSON object a line)"


def test_only_a_regular_file_is_read(tmp_path, monkeypatch):
    import os

    monkeypatch.chdir(tmp_path)
    # before: a FIFO waited for a writer forever (the size of a FIFO is 0, under the limit), and
    # /dev/zero (size 0 too) was read until memory ran out
    os.mkfifo("claims.csv")
    with pytest.raises(InputError) as raised:
        calc.read_rows("claims.csv")
    assert (
        str(raised.value)
        == f"batch: 'claims.csv' is not a regular file (a FIFO, device or socket); {ACCEPTED}"
    )
    (tmp_path / "null.csv").symlink_to("/dev/null")
    with pytest.raises(
        InputError, match=r"^batch: 'null.csv' is not a regular file \(a FIFO, device or socket\)"
    ):
        calc.read_rows("null.csv")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(InputError, match=rf"^batch: 'folder.csv' is a directory; {re.escape(ACCEPTED)}$"):
        calc.read_rows("folder.csv")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open("huge.csv", "wb") as stream:  # sparse: 200,000,001 bytes that take no disk
        stream.truncate(calc.batch.MAX_BYTES + 1)
    with pytest.raises(InputError) as raised:
        calc.read_rows("huge.csv")
    assert str(raised.value) == "batch: 'huge.csv' is 200,000,001 bytes; the limit is 200,000,000"


def test_names_that_are_no_file_name_are_one_line():
    # before: "a\x00b" raised a raw ValueError (embedded null byte), 5 a TypeError
    with pytest.raises(
        InputError, match=r"^read_rows: path: 'a\\x00b' has a NUL character; accepted: a file path"
    ):
        calc.read_rows("a\x00b")
    with pytest.raises(InputError, match=r"^read_rows: path: 5 is of type int; accepted: a file path"):
        calc.read_rows(5)
    with pytest.raises(InputError, match=r"^read_rows: path: b'x.csv' is of type bytes; accepted: a file"):
        calc.read_rows(b"x.csv")


def test_a_file_that_is_not_utf8_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims.csv").write_bytes(b"power,count\n300 MW,\xff\n")
    with pytest.raises(
        InputError, match=r"^batch: 'claims.csv' is not UTF-8 text \(line 2\); save it as UTF-8$"
    ):
        calc.read_rows("claims.csv")
    (tmp_path / "claims.jsonl").write_bytes(b'{"power": "1 GW"}\n{"power": "\xff"}\n')
    with pytest.raises(InputError, match=r"^batch: 'claims.jsonl' is not UTF-8 text \(line 2\); save it"):
        calc.read_rows("claims.jsonl")


def test_a_cell_over_the_limit_names_its_line_row_column_and_the_limit(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # before: "bad quoting (field larger than field limit (131072))", as if a quote were wrong
    big = "x" * 200_000
    message = (
        "a cell of more than 131,072 characters; a cell holds at most 131,072 (a sentence at most 4,000)"
    )
    with pytest.raises(InputError) as raised:
        calc.read_rows(_csv(tmp_path, f'power,text\n1 GW,ok\n\n1 GW,"{big}"\n'))
    assert str(raised.value) == f"batch: 'claims.csv' line 4 (row 2), column 'text': {message}"
    # over many lines, unquoted, or in the header: the same, where the reader stood
    lines = "\n".join(["y" * 10_000] * 20)
    with pytest.raises(InputError, match=r"^batch: 'claims.csv' line 2 \(row 1\), column 'text': a cell of"):
        calc.read_rows(_csv(tmp_path, f'text,power\n"{lines}",1 GW\n'))
    with pytest.raises(InputError, match=r"^batch: 'claims.csv' line 2 \(row 1\), column 'power': a cell of"):
        calc.read_rows(_csv(tmp_path, f"text,power\n,{big}\n"))
    with pytest.raises(
        InputError, match=r"^batch: 'claims.csv' line 1, column 2: a cell of more than 131,072"
    ):
        calc.read_rows(_csv(tmp_path, f"text,{big}\n"))


def test_a_row_over_the_limit_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cells = ",1 GW" * 250_000  # 1,250,000 characters in small cells
    with pytest.raises(InputError) as raised:
        calc.read_rows(_csv(tmp_path, f"text,power\n,1 GW\n{cells}\n"))
    assert str(raised.value) == (
        "batch: 'claims.csv' line 3 (row 2): more than 1,000,000 characters; a row holds at most 1,000,000"
    )
    # a JSON line over the limit is that row's error; the next line is read
    path = _csv(tmp_path, '{"text": "' + "x" * 1_500_000 + '"}\n{"power": "1 GW"}\n', "claims.jsonl")
    assert list(calc.read_rows(path)) == [
        {"_error": "line 1: more than 1,000,000 characters; a row holds at most 1,000,000"},
        {"power": "1 GW"},
    ]


def test_columns_are_checked_in_linear_time_and_capped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # before: each column was looked up in the header before it (header.index): 40,000 columns
    # took 8.6 s; now one pass with a dict, and more than a spreadsheet's 16,384 columns is refused
    with pytest.raises(InputError) as raised:
        calc.read_rows(_csv(tmp_path, "power," + ",".join(f"c{i}" for i in range(40_000)) + "\n"))
    assert str(raised.value).startswith(
        "batch: 'claims.csv' has 40,001 columns; a batch file has at most 16,384 "
    )
    with pytest.raises(
        InputError, match=r"^batch: 'claims.csv': columns 'c0', 'c1', 'c2', 'c3', 'c4', … are"
    ):
        calc.read_rows(_csv(tmp_path, "power," + ",".join(f"c{i}" for i in range(16_000)) + "\n"))
    # many empty columns (a spreadsheet's export) are still fine
    rows = calc.read_rows(_csv(tmp_path, "power" + "," * 16_000 + "\n1 GW" + "," * 16_000 + "\n"))
    assert list(rows) == [{"power": "1 GW"}]


def test_rows_are_read_one_at_a_time_from_the_file(tmp_path, monkeypatch):
    import tracemalloc

    monkeypatch.chdir(tmp_path)
    path = _csv(tmp_path, "power,count,accelerator\n" + "300 MW,220000,h100-sxm\n" * 50_000)
    rows = calc.read_rows(path)
    assert len(rows) == 50_000
    tracemalloc.start()
    try:
        seen = sum(
            1 for row in rows if row == {"power": "300 MW", "count": "220000", "accelerator": "h100-sxm"}
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 50,000 rows kept would be some 20 MB (a dict of three cells is ~400 bytes); read one at a
    # time, the peak is the reader's buffers
    assert seen == 50_000 and peak < 2_000_000
    # the file is read again on each pass: changed in between, it is not taken for the one checked
    (tmp_path / path).write_text("power,count,accelerator\n1 GW,1,h100-sxm\n")
    with pytest.raises(
        InputError, match=r"^batch: 'claims.csv' changed while it was read; run the batch again$"
    ):
        next(iter(rows))


def test_a_json_integer_too_long_is_that_rows_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # before: int() refused 5,000 digits with a ValueError and the batch stopped (exit 1)
    digits = "9" * 5000
    path = _csv(
        tmp_path,
        f'{{"power": "300 MW", "count": {digits}, "accelerator": "h100-sxm"}}\n'
        '{"power": "300 MW", "count": 220000, "accelerator": "h100-sxm"}\n',
        "claims.jsonl",
    )
    first, second = calc.check_rows(calc.read_rows(path))
    assert first.error == "count: '99999999999999999999… is too long for a count"
    assert (second.verdict, second.error) == ("plausible", "")


def test_json_nested_too_deep_is_that_rows_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # before: a RecursionError from json.loads stopped the batch (exit 1)
    deep = "[" * 100_000 + "]" * 100_000
    path = _csv(tmp_path, f'{{"text": {deep}}}\n{{"text": "{HEADLINE}"}}\n', "claims.jsonl")
    first, second = calc.check_rows(calc.read_rows(path))
    assert first.error == "line 1: nested too deeply; a row is one JSON object of text and numbers"
    assert (second.verdict, second.error) == ("plausible", "")


def test_a_lone_surrogate_in_json_is_that_rows_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # JSON may escape a lone surrogate (\ud800): kept, it could not be written out (exit 1)
    path = _csv(
        tmp_path, '{"text": "\\ud800"}\n{"power": "1 GW", "fleet": {"h100-sxm": "\\udfff"}}\n', "c.jsonl"
    )
    assert [r["_error"] for r in calc.read_rows(path)] == [
        "line 1: key 'text' holds a lone surrogate ('\\ud800'); give text that is valid Unicode",
        "line 2: key 'fleet' holds a lone surrogate ({'h100-sxm': '\\udfff'}); give text that is valid Unicode",
    ]


def test_a_sentence_the_reader_cannot_take_is_that_rows_error(monkeypatch):
    import calc.sentences

    # before: a 400-digit count in the text overflowed a float (OverflowError) and stopped the batch
    text = "300 MW for " + "9" * 400 + " H100 GPUs"
    first, second = calc.check_rows([{"text": text}, {"text": HEADLINE}])
    assert first.verdict is None and first.error and "\n" not in first.error
    assert (second.verdict, second.error) == ("plausible", "")

    def overflowing(text):
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(calc.sentences, "parse_claim", overflowing)
    (row,) = calc.check_rows([{"text": text}])
    assert row.error == (
        "text: '300 MW for 999999999999999999999999999… cannot be read (a number too large to "
        "compute with); give power and count as columns"
    )


def test_an_unforeseen_failure_is_that_rows_error(monkeypatch):
    import calc.claims

    failures = iter([ZeroDivisionError("float division by zero"), RecursionError(), KeyError("x")])

    def broken(*args, **kwargs):
        raise next(failures)

    monkeypatch.setattr(calc.claims, "check_claim", broken)
    row = {"power": "300 MW", "count": "220000", "accelerator": "h100-sxm"}
    assert [r.error for r in calc.check_rows([row, row, row])] == [
        "row 1: cannot be checked (ZeroDivisionError: float division by zero)",
        "row 2: cannot be checked (nested too deeply)",
        "row 3: cannot be checked (KeyError: 'x')",
    ]


def test_the_line_of_a_byte_that_is_not_utf8(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # the bad byte right after a line break, and past the first 64 KiB read
    (tmp_path / "claims.csv").write_bytes(b"power\n" + b"1 GW\n" * 20_000 + b"\xff\n")
    with pytest.raises(InputError, match=r"^batch: 'claims.csv' is not UTF-8 text \(line 20002\); save it"):
        calc.read_rows("claims.csv")


def test_a_csv_cell_that_would_start_a_formula_gets_a_quote():
    from calc.claim_report import batch_csv_line, inert_cell

    # OWASP, "CSV Injection": =, +, -, @, tab and carriage return start a formula
    assert [inert_cell(c) for c in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
    ]
    assert [inert_cell(c) for c in ("", "300 MW", "'=1", " =1", "1363.6")] == [
        "",
        "300 MW",
        "'=1",
        " =1",
        "1363.6",
    ]
    row = calc.BatchRow(row=1, text="=cmd|' /C calc'!A0", error="claim: no power found")
    # row, verdict, 12 empty result columns (alternatives the last), the error, the text
    assert batch_csv_line(row, ()) == "1,error,,,,,,,,,,,,,claim: no power found,'=cmd|' /C calc'!A0"


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


def test_the_example_file_ships_in_the_package_and_reads():
    path = calc.example_file()
    assert path.parent.name == "_examples" and path.parent.parent.name == "calc"
    rows = calc.read_rows(path)
    results = list(calc.check_rows(rows))
    # seven rows: the sentences, the figures, and one count that is no number
    assert [r.verdict for r in results] == [
        "plausible",
        "plausible",
        "implausible",
        "ample",
        "plausible",
        "plausible",
        None,
    ]
    assert results[-1].error == "count: 'lots' is not a number; give e.g. '220000'"


def test_an_unknown_example_names_those_there_are():
    with pytest.raises(
        calc.InputError, match=r"^example: 'x\.csv' is not an example file; accepted: claims\.csv$"
    ):
        calc.example_file("x.csv")
