"""The ledger of announced deals (presets/claims/): each claim answered as it was stated.

- a power and a count: the claim check, its bounds respected (`calc.check_claim`);
- a power alone: what it supports per accelerator type, at the facility basis (or the
  claim's own basis), central case, whole systems: the figures of `dcpower capacity`;
- a count alone: the facility power it needs, central case (`calc.required_power`);
- money alone: what it buys via capex (`calc.capex`), accelerators and their facility power;
- power in orbit: what it takes there (`calc.orbital`).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from calc.errors import CalcError, InputError
from calc.models import Basis, LedgerClaim, LedgerReport, LedgerResult, Scenario, Support
from calc.presets import describe_validation_error, list_presets, load_preset
from calc.units import format_power, parse_power

SUPPORT_TYPES: tuple[str, ...] = ("h100-sxm", "gb200", "gb300", "mi355x", "tpu-v7", "trainium2")
"""The accelerator types a power alone is answered for (the claim's own first, when named)."""


def load_claim(claim_id: str) -> LedgerClaim:
    """One ledger entry by id (bundled in presets/claims/, or a user preset).

    Raises:
        PresetError: Unknown id, or a file that does not validate.
    """
    claim: LedgerClaim = load_preset("claims", claim_id)
    return claim


def _inputs(claim: LedgerClaim) -> dict[str, Any]:
    inputs: dict[str, Any] = {"basis": claim.basis}
    if claim.fleet:
        inputs["fleet"] = claim.fleet
    else:
        inputs["accelerator"] = claim.accelerator or "h100-sxm"
    return inputs


def _basis(claim: LedgerClaim) -> Basis:
    return "facility" if claim.basis == "unspecified" else claim.basis


def _bound(word: str) -> str:
    return {"at-least": "at least ", "at-most": "up to ", "about": "about "}.get(word, "")


def answer_claim(claim: LedgerClaim) -> LedgerResult:
    """One ledger claim answered (see the module docstring).

    Raises:
        CalcError: The claim cannot be answered: an unknown accelerator, or an answer beyond
            what dcpower holds (a count of 10^12 needs more than 1 PW).
    """
    try:
        return _answer(claim)
    except ValidationError as error:  # an answer out of its model's range
        raise InputError(f"{claim.id}: {describe_validation_error(error)}") from None


def _answer(claim: LedgerClaim) -> LedgerResult:
    from calc.capacity import capacity, required_power
    from calc.claims import check_claim
    from calc.energy import capex, format_money
    from calc.inputs import scenario
    from calc.orbital import orbital

    common: dict[str, Any] = {
        "id": claim.id,
        "name": claim.name,
        "date": claim.date,
        "url": claim.url,
        "quote": claim.quote,
    }
    notes = (claim.notes,) if claim.notes else ()
    inputs = _inputs(claim)
    if claim.orbital and claim.power is not None:
        result = orbital(claim.power, accelerator=claim.accelerator)
        answer = (
            f"{format_power(claim.power)} in orbit: {result.solar_array_area:.3g~P} of arrays, "
            f"{result.radiator_area:.3g~P} of radiators, {result.total_mass.m_as('t'):,.0f} t, "
            f"{result.launches:,} launches"
        )
        return LedgerResult(
            **common,
            kind="orbital",
            answer=answer,
            orbital=result,
            accelerators=result.accelerators,
            notes=notes,
        )
    if claim.power is not None and (claim.count is not None or claim.fleet):
        built = scenario(
            claim.power,
            gpus=claim.count,
            power_bound=claim.power_bound,
            gpus_bound=claim.count_bound,
            gpus_high=claim.count_high,
            **inputs,
        )
        checked = check_claim(built)
        answer = checked.summary.split("; read as", 1)[0]
        return LedgerResult(
            **common,
            kind="power and count",
            verdict=checked.verdict,
            answer=answer,
            claim=checked,
            notes=notes,
        )
    if claim.power is not None:
        basis = _basis(claim)
        types = tuple(dict.fromkeys((*([claim.accelerator] if claim.accelerator else []), *SUPPORT_TYPES)))
        supports = tuple(
            Support(
                accelerator=kind,
                accelerators=capacity(claim.power, accelerator=kind, basis=basis).accelerators,
                basis=basis,
            )
            for kind in types
        )
        first = supports[0]
        answer = (
            f"{_bound(claim.power_bound)}{format_power(claim.power)} at the {basis} basis supports "
            f"{first.accelerators:,} {first.accelerator} (central), or "
            + ", ".join(f"{s.accelerators:,} {s.accelerator}" for s in supports[1:4])
        )
        return LedgerResult(**common, kind="power", answer=answer, supports=supports, notes=notes)
    if claim.count is not None:
        needed = required_power(gpus=claim.count, **{k: v for k, v in inputs.items() if k != "basis"})
        facility = next(c for c in needed.power if c.basis == "facility")
        answer = (
            f"{_bound(claim.count_bound)}{claim.count:,} {claim.accelerator or 'accelerators'} need "
            f"{format_power(facility.central)} of facility power (central; "
            f"{format_power(facility.low)}–{format_power(facility.high)})"
        )
        return LedgerResult(
            **common, kind="count", answer=answer, required_power=facility.central, notes=notes
        )
    bought = capex(claim.budget, accelerator=claim.accelerator or "gb200")
    answer = (
        f"{format_money(claim.budget)} buys {bought.accelerators:,} {claim.accelerator or 'gb200'} with their "
        f"facility share: {format_power(bought.facility_power)} of facility power (central)"
    )
    return LedgerResult(
        **common, kind="money", answer=answer, capex=bought, accelerators=bought.accelerators, notes=notes
    )


def claim_scenario(claim: str | LedgerClaim, result: LedgerResult | None = None) -> Scenario:
    """A ledger claim as a scenario to explore, its bounds kept.

    A claim with a power and a count (or a fleet) is the scenario it is checked as. A claim
    that states only one figure gets the other from its answer, central case, and its notes
    say so: a power alone, the count it supports of its first accelerator type; a count alone,
    the facility power it needs; money, what it buys and their facility power; a power in
    orbit, what the same power supports on the ground.

    Args:
        claim: A ledger id, or the claim.
        result: Its answer (`answer_claim`), when already computed.

    Raises:
        PresetError: Unknown id.
        CalcError: The claim cannot be answered (an unknown accelerator in a user preset).
    """
    from calc.capacity import capacity
    from calc.energy import format_money
    from calc.inputs import scenario

    stated = load_claim(claim) if isinstance(claim, str) else claim
    inputs = _inputs(stated)
    power, count = stated.power, stated.count
    bounds: dict[str, Any] = {"power_bound": stated.power_bound, "gpus_bound": stated.count_bound}
    filled = ""
    if power is not None and (count is not None or stated.fleet):
        bounds["gpus_high"] = stated.count_high
    else:
        answered = result if result is not None else answer_claim(stated)
        if answered.answer.startswith("error: "):  # a result of check_ledger that failed
            raise InputError(answered.answer.removeprefix("error: "))
        if answered.kind in ("power", "orbital"):
            basis = _basis(stated)
            if answered.supports:
                count = answered.supports[0].accelerators
            else:  # in orbit: the same power on the ground
                count = capacity(power, accelerator=inputs.get("accelerator"), basis=basis).accelerators
            inputs["basis"] = basis
            bounds["gpus_bound"] = "exact"
            filled = (
                f"The count is what the power supports at the {basis} basis (central): the claim states none."
            )
        elif answered.kind == "count" and answered.required_power is not None:
            power = parse_power(format_power(answered.required_power))  # as shown: "411.4 MW"
            inputs["basis"], bounds["power_bound"] = "facility", "exact"
            filled = (
                "The power is what the count needs at the facility basis (central): the claim states none."
            )
        else:  # money
            bought = answered.capex
            power, count = parse_power(format_power(bought.facility_power)), bought.accelerators
            inputs, bounds = {"basis": "facility", "accelerator": stated.accelerator or "gb200"}, {}
            filled = (
                f"Power and count are what {format_money(stated.budget)} buys, with their facility "
                "power (central): the claim states only money."
            )
    built = scenario(power, gpus=count, name=stated.name, **inputs, **bounds)
    notes = " ".join(n for n in (filled, f"Quote ({stated.date}): {stated.quote}", stated.notes) if n)
    return Scenario.model_validate(
        {**dict(built), "id": stated.id, "sources": stated.sources, "notes": notes}
    )


def check_ledger(ids: tuple[str, ...] | None = None) -> LedgerReport:
    """The ledger's claims answered: the ids given, or every claim by date.

    A claim that cannot be answered (a user preset naming an unknown accelerator, say) is
    answered with its error, and the others go on.

    Raises:
        PresetError: An id that is not in the ledger.
    """
    chosen = [load_claim(i) for i in ids] if ids else [load_claim(i) for i in list_presets("claims")]
    if not ids:
        chosen.sort(key=lambda c: (c.date, c.id))
    results = []
    for claim in chosen:
        try:
            results.append(answer_claim(claim))
        except CalcError as error:
            results.append(
                LedgerResult(
                    id=claim.id,
                    name=claim.name,
                    date=claim.date,
                    url=claim.url,
                    quote=claim.quote,
                    kind="power" if claim.power is not None else "count",
                    answer=f"error: {error}",
                )
            )
    return LedgerReport(claims=tuple(results))
