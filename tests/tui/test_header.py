"""The header's title changes without a layout of the screen."""

from textual.app import App, ComposeResult

from tui.widgets import TitleHeader
from tui.widgets.header import Title

from .test_results import counted_reflows, drawn


class Titled(App[None]):
    def compose(self) -> ComposeResult:
        yield TitleHeader()


async def test_a_new_title_is_drawn_in_place(monkeypatch):
    # the defect: "  •  unsaved" coming or going laid out every widget on screen
    reflows = counted_reflows(monkeypatch)
    app = Titled()
    async with app.run_test(size=(60, 5)) as pilot:
        await drawn(pilot)
        before = len(reflows)
        app.sub_title = "Colossus 1  •  unsaved"
        await drawn(pilot)
        assert len(reflows) == before
        assert "Colossus 1  •  unsaved" in str(app.query_one(Title).render())
