"""`dcpower serve`: the app in a web browser, through textual-serve.

The server runs one app process per browser tab (`python -m tui.serve FACILITY`, under
Textual's web driver); what the app would write to disk there reaches the browser as a download
instead (see `DcpowerApp.on_web`). The server has no login.
"""

from __future__ import annotations

import html
import shlex
import sys
from typing import Any

from aiohttp import web
from textual_serve.server import Server

PAGE_TITLE = "dcpower: datacenter power and GPU capacity"
"""The browser tab's title (textual-serve's page has none)."""

# textual-serve's page asks a web font from a third-party host: the app's page loads nothing
# from outside this server (the terminal font of the browser is used instead)
_OUTSIDE_FONT = '<link\n      rel="stylesheet"\n      href="https://fonts.googleapis.com/css?family=Roboto%20Mono"\n    />'


def app_command(facility: str) -> str:
    """The shell command textual-serve runs for each browser tab: this interpreter, this UI."""
    return shlex.join([sys.executable, "-m", "tui.serve", facility])


class DcpowerServer(Server):
    """textual-serve's server with a page title, no outside font, and links to the address the
    browser used (so that a server on 0.0.0.0 works from another machine)."""

    async def handle_index(self, request: web.Request) -> Any:
        self.public_url = f"{request.scheme}://{request.host}"
        response = await super().handle_index(request)
        page = response.text.replace(_OUTSIDE_FONT, "", 1)
        response.text = page.replace("<head>", f"<head>\n    <title>{html.escape(PAGE_TITLE)}</title>", 1)
        return response


def serve(facility: str, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve the app on a facility preset id or saved scenario at http://host:port until ctrl+c."""
    shown = f"[{host}]" if ":" in host else host
    server = DcpowerServer(
        app_command(facility), host=host, port=port, title=PAGE_TITLE, public_url=f"http://{shown}:{port}"
    )
    server.serve()
    return 0


def main(argv: list[str]) -> int:
    """The app process of one browser tab: `python -m tui.serve FACILITY`."""
    from tui.app import run_app  # heavy: textual, loaded only in the served app process

    return run_app(facility=argv[0] if argv else "colossus-1")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
