"""Fuzzing hostile claim and timeline presets through the CLI (`claims check --all`,
`timeline`): exit 0 with what the file states, or exit 2 with one line; never exit 1, never a
stage silently dropped, never a control character from the file on stdout."""

import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.strategies import (
    assert_one_line,
    claim_toml,
    examples,
    facility_toml,
    quantity_texts,
    run_cli,
    stage_toml,
)

dates = st.one_of(
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}(-[0-9]{2})?\Z"),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    st.text(alphabet="0123456789-٠١٢٣٤٥٦٧٨٩０１２", min_size=7, max_size=10),
    st.sampled_from(["2025-00", "2025-13-40", "0000-00-00", "2025-02-30", "٢٠٢٥-٠٢", "2024-02-29"]),
)  # fmt: skip
hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["\x1b[41m", "\x9b2J", "\u202e", "\r", "\x07", "\x7f", "\x00"]),
)
CONTROL = {chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))} - {"\n", "\t"}


def _run(argv: list[str]) -> str:
    code, out, err = run_cli(argv)
    assert code in (0, 2), (argv, code, err)
    assert not CONTROL.intersection(out), out
    if code == 2:
        assert_one_line(argv, code, err)
    return out if code == 0 else ""


@examples(30)
@given(
    count=st.one_of(st.none(), st.integers(-1, 10**13), st.just(10**12)),
    power=st.one_of(st.none(), quantity_texts),
    url_tail=hostile_text,
    date=dates,
)
@example(count=10**12, power=None, url_tail="", date="2025-01")
@example(count=None, power="300 MW", url_tail="\x1b[41m", date="2025-01")
@example(count=220_000, power="300 MW", url_tail="", date="2025-02-30")
def test_hostile_claims_are_answered_or_refused_in_one_line(count, power, url_tail, date):
    fields = {"accelerator": "h100-sxm"}
    if count is not None:
        fields["count"] = count
    if power is not None:
        fields["power"] = power
    text = claim_toml(url="https://example.com/" + url_tail, **fields).replace(
        'date = "2025-01"', f'date = "{date}"'
    )
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "claims").mkdir()
        (Path(folder) / "claims" / "hostile-claim.toml").write_text(
            text, encoding="utf-8", errors="surrogatepass"
        )
        out = _run(["claims", "check", "--all", "--preset-dir", folder])
        if out:
            assert "hostile-claim" in out


stages = st.builds(
    lambda date, source, power, extra: stage_toml(date, source, power, **extra),
    dates,
    st.sampled_from(["grid", "turbines", "batteries", "wind"]),
    st.one_of(quantity_texts, st.sampled_from(["100 MVA", "0 MW", "1e30 MW", "100 MWh"])),
    st.fixed_dictionaries(
        {},
        optional={
            "units": st.integers(-1, 200_000),
            "unit_power": st.sampled_from(["5 MW", "0 MW", "1e20 W", "5 MVA", "x"]),
            "energy": st.sampled_from(["1e30 MWh", "400 MWh", "0 MWh", "-1 MWh", "5 MW"]),
            "basis": st.sampled_from(["supply", "it", "chip"]),
            "notes": hostile_text,
        },
    ),
)


@examples(30)
@given(st.lists(stages, min_size=1, max_size=6))
@example([stage_toml("2025-01", "grid", "50 MW"), stage_toml("2025-00")])
@example([stage_toml("2025-01", "grid", "50 MW"), stage_toml("٢٠٢٥-٠٢")])
@example([stage_toml("2025-01", "turbines", "100 MW", units=0)])
@example([stage_toml("2025-01", "batteries", "100 MW", energy="1e30 MWh")])
@example([stage_toml("2025-01", "turbines", "100 MVA", notes="\x1b[41m")])
@example([stage_toml("0001-01-01", "grid", "100 MVA")])
def test_hostile_timelines_are_shown_whole_or_refused_in_one_line(stage_texts):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "facilities").mkdir()
        path = Path(folder) / "facilities" / "hostile-site.toml"
        path.write_text(facility_toml(*stage_texts), encoding="utf-8", errors="surrogatepass")
        out = _run(["timeline", "--facility", "hostile-site", "--preset-dir", folder])
        if out:
            # every stage is shown in its quarter's events: none dropped
            events = [line for line in out.splitlines() if line[:4].isdigit() and "-Q" in line[:8]]
            assert len(events) == len(stage_texts), out
