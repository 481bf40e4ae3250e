"""Help: the keys and the glossary of power bases."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

HELP = """\
# dcpower

Every field recomputes at once. A field that does not parse is marked, its message shows
below it, and the results keep the last good scenario.

## Keys

| key | does |
|---|---|
| tab / shift+tab | next / previous field |
| up / down | nudge the number in the focused field |
| ctrl+s | save the scenario (a facility preset: it opens again here and in the CLI) |
| ctrl+o | open a saved scenario or a facility preset |
| ctrl+r | export the report as Markdown and JSON |
| ctrl+n | add an accelerator type to the fleet |
| ctrl+p | command palette: facilities, methods, actions, themes |
| f2 / f3 / f4 / f5 | the Claim, Uncertainty, Energy & money and Orbital panels |
| f1 | this help |
| ctrl+q | quit (asks first if there are unsaved changes) |

## The power chain (glossary of bases)

| basis | per accelerator | what it is |
|---|---|---|
| chip | TDP | maximum board power of the accelerator |
| server | system nameplate ÷ accelerators per system × draw_factor | what the servers draw |
| IT | server × (1 + it_overhead) | critical IT: plus network, storage, management |
| facility | IT × PUE | plus cooling, power conversion, lighting |
| supply | facility ÷ (usable fraction × (1 − headroom)) | what must be contracted: redundancy and headroom |

A claim whose basis is *unspecified* is read both as IT and as facility power. **Implausible**:
too little power even with every optimistic assumption. **Plausible**: within the model's
low–high range. **Ample**: more power than the accelerators can use.

Break-even: the value of one assumption, others central, at which the claim fits exactly;
↓ / ↑ mark values below / above the assumption's range, ✗ impossible ones (PUE below 1, a
negative overhead).

The Uncertainty panel draws 100,000 samples with a fixed seed (the CLI's `dcpower uncertainty`
draws as many as you ask); Energy & money and Orbital take the claim's power, with their own
inputs and the sourced defaults of the economics and orbital presets.

Press escape or f1 to close.
"""


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
