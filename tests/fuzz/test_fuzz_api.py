"""Fuzzing the boundary functions: each returns a finite, in-range value or raises a CalcError
whose message is one line of at most 280 characters; nothing else ever escapes."""

import math
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calc.assumptions import parse_settings
from calc.errors import CalcError
from calc.presets import KINDS, bundled_dir, load_preset
from calc.units import MAX_COUNT, parse_count, parse_number, parse_power, parse_quantity, ureg
from tests.fuzz.strategies import examples, quantity_texts, values


def _one_line(error: CalcError) -> None:
    text = str(error)
    assert "\n" not in text and "\r" not in text and 0 < len(text) <= 280, text


@given(values)
def test_parse_power_gives_a_power_from_a_milliwatt_to_a_petawatt_or_one_line(value):
    try:
        power = parse_power(value, allow_apparent=True)
    except CalcError as error:
        _one_line(error)
        return
    watts = power.to_base_units().magnitude
    assert math.isfinite(watts) and 1e-3 <= watts <= 1e15


@given(values)
def test_parse_quantity_gives_a_finite_money_amount_or_one_line(value):
    try:
        money = parse_quantity(value, "budget", ureg.USD.dimensionality, "1 USD", allow_zero=True)
    except CalcError as error:
        _one_line(error)
        return
    assert math.isfinite(money.magnitude) and money.magnitude >= 0


@given(values, st.booleans())
def test_parse_count_gives_a_count_within_the_cap_or_one_line(value, whole):
    try:
        count = parse_count(value, "gpus", whole=whole)
    except CalcError as error:
        _one_line(error)
        return
    assert 0 < count <= MAX_COUNT and (not whole or count == int(count))
    if isinstance(value, str):
        assert value.isascii()


@given(values)
def test_parse_number_gives_a_finite_number_or_one_line(value):
    try:
        number = parse_number(value, "pue")
    except CalcError as error:
        _one_line(error)
        return
    assert math.isfinite(number)


@given(
    st.one_of(
        st.lists(
            st.one_of(
                quantity_texts,
                st.builds(
                    lambda n, v: f"{n}={v}",
                    st.sampled_from(["pue", "draw_factor", "headroom", "redundancy", "it_overhead", "x"]),
                    values.map(str),
                ),
            ),
            max_size=3,
        ),
        values,
    )
)
def test_parse_settings_gives_a_layer_or_one_line(items):
    try:
        layer = parse_settings(items)
    except CalcError as error:
        _one_line(error)
        return
    assert isinstance(layer, dict)


H100 = (bundled_dir() / "accelerators" / "h100-sxm.toml").read_text()
_deep = "a = " + "[" * 5000 + "]" * 5000
hostile_contents = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(str.encode),
    st.sampled_from([_deep.encode(), b"\xff\xfe" + H100.encode(), b"#" * 1_000_001, H100.encode()]),
    st.builds(
        lambda v: H100.replace('"700 W"', v).encode("utf-8", "surrogatepass"), quantity_texts.map(repr)
    ),
)


@examples(25)
@given(
    hostile_contents,
    st.sampled_from(KINDS),
    st.sampled_from(["file", "fifo", "dir", "symlink-dev", "missing", "json"]),
)
def test_load_preset_from_hostile_files_gives_a_model_or_one_line(content, kind, shape):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("h100-sxm.json" if shape == "json" else "h100-sxm.toml")
        if shape in ("file", "json"):
            path.write_bytes(content)
        elif shape == "fifo":
            os.mkfifo(path)
        elif shape == "dir":
            path.mkdir()
        elif shape == "symlink-dev":
            path.symlink_to("/dev/zero")
        try:
            model = load_preset(kind, str(path))
        except CalcError as error:
            _one_line(error)
            return
        assert shape == "file" and model.id == "h100-sxm"


@pytest.mark.parametrize("kind", KINDS)
def test_every_bundled_preset_loads_as_its_own_kind_only(kind):
    for other in KINDS:
        for path in sorted((bundled_dir() / other).glob("*.toml")):
            try:
                model = load_preset(kind, str(path))
            except CalcError as error:
                _one_line(error)
                assert kind != other
                continue
            assert kind == other, path
            assert model.id == path.stem
