"""Epoch AI's Frontier Data Centers tables: read them, turn them into facility presets, export to them.

Epoch publishes `data_centers.csv` (one row per site, with its current H100e and power) and
`data_center_timelines.csv` (dated rows per site: facility `Power (MW)`, since 2026 also
`IT power (MW)`, `H100 equivalents`, `Performance (8-bit OP/s)`, a free-text construction
status). Both are CC-BY 4.0 (epoch.ai/data/data-centers). Rows dated after the snapshot are
schedules; the files carry no flag for them, so the importer marks them `planned` against an
as-of date.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from calc.compute import CONVENTION_TEXT, h100_equivalents
from calc.errors import InputError
from calc.files import write_atomic
from calc.models import Delivery, Facility, PowerStage, Source
from calc.presets import facility_to_toml, load_accelerator, toml_string
from calc.units import MW, quantity

HUB_URL = "https://epoch.ai/data/data-centers"
ATTRIBUTION = "Epoch AI, Frontier Data Centers (CC-BY 4.0)"
EXPORT_COLUMNS = (
    "Data center",
    "Date",
    "H100 equivalents",
    "Performance (8-bit OP/s)",
    "IT power (MW)",
    "Power (MW)",
)
"""Epoch's column names, for results joined back to its tables."""
_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class EpochRow:
    """One dated timeline row of one site."""

    site: str
    date: datetime.date
    it_power: float | None
    """IT power (MW); None in the 2025 schema, which has facility power only. [MW]"""
    power: float
    """Facility power (MW). [MW]"""
    h100e: float
    ops: float | None
    """Dense 8-bit OP/s."""
    status: str = ""


@dataclass
class EpochSite:
    """A site with its dated rows (by date) and what data_centers.csv says of it."""

    name: str
    title: str = ""
    owner: str = ""
    users: str = ""
    rows: list[EpochRow] = field(default_factory=list)


def _number(text: str, column: str, where: str) -> float | None:
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"{where}: {column}: {text[:30]!r} is not a number") from None
    if not value >= 0 or value == float("inf"):
        raise InputError(f"{where}: {column}: {text[:30]!r} must be a finite number, 0 or more")
    return value


def _date(text: str, where: str) -> datetime.date:
    text = (text or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text)
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            month, day, year = (int(part) for part in text.split("/"))
            return datetime.date(year, month, day)
    except ValueError:
        pass
    raise InputError(f"{where}: Date: {text[:30]!r} is not a date; accepted: YYYY-MM-DD or M/D/YYYY")


def _read_csv(path: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    file = Path(path)
    try:
        if file.stat().st_size > _MAX_BYTES:
            raise InputError(
                f"{file.name}: larger than {_MAX_BYTES // 1_000_000} MB; an Epoch table is far smaller"
            )
        text = file.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InputError(f"{file.name}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise InputError(f"{file.name}: is not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def read_epoch(*paths: str | Path) -> dict[str, EpochSite]:
    """Sites from Epoch's data_centers.csv and data_center_timelines.csv (either schema), by name.

    Raises:
        InputError: A file that is neither table, or a bad number or date (file, line, column).
    """
    if not paths:
        raise InputError("import epoch: give data_center_timelines.csv (and data_centers.csv)")
    sites: dict[str, EpochSite] = {}
    for path in paths:
        header, records = _read_csv(path)
        name = Path(path).name
        if "Data center" in header and "Date" in header:
            for line, record in enumerate(records, start=2):
                where = f"{name} line {line}"
                label = record["Data center"].strip()
                if not label:
                    raise InputError(f"{where}: Data center: empty")
                power = _number(record.get("Power (MW)", ""), "Power (MW)", where)
                h100e = _number(record.get("H100 equivalents", ""), "H100 equivalents", where)
                sites.setdefault(label, EpochSite(label)).rows.append(
                    EpochRow(
                        site=label,
                        date=_date(record["Date"], where),
                        it_power=_number(record.get("IT power (MW)", ""), "IT power (MW)", where),
                        power=power or 0.0,
                        h100e=h100e or 0.0,
                        ops=_number(
                            record.get("Performance (8-bit OP/s)", ""), "Performance (8-bit OP/s)", where
                        ),
                        status=(record.get("Construction status") or "").strip(),
                    )
                )
        elif "Handle" in header or "Current H100 equivalents" in header:
            key = "Handle" if "Handle" in header else "Name"
            for record in records:
                entry = sites.setdefault(record[key].strip(), EpochSite(record[key].strip()))
                entry.title = (record.get("Title") or "").strip()
                entry.owner = (record.get("Owner") or "").strip()
                entry.users = (record.get("Users") or "").strip()
        else:
            raise InputError(
                f"{name}: not an Epoch data-centre table; accepted: data_center_timelines.csv (columns "
                "'Data center', 'Date', ...) or data_centers.csv (column 'Handle')"
            )
    for each in sites.values():
        each.rows.sort(key=lambda row: row.date)
    return sites


def as_of(site: EpochSite, date: datetime.date) -> EpochRow | None:
    """The site's row in force on a date (the latest dated on or before it)."""
    rows = [row for row in site.rows if row.date <= date]
    return rows[-1] if rows else None


def preset_id(name: str) -> str:
    """A preset id for a site: 'epoch-' and the name in kebab-case."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50].strip("-")
    return f"epoch-{slug or 'site'}"


def site_facility(site: EpochSite, accelerator: str, date: datetime.date) -> Facility | None:
    """A facility preset of one site: its power and H100e on `date`, its rows as dated stages.

    The count is the H100e divided by one `accelerator`'s H100e (Epoch gives no chip count in
    these tables). None when the site has no row with compute.
    """

    per_unit = h100_equivalents(load_accelerator(accelerator))
    current = as_of(site, date)
    chosen = current if current is not None and current.h100e > 0 else None
    if chosen is None:
        later = [row for row in site.rows if row.h100e > 0]
        if not later:
            return None
        chosen = later[0]
    planned = chosen.date > date

    def source(row: EpochRow) -> Source:
        return Source(
            title=f"{ATTRIBUTION}, data_center_timelines.csv, {row.site} {row.date.isoformat()}", url=HUB_URL
        )

    stages, deliveries, previous_power, previous_h100e = [], [], None, 0.0
    for row in site.rows:
        status: Literal["reported", "planned"] = "planned" if row.date > date else "reported"
        if row.power != previous_power:
            stages.append(
                PowerStage(
                    date=row.date.isoformat(),
                    source="grid",
                    power=quantity(row.power, MW),
                    basis="facility",
                    status=status,
                    sources=(source(row),),
                    notes="Epoch's total facility power; Epoch does not split it by source"
                    + (f"; IT power {row.it_power:g} MW" if row.it_power is not None else ""),
                )
            )
            previous_power = row.power
        added = round((row.h100e - previous_h100e) / per_unit)
        if added > 0:
            deliveries.append(
                Delivery(
                    date=row.date.isoformat(),
                    accelerator=accelerator,
                    count=added,
                    status=status,
                    sources=(source(row),),
                    notes=f"{row.h100e - previous_h100e:,.0f} H100e added, as {accelerator}",
                )
            )
        previous_h100e = max(previous_h100e, row.h100e)
    count = max(1, round(chosen.h100e / per_unit))
    return Facility(
        id=preset_id(site.name),
        name=site.title or site.name,
        status=("planned" if planned else "operational") + f" from {chosen.date.isoformat()} (Epoch)",
        power=quantity(chosen.power, MW),
        basis="facility",
        accelerators=count,
        fleet={accelerator: count},
        confidence="estimate",
        sources=(source(chosen), Source(title=f"{ATTRIBUTION}: hub and methods", url=HUB_URL)),
        notes=(
            f"Imported from Epoch AI's tables as of {date.isoformat()}: {chosen.h100e:,.0f} H100e "
            f"({CONVENTION_TEXT['8-bit']}) counted as {accelerator} ({per_unit:.3g} H100e each). "
            f"Estimate: Epoch's figures are modelled from imagery and permits."
            + (f" Owner: {site.owner}." if site.owner else "")
            + (f" Users: {site.users}." if site.users else "")
        ),
        timeline=tuple(stages),
        deliveries=tuple(deliveries),
    )


def facility_toml(facility: Facility) -> str:
    """The TOML of an imported facility, with its timeline and deliveries."""

    lines = [facility_to_toml(facility).rstrip("\n")]
    for stage in facility.timeline:
        lines += [
            "",
            "[[timeline]]",
            f"date = {toml_string(stage.date)}",
            f"source = {toml_string(stage.source)}",
            f"power = {toml_string(f'{stage.power.magnitude:g} {stage.power.units:~}')}",
            f"basis = {toml_string(stage.basis)}",
            f"status = {toml_string(stage.status)}",
            f"notes = {toml_string(stage.notes)}",
        ]
        lines += _sources_toml("timeline", stage.sources)
    for delivery in facility.deliveries:
        lines += [
            "",
            "[[deliveries]]",
            f"date = {toml_string(delivery.date)}",
            f"accelerator = {toml_string(delivery.accelerator)}",
            f"count = {delivery.count}",
            f"status = {toml_string(delivery.status)}",
            f"notes = {toml_string(delivery.notes)}",
        ]
        lines += _sources_toml("deliveries", delivery.sources)
    return "\n".join(lines) + "\n"


def _sources_toml(parent: str, sources: tuple[Source, ...]) -> list[str]:

    out = []
    for item in sources:
        out += [f"[[{parent}.sources]]", f"title = {toml_string(item.title)}"]
        if item.url:
            out.append(f"url = {toml_string(item.url)}")
    return out


def import_epoch(
    paths: list[str], out_dir: str | Path, *, accelerator: str = "h100-sxm", date: str | None = None
) -> list[Path]:
    """Write one facility preset per Epoch site with compute; returns the files written.

    Args:
        paths: Epoch's data_center_timelines.csv, and optionally data_centers.csv.
        out_dir: A preset directory (for --preset-dir): the presets go to its ``facilities/``
            folder (created; files of the same id are replaced).
        accelerator: The accelerator the H100e are counted as (default h100-sxm: one per H100e).
        date: As-of date, YYYY-MM-DD (default today): later rows are planned stages.
    """

    when = datetime.date.today() if date is None else _date(date, "--as-of")
    sites = read_epoch(*paths)
    folder = Path(out_dir) / "facilities"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"--out: {str(out_dir)[:80]!r} cannot be made ({error.strerror or error})") from None
    written = []
    for site in sites.values():
        facility = site_facility(site, accelerator, when)
        if facility is None:
            continue
        path = folder / f"{facility.id}.toml"
        write_atomic(path, facility_toml(facility))
        written.append(path)
    return written


def export_row(result: Any, name: str = "dcpower", date: str = "") -> dict[str, str]:
    """A compute result (calc.compute) in Epoch's timeline columns, to join back to its tables."""
    it = next(row for row in result.power_at if row.basis == "it")
    facility = next(row for row in result.power_at if row.basis == "facility")
    ops = result.h100e.central * 1.979e15
    return {
        "Data center": name,
        "Date": date,
        "H100 equivalents": f"{result.h100e.central:.6g}",
        "Performance (8-bit OP/s)": f"{ops:.6g}",
        "IT power (MW)": f"{it.central.to('MW').magnitude:.6g}",
        "Power (MW)": f"{facility.central.to('MW').magnitude:.6g}",
    }


def export_csv(rows: list[dict[str, str]]) -> str:
    """Rows in Epoch's columns as CSV text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
