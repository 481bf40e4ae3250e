"""A mistyped command, choice or preset id gets the closest one named, in one line."""

import pytest

from calc.cli import main


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["chek"],
            "argument COMMAND: invalid choice: 'chek'; did you mean 'check'? accepted: capacity, power, check,",
        ),
        (
            ["presets", "list", "--kind", "acelerators"],
            "argument --kind: invalid choice: 'acelerators'; did you mean 'accelerators'? "
            "accepted: accelerators, systems, facilities, assumptions, economics, orbital, claims",
        ),
        (
            ["presets", "show", "dgx-h10"],
            "presets show: 'dgx-h10' is not a preset of any kind; did you mean 'dgx-h100'? "
            "see 'dcpower presets list'",
        ),
    ],
)
def test_a_typo_names_the_closest(capsys, argv, expected):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert expected in err


def test_no_guess_when_nothing_is_close(capsys):
    assert main(["zzzzzz"]) == 2
    err = capsys.readouterr().err
    assert "did you mean" not in err
    assert "invalid choice: 'zzzzzz'; accepted: capacity, power, check" in err
