"""Fuzzing the terminal UI: random text in every field, and the app is still running, with the
last good result on screen and a message by each field it refuses."""

import asyncio

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input

from tests.fuzz.strategies import examples, number_texts, quantity_texts
from tui.app import DcpowerApp

texts = st.one_of(
    quantity_texts,
    number_texts,
    st.text(max_size=24),
    st.sampled_from(
        ["150%", "1e-320 W", "10**10**10 W", "３００ MW", "1,5", "", "-", "nan", "3+1", "2N", "9N"]
    ),
)


async def _session(values: list[str]) -> None:
    app = DcpowerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        fields = list(app.screen.query(Input))
        for field, value in zip(fields, values * (len(fields) // max(len(values), 1) + 1), strict=False):
            field.value = value
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert app.calculator.report.claim.verdict in {"implausible", "between", "plausible", "ample"}


@examples(4, long=60)
@given(st.lists(texts, min_size=1, max_size=30))
def test_random_text_in_every_field_never_ends_the_app(values):
    asyncio.run(_session(values))
