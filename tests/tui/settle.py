"""Waiting for the calculator's report, which is computed in a worker after a short pause."""

from textual.pilot import Pilot

from tui.screens import PathDialog


async def settle(pilot: Pilot) -> None:
    """Let queued messages run, then wait until every edit's report has landed (or its errors)."""
    await pilot.pause()
    screen = pilot.app.calculator
    for _ in range(500):  # a report takes milliseconds; 5 s is a hung worker, not a slow one
        if not screen.computing:
            break
        await pilot.pause(0.01)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def settle_until(pilot: Pilot, condition, what: str) -> None:
    """Let the app run until `condition()` holds (a worker's result lands), then settle.

    For what is computed in a worker started by an event still on its way (a tab's Show), so
    that `settle` alone could find no worker yet: the condition is polled, never a fixed sleep.
    """
    for _ in range(1000):  # 10 s: a worker of milliseconds that has not landed by then is hung
        if condition():
            break
        await pilot.pause(0.01)
    assert condition(), f"never happened: {what}"
    await settle(pilot)


async def path_dialog(pilot: Pilot, key: str, path: str | None = None, *, offers: str | None = None) -> None:
    """Press `key`, put `path` in its dialog (or keep the path it offers) and confirm; let the
    work it starts finish. With `offers`, the dialog must first offer that path."""
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, PathDialog)
    if offers is not None:
        assert pilot.app.screen.query_one("#dialog-path").value == offers
    if path is not None:
        pilot.app.screen.query_one("#dialog-path").value = path
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
