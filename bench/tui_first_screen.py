"""Start the app headless, exit right after its first screen is painted; print timings as JSON.

Run as a subprocess by bench/run.py: `python bench/tui_first_screen.py [reference]`.
"""

import json
import resource
import sys
import time

START = time.perf_counter()


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
                self.call_after_refresh(self.exit)

        app = Bare()
    else:
        from tui.app import DcpowerApp

        class Timed(DcpowerApp):
            def on_mount(self) -> None:
                super().on_mount()
                self.call_after_refresh(lambda: self.call_after_refresh(self.exit))

        app = Timed()
    app.run(headless=True, size=(120, 40))
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - START,
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
