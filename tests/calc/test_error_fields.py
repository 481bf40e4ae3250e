"""An error names its field as data (`InputError.field`), so no face reads it from the text."""

import pytest

import calc
import calc.ui
from calc.assumptions import parse_settings
from calc.errors import InputError, one_of


@pytest.mark.parametrize(
    ("inputs", "field", "start"),
    [
        ({"power": "abc"}, "power", "power: 'abc' is not a number with a unit"),
        ({"power": "300 kg"}, "power", "power: '300 kg' is a mass, not a power"),
        ({"power": "2 PW"}, "power", "power: 2 PW is more than 1 PW"),
        ({"power": "300 MW", "gpus": "x"}, "gpus", "gpus: 'x' is not a number"),
        ({"power": "300 MW", "gpus": -3}, "gpus", "gpus: -3 must be greater than zero"),
        (
            {"power": "300 MW", "accelerator": "h100-sxm", "assumptions": {"pue": 9}},
            "pue",
            "pue: low 9 is outside 1–5",
        ),
        (
            {"power": "300 MW", "accelerator": "h100-sxm", "assumptions": {"pue": "1.5:1.2:1.1"}},
            "pue",
            "pue: low 1.5, central 1.2, high 1.1 are out of order",
        ),
        (
            {"power": "300 MW", "accelerator": "h100-sxm", "assumptions": {"pue": "abc"}},
            "pue",
            "pue: 'abc' is not a number",
        ),
    ],
)
def test_an_error_names_its_field(inputs, field, start):
    with pytest.raises(InputError) as caught:
        calc.capacity(calc.scenario(**inputs))
    assert caught.value.field == field
    assert str(caught.value).startswith(start)


@pytest.mark.parametrize(
    ("items", "field"),
    [(["pue"], "--set"), (["nope=1"], "--set"), (["pue=abc"], "pue"), (["pue=9"], None)],
)
def test_a_setting_names_its_field(items, field):
    if field is None:  # a value in range for the parser: the limits are checked on merging
        assert parse_settings(items) == {
            "pue": {"low": 9.0, "central": 9.0, "high": 9.0, "source": "set by the user"}
        }
        return
    with pytest.raises(InputError) as caught:
        parse_settings(items)
    assert caught.value.field == field


def test_an_error_without_a_field_has_none():
    assert InputError("give one of accelerator, fleet and mix").field is None
    assert calc.UnitError("power: bad", field="power").field == "power"


def test_an_out_of_range_assumption_marks_its_central_field():
    # the form marks the field from the error's field, not from the words before its colon
    colossus = calc.scenario_from_facility("colossus-1")
    pue = calc.ui.FieldKey("pue", "central")
    fields = calc.ui.scenario_fields(colossus).updated(
        {calc.ui.FieldKey("pue", "low"): "0.5", pue: "0.6", calc.ui.FieldKey("pue", "high"): "0.7"}
    )
    scenario, errors = calc.ui.parse_fields(fields, colossus)
    assert scenario is None
    assert list(errors) == [pue]
    assert errors[pue].startswith("pue: low 0.5 is outside 1–5")


def test_a_facility_without_a_timeline_is_its_own_error():
    with pytest.raises(calc.NoTimeline) as caught:
        calc.timeline("aurora")
    assert isinstance(caught.value, InputError)
    assert caught.value.field == "timeline"
    assert str(caught.value) == (
        "timeline: facility 'aurora' has no timeline; add [[timeline]] stages to its preset"
    )


def test_a_choice_not_accepted_names_its_field_the_value_and_the_choices():
    assert one_of("it", ("it", "facility"), "basis") == "it"
    for value, shown_as in (("cheap", "'cheap'"), (3, "3"), (None, "None")):
        with pytest.raises(InputError) as caught:
            one_of(value, ("it", "facility"), "basis")
        assert str(caught.value) == f"basis: {shown_as} is not accepted; accepted: it, facility"
        assert caught.value.field == "basis"
    # the form's basis field and the keyword input say the same
    colossus = calc.scenario_from_facility("colossus-1")
    _, errors = (
        calc.ui.scenario_fields(colossus).with_value(calc.ui.FieldKey("basis"), "grid").parse(colossus)
    )
    with pytest.raises(InputError) as keyword:
        calc.scenario(facility="colossus-1", basis="grid")
    assert errors == {calc.ui.FieldKey("basis"): str(keyword.value)}
    assert str(keyword.value) == (
        "basis: 'grid' is not accepted; accepted: unspecified, chip, server, it, facility, supply"
    )
