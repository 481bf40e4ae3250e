"""The calibration suite's arithmetic: each public pair of power and count against dcpower.

For each pair of `pairs.toml`: the implied power per accelerator, dcpower's central at the
pair's basis (with the pair's system and method), the error of the central against the
measurement, the verdict, and the verdict with the count x 1.5 (which should be implausible).
"""

from __future__ import annotations

import statistics
import tomllib
from dataclasses import dataclass
from pathlib import Path

import calc

PAIRS = Path(__file__).with_name("pairs.toml")
WITHIN = 0.15
"""The central should fall within this share of the measurement."""


@dataclass(frozen=True)
class Row:
    """One pair, checked."""

    name: str
    fleet: str
    basis: str
    method: str
    kind: str
    url: str
    verified: bool
    """Power, count and edition each found in a stored public source (pairs.toml `note`)."""
    implied: float
    """Power / count. [W]"""
    central: float
    """dcpower's central at the pair's basis. [W]"""
    verdict: str
    inflated: str
    """The verdict with the count x 1.5."""

    @property
    def error(self) -> float:
        """(central - implied) / implied."""
        return self.central / self.implied - 1.0


def pairs() -> list[dict[str, object]]:
    """The pairs of the data file."""
    return tomllib.loads(PAIRS.read_text(encoding="utf-8"))["pair"]


def rows() -> list[Row]:
    """Every pair, checked."""
    checked = []
    for pair in pairs():
        fleet = {str(pair["fleet"]): int(pair["count"])}  # type: ignore[call-overload]
        inputs = {"basis": pair["basis"], "method": pair["method"]}
        result = calc.check_claim(pair["power"], fleet=fleet, **inputs)
        inflated = calc.check_claim(
            pair["power"], gpus=round(int(pair["count"]) * 1.5), fleet=fleet, **inputs
        )  # type: ignore[call-overload]
        checked.append(
            Row(
                name=str(pair["name"]),
                fleet=str(pair["fleet"]),
                basis=str(pair["basis"]),
                method=str(pair["method"]),
                kind=str(pair["kind"]),
                url=str(pair.get("url", "")),
                verified=bool(pair["verified"]),
                implied=result.implied_power_per_accelerator.m_as("W"),
                central=result.readings[0].central.m_as("W"),
                verdict=result.verdict,
                inflated=inflated.verdict,
            )
        )
    return checked


@dataclass(frozen=True)
class Summary:
    """The suite's figures against its targets."""

    pairs: int
    verified: int
    """Pairs whose figures were each found in a stored public source."""
    implausible: int
    """Pairs judged implausible (the target is none)."""
    not_implausible: float
    within: float
    median_error: float
    inflated_implausible: float


def summary(checked: list[Row]) -> Summary:
    """Shares of the pairs that meet each target."""
    n = len(checked)
    return Summary(
        pairs=n,
        verified=sum(r.verified for r in checked),
        implausible=sum(r.verdict == "implausible" for r in checked),
        not_implausible=sum(r.verdict != "implausible" for r in checked) / n,
        within=sum(abs(r.error) <= WITHIN for r in checked) / n,
        median_error=statistics.median(abs(r.error) for r in checked),
        inflated_implausible=sum(r.inflated == "implausible" for r in checked) / n,
    )


def readme_row(checked: list[Row]) -> str:
    """The README's row for this calibration: the pairs' median and absolute errors."""
    errors = [r.error for r in checked]
    return (
        f"| public power–count pairs (TOP500 runs, announced sites), at the stated basis "
        f"([docs/calibration.md](docs/calibration.md)) | {len(errors)} | "
        f"{statistics.median(errors) * 100:+.1f} % | {summary(checked).median_error * 100:.1f} % | "
        f"{summary(checked).within * 100:.0f} % |"
    )


def markdown(checked: list[Row]) -> str:
    """The table and its summary, as docs/calibration.md shows them."""
    lines = [
        "| pair | checked | system (fleet) | basis | method | implied | dcpower central | error | verdict | count x1.5 |",
        "|---|---|---|---|---|---:|---:|---:|---|---|",
    ]
    for r in checked:
        name = f"[{r.name}]({r.url})" if r.url else r.name
        lines.append(
            f"| {name} | {'yes' if r.verified else 'not all'} | `{r.fleet}` | {r.basis} | {r.method} | {r.implied:,.1f} W | {r.central:,.1f} W "
            f"| {r.error * 100:+.1f} % | {r.verdict} | {r.inflated} |"
        )
    s = summary(checked)
    lines += [
        "",
        f"{s.pairs} pairs, {s.verified} of them checked against a stored public source (power, count "
        f"and, for a TOP500 run, the list edition); the other {s.pairs - s.verified} keep figures that no "
        "stored source confirmed, each named in the pair's note in tests/calibration/pairs.toml. "
        f"Not implausible: {s.not_implausible:.0%} (target 100 %). Central within ±15 %: {s.within:.0%} "
        f"(target ≥ 90 %). Median absolute error: {s.median_error:.1%} (target < 7 %). Count x1.5 judged "
        f"implausible: {s.inflated_implausible:.0%} (target ≥ 80 %). Implausible: {s.implausible}.",
    ]
    return "\n".join(lines)
