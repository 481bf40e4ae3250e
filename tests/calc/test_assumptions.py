"""calc/assumptions.py: layering and parsing of assumption values."""

import pytest

import calc
from calc.assumptions import coerce_assumption, parse_settings
from calc.errors import InputError
from calc.models import Redundancy


def test_default_set_matches_the_design_table():
    a = calc.build_assumptions()
    assert (a.draw_factor.low, a.draw_factor.central, a.draw_factor.high) == (0.70, 0.85, 1.00)
    assert (a.it_overhead.low, a.it_overhead.central, a.it_overhead.high) == (0.06, 0.10, 0.15)
    assert (a.pue.low, a.pue.central, a.pue.high) == (1.08, 1.20, 1.50)
    assert (a.power_factor.low, a.power_factor.central, a.power_factor.high) == (0.90, 0.95, 0.99)
    assert a.headroom == 0.0 and a.redundancy.usable_fraction == 1.0
    assert a.pue.source and "Uptime" in a.pue.source


def test_layers_apply_in_order():
    a = calc.build_assumptions("epoch", {"pue": 1.3}, {"pue": "1.1:1.2:1.4"})
    assert (a.pue.low, a.pue.central, a.pue.high) == (1.1, 1.2, 1.4)
    assert a.server_factor.central == 1.82
    assert a.draw_factor.central == 1.0  # from epoch, over the default


def test_single_value_is_a_point():
    a = calc.build_assumptions("default", parse_settings(["it_overhead=0.12", "headroom=10%"]))
    assert (a.it_overhead.low, a.it_overhead.central, a.it_overhead.high) == (0.12, 0.12, 0.12)
    assert a.headroom == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("text", "usable"),
    [("N", 1.0), ("2N", 0.5), ("4N/3", 0.75), ("3N/2", 2 / 3), ("3+1", 0.75), ("4+1", 0.8)],
)
def test_redundancy_usable_fraction(text, usable):
    assert Redundancy.parse(text).usable_fraction == pytest.approx(usable)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["pue"], "--set: 'pue' must be NAME=VALUE, e.g. 'pue=1.3' or 'pue=1.1:1.25:1.4'"),
        (["foo=1"], "--set: 'foo' is not an assumption; accepted: draw_factor, it_overhead, pue,"),
        (["pue=abc"], "pue: 'abc' is not a number; give e.g. '1.2' or a range"),
        (
            ["pue=1.4:1.2:1.3"],
            "pue: low 1.4, central 1.2, high 1.3 are out of order; they need low <= central <= high",
        ),
        (["pue=1:2"], "pue: '1:2' must be one number or low:central:high"),
        (["redundancy=N+1"], "redundancy: 'N+1' needs the number of load-carrying modules; write e.g. '3+1'"),
        (["redundancy=5N"], "redundancy: '5N' is not a scheme; accepted: 'N', '2N', '4N/3', '3N/2' or 'k+1'"),
        (["pue=inf"], "pue: 'inf' is not a finite number"),
    ],
)
def test_bad_settings_are_rejected_with_their_name(items, message):
    with pytest.raises(InputError) as caught:
        parse_settings(items)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("layer", "message"),
    [
        ({"pue": 0.9}, "pue: low 0.9 is outside 1–5 (facility / IT power; below 1 is impossible)"),
        ({"draw_factor": 0}, "draw_factor: low 0 is outside 0.05–1.5"),
        ({"power_factor": 1.2}, "power_factor: low 1.2 is outside 0.05–1"),
        ({"headroom": 0.95}, "headroom: Input should be less than or equal to 0.9 (got 0.95)"),
    ],
)
def test_out_of_range_values_are_rejected(layer, message):
    with pytest.raises(InputError) as caught:
        calc.build_assumptions("default", layer)
    assert str(caught.value).startswith(message)


def test_unknown_method_lists_the_sets():
    with pytest.raises(
        calc.PresetError, match=r"assumption set: 'epch' is not a preset; did you mean 'epoch'\?"
    ):
        calc.build_assumptions("epch")


def test_coerce_rejects_unknown_names():
    with pytest.raises(InputError, match="'colour' is not an assumption"):
        coerce_assumption("colour", 1)
