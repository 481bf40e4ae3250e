"""Panels beside the claim: uncertainty, energy and money, orbital. They format; calc computes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Input, Label, Select, Static

import calc
import calc.ui
from tui.widgets.fields import FieldInput
from tui.widgets.results import View

BLOCKS = " ▁▂▃▄▅▆▇█"


class OptionInput(FieldInput):
    """An input of a panel (not of the scenario): editing it refreshes only its panel."""


def histogram_lines(result: calc.UncertaintyResult, height: int = 6) -> list[str]:
    """The Monte Carlo histogram as rows of block characters, the claim marked below."""
    counts = result.histogram.counts
    top = max(counts) or 1
    levels = [c / top * height for c in counts]
    rows = []
    for row in range(height, 0, -1):
        cells = []
        for level in levels:
            fill = level - (row - 1)
            cells.append("█" if fill >= 1 else BLOCKS[max(0, int(fill * 8))] if fill > 0 else " ")
        rows.append("".join(cells))
    edges = result.histogram.edges
    marker = [" "] * len(counts)
    implied = result.histogram.implied
    if implied is not None:
        # a claim off the range is marked at the end it is beyond (claim_side says which)
        share = (implied - edges[0]) / (edges[-1] - edges[0]) if edges[-1] > edges[0] else 0.0
        marker[min(max(int(share * len(counts)), 0), len(counts) - 1)] = "▲"
    rows.append("".join(marker))
    return rows


def claim_side(result: calc.UncertaintyResult) -> str:
    """Where the claim is against the histogram's range: "", or a note that it is off it."""
    implied, edges = result.histogram.implied, result.histogram.edges
    if implied is None or edges[0] <= implied <= edges[-1]:
        return ""
    side = "below" if implied < edges[0] else "above"
    return f" at {implied:,.0f} W, {side} the whole range (marked at its {'left' if side == 'below' else 'right'} end)"


class UncertaintyPanel(Vertical):
    """Monte Carlo percentiles and fit probability, the histogram, and the tornado."""

    def compose(self) -> ComposeResult:
        yield View("Running…", id="mc-summary")
        yield View("", id="mc-histogram")
        yield View("", id="tornado")

    def show(self, result: calc.UncertaintyResult, ranking: calc.TornadoResult) -> None:
        fp = calc.format_power
        lines = [
            f"[b]Monte Carlo[/b], {result.samples:,} samples (seed {result.seed}), "
            + ", ".join(f"{k} {v}" for k, v in result.distributions.items())
        ]
        for r in result.readings:
            per = r.power_per_accelerator
            line = (
                f"[b]{calc.ui.BASIS_LABELS[r.basis]:<8}[/b] per accelerator P5/P50/P95 "
                f"{fp(per.p5, 'W', 0)} / {fp(per.p50, 'W', 0)} / {fp(per.p95, 'W', 0)}"
            )
            if r.accelerators is not None:
                line += (
                    f"\n         supports {r.accelerators.p5:,.0f} / {r.accelerators.p50:,.0f} / "
                    f"{r.accelerators.p95:,.0f}"
                )
            if r.fit_probability is not None:
                line += f"   fits in [b]{r.fit_probability:.0%}[/b] of samples"
            lines.append(line)
        self.query_one("#mc-summary", View).put("\n".join(lines))
        edges = result.histogram.edges
        hist = histogram_lines(result)
        hist.append(f"{edges[0]:,.0f} W{' ' * max(1, len(result.histogram.counts) - 16)}{edges[-1]:,.0f} W")
        self.query_one("#mc-histogram", View).put(
            f"[b]Power per accelerator ({result.histogram.basis})[/b], ▲ the claim{claim_side(result)}\n"
            + "\n".join(hist)
        )
        widest = max((bar.swing for bar in ranking.ranking), default=0) or 1
        rows = [f"[b]Tornado[/b]: {escape(ranking.output)}, central {ranking.central:,.0f}"]
        for bar in ranking.ranking:
            length = round(bar.swing / widest * 24)
            rows.append(
                f"{bar.assumption:<12} [$warning]{'█' * length:<24}[/] "
                f"{bar.output_at_low:,.0f} → {bar.output_at_high:,.0f}"
            )
        if ranking.most_important:
            rows.append(f"Most important: [b]{ranking.most_important}[/b]")
        self.query_one("#tornado", View).put("\n".join(rows))


def preset_values(kind: str, preset_id: str) -> dict[str, str]:
    """The values of a parameter preset as field text (the defaults of a panel's inputs)."""
    preset = calc.load_preset(kind, preset_id)
    return {name: str(parameter.value) for name, parameter in preset.parameters.items()}


def show_error(label: Static, message: str) -> None:
    """Show a panel's error line, or hide it when there is none; mark the input it names."""
    label.update(escape(message))
    label.set_class(bool(message), "-shown")
    panel = label.parent
    if panel is not None:
        named = message.split(":", 1)[0] if message else ""
        for field in panel.query(OptionInput):
            field.set_class(field.key == named, "-invalid")


class OptionPanel(Vertical):
    """A panel with its own inputs, whose text `calc` takes as keyword arguments.

    The inputs are the scenario's too (`calc.PANEL_OPTIONS`): `to_model()` gives them keyed as
    fields ("energy.price"), `load(fields)` puts them back (a scenario opened, an undo), and an
    edit is an edit of the scenario (saved, undone, asked about on quit).
    """

    KIND = ""
    """The scenario's name for these inputs: "energy" or "orbital"."""

    def on_mount(self) -> None:
        self.load(self.screen.options_text)  # type: ignore[attr-defined]

    def options(self) -> dict[str, str]:
        return {w.key: w.value for w in self.query(OptionInput)}

    def to_model(self) -> dict[str, str]:
        """The panel's inputs keyed as fields."""
        values = {f"{self.KIND}.{key}": text for key, text in self.options().items()}
        values.update((f"{self.KIND}.{s.id}", str(s.value)) for s in self.query(Select) if s.id)
        return values

    def load(self, fields: dict[str, str]) -> None:
        """Put field text into the panel's inputs, without posting Changed."""
        with self.prevent(Input.Changed, Select.Changed):
            for widget in self.query(OptionInput):
                text = fields.get(f"{self.KIND}.{widget.key}")
                if text is not None:
                    widget.value = text
            for select in self.query(Select):
                text = fields.get(f"{self.KIND}.{select.id}")
                if text is not None:
                    select.value = text

    @staticmethod
    def option(label: str, key: str, value: str, widget_id: str, tooltip: str) -> ComposeResult:
        """A label and its input, side by side in a panel row."""
        yield Label(label, classes="assumption-name")
        yield OptionInput(key, value, id=widget_id, compact=True, tooltip=tooltip)


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
        yield View("", id="energy-summary")

    def show(
        self, energy: calc.EnergyResult | None, cost: calc.CapexResult | str | None, error: str = ""
    ) -> None:
        show_error(self.query_one("#energy-error", Static), error)
        if energy is None:  # no figures of other inputs under an input that does not parse
            self.query_one("#energy-summary", View).put("")
            return
        fm = calc.ui.format_money
        lines = [
            f"[b]{calc.format_power(energy.power)}[/b] at load factor {energy.load_factor:g} "
            f"(average {calc.format_power(energy.average_power)}), a year:",
            f"  energy     [b]{energy.annual_energy.m_as('GWh'):,.1f} GWh[/b]",
            f"  cost       [b]{fm(energy.cost)}[/b]",
            f"  emissions  [b]{energy.emissions.m_as('t'):,.0f} t[/b] CO2",
            f"  water      [b]{energy.water.m_as('m^3'):,.0f} m³[/b]",
            "",
        ]
        if isinstance(cost, str):
            lines.append(f"[$text-muted]Capital cost: {escape(cost)}[/]")
        elif cost is not None:
            lines += [
                f"[b]Capital cost[/b] of {cost.accelerators:,} accelerators: [b]{fm(cost.capex)}[/b]",
                f"  {fm(cost.hardware)} hardware + {fm(cost.facility)} facility "
                f"({cost.facility_cost.m_as('MUSD/MW'):g} MUSD per MW of IT)",
                f"  {fm(cost.capex_per_accelerator)} per accelerator",
            ]
        self.query_one("#energy-summary", View).put("\n".join(lines))


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
        yield View("", id="orbital-summary")

    def show(self, result: calc.OrbitalResult | None, error: str = "") -> None:
        show_error(self.query_one("#orbital-error", Static), error)
        if result is None:
            self.query_one("#orbital-summary", View).put("")
            return
        t = lambda q: f"{q.m_as('t'):,.0f} t"  # noqa: E731
        lines = [
            f"[b]{calc.format_power(result.power)}[/b] of compute in orbit ({result.orbit}):",
            f"  solar arrays  [b]{result.solar_array_area.m_as('km^2'):,.3f} km²[/b]  {t(result.solar_array_mass)}",
            f"  radiators     [b]{result.radiator_area.m_as('km^2'):,.3f} km²[/b]  {t(result.radiator_mass)}",
            f"  batteries     {result.battery_energy.m_as('MWh'):,.0f} MWh  {t(result.battery_mass)}",
            f"  compute hardware  {t(result.compute_mass)}",
            f"  total mass    [b]{t(result.total_mass)}[/b]",
            f"  {result.satellites:,} satellites, {result.launches:,} launches, "
            f"{calc.ui.format_money(result.launch_cost)} to launch",
            "[$text-muted]Lower bounds: ideal radiators facing deep space.[/]",
        ]
        self.query_one("#orbital-summary", View).put("\n".join(lines))


class ComputePanel(Vertical):
    """What the scenario's power buys in compute: H100e, FLOP/s, FLOP per year, days to 1e25."""

    def compose(self) -> ComposeResult:
        yield Static("", id="compute-error", classes="field-error")
        yield View("", id="compute-summary")

    def show(self, result: calc.ComputeResult | None, error: str = "") -> None:
        show_error(self.query_one("#compute-error", Static), error)
        if result is None:
            self.query_one("#compute-summary", View).put("")
            return
        h = result.h100e
        peak = {figure.name: figure for figure in result.peak}
        lines = [
            f"[b]{result.accelerators:,}[/b] {escape(result.noun)}s in whole systems: "
            f"[b]{h.central:,.0f} H100e[/b] ({h.low:,.0f}–{h.high:,.0f})",
            f"  {escape(result.convention)}",
        ]
        for name in ("fp4", "fp8", "bf16", "fp64"):
            if name in peak:
                f = peak[name]
                lines.append(
                    f"  peak {name.upper()}  [b]{calc.ui.format_flops(f.central)}[/b] "
                    f"({calc.ui.format_flops(f.low)}–{calc.ui.format_flops(f.high)}), dense"
                )
        lines += [
            f"  mfu {result.mfu.central:g} ({result.mfu.low:g}–{result.mfu.high:g}) of "
            f"{result.mfu_precision.upper()} peak × availability {result.availability.central:g}",
            f"  effective  [b]{calc.ui.format_flops(result.effective.central)}[/b]; per year "
            f"{calc.ui.format_flops(result.flop_per_year.central, 'FLOP')}",
        ]
        for d in result.days_to:
            lines.append(f"  {d.name} FLOP in [b]{d.central:,.1f} days[/b] ({d.low:,.1f}–{d.high:,.1f})")
        per_mw = ", ".join(f"{f.name} {f.central:,.0f}" for f in result.h100e_per_mw if f.name != "supply")
        lines.append(f"  H100e per MW: {per_mw}")
        lines += [f"  note: {escape(note)}" for note in result.missing + result.notes]
        self.query_one("#compute-summary", View).put("\n".join(lines))
