"""The editors of the scenario: their field text, loading it back, and the message an edit posts."""

from textual import on

import calc
import calc.ui
from calc.ui import FieldKey
from tui.app import DcpowerApp
from tui.widgets import AssumptionsEditor, ClaimEditor, Editor, FleetEditor

from .settle import settle

SIZE = (120, 40)


class Counting(DcpowerApp):
    """The app, counting the `Editor.Changed` messages that reach the screen."""

    changed: list[str]

    def on_mount(self) -> None:
        self.changed = []

    @on(Editor.Changed)
    def _count(self, event: Editor.Changed) -> None:  # the screen's handler runs first
        self.changed.append(type(event.editor).__name__)


async def test_each_editor_gives_its_own_fields_as_calc_takes_them():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        claim = screen.query_one(ClaimEditor).to_model()
        assert claim == calc.ui.Form.read(
            {"power": "300 MW", "basis": "unspecified", "accelerators": "220000"}
        )
        fleet = screen.query_one(FleetEditor).to_model()
        assert fleet == calc.ui.Form.read(
            {
                "fleet.0.count": "150000",
                "fleet.1.count": "50000",
                "fleet.2.count": "30000",
                "fleet.0.accelerator": "h100-sxm",
                "fleet.1.accelerator": "h200-sxm",
                "fleet.2.accelerator": "gb200",
            }
        )
        assumptions = screen.query_one(AssumptionsEditor).to_model()
        assert assumptions[FieldKey("method")] == "default"
        assert assumptions[FieldKey("pue", "low")] == "1.08" and assumptions[FieldKey("redundancy")] == "N"
        # together they are the scenario's fields, which calc parses back into the scenario
        assert screen.fields() == calc.ui.scenario_fields(screen.scenario)


async def test_loading_fields_posts_no_edit_and_a_typed_edit_posts_one():
    app = Counting()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        assert app.changed == []  # the fields as composed are no edit
        fleet = screen.query_one(FleetEditor)
        fields = calc.ui.Form.read({"fleet.0.accelerator": "gb200", "fleet.0.count": "72"})
        await fleet.load(fields)
        await settle(pilot)
        assert fleet.to_model() == fields
        assert app.changed == []
        screen.query_one("#power").focus()
        await pilot.press("home", "1")
        await settle(pilot)
        assert app.changed == ["ClaimEditor"]
        assert screen.scenario.power.m_as("MW") == 1300


async def test_an_editor_marks_the_fields_calc_rejects_with_calcs_message():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        screen.query_one("#pue-central").value = "banana"
        await settle(pilot)
        editor = screen.query_one(AssumptionsEditor)
        assert editor.query_one("#pue-central").has_class("-invalid")
        assert not editor.query_one("#pue-low").has_class("-invalid")
        message = str(editor.query_one("#error-pue").render())
        assert message == screen.errors[FieldKey("pue", "central")]
        assert "banana" in message
