"""The app in a web browser (`dcpower serve`): export and save reach the browser as downloads,
and what the web face cannot do is said on screen. The mode is set without a server
(`DcpowerApp(web=True)`); the downloads are caught where Textual would hand them to the driver."""

import json
import tomllib

import pytest

import calc
import calc.ui
from tui.app import DcpowerApp
from tui.screens import PathDialog
from tui.web import file_name
from tui.widgets import FieldInput

from .settle import settle

SIZE = (120, 40)


class Caught(DcpowerApp):
    """The served app with each delivery kept (name, MIME type, text) instead of sent."""

    def __init__(self, **options: object) -> None:
        super().__init__(web=True, **options)
        self.delivered: list[tuple[str, str, str]] = []
        self.clipboard_sent: list[str] = []

    def deliver_text(self, path_or_file, *, save_filename=None, mime_type=None, **options):  # type: ignore[override]
        self.delivered.append((save_filename, mime_type, path_or_file.read()))
        return "key"

    def copy_to_clipboard(self, text: str) -> None:
        self.clipboard_sent.append(text)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty folder, so that a file written by mistake is seen."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_export_in_a_browser_is_a_markdown_download_and_no_file(in_tmp):
    app = Caught()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        assert app.screen.query_one("#dialog-path").value == "colossus-1-report.md"
        await pilot.press("enter")
        await settle(pilot)
        assert [n.message for n in app._notifications] == [
            "Sent colossus-1-report.md to your browser as a download (export again with a .json name)"
        ]
    [(name, mime, markdown)] = app.delivered
    assert (name, mime) == ("colossus-1-report.md", "text/markdown")
    assert markdown.startswith("# Colossus 1 (xAI / SpaceX), Memphis\n")
    assert "Verdict: PLAUSIBLE. So it holds as IT power" in markdown
    assert list(in_tmp.iterdir()) == []


async def test_export_in_a_browser_to_a_json_name_is_the_json(in_tmp):
    app = Caught()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        app.screen.query_one("#dialog-path").value = "/srv/reports/colossus.json"
        await pilot.press("enter")
        await settle(pilot)
    [(name, mime, text)] = app.delivered
    assert (name, mime) == ("colossus.json", "application/json")
    # 300 MW / 220,000 GPUs = 1,363.6 W each: the same report as the terminal's JSON file
    assert json.loads(text)["claim"]["verdict"] == "plausible"
    assert list(in_tmp.iterdir()) == []


async def test_save_in_a_browser_is_a_preset_download_and_marks_the_scenario_saved(in_tmp):
    app = Caught()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        screen.query_one("#power", FieldInput).value = "350 MW"
        await settle(pilot)
        assert screen.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        # a bare file name: the browser saves to its own downloads folder, not the server's path
        assert app.screen.query_one("#dialog-path").value == "colossus-1-scenario.toml"
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.dirty
        assert [n.message for n in app._notifications] == [
            "Saved as a download to your browser colossus-1-scenario.toml"
        ]
    [(name, mime, text)] = app.delivered
    assert (name, mime) == ("colossus-1-scenario.toml", "application/toml")
    preset = tomllib.loads(text)
    assert (preset["id"], preset["power"]) == ("colossus-1-scenario", "350 MW")
    assert list(in_tmp.iterdir()) == []
    assert not (calc.ui.user_preset_dir() / "facilities" / "colossus-1-scenario.toml").exists()


async def test_save_in_a_browser_names_a_bad_file_name(in_tmp):
    app = Caught()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.query_one("#dialog-path").value = "My Site.toml"
        await pilot.press("enter")
        await settle(pilot)
        [note] = app._notifications
        assert note.title == "Not saved"
        assert "'My Site.toml': the file name is the preset id and must be kebab-case" in note.message
    assert app.delivered == []


async def test_open_in_a_browser_says_it_cannot_open_a_local_file():
    app = Caught()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.screen.query_one("#dialog-path").value == ""
        app.screen.query_one("#dialog-path").value = "/home/me/site.toml"
        await pilot.press("enter")
        await settle(pilot)
        [note] = app._notifications
        assert (note.title, note.message) == (
            "Not opened",
            "In a browser dcpower cannot open files from your computer: give a facility preset id "
            "(e.g. colossus-1), or pick one under Facility.",
        )
        assert app.calculator.source == "colossus-1"


async def test_open_in_a_browser_takes_a_preset_id():
    app = Caught()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        app.screen.query_one("#dialog-path").value = "stargate-abilene"
        await pilot.press("enter")
        await settle(pilot)
        assert app.calculator.source == "stargate-abilene"


async def test_copy_in_a_browser_says_the_browser_may_refuse_and_shows_the_text():
    app = Caught()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        command = calc.ui.cli_command(app.calculator.scenario)
        assert app.clipboard_sent == [command]
        [note] = app._notifications
        assert note.title == "Copy"
        assert note.message.startswith(f"Sent to the browser's clipboard: {command}\nA browser may refuse")


async def test_in_a_terminal_export_stays_a_file(in_tmp):
    app = DcpowerApp(web=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert sorted(p.name for p in in_tmp.iterdir()) == ["colossus-1-report.json", "colossus-1-report.md"]


def test_download_names_drop_the_folder_and_add_the_suffix():
    assert file_name("/srv/x/colossus.md", ".md") == "colossus.md"
    assert file_name("colossus", ".md") == "colossus.md"
    assert file_name("site.txt", ".toml") == "site.toml"
    assert file_name("  ", ".md") == "dcpower.md"
