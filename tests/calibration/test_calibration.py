"""Calibration against the measured world: public pairs of power and count (pairs.toml).

Targets (from the issue that set up the suite): every pair not implausible; the central
within ±15 % for at least 90 %; a median absolute error under 7 %; the same pair with its count
x 1.5 judged implausible for at least 80 %. A target not met is an expected failure that
names the pairs that miss it (today: Selene is judged implausible), so that the README states the result as it is.
Each pair says whether its figures were found in a stored public source (`verified`) and what
could not be confirmed (`note`); the README table reports how many.
"""

from pathlib import Path

import pytest

from tests.calibration.calibration import WITHIN, markdown, pairs, rows, summary

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def checked():
    return rows()


def test_there_are_enough_sourced_pairs():
    data = pairs()
    assert len(data) >= 25
    for pair in data:
        assert pair["basis"] in ("server", "it", "facility")
        assert pair["source"] and pair["derivation"]
    # every pair carries a public address
    assert all(pair.get("url") for pair in data)


def test_every_pair_says_whether_it_was_verified_and_what_was_not():
    data = pairs()
    for pair in data:
        assert isinstance(pair["verified"], bool), pair["name"]
        assert pair["note"], pair["name"]
        if not pair["verified"]:
            assert "not confirmed" in str(pair["note"]).lower(), pair["name"]
    assert sum(pair["verified"] for pair in data) == 6


def test_leonardo_fits_its_booster_node_within_10_percent(checked):
    leonardo = next(r for r in checked if r.name == "Leonardo, HPL November 2023")
    # 7,404 kW / 13,824 = 535.6 W; central 2.2 kW / 4 x 0.85 x 1.10 = 514.25 W: -4.0 %
    assert leonardo.implied == pytest.approx(535.59, abs=0.01)
    assert leonardo.central == pytest.approx(514.25)
    assert leonardo.verdict == "plausible"


def test_median_absolute_error_is_under_7_percent(checked):
    assert summary(checked).median_error < 0.07


def test_an_inflated_count_is_implausible_for_80_percent(checked):
    assert summary(checked).inflated_implausible >= 0.80


@pytest.mark.xfail(
    strict=True,
    reason="Selene (DGX A100 at HPL: 0.69-0.73 of its 6.5 kW nameplate) is below the default low end",
)
def test_no_pair_is_implausible(checked):
    assert [r.name for r in checked if r.verdict == "implausible"] == []


def test_the_central_is_within_15_percent_for_90_percent(checked):
    assert summary(checked).within >= 0.90


def test_the_misses_are_the_known_ones(checked):
    misses = sorted(r.name for r in checked if abs(r.error) > WITHIN)
    assert misses == [
        "Perlmutter, HPL June 2021",
        "Selene (DGX A100 SuperPOD), HPL November 2020",
    ]


def test_the_readme_shows_the_table_as_it_is(checked):
    assert markdown(checked) in README.read_text(encoding="utf-8")
