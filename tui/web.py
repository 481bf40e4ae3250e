"""What the app does differently in a web browser (`dcpower serve`).

There the app runs on the server: a file it wrote would land on the server's disk, and a path
typed in a dialog names the server's files, not the reader's. So export and save reach the
browser as downloads (Textual's `deliver_text`, which textual-serve passes on), opening takes
preset ids only, and copying says that the browser may refuse it. In a terminal none of this
runs: files stay files.
"""

from __future__ import annotations

import io
from pathlib import Path

from textual.app import App

import calc

OPEN_REFUSED = (
    "In a browser dcpower cannot open files from your computer: give a facility preset id "
    "(e.g. colossus-1), or pick one under Facility."
)


def on_web(app: App[object]) -> bool:
    """Whether `app` is shown in a web browser: its `web` attribute when set (tests set it), else
    whether Textual runs it under its web driver."""
    web = getattr(app, "web", None)
    return app.is_web if web is None else bool(web)


def file_name(typed: str, suffix: str) -> str:
    """The download's file name for what was typed in the dialog: the last part of the path,
    with `suffix` added when missing (a browser saves to its own downloads folder)."""
    name = Path(typed.strip()).name or f"dcpower{suffix}"
    return name if name.endswith(suffix) else f"{Path(name).stem}{suffix}"


def deliver(app: App[object], text: str, name: str, mime_type: str) -> None:
    """Send `text` to the browser as a download named `name`."""
    app.deliver_text(io.StringIO(text), save_filename=name, mime_type=mime_type, encoding="utf-8")


def export_report(app: App[object], report: calc.Report, typed: str) -> str:
    """Send the report as one download: JSON for a name ending in .json, else Markdown; return
    the name. One file per export: a browser lets a page start only one download per key press."""
    if typed.strip().endswith(".json"):
        name = file_name(typed, ".json")
        deliver(app, calc.report_json(report), name, "application/json")
    else:
        name = file_name(typed, ".md")
        deliver(app, calc.report_markdown(report), name, "text/markdown")
    return name


def save_scenario(app: App[object], scenario: calc.Scenario, typed: str) -> Path:
    """Send the scenario as a facility preset download (TOML); return its name as a path.

    Raises:
        calc.CalcError: The file name is not a valid preset id.
    """
    name = file_name(typed, ".toml")
    deliver(app, calc.scenario_toml(scenario, name), name, "application/toml")
    return Path(name)


def copied(app: App[object], text: str) -> None:
    """Ask the browser to put `text` on its clipboard, and say on screen that it may refuse."""
    app.copy_to_clipboard(text)
    app.notify(
        f"Sent to the browser's clipboard: {text}\nA browser may refuse (it allows pages on 127.0.0.1 "
        "or https only); if paste gives nothing, copy the text from here.",
        title="Copy",
        timeout=10,
        markup=False,
    )
