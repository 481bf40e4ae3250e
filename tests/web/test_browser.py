"""`dcpower serve` in headless Chromium, driven over the DevTools protocol, used as a reader
would: click to focus, read the verdict, type a power, open the ledger (f8) and paste a
sentence into its claim box, switch to the timeline (f9), export the report.

Run by `make test-web`. No browser is a failure that says how to get one, never a skip.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from tests.web.cdp import DevTools

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
WAIT = 60.0  # seconds for any one thing to appear: generous, for a loaded 2-core machine


def browser() -> str:
    """The headless browser to drive: $DCPOWER_BROWSER, else the first of BROWSERS on PATH."""
    found = os.environ.get("DCPOWER_BROWSER") or next(filter(None, map(shutil.which, BROWSERS)), None)
    if not found:
        pytest.fail(
            "no Chromium found (tried chromium, chromium-browser, google-chrome): install it with "
            "'apt-get install chromium' or set DCPOWER_BROWSER to its path",
            pytrace=False,
        )
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(ready: Callable[[], object], what: str, process: subprocess.Popen | None = None) -> object:
    """Poll `ready` until it returns something true; fail naming `what` after WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail(f"{what}: the process ended with {process.returncode}", pytrace=False)
        value = ready()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"{what}: not within {WAIT:.0f} s", pytrace=False)


def page_answers(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode()
    except OSError:
        return None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`dcpower serve` on a free loopback port; its URL."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "calc", "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,  # a file the app wrote by mistake would land here, and be seen
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: page_answers(url), f"dcpower serve on {url} (log: {log.name})", process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def devtools_url(tmp_path: Path) -> Iterator[str]:
    """Headless Chromium with its DevTools on a loopback port; the browser's websocket URL."""
    profile = tmp_path / "profile"
    command = [browser(), "--headless=new", "--disable-gpu", "--no-first-run", "--no-default-browser-check"]
    if os.geteuid() == 0:
        command.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    command += ["--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0"]
    command += [f"--user-data-dir={profile}", "--window-size=1400,1000", "about:blank"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = profile / "DevToolsActivePort"
    try:
        wait_until(port_file.exists, f"{command[0]} writing {port_file.name}", process)
        port, path = wait_until(lambda: port_file.read_text().split(), "the DevTools port", process)[:2]
        yield f"ws://127.0.0.1:{port}{path}"
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


async def until(
    check: Callable[[], Awaitable[object]], what: str, screen: Callable[[], Awaitable[str]]
) -> object:
    """Await `check` until it is true; fail with `what` and the screen's text after WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = await check()
        if value:
            return value
        await asyncio.sleep(0.25)
    pytest.fail(f"{what}: not within {WAIT:.0f} s; the screen showed:\n{await screen()}", pytrace=False)


async def test_the_app_in_a_browser(server: str, devtools_url: str, tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    tools = await DevTools.connect(devtools_url)
    try:
        await tools.send(
            "Browser.setDownloadBehavior", page=False, behavior="allow", downloadPath=str(downloads)
        )
        await tools.open_page(server)

        async def shows(text: str) -> bool:
            return text in await tools.screen()

        async def title() -> str:
            return await tools.evaluate("document.title")

        assert await until(title, "the page's title", tools.screen) == (
            "dcpower: datacenter power and GPU capacity"
        )
        # the Colossus 1 claim: 300 MW for 220,000 GPUs, 1,363.6 W each, reads as plausible
        await until(lambda: shows("PLAUSIBLE"), "the Colossus 1 verdict", tools.screen)
        assert "IMPLAUSIBLE" not in await tools.screen()

        # keys reach the app only after a click on the page: a click on the power field, then
        # its whole value replaced; 30 MW / 220,000 GPUs = 136 W each, under any low end
        await tools.click_text("300 MW")
        focused = await tools.evaluate("document.activeElement.className")
        assert "xterm-helper-textarea" in focused, f"the click focused {focused!r}, not the terminal"
        await tools.press("end")
        await tools.press("ctrl+u")
        await tools.type("30 MW")
        await until(lambda: shows("IMPLAUSIBLE"), "the verdict after typing 30 MW", tools.screen)

        await tools.press("f8")
        await until(
            lambda: shows("The ledger of announced deals"), "the claims ledger after f8", tools.screen
        )
        # f8 puts the focus in the claim box: a pasted sentence is read and checked at once;
        # 1 GW / 100,000 GPUs = 10,000 W each, over even the facility reading's high end
        await tools.paste("The campus will draw 1 gigawatt for 100,000 NVIDIA GPUs.")
        await until(lambda: shows("AMPLE"), "the pasted sentence's verdict", tools.screen)
        assert "10,000.0 W per GPU" in await tools.screen()

        # the Timeline tab of the scenario (still Colossus 1: the sentence was read, not opened)
        await tools.press("f9")
        await until(
            lambda: shows("sources: dcpower timeline --facility colossus-1"),
            "the timeline after f9",
            tools.screen,
        )
        assert "2025-Q2  2025-04 turbines 422 MW" in await tools.screen()

        await tools.press("ctrl+r")
        await until(lambda: shows("Export the report"), "the export dialog after ctrl+r", tools.screen)
        await tools.press("enter")

        def arrived() -> list[str]:
            names = sorted(p.name for p in downloads.iterdir())
            # the whole file (Chromium writes a .crdownload first)
            return names if names == ["colossus-1-report.md"] else []

        for _ in range(int(WAIT * 4)):
            if arrived():
                break
            await asyncio.sleep(0.25)
        assert arrived(), f"no report download in {WAIT:.0f} s; the screen showed:\n{await tools.screen()}"
        markdown = (downloads / "colossus-1-report.md").read_text()
        assert markdown.startswith("# Colossus 1 (xAI / SpaceX), Memphis\n")
        assert "Verdict: IMPLAUSIBLE" in markdown, markdown[:400]
    finally:
        await tools.close()
    # nothing was written on the server's side
    assert sorted(p.name for p in tmp_path.iterdir()) == ["downloads", "profile", "serve.log"]
