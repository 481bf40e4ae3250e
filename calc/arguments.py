"""Argument checks for the public functions that take models, flags and counts.

A notebook calls ``calc.claim_document(None)`` or ``calc.ui.timeline_bars(result, nan)`` by
mistake; the answer must be one InputError line naming the argument, the value's type and what
is accepted, as for every other input, never a TypeError from deep inside. `accepts` declares
what each argument takes beside the function it guards:

    @accepts(result="ClaimResult")
    def claim_document(result: ClaimResult) -> Document: ...

A model is named by its class name (this module imports no model), a checker by a function of
(value, where) that returns the value to use (a numpy integer as an int, a single id as a tuple).
"""

from __future__ import annotations

import functools
import inspect
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from calc.errors import InputError, one_of, shown
from calc.units import plain_number

F = TypeVar("F", bound=Callable[..., Any])
Checker = Callable[[Any, str], Any]


def _refuse(where: str, value: Any, accepted: str) -> InputError:
    return InputError(f"{where}: {shown(value)} is of type {type(value).__name__}; accepted: {accepted}")


def _is_model(value: Any, name: str) -> bool:
    return any(cls.__name__ == name for cls in type(value).__mro__)


def model(name: str) -> Checker:
    """An instance of the model class `name`."""

    def check(value: Any, where: str) -> Any:
        if not _is_model(value, name):
            raise _refuse(where, value, f"a calc.{name}")
        return value

    return check


def models(name: str) -> Checker:
    """An iterable of `name` models, checked one by one as it is read (a generator stays lazy)."""

    def check(value: Any, where: str) -> Any:
        try:
            if isinstance(value, (str, bytes, Mapping)):
                raise TypeError
            items = iter(value)  # a 0-d numpy array is Iterable, and iter() refuses it
        except TypeError:
            raise _refuse(where, value, f"an iterable of calc.{name}") from None
        return _each(items, name, where)

    return check


def _each(items: Iterable[Any], name: str, where: str) -> Iterator[Any]:
    for index, item in enumerate(items):
        if not _is_model(item, name):
            raise _refuse(f"{where}[{index}]", item, f"a calc.{name}")
        yield item


def text(value: Any, where: str) -> str:
    """A str."""
    if not isinstance(value, str):
        raise _refuse(where, value, "text (a str)")
    return value


def texts(value: Any, where: str) -> tuple[str, ...]:
    """A tuple of str: one str is taken as a single item (never iterated by character)."""
    if isinstance(value, str):
        return (value,)
    try:
        if isinstance(value, (bytes, Mapping)):
            raise TypeError
        items = tuple(value)  # a 0-d numpy array is Iterable, and iterating it fails
    except TypeError:
        raise _refuse(where, value, "a str or a list or tuple of str") from None
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise _refuse(f"{where}[{index}]", item, "a str")
    return items


def optional(checker: Checker) -> Checker:
    """None, or what `checker` accepts."""

    def check(value: Any, where: str) -> Any:
        return None if value is None else checker(value, where)

    return check


def number(low: float, high: float) -> Checker:
    """A finite real number from `low` to `high` (int, float or a numpy scalar)."""

    def check(value: Any, where: str) -> float:
        value = plain_number(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _refuse(where, value, f"a number from {low:g} to {high:g}")
        try:
            result = float(value)
        except OverflowError:
            result = math.inf
        if not (math.isfinite(result) and low <= result <= high):
            raise InputError(
                f"{where}: {shown(value)} is outside {low:g} to {high:g}; accepted: a finite number in that range"
            )
        return result

    return check


def whole(low: int, high: int) -> Checker:
    """A whole number from `low` to `high` (int or a numpy integer; not a bool, not 2.5)."""

    def check(value: Any, where: str) -> int:
        value = plain_number(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _refuse(where, value, f"a whole number from {low:,} to {high:,}")
        if not low <= value <= high:
            raise InputError(
                f"{where}: {shown(value)} is outside {low:,} to {high:,}; accepted: a whole number in that range"
            )
        return value

    return check


def mapping(value: Any, where: str) -> Any:
    """A mapping (a dict of column -> value)."""
    if not isinstance(value, Mapping):
        raise _refuse(where, value, "a mapping of column -> value, e.g. {'power': '300 MW', 'count': 220000}")
    return value


def path(value: Any, where: str) -> Any:
    """A file path: a str or os.PathLike, without NUL characters."""
    if not isinstance(value, (str, os.PathLike)):
        raise _refuse(where, value, "a file path (str or pathlib.Path)")
    raw = os.fspath(value)
    if ("\x00" if isinstance(raw, str) else b"\x00") in raw:
        raise InputError(
            f"{where}: {shown(str(value))} has a NUL character; accepted: a file path without one"
        )
    return value


def choice(*options: str | None) -> Checker:
    """One of `options` (None among them: no value is accepted too), checked by `one_of`."""
    accepted = [o for o in options if o is not None]

    def check(value: Any, where: str) -> Any:
        return None if value is None and None in options else one_of(value, accepted, where)

    return check


def accepts(_public: str = "", **expected: str | Checker) -> Callable[[F], F]:
    """Check the named arguments of a public function before it runs (see the module docstring).

    A str names a model class; a checker may also convert the value (the function then gets
    what the checker returned). `_public`: the name calc exports the function under, for the
    messages, when it differs from the function's own.
    """

    def decorate(func: F) -> F:
        public = _public or func.__name__
        signature = inspect.signature(func)
        names = list(signature.parameters)
        checks = {name: model(spec) if isinstance(spec, str) else spec for name, spec in expected.items()}
        unknown = set(checks) - set(names)
        assert not unknown, f"{func.__name__} has no argument {unknown}"

        @functools.wraps(func)
        def checked(*args: Any, **kwargs: Any) -> Any:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError:
                return func(*args, **kwargs)  # a wrong call: Python's own TypeError says how
            for name, check in checks.items():
                if name in bound.arguments:
                    bound.arguments[name] = check(bound.arguments[name], f"{public}: {name}")
            return func(*bound.args, **bound.kwargs)

        return checked  # type: ignore[return-value]

    return decorate


def id_pairs(items: Iterable[str], field: str, what: str) -> dict[str, str]:
    """``ID=VALUE`` items (``h100-sxm=150000``) as a mapping of id to value text.

    Raises:
        InputError: An item is not ID=VALUE, or an id is given twice (the message names `field`).
    """
    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"{field}: {shown(item)} must be ID={what}, e.g. 'h100-sxm=150000'")
        if key.strip() in pairs:
            raise InputError(f"{field}: {shown(key.strip())} is given twice")
        pairs[key.strip()] = value.strip()
    return pairs
