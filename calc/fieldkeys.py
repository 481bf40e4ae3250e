"""The keys of the scenario form, typed: what `scenario_fields` gives and `parse_fields` takes.

A key is written as text where a face needs one (a widget's id, a message): ``power``,
``pue.central`` (an assumption's case), ``energy.price`` (a panel's input), ``fleet.0.count``
(a fleet row's part). `str` writes it and `FieldKey.parse` reads it back, here alone, so no face
splits the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

FLEET = "fleet"
"""The group of the fleet rows' keys."""


@dataclass(frozen=True, order=True)
class FieldKey:
    """One field of the form: its group (`name`), its part (`case`) and, in the fleet, its row.

    ``FieldKey.parse("pue.central") == FieldKey("pue", "central")``;
    ``str(FieldKey("fleet", "count", row=0)) == "fleet.0.count"``.
    """

    name: str
    case: str | None = None
    row: int | None = None

    SCENARIO: ClassVar[FieldKey]
    """The key of a problem of the whole scenario, which no one field holds."""

    @classmethod
    def parse(cls, text: str) -> FieldKey:
        """The key written as `text` (the inverse of `str`)."""
        name, _, rest = text.partition(".")
        if name == FLEET and rest:
            row, _, part = rest.partition(".")
            if row.isascii() and row.isdigit():
                return cls(name, part or None, int(row))
        return cls(name, rest or None)

    @classmethod
    def fleet(cls, row: int, part: str) -> FieldKey:
        """A fleet row's field: ``FieldKey.fleet(0, "count")`` is ``fleet.0.count``."""
        return cls(FLEET, part, row)

    def _parts(self) -> list[str]:
        parts = [self.name]
        if self.row is not None:
            parts.append(str(self.row))
        if self.case is not None:
            parts.append(self.case)
        return parts

    def __str__(self) -> str:
        return ".".join(self._parts())

    @property
    def widget_id(self) -> str:
        """The key as a widget's id, which takes no dots: ``pue-central``, ``fleet-0-count``."""
        return "-".join(self._parts())


FieldKey.SCENARIO = FieldKey("scenario")


def fleet_rows(keys: Iterable[FieldKey]) -> list[int]:
    """The fleet rows the keys hold, in order: the keys of rows 1 and 0 give [0, 1]."""
    return sorted({key.row for key in keys if key.row is not None})


__all__ = ["FLEET", "FieldKey", "fleet_rows"]
