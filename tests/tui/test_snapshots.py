"""What a person sees, as SVG snapshots at fixed terminal sizes.

After an intended change of the look: ``pytest tests/tui/test_snapshots.py --snapshot-update``,
then review the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from tui.app import DcpowerApp


def test_colossus_at_80x24(snap_compare):
    assert snap_compare(DcpowerApp(), terminal_size=(80, 24))


def test_colossus_at_120x40(snap_compare):
    assert snap_compare(DcpowerApp(), terminal_size=(120, 40))


def test_invalid_power_keeps_the_last_result(snap_compare):
    async def type_garbage(pilot):
        pilot.app.calculator.query_one("#power").value = "300 kg"
        await pilot.pause()

    assert snap_compare(DcpowerApp(), terminal_size=(100, 30), run_before=type_garbage)
