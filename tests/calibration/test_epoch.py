"""The Epoch calibration: dcpower's power for each Epoch site's H100e against Epoch's IT and facility power."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from tests.calibration.epoch_calibration import cases, errors, markdown, readme_rows

FOUND = cases()
BY_ROW = {(c.site, c.date): c for c in FOUND}


def test_every_site_with_compute_is_compared() -> None:
    # 20 rows of the 2026 excerpt (distinct power and H100e) and 9 sites of the 2025 snapshot (Alibaba left out)
    assert len(FOUND) == 29
    assert sum(c.epoch_it is not None for c in FOUND) == 20


def test_colossus_2_by_hand() -> None:
    case = BY_ROW[("Colossus 2", "2025-10-19")]
    # 277,918.14 H100e / (5e15 / 1.979e15) = 110,000 GB200 (the S-1's 'approximately 110,000')
    # epoch method: 110,000 x 1,200 W x 1.82 (nameplate, no IT overhead) = 240.24 MW; Epoch: 239 MW IT
    assert case.epoch_method_it == pytest.approx(240.24, abs=0.01)
    # default method: 110,000 x 132 kW / 72 x 0.85 x 1.10 = 110,000 x 1,714.17 W = 188.558 MW IT
    assert case.dcpower_it == pytest.approx(188.558, abs=0.001)


def test_median_errors() -> None:
    each = errors(FOUND)
    # dcpower's own assumption set provisions 0.85 of nameplate with 10 % IT overhead; Epoch takes
    # nameplate x 1.14 (or TDP x 1.82): its central runs 18 % under Epoch's IT power
    assert statistics.median(each["it"]) == pytest.approx(-0.180, abs=0.005)
    # under the epoch assumption set dcpower reproduces Epoch's IT power within 5 % (median)
    assert statistics.median(abs(e) for e in each["it, epoch method"]) < 0.05
    # facility: Epoch's PUE is 1.20-1.35 by operator, dcpower's central 1.20
    assert statistics.median(each["facility"]) == pytest.approx(-0.243, abs=0.005)


def test_the_misses_are_the_named_ones() -> None:
    # beyond 25 % from Epoch's IT power under the epoch method: an older TPU generation counted as
    # v6e (Pryor 2024), and New Carlisle's Trainium3 stage, whose 1,000 W TDP estimate is above
    # the ~700 W Epoch takes from SemiAnalysis
    misses = {
        (c.site, c.date)
        for c in FOUND
        if c.epoch_method_error is not None and abs(c.epoch_method_error) > 0.25
    }
    assert misses == {("Google Pryor (North)", "2024-07-19"), ("Anthropic-Amazon New Carlisle", "2028-03-17")}


def test_the_table_prints() -> None:
    table = markdown(FOUND)
    assert table.startswith("| site | row |") and "Median absolute error" in table


ROOT = Path(__file__).resolve().parents[2]


def test_the_docs_and_the_readme_show_the_run_as_it_is() -> None:
    assert markdown(FOUND) in (ROOT / "docs" / "compute.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = readme_rows(FOUND)
    assert len(rows) == 3 and all(row in readme for row in rows)
    # by hand from the table in docs/compute.md: the median of the 20 IT rows is Meta's -18.0 %
    assert "| Epoch AI sites' H100e → power, IT, default set" in rows[0] and "| 20 | -18.0 % |" in rows[0]
