"""The guards at the input boundary: counts, numbers, powers, echoes (issue: fuzzing findings)."""

import pytest

from calc.assumptions import parse_settings
from calc.errors import InputError, UnitError, shown
from calc.models import AcceleratorSpec
from calc.units import (
    INPUT_CONTEXT,
    parse_count,
    parse_dimensioned,
    parse_fraction,
    parse_number,
    parse_power,
)


def test_shown_cuts_long_values_and_keeps_one_line():
    # repr of 100 'a's is 102 characters: the first 39 and an ellipsis are kept
    assert shown("a" * 100) == "'" + "a" * 38 + "…"
    assert shown("x\ny") == "'x\\ny'"
    assert shown("\udcff") == "'\\udcff'"
    assert shown(5) == "5"


@pytest.mark.parametrize(("text", "expected"), [("220,000", 220000), ("1,000,000", 1e6), ("220_000", 220000)])
def test_parse_count_accepts_separators_every_three_digits(text, expected):
    assert parse_count(text, "gpus") == expected


@pytest.mark.parametrize("text", ["1,5", "1,2,3", "2_2_0", "22,0000", ",", "1,000_000"])
def test_parse_count_refuses_a_misplaced_separator(text):
    with pytest.raises(InputError) as caught:
        parse_count(text, "gpus")
    assert str(caught.value) == (
        f"gpus: {text!r} has a misplaced thousands separator; one sits every three digits, e.g. '220,000'"
    )


@pytest.mark.parametrize("text", ["３００", "٣٠٠", "300\u00a0"[:3] + "٠"])
def test_parse_count_refuses_digits_other_than_ascii(text):
    with pytest.raises(InputError) as caught:
        parse_count(text, "gpus")
    assert str(caught.value) == f"gpus: {text!r} has digits other than 0-9; give e.g. '220000'"


def test_parse_count_refuses_a_count_past_the_cap():
    with pytest.raises(InputError) as caught:
        parse_count("1,000,000,000,000.4", "count", whole=False)
    assert str(caught.value) == "count: '1,000,000,000,000.4' is more than 1e+12; accepted: 1 to 1e12"
    with pytest.raises(InputError) as caught:
        parse_count(10**400, "gpus")
    # the 401-digit number is echoed as its first 39 digits and an ellipsis
    assert str(caught.value) == "gpus: 1" + "0" * 38 + "… is more than 1e+12; accepted: 1 to 1e12"


def test_parse_count_echoes_a_long_value_cut():
    with pytest.raises(InputError) as caught:
        parse_count(["x"] * 10000, "gpus")
    assert (
        str(caught.value) == "gpus: ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'… is not a count; give e.g. 220000"
    )


@pytest.mark.parametrize("text", ["３００ MW", "٣٠٠ MW"])
def test_parse_power_refuses_digits_other_than_ascii(text):
    with pytest.raises(UnitError) as caught:
        parse_power(text)
    assert str(caught.value) == (
        f"power: {text!r} has digits other than 0-9; write the number in ASCII digits, e.g. '300 MW'"
    )


@pytest.mark.parametrize("text", ["1e-320 W", "5e-324 W", "0.5 mW", "1e-9 kW"])
def test_parse_power_refuses_less_than_a_milliwatt(text):
    with pytest.raises(UnitError) as caught:
        parse_power(text)
    assert str(caught.value) == f"power: {text!r} is less than 1 mW; accepted: 1 mW to 1 PW"


def test_parse_power_accepts_a_milliwatt():
    assert parse_power("1 mW").m_as("W") == pytest.approx(1e-3)


def _h100(tdp):
    return {
        "id": "h100-sxm",
        "name": "H100",
        "vendor": "NVIDIA",
        "counted_as": "GPU",
        "tdp": tdp,
        "system": "dgx-h100",
        "confidence": "high",
        "sources": [{"title": "a source"}],
    }


def test_power_type_floor_for_files_read_is_a_milliwatt():
    with pytest.raises(ValueError, match=r"tdp: '5e-324 W' is less than 1 mW; accepted: at least 1 mW"):
        AcceleratorSpec.model_validate(_h100("5e-324 W"), context=INPUT_CONTEXT)
    assert AcceleratorSpec.model_validate(_h100("1 mW"), context=INPUT_CONTEXT).tdp.m_as("mW") == 1


def test_power_type_floor_for_models_built_in_code_keeps_results_above_a_milliwatt_over_the_cap():
    # 1 mW over 1e12 accelerators is 1e-15 W: a result that must stay valid
    assert AcceleratorSpec.model_validate(_h100("1e-15 W")).tdp.m_as("W") == 1e-15
    with pytest.raises(ValueError, match=r"tdp: '5e-324 W' is less than 1e-18 W; accepted: at least 1e-18 W"):
        AcceleratorSpec.model_validate(_h100("5e-324 W"))


@pytest.mark.parametrize(
    ("text", "expected"), [("150%", 1.5), ("85 %", 0.85), ("1.2", 1.2), (" 120% ", 1.2), (0.9, 0.9)]
)
def test_parse_number_reads_a_percent_as_a_number(text, expected):
    assert parse_number(text, "pue") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("inf", "pue: 'inf' is not a finite number; give e.g. '1.2'"),
        ("nan%", "pue: 'nan%' is not a finite number; give e.g. '1.2'"),
        ("1e400%", "pue: '1e400%' is not a finite number; give e.g. '1.2'"),
        ("١٫٢", "pue: '١٫٢' has digits other than 0-9; give e.g. '1.2'"),
        ("1_2", "pue: '1_2' is not a number; give e.g. '1.2'"),
        ("12 percent", "pue: '12 percent' is not a number; give e.g. '1.2'"),
        (True, "pue: True is not a number; give e.g. '1.2'"),
        (None, "pue: None is not a number; give e.g. '1.2'"),
        (10**400, "pue: 1" + "0" * 38 + "… is not a finite number; give e.g. '1.2'"),
        ("1" * 40, "pue: '" + "1" * 20 + "… is too long for a number; give e.g. '1.2'"),
    ],
)
def test_parse_number_refuses_in_one_line(value, message):
    with pytest.raises(InputError) as caught:
        parse_number(value, "pue")
    assert str(caught.value) == message


def test_parse_fraction_checks_its_range_after_the_percent():
    assert parse_fraction("85%", "draw_factor", high=1) == pytest.approx(0.85)
    with pytest.raises(InputError) as caught:
        parse_fraction("150%", "draw_factor", high=1)
    assert str(caught.value) == "draw_factor: '150%' is 1.5, outside its range; accepted: 0 to 1"
    with pytest.raises(InputError) as caught:
        parse_fraction("-5%", "headroom")
    assert str(caught.value) == "headroom: '-5%' is -0.05, outside its range; accepted: at least 0"


def test_parse_dimensioned_caps_the_magnitude():
    with pytest.raises(UnitError) as caught:
        parse_dimensioned("1e300 USD/kWh", "price", "0.07 USD/kWh", allow_zero=True, maximum=1000)
    assert (
        str(caught.value) == "price: '1e300 USD/kWh' is more than 1000 USD/kWh; accepted: 0 to 1000 USD/kWh"
    )
    assert parse_dimensioned("100 USD/MWh", "price", "0.07 USD/kWh", maximum=1000).m_as("USD/kWh") == 0.1


def test_settings_read_a_percent_as_a_number():
    # 110% : 120% : 140% is 1.1 : 1.2 : 1.4; headroom 5% is 0.05
    layer = parse_settings(["pue=110%:120%:140%", "headroom=5%"])
    assert layer["pue"] == {"low": 1.1, "central": 1.2, "high": 1.4, "source": "set by the user"}
    assert layer["headroom"] == pytest.approx(0.05)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["pue=١٫٢"], "pue: '١٫٢' has digits other than 0-9; give e.g. '1.2' or a range"),
        (["x" * 1000 + "=1"], "--set: '" + "x" * 38 + "… is not an assumption; accepted: draw_factor"),
        (["p\nue=1"], "--set: 'p\\nue' is not an assumption; did you mean 'pue'? accepted: draw_factor"),
        (["pue=" + "1:" * 500], "pue: '" + "1:" * 19 + "… must be one number or low:central:high"),
        (None, "--set: None is not a list of NAME=VALUE texts, e.g. ['pue=1.3']"),
        ([5], "--set: 5 is not NAME=VALUE text, e.g. 'pue=1.3'"),
    ],
)
def test_settings_refuse_in_one_short_line(items, message):
    with pytest.raises(InputError) as caught:
        parse_settings(items)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value) and len(str(caught.value)) <= 300


def test_every_error_message_is_one_line_of_at_most_280_characters():
    # 280 characters: the first 186, an ellipsis, the last 93 (the end says what is accepted);
    # the head is 12 characters and 174 x, the tail 74 x and 19 characters
    error = InputError("field: 'a\nb" + "x" * 1000 + "'; accepted: 1 to 2")
    text = str(error)
    assert text == "field: 'a\\nb" + "x" * 174 + "…" + "x" * 74 + "'; accepted: 1 to 2"
    assert len(text) == 280


def test_a_message_never_breaks_where_splitlines_would():
    assert str(InputError("a\x1eb\u2028c\rd")) == "a\\x1eb\\u2028c\\rd"
