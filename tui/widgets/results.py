"""Read-only views of a `calc.Report`. They format; they compute no power.

Each watches its screen's reactive ``report`` (attributes down): the screen sets it when a
report lands, and every view redraws itself. A view whose text is unchanged draws nothing, and
one whose height is unchanged redraws without a layout of the screen: a report lands in one
frame of the few widgets it changed.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.markup import escape
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Static

import calc
import calc.ui

VERDICT_STYLE = {
    "implausible": "$error",
    "between": "$warning",
    "plausible": "$success",
    "ample": "$warning",
    "answered": "$accent",
}
"""Verdict colours, the one map of them (the claim box, the report, the ledger table, A/B);
'answered' is a claim stating one figure, the other derived (no verdict)."""


def rich_colour(app: App[object], style: str) -> str:
    """A theme colour of `VERDICT_STYLE` ("$error") as Rich text takes it (a DataTable's cells,
    which know no theme variables): the current theme's colour, e.g. "#ba3c5b"."""
    return app.theme_variables.get(style.removeprefix("$"), "")


STATUS_MARK = {"in range": "", "below range": " ↓", "above range": " ↑", "impossible": " ✗"}


def watts(quantity: object) -> str:
    """A power per accelerator for display."""
    return calc.format_power(quantity, "W", 1)


def watch_report(widget: Widget, show: Any) -> None:
    """Call `show(report)` now and whenever the widget's screen has a new report."""

    def changed(report: calc.Report | None) -> None:
        if report is not None:
            show(report)

    widget.watch(widget.screen, "report", changed)


ARRANGED_SIZE = Reactive(Size(0, 0), layout=False, repaint=False)
"""`virtual_size` for a widget whose size only the layout sets: Textual's own asks for a second
layout of the whole screen whenever the first changed it, which finds nothing to move, and a
repaint of the whole pane after it (a report a line longer cost two layouts of every widget on
screen and a third frame). The layout has drawn what moved; the scrollbar is updated apart."""


class ReportPane(VerticalScroll):
    """The scrolling pane of the report's views.

    Its scrollbar's column is kept while the report fits, so an edit whose report is a line
    shorter or longer never changes the width of the text (which would wrap every view again
    and lay the screen out twice more); and a change of its height is one layout, not two.
    """

    DEFAULT_CSS = """
    ReportPane { scrollbar-gutter: stable; }
    """

    virtual_size = ARRANGED_SIZE


class View(Static):
    """A Static that wraps its own lines and redraws only what changed.

    Lines are wrapped at word boundaries but never between a number and its unit or noun
    ("1,363.6 W", "220,000 GPUs"), and a wrapped line goes on under its own text, not at
    column 0. A view whose text and width are unchanged draws nothing, one whose height is
    unchanged redraws without a layout of the screen, and one whose height changed is one
    layout.
    """

    virtual_size = ARRANGED_SIZE
    _shown: tuple[str, int] | None = None
    _height: int | None = None
    _markup: str = ""

    def put(self, text: str) -> None:
        """Show `text` (markup), wrapped to the view's width."""
        self._markup = text
        width = self.content_region.width
        if (text, width) == self._shown:
            return
        content = wrapped(text, width) if width else Content.from_markup(text)
        # the height the layout would find; unknown before the first layout
        height = content.get_height(self.styles, width) if width else None
        relayout = height is None or height != self._height
        self._shown, self._height = (text, width), height
        self.update(content, layout=relayout)

    def on_resize(self) -> None:
        if self.width_changed():
            self._height = None  # wrap again and lay out
            self.put(self._markup)

    def width_changed(self) -> bool:
        """True if the view is drawn at another width than its text was wrapped for. A resize
        of the height alone (the layout that a new height asked for) changes nothing: the
        height found for the text stays known, and the next report lays out only if it moves."""
        return self._shown is not None and self._shown[1] != self.content_region.width


def _breaks(plain: str) -> list[int]:
    """Where a line may break: before a word, but not before the unit or noun of a number."""
    return [
        i
        for i in range(1, len(plain))
        if plain[i - 1] == " "
        and plain[i] != " "
        and not (i >= 2 and plain[i - 2].isdigit() and (plain[i].isalpha() or plain[i] in "%$€£"))
    ]


def wrapped(markup: str, width: int) -> Content:
    """`markup` with each line wrapped at `width` cells (see `View`)."""
    out: list[Content] = []
    for line in Content.from_markup(markup).split("\n", allow_blank=True):
        plain = line.plain
        if len(plain) <= width:
            out.append(line)
            continue
        indent = min(len(plain) - len(plain.lstrip(" ")) + 2, width // 2)
        cuts, start, room = [], 0, width
        candidates = _breaks(plain)
        for j, position in enumerate(candidates):
            following = candidates[j + 1] if j + 1 < len(candidates) else len(plain)
            if len(plain[start:following].rstrip()) > room and position > start:
                # the next word does not fit: break before it, if a break here is allowed
                cuts.append(position)
                start, room = position, width - indent
        pieces = line.divide(cuts)
        out.append(pieces[0].rstrip())
        out += [Content(" " * indent) + piece.rstrip() for piece in pieces[1:]]
    return Content("\n").join(out)


class ReportView(View):
    """A view of the screen's report that lays it out for its width: drawn again on a resize."""

    _report: calc.Report | None = None

    def on_mount(self) -> None:
        watch_report(self, self._show)

    def on_resize(self) -> None:
        if self._report is not None and self.width_changed():
            self.show(self._report)
        else:
            super().on_resize()

    def _show(self, report: calc.Report) -> None:
        self._report = report
        self.show(report)

    def show(self, report: calc.Report) -> None:
        raise NotImplementedError


class Headline(View):
    """The verdict, the implied power per accelerator, what must hold, and the capacity."""

    # the border in the verdict's colour (a class per verdict); the stylesheet's #headline.-stale
    # wins while the result is the last good one
    DEFAULT_CSS = "\n".join(
        [
            f"Headline {{ border: round {VERDICT_STYLE['plausible']}; }}",
            *(f"Headline.-{name} {{ border: round {style}; }}" for name, style in VERDICT_STYLE.items()),
        ]
    )

    def on_mount(self) -> None:
        self.update("[$text-muted]Computing the report…[/]")
        watch_report(self, lambda report: self.show(report, self.screen.stale))  # type: ignore[attr-defined]
        self.watch(self.screen, "stale", self._stale_changed, init=False)

    _shown_for: tuple[calc.Report, bool] | None = None
    """The report last shown, and whether with the stale line."""

    def _stale_changed(self, stale: bool) -> None:
        report = self.screen.report  # type: ignore[attr-defined]
        if report is None:
            return
        # every edit marks the results stale until its report lands; only a stale line that
        # comes or goes (a field invalid) changes what is shown
        line = stale and bool(self.screen.errors)  # type: ignore[attr-defined]
        if self._shown_for is None or self._shown_for[0] is not report or self._shown_for[1] != line:
            self.show(report, stale)

    def show(self, report: calc.Report, stale: bool) -> None:
        stale = stale and bool(self.screen.errors)  # type: ignore[attr-defined]
        self._shown_for = (report, stale)
        verdict = calc.ui.verdict_word(report.claim)
        for name in VERDICT_STYLE:
            self.set_class(verdict == name, f"-{name}")
        self.set_class(stale, "-stale")
        first, *rest = calc.ui.headline_lines(report)
        word, _, tail = first.partition("  ")
        lines = [f"[b {VERDICT_STYLE[verdict]}]{word}[/]  {escape(tail)}", *(escape(line) for line in rest)]
        if stale:
            lines.append("[$warning]Showing the last good result: fix the marked field.[/]")
        self.put("\n".join(lines))


class ChainBars(ReportView):
    """Power per accelerator at each basis as bars: low, central and high, with the claim marked."""

    def show(self, report: calc.Report) -> None:
        rows = report.claim.chain
        implied = report.claim.implied_power_per_accelerator.m_as("W")
        top = max(max(row.high.m_as("W") for row in rows), implied) * 1.02
        available = self.size.width or 80
        show_range = available >= 64
        width = max(8, available - 22 - (24 if show_range else 0))
        marker = round(implied / top * width)
        lines = [
            f"[b]Power per {report.claim.noun}[/b], chip → supply",
            "[$text-muted]█ low  ▓ central  ░ high  │ the claim[/]",
        ]
        for row in rows:
            low, central, high = (round(q.m_as("W") / top * width) for q in (row.low, row.central, row.high))
            cells = ["█"] * low + ["▓"] * (central - low) + ["░"] * (high - central)
            cells += [" "] * (width + 1 - len(cells))
            cells[min(marker, width)] = "[b $accent]│[/]"
            span = f" [$text-muted]({watts(row.low)}–{watts(row.high)})[/]" if show_range else ""
            lines.append(
                f"{calc.ui.BASIS_LABELS[row.basis]:<8} {''.join(cells)} {watts(row.central):>10}{span}"
            )
        self.put("\n".join(lines))


class ReadingsTable(ReportView):
    """Each reading of the claim with its verdict and the break-even value of each assumption."""

    STATUS_STYLE = {
        "in range": "",
        "below range": "$warning",
        "above range": "$warning",
        "impossible": "$error",
    }

    def show(self, report: calc.Report) -> None:
        width = self.size.width or 80
        table = calc.ui.readings_table(report.claim)
        lines: list[str] = []
        for reading, row in zip(report.claim.readings, table.rows, strict=True):
            basis, verdict, span, _central, supports, _evens = row
            style = VERDICT_STYLE[
                calc.ui.verdict_word(report.claim) if report.claim.derived else reading.verdict
            ]
            head = [
                (f"{basis:<8} {verdict:<11}", f"[b]{basis:<8}[/b] [{style}]{verdict:<11}[/]"),
                (span, span),
                (f"supports {supports}", f"supports {supports}"),
            ]
            lines += flow(head, width, indent=9)
            evens = []
            for e in reading.break_even:
                text = f"{e.assumption} {calc.ui.even_value(e)}{STATUS_MARK[e.status]}"
                style = self.STATUS_STYLE[e.status]
                evens.append((text, f"[{style}]{text}[/]" if style else text))
            evens = [(p + ",", m + ",") for p, m in evens[:-1]] + evens[-1:]
            lines += flow(
                [("break-even:", "break-even:"), *evens] if evens else [("break-even: –", "break-even: –")],
                width,
                indent=9,
                first=9,
            )
        self.put("\n".join(lines))


def flow(tokens: list[tuple[str, str]], width: int, indent: int, first: int = 0) -> list[str]:
    """Lay out (plain, markup) tokens in lines of at most `width` cells, never splitting one.

    A line that wraps goes on under the first line's text (`indent` spaces), not at column 0,
    and a number never breaks from its unit.
    """
    lines: list[str] = []
    plain_length, parts = first, [" " * first] if first else []
    for plain, markup in tokens:
        gap = 1 if plain_length > (first if not lines else indent) else 0
        if plain_length + gap + len(plain) > width and plain_length > (first if not lines else indent):
            lines.append("".join(parts))
            plain_length, parts, gap = indent, [" " * indent], 0
        parts.append(" " * gap + markup)
        plain_length += gap + len(plain)
    lines.append("".join(parts))
    return lines


class MethodsTable(ReportView):
    """The same claim under each assumption set: a table where it fits, else a block a method."""

    def show(self, report: calc.Report) -> None:
        width = self.size.width or 80
        table = calc.ui.methods_table(report.methods)
        widths = [max(len(row[i]) for row in (table.header, *table.rows)) for i in range(len(table.header))]
        lines: list[str] = []
        if sum(widths) + 2 * (len(widths) - 1) <= width:
            lines.append("[b]" + escape(_aligned(table.header, widths, table.align)) + "[/b]")
            for row, result in zip(table.rows, report.methods, strict=True):
                lines.append(
                    _styled(_aligned(row, widths, table.align), row[1], calc.ui.verdict_word(result))
                )
        else:  # narrow: each method on a line of its own, its readings flowing under it
            for row, result in zip(table.rows, report.methods, strict=True):
                method, verdict, _implied, *spans = row
                head = f"{method:<{widths[0]}} {verdict:<{widths[1]}}"
                style = VERDICT_STYLE[calc.ui.verdict_word(result)]
                markup = f"[b]{escape(method):<{widths[0]}}[/b] [{style}]{verdict:<{widths[1]}}[/]"
                tokens = [(head, markup)]  # the implied power is the claim's, the same for each
                for name, span in zip(table.header[3:], spans, strict=True):
                    label = name.removesuffix(" low–high")
                    tokens.append((f"{label} {span}", f"{escape(label)} {escape(span)}"))
                # readings line up under the first where there is room, else two in
                indent = len(head) + 1 if width - len(head) - 1 >= 36 else 2
                lines += flow(tokens, width, indent=indent)
        self.put("\n".join(lines))


def _aligned(row: tuple[str, ...], widths: list[int], align: str) -> str:
    cells = [c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, align, strict=True)]
    return "  ".join(cells).rstrip()


def _styled(line: str, word: str, verdict: str) -> str:
    """`line` escaped, with its first `word` (the verdict) in the verdict's colour."""
    before, found, after = escape(line).partition(word)
    return f"{before}[{VERDICT_STYLE[verdict]}]{found}[/]{after}" if found else before


class Notes(View):
    """The core's notes on the claim: estimates used, user presets, unit conversions."""

    def on_mount(self) -> None:
        self.display = False
        watch_report(self, self.show)

    def show(self, report: calc.Report) -> None:
        notes = report.claim.notes
        self.display = bool(notes)
        self.put("[b]Notes[/b]\n" + "\n".join(f"• {escape(note)}" for note in notes))
