"""The one error hierarchy of dcpower.

Every error raised on purpose derives from `CalcError`, and its message is a single line that
names the field, the value given and what is accepted. The CLI prints that line and exits 2;
the TUI shows it by the field. Nothing else should reach a user.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


class CalcError(Exception):
    """Base for every error dcpower raises on purpose.

    A message is kept to one line of at most `MAX_MESSAGE_LENGTH` characters (`one_line`): a
    safety net under the messages themselves, which cut the values they echo with `shown`.
    """

    def __init__(self, *args: object) -> None:
        if len(args) == 1 and isinstance(args[0], str):
            args = (one_line(args[0]),)
        super().__init__(*args)


class InputError(CalcError, ValueError):
    """A value is malformed or outside its accepted range.

    `field` names the input at fault ("power", "pue", "fleet.0.count", "--set"), or is None
    where no one input is: a face marks that input from it, never from the message's text.
    """

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        self.field = field


class UnitError(InputError):
    """Text is not a quantity, has no unit, or has the wrong dimension."""


class NoTimeline(InputError):
    """A facility has no dated power stages, so it has no timeline."""


class PresetError(CalcError):
    """A preset is unknown, unreadable or invalid."""


MAX_MESSAGE_LENGTH = 280
"""Longest error message: with the CLI's ``dcpower: error: `` it fits one line of 300 characters."""


def shown(value: object, limit: int = 40) -> str:
    """A value as it is echoed in an error message: its repr on one line, cut to `limit` characters.

    The repr escapes newlines, control characters and lone surrogates, so a hostile value can
    neither break the one-line rule nor flood the line: ``shown("a" * 100)`` is ``'aaa…'`` (40
    characters with the ellipsis).
    """
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not replace the error being reported
        text = f"<{type(value).__name__}>"
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Every character str.splitlines() breaks at, written as its escape.
_LINE_BREAKS = {
    ord(c): c.encode("unicode_escape").decode() for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
}


def one_line(message: str, limit: int = MAX_MESSAGE_LENGTH) -> str:
    """A message on one line of at most `limit` characters: line breaks escaped, the middle cut.

    The middle goes, not the end: the end says what is accepted.
    """
    text = message.translate(_LINE_BREAKS)
    if len(text) <= limit:
        return text
    tail = limit // 3
    return text[: limit - tail - 1] + "…" + text[-tail:]


def validation_field(error: ValidationError) -> str | None:
    """The field a pydantic error's first problem is about: its location, or, for a check of the
    whole model, the field of the `InputError` it raised; None where neither names one."""
    first = error.errors(include_url=False)[0]
    location = ".".join(str(part) for part in first["loc"])
    raised = first.get("ctx", {}).get("error")
    return location or getattr(raised, "field", None)


def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a pydantic error as one line: ``field: message``."""
    first = error.errors(include_url=False)[0]
    parts = [str(part) for part in first["loc"]]
    message = first["msg"].removeprefix("Value error, ")
    if parts and message.startswith((parts[-1] + ":", parts[-1] + ".")):
        parts = parts[:-1]  # our own messages already start with the field name
    location = ".".join(parts)
    if len(location) > 60 or not location.isprintable():  # keys come from the user's file
        location = shown(location, 60)
    if first["type"] == "missing":
        return f"{location}: missing (required)"
    message = " ".join(message.split())  # pydantic's own texts may hold newlines
    if first["type"] != "value_error":
        message = f"{message} (got {shown(first.get('input'))})"
    return f"{location}: {message}" if location else message


def one_of(value: object, accepted: Sequence[str], field: str) -> str:
    """`value` when it is one of `accepted`; else an InputError naming the field, the value and
    the accepted ones: ``basis: 'cheap' is not accepted; accepted: unspecified, chip, ...``."""
    if not isinstance(value, str) or value not in accepted:
        raise InputError(
            f"{field}: {shown(value)} is not accepted; accepted: {', '.join(accepted)}", field=field
        )
    return value


def known_name(text: object, names: Sequence[str]) -> str | None:
    """The one of `names` that `text` is, read case-insensitively (``"PUE"`` is ``"pue"``), or None."""
    if not isinstance(text, str):
        return None
    folded = text.strip().lower()
    return next((name for name in names if name.lower() == folded), None)


def did_you_mean(text: object, names: Sequence[str]) -> str:
    """``"did you mean 'pue'? "`` for the closest of `names` to a typo such as ``"peu"``, else ``""``."""
    if not isinstance(text, str):
        return ""
    close = difflib.get_close_matches(text.strip().lower(), [name.lower() for name in names], n=1)
    if not close:
        return ""
    return f"did you mean {next(n for n in names if n.lower() == close[0])!r}? "
