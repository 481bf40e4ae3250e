"""The one way a thread worker hands its result back to the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.worker import get_current_worker


def deliver(app: App[Any], callback: Callable[..., object], *args: Any) -> None:
    """From a thread worker: run `callback(*args)` on the UI thread, unless the worker was
    cancelled (a newer one of its group replaced it) or the app closed while it worked."""
    if get_current_worker().is_cancelled:
        return
    try:
        app.call_from_thread(callback, *args)
    except RuntimeError:  # the app closed meanwhile
        pass
