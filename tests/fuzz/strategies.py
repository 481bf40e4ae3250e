"""Hypothesis strategies for hostile input at dcpower's boundary: text, numbers, wrong types."""

import contextlib
import io
import math

from hypothesis import settings
from hypothesis import strategies as st

UNITS = ["W", "kW", "MW", "GW", "TW", "PW", "mW", "kVA", "MVA", "BTU/h", "hp", "MWh", "kg", "USD", "USD/kWh",
         "g/kWh", "L/kWh", "MUSD/MW", "TWh", "K", "%", "", "W**2**2", "J/s"]  # fmt: skip
NON_ASCII_DIGITS = ["３００", "٣٠٠", "३००", "𝟑𝟎𝟎", "³"]


def _number_text(x: float) -> str:
    return repr(x) if math.isfinite(x) else str(x)


numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e-300, max_value=1e-300),
    st.sampled_from([0.0, -0.0, 5e-324, 1e-320, 1e308, 1e300, 1e15, 1e12, 1e12 + 1, 1e-3, 0.999e-3]),
    st.integers(min_value=-(10**15), max_value=10**15).map(float),
)
number_texts = st.one_of(
    numbers.map(_number_text),
    st.integers(min_value=0, max_value=10**13).map(lambda n: f"{n:,}"),
    st.from_regex(r"\A[0-9]{1,4}([,_][0-9]{1,4}){0,3}(\.[0-9]{0,3})?(e[-+]?[0-9]{1,3})?%?\Z"),
    st.sampled_from(NON_ASCII_DIGITS),
)
quantity_texts = st.one_of(
    st.builds(
        lambda n, u, sep: f"{n}{sep}{u}", number_texts, st.sampled_from(UNITS), st.sampled_from(["", " "])
    ),
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=60, max_size=2000),
    st.sampled_from(
        ["10**10**10 W", "1e-320 W", "nan W", "inf MW", "300 MW\n", "\x00", "300 var", "__import__('os')"]
    ),
)
wrong_types = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    st.just(10**400),
)
values = st.one_of(quantity_texts, number_texts, wrong_types)


def examples(n: int, *, long: int | None = None) -> settings:
    """`n` examples in the fast profiles (the suite stays quick); in `fuzz`, `long` if given (for
    tests whose one example costs a second or more), else the profile's own."""
    profile = settings.default.max_examples
    if profile < 1000:
        return settings(max_examples=n)
    return settings(max_examples=long or profile)


def stage_toml(date: str, source: str = "turbines", power: str = "100 MW", **extra: object) -> str:
    """One [[timeline]] stage of a facility preset, its fields written as TOML."""
    fields = "".join(f"{key} = {_toml(value)}\n" for key, value in extra.items())
    return (
        f'[[timeline]]\ndate = "{date}"\nsource = "{source}"\npower = "{power}"\n{fields}'
        'sources = [{ title = "Example source", url = "https://example.com/" }]\n'
    )


def facility_toml(*stages: str, deliveries: str = "") -> str:
    """A facility preset 'hostile-site' (100 MW, 10,000 H100) with the timeline stages given."""
    return (
        'schema_version = 1\nid = "hostile-site"\nname = "Hostile site"\npower = "100 MW"\n'
        'accelerators = 10000\nconfidence = "low"\n[fleet]\nh100-sxm = 10000\n'
        '[[sources]]\ntitle = "Example source"\nurl = "https://example.com/"\n' + "".join(stages) + deliveries
    )


def claim_toml(
    claim_id: str = "hostile-claim", *, url: str = "https://example.com/", **fields: object
) -> str:
    """A ledger claim preset; `fields` (count, power, accelerator, ...) written as TOML values."""
    body = "".join(f"{key} = {_toml(value)}\n" for key, value in fields.items())
    return (
        f'schema_version = 1\nid = "{claim_id}"\nname = "Hostile claim"\ndate = "2025-01"\n'
        f'quote = "A claim written to test dcpower."\nurl = {_toml(url)}\n{body}confidence = "low"\n'
        f'[[sources]]\ntitle = "Example source"\nurl = {_toml(url)}\ntier = "reporting"\n'
    )


def _toml(value: object) -> str:
    if isinstance(value, str):
        # a TOML basic string: every control character as its \\uXXXX escape
        escaped = "".join(
            f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F or c in '"\\' else c for c in value
        )
        return f'"{escaped}"'
    return str(value).lower() if isinstance(value, bool) else str(value)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """dcpower run in process: the exit code, stdout and stderr; the preset folders given with
    --preset-dir are forgotten afterwards, so that one example does not leak into the next."""
    import calc.presets
    from calc.cli import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        calc.presets._cli_dirs = ()
        calc.presets.reset_catalog()
    return code, out.getvalue(), err.getvalue()


def assert_one_line(argv: list[str], code: int, err: str) -> None:
    """A refusal: exit 2 and one line on stderr, short, ending in a newline."""
    lines = err.splitlines()
    assert code == 2, (argv, err[-2000:])
    assert len(lines) == 1 and len(lines[0]) <= 300 and err.endswith("\n"), (argv, lines)
    assert "Traceback" not in lines[0]
