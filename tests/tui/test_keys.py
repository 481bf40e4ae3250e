"""Keys are processed in the order typed, whatever the load: the report is computed off the UI thread."""

import time

from textual import events

import calc
from calc.ui import FieldKey
from tui.app import DcpowerApp
from tui.widgets import FieldInput

from .settle import settle

SIZE = (120, 40)
CHARACTERS = {" ": "space", "%": "percent_sign"}
CONTROL = {"tab": "\t", "shift+tab": None, "backspace": "\x7f", "ctrl+u": "\x15", "enter": "\r"}


async def burst(pilot, *keys: str) -> None:
    """Send keys as one burst, as a terminal delivers them when typed fast or pasted by tmux.

    Pilot's `press` waits for the app to go idle after every key, which hides reordering; this
    queues them all before the app handles the first.
    """
    driver = pilot.app._driver
    for key in keys:
        if len(key) == 1:
            event = events.Key(CHARACTERS.get(key, key), key)
        else:
            event = events.Key(key, CONTROL.get(key))
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


def slow_evaluate(monkeypatch, seconds: float = 0.3) -> None:
    """Make the report computation take `seconds` longer, as on a loaded machine."""
    evaluate = calc.evaluate

    def slow(scenario):
        time.sleep(seconds)
        return evaluate(scenario)

    monkeypatch.setattr(calc, "evaluate", slow)


async def test_a_burst_lands_in_the_fields_typed_while_the_report_is_slow(monkeypatch):
    slow_evaluate(monkeypatch)
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.calculator
        assert app.focused is screen.query_one("#power")
        await burst(pilot, "ctrl+u", *"250 MW", "tab", "tab", *"200000")
        await settle(pilot)
        assert screen.query_one("#power", FieldInput).value == "250 MW"
        assert screen.query_one("#accelerators", FieldInput).value == "200000"
        claim = screen.report.claim
        assert (claim.power.m_as("MW"), claim.accelerators) == (250, 200_000)
        assert "250 MW / 200,000 GPUs" in str(screen.query_one("#headline").render())


async def test_backspaces_after_a_tab_edit_the_next_field(monkeypatch):
    # the defect: power became 'xy%' and the count '220'. Tab selects the count's text, 'xy%'
    # replaces it, and three backspaces empty it; power is not touched
    slow_evaluate(monkeypatch)
    app = DcpowerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.calculator
        await burst(pilot, "tab", "tab", *"xy%", "backspace", "backspace", "backspace")
        await settle(pilot)
        assert screen.query_one("#power", FieldInput).value == "300 MW"
        assert screen.query_one("#accelerators", FieldInput).value == ""
        assert FieldKey("accelerators") in screen.errors


async def test_clear_then_type_in_the_power_field(monkeypatch):
    slow_evaluate(monkeypatch)
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "ctrl+u", *"abc")
        await settle(pilot)
        assert app.calculator.query_one("#power", FieldInput).value == "abc"


async def test_an_invalid_edit_before_the_first_report_still_gets_the_report(monkeypatch):
    # the defect: an edit made while the first report was computing dropped that report when it
    # landed; the edit was invalid, so no other report followed and "Computing the report…" stayed
    slow_evaluate(monkeypatch, 0.4)
    # the first report lands inside the edit's pause, as it does by chance on a busy machine
    monkeypatch.setattr("tui.screens.calculator.DEBOUNCE", 1.0)
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.calculator
        screen.query_one("#power", FieldInput).value = "300 kg"
        await settle(pilot)
        assert screen.errors == {FieldKey("power"): "power: '300 kg' is a mass, not a power; e.g. '300 MW'"}
        assert screen.report is not None and screen.report.claim.verdict == "plausible"
        headline = str(screen.query_one("#headline").render())
        assert "PLAUSIBLE" in headline and "Computing" not in headline


def counted_evaluate(monkeypatch, seconds: float = 0.0) -> list[tuple[float, int]]:
    """Record each report computed (its power [MW], and how many were computing then)."""
    evaluate = calc.evaluate
    computed: list[tuple[float, int]] = []
    running = [0]

    def counted(scenario):
        running[0] += 1
        computed.append((scenario.power.m_as("MW"), running[0]))
        try:
            time.sleep(seconds)
            return evaluate(scenario)
        finally:
            running[0] -= 1

    monkeypatch.setattr(calc, "evaluate", counted)
    return computed


async def test_an_edit_is_computed_once(monkeypatch):
    # the defect: the edit's report was computed at once, and again when its undo step settled
    computed = counted_evaluate(monkeypatch)
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.calculator
        await settle(pilot)
        assert computed == [(300.0, 1)]
        screen.query_one("#power", FieldInput).value = "250 MW"
        await settle(pilot)
        assert computed == [(300.0, 1), (250.0, 1)]
        assert screen.report.claim.power.m_as("MW") == 250


async def test_an_edit_made_while_a_report_computes_gets_its_own_after_it(monkeypatch):
    # one report computes at a time: the edit waits for the one computing, never beside it
    computed = counted_evaluate(monkeypatch, 0.3)
    app = DcpowerApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.calculator
        await settle(pilot)
        power = screen.query_one("#power", FieldInput)
        power.value = "250 MW"
        await pilot.pause()
        power.value = "260 MW"  # while 250 MW's report computes
        await settle(pilot)
        assert computed == [(300.0, 1), (250.0, 1), (260.0, 1)]
        assert screen.report.claim.power.m_as("MW") == 260
        assert "260 MW / 220,000 GPUs" in str(screen.query_one("#headline").render())
