"""What a person sees, as SVG snapshots at fixed terminal sizes.

After an intended change of the look: ``pytest tests/tui/test_snapshots.py --snapshot-update``,
then review the SVGs in tests/tui/__snapshots__/ before committing them.

Every snapshot stops the cursor blink first (posting's ``tests/test_snapshots.py``): the focused
Input toggles its cursor every half second, and a picture taken in the "off" half differs by one
cell from one taken in the "on" half.
"""

from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import DcpowerApp
from tui.widgets import ClaimsPanel

from .settle import settle, settle_until


async def no_cursor_blink(pilot: Pilot) -> None:
    """Wait for the report, then stop the blink of every Input on every screen."""
    await settle(pilot)
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.pause()


def test_colossus_at_80x24(snap_compare):
    assert snap_compare(DcpowerApp(), terminal_size=(80, 24), run_before=no_cursor_blink)


def test_colossus_at_120x40(snap_compare):
    assert snap_compare(DcpowerApp(), terminal_size=(120, 40), run_before=no_cursor_blink)


def test_invalid_power_keeps_the_last_result(snap_compare):
    async def type_garbage(pilot: Pilot) -> None:
        pilot.app.calculator.query_one("#power").value = "300 kg"
        await no_cursor_blink(pilot)

    assert snap_compare(DcpowerApp(), terminal_size=(100, 30), run_before=type_garbage)


def test_a_beside_b_at_120x40(snap_compare):
    async def pin_then_edit(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+b")
        pilot.app.calculator.query_one("#power").value = "250 MW"
        await no_cursor_blink(pilot)

    assert snap_compare(DcpowerApp(), terminal_size=(120, 40), run_before=pin_then_edit)


def test_claims_tab_at_120x40(snap_compare):
    async def read_a_sentence(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f8")
        panel = pilot.app.calculator.query_one(ClaimsPanel)
        # the ledger is the eight claims of tests/tui/presets/; its rows land all at once, so the
        # wait is for the check, not for a count: another claim there shows in the picture's diff
        await settle_until(pilot, lambda: bool(panel.rows), "the ledger checked")
        panel.query_one("#claim-sentence", Input).value = (
            "This gives us access to more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs) "
            "within the month."
        )
        await settle_until(pilot, lambda: panel.sentence is not None, "the sentence read")
        panel.query_one("#claim-sentence", Input).cursor_position = 0  # the sentence's start in view
        await no_cursor_blink(pilot)

    assert snap_compare(DcpowerApp(), terminal_size=(120, 40), run_before=read_a_sentence)
