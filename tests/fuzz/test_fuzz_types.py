"""Fuzzing the API with wrong types: every public question refuses them with a CalcError that
names the argument, or answers; never a raw TypeError, AttributeError or KeyError."""

from hypothesis import given
from hypothesis import strategies as st

import calc
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
    _answers_or_refuses(lambda _: calc.parse_settings(vary), {})
    _answers_or_refuses(lambda _: calc.parse_sweep(vary), {})
    _answers_or_refuses(lambda _: calc.capex(vary, "h100-sxm"), {})
    _answers_or_refuses(lambda _: calc.annual_energy(start, load_factor=stop), {})
    _answers_or_refuses(lambda _: calc.orbital(vary, emissivity=stop), {})
