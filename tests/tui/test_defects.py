"""Defects a person hit in tmux at 200×50, 100×30 and 80×24, each kept as a Pilot test."""

import pytest
from textual.widgets import Input, Static

import calc
from calc.ui import FieldKey
from tui.app import DcpowerApp
from tui.widgets.claims import LedgerTable

from .settle import settle, settle_until

SIZE = (120, 40)


async def open_ledger(pilot):
    """Show the Claims tab (f8) and wait for the ledger to be checked."""
    from tui.widgets import ClaimsPanel

    await settle(pilot)
    await pilot.press("f8")
    panel = pilot.app.calculator.query_one(ClaimsPanel)
    await settle_until(pilot, lambda: len(panel.rows) == len(calc.list_presets("claims")), "the ledger")
    return panel


def column_cells(table: LedgerTable, column: int) -> list[str]:
    return [str(table.get_cell_at((row, column))) for row in range(table.row_count)]


@pytest.mark.bundled_presets  # the bundled ledger: answers of every kind and size
async def test_the_ledger_sorts_its_answers_by_figure_and_filters_a_verdict_as_a_word():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_ledger(pilot)
        panel.sort_by(2)  # the answer column
        await settle(pilot)
        table = panel.query_one(LedgerTable)
        supports = [c for c in column_cells(table, 2) if c.startswith("power only: supports")]
        counts = [int(c.split()[3].replace(",", "")) for c in supports]
        # the defect: the cells sorted as text (2,430,720 < 332,712 < 4,753,368); by figure
        assert counts == sorted(counts)
        as_text = sorted(counts, key=lambda n: f"{n:,}")
        assert as_text != counts, "the bundled ledger's answers no longer tell text order from figures"
        needs = [c for c in column_cells(table, 2) if c.startswith("count only: needs")]
        watts = [calc.parse_power(" ".join(c.split()[3:5])).m_as("W") for c in needs]
        assert watts == sorted(watts)  # 9.677 MW before 16.83 MW before 631.1 MW
        panel.query_one("#ledger-filter", Input).value = "plausible"
        await settle(pilot)
        verdicts = set(column_cells(table, 2))
        assert verdicts == {"plausible"}  # not colossus-1-launch's "implausible"
        panel.query_one("#ledger-filter", Input).value = "implausible"
        await settle(pilot)
        assert column_cells(table, 2) == ["implausible"]
        panel.query_one("#ledger-filter", Input).value = "power only"
        await settle(pilot)
        assert all(c.startswith("power only") for c in column_cells(table, 2)) and table.row_count > 10


async def test_saving_over_another_existing_file_asks_first(tmp_path):
    from tui.screens import ConfirmDialog

    target = tmp_path / "mine.toml"
    target.write_text("# someone's own file\n")
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        await pilot.press("ctrl+s")
        app.screen.query_one("#dialog-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        # the defect: the file was replaced at once; now a question, Cancel focused
        assert isinstance(app.screen, ConfirmDialog)
        assert f"{target} exists" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("enter")  # Cancel
        await settle(pilot)
        assert target.read_text() == "# someone's own file\n" and screen.save_path is None
        await pilot.press("ctrl+s")
        app.screen.query_one("#dialog-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")  # overwrite
        await settle(pilot)
        assert 'name = "Colossus 1' in target.read_text() and screen.save_path == target
        # saving again to the file being edited is a plain save: no question
        screen.query_one("#power", Input).value = "310 MW"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
        assert 'power = "310 MW"' in target.read_text() and not screen.dirty


async def test_an_undo_step_is_one_edit_of_one_field():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        power = screen.query_one("#power", Input)
        # typing with pauses: each pause used to be a step ('350 MW' -> '35' -> '3')
        for text in ("3", "35", "350", "350 MW"):
            power.value = text
            await settle(pilot)
        count = screen.query_one("#accelerators", Input)
        count.focus()
        await settle(pilot)
        for text in ("2", "25", "250000"):
            count.value = text
            await settle(pilot)
        await pilot.press("ctrl+z")  # the count's edit, whole
        await settle(pilot)
        assert (power.value, count.value) == ("350 MW", "220000")
        await pilot.press("ctrl+z")  # the power's edit, whole
        await settle(pilot)
        assert (power.value, count.value) == ("300 MW", "220000") and not screen.dirty
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert power.value == "350 MW"


async def test_the_uncertainty_chart_marks_a_claim_off_its_range():
    from tui.widgets import UncertaintyPanel

    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        # 43 MW for 220,000 GPUs: 195.5 W each, below every sample (about 1,100 W and up)
        screen.query_one("#power", Input).value = "43 MW"
        await settle(pilot)
        await pilot.press("f3")
        panel = screen.query_one(UncertaintyPanel)
        chart = panel.query_one("#mc-histogram")
        await settle_until(pilot, lambda: "▲" in str(chart.render()), "the histogram")
        text = str(chart.render())
        words = " ".join(text.split())  # the view wraps the heading
        assert "▲ the claim at 195 W, below the whole range (marked at its left end)" in words
        marker_line = [line for line in text.splitlines() if line.strip() == "▲"]
        assert marker_line and marker_line[0].startswith("▲")  # the leftmost cell


async def test_the_save_dialog_shows_the_whole_default_path():
    app = DcpowerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        path = str(app.calculator.default_save_path())
        shown = str(app.screen.query_one("#dialog-path-shown").render())
        assert "".join(shown.split()) == "".join(path.split())  # wrapped, never cut
        app.screen.query_one("#dialog-path", Input).value = "/tmp/elsewhere.toml"
        await settle(pilot)
        assert str(app.screen.query_one("#dialog-path-shown").render()) == "/tmp/elsewhere.toml"


async def test_copy_never_says_copied_when_nothing_reached_a_clipboard():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        # headless: no terminal took it; the line is shown to select by hand
        assert any(m.startswith("Not copied: no terminal to copy through. ") for m in messages)
        assert not any(m.startswith("Copied") for m in messages)


async def test_long_method_values_show_rounded_and_say_so_never_their_tail():
    from tui.widgets import FieldInput

    app = DcpowerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.calculator
        screen.query_one("#method").value = "semianalysis"
        await settle(pilot)
        fields = [screen.query_one(f"#draw_factor-{case}", FieldInput) for case in ("low", "central", "high")]
        assert fields[1].value == "0.9886451612903225"  # the method's value, whole in the field
        for field in fields:  # Tab through them, as the person did
            field.focus()
            await settle(pilot)
        screen.query_one("#it_overhead-low").focus()
        await settle(pilot)
        shown = [field.render_line(0).text.strip() for field in fields]
        # the defect: '0.9886451' (cut, no sign of it), and '12903225' after Tab (the tail);
        # now the figures that fit its 9 cells, and "…" that says there are more
        assert shown == ["0.988645…"] * 3
        fields[1].focus()
        await settle(pilot)
        assert "Whole value: 0.9886451612903225" in str(screen.query_one("#field-hint").render())


async def test_at_80x24_a_value_as_wide_as_its_field_shows_from_its_start_after_tab():
    from tui.widgets import FieldInput

    app = DcpowerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.calculator
        low = screen.query_one("#it_overhead-low", FieldInput)
        assert low.value == "0.06" and low.scrollable_content_region.width == len(low.value)
        low.focus()  # Tab passes through it: the cursor after the last figure scrolls the text
        await settle(pilot)
        screen.query_one("#pue-low").focus()
        await settle(pilot)
        # the defect: '.06', read as another number, once the focus had left it
        assert low.render_line(0).text.strip() == "0.06"


async def test_at_80x24_every_field_can_be_seen_while_focused():
    app = DcpowerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.calculator
        inputs = screen.query_one("#inputs")
        fields = [w for w in screen.focus_chain if inputs in w.ancestors]
        assert {"headroom", "redundancy", "power"} <= {w.id for w in fields}
        for widget in fields:
            widget.focus()
            # the defect: headroom and redundancy sat under the hint docked over the fields
            # (the hint under them takes the focused field's height in the next frame: wait for it)
            hint = screen.query_one("#field-hint")
            await settle_until(
                pilot,
                lambda w=widget, h=hint: (
                    inputs.region.contains_region(w.region) and not h.region.overlaps(w.region)
                ),
                f"{widget.id} in view",
            )
            assert widget.region.width >= 3 or widget.id.startswith("fleet-"), widget.id


async def test_a_facility_saved_as_a_scenario_opens_again_with_its_timeline(tmp_path):
    from tui.widgets import TimelinePanel

    path = tmp_path / "colossus-mine.toml"
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        await pilot.press("ctrl+s")
        app.screen.query_one("#dialog-path", Input).value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        app.switch_scenario("frontier")
        await settle_until(pilot, lambda: screen.scenario.id == "frontier", "frontier opened")
        app.switch_scenario(str(path))
        await settle_until(pilot, lambda: screen.scenario.id == "colossus-mine", "the saved copy opened")
        assert calc.load_facility(str(path)).location == "Memphis, Tennessee, US"
        await pilot.press("f9")
        panel = screen.query_one(TimelinePanel)
        await settle_until(pilot, lambda: panel.view is not None, "the timeline")
        # the defect: "has no timeline"; the copy draws Colossus 1's quarters
        chart = str(panel.query_one("#timeline-chart", Static).render())
        assert "has no timeline" not in chart and "2024-Q3" in chart


async def test_server_factor_can_be_seen_and_edited_under_the_epoch_methods():
    from tui.widgets import FieldInput

    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        row = screen.query_one("#server_factor-row")
        assert not row.display  # the default method uses the systems' nameplates
        screen.query_one("#method").value = "epoch"
        await settle(pilot)
        assert row.display
        fields = [
            screen.query_one(f"#server_factor-{case}", FieldInput) for case in ("low", "central", "high")
        ]
        assert [f.value for f in fields] == ["1.47", "1.82", "2.03"]  # presets/assumptions/epoch.toml
        implied_before = screen.report.claim.readings[0].high
        fields[2].value = "2.5"
        await settle(pilot)
        assert screen.errors == {}
        assert screen.scenario.overrides["server_factor"]["high"] == 2.5
        # a larger server_factor, a larger high end of power per GPU
        assert screen.report.claim.readings[0].high > implied_before
        fields[1].value = "x"
        await settle(pilot)
        assert "server_factor: 'x' is not a number" in screen.errors[FieldKey("server_factor", "central")]
        fields[1].value = "1.82"
        await settle(pilot)
        await pilot.press("ctrl+z")  # the high end back
        await settle(pilot)
        assert fields[2].value == "2.03" and "server_factor" not in screen.scenario.overrides
        screen.query_one("#method").value = "default"
        await settle(pilot)
        assert not row.display and "server_factor" not in screen.scenario.overrides


def table_text(table) -> str:
    """What a DataTable shows on screen, line by line."""
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


def fits(table) -> bool:
    width = sum(column.get_render_width(table) for column in table.ordered_columns)
    return width <= table.scrollable_content_region.width


@pytest.mark.bundled_presets  # the bundled ledger: its widest answers
async def test_at_100_columns_the_ledger_wraps_its_verdicts_and_the_ab_table_shows_b_minus_a():
    from tui.widgets import FieldInput

    app = DcpowerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        panel = await open_ledger(pilot)
        table = panel.query_one(LedgerTable)
        # the defect: 'implausibl', 'supports 2' at the pane's edge; the columns now fit and wrap
        assert fits(table)
        shown = table_text(table)
        words = shown.split()
        assert "implausible" in words and {"stated", "power"} <= set(words)  # the header wraps too
        assert "777,816" in words  # crusoe-footprint's answer: its figure whole, on a line of its own
        screen = app.calculator
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("ctrl+b")
        screen.query_one("#power", FieldInput).value = "250 MW"
        await settle(pilot)
        compare = screen.query_one("#compare-table")
        await settle_until(pilot, lambda: compare.row_count > 0, "the A/B table")
        assert fits(compare)
        shown = table_text(compare)
        assert "B - A" in shown and "-227.3 W" in shown  # 250 MW - 300 MW over 220,000 GPUs


@pytest.mark.bundled_presets  # the bundled ledger: its widest answers
async def test_at_80x24_the_ledger_folds_its_ids_and_never_cuts_a_count():
    app = DcpowerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_ledger(pilot)
        table = panel.query_one(LedgerTable)
        # the defect: with every column at its longest word the table was 2 cells too wide,
        # so the count column read '100,00' at the pane's edge; now the ids fold to 6 cells
        assert fits(table) and not table.show_horizontal_scrollbar
        widths = {str(c.label.plain): c.width for c in table.ordered_columns}
        counts = column_cells(table, list(widths).index("count"))  # date and source gave way
        assert widths["id"] < 8 and widths["count"] == max(len(w) for c in counts for w in c.split())
        words = table_text(table).split()
        assert "100,000" in words and "implausible" in words


def test_name_columns_fold_below_8_cells_only_when_the_figures_do_not_fit_otherwise():
    from tui.widgets.tables import fitted_widths, fitting_columns

    header, rows = ["id", "count"], [["colossus-1-launch", "1,000,000"]]
    assert fitted_widths(header, rows, 40, folds=[0]) == [17, 9]  # room: natural widths
    assert fitted_widths(header, rows, 21, folds=[0]) == [8, 9]  # 21 - 2 × 2 padding = 17 cells
    assert fitted_widths(header, rows, 17, folds=[0]) == [4, 9]  # the name folds on to 4 cells
    assert fitted_widths(header, rows, 15, folds=[0]) == [4, 9]  # no further: the table scrolls
    # a column the table can do without gives way before a name folds below 8 cells
    assert fitting_columns([*header, "source"], [[*rows[0], "reporting"]], 28, [2], folds=[0, 2]) == [0, 1]


async def test_energy_and_orbital_inputs_are_part_of_the_scenario(tmp_path):
    from tui.screens import QuitDialog

    path = tmp_path / "priced.toml"
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.calculator
        await pilot.press("f4")
        price = screen.query_one("#energy-price", Input)
        await settle_until(pilot, lambda: price.value == "0.081 USD/kWh", "the energy panel")
        assert not screen.dirty
        price.value = "0.05 USD/kWh"
        await settle(pilot)
        # the defect: not in the scenario, so not unsaved, not undone, not saved, not asked about
        assert screen.dirty and screen.scenario.energy == {"price": "0.05 USD/kWh"}
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert price.value == "0.081 USD/kWh" and not screen.dirty
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert price.value == "0.05 USD/kWh"
        await pilot.press("f5")
        await settle(pilot)
        screen.query_one("#orbit").value = "leo-550km"
        await settle(pilot)
        assert screen.scenario.orbital == {"orbit": "leo-550km"}
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitDialog)  # quit asks
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        app.screen.query_one("#dialog-path", Input).value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.dirty
        text = path.read_text()
        assert '[energy]\nprice = "0.05 USD/kWh"' in text and '[orbital]\norbit = "leo-550km"' in text
        app.switch_scenario("frontier")
        await settle_until(pilot, lambda: screen.scenario.id == "frontier", "frontier opened")
        assert price.value == "0.081 USD/kWh"  # frontier sets none: the preset's
        app.switch_scenario(str(path))
        await settle_until(pilot, lambda: screen.scenario.id == "priced", "the saved file opened")
        assert price.value == "0.05 USD/kWh" and screen.query_one("#orbit").value == "leo-550km"
        assert not screen.dirty
