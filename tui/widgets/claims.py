"""Claims as people meet them: a sentence read and checked, and the ledger of announced deals.

The claim box reads a pasted sentence with `calc.parse_claim` (showing the spans it read)
and checks it; the ledger table lists `presets/claims/` checked by `calc.check_ledger`. Both
compute in thread workers, and either opens a claim as the calculator's scenario by posting
`ClaimsPanel.Open`: the app asks about unsaved edits before it loads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, Static

import calc
import calc.ui
from tui.widgets.results import VERDICT_STYLE, rich_colour
from tui.widgets.tables import cell, fitted_widths, fitting_columns, header_height
from tui.workers import deliver

EXAMPLE = (
    "This gives us access to more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs) "
    "within the month."
)
SPAN_STYLES = {
    "power": "bold $accent underline",
    "count": "bold $success underline",
    "accelerator": "italic $warning",
    "basis": "italic $secondary",
}
"""How each figure read is marked in the sentence."""
COLUMNS = ("date", "id", "verdict or answer", "stated power", "count", "source")
"""The ledger table's columns, as `calc.ui.ledger_table` lays them out."""


@dataclass(frozen=True)
class SentenceReading:
    """A sentence as calc read it: the reading, and the scenario and check, or why not."""

    reading: calc.ParsedClaim | None
    scenario: calc.Scenario | None
    claim: calc.ClaimResult | None
    message: str
    readings: str = ""
    """The line naming each reading the sentence supports with its verdict ('' when one)."""


@dataclass(frozen=True)
class LedgerRow:
    """One claim of the ledger: the claim, its answer, and its cells."""

    claim: calc.LedgerClaim
    result: calc.LedgerResult | None
    cells: tuple[str, ...]

    def key(self, column: int) -> tuple[Any, ...]:
        """The sort key of a column: figures by value (a missing one last), text as text."""
        if column == 3:
            stated = self.claim.power
            return (0, stated) if stated is not None else (1, 0)
        if column == 4:
            return (0, self.claim.count) if self.claim.count is not None else (1, 0)
        if column == 2:
            return self.answer_key()
        return (0, self.cells[column].lower())

    def answer_key(self) -> tuple[Any, ...]:
        """The answer column's key: verdicts by word, then each kind of answer by its figure
        ("supports 332,712" before "supports 2,430,720"), not by its text."""
        cell = self.cells[2].lower()
        kind = re.split(r"[\d$]", cell, maxsplit=1)[0]
        result, figure = self.result, 0.0
        if result is not None:
            if result.supports:
                figure = float(result.supports[0].accelerators)
            elif result.required_power is not None:
                figure = result.required_power.m_as("W")
            elif result.accelerators is not None:
                figure = float(result.accelerators)
        return (0, kind, figure, cell)

    def matches(self, text: str) -> bool:
        """True when the filter text is in the id, the quote or the name (any case), or begins
        a word of the verdict or answer: "plausible" is not "implausible"."""
        needle = text.strip().lower()
        if not needle:
            return True
        if any(needle in hay.lower() for hay in (self.claim.id, self.claim.quote, self.claim.name)):
            return True
        return re.search(r"(?<![\w-])" + re.escape(needle), self.cells[2].lower()) is not None


def read_sentence(text: str) -> SentenceReading:
    """Read a sentence and check its claim (calc's one-line message when it cannot)."""
    try:
        reading = calc.parse_claim(text)
    except calc.CalcError as error:
        return SentenceReading(None, None, None, str(error))
    flat = " ".join(text.split())
    name = "Claim: " + (flat if len(flat) <= 60 else flat[:57] + "...")
    try:
        scenario = calc.ui.answered_scenario(reading, name=name)  # one figure: the other derived
        claim = calc.check_claim(scenario)
    except calc.CalcError as error:
        return SentenceReading(reading, None, None, str(error))
    scenario = calc.Scenario.model_validate({**dict(scenario), "id": "claim", "notes": f"Sentence: {flat}"})
    check = calc.SentenceCheck(reading=reading, claim=claim, alternatives=calc.ui.alternative_checks(reading))
    return SentenceReading(reading, scenario, claim, "", calc.ui.readings_line(check))


def marked_sentence(reading: calc.ParsedClaim) -> Content:
    """The sentence with each span it was read from marked."""
    content = Content(reading.text)
    spans = (
        ("power", reading.power_span),
        ("count", reading.count_span),
        ("accelerator", reading.accelerator_span),
        ("basis", reading.basis_span),
    )
    for what, span in spans:
        if span is not None:
            content = content.stylize(SPAN_STYLES[what], span.start, span.end)
    return content


class LedgerTable(DataTable[str]):
    """The ledger as a table: s sorts by the next column, r reverses, Enter opens the claim."""

    BINDINGS = [
        Binding("s", "sort_next", "Sort", tooltip="Sort by the next column (or click a header)."),
        Binding("r", "reverse", "Reverse", tooltip="Reverse the order."),
        Binding("enter", "select_cursor", "Open", tooltip="Open the claim as the scenario."),
    ]

    fitted_to = 0
    """The width the columns were last fitted to."""

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self.fitted_to and self.row_count:
            self.panel.show_rows()

    def action_sort_next(self) -> None:
        panel = self.panel
        panel.sort_by((panel.sort_column + 1) % len(COLUMNS))

    def action_reverse(self) -> None:
        panel = self.panel
        panel.sort_by(panel.sort_column)

    @property
    def panel(self) -> ClaimsPanel:
        return next(a for a in self.ancestors if isinstance(a, ClaimsPanel))


class ClaimsPanel(Vertical):
    """The claim box over the ledger of announced deals."""

    class Open(Message):
        """Open this scenario (a claim) in the calculator."""

        def __init__(self, scenario: calc.Scenario, source: str) -> None:
            super().__init__()
            self.scenario = scenario
            self.source = source

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows: list[LedgerRow] = []
        """Every claim of the ledger, once checked (in the order shown when unfiltered)."""
        self.sort_column = 0
        self.sort_reverse = False
        self.sentence: SentenceReading | None = None
        """The last sentence read; None while the box is empty."""
        self._ledger_started = False

    def compose(self) -> ComposeResult:
        yield Label("A claim as you met it: paste the sentence, Enter opens it", classes="section-title")
        with Horizontal(id="claim-box"):
            yield Input(
                placeholder=f"e.g. {EXAMPLE}",
                id="claim-sentence",
                compact=True,
                tooltip="A sentence with a power and an accelerator count; Enter opens it as the scenario",
            )
            yield Button("Open", id="claim-open", compact=True, tooltip="Open the claim as the scenario")
        yield Static("", id="claim-reading")
        yield Label("The ledger of announced deals", classes="section-title")
        yield Input(
            placeholder="filter: id, quote or verdict",
            id="ledger-filter",
            compact=True,
            tooltip="Show the claims whose id, quote or verdict holds this text",
        )
        table = LedgerTable(id="ledger-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("[$text-muted]Checking the ledger…[/]", id="ledger-status")

    def on_show(self) -> None:
        """The ledger is checked the first time the panel is shown, in a worker; the claim box
        takes the focus unless something in the panel has it."""
        if not self._ledger_started:
            self._ledger_started = True
            self.check_ledger()
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors:
            self.query_one("#claim-sentence", Input).focus()  # f8, then paste the sentence

    # ------------------------------------------------------------------------ claim box

    @on(Input.Changed, "#claim-sentence")
    def _sentence_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value.strip():
            self.sentence = None
            self.query_one("#claim-reading", Static).update("")
            return
        self.read(event.value)

    @work(thread=True, exclusive=True, group="claim-sentence")
    def read(self, text: str) -> None:
        """Read and check the sentence off the UI thread; the newest text wins."""
        result = read_sentence(text)
        deliver(self.app, self._sentence_read, text, result)

    def _sentence_read(self, text: str, result: SentenceReading) -> None:
        if text != self.query_one("#claim-sentence", Input).value:
            return  # the box moved on; its own reading is on its way
        self.sentence = result
        self.query_one("#claim-reading", Static).update(self.reading_content(result))

    @staticmethod
    def reading_content(result: SentenceReading) -> Content:
        """What calc understood, each figure with the words it came from, and the verdict."""
        parts: list[Content] = []
        if result.reading is not None:
            parts.append(marked_sentence(result.reading))
            table = calc.ui.reading_table(result.reading)
            for label, value, _, text in table.rows:
                line = Content.from_markup("[b]$label[/b] ", label=f"{label:<12}") + Content(value)
                if text:
                    line += Content("  ← ").stylize("$text-muted") + Content(text).stylize(
                        SPAN_STYLES.get(label, "")
                    )
                parts.append(line)
            parts += [Content(f"note: {note}").stylize("$text-muted") for note in result.reading.notes]
        if result.claim is not None and result.claim.derived:
            parts.append(
                Content.from_markup(
                    f"[b {VERDICT_STYLE['answered']}]ANSWERED[/] $conclusion",
                    conclusion=result.claim.conclusion,
                )
            )
            parts.append(Content("Enter (or Open) opens it as the scenario.").stylize("$text-muted"))
        elif result.claim is not None:
            verdict = result.claim.verdict
            summary = result.claim.summary.split("; read as", 1)[0]
            summary = summary.removeprefix(f"{verdict}: ")
            parts.append(
                Content.from_markup(
                    f"[b {VERDICT_STYLE[verdict]}]$verdict[/] $summary",
                    verdict=verdict.upper(),
                    summary=summary,
                )
            )
            if result.readings:
                parts.append(Content(result.readings))
            parts.append(Content("Enter (or Open) opens it as the scenario.").stylize("$text-muted"))
        if result.message:
            parts.append(Content(result.message).stylize("$error"))
        return Content("\n").join(parts)

    @on(Input.Submitted, "#claim-sentence")
    @on(Button.Pressed, "#claim-open")
    def open_sentence(self, event: Message) -> None:
        """Open the sentence's claim as the scenario, once it has been read."""
        event.stop()
        text = self.query_one("#claim-sentence", Input).value
        result = self.sentence
        if not text.strip():
            self.notify("Paste a sentence with a power and a count first.", severity="warning")
        elif result is None or result.reading is None or result.reading.text != text:
            self.notify("The sentence is still being read; try again.", severity="warning")
        elif result.scenario is None:
            self.notify(result.message, title="Not opened", severity="error")
        else:
            self.post_message(self.Open(result.scenario, "claim"))

    # --------------------------------------------------------------------------- ledger

    @work(thread=True, exclusive=True, group="ledger")
    def check_ledger(self) -> None:
        """Check every claim of the ledger off the UI thread."""
        try:
            claims = [calc.load_claim(i) for i in calc.list_presets("claims")]
            claims.sort(key=lambda c: (c.date, c.id))
            report = calc.check_ledger()
            table = calc.ui.ledger_table(claims, report)
        except calc.CalcError as error:
            message = str(error)
            self.app.call_from_thread(self._ledger_failed, message)
            return
        except Exception as error:  # a claim the core does not yet refuse must not end the app
            message = " ".join(f"ledger: cannot be checked: {type(error).__name__}: {error}".split())[:200]
            self.app.call_from_thread(self._ledger_failed, message)
            return
        answers = {r.id: r for r in report.claims}
        rows = [LedgerRow(c, answers.get(c.id), cells) for c, cells in zip(claims, table.rows, strict=True)]
        deliver(self.app, self._ledger_checked, rows)

    def _ledger_failed(self, message: str) -> None:
        self.query_one("#ledger-status", Static).update(Content(message).stylize("$error"))

    def _ledger_checked(self, rows: list[LedgerRow]) -> None:
        self.rows = rows
        self.show_rows()

    @property
    def shown(self) -> list[LedgerRow]:
        """The rows shown: filtered, then sorted."""
        text = self.query_one("#ledger-filter", Input).value
        chosen = [row for row in self.rows if row.matches(text)]
        chosen.sort(key=lambda row: row.key(self.sort_column), reverse=self.sort_reverse)
        return chosen

    def show_rows(self) -> None:
        """Fill the table with the rows shown, the sorted column's header marked."""
        table = self.query_one(LedgerTable)
        rows = self.shown
        table.clear(columns=True)
        labels = [
            label + ((" ▼" if self.sort_reverse else " ▲") if index == self.sort_column else "")
            for index, label in enumerate(COLUMNS)
        ]
        # the columns fit the table's width, wrapping at spaces: a verdict is never cut
        # (narrow: the source, then the date, give way; the figures never do)
        available = table.scrollable_content_region.width or 10_000
        texts = [tuple(c.replace("–", "– ") for c in row.cells) for row in rows]  # a range may wrap
        shown = fitting_columns(labels, texts, available, optional=(5, 0), folds=(1, 5))
        widths = fitted_widths(
            [labels[i] for i in shown],
            [[t[i] for i in shown] for t in texts],
            available,
            [shown.index(i) for i in (1, 5) if i in shown],
        )
        table.fitted_to = available
        table.header_height = header_height([labels[i] for i in shown], widths)
        for index, width in zip(shown, widths, strict=True):
            table.add_column(Text(labels[index], overflow="fold"), key=str(index), width=width)
        for row, text in zip(rows, texts, strict=True):
            cells = [cell(text[i], "lllrrl"[i]) for i in shown]
            if 2 in shown:
                cells[shown.index(2)].stylize(rich_colour(self.app, self._verdict_style(row)))
            table.add_row(*cells, key=row.claim.id, height=None)
        status = (
            f"{len(rows)} of {len(self.rows)} claims"
            if len(rows) != len(self.rows)
            else f"{len(rows)} claims"
        )
        line = Content.from_markup(
            f"[$text-muted]$status, by {COLUMNS[self.sort_column]}; "
            "s sorts by the next column, r reverses, Enter opens a claim.[/]",
            status=status,
        )
        # a claim answered with an error shows "error" in its row, and its message here, one line
        failed = [r for r in rows if r.result is not None and r.result.error]
        for row in failed:
            message = " ".join(f"error: {row.result.error}".split())  # type: ignore[union-attr]
            line += Content("\n") + Content(f"{row.claim.id}: {message}").stylize("$error")
        self.query_one("#ledger-status", Static).update(line)

    @staticmethod
    def _verdict_style(row: LedgerRow) -> str:
        """The colour of a row's verdict or answer: its verdict's, an answer's, or an error's."""
        word = row.cells[2]
        if word in VERDICT_STYLE:
            return VERDICT_STYLE[word]
        if word == "error":
            return "$error"  # no verdict: the claim could not be checked, as in the status line
        return VERDICT_STYLE["answered"] if row.result and row.result.derived else ""

    def sort_by(self, column: int) -> None:
        """Sort by a column; the same column again reverses the order."""
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self.show_rows()

    @on(DataTable.HeaderSelected, "#ledger-table")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(int(str(event.column_key.value)))  # its key: a narrow table leaves columns out

    @on(Input.Changed, "#ledger-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.rows:
            self.show_rows()

    @on(DataTable.RowSelected, "#ledger-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = next((r for r in self.rows if r.claim.id == event.row_key.value), None)
        if row is not None:
            self.open_claim(row.claim, row.result)

    @work(thread=True, exclusive=True, group="claim-open")
    def open_claim(self, claim: calc.LedgerClaim, result: calc.LedgerResult | None) -> None:
        """The claim as a scenario (off the UI thread), then ask to open it."""
        try:
            scenario = calc.ui.claim_scenario(claim, result)
        except calc.CalcError as error:
            message = str(error)
            self.app.call_from_thread(self.notify, message, title="Not opened", severity="error")
            return
        deliver(self.app, self.post_message, self.Open(scenario, f"claim:{claim.id}"))
