"""Help: the keys and the glossary of power bases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

import calc
import calc.ui

HELP_TEXT = """\
# dcpower

Every field is checked as you type; the results follow a moment later (they are computed in
the background, so typing never waits). A field that does not parse is marked, its message
shows below it, and every panel keeps, and says it keeps, the last good result.

## Keys

| key | does |
|---|---|
| tab / shift+tab | next / previous field |
| ctrl+f | jump to the next group: power, count, fleet, method, assumptions, headroom |
| up / down | nudge the focused value by 1 % in its own unit (assumptions by 0.01; redundancy to the next scheme) |
| shift+up / shift+down | nudge by 10 % (assumptions by 0.1) |
| ctrl+z / ctrl+y | undo / redo any edit: fields, rows, method, facility |
| ctrl+l | reset the focused field to its value in the preset (or file) as loaded |
| ctrl+s | save the scenario (a facility preset: it opens again here and in the CLI) |
| ctrl+o | open a saved scenario or a facility preset |
| ctrl+r | export the report as Markdown and JSON |
| ctrl+n | add an accelerator type to the fleet |
| ctrl+b | pin this scenario as A; edit on and see A beside B (f6) |
| ctrl+t / ctrl+g | copy the verdict line / the `dcpower check` command |
| ctrl+p | command palette: facilities, methods, actions, themes |
| f2 / f3 / f4 / f5 | the Claim, Uncertainty, Energy & money and Orbital panels |
| f6 / f7 | the A/B comparison and the Sweep chart |
| f8 | Claims: the claim box (paste a sentence; enter opens it as the scenario) over the ledger |
| s / r | on the ledger table: sort by the next column / reverse (or click a header) |
| enter | on a ledger row: open that claim as the scenario (asks first about unsaved edits) |
| f9 | Timeline: the facility's power online by source per quarter against the need |
| f10 | Compute: what the power buys in H100e, FLOP/s, FLOP per year and days to 1e25 FLOP |
| f1 | this help |
| ctrl+q | quit (asks first if there are unsaved changes; so do opening and switching facility) |

Power: any unit (W … GW, BTU/h, hp); kVA and MVA are apparent power, converted with the power
factor. Redundancy: N, 2N, 4N/3, 3N/2, or k+1 such as 3+1 (k modules carry the load).

## The power chain (glossary of bases and assumptions)

{glossary}

A claim whose basis is *unspecified* is read both as IT and as facility power. **Implausible**:
too little power even with every optimistic assumption. **Plausible**: within the model's
low–high range. **Ample**: more power than the accelerators can use. **Between**: neither
reading fits, more than IT alone needs and less than the facility needs at its PUE range.

Break-even: the value of one assumption, others central, at which the claim fits exactly;
↓ / ↑ mark values below / above the assumption's range, ✗ impossible ones (PUE below 1, a
negative overhead).

The Uncertainty panel draws 100,000 samples with a fixed seed (the CLI's `dcpower uncertainty`
draws as many as you ask); Energy & money and Orbital take the claim's power, with their own
inputs and the sourced defaults of the economics and orbital presets.

The Claims panel reads a claim as you met it ("more than 300 megawatts ... over 220,000 NVIDIA
GPUs"), marks the words each figure came from, and keeps its bounds when it opens as the
scenario; the ledger below lists the announced deals of `presets/claims/`, each with its verdict
or what its lone power, count or budget supports. The Timeline panel draws a facility's dated
power stages (grid, turbines, batteries) per quarter against the need of the accelerators
delivered by then; a facility without stages says it has none.

Press escape or f1 to close.
"""


def help_markdown(
    steps: Iterable[Any] = calc.ui.STEPS, table: Iterable[calc.Assumption] = calc.ASSUMPTIONS
) -> str:
    """The help, its glossary printed from the chain's steps and the assumption table."""
    return HELP_TEXT.replace("{glossary}", calc.ui.glossary_markdown(tuple(steps), tuple(table)))


HELP = help_markdown()


class HelpScreen(ModalScreen[None]):
    """Keys and glossary."""

    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Close the help."),
        Binding("f1", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(HELP)
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)
