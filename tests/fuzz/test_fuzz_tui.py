"""Fuzzing the terminal UI: random text in every field, and the app is still running, with the
last good result on screen and a message by each field it refuses; hostile files opened and
hostile export targets, each refused in one line with the scenario kept."""

import asyncio
import os
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input

import calc
from calc.presets import bundled_dir
from tests.fuzz.strategies import examples, number_texts, quantity_texts
from tests.tui.settle import settle
from tui.app import DcpowerApp
from tui.screens import PathDialog

texts = st.one_of(
    quantity_texts,
    number_texts,
    st.text(max_size=24),
    st.sampled_from(
        ["150%", "1e-320 W", "10**10**10 W", "３００ MW", "1,5", "", "-", "nan", "3+1", "2N", "9N"]
    ),
)


async def _session(values: list[str]) -> None:
    app = DcpowerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        fields = list(app.screen.query(Input))
        for field, value in zip(fields, values * (len(fields) // max(len(values), 1) + 1), strict=False):
            field.value = value
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert app.calculator.report.claim.verdict in {"implausible", "between", "plausible", "ample"}


@examples(4, long=60)
@given(st.lists(texts, min_size=1, max_size=30))
def test_random_text_in_every_field_never_ends_the_app(values):
    asyncio.run(_session(values))


def _hostile_files(folder: Path) -> dict[str, str]:
    """Files a user might open by mistake or by malice, by what they are; each must be refused
    in one line, the scenario on screen kept."""
    good = calc.save_scenario(calc.scenario_from_facility("colossus-1"), folder / "good.toml").read_text()
    texts = {
        "broken.toml": 'id = "broken\nname = ',
        "method.toml": good.replace('method = "default"', 'method = "nonexistent-method"'),
        "fleet.toml": good.replace("h100-sxm = ", "no-such-gpu = "),
        "nested.toml": "a = " + "[" * 5000 + "]" * 5000,
        "claim.toml": (bundled_dir() / "claims" / "stargate-norway.toml").read_text(),
        "empty.toml": "",
        "huge.toml": "# " + "x" * 1_100_000,
        "wrong-id.toml": good.replace('id = "good"', 'id = "other"'),
        "del\x7fname.toml": good,
    }
    paths = {}
    for name, text in texts.items():
        try:
            (folder / name).write_text(text)
        except (OSError, ValueError):
            continue
        paths[name] = str(folder / name)
    (folder / "binary.toml").write_bytes(b"\xff\xfe\x00\x01" * 10)
    os.mkfifo(folder / "fifo.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "dir.toml").mkdir()
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    for name in ("binary.toml", "fifo.toml", "zero.toml", "dir.toml", "loop.toml"):
        paths[name] = str(folder / name)
    paths["long"] = str(folder / ("l" * 300 + ".toml"))
    paths["nul"] = str(folder / "a\x00b.toml")
    paths["missing"] = str(folder / "nowhere.toml")
    paths["not-an-id"] = "No Such Facility"
    paths["surrogate"] = "\ud800.toml"
    return paths


def _export_targets(folder: Path) -> list[str]:
    (folder / "out").mkdir()
    os.mkfifo(folder / "out" / "pipe")
    (folder / "out" / "fifo.md").symlink_to(folder / "out" / "pipe")
    (folder / "out" / "null.md").symlink_to("/dev/null")
    (folder / "out" / "pair.json").symlink_to(folder / "out" / "pipe")
    (folder / "out" / "dir.md").mkdir()
    (folder / "out" / "file").write_text("")
    out = folder / "out"
    return [
        "/",
        str(out),
        str(out / "fifo.md"),
        str(out / "null.md"),
        str(out / "pair.md"),
        str(out / "dir.md"),
        str(out / "file" / "sub.md"),
        str(out / ("e" * 300)),
        str(out / "d\x7fel.md"),
        "\x00",
    ]


async def _open_and_export(folder: Path, opened: list[str], exported: list[str]) -> None:
    app = DcpowerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.calculator
        before = screen.scenario
        for key, names, title in (
            ("ctrl+o", opened, "Not opened"),
            ("ctrl+r", exported, "Not exported"),
        ):
            for name in names:
                app._notifications.clear()
                await pilot.press(key)
                await settle(pilot)
                assert isinstance(app.screen, PathDialog)
                app.screen.query_one("#dialog-path").value = name
                await pilot.press("enter")
                await app.workers.wait_for_complete()
                await settle(pilot)
                assert app.is_running and app.screen is screen, name
                assert screen.scenario is before, name
                shown = [(n.title, n.message) for n in app._notifications]
                if title == "Not exported" and shown and shown[0][0] == "Exported":
                    continue  # a hypothesis name that is a fine file name
                if not name.strip() and not shown:
                    continue  # an empty path: nothing is asked for
                assert len(shown) == 1 and shown[0][0] == title, (name, shown)
                assert "\n" not in shown[0][1] and len(shown[0][1]) <= 400, shown
        assert not os.path.isfile("/dev/null")


def test_opening_and_exporting_hostile_files_keeps_the_app_and_the_scenario(tmp_path):
    asyncio.run(
        _open_and_export(tmp_path, list(_hostile_files(tmp_path).values()), _export_targets(tmp_path))
    )
    assert (tmp_path / "out" / "pipe").is_fifo()
    left = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert left == ["dir.md", "fifo.md", "file", "null.md", "pair.json", "pipe"]  # nothing new


@examples(2, long=40)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=3))
def test_random_path_text_in_open_and_export_never_ends_the_app(names):
    home = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # a name that is a fine file name lands here
        try:
            asyncio.run(_open_and_export(Path(folder), names, names))
        finally:
            os.chdir(home)
