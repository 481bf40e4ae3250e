"""The app in a web browser (`dcpower serve`): export and save reach the browser as downloads,
and what the web face cannot do is said on screen. The mode is set without a server
(`DcpowerApp(web=True)`); the downloads are caught where Textual would hand them to the driver."""

import json
import tomllib

import pytest

import calc
import calc.ui
from tui.app import DcpowerApp
from tui.web import file_name
from tui.widgets import FieldInput

from .settle import path_dialog, settle

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


async def test_export_in_a_browser_is_a_markdown_download_or_the_json_and_no_file(in_tmp):
    app = Caught()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await path_dialog(pilot, "ctrl+r", offers="colossus-1-report.md")
        assert [n.message for n in app._notifications] == [
            "Sent colossus-1-report.md to your browser as a download (export again with a .json name)"
        ]
        [(name, mime, markdown)] = app.delivered
        assert (name, mime) == ("colossus-1-report.md", "text/markdown")
        assert markdown.startswith("# Colossus 1 (xAI / SpaceX), Memphis\n")
        assert "Verdict: PLAUSIBLE. So it holds as IT power" in markdown
        # to a JSON name, with a folder the browser drops
        await path_dialog(pilot, "ctrl+r", "/srv/reports/colossus.json")
    [_, (name, mime, text)] = app.delivered
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
        # a bare file name: the browser saves to its own downloads folder, not the server's path
        await path_dialog(pilot, "ctrl+s", offers="colossus-1-scenario.toml")
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
        await path_dialog(pilot, "ctrl+s", "My Site.toml")
        [note] = app._notifications
        assert note.title == "Not saved"
        assert "'My Site.toml': the file name is the preset id and must be kebab-case" in note.message
    assert app.delivered == []


async def test_open_in_a_browser_says_it_cannot_open_a_local_file_and_takes_a_preset_id():
    app = Caught()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await path_dialog(pilot, "ctrl+o", "/home/me/site.toml", offers="")
        [note] = app._notifications
        assert (note.title, note.message) == (
            "Not opened",
            "In a browser dcpower cannot open files from your computer: give a facility preset id "
            "(e.g. colossus-1), or pick one under Facility.",
        )
        assert app.calculator.source == "colossus-1"
        await path_dialog(pilot, "ctrl+o", "stargate-abilene")
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
        await path_dialog(pilot, "ctrl+r")
    assert sorted(p.name for p in in_tmp.iterdir()) == ["colossus-1-report.json", "colossus-1-report.md"]


def test_download_names_drop_the_folder_and_add_the_suffix():
    assert file_name("/srv/x/colossus.md", ".md") == "colossus.md"
    assert file_name("colossus", ".md") == "colossus.md"
    assert file_name("site.txt", ".toml") == "site.toml"
    assert file_name("  ", ".md") == "dcpower.md"
