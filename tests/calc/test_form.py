"""calc/form.py: the scenario form, its texts keyed by FieldKey, to and from a Scenario."""

import dataclasses

import pytest

import calc
import calc.ui
from calc.ui import FieldKey, Form

POWER, ACCELERATORS, PUE = FieldKey("power"), FieldKey("accelerators"), FieldKey("pue", "central")


@pytest.fixture(scope="module")
def headline():
    # the headline claim: 300 MW, 220,000 H100 SXM in DGX H100 (10.2 kW / 8 = 1,275 W each)
    return calc.scenario(power="300 MW", gpus=220_000, accelerator="h100-sxm")


@pytest.fixture(scope="module")
def colossus():
    return calc.scenario_from_facility("colossus-1")


def test_a_scenario_as_its_form(headline):
    form = Form.from_scenario(headline)
    assert form == calc.ui.scenario_fields(headline)
    assert form.value(POWER) == "300 MW"
    assert form.value(FieldKey("basis")) == "unspecified"
    assert form.value(ACCELERATORS) == "220000"
    # the default set's PUE 1.08 / 1.20 / 1.50, and headroom 0 with redundancy N
    assert [form.value(FieldKey("pue", case)) for case in ("low", "central", "high")] == [
        "1.08",
        "1.2",
        "1.5",
    ]
    assert (form.value(FieldKey("headroom")), form.value(FieldKey("redundancy"))) == ("0", "N")
    # one accelerator, no count of its own: a weight of 1 in the mix
    assert form.fleet_rows() == [0]
    assert form.fleet_row(0) == ("h100-sxm", "1")
    # the default set has no server_factor: its fields are empty
    assert form.value(FieldKey("server_factor", "central")) == ""
    assert form.value(FieldKey("nope")) == "" and form.value(FieldKey("nope"), "-") == "-"


def test_the_form_round_trips_a_scenario(headline, colossus):
    jupiter = calc.scenario(power="13 MW", gpus=19_000, basis="it", fleet={"gh200@jupiter-booster-node": 1})
    for scenario in (colossus, jupiter):
        assert Form.from_scenario(scenario).parse(scenario) == (scenario, {})
    # the headline claim's unspecified basis and bare accelerator read back as "unspecified" and
    # a weight of 1: the same claim, and the same form again
    form = Form.from_scenario(headline)
    parsed, errors = form.parse(headline)
    assert errors == {} and (parsed.basis, parsed.fleet[0].count) == ("unspecified", 1)
    assert Form.from_scenario(parsed) == form
    assert calc.check_claim(parsed) == calc.check_claim(headline)
    assert Form.from_scenario(jupiter).fleet_row(0) == ("gh200@jupiter-booster-node", "1")
    # Colossus 1: three rows, each its accelerator and count
    form = Form.from_scenario(colossus)
    assert [form.fleet_row(row) for row in form.fleet_rows()] == [
        ("h100-sxm", "150000"),
        ("h200-sxm", "50000"),
        ("gb200", "30000"),
    ]


def test_one_value_changed_is_a_new_form_and_parses_to_its_scenario(headline):
    form = Form.from_scenario(headline)
    edited = form.with_value(PUE, "1.3")
    assert form.value(PUE) == "1.2" and edited.value(PUE) == "1.3"  # the first form is unchanged
    assert {key for key in form if form[key] != edited[key]} == {PUE}
    scenario, errors = edited.parse(headline)
    assert errors == {}
    assert scenario.overrides == {
        "pue": {"low": 1.08, "central": 1.3, "high": 1.5, "source": "set by the user"}
    }
    # facility per GPU, central: 1,275 W x 0.85 x 1.10 x 1.3 = 1,549.7625 W
    facility = calc.check_claim(scenario).readings[1]
    assert facility.basis == "facility"
    assert facility.central.m_as("W") == pytest.approx(1549.7625)
    # and back: the edited scenario's form is the edited form
    assert Form.from_scenario(scenario) == edited


def test_errors_are_keyed_by_field_key(colossus):
    form = Form.from_scenario(colossus).updated(
        {
            POWER: "300 kg",
            ACCELERATORS: "-1",
            FieldKey.fleet(1, "accelerator"): "h900",
            FieldKey("pue", "high"): "abc",
        }
    )
    scenario, errors = form.parse(colossus)
    assert scenario is None
    assert set(errors) == {POWER, ACCELERATORS, FieldKey.fleet(1, "accelerator"), FieldKey("pue", "high")}
    assert errors[POWER] == "power: '300 kg' is a mass, not a power; e.g. '300 MW'"
    assert errors[ACCELERATORS] == "accelerators: '-1' must be greater than zero"
    assert errors[FieldKey.fleet(1, "accelerator")].startswith("accelerator: 'h900' is not a preset")
    assert errors[FieldKey("pue", "high")].startswith("pue: 'abc' is not a number")


def test_the_fleet_errors_are_the_fleets(colossus):
    form = Form.from_scenario(colossus)
    twice = form.with_value(FieldKey.fleet(1, "accelerator"), "h100-sxm")
    assert twice.parse(colossus) == (
        None,
        {FieldKey("fleet"): "fleet: each accelerator type may appear once"},
    )
    none = form.without(*(key for key in form if key.row is not None))
    assert none.fleet_rows() == []
    assert none.parse(colossus) == (None, {FieldKey("fleet"): "fleet: add at least one accelerator type"})


def test_a_row_removed_leaves_the_others_by_their_numbers(colossus):
    form = Form.from_scenario(colossus).without(FieldKey.fleet(1, "accelerator"), FieldKey.fleet(1, "count"))
    assert form.fleet_rows() == [0, 2]
    scenario, errors = form.parse(colossus)
    assert errors == {}
    assert [(e.accelerator, e.count) for e in scenario.fleet] == [("h100-sxm", 150_000), ("gb200", 30_000)]


def test_groups_and_text_keys(colossus):
    form = Form.from_scenario(colossus)
    panels = form.group("energy", "orbital")
    assert sorted(str(key) for key in panels) == [
        "energy.carbon",
        "energy.load_factor",
        "energy.price",
        "energy.wue",
        "orbital.emissivity",
        "orbital.orbit",
        "orbital.radiator_temperature",
    ]
    assert panels.value(FieldKey("energy", "price")) == "0.081 USD/kWh"
    assert Form.read({"pue.central": "1.2", "fleet.0.count": "8"}) == {
        FieldKey("pue", "central"): "1.2",
        FieldKey.fleet(0, "count"): "8",
    }


def test_a_form_is_frozen_and_hashable(headline):
    form = Form.from_scenario(headline)
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.texts = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        form.texts[POWER] = "1 MW"  # type: ignore[index]
    again = Form.from_scenario(headline)
    assert form == again and hash(form) == hash(again) and form is not again
    assert form != form.with_value(POWER, "1 MW")
    assert form != {str(key): text for key, text in form.items()}  # text keys are other keys


def test_a_form_refuses_keys_and_texts_of_other_types_in_one_line(headline):
    with pytest.raises(calc.InputError) as caught:
        Form({"power": "300 MW"})  # type: ignore[dict-item]
    assert str(caught.value) == (
        "form: key 'power' is not a FieldKey; accepted: FieldKey(name, case, row) "
        "(Form.read takes keys as text, e.g. 'pue.central')"
    )
    assert caught.value.field == "form"
    with pytest.raises(calc.InputError, match=r"^power: 300 is not text; accepted: a str$"):
        Form({POWER: 300})  # type: ignore[dict-item]
    with pytest.raises(calc.InputError, match=r"^form: key 'power' is not a FieldKey"):
        calc.ui.parse_fields({"power": "300 MW"}, headline)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ([1, 2], "form: [1, 2] is not a Form; accepted: a Form, or a mapping of FieldKey to text"),
        ("power", "form: 'power' is not a Form; accepted: a Form, or a mapping of FieldKey to text"),
        ({"power": "300 MW"}, "form: key 'power' is not a FieldKey; accepted: FieldKey(name, case, row)"),
    ],
)
def test_parse_fields_refuses_what_is_not_a_form_in_one_line(form, message):
    base = calc.scenario(power="300 MW", gpus=220_000, accelerator="h100-sxm")
    with pytest.raises(calc.InputError) as caught:
        calc.ui.parse_fields(form, base)
    assert str(caught.value).startswith(message)


def test_parse_fields_and_form_read_refuse_a_wrong_base_or_key_in_one_line():
    form = Form.read({"power": "300 MW"})
    with pytest.raises(
        calc.InputError, match=r"^parse_fields: base: 'x' is of type str; accepted: a calc.Scenario$"
    ):
        calc.ui.parse_fields(form, "x")
    with pytest.raises(calc.InputError, match=r"^form: key 5 is not text; accepted: a field key as text"):
        Form.read({5: "x"})
    with pytest.raises(calc.InputError, match=r"^form: 'power' is not a mapping"):
        Form.read("power")
