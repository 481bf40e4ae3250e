"""Fuzzing the CLI in process: exit 0 with finite numbers, or exit 2 with exactly one line of at
most 300 characters on stderr; never exit 1, never a traceback."""

import os
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import assert_one_line, examples, number_texts, quantity_texts, run_cli

_NOT_FINITE = re.compile(r"\b(inf|nan)\b", re.IGNORECASE)
accelerators = st.sampled_from(
    ["h100-sxm", "b200", "gb200", "mi300x", "nope", "", "/dev/zero", "x.toml", "a/b"]
)
numbers = st.one_of(number_texts, st.sampled_from(["1", "0.8", "150%", "1e308", "5e-324", "-1", "1,5"]))


def _run(argv: list[str]) -> None:
    code, out, err = run_cli(argv)
    if code == 0:
        assert not _NOT_FINITE.search(out), (argv, out)
        return
    assert_one_line(argv, code, err)


def _options(**choices):
    """Each option with probability one half: [flag, value, ...]."""
    return st.fixed_dictionaries({}, optional=choices).map(
        lambda d: [item for flag, value in d.items() for item in (f"--{flag.replace('_', '-')}", value)]
    )


@examples(40)
@given(_options(power=quantity_texts, price=quantity_texts, carbon=quantity_texts, wue=quantity_texts,
                load_factor=numbers, annual_energy=quantity_texts))  # fmt: skip
def test_energy(options):
    _run(["energy", *options])


@examples(40)
@given(_options(budget=quantity_texts, gpus=numbers, facility_cost=quantity_texts, accelerator=accelerators),
       st.one_of(st.none(), quantity_texts))  # fmt: skip
def test_capex(options, price):
    extra = [] if price is None else ["--system-price", f"dgx-h100={price}"]
    _run(["capex", "--accelerator", "h100-sxm", *options, *extra])


@examples(40)
@given(
    st.sampled_from(["capacity", "check"]),
    _options(power=quantity_texts, gpus=numbers, accelerator=accelerators),
)
def test_capacity_and_check(command, options):
    _run([command, *options])


@examples(30)
@given(_options(gpus=numbers, accelerator=accelerators, rack_power_limit=quantity_texts))
def test_power(options):
    _run(["power", *options])


@examples(30)
@given(_options(power=quantity_texts, emissivity=numbers, radiator_temperature=quantity_texts,
                eclipse_fraction=numbers))  # fmt: skip
def test_orbital(options):
    _run(["orbital", "--power", "1 GW", *options])


@examples(30)
@given(st.lists(st.text(max_size=30).map(lambda t: "pue=" + t) | quantity_texts, max_size=2))
def test_check_with_settings(settings_):
    _run(["check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm",
          *[x for s in settings_ for x in ("--set", s)]])  # fmt: skip


@examples(20)
@given(st.sampled_from(["file", "fifo", "dir", "devzero", "missing", "huge", "deep"]),
       st.sampled_from(["--facility", "--method", "--accelerator"]))  # fmt: skip
def test_preset_files_given_as_ids(shape, flag):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.toml"
        if shape == "file":
            path.write_text("schema_version = 1\n")
        elif shape == "fifo":
            os.mkfifo(path)
        elif shape == "dir":
            path.mkdir()
        elif shape == "devzero":
            path.symlink_to("/dev/zero")
        elif shape == "huge":
            path.write_bytes(b"#" * 10_000_000)
        elif shape == "deep":
            path.write_text("a = " + "[" * 5000 + "]" * 5000)
        _run(["check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm", flag, str(path)])


@examples(20)
@given(st.one_of(st.just(""), st.just("a" * 100_000), st.text(max_size=40), st.just("/dev/null")))
def test_preset_dir(directory):
    _run(["--preset-dir", directory, "presets", "list"])
