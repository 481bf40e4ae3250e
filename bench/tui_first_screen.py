"""Start the app headless; print the time from process start to its first painted screen.

Run as a subprocess by bench/run.py: `python bench/tui_first_screen.py [reference]`.
"""

import json
import sys
import time

START = time.perf_counter()
PAINTED: list[float] = []


def painted_then_exit(app: object) -> None:
    """After the first refresh: note the time (the first screen), then leave."""
    PAINTED.append(time.perf_counter() - START)
    app.exit()  # type: ignore[attr-defined]


def main() -> None:
    reference = len(sys.argv) > 1 and sys.argv[1] == "reference"
    if reference:
        # a bare Textual app with the same kind of widgets: the floor for a first screen
        from textual.app import App, ComposeResult
        from textual.widgets import DataTable, Footer, Header, Input, Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                for _ in range(20):
                    yield Input("1.0")
                yield Static("result")
                yield DataTable()
                yield Footer()

            def on_mount(self) -> None:
                self.call_after_refresh(painted_then_exit, self)

        app = Bare()
    else:
        from tui.app import DcpowerApp

        class Timed(DcpowerApp):
            def on_mount(self) -> None:
                # Textual also runs DcpowerApp.on_mount (handlers run up the class tree), which
                # pushes the calculator; its first paint is one refresh after that
                self.call_after_refresh(lambda: self.call_after_refresh(painted_then_exit, self))

        app = Timed()
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
