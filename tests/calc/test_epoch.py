"""calc.epoch: Epoch AI's Frontier Data Centers tables read, imported as facilities, exported."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from calc.cli import main
from calc.epoch import EXPORT_COLUMNS, export_csv, export_row, read_epoch, site_facility
from calc.errors import InputError

DATA = Path(__file__).resolve().parents[2] / "data" / "epoch-frontier-data-centers"
TIMELINES = DATA / "data_center_timelines.csv"
SITES = DATA / "data_centers.csv"
EXCERPT = DATA / "data_center_timelines_2026_excerpt.csv"
SNAPSHOT = datetime.date(2025, 12, 14)


def test_the_snapshot_reads_both_schemas() -> None:
    sites = read_epoch(TIMELINES, SITES)
    assert len(sites) == 16
    colossus = sites["xAI Colossus 1 Memphis Tennessee"]
    assert colossus.owner == "xAI #confident"
    row = [r for r in colossus.rows if r.date <= SNAPSHOT][-1]
    # the 'Current' columns of data_centers.csv: 275,795.9 H100e at 498 MW
    assert (round(row.h100e), row.power, row.it_power) == (275_796, 498.0, None)
    new = read_epoch(EXCERPT)["Colossus 2"].rows[0]
    assert (new.it_power, new.power, new.ops) == (239.0, 323.0, 5.5e20)
    # Epoch's convention in every row: 8-bit OP/s / H100e = 1.979e15
    assert new.ops / new.h100e == pytest.approx(1.979e15, rel=1e-9)


def test_a_site_becomes_a_facility_with_dated_stages() -> None:
    site = read_epoch(TIMELINES, SITES)["xAI Colossus 1 Memphis Tennessee"]
    facility = site_facility(site, "h100-sxm", SNAPSHOT)
    assert facility is not None
    assert facility.id == "epoch-xai-colossus-1-memphis-tennessee"
    assert (facility.power.magnitude, facility.basis, facility.accelerators) == (498, "facility", 275_796)
    assert [s.date for s in facility.timeline][:3] == ["2024-04-24", "2024-08-11", "2024-09-02"]
    assert all(stage.status == "reported" for stage in facility.timeline)
    assert sum(d.count for d in facility.deliveries) == 275_796


def test_later_rows_are_planned() -> None:
    site = read_epoch(EXCERPT)["Colossus 2"]
    facility = site_facility(site, "gb200", datetime.date(2025, 12, 31))
    assert facility is not None
    # 277,918 H100e / (5e15 / 1.979e15) = 110,000 GB200: the S-1's 'approximately 110,000 GB200'
    assert facility.accelerators == 110_000
    assert [s.status for s in facility.timeline] == ["reported", "planned", "planned", "planned"]


def test_import_command_writes_loadable_presets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "presets"
    assert (
        main(["import", "epoch", str(TIMELINES), str(SITES), "--out", str(out), "--as-of", "2025-12-14"]) == 0
    )
    written = capsys.readouterr().out.split()
    assert len(written) == 16
    assert (
        main(["--preset-dir", str(out), "check", "--facility", "epoch-xai-colossus-1-memphis-tennessee"]) == 0
    )
    assert "275,796" in capsys.readouterr().out


def test_a_file_that_is_not_epochs_is_one_line(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.csv: not an Epoch data-centre table"):
        read_epoch(other)
    bad = tmp_path / "bad.csv"
    bad.write_text("Data center,Date,Power (MW)\nX,2025-13-01,5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv line 2: Date: '2025-13-01' is not a date"):
        read_epoch(bad)


def test_export_in_epochs_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", "--h100e", "1000", "--accelerator", "h100-sxm", "--epoch-csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ",".join(EXPORT_COLUMNS)
    # 1,000 H100 x 1.979e15 = 1.979e18 OP/s; IT central 1,000 x 1,192.125 W = 1.19213 MW (DESIGN.md)
    assert lines[1] == "dcpower,,1000,1.979e+18,1.19213,1.43055"
    assert export_csv([]) == ",".join(EXPORT_COLUMNS) + "\n"
    assert callable(export_row)
