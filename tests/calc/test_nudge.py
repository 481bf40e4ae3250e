"""Nudges by hand: a step in the field's own unit."""

import pytest

import calc
import calc.ui


@pytest.mark.parametrize(
    ("text", "field", "fraction", "expected"),
    [
        ("1.2 GW", "power", 0.01, "1.212 GW"),  # 1.2 x 1.01, in GW: never 2 GW
        ("1.2 GW", "power", 0.1, "1.32 GW"),
        ("1 GW", "power", -0.01, "0.99 GW"),  # never 0 GW
        ("300 MW", "power", 0.01, "303 MW"),
        ("300 MVA", "power", -0.1, "270 MVA"),
        ("220000", "accelerators", 0.01, "222200"),
        ("220,000", "accelerators", -0.01, "217800"),
        ("3", "fleet.0.count", 0.01, "4"),  # at least one whole accelerator
        ("1", "accelerators", -0.01, "1"),  # never below one
        ("1.2", "pue.central", 0.01, "1.21"),  # an assumption steps by the amount
        ("0.1", "it_overhead.low", -0.1, "0"),
        ("0", "headroom", -0.01, "0"),
        ("0.07 USD/kWh", "price", 0.1, "0.077 USD/kWh"),
    ],
)
def test_nudge_text(text, field, fraction, expected):
    assert calc.ui.nudge_text(text, field, fraction) == expected


def test_a_nudge_on_text_that_does_not_parse_is_the_field_error():
    with pytest.raises(calc.InputError, match=r"^power: '300 kg' is a mass, not a power; e.g. '300 MW'$"):
        calc.ui.nudge_text("300 kg", "power", 0.01)
    with pytest.raises(calc.InputError, match=r"^price: 'cheap' has no number to step$"):
        calc.ui.nudge_text("cheap", "price", 0.01)


@pytest.mark.parametrize(
    ("text", "up", "down"),
    [
        ("N", "7+1", "N"),
        ("7+1", "6+1", "N"),
        ("3+1", "4N/3", "4+1"),
        ("4N/3", "2+1", "3+1"),
        ("2+1", "3N/2", "4N/3"),
        ("3N/2", "2N", "2+1"),
        ("2N", "2N", "3N/2"),
        ("11+1", "7+1", "N"),  # usable 11/12: between N and 7+1
    ],
)
def test_step_redundancy(text, up, down):
    assert calc.nudge.step_redundancy(text, 1) == up
    assert calc.nudge.step_redundancy(text, -1) == down
