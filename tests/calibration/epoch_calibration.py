"""dcpower's power for each Epoch AI site's H100e, at the IT and facility basis, against Epoch's own.

For each dated row of the snapshot in data/epoch-frontier-data-centers with compute, dcpower
takes Epoch's H100e, counts it as the site's accelerator (COUNTED_AS, with the reason) and gives
the power of that fleet at every basis (calc.compute, default method, central case). The error
is dcpower's central over Epoch's figure, minus one.

.venv/bin/python tests/calibration/epoch_calibration.py prints the table in docs/compute.md.
"""

from __future__ import annotations

import datetime
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from calc.compute import compute  # noqa: E402
from calc.epoch import read_epoch  # noqa: E402

DATA = ROOT / "data" / "epoch-frontier-data-centers"
SNAPSHOT_2025 = datetime.date(2025, 12, 14)

# Site -> (accelerator the H100e are counted as, why). Epoch's tables give no chip per row.
COUNTED_AS = {
    "Colossus 2": ("gb200", "xAI S-1: ~110,000 GB200 in the first cluster (later GB300, same H100e per GPU)"),
    "xAI Colossus 2 Memphis Tennessee": ("gb200", "xAI S-1: ~110,000 GB200"),
    "Microsoft Fairwater Atlanta": ("gb200", "Microsoft: Fairwater runs GB200 NVL72"),
    "Microsoft Fairwater Fayetteville Georgia": ("gb200", "Microsoft: Fairwater runs GB200 NVL72"),
    "Google Pryor (North)": ("tpu-v6e", "assumed: Google TPUs; Epoch names no generation"),
    "Google New Albany Ohio": ("tpu-v6e", "assumed: Google TPUs; Epoch names no generation"),
    "Google Omaha Nebraska": ("tpu-v6e", "assumed: Google TPUs; Epoch names no generation"),
    "Anthropic-Amazon New Carlisle": (
        "trainium2",
        "AWS: ~500,000 Trainium2 in Indiana (Epoch's status text)",
    ),
    "Anthropic-Amazon Project Rainier New Carlisle Indiana": (
        "trainium2",
        "AWS: Trainium2 (Project Rainier)",
    ),
    "Amazon Canton Mississippi": ("trainium2", "assumed: Project Rainier, Trainium2"),
    "Meta Prometheus": ("gb200", "assumed: Epoch's kW per H100e here equals its GB200 sites'"),
    "Meta Prometheus New Albany Ohio": ("gb200", "assumed: as above"),
    "OpenAI-Oracle Stargate Abilene Texas": ("gb200", "Oracle/OpenAI: GB200 NVL72 at Abilene"),
    "xAI Colossus 1 Memphis Tennessee": ("h100-sxm", "xAI: H100 and H200 (a few GB200), 1 H100e each"),
}
LATER_CHIP = {("Anthropic-Amazon New Carlisle", "2028-03-17"): "trainium3"}
LEFT_OUT = {
    "Alibaba Zhangbei Zhangjiakou Hebei": "its chips are not named (Chinese accelerators dcpower has no preset for)"
}


@dataclass(frozen=True)
class Case:
    site: str
    date: str
    snapshot: str
    accelerator: str
    h100e: float
    epoch_it: float | None
    epoch_facility: float
    dcpower_it: float
    dcpower_facility: float
    epoch_method_it: float
    """dcpower's IT power under its `epoch` assumption set (TDP x 1.82, nameplate, no IT overhead)."""

    @property
    def it_error(self) -> float | None:
        return None if self.epoch_it is None else self.dcpower_it / self.epoch_it - 1

    @property
    def epoch_method_error(self) -> float | None:
        return None if self.epoch_it is None else self.epoch_method_it / self.epoch_it - 1

    @property
    def facility_error(self) -> float:
        return self.dcpower_facility / self.epoch_facility - 1


def _case(site: str, row, snapshot: str) -> Case:
    accelerator = LATER_CHIP.get((site, row.date.isoformat()), COUNTED_AS[site][0])
    result = compute(h100e=row.h100e, accelerator=accelerator)
    power = {r.basis: r.central.to("MW").magnitude for r in result.power_at}
    epoch = compute(h100e=row.h100e, accelerator=accelerator, method="epoch")
    epoch_it = next(r.central.to("MW").magnitude for r in epoch.power_at if r.basis == "it")
    return Case(
        site,
        row.date.isoformat(),
        snapshot,
        accelerator,
        row.h100e,
        row.it_power,
        row.power,
        power["it"],
        power["facility"],
        epoch_it,
    )


def cases() -> list[Case]:
    """Every compared row: the 2026-schema excerpt (IT and facility), then the 2025 snapshot's current rows."""
    found = []
    for site in read_epoch(DATA / "data_center_timelines_2026_excerpt.csv").values():
        seen = set()
        for row in site.rows:
            key = (row.power, row.h100e)
            if row.h100e > 0 and key not in seen:
                seen.add(key)
                found.append(_case(site.name, row, "2026 excerpt"))
    for site in read_epoch(DATA / "data_center_timelines.csv").values():
        if site.name in LEFT_OUT:
            continue
        rows = [row for row in site.rows if row.date <= SNAPSHOT_2025 and row.h100e > 0]
        if rows:
            found.append(_case(site.name, rows[-1], "2025-12-14"))
    return found


def errors(found: list[Case]) -> dict[str, list[float]]:
    """The errors at each basis."""
    return {
        "it": [c.it_error for c in found if c.it_error is not None],
        "it, epoch method": [c.epoch_method_error for c in found if c.epoch_method_error is not None],
        "facility": [c.facility_error for c in found],
    }


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:+.1f} %"


def markdown(found: list[Case]) -> str:
    lines = [
        "| site | row | snapshot | counted as | H100e | Epoch IT | dcpower IT | error | dcpower IT, epoch method | error | Epoch facility | dcpower facility | error |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in found:
        lines.append(
            f"| {c.site} | {c.date} | {c.snapshot} | `{c.accelerator}` | {c.h100e:,.0f} | "
            + (f"{c.epoch_it:,.0f} MW" if c.epoch_it is not None else "–")
            + f" | {c.dcpower_it:,.0f} MW | {_pct(c.it_error)} | {c.epoch_method_it:,.0f} MW | "
            f"{_pct(c.epoch_method_error)} | {c.epoch_facility:,.0f} MW | "
            f"{c.dcpower_facility:,.0f} MW | {_pct(c.facility_error)} |"
        )
    each = errors(found)
    lines.append("")
    lines.append(
        f"{len(found)} rows ({len(each['it'])} with IT power). Median absolute error: IT "
        f"{statistics.median(abs(e) for e in each['it']) * 100:.1f} % (epoch method "
        f"{statistics.median(abs(e) for e in each['it, epoch method']) * 100:.1f} %), facility "
        f"{statistics.median(abs(e) for e in each['facility']) * 100:.1f} %. Median signed error: IT "
        f"{statistics.median(each['it']) * 100:+.1f} %, facility {statistics.median(each['facility']) * 100:+.1f} %."
    )
    return "\n".join(lines)


def readme_rows(found: list[Case]) -> list[str]:
    """The README's rows for this calibration: median errors at each basis, and the misses."""
    each = errors(found)
    label = {
        "it": "IT, default set",
        "it, epoch method": "IT, `epoch` set",
        "facility": "facility, default set",
    }
    return [
        f"| Epoch AI sites' H100e → power, {label[basis]} ([docs/compute.md](docs/compute.md)) "
        f"| {len(values)} | {statistics.median(values) * 100:+.1f} % "
        f"| {statistics.median(abs(e) for e in values) * 100:.1f} % "
        f"| {sum(abs(e) <= 0.15 for e in values) / len(values) * 100:.0f} % |"
        for basis, values in each.items()
    ]


if __name__ == "__main__":
    print(markdown(cases()))
    print()
    print("\n".join(readme_rows(cases())))
