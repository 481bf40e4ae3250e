"""What-ifs side by side: two reports of the same claim question and what changed between them.

`compare` pairs the readings of two reports by basis and gives, for each, both verdicts, the
central power per accelerator, the accelerators supported and the break-even value of each
assumption, with the difference B - A. `comparison_table` renders it once for any face; the
terminal UI only shows it. `cli_command` writes the `dcpower check` command of a scenario, and
`verdict_text` the verdict line a person would paste.
"""

from __future__ import annotations

import shlex

from calc.arguments import accepts
from calc.chain import scenario_assumptions
from calc.commands import command_words
from calc.errors import CalcError
from calc.inputs import scenario_from_facility
from calc.models import BASIS_LABELS, CalcModel, Report, Scenario, Verdict
from calc.report import Table, claim_head, verdict_line, watts
from calc.units import ResultPower, W, quantity


class BreakEvenChange(CalcModel):
    """One assumption's break-even value in A and in B (None where that reading has none)."""

    assumption: str
    a: float | None
    b: float | None

    @property
    def difference(self) -> float | None:
        """B - A [-], when both have one."""
        return None if self.a is None or self.b is None else self.b - self.a


class ReadingChange(CalcModel):
    """One basis read in A and in B."""

    basis: str
    verdict_a: Verdict | None
    verdict_b: Verdict | None
    central_a: ResultPower | None
    """Central power per accelerator at this basis in A [W]."""
    central_b: ResultPower | None
    supported_a: int | None
    """Accelerators the power supports at this basis in A (central)."""
    supported_b: int | None
    break_even: tuple[BreakEvenChange, ...]

    @property
    def central_difference(self) -> ResultPower | None:
        """B - A of the central power per accelerator [W]; None if a side lacks this basis."""
        if self.central_a is None or self.central_b is None:
            return None
        return quantity(self.central_b.m_as("W") - self.central_a.m_as("W"), W)

    @property
    def supported_difference(self) -> int | None:
        """B - A of the accelerators supported."""
        return (
            None
            if self.supported_a is None or self.supported_b is None
            else self.supported_b - self.supported_a
        )


class Comparison(CalcModel):
    """Two reports, A (pinned) and B (being edited), and what differs between them."""

    name_a: str
    name_b: str
    head_a: str
    """The claim of A as read: power, count, fleet, basis, method."""
    head_b: str
    verdict_a: Verdict
    verdict_b: Verdict
    implied_a: ResultPower
    """Implied power per accelerator of A [W]."""
    implied_b: ResultPower
    readings: tuple[ReadingChange, ...]

    @property
    def verdict_changed(self) -> bool:
        return self.verdict_a != self.verdict_b


@accepts(report_a="Report", report_b="Report")
def compare(report_a: Report, report_b: Report) -> Comparison:
    """A and B side by side: verdicts, power per accelerator, supported counts, break-evens.

    Readings are paired by basis, in A's order then any basis only B reads (a basis switch
    leaves one side of a pair empty).
    """
    readings_a = {r.basis: r for r in report_a.claim.readings}
    readings_b = {r.basis: r for r in report_b.claim.readings}
    bases = [*readings_a, *(b for b in readings_b if b not in readings_a)]
    rows = []
    for basis in bases:
        a, b = readings_a.get(basis), readings_b.get(basis)
        evens_a = {e.assumption: e.value for e in a.break_even} if a else {}
        evens_b = {e.assumption: e.value for e in b.break_even} if b else {}
        names = [*evens_a, *(n for n in evens_b if n not in evens_a)]
        rows.append(
            ReadingChange(
                basis=basis,
                verdict_a=a.verdict if a else None,
                verdict_b=b.verdict if b else None,
                central_a=a.central if a else None,
                central_b=b.central if b else None,
                supported_a=a.supported_accelerators if a else None,
                supported_b=b.supported_accelerators if b else None,
                break_even=tuple(
                    BreakEvenChange(assumption=n, a=evens_a.get(n), b=evens_b.get(n)) for n in names
                ),
            )
        )
    return Comparison(
        name_a=report_a.scenario.name,
        name_b=report_b.scenario.name,
        head_a=claim_head(report_a.claim),
        head_b=claim_head(report_b.claim),
        verdict_a=report_a.claim.verdict,
        verdict_b=report_b.claim.verdict,
        implied_a=report_a.claim.implied_power_per_accelerator,
        implied_b=report_b.claim.implied_power_per_accelerator,
        readings=tuple(rows),
    )


def _signed(number: float, text: str) -> str:
    return ("+" if number > 0 else "") + text if number else "="


def comparison_table(comparison: Comparison) -> Table:
    """The comparison as one table: a row per figure, columns A, B and B - A."""
    c = comparison
    implied = c.implied_b.m_as("W") - c.implied_a.m_as("W")
    rows: list[tuple[str, str, str, str]] = [
        ("verdict", c.verdict_a.upper(), c.verdict_b.upper(), "changed" if c.verdict_changed else "="),
        ("W per GPU implied", watts(c.implied_a), watts(c.implied_b), _signed(implied, f"{implied:,.1f} W")),
    ]
    for r in c.readings:
        label = BASIS_LABELS.get(r.basis, r.basis)
        rows.append(
            (
                f"{label}: verdict",
                (r.verdict_a or "-").upper(),
                (r.verdict_b or "-").upper(),
                "=" if r.verdict_a == r.verdict_b else "changed",
            )
        )
        diff = r.central_difference
        rows.append(
            (
                f"{label}: W per GPU",
                watts(r.central_a) if r.central_a is not None else "-",
                watts(r.central_b) if r.central_b is not None else "-",
                "-" if diff is None else _signed(diff.m_as("W"), f"{diff.m_as('W'):,.1f} W"),
            )
        )
        supported = r.supported_difference
        rows.append(
            (
                f"{label}: supports",
                "-" if r.supported_a is None else f"{r.supported_a:,}",
                "-" if r.supported_b is None else f"{r.supported_b:,}",
                "-" if supported is None else _signed(supported, f"{supported:,}"),
            )
        )
        for e in r.break_even:
            d = e.difference
            rows.append(
                (
                    f"{label}: {e.assumption} even",
                    "-" if e.a is None else f"{e.a:.3f}",
                    "-" if e.b is None else f"{e.b:.3f}",
                    "-" if d is None else _signed(round(d, 3), f"{d:.3f}"),
                )
            )
    return Table("A and B:", ("", "A", "B", "B - A"), tuple(rows), "lrrr")


def verdict_text(report: Report) -> str:
    """The claim and its verdict in one line, as a person would quote it."""
    return f"{claim_head(report.claim)}. {verdict_line(report.claim)}"


def _number(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else repr(value)


def cli_command(scenario: Scenario) -> str:
    """The `dcpower check` command that checks this scenario, quoted for a POSIX shell.

    The facility (a preset id or a saved file) fills the site facts; power and how it was
    stated (--power-bound), count and how it was stated (--gpus-bound, or the range's upper end
    --gpus-high), basis, the accelerator or fleet, method and every assumption that differs from
    the method and the facility's site facts are given, so the command reads the same scenario
    (and gives the same verdict) even if the facility preset changes later.
    """
    values: list[tuple[str, object]] = [("facility", scenario.facility or None)]
    if scenario.power is not None:
        values.append(("power", f"{_number(float(scenario.power.magnitude))} {scenario.power.units:~}"))
        if scenario.power_bound != "exact":  # --power resets a facility's bound to exact
            values.append(("power_bound", scenario.power_bound))
    if scenario.accelerators is not None:
        values.append(("gpus", str(scenario.accelerators)))
        if scenario.count_bound == "between" and scenario.accelerators_high is not None:
            values.append(("gpus_high", str(scenario.accelerators_high)))
        elif scenario.count_bound != "exact":  # --gpus resets a facility's bound to exact
            values.append(("gpus_bound", scenario.count_bound))
    if scenario.basis is not None:
        values.append(("basis", scenario.basis))
    elif scenario.facility:  # a claim's own default, not the facility's basis
        values.append(("basis", "unspecified"))
    values += _fleet_values(scenario)
    values.append(("method", scenario.method))
    resolved = scenario_assumptions(scenario)
    names = dict.fromkeys(scenario.overrides)
    if scenario.site and scenario.site != _facility_site(scenario.facility):
        names = {**dict.fromkeys(scenario.site), **names}  # site facts no facility gives again
    settings = []
    for name in names:
        current = getattr(resolved, name)
        if name == "redundancy":
            text = current.label
        elif hasattr(current, "central"):
            text = f"{_number(current.low)}:{_number(current.central)}:{_number(current.high)}"
        else:
            text = _number(float(current))
        settings.append(f"{name}={text}")
    values.append(("settings", settings))
    words = command_words("check", values)  # the flags as the command spec declares them
    return shlex.join(words)


def _fleet_values(scenario: Scenario) -> list[tuple[str, object]]:
    """--accelerator (and --system) for one entry without a count, else --fleet or --mix."""
    fleet = scenario.fleet
    if len(fleet) == 1 and fleet[0].count is None and fleet[0].weight in (None, 1.0):
        return [("accelerator", fleet[0].accelerator), ("system", fleet[0].system)]
    counted = any(entry.count is not None for entry in fleet)
    pairs = []
    for entry in fleet:
        name = entry.accelerator + (f"@{entry.system}" if entry.system else "")
        if counted:
            amount = entry.count if entry.count is not None else entry.weight or 1.0
            pairs.append(f"{name}={_number(amount)}")
        else:
            pairs.append(f"{name}={_number(entry.weight or 1.0)}")
    return [("fleet" if counted else "mix", pairs)]


def _facility_site(facility: str | None) -> dict[str, object] | None:
    """The site facts `--facility` fills in again; None when there is no facility."""
    if not facility:
        return None

    try:
        return scenario_from_facility(facility).site
    except CalcError:  # a facility file gone since: give the site facts themselves
        return None
