"""The calculator: a scenario's inputs on the left, its report on the right.

Every edit lets calc parse the fields into the scenario at once (about a millisecond), marking
a field calc rejects with calc's message. The report is computed in an exclusive thread worker,
one at a time: an edit starts it at once, and an edit made while one is computing gets its own
as soon as that one lands. A report is applied only if it is still the report of the current
scenario: the UI thread never waits for it, so keys are never held up. The result widgets
watch the screen's reactive `report`. Every settled edit (a short pause after the last key) is
a step that ctrl+z undoes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.markup import escape
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, Static, TabbedContent, TabPane

import calc
import calc.ui
from tui import web
from tui.screens.dialogs import ConfirmDialog, PathDialog
from tui.widgets import (
    AssumptionsEditor,
    ChainBars,
    ClaimEditor,
    ClaimsPanel,
    ComparePanel,
    ComputePanel,
    Editor,
    EnergyPanel,
    FieldInput,
    FleetEditor,
    Headline,
    MethodsTable,
    Notes,
    OptionInput,
    OptionPanel,
    OrbitalPanel,
    ReadingsTable,
    ReportPane,
    SweepPanel,
    TimelinePanel,
    TitleHeader,
    UncertaintyPanel,
)
from tui.workers import deliver

SWEEP_POINTS = 16
"""Rows of the sweep chart."""
PANEL_TABS = ("energy", "orbital")
"""The tabs whose panels hold inputs of the scenario (`OptionPanel`)."""
DEBOUNCE = 0.015
"""Seconds without an edit before it is settled: the keys of a burst make one undo step."""
MC_SAMPLES = 100_000
"""Samples drawn while editing (about 10 ms); the CLI runs a million on demand."""
MC_SEED = 0
"""A fixed seed: the same scenario always shows the same distribution."""


@dataclass(frozen=True)
class Step:
    """One state of the edit history: the scenario loaded, where from, and the field text."""

    base: calc.Scenario
    source: str
    save_path: Path | None
    fields: calc.ui.Form


class CalculatorScreen(Screen[None]):
    """Edit a claim's inputs; see its verdict, chain, readings and methods."""

    BINDINGS = [
        Binding(
            "ctrl+z", "undo", "Undo", tooltip="Undo the last edit (facility, method and row changes too)."
        ),
        Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo what ctrl+z undid."),
        Binding(
            "ctrl+n", "add_fleet_row", "Add row", show=False, tooltip="Add an accelerator type to the fleet."
        ),
        # the footer shows the tabs' keys as one item: the tabs are in key order
        Binding(
            "f2",
            "panel('claim')",
            "Tabs",
            key_display="f2–f10",
            tooltip="Claim: verdict, chain, readings, methods (f2); f3–f10 the other tabs, left to right.",
        ),
        Binding("f3", "panel('uncertainty')", "Uncert.", show=False, tooltip="Monte Carlo and tornado."),
        Binding(
            "f4", "panel('energy')", "Energy", show=False, tooltip="Energy, money, carbon, water, capex."
        ),
        Binding("f5", "panel('orbital')", "Orbital", show=False, tooltip="The same power in orbit."),
        Binding(
            "f6", "panel('compare')", "A/B", show=False, tooltip="The pinned scenario A beside this one."
        ),
        Binding(
            "f7", "panel('sweep')", "Sweep", show=False, tooltip="GPUs supported as one assumption varies."
        ),
        Binding(
            "f8",
            "panel('claims')",
            "Claims",
            show=False,
            tooltip="Read a claim's sentence; the ledger of deals.",
        ),
        Binding(
            "f9", "panel('timeline')", "Timeline", show=False, tooltip="The site's power online by quarter."
        ),
        Binding(
            "f10",
            "panel('compute')",
            "Compute",
            show=False,
            tooltip="What the power buys: H100e, FLOP/s, days to 1e25 FLOP.",
        ),
        Binding("ctrl+s", "save", "Save", tooltip="Save the scenario as a facility preset."),
        Binding("ctrl+o", "open", "Open", tooltip="Open a saved scenario or a facility preset."),
        Binding("ctrl+r", "export", "Export", show=False, tooltip="Export the report as Markdown and JSON."),
        Binding("ctrl+b", "pin", "Pin A", tooltip="Pin this scenario as A, to compare what you edit next."),
        Binding("ctrl+t", "copy_verdict", "Copy", show=False, tooltip="Copy the claim and its verdict."),
        Binding("ctrl+g", "copy_command", "Copy cmd", show=False, tooltip="Copy the dcpower check command."),
        Binding(
            "ctrl+l",
            "reset_field",
            "Reset",
            show=False,
            tooltip="Reset the focused field to the preset's value.",
        ),
        Binding(
            "ctrl+f", "next_group", "Next group", show=False, tooltip="Jump to the next group of fields."
        ),
    ]

    AUTO_FOCUS = "#power"

    # `var`, not `reactive`: a change repaints only the views that watch it, not the screen
    report: var[calc.Report | None] = var(None, always_update=True, init=False)
    """The report of the last scenario computed; None until the first lands."""
    stale: var[bool] = var(False, init=False)
    """True while a field is invalid or a report is being computed: results are the last good."""

    def __init__(self, scenario: calc.Scenario, source: str) -> None:
        super().__init__()
        self.base = scenario
        """The scenario being edited as it was loaded (id, name, sources carry over)."""
        self.source = source
        """The facility id or file the scenario came from."""
        self.scenario = scenario
        """The last scenario that parsed."""
        self.saved_fields = calc.ui.scenario_fields(scenario)
        """The fields as last loaded or saved, to tell unsaved changes."""
        self.errors: dict[calc.ui.FieldKey, str] = {}
        """Messages of the fields that do not parse, by field key."""
        self.save_path: Path | None = Path(source) if source.endswith(".toml") else None
        self._last_fields: calc.ui.Form | None = None
        """The fields of the last recompute: Inputs post Changed when mounted and when set
        in code, and a recompute of the same fields would change nothing."""
        self._panels_shown: dict[str, object] = {}
        """Per side panel, the scenario and options it last showed: panels are computed when
        their tab is visible and their inputs changed, never for a hidden tab."""
        self._pending: Any = None
        """The timer that settles the last edit as an undo step, while it is waiting."""
        self._asked: calc.Scenario | None = None
        """The scenario whose report the worker is computing, until it lands: one report is
        computed at a time (`_want_report`)."""
        self._dirty: tuple[calc.Scenario, calc.ui.Form, bool] | None = None
        """`dirty` as last worked out, with the scenario and saved fields it was for."""
        self._history: list[Step] = []
        """Settled states, oldest first; the last is the current one."""
        self._future: list[Step] = []
        """States undone, the next to redo last."""
        self._restoring = False
        self.options_text = self.saved_fields.group(*PANEL_TABS)
        """The panels' inputs as last loaded, for a panel not mounted yet."""
        self._editing: set[str] | None = None
        """The one field the last history step edited, while more keys there extend it."""
        self._editors: tuple[Editor, ...] | None = None
        self._option_panels: tuple[OptionPanel, ...] = ()
        self._errors_shown: dict[calc.ui.FieldKey, str] = {}
        self.pinned: calc.Report | None = None
        """The report pinned as A, compared with the current one."""
        self._skipped: set[str] = set()
        """Problems of preset files left out of the facility list, each said once."""
        self._resumed = False
        """Whether the screen has been shown (see `on_screen_resume`)."""
        self._tabs_ready = False
        """Whether the result tabs, mounted just after the first frame, are in."""

    # ----------------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        fields = calc.ui.scenario_fields(self.scenario)
        yield TitleHeader()
        with Horizontal(id="body"):
            with Vertical(id="inputs-column"):
                with VerticalScroll(id="inputs", can_focus=False):
                    yield Label("Facility", classes="field-label")
                    yield Select(
                        self._facility_options(),
                        value=self._facility_value(),
                        allow_blank=False,
                        id="facility",
                        compact=True,
                        tooltip="A bundled or user facility preset",
                    )
                    yield ClaimEditor(fields, id="claim-editor")
                    yield FleetEditor(fields, self._accelerator_options(), id="fleet-editor")
                    yield AssumptionsEditor(fields, self._method_options(), id="assumptions-editor")
                    yield Static("", id="error-scenario", classes="field-error")
                # under the fields, not over them: a docked hint hid the last row while it was focused
                yield Static("", id="field-hint")
            with Vertical(id="results-column"):
                yield Static("Results are for the last good inputs: fix the marked field.", id="stale-banner")
                # mounted after the first frame, which shows the inputs (the report is not in yet)
                with Lazy(TabbedContent(id="results", initial="claim")):
                    with TabPane("Claim", id="claim"), ReportPane(classes="result-pane"):
                        yield Headline(id="headline")
                        yield ChainBars(id="chain")
                        yield Label("Readings and break-even values", classes="section-title")
                        yield ReadingsTable(id="readings")
                        yield Label("The same claim under each method", classes="section-title")
                        yield MethodsTable(id="methods")
                        yield Notes(id="notes")
                    with TabPane("Uncert.", id="uncertainty"), Lazy(VerticalScroll(classes="result-pane")):
                        yield UncertaintyPanel(id="uncertainty-panel")
                    with TabPane("Energy", id="energy"), Lazy(VerticalScroll(classes="result-pane")):
                        yield EnergyPanel(id="energy-panel")
                    with TabPane("Orbital", id="orbital"), Lazy(VerticalScroll(classes="result-pane")):
                        yield OrbitalPanel(id="orbital-panel")
                    with TabPane("A/B", id="compare"), Lazy(VerticalScroll(classes="result-pane")):
                        yield ComparePanel(id="compare-panel")
                    with TabPane("Sweep", id="sweep"), Lazy(VerticalScroll(classes="result-pane")):
                        yield SweepPanel(id="sweep-panel")
                    with TabPane("Claims", id="claims"), Lazy(Vertical()):
                        yield ClaimsPanel(id="claims-panel")
                    with TabPane("Timeline", id="timeline"), Lazy(VerticalScroll(classes="result-pane")):
                        yield TimelinePanel(id="timeline-panel")
                    with TabPane("Compute", id="compute"), Lazy(VerticalScroll(classes="result-pane")):
                        yield ComputePanel(id="compute-panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._last_fields = self.fields()
        self._history = [self._step()]
        self.stale = True
        # the inputs are painted first; the report, computed in a thread that shares the
        # interpreter with the painting, starts once they are on screen
        self.call_after_refresh(self._first_report)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles a screen's every widget each time it is shown (Screen._on_screen_resume,
        # which runs after this handler); the first time, each was styled as it mounted a moment
        # before, and that second pass was a quarter of the time to the first frame
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def _first_report(self) -> None:
        if self.report is None and not self.computing:  # an edit already started its own
            self._want_report()

    def on_descendant_focus(self, event: Any) -> None:
        """Show the focused field's hint (its tooltip) under the inputs: no mouse needed."""
        self._flush()  # keys typed before the focus moved are the step of their field
        self._editing = None
        tooltip = getattr(event.widget, "tooltip", None)
        if tooltip is None and event.widget.parent is not None:
            tooltip = getattr(event.widget.parent, "tooltip", None)
        hint = str(tooltip or "")
        widget = event.widget
        if isinstance(widget, FieldInput) and len(widget.value) > widget.scrollable_content_region.width:
            hint += f"\nWhole value: {widget.value}"  # the field itself shows it rounded when left
        self.query_one("#field-hint", Static).update(escape(hint))
        if self.query_one("#inputs") in widget.ancestors:
            # a hint of another height resizes the fields' column: keep the focused one in view
            self.call_after_refresh(widget.scroll_visible, animate=False)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    # ----------------------------------------------------------------------------- helpers

    def _facility_options(self) -> list[tuple[str, str]]:
        options = []
        for preset_id in calc.list_presets("facilities"):
            try:
                options.append((calc.load_facility(preset_id).name, preset_id))
            except calc.CalcError as error:  # a broken user preset: skipped, and named once
                self._skip(str(error))
        if self.save_path is not None and str(self.save_path) not in dict((v, n) for n, v in options):
            options.append((f"{self.base.name} ({self.save_path.name})", str(self.save_path)))
        elif self.save_path is None and self.source not in dict((v, n) for n, v in options):
            options.append((self.base.name, self.source))  # a claim opened from its sentence or the ledger
        return options

    def _method_options(self) -> list[str]:
        methods = []
        for method in calc.list_presets("assumptions"):
            try:
                calc.load_assumption_set(method)
            except calc.CalcError as error:  # a broken user preset: skipped, and named once
                if method != self.scenario.method:
                    self._skip(str(error), "Assumption set skipped")
                    continue
            methods.append(method)
        return methods

    def _skip(self, problem: str, title: str = "Facility preset skipped") -> None:
        """Say once that a preset file was skipped, and why (the file is named in `problem`)."""
        if problem not in self._skipped:
            self._skipped.add(problem)
            self.notify(problem, title=title, severity="warning", timeout=15)

    def _facility_value(self) -> Any:
        if self.save_path is not None:
            return str(self.save_path)
        return self.source

    def _accelerator_options(self) -> list[tuple[str, str]]:
        # each accelerator in its default system, then in every other system that holds it
        choices = calc.ui.accelerator_choices()
        return [(choice, choice) for choice in choices]

    @property
    def editors(self) -> tuple[Editor, ...]:
        """The editors of the scenario's fields: the claim, the fleet, the assumptions."""
        if self._editors is None:
            self._editors = tuple(self.query(Editor))
        return self._editors

    def fields(self) -> calc.ui.Form:
        """The text of every field, the form calc.ui.parse_fields takes (the energy and
        orbital panels' inputs too: as last loaded while a panel is not yet mounted)."""
        values: dict[calc.ui.FieldKey, str] = {}
        for editor in self.editors:
            values.update(editor.to_model())
        values.update(self.options_text)
        for panel in self.option_panels:
            values.update(panel.to_model())
        return calc.ui.Form(values)

    @property
    def option_panels(self) -> tuple[OptionPanel, ...]:
        """The energy and orbital panels mounted so far. Found by a query of the whole screen
        only until both are mounted: each key reads them twice, and the query walks every
        widget (about a third of the time from a key to its report on screen)."""
        panels = self._option_panels
        if len(panels) < len(PANEL_TABS) or not all(panel.is_attached for panel in panels):
            panels = self._option_panels = tuple(self.query(OptionPanel))
        return panels

    @property
    def dirty(self) -> bool:
        """True when the fields differ from what was last loaded or saved."""
        if self.errors:
            return True
        known = self._dirty
        if known is None or known[0] is not self.scenario or known[1] is not self.saved_fields:
            # the scenario's fields cost about a millisecond: once per scenario, not per look
            known = self._dirty = (
                self.scenario,
                self.saved_fields,
                calc.ui.scenario_fields(self.scenario) != self.saved_fields,
            )
        return known[2]

    # --------------------------------------------------------------------------- recompute

    def recompute(self, force: bool = False) -> None:
        """Parse every field through calc; mark what does not parse; ask for the report."""
        fields = self.fields()
        if fields == self._last_fields and not force:
            return
        self._last_fields = fields
        scenario, errors = calc.ui.parse_fields(fields, self.base)
        if scenario is not None:
            self.scenario = scenario
        self.errors = errors
        self.show_errors()
        self.stale = True
        self.app.sub_title = self.base.name + ("  •  unsaved" if self.dirty else "")
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(DEBOUNCE, self._settled)
        self._want_report()

    def _settled(self) -> None:
        """A pause after the last edit: record it for undo."""
        self._pending = None
        step = self._step()
        if not self._restoring and self._history and step.fields != self._history[-1].fields:
            self._record(step)
        self._restoring = False

    @property
    def computing(self) -> bool:
        """True while an edit waits for its report."""
        return (
            self._pending is not None
            or self._asked is not None
            or any(w.group == "report" and w.is_running for w in self.workers)
        )

    def _want_report(self) -> None:
        """Start the report of the current scenario, unless it is shown or on its way.

        One report is computed at a time: an edit made while one is computing gets its own
        when that one lands (`_landed`), so every edit is shown as soon as it can be and the
        keys of a burst make at most one report more. An invalid edit keeps the last good
        scenario, whose report is asked for only if it is not on screen yet.
        """
        shown = self.report.scenario if self.report is not None else None
        if shown is not self.scenario and self._asked is None:
            self._asked = self.scenario
            self.run_report(self.scenario)

    @work(thread=True, exclusive=True, group="report")
    def run_report(self, scenario: calc.Scenario) -> None:
        """The report of `scenario`, off the UI thread; shown only if still current."""
        try:
            report: calc.Report | str = calc.evaluate(scenario)
        except calc.CalcError as error:
            report = str(error)
        deliver(self.app, self._landed, scenario, report)

    def _landed(self, scenario: calc.Scenario, report: calc.Report | str) -> None:
        self._asked = None
        if scenario is not self.scenario:
            self._want_report()  # the inputs moved on while it was computed: theirs now
            return
        if isinstance(report, str):
            self.errors = {calc.ui.FieldKey.SCENARIO: report}
            self.show_errors()
            self.stale = True
            return
        self.stale = bool(self.errors)
        self.report = report
        self.show_report()

    def show_errors(self) -> None:
        """Mark the fields calc rejected, with its messages; mark every result panel stale."""
        if self.errors == self._errors_shown:
            return
        self._errors_shown = dict(self.errors)
        # every panel shows the last good inputs' results while a field is invalid: say so once,
        # above them all, and mark each panel
        self.query_one("#stale-banner", Static).set_class(bool(self.errors), "-shown")
        self._mark_panes()
        for editor in self.editors:
            editor.mark(self.errors)
        label = self.query_one("#error-scenario", Static)
        label.update(self.errors.get(calc.ui.FieldKey.SCENARIO, ""))
        label.set_class(calc.ui.FieldKey.SCENARIO in self.errors, "-shown")

    def _mark_panes(self) -> None:
        """Mark every result pane stale while a field is invalid (none before the tabs mount)."""
        for pane in self.query(TabPane):
            pane.set_class(bool(self.errors), "-stale")

    def show_report(self) -> None:
        """Bring the title and the visible side panel up to date (the result widgets watch)."""
        self.app.sub_title = self.base.name + ("  •  unsaved" if self.dirty else "")
        self.show_panels()

    def watch_stale(self, stale: bool) -> None:
        self.set_class(stale and bool(self.errors), "-stale")

    # ------------------------------------------------------------------------------ panels

    def show_panels(self) -> None:
        """Bring the visible side panel up to date (the Monte Carlo in a worker).

        The side panels are mounted after the first paint (`Lazy`): one shown before it is
        mounted is brought up to date after the next refresh.
        """
        try:
            if self.query_one(TabbedContent).active == "timeline":
                self.query_one(TimelinePanel).show_facility(self.base.facility, self.base.name)
        except NoMatches:
            self.call_after_refresh(self.show_panels)
            return
        if self.report is None or self.report.scenario is not self.scenario:
            return
        try:
            self._show_panel()
        except NoMatches:
            self.call_after_refresh(self.show_panels)

    def _show_panel(self) -> None:
        active = self.query_one(TabbedContent).active
        if active == "energy":
            self._show_energy()
        elif active == "orbital":
            self._show_orbital()
        elif active == "uncertainty":
            if self._panels_shown.get("uncertainty") is not self.scenario:
                self._panels_shown["uncertainty"] = self.scenario
                self.run_uncertainty(self.scenario)
        elif active == "compute":
            self._show_compute()
        elif active == "compare" and self.pinned is not None:
            self.query_one(ComparePanel).show(self.pinned, self.report, bool(self.errors))
        elif active == "sweep":
            vary = str(self.query_one("#sweep-vary", Select).value)
            if self._panels_shown.get("sweep") != (self.scenario, vary):
                self._panels_shown["sweep"] = (self.scenario, vary)
                self.run_sweep(self.scenario, vary)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if not self._tabs_ready:  # the tabs mounted (after the first frame): mark them as the fields are
            self._tabs_ready = True
            self._mark_panes()
        self._leave_hidden_pane(event.pane.id)
        self.show_panels()

    def _leave_hidden_pane(self, shown: str | None) -> None:
        """Focus the power field if the focus is in a tab pane other than `shown`.

        A focused widget in a hidden pane is focused again by Textual, and its pane's
        TabPane.Focused brings that tab back: f2 from the claim box would not leave Claims.
        """
        focused = self.focused
        if focused is not None and any(isinstance(a, TabPane) and a.id != shown for a in focused.ancestors):
            self.query_one("#power").focus()

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
            energy_panel.show(None, None, error)
        else:
            try:
                cost: calc.CapexResult | str = calc.capex(scenario=scenario)
            except calc.CalcError as error:
                cost = str(error)
            energy_panel.show(energy, cost)

    def _show_compute(self) -> None:
        panel = self.query_one(ComputePanel)
        if self._panels_shown.get("compute") is self.scenario:
            return
        self._panels_shown["compute"] = self.scenario
        try:
            result = calc.compute(self.scenario)
        except calc.CalcError as error:
            panel.show(None, error)
        else:
            panel.show(result)

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
            orbital_panel.show(None, error)
        else:
            orbital_panel.show(result)

    @work(thread=True, exclusive=True, group="uncertainty")
    def run_uncertainty(self, scenario: calc.Scenario) -> None:
        """Monte Carlo and tornado off the UI thread; the newest scenario wins."""
        result = calc.monte_carlo(scenario, samples=MC_SAMPLES, seed=MC_SEED)
        ranking = calc.tornado(scenario)
        deliver(self.app, self.query_one(UncertaintyPanel).show, result, ranking)

    @work(thread=True, exclusive=True, group="sweep")
    def run_sweep(self, scenario: calc.Scenario, vary: str) -> None:
        """The sweep over the assumption's low-high range, off the UI thread."""
        values = getattr(calc.ui.resolve(scenario).assumptions, vary)
        result = calc.sweep(vary, values.low, values.high, SWEEP_POINTS, scenario)
        deliver(self.app, self._sweep_landed, scenario, result)

    def _sweep_landed(self, scenario: calc.Scenario, result: calc.SweepResult) -> None:
        if scenario is self.scenario:
            self.query_one(SweepPanel).show(result, scenario.accelerators, bool(self.errors))

    @on(Select.Changed, "#orbit")
    def _orbit_changed(self) -> None:
        self.show_panels()
        self.recompute()  # the orbit is the scenario's

    @on(Select.Changed, "#sweep-vary")
    def _vary_changed(self) -> None:
        self.show_panels()

    # ------------------------------------------------------------------------------ A/B, copy

    def _current_report(self) -> calc.Report | None:
        """The report of the fields as they are, or None (with a message) if there is none."""
        if self.errors:
            self.notify("Fix the marked fields first.", severity="error")
            return None
        if self.report is None or self.report.scenario is not self.scenario:
            self.notify("The report is still being computed; try again.", severity="warning")
            return None
        return self.report

    def action_reset_field(self) -> None:
        """Put the focused field back to its value in the preset or file as loaded (undoable)."""
        field = self.focused
        if (
            isinstance(field, FieldInput)
            and not isinstance(field, OptionInput)
            and field.key in self.saved_fields
        ):
            field.value = self.saved_fields[field.key]
            field.cursor_position = len(field.value)
        else:
            self.app.bell()

    def action_pin(self) -> None:
        """Pin the current scenario as A; what is edited next is B."""
        report = self._current_report()
        if report is None:
            return
        self.pinned = report
        self.notify("Pinned as A. Edit on: f6 shows A beside B.", title="A/B")
        self.action_panel("compare")
        self.show_panels()

    def action_copy_verdict(self) -> None:
        """Copy the claim and its verdict to the clipboard."""
        report = self._current_report()
        if report is not None:
            self._copy(calc.ui.verdict_text(report), "the verdict line")

    def action_copy_command(self) -> None:
        """Copy the `dcpower check` command of this scenario to the clipboard."""
        if self.errors:
            self.notify("Fix the marked fields first.", severity="error")
            return
        self._copy(calc.ui.cli_command(self.scenario), "the dcpower check command")

    def _copy(self, text: str, what: str) -> None:
        """Hand `text` to the clipboard, saying what was done and showing the text.

        In a browser (`dcpower serve`) the text goes the web face's way (`tui.web.copied`). In a
        terminal it is asked through OSC 52, which never answers: many (tmux without
        set-clipboard, macOS Terminal) ignore it. So the message says it was sent, not that it
        arrived, and shows the text to select by hand; with no terminal it says nothing was copied.
        """
        if web.on_web(self.app):
            web.copied(self.app, text)
            return
        self.app.copy_to_clipboard(text)
        if self.app.is_headless:
            self.notify(
                f"Not copied: no terminal to copy through. {text}",
                title="Copy",
                severity="warning",
                markup=False,
            )
            return
        self.notify(
            f"Sent {what} to the terminal's clipboard (a terminal may ignore it; the text: {text})",
            title="Copy",
            timeout=8,
            markup=False,
        )

    GROUPS = ("#power", "#accelerators", "#fleet FieldInput", "#method", "#draw_factor-low", "#headroom")

    def action_next_group(self) -> None:
        """Focus the first field of the next group: power, count, fleet, method, assumptions."""
        chain = self.focus_chain
        starts = [chain.index(t) for s in self.GROUPS if (t := self.query(s).first()) in chain]
        position = chain.index(self.focused) if self.focused in chain else -1
        current = max((i for i, start in enumerate(starts) if start <= position), default=-1)
        chain[starts[(current + 1) % len(starts)]].focus()

    def action_panel(self, panel: str) -> None:
        """Show one of the result panels (once they are mounted, just after the first frame)."""
        try:
            tabs = self.query_one(TabbedContent)
        except NoMatches:
            self.call_after_refresh(self.action_panel, panel)
            return
        self._leave_hidden_pane(panel)
        tabs.active = panel

    # ------------------------------------------------------------------------------ events

    @on(Editor.Changed)
    def _edited(self) -> None:
        self.recompute()

    @on(Input.Changed)
    def _option_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, OptionInput):  # a panel's input: that panel, and the scenario
            self.show_panels()
            self.recompute()

    @on(AssumptionsEditor.MethodChosen)
    async def _method_chosen(self, event: AssumptionsEditor.MethodChosen) -> None:
        if event.method == self.scenario.method:
            return
        # site facts and the user's own values stay; the method's values replace the rest
        try:
            fields = calc.ui.scenario_fields(calc.with_method(self.scenario, event.method))
        except calc.CalcError as error:  # a user assumption set that does not load
            self.notify(str(error), title="Method not loaded", severity="error")
            method = self.query_one("#method", Select)
            with self.prevent(Select.Changed):
                method.value = self.scenario.method
            self.query_one(AssumptionsEditor).changed()  # if the choice was parsed meanwhile
            return
        await self.query_one(AssumptionsEditor).load_values(fields)

    @on(Select.Changed, "#facility")
    def _facility_changed(self, event: Select.Changed) -> None:
        chosen = str(event.value)
        if event.value is Select.NULL or chosen == self._facility_value():
            return
        with self.prevent(Select.Changed):
            event.select.value = self._facility_value()  # until the switch is done (or cancelled)
        self.app.switch_scenario(chosen)  # type: ignore[attr-defined]

    async def action_add_fleet_row(self) -> None:
        """Add an accelerator type to the fleet."""
        await self.query_one(FleetEditor).add_row()

    # ------------------------------------------------------------------- save, open, export

    def default_save_path(self) -> Path:
        """Where a save goes unless the user says otherwise: the file it came from, else the
        user preset folder (a copy of a bundled facility is named `<id>-scenario`)."""
        if self.save_path is not None:
            return self.save_path
        stem = self.base.id if self.base.id.endswith("-scenario") else f"{self.base.id}-scenario"
        return calc.ui.user_preset_dir() / "facilities" / f"{stem}.toml"

    def action_save(self, then: Callable[[], object] | None = None) -> None:
        """Save the scenario as a facility preset (asks for the path); `then` runs once saved."""
        if self.errors:
            self.notify("Fix the marked fields before saving.", severity="error")
            return

        def chosen(path: str | None) -> None:
            if path is None:
                return
            target = Path(path).expanduser()
            if target.exists() and target != self.save_path:
                # another file than the one being edited: ask before it is replaced
                self.app.push_screen(
                    ConfirmDialog(f"{target} exists. Overwrite it with this scenario?", "Overwrite"),
                    lambda yes: save(path) if yes else None,
                )
                return
            save(path)

        def save(path: str) -> None:
            scenario = self.scenario
            if not self.save_path and not scenario.name.endswith("(scenario)"):
                # a saved copy of a bundled facility must not look like the original in the picker
                scenario = calc.Scenario.model_validate(
                    {**dict(scenario), "name": f"{scenario.name} (scenario)"}
                )
            try:
                written = (
                    web.save_scenario(self.app, scenario, path)
                    if web.on_web(self.app)
                    else calc.save_scenario(scenario, path)
                )
            except calc.CalcError as error:
                self.notify(str(error), title="Not saved", severity="error")
                return
            self.saved(written, scenario)
            where = "as a download to your browser" if web.on_web(self.app) else "to"
            self.notify(f"Saved {where} {written}", title="Saved")
            if then is not None:
                then()

        self.app.push_screen(
            PathDialog(
                "Save the scenario as a facility preset (TOML):", str(self.default_save_path()), "Save"
            )
            if not web.on_web(self.app)
            else PathDialog(
                "Save the scenario as a facility preset (TOML; your browser downloads it):",
                self.default_save_path().name,
                "Save",
            ),
            chosen,
        )

    def action_open(self) -> None:
        """Open a saved scenario or a facility preset (asks first about unsaved edits)."""

        def open_path(path: str | None) -> None:
            if path and web.on_web(self.app) and ("/" in path or path.endswith(".toml")):
                self.notify(web.OPEN_REFUSED, title="Not opened", severity="warning", timeout=10)
            elif path:
                self.app.switch_scenario(path)  # type: ignore[attr-defined]

        if web.on_web(self.app):
            dialog = PathDialog(
                "Open a facility preset id (files on your computer cannot be opened):", "", "Open"
            )
        else:
            start = calc.ui.user_preset_dir() / "facilities"
            dialog = PathDialog(
                "Open a saved scenario (.toml path) or a facility preset id:", f"{start}/", "Open"
            )
        self.app.push_screen(dialog, open_path)

    def action_export(self) -> None:
        """Export the report as Markdown, with its JSON beside it; refused while a field is invalid."""
        if self.errors:
            self.notify(
                "Fix the marked fields before exporting: the report would not match them.",
                title="Not exported",
                severity="error",
            )
            return

        def export(path: str | None) -> None:
            if path is None:
                return
            report = self.report
            if self.errors or report is None or report.scenario is not self.scenario:
                # edited while the dialog was open: the report on screen is not the inputs'
                self.notify(
                    "Fix the marked fields, then export again.", title="Not exported", severity="error"
                )
                return
            if web.on_web(self.app):
                name = web.export_report(self.app, report, path)
                other = "a name ending in .md for the Markdown" if name.endswith(".json") else "a .json name"
                self.notify(
                    f"Sent {name} to your browser as a download (export again with {other})", title="Exported"
                )
                return
            try:
                markdown, data = calc.export_report(report, path)
            except calc.CalcError as error:
                self.notify(str(error), title="Not exported", severity="error")
                return
            self.notify(f"Wrote {markdown} and {data.name}", title="Exported")

        self.app.push_screen(
            PathDialog(
                "Export the report (Markdown, and JSON beside it):", f"{self.base.id}-report.md", "Export"
            )
            if not web.on_web(self.app)
            else PathDialog(
                "Export the report (your browser downloads it; a .json name for JSON):",
                f"{self.base.id}-report.md",
                "Export",
            ),
            export,
        )

    # ------------------------------------------------------------------------------ history

    def _step(self) -> Step:
        return Step(self.base, self.source, self.save_path, self.fields())

    def _record(self, step: Step) -> None:
        """Add an edit to the history: more keys in the field last edited (typing paused, or
        nudged again) extend its step; an edit of another field, or after the focus moved, is
        a step of its own. An undo step is one edit of one field."""
        last = self._history[-1]
        before, after = dict(last.fields), dict(step.fields)
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        same_place = (last.base, last.source, last.save_path) == (step.base, step.source, step.save_path)
        if len(self._history) > 1 and same_place and len(changed) == 1 and changed == self._editing:
            self._history[-1] = step
            if step.fields == self._history[-2].fields:  # typed back to what it was: no edit
                self._history.pop()
                self._editing = None
        else:
            self._history.append(step)
            self._editing = changed if len(changed) == 1 and same_place else None
        self._future.clear()

    async def action_undo(self) -> None:
        """Go back one settled edit (facility and method switches and row changes included)."""
        self._flush()
        if len(self._history) < 2:
            self.notify("Nothing to undo.", timeout=2)
            return
        self._future.append(self._history.pop())
        await self._restore(self._history[-1])

    async def action_redo(self) -> None:
        """Redo the last edit undone."""
        self._flush()
        if not self._future:
            self.notify("Nothing to redo.", timeout=2)
            return
        self._history.append(self._future.pop())
        await self._restore(self._history[-1])

    def _flush(self) -> None:
        """Record an edit still inside its debounce pause, so that undo goes back from it."""
        if self._pending is not None:
            self._pending.stop()
            self._settled()

    async def _restore(self, step: Step) -> None:
        self._restoring = True
        self._editing = None
        self.base, self.source, self.save_path = step.base, step.source, step.save_path
        await self._show_fields(step.fields)

    # ------------------------------------------------------------------------------ loading

    async def _show_fields(self, fields: calc.ui.Form) -> None:
        """Put field text into every editor, then recompute."""
        for editor in self.editors:
            await editor.load(fields)
        self.options_text = fields.group(*PANEL_TABS)
        for panel in self.option_panels:
            panel.load(fields)
        facility = self.query_one("#facility", Select)
        with self.prevent(Select.Changed):
            facility.set_options(self._facility_options())
            facility.value = self._facility_value()
        self.recompute(force=True)

    async def load(self, scenario: calc.Scenario, source: str) -> None:
        """Replace every field with a scenario's, as loaded (not dirty); undo can go back.

        Raises:
            CalcError: The scenario's fields cannot be shown (a method that is not a preset):
                raised before anything on screen changes.
        """
        fields = calc.ui.scenario_fields(scenario)
        self._flush()
        self.base, self.scenario, self.source = scenario, scenario, source
        self.save_path = Path(source) if source.endswith(".toml") else None
        self.saved_fields = fields
        await self._show_fields(fields)

    def saved(self, path: Path, scenario: calc.Scenario) -> None:
        """Record a successful save: the fields are the new clean state."""
        self.save_path = path
        self.source = str(path)
        self.scenario = calc.Scenario.model_validate({**dict(scenario), "id": path.stem})
        self.base = self.scenario
        self.saved_fields = calc.ui.scenario_fields(self.scenario)
        calc.refresh_presets()  # a preset saved in the user folder is listed at once
        facility = self.query_one("#facility", Select)
        with self.prevent(Select.Changed):
            facility.set_options(self._facility_options())
            facility.value = self._facility_value()
        self.recompute(force=True)
