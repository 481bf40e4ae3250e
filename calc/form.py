"""The scenario form: the text of each input field, keyed by `FieldKey`, to and from a `Scenario`.

A face shows a scenario as a `Form` (``Form.from_scenario``), lets a person edit its texts, and
hands the form back to be read (``form.parse(base)``): a scenario, or the message of each field
that does not read, keyed by the same `FieldKey`. The form holds text, never numbers: the
parsing and the checks are the core's, once, here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from types import MappingProxyType
from typing import Any

from calc.arguments import accepts
from calc.assumptions import coerce_assumption
from calc.chain import CASES, fleet_item, scenario_assumptions
from calc.errors import CalcError, InputError, one_of, shown
from calc.fieldkeys import FLEET, FieldKey, fleet_rows
from calc.inputs import _validated, option_defaults, scenario_options
from calc.models import CLAIM_BASES, OPTIONAL_RANGES, PANEL_OPTIONS, RANGE_ASSUMPTIONS, FleetEntry, Scenario
from calc.presets import load_assumption_set, number_text
from calc.units import parse_count, parse_number, parse_power

POWER = FieldKey("power")
BASIS = FieldKey("basis")
ACCELERATORS = FieldKey("accelerators")
METHOD = FieldKey("method")
HEADROOM = FieldKey("headroom")
REDUNDANCY = FieldKey("redundancy")


@dataclass(frozen=True, eq=False)
class Form(Mapping[FieldKey, str]):
    """The field texts of a scenario, by `FieldKey`; frozen: an edit is a new form.

    A form reads as a mapping (``form[FieldKey("power")] == "300 MW"``, ``dict(form)``) and
    equals any mapping of the same keys and texts.
    """

    texts: Mapping[FieldKey, str] = dataclass_field(default_factory=dict)
    """Each field's text, by key."""

    def __post_init__(self) -> None:
        texts = dict(self.texts)  # a copy: the caller's mapping may change, the form does not
        for key, text in texts.items():
            if not isinstance(key, FieldKey):
                raise InputError(
                    f"form: key {shown(key)} is not a FieldKey; accepted: FieldKey(name, case, row) "
                    "(Form.read takes keys as text, e.g. 'pue.central')",
                    field="form",
                )
            if not isinstance(text, str):
                raise InputError(f"{key}: {shown(text)} is not text; accepted: a str", field=str(key))
        object.__setattr__(self, "texts", MappingProxyType(texts))

    # ------------------------------------------------------------------------ a mapping

    def __getitem__(self, key: FieldKey) -> str:
        return self.texts[key]

    def __iter__(self) -> Iterator[FieldKey]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.texts) == dict(other.items())

    def __hash__(self) -> int:
        return hash(frozenset(self.texts.items()))

    def __repr__(self) -> str:
        return f"Form({ {str(key): text for key, text in self.texts.items()}!r})"

    # ------------------------------------------------------------------------ building

    @classmethod
    def from_scenario(cls, current: Scenario) -> Form:
        """The scenario as the text of each field (see `scenario_fields`)."""
        return scenario_fields(current)

    @classmethod
    def read(cls, texts: Mapping[str, str]) -> Form:
        """A form from texts keyed as text (``{"pue.central": "1.2"}``), each key read by
        `FieldKey.parse`: for scripts and tests that write keys as the faces name them."""
        if not isinstance(texts, Mapping):
            raise InputError(
                f"form: {shown(texts)} is not a mapping; accepted: {{'pue.central': '1.2', ...}}",
                field="form",
            )
        for key in texts:
            if not isinstance(key, str):
                raise InputError(
                    f"form: key {shown(key)} is not text; accepted: a field key as text, e.g. 'pue.central'",
                    field="form",
                )
        return cls({FieldKey.parse(key): text for key, text in texts.items()})

    def value(self, key: FieldKey, default: str = "") -> str:
        """The text of the field `key`, or `default` where the form has no such field."""
        return self.texts.get(key, default)

    def with_value(self, key: FieldKey, text: str) -> Form:
        """The same form with one field's text set (added where the form has no such field)."""
        return self.updated({key: text})

    def updated(self, texts: Mapping[FieldKey, str]) -> Form:
        """The same form with the fields of `texts` set to theirs."""
        return Form({**self.texts, **texts})

    def without(self, *keys: FieldKey) -> Form:
        """The same form without the fields `keys`."""
        return Form({key: text for key, text in self.texts.items() if key not in keys})

    def group(self, *names: str) -> Form:
        """The fields of the named groups only: ``form.group("energy", "orbital")`` is the
        panels' inputs, ``form.group("pue")`` the three cases of the PUE."""
        return Form({key: text for key, text in self.texts.items() if key.name in names})

    def fleet_rows(self) -> list[int]:
        """The fleet rows the form holds, in order (a row's number need not be its place)."""
        return fleet_rows(self.texts)

    def fleet_row(self, row: int) -> tuple[str, str]:
        """A fleet row's texts: its accelerator (an id, or ``id@system``) and its count."""
        return (
            self.value(FieldKey.fleet(row, "accelerator")),
            self.value(FieldKey.fleet(row, "count")),
        )

    def parse(self, base: Scenario) -> tuple[Scenario | None, dict[FieldKey, str]]:
        """Read every field (see `parse_fields`): the scenario, or None and each bad field's message."""
        return parse_fields(self, base)


@accepts(current="Scenario")
def scenario_fields(current: Scenario) -> Form:
    """The scenario as the text of each input field (the form `parse_fields` takes).

    Assumptions show their resolved values (method, site facts and overrides applied).

    Raises:
        CalcError: The scenario's assumptions do not resolve.
    """
    assumptions = scenario_assumptions(current)
    power = current.power
    fields = {
        POWER: "" if power is None else f"{number_text(power.magnitude)} {power.units:~}",
        BASIS: current.basis or "unspecified",
        ACCELERATORS: "" if current.accelerators is None else str(current.accelerators),
        METHOD: current.method,
        HEADROOM: number_text(assumptions.headroom),
        REDUNDANCY: assumptions.redundancy.label,
    }
    for index, entry in enumerate(current.fleet):
        amount = entry.count if entry.count is not None else entry.weight
        # "id@system" names a system other than the accelerator's default (the TUI's choices)
        default = entry.system is None or fleet_item(entry.accelerator).system.id == entry.system
        fields[FieldKey.fleet(index, "accelerator")] = (
            entry.accelerator if default else f"{entry.accelerator}@{entry.system}"
        )
        fields[FieldKey.fleet(index, "count")] = number_text(amount if amount is not None else 1.0)
    for name in RANGE_ASSUMPTIONS:
        values = getattr(assumptions, name)
        for case in CASES:
            fields[FieldKey(name, case)] = number_text(values.value(case))
    for kind in PANEL_OPTIONS:
        fields.update((FieldKey(kind, key), text) for key, text in scenario_options(current, kind).items())
    # an optional range (server_factor: Epoch's TDP x factor) only where the method sets it;
    # empty fields otherwise
    for name in OPTIONAL_RANGES:
        factor = getattr(assumptions, name)
        for case in CASES:
            fields[FieldKey(name, case)] = "" if factor is None else number_text(factor.value(case))
    return Form(fields)


def _option_keys(kind: str) -> Iterable[tuple[str, FieldKey]]:
    return ((key, FieldKey(kind, key)) for key in PANEL_OPTIONS[kind])


@accepts(base="Scenario")
def parse_fields(form: Form, base: Scenario) -> tuple[Scenario | None, dict[FieldKey, str]]:
    """Validate every field; return the scenario, or None and a message per bad field.

    An assumption becomes an override only where its fields differ from what the method and
    the site facts give, so that switching the method keeps the user's own values and nothing
    else. The bounds of the base's claim ("more than 300 MW", "over 220,000 GPUs") are kept
    while the power and the count read as the base's; a power or count edited to another
    figure is that figure, exactly.

    Args:
        form: The field texts (see `scenario_fields`); fleet rows are ``FieldKey.fleet(N,
            "accelerator")`` (an id, or ``id@system``) and ``FieldKey.fleet(N, "count")``.
        base: The scenario being edited (its id, name, facility, site facts and sources carry
            over).

    Returns:
        The scenario, or None; the message of each field that does not read, by its key
        (``FieldKey.SCENARIO`` for a problem of the whole scenario).
    """
    if not isinstance(form, Form):
        if not isinstance(form, Mapping):
            raise InputError(
                f"form: {shown(form)} is not a Form; accepted: a Form, or a mapping of FieldKey to text",
                field="form",
            )
        form = Form(form)  # a mapping of FieldKeys; anything else is refused in one line
    errors: dict[FieldKey, str] = {}

    def attempt(key: FieldKey, parse: Any) -> Any:
        try:
            return parse()
        except CalcError as error:
            errors[key] = str(error)
            return None

    power = attempt(POWER, lambda: parse_power(form.value(POWER), allow_apparent=True))
    basis = attempt(BASIS, lambda: one_of(form.value(BASIS, "unspecified"), CLAIM_BASES, "basis"))
    accelerators = attempt(ACCELERATORS, lambda: parse_count(form.value(ACCELERATORS), "accelerators"))
    method = form.value(METHOD, base.method)
    attempt(METHOD, lambda: load_assumption_set(method))
    entries: list[FleetEntry] = []
    rows = form.fleet_rows()
    for row in rows:
        accelerator_key, count_key = FieldKey.fleet(row, "accelerator"), FieldKey.fleet(row, "count")
        accelerator_text, count_text = form.fleet_row(row)
        accelerator, _, system = accelerator_text.partition("@")
        count = attempt(
            count_key,
            lambda row=row, text=count_text: parse_count(text, f"fleet row {row + 1}: count", whole=False),
        )
        known = attempt(accelerator_key, lambda a=accelerator, s=system: fleet_item(a, s or None))
        if known is not None and count is not None:
            entries.append(FleetEntry(accelerator=accelerator, system=system or None, count=count))
    if not rows:
        errors[FieldKey(FLEET)] = "fleet: add at least one accelerator type"
    elif len({(e.accelerator, e.system) for e in entries}) != len(entries):
        errors[FieldKey(FLEET)] = "fleet: each accelerator type may appear once"
    if errors.get(METHOD) is not None:
        return None, errors

    # the reference is what the method gives this fleet (a method may calibrate per accelerator)
    reference = scenario_assumptions(
        _validated({**dict(base), "method": method, "overrides": {}, "fleet": tuple(entries) or base.fleet})
    )
    # assumptions the form does not give keep their overrides (server_factor, for a caller
    # whose form has none)
    ranged = (*RANGE_ASSUMPTIONS, *(name for name in OPTIONAL_RANGES if FieldKey(name, "central") in form))
    overrides: dict[str, Any] = {
        name: value
        for name, value in base.overrides.items()
        if name not in (*ranged, "headroom", "redundancy")
    }
    for name in ranged:
        texts = [form.value(FieldKey(name, case)) for case in CASES]
        if name in OPTIONAL_RANGES and not any(t.strip() for t in texts) and getattr(reference, name) is None:
            continue  # a method without it (the system's nameplate is used), and none given
        numbers = [
            attempt(FieldKey(name, case), lambda n=name, t=text: parse_number(t, n))
            for case, text in zip(CASES, texts, strict=True)
        ]
        if any(n is None for n in numbers):
            continue
        given = getattr(reference, name)
        if given is None or numbers != [given.low, given.central, given.high]:
            text = ":".join(repr(float(n)) for n in numbers)
            overrides[name] = attempt(FieldKey(name, "low"), lambda n=name, t=text: coerce_assumption(n, t))
    for key in (HEADROOM, REDUNDANCY):
        value = attempt(key, lambda k=key: coerce_assumption(k.name, form.value(k)))
        if value is None:
            continue
        if key == HEADROOM and value != reference.headroom:
            overrides[key.name] = value
        if key == REDUNDANCY and value.label != reference.redundancy.label:
            overrides[key.name] = value.label
    if errors or power is None or accelerators is None:
        return None, errors
    bounds: dict[str, Any] = {}
    if base.power is None or power != base.power:
        bounds["power_bound"] = "exact"
    if int(accelerators) != base.accelerators:
        bounds["count_bound"], bounds["accelerators_high"] = "exact", None
    # a derived figure edited to another is the user's own: the claim is then judged
    edited = {"power": "power_bound" in bounds, "count": "count_bound" in bounds}
    bounds["derived"] = tuple(name for name in base.derived if not edited[name])
    # the panels' inputs: those other than their presets', as text (their questions check them)
    defaults = option_defaults()
    options = {
        kind: {
            option: form[key]
            for option, key in _option_keys(kind)
            if key in form and form[key] != defaults[key]
        }
        if any(key in form for _, key in _option_keys(kind))
        else getattr(base, kind)
        for kind in PANEL_OPTIONS
    }
    candidate = {
        **dict(base),
        **bounds,
        **options,
        "power": power,
        "basis": basis,
        "accelerators": int(accelerators),
        "fleet": tuple(entries),
        "method": method,
        "overrides": overrides,
    }
    try:
        parsed = _validated(candidate)
        scenario_assumptions(parsed)
    except CalcError as error:
        name = getattr(error, "field", None) or ""
        key = FieldKey(name, "central") if name in RANGE_ASSUMPTIONS else FieldKey.parse(name)
        return None, {key if key in form else FieldKey.SCENARIO: str(error)}
    return parsed, {}


__all__ = ["Form", "parse_fields", "scenario_fields"]
