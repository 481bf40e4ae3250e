"""The report's views redraw what changed, and lay the screen out only when a height changed."""

from textual import _compositor
from textual.app import App, ComposeResult

from tui.widgets import ReportPane
from tui.widgets.results import View


async def drawn(pilot) -> None:
    """Wait until the screen has nothing left to lay out or draw (Textual's own pending marks,
    seen clear at three looks in a row: a layout asked for is a message on its way)."""
    screen, quiet = pilot.app.screen, 0
    for _ in range(500):
        await pilot.pause()
        pending = screen._layout_required or screen._dirty_widgets or screen._repaint_required
        pending = pending or any(w._layout_required for w in screen.walk_children())
        quiet = 0 if pending else quiet + 1
        if quiet == 3:
            return
    raise AssertionError("the screen never finished drawing")


def counted_reflows(monkeypatch) -> list[int]:
    """A list that grows by one at each layout of a screen (Textual's compositor reflow)."""
    reflows: list[int] = []
    reflow = _compositor.Compositor.reflow
    monkeypatch.setattr(_compositor.Compositor, "reflow", lambda *a: reflows.append(1) or reflow(*a))
    return reflows


class OneView(App[None]):
    def compose(self) -> ComposeResult:
        with ReportPane():
            yield View(id="view")


async def test_a_view_lays_out_once_when_its_height_changes_and_never_when_it_does_not(monkeypatch):
    # the defects: a report a line longer laid the screen out twice (the second found nothing to
    # move), and the next report of the same height laid it out again
    reflows = counted_reflows(monkeypatch)
    app = OneView()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(View)
        view.put("one\ntwo")
        await drawn(pilot)
        before = len(reflows)
        view.put("one\ntwo\nthree")  # a line more: one layout
        await drawn(pilot)
        assert len(reflows) == before + 1
        view.put("uno\ndos\ntres")  # as many lines: drawn in place
        await drawn(pilot)
        assert len(reflows) == before + 1
        assert view.size.height == 3 and "tres" in str(view.render())
