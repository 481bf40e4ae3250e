"""A small client of the Chrome DevTools protocol over one websocket (aiohttp, which
textual-serve brings): enough to open a page, click, type, read the terminal and take downloads."""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any

import aiohttp

# Run before the page's own scripts: keep each xterm.js Terminal that textual-serve makes (the
# public Terminal assigns its `_core` first), so that the test reads the screen's text from the
# terminal's buffer; the page draws it on a canvas, where the DOM has no text.
KEEP_TERMINALS = """
Object.defineProperty(Object.prototype, "_core", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "_core", {value, writable: true, configurable: true, enumerable: true});
    (window.__terminals = window.__terminals || []).push(this);
  },
});
"""

READ_SCREEN = """
(() => {
  const term = (window.__terminals || []).find((t) => t.buffer && t.buffer.active && t.rows);
  if (!term) return null;
  const buffer = term.buffer.active, lines = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()
"""

CELL_CENTER = """
((row, column) => {
  const term = (window.__terminals || []).find((t) => t.buffer && t.buffer.active && t.rows);
  const box = term.element.querySelector(".xterm-screen").getBoundingClientRect();
  return [box.left + (column + 0.5) * box.width / term.cols, box.top + (row + 0.5) * box.height / term.rows];
})"""

# key name -> (key, code, Windows virtual key code) for CDP Input.dispatchKeyEvent
SPECIAL = {
    "enter": ("Enter", "Enter", 13),
    "tab": ("Tab", "Tab", 9),
    "backspace": ("Backspace", "Backspace", 8),
    "escape": ("Escape", "Escape", 27),
    "end": ("End", "End", 35),
    **{f"f{n}": (f"F{n}", f"F{n}", 111 + n) for n in range(1, 13)},
}


class DevTools:
    """One browser-level websocket; page commands go through a flat session."""

    def __init__(self, http: aiohttp.ClientSession, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._http = http
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def connect(cls, url: str) -> DevTools:
        http = aiohttp.ClientSession()
        socket = await http.ws_connect(url, max_msg_size=0)
        return cls(http, socket)

    async def close(self) -> None:
        self._reader.cancel()
        await self._socket.close()
        await self._http.close()

    async def _read(self) -> None:
        async for message in self._socket:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self._waiting:
                self._waiting.pop(data["id"]).set_result(data)
            else:
                self.events.append(data)

    async def send(self, method: str, page: bool = True, **params: Any) -> dict[str, Any]:
        """Send one command (to the page's session unless `page` is False); its result."""
        ident = next(self._ids)
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if page and self.session:
            message["sessionId"] = self.session
        future = asyncio.get_running_loop().create_future()
        self._waiting[ident] = future
        await self._socket.send_str(json.dumps(message))
        answer = await asyncio.wait_for(future, 30)
        if "error" in answer:
            raise RuntimeError(f"DevTools {method}: {answer['error']}")
        return answer.get("result", {})

    async def open_page(self, url: str) -> None:
        """Open a new tab on about:blank, hook the terminal, then load `url` in it."""
        target = await self.send("Target.createTarget", page=False, url="about:blank")
        attached = await self.send(
            "Target.attachToTarget", page=False, targetId=target["targetId"], flatten=True
        )
        self.session = attached["sessionId"]
        await self.send("Page.bringToFront")
        await self.send("Emulation.setFocusEmulationEnabled", enabled=True)
        await self.send("Page.enable")
        await self.send("Runtime.enable")
        await self.send("Page.addScriptToEvaluateOnNewDocument", source=KEEP_TERMINALS)
        await self.send("Page.navigate", url=url)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def screen(self) -> str:
        """The terminal's text, row by row ("" before the terminal exists)."""
        return await self.evaluate(READ_SCREEN) or ""

    async def click_text(self, text: str) -> None:
        """Click the middle of the leftmost place on the screen that shows `text` (the inputs are
        on the left; the report on the right quotes them)."""
        rows = (await self.screen()).split("\n")
        column, row = min((line.index(text), i) for i, line in enumerate(rows) if text in line)
        column += len(text) // 2
        x, y = await self.evaluate(f"{CELL_CENTER}({row}, {column})")
        await self.click(x, y)

    async def click(self, x: float, y: float) -> None:
        await self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            await self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    async def press(self, key: str) -> None:
        """Press one key: a character, a name from SPECIAL, or "ctrl+<letter>"."""
        modifiers = 0
        if key.startswith("ctrl+"):
            modifiers, key = 2, key[5:]
        if key in SPECIAL:
            name, code, vk = SPECIAL[key]
            text = "\r" if key == "enter" else ""
        else:
            name, text = key, "" if modifiers else key
            code = f"Key{key.upper()}" if key.isalpha() else f"Digit{key}" if key.isdigit() else ""
            vk = ord(key.upper()) if key.isalnum() else ord(key)
        down = {"type": "keyDown" if text else "rawKeyDown", "key": name, "code": code}
        down |= {"windowsVirtualKeyCode": vk, "modifiers": modifiers, "text": text, "unmodifiedText": text}
        await self.send("Input.dispatchKeyEvent", **down)
        await self.send(
            "Input.dispatchKeyEvent",
            type="keyUp",
            key=name,
            code=code,
            windowsVirtualKeyCode=vk,
            modifiers=modifiers,
        )

    async def paste(self, text: str) -> None:
        """Put `text` into the focused element at once, as a paste does (not key by key)."""
        await self.send("Input.insertText", text=text)

    async def type(self, text: str) -> None:
        for character in text:
            await self.press(character)
