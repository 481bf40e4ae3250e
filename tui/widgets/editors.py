"""Editors of the scenario's inputs: the claim, the fleet, the assumptions.

Each editor owns its fields and their error lines. `to_model()` gives its field text, keyed as
`calc.ui.parse_fields` takes it; `load(fields)` puts field text back (a scenario opened, an undo);
`mark(errors)` marks the fields calc rejected, with calc's messages. Fields and errors are keyed
by `calc.ui.FieldKey`; a key is written as text only for a widget's id. An edit posts one
`Editor.Changed`; the screen parses the fields of all the editors through calc and schedules
the report. Editors hold text, never numbers: the parsing and the power math are calc's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

import calc
import calc.ui
from tui.widgets.fields import FieldInput, FleetRow

ASSUMPTION_FIELDS = calc.ui.RANGE_ASSUMPTIONS
"""The assumptions every set gives, each edited as low / central / high."""
FieldKey = calc.ui.FieldKey
Form = calc.ui.Form


def assumption_rows(
    table: Iterable[calc.Assumption] = calc.ASSUMPTIONS,
) -> tuple[tuple[str, tuple[tuple[calc.ui.FieldKey, str], ...], bool], ...]:
    """The assumption editor's rows, from the table: (name, ((field key, tooltip), ...),
    optional). A range has three fields (low / central / high); a planning choice one. An
    optional range (server_factor) shows only where the method sets it."""
    made = []
    for row in calc.ui.edited_rows(table):
        if row.kind == "range":
            note = "" if row.required else f": {row.meaning}"
            keys = tuple((FieldKey(row.name, case), f"{row.name}, {case} case{note}") for case in CASES)
        else:
            keys = ((FieldKey(row.name), row.hint or row.meaning),)
        made.append((row.name, keys, row.kind == "range" and not row.required))
    return tuple(made)


CASES = ("low", "central", "high")
ROWS = assumption_rows()
OPTIONAL = tuple(name for name, _, optional in ROWS if optional)
"""The optional ranges: a row shows only where the method sets it."""


class Editor(Vertical):
    """A group of the scenario's fields (see the module docstring)."""

    DEFAULT_CSS = """
    Editor { height: auto; }
    """

    GROUPS: tuple[str, ...] = ()
    """The error groups whose messages show in this editor, one line each."""

    class Changed(Message):
        """A field of the editor was edited (by a person; not by `load`)."""

        def __init__(self, editor: Editor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, fields: calc.ui.Form, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self._fields = fields
        self._inputs: list[FieldInput] | None = None
        self._selects: list[tuple[calc.ui.FieldKey, Select[str]]] | None = None
        self._known: calc.ui.Form | None = None
        """The fields as last loaded or posted: an Input also posts Changed when it mounts."""

    def on_mount(self) -> None:
        self._known = self.to_model()

    def error_lines(self) -> Iterator[Static]:
        for group in self.GROUPS:
            yield Static("", id=f"error-{group}", classes="field-error")

    # ---------------------------------------------------------------------------- fields

    def inputs(self) -> list[FieldInput]:
        """The editor's text fields, found once per layout (a query walks the whole subtree)."""
        if self._inputs is None:
            self._inputs = list(self.query(FieldInput))
        return self._inputs

    def selects(self) -> list[tuple[calc.ui.FieldKey, Select[str]]]:
        """The editor's selects, by field key (a select's name is its field's: "basis", "method")."""
        if self._selects is None:
            self._selects = [(FieldKey(s.name), s) for s in self.query(Select) if s.name]
        return self._selects

    def forget_layout(self) -> None:
        """Fields were added or removed: find them again."""
        self._inputs = self._selects = None

    def to_model(self) -> calc.ui.Form:
        """The text of the editor's fields, as `calc.ui.parse_fields` takes them."""
        values = {w.key: w.value for w in self.inputs()}
        values.update((key, str(select.value)) for key, select in self.selects())
        return Form(values)

    async def load(self, fields: calc.ui.Form) -> None:
        """Put field text into the editor's fields, without posting `Changed`."""
        with self.prevent(Input.Changed, Select.Changed):
            for widget in self.inputs():
                if widget.key in fields:
                    widget.value = fields[widget.key]
            for key, select in self.selects():
                if key in fields:
                    select.value = fields[key]
        self._known = self.to_model()

    def mark(self, errors: Mapping[calc.ui.FieldKey, str]) -> None:
        """Mark the fields calc rejected and show its messages under them."""
        for widget in self.inputs():
            widget.set_class(widget.key in errors, "-invalid")
        for key, select in self.selects():
            select.set_class(key in errors, "-invalid")
        for group in self.GROUPS:
            messages = [m for k, m in errors.items() if k.name == group]
            label = self.query_one(f"#error-{group}", Static)
            label.update("\n".join(messages))
            label.set_class(bool(messages), "-shown")

    # ---------------------------------------------------------------------------- events

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        if isinstance(event, Select.Changed) and event.select.id == "method":
            # the method brings its own values: AssumptionsEditor.MethodChosen, then Changed
            self.post_message(AssumptionsEditor.MethodChosen(str(event.value)))
            return
        self.changed()

    def changed(self) -> None:
        """Post `Changed` if the fields differ from those last loaded or posted."""
        fields = self.to_model()
        if fields != self._known:
            self._known = fields
            self.post_message(self.Changed(self))


class ClaimEditor(Editor):
    """The claim: its power and basis, and the accelerator count it gives."""

    GROUPS = ("power", "basis", "accelerators")

    def compose(self) -> ComposeResult:
        fields = self._fields
        yield Label("Power and its basis", classes="field-label")
        with Horizontal(classes="field-row"):
            yield FieldInput(
                FieldKey("power"),
                fields[FieldKey("power")],
                id="power",
                compact=True,
                tooltip="The quoted power, e.g. 300 MW (kVA/MVA use the power factor)",
            )
            yield Select(
                [(b, b) for b in calc.CLAIM_BASES],
                value=fields[FieldKey("basis")],
                allow_blank=False,
                id="basis",
                name="basis",
                compact=True,
                tooltip="Where the power is measured: chip, server, it, facility, supply, or unspecified (both it and facility)",
            )
        yield Static("", id="error-power", classes="field-error")
        yield Static("", id="error-basis", classes="field-error")
        yield Label("Claimed accelerators", classes="field-label")
        yield FieldInput(
            FieldKey("accelerators"),
            fields[FieldKey("accelerators")],
            id="accelerators",
            compact=True,
            tooltip="The accelerator count the claim gives",
        )
        yield Static("", id="error-accelerators", classes="field-error")


class FleetEditor(Editor):
    """The fleet: one row per accelerator type (in its system), each with a count or weight."""

    GROUPS = ("fleet",)

    def __init__(self, fields: calc.ui.Form, options: list[tuple[str, str]], **kwargs: str) -> None:
        super().__init__(fields, **kwargs)
        self.options = options
        """The accelerator choices of a row: each accelerator in each system that holds it."""
        self._next_row = 0

    def _rows(self, fields: calc.ui.Form) -> Iterable[FleetRow]:
        indices = fields.fleet_rows()
        self._next_row = max(indices, default=-1) + 1
        for i in indices:
            yield FleetRow(i, *fields.fleet_row(i), self.options)

    def compose(self) -> ComposeResult:
        yield Label("Fleet mix (count or weight)", classes="field-label")
        with Vertical(id="fleet"):
            yield from self._rows(self._fields)
        yield Button("+ accelerator type", id="add-fleet", compact=True)
        yield from self.error_lines()

    def selects(self) -> list[tuple[calc.ui.FieldKey, Select[str]]]:
        if self._selects is None:
            self._selects = [
                (FieldKey.fleet(row.index, "accelerator"), row.query_one(".fleet-accelerator", Select))
                for row in self.query(FleetRow)
            ]
        return self._selects

    async def load(self, fields: calc.ui.Form) -> None:
        """Bring the rows to the fields: a row that stays keeps its widgets (and the focus, if
        it has it) and takes the new text in place; rows gone are removed, rows new are mounted
        in their place. An undo never destroys the focused field, so the next key lands in it."""
        fleet = self.query_one("#fleet", Vertical)
        wanted = fields.fleet_rows()
        rows = {row.index: row for row in self.query(FleetRow)}
        focused = self.screen.focused
        focused_row = (
            next((a.index for a in focused.ancestors if isinstance(a, FleetRow)), None) if focused else None
        )
        with self.prevent(Input.Changed, Select.Changed):
            gone = [row for index, row in rows.items() if index not in wanted]
            if gone:
                await fleet.remove_children(gone)
            for position, index in enumerate(wanted):
                if index in rows:
                    continue
                row = FleetRow(index, *fields.fleet_row(index), self.options)
                later = [rows[i] for i in wanted[position + 1 :] if i in rows]
                await fleet.mount(row, before=later[0] if later else None)
                rows[index] = row
            self._next_row = max(wanted, default=-1) + 1
            self.forget_layout()
            await super().load(fields)
        if focused_row is not None and focused_row not in wanted:
            # the focused row went: focus the next row's count, as removing a row by hand does
            after = [rows[i] for i in wanted if i > focused_row]
            target = after[0].query_one(FieldInput) if after else self.query_one("#add-fleet", Button)
            target.focus()

    async def add_row(self) -> None:
        """Add an accelerator type (focused, ready to edit)."""
        row = FleetRow(self._next_row, "h100-sxm", "1000", self.options)
        self._next_row += 1
        await self.query_one("#fleet", Vertical).mount(row)
        self.forget_layout()
        row.query_one(FieldInput).focus()
        self.changed()

    @on(Button.Pressed, "#add-fleet")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_row()

    @on(Button.Pressed, ".fleet-remove")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        rows = list(self.query(FleetRow))
        if len(rows) == 1:
            self.notify("The fleet needs at least one accelerator type.", severity="warning")
            return
        row = next(r for r in rows if event.button in r.children)
        after = rows[rows.index(row) + 1] if row is not rows[-1] else None
        await row.remove()
        self.forget_layout()
        # focus never lands on another row's remove button: Enter three times removes one row
        if after is not None:
            after.query_one(FieldInput).focus()
        else:
            self.query_one("#add-fleet", Button).focus()
        self.changed()


class AssumptionsEditor(Editor):
    """The method (assumption set), each assumption's low / central / high, headroom, redundancy."""

    GROUPS = tuple(name for name, _, _ in ROWS)

    class MethodChosen(Message):
        """Another method was chosen: the screen asks calc for its values."""

        def __init__(self, method: str) -> None:
            super().__init__()
            self.method = method

    def __init__(self, fields: calc.ui.Form, methods: list[str], **kwargs: str) -> None:
        super().__init__(fields, **kwargs)
        self.methods = methods

    def compose(self) -> ComposeResult:
        fields = self._fields
        yield Label("Method", classes="field-label")
        yield Select(
            [(m, m) for m in self.methods],
            value=fields[FieldKey("method")],
            allow_blank=False,
            id="method",
            name="method",
            compact=True,
            tooltip="The assumption set: default ranges or a published method",
        )
        yield Label("Assumptions: low/central/high", classes="field-label")
        planning = [(name, keys) for name, keys, _ in ROWS if len(keys) == 1]
        for name, keys, optional in ROWS:
            if len(keys) == 1:
                continue
            row = Horizontal(classes="field-row assumption-row", id=f"{name}-row")
            if optional:
                # Epoch's server power = TDP x server_factor: shown where the method uses it
                row.display = self._uses(name, fields)
            with row:
                yield Label(name, classes="assumption-name")
                for key, tooltip in keys:
                    yield FieldInput(
                        key,
                        fields.value(key),
                        id=key.widget_id,
                        compact=True,
                        classes="assumption",
                        tooltip=tooltip,
                    )
            yield Static("", id=f"error-{name}", classes="field-error")
        with Horizontal(classes="field-row assumption-row planning-row"):
            for name, ((key, tooltip),) in planning:
                yield Label(name, classes="assumption-name")
                yield FieldInput(
                    key, fields[key], id=key.widget_id, compact=True, classes="assumption", tooltip=tooltip
                )
        for name, _ in planning:
            yield Static("", id=f"error-{name}", classes="field-error")

    @staticmethod
    def _uses(name: str, fields: calc.ui.Form) -> bool:
        return any(fields.value(FieldKey(name, case)) for case in CASES)

    async def load(self, fields: calc.ui.Form) -> None:
        """Put field text in; an optional range's row shows when the method sets it."""
        await super().load(fields)
        for name in OPTIONAL:
            if FieldKey(name, "central") in fields:
                self.query_one(f"#{name}-row").display = self._uses(name, fields)

    async def load_values(self, fields: calc.ui.Form) -> None:
        """Put a method's values in (not the method itself): an edit, so it posts `Changed`."""
        await self.load(fields.without(FieldKey("method")))
        self.post_message(self.Changed(self))  # the method itself changed, whatever the values
