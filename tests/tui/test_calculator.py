"""Pilot tests: each interaction of the calculator screen, asserted on app state."""

import json

import pytest
from textual.command import CommandList
from textual.widgets import Select

import calc
import calc.ui
from calc.ui import FieldKey
from tui.app import DcpowerApp
from tui.screens import PathDialog, QuitDialog
from tui.widgets import FieldInput, FleetRow

from .settle import settle

SIZE = (120, 40)


def screen_of(app):
    return app.calculator


async def test_editing_pue_lowers_the_supported_count():
    # GTC 2024 Hopper: 15 MW, 8,000 H100. Facility central 1,430.55 W: 15e6 / 1,430.55 = 10,485.5
    # -> 1,310 systems = 10,480 GPUs. PUE 1.5: 1,192.125 x 1.5 = 1,788.19 W -> 8,388.4 -> 1,048
    # systems = 8,384 GPUs.
    app = DcpowerApp("gtc-2024-hopper")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        assert screen.report.capacity[1].accelerators == 10_480
        screen.query_one("#pue-central", FieldInput).value = "1.5"
        await settle(pilot)
        assert screen.report.capacity[1].accelerators == 8_384
        assert screen.errors == {}
        assert screen.dirty


async def test_invalid_power_marks_the_field_and_keeps_the_last_result():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        before = screen.report
        power = screen.query_one("#power", FieldInput)
        power.value = "300 kg"
        await settle(pilot)
        assert screen.errors == {FieldKey("power"): "power: '300 kg' is a mass, not a power; e.g. '300 MW'"}
        assert power.has_class("-invalid")
        label = screen.query_one("#error-power")
        assert label.has_class("-shown")
        assert "is a mass, not a power" in str(label.render())
        assert screen.report is before
        assert "last good result" in str(screen.query_one("#headline").render())
        power.value = "300 MW"
        await settle(pilot)
        assert screen.errors == {} and not power.has_class("-invalid")


async def test_pasted_garbage_and_absurd_values_do_not_crash():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        for text in ("10**10**10 W", "x" * 10_000, "1e308 GW", "", "nan MW", "  "):
            screen.query_one("#power", FieldInput).value = text
            await settle(pilot)
            assert FieldKey("power") in screen.errors, text
        screen.query_one("#power", FieldInput).value = "1e-3 W"  # absurd but valid: zero GPUs
        await settle(pilot)
        assert screen.errors == {}
        assert screen.report.capacity[1].accelerators == 0


async def test_preset_switch_loads_the_facility():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#facility", Select).value = "frontier"
        await settle(pilot)
        await settle(pilot)
        assert screen.scenario.id == "frontier"
        assert screen.report.claim.power.m_as("MW") == pytest.approx(21.1)
        assert screen.query_one(FleetRow).query_one(Select).value == "mi250x"
        assert len(screen.query(FleetRow)) == 1
        assert screen.query_one("#power", FieldInput).value == "21.1 MW"
        assert not screen.dirty


async def test_fleet_rows_add_and_remove():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert len(screen.query(FleetRow)) == 4
        # the new row adds 1,000 H100 to a fleet that already has H100: one type may appear once
        assert screen.errors == {FieldKey("fleet"): "fleet: each accelerator type may appear once"}
        new_row = list(screen.query(FleetRow))[-1]
        new_row.query_one(Select).value = "b200"
        await settle(pilot)
        assert screen.errors == {}
        assert [e.accelerator for e in screen.scenario.fleet] == ["h100-sxm", "h200-sxm", "gb200", "b200"]
        await pilot.click(f"#fleet-{new_row.index}-remove")
        await settle(pilot)
        assert len(screen.query(FleetRow)) == 3
        assert [e.accelerator for e in screen.scenario.fleet] == ["h100-sxm", "h200-sxm", "gb200"]
        assert not screen.dirty  # back to what was loaded


async def test_a_fleet_row_chooses_a_system_and_its_configuration():
    # GH200 in JUPITER's booster node runs at 680 W (JSC), not the preset's 1,000 W
    app = DcpowerApp("frontier")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        screen.query_one(FleetRow).query_one(Select).value = "gh200@jupiter-booster-node"
        await pilot.pause()
        await pilot.pause()
        assert screen.errors == {}
        assert [(e.accelerator, e.system) for e in screen.scenario.fleet] == [
            ("gh200", "jupiter-booster-node")
        ]
        chip = next(row for row in screen.report.claim.chain if row.basis == "chip")
        assert chip.central.m_as("W") == 680.0


async def test_the_last_fleet_row_cannot_be_removed():
    app = DcpowerApp("frontier")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        await pilot.click("#fleet-0-remove")
        await settle(pilot)
        assert len(screen.query(FleetRow)) == 1


async def test_nudge_steps_the_focused_value():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#pue-central", FieldInput).focus()
        await pilot.press("up", "up")
        assert screen.query_one("#pue-central", FieldInput).value == "1.22"
        assert calc.ui.resolve(screen.scenario).assumptions.pue.central == pytest.approx(1.22)
        await pilot.press("down")
        assert calc.ui.resolve(screen.scenario).assumptions.pue.central == pytest.approx(1.21)


async def test_method_switch_loads_its_assumptions():
    app = DcpowerApp("gtc-2024-hopper")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#method", Select).value = "epoch"
        await settle(pilot)
        assert screen.query_one("#pue-central", FieldInput).value == "1.14"
        assert screen.scenario.method == "epoch"
        # Epoch: 700 W x 1.82 x 1.14 = 1,452.36 W per GPU at the facility
        assert screen.report.claim.readings[1].central.m_as("W") == pytest.approx(1452.36)


async def test_save_and_open_round_trip(tmp_path):
    path = tmp_path / "my-site.toml"
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#power", FieldInput).value = "280 MW"
        screen.query_one("#it_overhead-central", FieldInput).value = "0.12"
        await settle(pilot)
        expected = screen.report.claim
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        app.screen.query_one("#dialog-path").value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        assert path.exists()
        assert not screen.dirty
        screen.query_one("#power", FieldInput).value = "1 GW"
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        app.screen.query_one("#dialog-path").value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuitDialog)  # 1 GW is not saved: save, discard or cancel
        assert "Save them before opening another?" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("d")
        await app.workers.wait_for_complete()  # opening runs in a worker
        await settle(pilot)
        assert screen.query_one("#power", FieldInput).value == "280 MW"
        assert screen.report.claim.readings == expected.readings
        assert screen.report.claim.verdict == expected.verdict
        assert not screen.dirty
    # and the CLI reads the same file as a facility preset
    assert calc.check_claim(facility=str(path)).readings == expected.readings


async def test_save_refuses_an_invalid_scenario_and_a_bad_name(tmp_path):
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#power", FieldInput).value = "300 kg"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, PathDialog)
        screen.query_one("#power", FieldInput).value = "300 MW"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.query_one("#dialog-path").value = str(tmp_path / "My Site.toml")
        await pilot.press("enter")
        await settle(pilot)
        assert not (tmp_path / "My Site.toml").exists()
        assert list(tmp_path.iterdir()) == []


async def test_export_writes_markdown_and_json(tmp_path):
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        await pilot.press("ctrl+r")
        await settle(pilot)
        app.screen.query_one("#dialog-path").value = str(tmp_path / "colossus.md")
        await pilot.press("enter")
        await settle(pilot)
    markdown = (tmp_path / "colossus.md").read_text()
    assert markdown.startswith("# Colossus 1 (xAI / SpaceX), Memphis\n")
    assert "Verdict: PLAUSIBLE. So it holds as IT power" in markdown
    data = json.loads((tmp_path / "colossus.json").read_text())
    assert data["claim"]["verdict"] == "plausible"
    assert data["claim"]["implied_power_per_accelerator"]["unit"] == "W"


async def test_quit_with_unsaved_changes_asks_first():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#power", FieldInput).value = "301 MW"
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
    assert app.return_code == 0


async def test_quit_without_changes_exits_at_once():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def test_command_palette_finds_a_facility():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"aurora")
        for _ in range(50):  # the palette searches asynchronously: wait for its hits, up to 5 s
            await pilot.pause(0.1)
            if app.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert screen_of(app).scenario.id == "aurora"


async def test_out_of_order_range_names_the_three_values():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#it_overhead-low", FieldInput).value = "1.5"
        await settle(pilot)
        assert screen.errors == {
            FieldKey("it_overhead", "low"): "it_overhead: low 1.5, central 0.1, high 0.15 are out "
            "of order; they need low <= central <= high"
        }
        assert screen.query_one("#it_overhead-low", FieldInput).has_class("-invalid")


async def test_energy_panel_by_hand_and_its_errors():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        await pilot.press("f4")
        screen = screen_of(app)
        # 300 MW x 0.8 x 8,760 h = 2,102.4 GWh
        assert "2,102.4 GWh" in screen.query_one("#energy-summary").plain()
        screen.query_one("#energy-load-factor").value = "0.5"
        await settle(pilot)
        # 300 MW x 0.5 x 8,760 h = 1,314 GWh
        assert "1,314.0 GWh" in screen.query_one("#energy-summary").plain()
        screen.query_one("#energy-price").value = "-1 USD/kWh"
        await settle(pilot)
        error = screen.query_one("#energy-error")
        assert error.has_class("-shown")
        assert "price: '-1 USD/kWh' must not be negative" in str(error.render())
        assert screen.dirty  # panel inputs are part of the scenario (issue 26, item 7)


async def test_orbital_panel_by_hand():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        await pilot.press("f5")
        screen = screen_of(app)
        # 300 MW / (2 x 0.9 x 5.670374e-8 x 300^4) = 362,871 m2 = 0.363 km2
        assert "0.363 km²" in screen.query_one("#orbital-summary").plain()
        screen.query_one("#orbit").value = "leo-550km"
        await settle(pilot)
        # eclipse: 300 MW x 0.372 x 95.5 min / 0.4 = 444.1 MWh of battery
        assert "444 MWh" in screen.query_one("#orbital-summary").plain()


async def test_notes_say_when_apparent_power_is_converted():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#power", FieldInput).value = "300 MVA"
        await settle(pilot)
        notes = " ".join(str(screen.query_one("#notes").render()).split())  # as wrapped on screen
        assert "300 MVA is apparent power: taken as 285 MW of real power at power factor 0.95" in notes
        # 285 MW / 220,000 = 1,295.5 W per GPU
        assert screen.report.claim.implied_power_per_accelerator.m_as("W") == pytest.approx(1295.45, abs=0.01)


async def test_opening_a_missing_file_keeps_the_scenario(tmp_path):
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        before = screen.scenario
        await pilot.press("ctrl+o")
        await settle(pilot)
        app.screen.query_one("#dialog-path").value = str(tmp_path / "nowhere.toml")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert screen.scenario is before


async def test_a_percent_in_an_assumption_is_a_number_not_a_crash():
    # the defect: '150%' in pue central passed the field check and a later float() ended the app
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#pue-high", FieldInput).value = "160%"
        screen.query_one("#pue-central", FieldInput).value = "150%"
        screen.query_one("#draw_factor-high", FieldInput).value = "100%"
        await settle(pilot)
        assert app.is_running
        assert screen.errors == {}
        pue = calc.ui.resolve(screen.scenario).assumptions.pue
        assert (pue.central, pue.high) == (1.5, 1.6)


async def test_a_subnormal_power_is_refused_by_the_field():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        screen = screen_of(app)
        screen.query_one("#power", FieldInput).value = "1e-320 W"
        await settle(pilot)
        assert app.is_running
        assert screen.errors == {
            FieldKey("power"): "power: '1e-320 W' is less than 1 mW; accepted: 1 mW to 1 PW"
        }
        assert screen.report.claim.power.m_as("MW") == 300  # the last good result stays


async def test_exporting_to_the_root_directory_is_an_error_not_a_crash():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first report
        await pilot.press("ctrl+r")
        await settle(pilot)
        app.screen.query_one("#dialog-path").value = "/"
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert [n.title for n in app._notifications] == ["Not exported"]


async def test_nudges_step_in_the_fields_own_unit():
    # the defect: 1.2 GW up gave 2 GW, and down twice 0 GW; redundancy stepped to 3N and 1N
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        power = screen.query_one("#power", FieldInput)
        power.value = "1.2 GW"
        power.focus()
        await pilot.press("up")
        assert power.value == "1.212 GW"
        power.value = "1 GW"
        await pilot.press("down", "down")
        assert power.value == "0.9801 GW"
        await pilot.press("shift+up")
        assert power.value == "1.07811 GW"
        redundancy = screen.query_one("#redundancy", FieldInput)
        redundancy.focus()
        await pilot.press("up")
        assert redundancy.value == "7+1"
        await pilot.press("down", "down")
        assert redundancy.value == "N"


async def test_undo_and_redo_every_kind_of_edit():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        screen.query_one("#power", FieldInput).value = "250 MW"
        await settle(pilot)
        screen.query_one("#method", Select).value = "epoch"
        await settle(pilot)
        await pilot.click(f"#fleet-{list(screen.query(FleetRow))[-1].index}-remove")
        await settle(pilot)
        assert len(screen.query(FleetRow)) == 2
        await pilot.press("ctrl+z")  # the row comes back
        await settle(pilot)
        assert len(screen.query(FleetRow)) == 3
        assert screen.scenario.method == "epoch"
        await pilot.press("ctrl+z")  # the method
        await settle(pilot)
        assert screen.scenario.method == "default"
        assert screen.query_one("#power", FieldInput).value == "250 MW"
        await pilot.press("ctrl+z")  # the power
        await settle(pilot)
        assert screen.query_one("#power", FieldInput).value == "300 MW"
        assert screen.report.claim.power.m_as("MW") == 300
        assert not screen.dirty
        await pilot.press("ctrl+y", "ctrl+y")
        await settle(pilot)
        assert screen.query_one("#power", FieldInput).value == "250 MW"
        assert screen.scenario.method == "epoch"
        assert screen.report.claim.power.m_as("MW") == 250


async def test_undo_goes_back_across_a_facility_switch():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        screen.query_one("#facility", Select).value = "frontier"
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert screen.scenario.id == "frontier"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.scenario.id == "colossus-1"
        assert screen.query_one("#power", FieldInput).value == "300 MW"
        assert screen.query_one("#facility", Select).value == "colossus-1"
        assert len(screen.query(FleetRow)) == 3


async def test_switching_facility_with_unsaved_edits_asks_first():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        screen.query_one("#power", FieldInput).value = "250 MW"
        await settle(pilot)
        screen.query_one("#facility", Select).value = "frontier"
        await settle(pilot)
        assert isinstance(app.screen, QuitDialog)
        await pilot.press("escape")  # cancel: the edit and the facility stay
        await settle(pilot)
        assert screen.scenario.id == "colossus-1"
        assert screen.query_one("#facility", Select).value == "colossus-1"
        assert screen.query_one("#power", FieldInput).value == "250 MW"
        screen.query_one("#facility", Select).value = "frontier"
        await settle(pilot)
        await pilot.press("d")  # discard
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert screen.scenario.id == "frontier"


async def test_export_refuses_while_a_field_is_invalid(tmp_path):
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        screen.query_one("#power", FieldInput).value = "300 kg"
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert not isinstance(app.screen, PathDialog)
        assert [n.title for n in app._notifications] == ["Not exported"]
        assert list(tmp_path.iterdir()) == []


async def test_removing_a_row_does_not_focus_another_rows_remove_button():
    # the defect: focus moved to the previous row's ✕, so Enter three times removed three rows
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        screen.query_one("#fleet-0-remove").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.query(FleetRow)) == 2
        assert app.focused is screen.query_one("#fleet-1-count")


async def test_orbital_masses_add_up_to_the_total():
    # the defect: arrays + radiators + batteries shown, the compute hardware in the total not
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        screen = screen_of(app)
        result = calc.orbital(screen.report.claim.real_power, orbit="dawn-dusk-sso")
        assert ("compute hardware", "", f"{result.compute_mass.m_as('t'):,.0f} t") in screen.query_one(
            "#orbital-summary"
        ).tables()[0][1]
        parts = (result.solar_array_mass, result.radiator_mass, result.battery_mass, result.compute_mass)
        assert sum(q.m_as("t") for q in parts) == pytest.approx(result.total_mass.m_as("t"))


async def test_every_panel_says_it_is_stale_while_a_field_is_invalid():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        screen.query_one("#power", FieldInput).value = "300 kg"
        await settle(pilot)
        banner = screen.query_one("#stale-banner")
        assert banner.has_class("-shown")
        assert "last good inputs" in str(banner.render())
        assert all(pane.has_class("-stale") for pane in screen.query("TabPane"))
        screen.query_one("#power", FieldInput).value = "300 MW"
        await settle(pilot)
        assert not banner.has_class("-shown")
        assert not any(pane.has_class("-stale") for pane in screen.query("TabPane"))


async def test_a_just_saved_preset_is_listed_and_a_bundled_one_is_not_a_saved_scenario(tmp_path):
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        facility = screen.query_one("#facility", Select)
        assert facility.value == "colossus-1"
        assert "(saved scenario)" not in str(facility.render())
        path = tmp_path / "my-site.toml"
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.query_one("#dialog-path").value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        assert facility.value == str(path)
        assert ("Colossus 1 (xAI / SpaceX), Memphis (scenario) (my-site.toml)", str(path)) in [
            (str(prompt), value) for prompt, value in facility._options
        ]


async def test_a_bad_energy_input_is_marked_and_the_old_cost_goes():
    # the defect: '7 cents' was not marked red and the cost of the old price stayed on screen
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = screen_of(app)
        price = screen.query_one("#energy-price")
        price.value = "7 cents"
        await settle(pilot)
        assert price.has_class("-invalid")
        assert "price: '7 cents' has an unknown unit 'cents'; e.g. '0.07 USD/kWh'" in str(
            screen.query_one("#energy-error").render()
        )
        assert screen.query_one("#energy-summary").plain() == ""
        price.value = "0.07 USD/kWh"
        await settle(pilot)
        assert not price.has_class("-invalid")
        assert "GWh" in screen.query_one("#energy-summary").plain()


async def test_reset_puts_the_field_back_to_the_preset():
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        pue = screen.query_one("#pue-central", FieldInput)
        pue.value = "1.4"
        pue.focus()
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert pue.value == "1.2"
        assert not screen.dirty
        await pilot.press("ctrl+z")  # the reset is an edit like any other
        await settle(pilot)
        assert pue.value == "1.4"


async def test_neither_reading_fitting_shows_between():
    # GTC 2024 Hopper's 8,000 H100 at 11.2 MW: 1,400 W each. With draw_factor 0.8-0.9 and pue
    # 1.3-1.5 the IT high end is 10,200 / 8 x 0.9 x 1.15 = 1,319.6 W and the facility low end
    # 10,200 / 8 x 0.8 x 1.06 x 1.3 = 1,405.6 W: neither reading fits, and the headline says so
    app = DcpowerApp("gtc-2024-hopper")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        for field, value in (
            ("#power", "11.2 MW"),
            ("#draw_factor-high", "0.9"),
            ("#draw_factor-low", "0.8"),
            ("#pue-high", "1.5"),
            ("#pue-central", "1.4"),
            ("#pue-low", "1.3"),
        ):
            screen.query_one(field, FieldInput).value = value
        await settle(pilot)
        assert screen.errors == {}
        assert [r.verdict for r in screen.report.claim.readings] == ["ample", "implausible"]
        assert screen.report.claim.verdict == "between"
        headline = screen.query_one("#headline")
        assert "BETWEEN" in str(headline.render()) and "PLAUSIBLE" not in str(headline.render())
        assert headline.has_class("-between")
