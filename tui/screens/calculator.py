"""The calculator: a scenario's inputs on the left, its report on the right.

The screen owns the scenario and its report. Every edit collects the fields, lets calc parse
and evaluate them, and shows the result; a field calc rejects is marked with calc's message and
the last good report stays on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

import calc
from tui.widgets import (
    ChainBars,
    EnergyPanel,
    FieldInput,
    FleetRow,
    Headline,
    MethodsTable,
    Notes,
    OptionInput,
    OrbitalPanel,
    ReadingsTable,
    UncertaintyPanel,
)

MC_SAMPLES = 100_000
"""Samples drawn while editing (about 10 ms); the CLI runs a million on demand."""
MC_SEED = 0
"""A fixed seed: the same scenario always shows the same distribution."""

ASSUMPTION_STEPS = {"draw_factor": 0.01, "it_overhead": 0.01, "pue": 0.01, "power_factor": 0.01}
ERROR_GROUPS = (
    "power",
    "basis",
    "accelerators",
    "fleet",
    *ASSUMPTION_STEPS,
    "headroom",
    "redundancy",
    "scenario",
)


def _group(key: str) -> str:
    return key.split(".", 1)[0]


class CalculatorScreen(Screen[None]):
    """Edit a claim's inputs; see its verdict, chain, readings and methods."""

    BINDINGS = [
        Binding("ctrl+n", "add_fleet_row", "Add", tooltip="Add an accelerator type to the fleet."),
        # the tabs show these panels too; the keys are listed in the help screen
        Binding("f2", "panel('claim')", "Claim", show=False, tooltip="Verdict, chain, readings, methods."),
        Binding("f3", "panel('uncertainty')", "Uncertainty", show=False, tooltip="Monte Carlo and tornado."),
        Binding(
            "f4", "panel('energy')", "Energy", show=False, tooltip="Energy, money, carbon, water, capex."
        ),
        Binding("f5", "panel('orbital')", "Orbital", show=False, tooltip="The same power in orbit."),
    ]

    def __init__(self, scenario: calc.Scenario, source: str) -> None:
        super().__init__()
        self.base = scenario
        """The scenario being edited as it was loaded (id, name, sources carry over)."""
        self.source = source
        """The facility id or file the scenario came from."""
        self.scenario = scenario
        """The last scenario that parsed."""
        self.report = calc.evaluate(scenario)
        """The report of `scenario`: what the results show."""
        self.saved_fields = calc.scenario_fields(scenario)
        """The fields as last loaded or saved, to tell unsaved changes."""
        self.errors: dict[str, str] = {}
        """Messages of the fields that do not parse, by field key."""
        self.save_path: Path | None = Path(source) if source.endswith(".toml") else None
        self._next_row = len(scenario.fleet)
        self._last_fields: dict[str, str] | None = None
        """The fields of the last recompute: Inputs post Changed when mounted and when set
        in code, and a recompute of the same fields would change nothing."""
        self._panels_shown: dict[str, object] = {}
        """Per side panel, the scenario and options it last showed: panels are computed when
        their tab is visible and their inputs changed, never for a hidden tab."""

    # ----------------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        fields = calc.scenario_fields(self.scenario)
        yield Header()
        with Horizontal(id="body"):
            with VerticalScroll(id="inputs"):
                yield Label("Facility", classes="field-label")
                yield Select(
                    self._facility_options(),
                    value=self._facility_value(),
                    prompt="(saved scenario)",
                    id="facility",
                    compact=True,
                    tooltip="A bundled or user facility preset",
                )
                yield Label("Power and its basis", classes="field-label")
                with Horizontal(classes="field-row"):
                    yield FieldInput(
                        "power",
                        fields["power"],
                        1.0,
                        id="power",
                        compact=True,
                        tooltip="The quoted power, e.g. 300 MW (kVA/MVA use the power factor)",
                    )
                    yield Select(
                        [(b, b) for b in calc.CLAIM_BASES],
                        value=fields["basis"],
                        allow_blank=False,
                        id="basis",
                        compact=True,
                        tooltip="Where the power is measured",
                    )
                yield Static("", id="error-power", classes="field-error")
                yield Static("", id="error-basis", classes="field-error")
                yield Label("Claimed accelerators", classes="field-label")
                yield FieldInput(
                    "accelerators",
                    fields["accelerators"],
                    1000.0,
                    id="accelerators",
                    compact=True,
                    tooltip="The accelerator count the claim gives",
                )
                yield Static("", id="error-accelerators", classes="field-error")
                yield Label("Fleet mix (count or weight)", classes="field-label")
                with Vertical(id="fleet"):
                    for index, entry in enumerate(self.scenario.fleet):
                        yield FleetRow(
                            index,
                            entry.accelerator,
                            fields[f"fleet.{index}.count"],
                            self._accelerator_options(),
                        )
                yield Button("+ accelerator type", id="add-fleet", compact=True)
                yield Static("", id="error-fleet", classes="field-error")
                yield Label("Method", classes="field-label")
                yield Select(
                    [(m, m) for m in calc.list_presets("assumptions")],
                    value=self.scenario.method,
                    allow_blank=False,
                    id="method",
                    compact=True,
                    tooltip="The assumption set: default ranges or a published method",
                )
                yield Label("Assumptions: low / central / high", classes="field-label")
                for name in ASSUMPTION_STEPS:
                    with Horizontal(classes="field-row assumption-row"):
                        yield Label(name, classes="assumption-name")
                        for case in ("low", "central", "high"):
                            yield FieldInput(
                                f"{name}.{case}",
                                fields[f"{name}.{case}"],
                                ASSUMPTION_STEPS[name],
                                id=f"{name}-{case}",
                                compact=True,
                                classes="assumption",
                                tooltip=f"{name}, {case} case",
                            )
                    yield Static("", id=f"error-{name}", classes="field-error")
                with Horizontal(classes="field-row assumption-row"):
                    yield Label("headroom", classes="assumption-name")
                    yield FieldInput(
                        "headroom",
                        fields["headroom"],
                        0.01,
                        id="headroom",
                        compact=True,
                        classes="assumption",
                        tooltip="Share of supply kept unused",
                    )
                    yield Label("redundancy", classes="assumption-name")
                    yield FieldInput(
                        "redundancy",
                        fields["redundancy"],
                        1.0,
                        id="redundancy",
                        compact=True,
                        classes="assumption",
                        tooltip="N, 2N, 4N/3, 3N/2 or k+1 such as 3+1",
                    )
                yield Static("", id="error-headroom", classes="field-error")
                yield Static("", id="error-redundancy", classes="field-error")
                yield Static("", id="error-scenario", classes="field-error")
            with TabbedContent(id="results", initial="claim"):
                with TabPane("Claim", id="claim"), VerticalScroll():
                    yield Headline(id="headline")
                    yield ChainBars(id="chain")
                    yield Label("Readings and break-even values", classes="section-title")
                    yield ReadingsTable(id="readings")
                    yield Label("The same claim under each method", classes="section-title")
                    yield MethodsTable(id="methods")
                    yield Notes(id="notes")
                with TabPane("Uncertainty", id="uncertainty"), VerticalScroll():
                    yield UncertaintyPanel(id="uncertainty-panel")
                with TabPane("Energy & money", id="energy"), VerticalScroll():
                    yield EnergyPanel(id="energy-panel")
                with TabPane("Orbital", id="orbital"), VerticalScroll():
                    yield OrbitalPanel(id="orbital-panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._last_fields = self.fields()  # the report of __init__ is for these very fields
        self.show_report()
        self.query_one("#power", FieldInput).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    # ----------------------------------------------------------------------------- helpers

    def _facility_options(self) -> list[tuple[str, str]]:
        return [(calc.load_facility(i).name, i) for i in calc.list_presets("facilities")]

    def _facility_value(self) -> Any:
        return (
            self.base.id
            if self.base.id in calc.list_presets("facilities") and not self.save_path
            else Select.NULL
        )

    def _accelerator_options(self) -> list[tuple[str, str]]:
        # each accelerator in its default system, then in every other system that holds it
        choices = calc.accelerator_choices()
        return [(choice, choice) for choice in choices]

    def fields(self) -> dict[str, str]:
        """The text of every field, keyed as calc.parse_fields takes them."""
        values: dict[str, str] = {
            w.key: w.value for w in self.query(FieldInput) if not isinstance(w, OptionInput)
        }
        values["basis"] = str(self.query_one("#basis", Select).value)
        values["method"] = str(self.query_one("#method", Select).value)
        for row in self.query(FleetRow):
            values[f"fleet.{row.index}.accelerator"] = str(row.query_one(".fleet-accelerator", Select).value)
        return values

    @property
    def dirty(self) -> bool:
        """True when the fields differ from what was last loaded or saved."""
        if self.errors:
            return True
        return calc.scenario_fields(self.scenario) != self.saved_fields

    # --------------------------------------------------------------------------- recompute

    def recompute(self, force: bool = False) -> None:
        """Parse every field through calc; show the new report, or mark what does not parse."""
        fields = self.fields()
        if fields == self._last_fields and not force:
            return
        self._last_fields = fields
        scenario, errors = calc.parse_fields(fields, self.base)
        if scenario is not None:
            try:
                report = calc.evaluate(scenario)
            except calc.CalcError as error:
                errors = {"scenario": str(error)}
            else:
                self.scenario, self.report = scenario, report
        self.errors = errors
        self.show_errors()
        self.show_report()

    def show_errors(self) -> None:
        for widget in self.query(FieldInput):
            if not isinstance(widget, OptionInput):
                widget.set_class(widget.key in self.errors, "-invalid")
        for row in self.query(FleetRow):
            row.query_one(".fleet-accelerator", Select).set_class(
                f"fleet.{row.index}.accelerator" in self.errors, "-invalid"
            )
        for group in ERROR_GROUPS:
            messages = [m for k, m in self.errors.items() if _group(k) == group]
            label = self.query_one(f"#error-{group}", Static)
            label.update("\n".join(messages))
            label.set_class(bool(messages), "-shown")

    def show_report(self) -> None:
        self.query_one(Headline).show(self.report, stale=bool(self.errors))
        self.query_one(ChainBars).show(self.report)
        self.query_one(ReadingsTable).show(self.report)
        self.query_one(MethodsTable).show(self.report)
        self.query_one(Notes).show(self.report)
        self.app.sub_title = self.base.name + ("  •  unsaved" if self.dirty else "")
        self.show_panels()

    # ------------------------------------------------------------------------------ panels

    def show_panels(self) -> None:
        """Bring the visible side panel up to date (the Monte Carlo in a worker)."""
        active = self.query_one(TabbedContent).active
        if active == "energy":
            self._show_energy()
        elif active == "orbital":
            self._show_orbital()
        elif active == "uncertainty":
            if self._panels_shown.get("uncertainty") is not self.scenario:
                self._panels_shown["uncertainty"] = self.scenario
                self.run_uncertainty(self.scenario)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self.show_panels()

    def _show_energy(self) -> None:
        scenario = self.scenario
        energy_panel = self.query_one(EnergyPanel)
        key = (scenario, tuple(energy_panel.options().items()))
        if self._panels_shown.get("energy") == key:
            return
        self._panels_shown["energy"] = key
        try:
            energy = calc.annual_energy(self.report.claim.real_power, **energy_panel.options())
        except calc.CalcError as error:
            energy_panel.show(None, None, str(error))
        else:
            try:
                cost: calc.CapexResult | str = calc.capex(scenario=scenario)
            except calc.CalcError as error:
                cost = str(error)
            energy_panel.show(energy, cost)

    def _show_orbital(self) -> None:
        orbital_panel = self.query_one(OrbitalPanel)
        orbit = str(self.query_one("#orbit", Select).value)
        key = (self.scenario, orbit, tuple(orbital_panel.options().items()))
        if self._panels_shown.get("orbital") == key:
            return
        self._panels_shown["orbital"] = key
        try:
            result = calc.orbital(self.report.claim.real_power, orbit=orbit, **orbital_panel.options())
        except calc.CalcError as error:
            orbital_panel.show(None, str(error))
        else:
            orbital_panel.show(result)

    @work(thread=True, exclusive=True, group="uncertainty")
    def run_uncertainty(self, scenario: calc.Scenario) -> None:
        """Monte Carlo and tornado off the UI thread; the newest scenario wins."""
        result = calc.monte_carlo(scenario, samples=MC_SAMPLES, seed=MC_SEED)
        ranking = calc.tornado(scenario)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.query_one(UncertaintyPanel).show, result, ranking)

    @on(Select.Changed, "#orbit")
    def _orbit_changed(self) -> None:
        self.show_panels()

    def action_panel(self, panel: str) -> None:
        """Show one of the result panels."""
        self.query_one(TabbedContent).active = panel

    # ------------------------------------------------------------------------------ events

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, OptionInput):
            self.show_panels()
        elif isinstance(event.input, FieldInput):
            self.recompute()

    @on(Select.Changed, "#basis")
    @on(Select.Changed, ".fleet-accelerator")
    def _select_changed(self) -> None:
        self.recompute()

    @on(Select.Changed, "#method")
    def _method_changed(self, event: Select.Changed) -> None:
        method = str(event.value)
        if method == self.scenario.method:
            return
        # site facts and the user's own values stay; the method's values replace the rest
        fields = calc.scenario_fields(calc.with_method(self.scenario, method))
        for widget in self.query(FieldInput):
            if not isinstance(widget, OptionInput) and _group(widget.key) in (
                *ASSUMPTION_STEPS,
                "headroom",
                "redundancy",
            ):
                widget.value = fields[widget.key]
        self.recompute()

    @on(Select.Changed, "#facility")
    async def _facility_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or (event.value == self.source and not self.save_path):
            return
        await self.load(calc.scenario_from_facility(str(event.value)), str(event.value))

    @on(Button.Pressed, "#add-fleet")
    async def _add_pressed(self) -> None:
        await self.action_add_fleet_row()

    @on(Button.Pressed, ".fleet-remove")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        rows = list(self.query(FleetRow))
        if len(rows) == 1:
            self.notify("The fleet needs at least one accelerator type.", severity="warning")
            return
        row = next(r for r in rows if event.button in r.children)
        await row.remove()
        self.recompute()

    async def action_add_fleet_row(self) -> None:
        """Add an accelerator type to the fleet."""
        row = FleetRow(self._next_row, "h100-sxm", "1000", self._accelerator_options())
        self._next_row += 1
        await self.query_one("#fleet", Vertical).mount(row)
        row.query_one(FieldInput).focus()
        self.recompute()

    # ------------------------------------------------------------------------------ loading

    async def load(self, scenario: calc.Scenario, source: str) -> None:
        """Replace every field with a scenario's, as loaded (not dirty)."""
        self.base, self.scenario, self.source = scenario, scenario, source
        self.save_path = Path(source) if source.endswith(".toml") else None
        fields = calc.scenario_fields(scenario)
        self.saved_fields = fields
        fleet = self.query_one("#fleet", Vertical)
        await fleet.remove_children()
        self._next_row = len(scenario.fleet)
        await fleet.mount_all(
            FleetRow(i, accelerator, fields[f"fleet.{i}.count"], self._accelerator_options())
            for i, accelerator in enumerate(e.accelerator for e in scenario.fleet)
        )
        for widget in self.query(FieldInput):
            if widget.key in fields and not isinstance(widget, OptionInput):
                widget.value = fields[widget.key]
        self.query_one("#basis", Select).value = scenario.basis
        self.query_one("#method", Select).value = scenario.method
        facility = self.query_one("#facility", Select)
        facility.set_options(self._facility_options())
        facility.value = self._facility_value()
        self.recompute(force=True)

    def saved(self, path: Path, scenario: calc.Scenario) -> None:
        """Record a successful save: the fields are the new clean state."""
        self.save_path = path
        self.source = str(path)
        self.scenario = calc.Scenario.model_validate({**dict(scenario), "id": path.stem})
        self.base = self.scenario
        self.saved_fields = calc.scenario_fields(self.scenario)
        calc.refresh_presets()
        self.show_report()
