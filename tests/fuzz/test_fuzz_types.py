"""Fuzzing the API with wrong types: every public question refuses them with a CalcError that
names the argument, or answers; never a raw TypeError, AttributeError or KeyError."""

from hypothesis import given
from hypothesis import strategies as st

import calc
import calc.ui
from tests.fuzz.strategies import examples

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from([object(), b"300 MW", (1, 2), {"h100-sxm": "x"}, {"pue": [1]}, {3: 4}]),
)

KEYWORDS = (
    "power",
    "gpus",
    "accelerator",
    "system",
    "fleet",
    "mix",
    "facility",
    "basis",
    "method",
    "assumptions",
)
CALLS = {
    "check_claim": lambda kw: calc.check_claim(**kw),
    "capacity": lambda kw: calc.capacity(**kw),
    "required_power": lambda kw: calc.required_power(**kw),
    "solve": lambda kw: calc.solve("pue", **kw),
    "tornado": lambda kw: calc.tornado(**kw),
    "scenario": lambda kw: calc.scenario(**kw),
    "power_chain": lambda kw: calc.power_chain(**{k: v for k, v in kw.items() if k != "power"}),
}


def _answers_or_refuses(call, keywords):
    try:
        call(keywords)
    except calc.CalcError as error:
        message = str(error)
        assert "\n" not in message and len(message) <= 300, message


@examples(60)
@given(
    st.sampled_from(sorted(CALLS)),
    st.fixed_dictionaries({}, optional={k: anything for k in KEYWORDS}),
)
def test_wrong_types_never_escape_as_python_errors(name, keywords):
    _answers_or_refuses(CALLS[name], keywords)


@examples(40)
@given(anything, anything, anything, anything)
def test_sweep_monte_carlo_and_settings_check_their_arguments(vary, start, stop, points):
    _answers_or_refuses(lambda _: calc.sweep(vary, start, stop, points, "300 MW", 1000, "h100-sxm"), {})
    _answers_or_refuses(
        lambda _: calc.monte_carlo("300 MW", 1000, "h100-sxm", samples=points, seed=start), {}
    )
    _answers_or_refuses(lambda _: calc.ui.parse_settings(vary), {})
    _answers_or_refuses(lambda _: calc.ui.parse_sweep(vary), {})
    _answers_or_refuses(lambda _: calc.capex(vary, "h100-sxm"), {})
    _answers_or_refuses(lambda _: calc.annual_energy(start, load_factor=stop), {})
    _answers_or_refuses(lambda _: calc.orbital(vary, emissivity=stop), {})


# The helpers and renderers: a wrong type is one InputError line naming the argument.
import numpy as np  # noqa: E402
from hypothesis import example  # noqa: E402

HELPERS = {
    "nudge_text": lambda v: calc.ui.nudge_text(v, "power", 0.01),
    "nudge_text.field": lambda v: calc.ui.nudge_text("300 MW", v, 0.01),
    "nudge_text.fraction": lambda v: calc.ui.nudge_text("300 MW", "power", v),
    "step_redundancy": lambda v: calc.nudge.step_redundancy(v, 1),
    "step_redundancy.direction": lambda v: calc.nudge.step_redundancy("N", v),
    "check_rows.first": lambda v: list(calc.check_rows([{"power": "300 MW", "count": 1000}], first=v)),
    "check_rows.methods": lambda v: list(calc.check_rows([{"power": "300 MW", "count": 1000}], v)),
    "check_row.row": lambda v: calc.batch.check_row(v, 1),
    "check_row.methods": lambda v: calc.batch.check_row({"power": "300 MW", "count": 1000}, 1, methods=v),
    "check_ledger": lambda v: calc.check_ledger(v),
    "batch_failed": lambda v: calc.batch.failed(v, "implausible"),
    "batch_failed.fail_on": lambda v: calc.batch.failed([], v),
    "timeline_bars": lambda v: calc.ui.timeline_bars(calc.timeline("colossus-1"), v),
    "read_rows": lambda v: calc.read_rows(v),
    "compare": lambda v: calc.compare(v, v),
    "scenario_fields": lambda v: calc.ui.scenario_fields(v),
    **{name: (lambda f: lambda v: f(v))(getattr(calc.report, name))
       for name in ("claim_document", "capacity_document", "power_document", "solve_document",
                    "uncertainty_document", "tornado_document", "sweep_document", "energy_document",
                    "capex_document", "orbital_document", "report_document")},
    **{name: (lambda f: lambda v: f(v))(getattr(calc.claim_report, name))
       for name in ("sentence_document", "timeline_document", "ledger_document", "ledger_outcome",
                    "ledger_list_table")},
}  # fmt: skip
numpy_values = st.one_of(
    st.integers(-(10**6), 10**13).map(np.int64),
    st.floats(allow_nan=True, allow_infinity=True).map(np.float64),
    st.floats(width=32, allow_nan=True, allow_infinity=True).map(np.float32),
    st.sampled_from(
        [np.int32(1), np.uint8(3), np.bool_(True), np.float16(1.5), np.array(5), np.array([1, 2])]
    ),
)


@examples(60)
@given(st.sampled_from(sorted(HELPERS)), st.one_of(anything, numpy_values, st.just("a\x00b")))
@example("check_rows.first", 1.5)
@example("check_row.methods", 5)
@example("check_ledger", 1.5)
@example("check_ledger", "stargate-norway")
@example("batch_failed", None)
@example("timeline_bars", float("nan"))
@example("read_rows", "a\x00b")
@example("nudge_text", None)
@example("step_redundancy", 5)
@example("claim_document", None)
@example("check_ledger", np.array(5))
@example("batch_failed", np.array(5))
def test_helpers_and_renderers_refuse_wrong_types_in_one_line(name, value):
    try:
        HELPERS[name](value)
    except calc.CalcError as error:
        message = str(error)
        assert "\n" not in message and len(message) <= 300, message


@examples(40)
@given(
    st.integers(1, 10**12).map(np.int64) | st.integers(1, 2**31 - 1).map(np.int32),
    st.floats(1e-3, 1e15).map(np.float64),
)
@example(np.int64(220_000), np.float64(300e6))
@example(np.int64(10**12), np.float64(1e15))
def test_numpy_counts_and_powers_give_the_python_answer(count, watts):
    numpy_result = calc.check_claim(calc.Q_(watts, "W"), gpus=count, accelerator="h100-sxm")
    python_result = calc.check_claim(calc.Q_(float(watts), "W"), gpus=int(count), accelerator="h100-sxm")
    assert numpy_result.verdict == python_result.verdict
    assert numpy_result.accelerators == python_result.accelerators == int(count)


@examples(10)
@given(st.sampled_from(["1e12", "999999999999", "1e11"]))
@example("1e12")
def test_capex_answers_every_count_power_answers(gpus):
    assert calc.capex(scenario=calc.scenario(gpus=gpus, accelerator="h100-sxm")).accelerators == int(
        float(gpus)
    )
    assert calc.required_power(gpus=gpus, accelerator="h100-sxm").accelerators == int(float(gpus))
