"""The one error hierarchy of dcpower.

Every error raised on purpose derives from `CalcError`, and its message is a single line that
names the field, the value given and what is accepted. The CLI prints that line and exits 2;
the TUI shows it by the field. Nothing else should reach a user.
"""


class CalcError(Exception):
    """Base for every error dcpower raises on purpose."""


class InputError(CalcError, ValueError):
    """A value is malformed or outside its accepted range."""


class UnitError(InputError):
    """Text is not a quantity, has no unit, or has the wrong dimension."""


class PresetError(CalcError):
    """A preset is unknown, unreadable or invalid."""
