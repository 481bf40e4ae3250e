"""Start the app headless; print the time from process start to its first frame of the calculator.

Run as a subprocess by bench/run.py: `python bench/tui_first_screen.py [reference]`.

dcpower is imported the way `dcpower tui` imports it, through the command's entry. The clock
stops when the screen's first frame is handed to the terminal (`App._display`, which
every compositor refresh goes through; headless, it writes nothing). For dcpower that is the
first frame of the calculator screen, with its inputs; the report fills in when it lands.
"""

import json
import sys
import time

START = time.perf_counter()
PAINTED: list[float] = []


def timed(app_class: type, screen_class: type) -> type:
    """`app_class` with its first frame of a `screen_class` screen timed, after which it exits."""

    class Timed(app_class):  # type: ignore[misc,valid-type]
        def _display(self, screen: object, renderable: object) -> None:
            super()._display(screen, renderable)
            if renderable is not None and isinstance(screen, screen_class) and not PAINTED:
                PAINTED.append(time.perf_counter() - START)
                self.call_later(self.exit)

    return Timed


def main() -> None:
    reference = len(sys.argv) > 1 and sys.argv[1] == "reference"
    if reference:
        # a bare Textual app with the same kind of widgets: the floor for a first screen
        from textual.app import App, ComposeResult
        from textual.screen import Screen
        from textual.widgets import DataTable, Footer, Header, Input, Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                for _ in range(20):
                    yield Input("1.0")
                yield Static("result")
                yield DataTable()
                yield Footer()

        app = timed(Bare, Screen)()
    else:
        # loaded as `dcpower tui` loads it: its entry (the command line read when calc is first
        # imported decides how pint loads), then the UI found and imported by that entry
        sys.argv = ["dcpower", "tui"]
        from calc.__main__ import load_ui

        load_ui()
        from tui.app import DcpowerApp
        from tui.screens import CalculatorScreen

        app = timed(DcpowerApp, CalculatorScreen)()
    app.run(headless=True, size=(120, 40))
    print(json.dumps({"seconds": PAINTED[0], "max_rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux ru_maxrss survives
    exec, so a child would report its parent's peak when that was higher."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
