"""Waiting for the calculator's report, which is computed in a worker after a short pause."""

from textual.pilot import Pilot


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
