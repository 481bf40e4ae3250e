"""A site's energization quarter by quarter: power online by source against what arrived.

It draws `calc.timeline` as the text bars of `calc.ui.timeline_bars` (the cells are calc's);
both are computed in a thread worker for the facility the screen gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

import calc
import calc.ui
from tui.workers import deliver

LABEL_WIDTH = 10
"""The quarter's label before each bar."""
MARGIN = 4
"""Cells kept free right of the widest bar (the need's marker, the scroll bar)."""
SOURCE_CELLS = (("grid", "█", "$primary"), ("turbines", "▓", "$warning"), ("batteries", "░", "$success"))
"""How each source is drawn: its glyph and colour (the glyph alone tells them apart)."""


@dataclass(frozen=True)
class TimelineView:
    """What the panel shows for one facility: the timeline and its bars, or why there is none."""

    facility: str | None
    width: int
    result: calc.TimelineResult | None
    chart: calc.ui.TimelineChart | None
    message: str


def timeline_view(facility: str | None, name: str, width: int) -> TimelineView:
    """The facility's timeline and its bars `width` cells wide, or the message saying it has none."""
    if facility is None:
        return TimelineView(
            facility, width, None, None, f"{name} has no timeline: it is not a facility preset."
        )
    try:
        result = calc.timeline(facility)
        chart = calc.ui.timeline_bars(result, width)
    except calc.NoTimeline:
        message = (
            f"{name} has no timeline: its preset has no dated power stages. "
            f"Facilities with one: {', '.join(_having_timelines()) or 'none'}."
        )
        return TimelineView(facility, width, None, None, message)
    except calc.CalcError as error:
        return TimelineView(facility, width, None, None, str(error))
    except Exception as error:  # a preset the core does not yet refuse must not end the app
        message = f"timeline: {facility} cannot be drawn: {type(error).__name__}: {error}"
        return TimelineView(facility, width, None, None, " ".join(message.split())[:200])
    return TimelineView(facility, width, result, chart, "")


def _having_timelines() -> list[str]:
    """The facility presets with dated power stages (those that load)."""
    having = []
    for preset_id in calc.list_presets("facilities"):
        try:
            if calc.load_facility(preset_id).timeline:
                having.append(preset_id)
        except calc.CalcError:  # a broken user preset: the calculator names it
            continue
    return having


def bar_content(bar: calc.ui.TimelineBar, width: int) -> Content:
    """One quarter's bar: the sources' cells, the need marked with │ (red when short), the
    shortfall between the firm power and the need dotted."""
    cells: list[tuple[str, str]] = []
    for source, glyph, style in SOURCE_CELLS:
        cells += [(glyph, style)] * getattr(bar, source)
    firm = bar.grid + bar.turbines
    cells += [(" ", "")] * (width + 1 - len(cells))
    if bar.needed:
        for index in range(firm, bar.needed):  # the need beyond the firm power: a shortfall
            glyph, style = cells[index]
            cells[index] = (glyph if glyph != " " else "·", "$error")
        cells[bar.needed] = ("│", "bold $error" if bar.shortfall else "bold $text")
    content = Content("")
    for glyph, style in cells:
        content += Content(glyph).stylize(style) if style else Content(glyph)
    return content


class TimelinePanel(Vertical):
    """Power online by source per quarter against the power the delivered accelerators need."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view: TimelineView | None = None
        """The view shown; None until the first lands."""
        self._asked: tuple[str | None, int] | None = None
        self._name = ""

    def compose(self) -> ComposeResult:
        yield Static("[$text-muted]Computing…[/]", id="timeline-chart")
        yield Static("", id="timeline-events")

    def bar_width(self) -> int:
        """Cells of the widest bar at the panel's width."""
        return max(10, (self.size.width or 80) - LABEL_WIDTH - MARGIN)

    def show_facility(self, facility: str | None, name: str) -> None:
        """Show the timeline of a facility (id or path; None: the scenario is not a facility)."""
        asked = (facility, self.bar_width())
        if asked == self._asked:
            return
        self._asked = asked
        self._name = name
        self.compute(facility, name, asked[1])

    def on_resize(self) -> None:
        if self._asked is not None and self._asked[1] != self.bar_width():
            self.show_facility(self._asked[0], self._name)

    @work(thread=True, exclusive=True, group="timeline")
    def compute(self, facility: str | None, name: str, width: int) -> None:
        """The timeline and its bars off the UI thread; the newest facility wins."""
        view = timeline_view(facility, name, width)
        deliver(self.app, self._landed, view)

    def _landed(self, view: TimelineView) -> None:
        if self._asked != (view.facility, view.width):
            return  # another facility or width was asked for since
        self.view = view
        chart = self.query_one("#timeline-chart", Static)
        events = self.query_one("#timeline-events", Static)
        if view.result is None or view.chart is None:
            chart.update(Content(view.message).stylize("$text-muted"))
            events.update("")
            return
        chart.update(self.chart_content(view.result, view.chart))
        events.update(self.events_content(view.result))

    @staticmethod
    def chart_content(result: calc.TimelineResult, chart: calc.ui.TimelineChart) -> Content:
        fp = calc.format_power
        legend = Content("  ").join(
            Content(glyph * 2).stylize(style) + Content(f" {source}") for source, glyph, style in SOURCE_CELLS
        )
        lines = [
            Content.from_markup(
                f"[b]$facility[/b]: power online at each quarter's end ({result.basis} basis)",
                facility=result.facility,
            ),
            legend
            + Content("  ")
            + Content("│").stylize("bold")
            + Content(" need (central)  ")
            + Content("·").stylize("$error")
            + Content(" shortfall"),
        ]
        for bar, row in zip(chart.bars, result.rows, strict=True):
            label = Content(f"{bar.quarter}{'*' if bar.planned else ' '} ".ljust(LABEL_WIDTH))
            figures = f" firm {fp(row.firm_power)}, need {fp(row.required_power)}"
            if bar.shortfall:
                short = Content(f", short {fp(row.shortfall)}").stylize("bold $error")
                if row.battery_hours is not None:
                    short += Content(f" ({row.battery_hours:,.0f} h on batteries)")
            elif bar.stranded:
                short = Content(f", stranded {fp(row.stranded_power)}").stylize("$warning")
            else:
                short = Content("")
            lines.append(label + bar_content(bar, chart.width))
            lines.append(Content(" " * LABEL_WIDTH) + Content(figures.strip()).stylize("$text-muted") + short)
        lines.append(
            Content(f"{' ' * LABEL_WIDTH}scale: the full width is {fp(chart.scale)}; * planned").stylize(
                "$text-muted"
            )
        )
        return Content("\n").join(lines)

    @staticmethod
    def events_content(result: calc.TimelineResult) -> Content:
        lines = [Content.from_markup("[b]What changed[/b]")]
        for row in result.rows:
            for event in row.events:
                lines.append(Content(f"{row.quarter}  {event}"))
        lines.append(
            Content(f"{len(result.sources)} sources: dcpower timeline --facility {result.facility}").stylize(
                "$text-muted"
            )
        )
        return Content("\n").join(lines)
