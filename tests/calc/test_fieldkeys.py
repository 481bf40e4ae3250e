"""calc/fieldkeys.py: the form's keys, typed, written and read the same way on both faces."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calc
import calc.ui
from calc.fieldkeys import FieldKey, fleet_rows


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("power", FieldKey("power")),
        ("pue.central", FieldKey("pue", "central")),
        ("server_factor.low", FieldKey("server_factor", "low")),
        ("energy.price", FieldKey("energy", "price")),
        ("fleet.0.count", FieldKey("fleet", "count", 0)),
        ("fleet.12.accelerator", FieldKey("fleet", "accelerator", 12)),
        ("fleet", FieldKey("fleet")),
    ],
)
def test_a_key_reads_and_writes_back(text, key):
    assert FieldKey.parse(text) == key
    assert str(key) == text


def test_a_fleet_key_is_built_by_row():
    assert str(FieldKey.fleet(3, "count")) == "fleet.3.count"
    assert FieldKey.parse("fleet.3.count").row == 3


def test_the_fleet_rows_are_the_rows_the_keys_hold_in_order():
    texts = ["power", "fleet.10.count", "fleet.2.accelerator", "fleet.2.count", "pue.low", "fleet"]
    assert fleet_rows(map(FieldKey.parse, texts)) == [2, 10]
    assert fleet_rows([]) == []


def test_a_key_as_a_widget_id_has_no_dots():
    assert FieldKey("pue", "central").widget_id == "pue-central"
    assert FieldKey.fleet(0, "count").widget_id == "fleet-0-count"
    assert FieldKey("headroom").widget_id == "headroom"
    assert str(FieldKey.SCENARIO) == "scenario"


def test_every_field_of_a_scenario_is_a_key_that_reads_back():
    fields = calc.ui.scenario_fields(calc.scenario_from_facility("colossus-1"))
    assert [FieldKey.parse(str(key)) for key in fields] == list(fields)
    assert FieldKey("pue", "central") in fields
    assert fleet_rows(fields) == list(range(len(calc.scenario_from_facility("colossus-1").fleet)))


@given(
    st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
    st.one_of(st.none(), st.sampled_from(["low", "central", "high", "count", "accelerator"])),
)
def test_any_key_round_trips(name, case):
    key = FieldKey(name, case)
    if name != "fleet":
        assert FieldKey.parse(str(key)) == key
