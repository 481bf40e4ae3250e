"""Panels beside the claim: uncertainty, energy and money, orbital, compute.

Each shows the report the matching `dcpower` command prints (`calc.ui.document`), through a
`DocumentView`: calc computes and formats, a panel lays out.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

import calc
import calc.ui
from tui.widgets.documents import DocumentView
from tui.widgets.fields import FieldInput
from tui.widgets.results import View


class OptionInput(FieldInput):
    """An input of a panel (not of the scenario): editing it refreshes only its panel."""


class UncertaintyPanel(Vertical):
    """Monte Carlo percentiles and fit probability, the histogram, and the tornado."""

    def compose(self) -> ComposeResult:
        yield DocumentView(id="mc-summary")
        yield View("", id="mc-histogram")
        yield DocumentView(id="tornado")

    def on_mount(self) -> None:
        self.query_one("#mc-summary", DocumentView).show(["Running…"], first_bold=False)

    def show(self, result: calc.UncertaintyResult, ranking: calc.TornadoResult) -> None:
        """Show `dcpower uncertainty`'s report, the histogram, and `dcpower tornado`'s."""
        self.query_one("#mc-summary", DocumentView).show(calc.ui.document(result))
        heading, *chart = calc.ui.histogram_lines(result)
        self.query_one("#mc-histogram", View).put("\n".join([f"[b]{escape(heading)}[/b]", *chart]))
        self.query_one("#tornado", DocumentView).show(calc.ui.document(ranking))


def preset_values(kind: str, preset_id: str) -> dict[str, str]:
    """The values of a parameter preset as field text (the defaults of a panel's inputs)."""
    preset = calc.load_preset(kind, preset_id)
    return {name: str(parameter.value) for name, parameter in preset.parameters.items()}


def show_error(label: Static, error: calc.CalcError | str) -> None:
    """Show a panel's error line, or hide it when there is none; mark the input it names (the
    error's `field`: a message alone names none)."""
    message = str(error)
    label.update(escape(message))
    label.set_class(bool(message), "-shown")
    panel = label.parent
    if panel is not None:
        named = getattr(error, "field", None)
        for field in panel.query(OptionInput):
            field.set_class(named is not None and field.key.case == named, "-invalid")


def shown_or_error(
    panel: Widget, name: str, result: object, error: calc.CalcError | str
) -> DocumentView | None:
    """The panel's error line (``#NAME-error``) shown or hidden, and its summary
    (``#NAME-summary``) to show `result` in; or None, the summary emptied, when there is no
    result: no figures of other inputs under an input that does not parse."""
    show_error(panel.query_one(f"#{name}-error", Static), error)
    summary = panel.query_one(f"#{name}-summary", DocumentView)
    if result is None:
        summary.clear()
        return None
    return summary


class OptionPanel(Vertical):
    """A panel with its own inputs, whose text `calc` takes as keyword arguments.

    The inputs are the scenario's too (`calc.PANEL_OPTIONS`): `to_model()` gives them keyed as
    the form's fields (``FieldKey("energy", "price")``), `load(fields)` puts them back (a scenario opened, an undo), and an
    edit is an edit of the scenario (saved, undone, asked about on quit).
    """

    KIND = ""
    """The scenario's name for these inputs: "energy" or "orbital"."""

    _fields: tuple[tuple[OptionInput, ...], tuple[Select[str], ...]] | None = None

    def on_mount(self) -> None:
        self.load(self.screen.options_text)  # type: ignore[attr-defined]

    def fields(self) -> tuple[tuple[OptionInput, ...], tuple[Select[str], ...]]:
        """The panel's inputs and its selects (with an id), found once: every key reads them
        twice, and a query walks the panel's whole subtree."""
        if self._fields is not None:
            return self._fields
        found = tuple(self.query(OptionInput)), tuple(s for s in self.query(Select) if s.id)
        if found[0]:  # composed: kept (before, the next look finds them)
            self._fields = found
        return found

    def options(self) -> dict[str, str]:
        """The panel's inputs by the names its question takes them under ("price")."""
        return {str(w.key.case): w.value for w in self.fields()[0]}

    def to_model(self) -> calc.ui.Form:
        """The panel's inputs as fields of the form."""
        values = {w.key: w.value for w in self.fields()[0]}
        values.update((calc.ui.FieldKey(self.KIND, s.id), str(s.value)) for s in self.fields()[1])
        return calc.ui.Form(values)

    def load(self, fields: calc.ui.Form) -> None:
        """Put field text into the panel's inputs, without posting Changed."""
        inputs, selects = self.fields()
        with self.prevent(Input.Changed, Select.Changed):
            for widget in inputs:
                text = fields.get(widget.key)
                if text is not None:
                    widget.value = text
            for select in selects:
                text = fields.get(calc.ui.FieldKey(self.KIND, select.id))
                if text is not None:
                    select.value = text

    def option(self, label: str, key: str, value: str, widget_id: str, tooltip: str) -> ComposeResult:
        """A label and its input (the panel's field `key`), side by side in a panel row."""
        yield Label(label, classes="assumption-name")
        yield OptionInput(
            calc.ui.FieldKey(self.KIND, key), value, id=widget_id, compact=True, tooltip=tooltip
        )


class EnergyPanel(OptionPanel):
    """A year of the scenario's power, and the capital cost of its accelerators."""

    KIND = "energy"

    def compose(self) -> ComposeResult:
        economics = preset_values("economics", "default")
        with Horizontal(classes="panel-row"):
            yield from self.option(
                "load factor",
                "load_factor",
                economics["load_factor"],
                "energy-load-factor",
                "Average / full power",
            )
            yield from self.option(
                "price",
                "price",
                economics["electricity_price"],
                "energy-price",
                "Electricity price, e.g. 0.07 USD/kWh",
            )
        with Horizontal(classes="panel-row"):
            yield from self.option(
                "carbon",
                "carbon",
                economics["carbon_intensity"],
                "energy-carbon",
                "Grid carbon intensity",
            )
            yield from self.option("wue", "wue", economics["wue"], "energy-wue", "Water usage effectiveness")
        yield Static("", id="energy-error", classes="field-error")
        yield DocumentView(id="energy-summary")

    def show(
        self,
        energy: calc.EnergyResult | None,
        cost: calc.CapexResult | str | None,
        error: calc.CalcError | str = "",
    ) -> None:
        """Show `dcpower energy`'s report and `dcpower capex`'s (or why the cost has none)."""
        summary = shown_or_error(self, "energy", energy, error)
        if summary is None:
            return
        document = [*calc.ui.document(energy), ""]
        if isinstance(cost, str):
            document.append(f"Capital cost: {cost}")
        elif cost is not None:
            document += calc.ui.document(cost)
        summary.show(document)


class OrbitalPanel(OptionPanel):
    """What the scenario's power would take in orbit."""

    KIND = "orbital"

    def compose(self) -> ComposeResult:
        orbit = preset_values("orbital", "dawn-dusk-sso")
        with Horizontal(classes="panel-row"):
            yield Label("orbit", classes="assumption-name")
            yield Select(
                [(o, o) for o in calc.list_presets("orbital")],
                value="dawn-dusk-sso",
                allow_blank=False,
                id="orbit",
                compact=True,
            )
        with Horizontal(classes="panel-row"):
            yield from self.option(
                "radiator",
                "radiator_temperature",
                orbit["radiator_temperature"],
                "orbit-radiator",
                "Radiator temperature",
            )
            yield from self.option(
                "emissivity",
                "emissivity",
                orbit["emissivity"],
                "orbit-emissivity",
                "Radiator emissivity, 0-1",
            )
        yield Static("", id="orbital-error", classes="field-error")
        yield DocumentView(id="orbital-summary")
        yield Static("[$text-muted]Lower bounds: ideal radiators facing deep space.[/]", id="orbital-caption")

    def show(self, result: calc.OrbitalResult | None, error: calc.CalcError | str = "") -> None:
        """Show `dcpower orbital`'s report."""
        summary = shown_or_error(self, "orbital", result, error)
        if summary is not None:
            summary.show(calc.ui.document(result))


class ComputePanel(Vertical):
    """What the scenario's power buys in compute: H100e, FLOP/s, FLOP per year, days to 1e25."""

    def compose(self) -> ComposeResult:
        yield Static("", id="compute-error", classes="field-error")
        yield DocumentView(id="compute-summary")

    def show(self, result: calc.ComputeResult | None, error: calc.CalcError | str = "") -> None:
        """Show `dcpower compute`'s report."""
        summary = shown_or_error(self, "compute", result, error)
        if summary is not None:
            summary.show(calc.ui.document(result))
