"""Regenerate the README's TUI screenshots: `.venv/bin/python docs/screenshots.py`.

Each is the app at 120×40 on Colossus 1, with its report (and panel) landed, cursor blink off.
"""

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.tui.settle import settle  # noqa: E402
from tui.app import DcpowerApp  # noqa: E402

SHOTS = {"tui-colossus-1.svg": None, "tui-uncertainty.svg": "f3"}


async def shoot(name: str, key: str | None) -> None:
    app = DcpowerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for widget in app.calculator.query("Input"):
            widget.cursor_blink = False
        if key:
            await pilot.press(key)
            await settle(pilot)
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.save_screenshot(str(ROOT / "docs" / name))


if __name__ == "__main__":
    for name, key in SHOTS.items():
        asyncio.run(shoot(name, key))
        print(f"docs/{name}")
