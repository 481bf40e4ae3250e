"""The ledger of announced deals (presets/claims/): each claim answered as it was stated.

- a power and a count: the claim check, its bounds respected (`calc.check_claim`);
- a power alone: what it supports per accelerator type, at the facility basis (or the
  claim's own basis), central case, whole systems: the figures of `dcpower capacity`;
- a count alone: the facility power it needs, central case (`calc.required_power`);
- money alone: what it buys via capex (`calc.capex`), accelerators and their facility power;
- power in orbit: what it takes there (`calc.orbital`).

A claim that states one figure is answered, not judged: its answer and its scenario say which
figure dcpower derived (`LedgerResult.derived`, `Scenario.derived`), and no verdict is given.
A sentence with one figure is answered the same way (`answer_sentence`).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from calc.arguments import accepts, optional, texts
from calc.capacity import capacity, required_power
from calc.claims import check_claim, derived_note
from calc.energy import capex, format_money
from calc.errors import CalcError, InputError
from calc.inputs import scenario
from calc.models import (
    Basis,
    LedgerClaim,
    LedgerReport,
    LedgerResult,
    ParsedClaim,
    Scenario,
    SentenceCheck,
    Support,
)
from calc.orbital import orbital
from calc.presets import catalog, describe_validation_error, list_presets, load_preset
from calc.sentences import GENERIC_ACCELERATOR, check_sentence, parse_claim, sentence_scenario
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


ORBITAL_NOTE = "power in orbit: answered with what it takes there and what it supports on the ground"


def _note(derived: tuple[str, ...]) -> str:
    return derived_note(derived)


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
    common: dict[str, Any] = {
        "id": claim.id,
        "name": claim.name,
        "date": claim.date,
        "url": claim.url,
        "tier": claim.tier,
        "quote": claim.quote,
        "override": catalog().override_note("claims", claim.id) or "",
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
            answer=f"{ORBITAL_NOTE}: {answer}",
            derived=("count",),
            derived_note=ORBITAL_NOTE,
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
        note = _note(("count",))
        return LedgerResult(
            **common,
            kind="power",
            answer=f"{note}: {answer}",
            supports=supports,
            derived=("count",),
            derived_note=note,
            notes=notes,
        )
    if claim.count is not None:
        needed = required_power(gpus=claim.count, **{k: v for k, v in inputs.items() if k != "basis"})
        facility = next(c for c in needed.power if c.basis == "facility")
        answer = (
            f"{_bound(claim.count_bound)}{claim.count:,} {claim.accelerator or 'accelerators'} need "
            f"{format_power(facility.central)} of facility power (central; "
            f"{format_power(facility.low)}–{format_power(facility.high)})"
        )
        note = _note(("power",))
        return LedgerResult(
            **common,
            kind="count",
            answer=f"{note}: {answer}",
            required_power=facility.central,
            derived=("power",),
            derived_note=note,
            notes=notes,
        )
    bought = capex(claim.budget, accelerator=claim.accelerator or "gb200")
    answer = (
        f"{format_money(claim.budget)} buys {bought.accelerators:,} {claim.accelerator or 'gb200'} with their "
        f"facility share: {format_power(bought.facility_power)} of facility power (central)"
    )
    note = "money only: the count and the power are what this budget buys"
    return LedgerResult(
        **common,
        kind="money",
        answer=f"{note}: {answer}",
        capex=bought,
        accelerators=bought.accelerators,
        derived=("count", "power"),
        derived_note=note,
        notes=notes,
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

    stated = load_claim(claim) if isinstance(claim, str) else claim
    inputs = _inputs(stated)
    power, count = stated.power, stated.count
    bounds: dict[str, Any] = {"power_bound": stated.power_bound, "gpus_bound": stated.count_bound}
    filled = ""
    derived: tuple[str, ...] = ()
    if power is not None and (count is not None or stated.fleet):
        bounds["gpus_high"] = stated.count_high
    else:
        answered = result if result is not None else answer_claim(stated)
        if answered.error:  # a result of check_ledger that failed
            raise InputError(answered.error)
        if answered.kind in ("power", "orbital"):
            basis = _basis(stated)
            if answered.supports:
                count = answered.supports[0].accelerators
            else:  # in orbit: the same power on the ground
                count = capacity(power, accelerator=inputs.get("accelerator"), basis=basis).accelerators
            inputs["basis"] = basis
            bounds["gpus_bound"] = "exact"
            derived = ("count",)
            filled = (
                f"The count is what the power supports at the {basis} basis (central): the claim states none."
            )
        elif answered.kind == "count" and answered.required_power is not None:
            power = parse_power(format_power(answered.required_power))  # as shown: "411.4 MW"
            inputs["basis"], bounds["power_bound"] = "facility", "exact"
            derived = ("power",)
            filled = (
                "The power is what the count needs at the facility basis (central): the claim states none."
            )
        else:  # money
            bought = answered.capex
            power, count = parse_power(format_power(bought.facility_power)), bought.accelerators
            inputs, bounds = {"basis": "facility", "accelerator": stated.accelerator or "gb200"}, {}
            derived = ("count", "power")
            filled = (
                f"Power and count are what {format_money(stated.budget)} buys, with their facility "
                "power (central): the claim states only money."
            )
    built = scenario(power, gpus=count, name=stated.name, **inputs, **bounds)
    notes = " ".join(n for n in (filled, f"Quote ({stated.date}): {stated.quote}", stated.notes) if n)
    return Scenario.model_validate(
        {**dict(built), "id": stated.id, "sources": stated.sources, "notes": notes, "derived": derived}
    )


def answered_scenario(parsed: ParsedClaim, **inputs: Any) -> Scenario:
    """The scenario of a sentence read (`calc.parse_claim`), answered when it states one figure.

    A sentence with a power and a count is `calc.sentences.sentence_scenario`. One with a power alone
    gets the count it supports at its basis (facility when it names none), central case, whole
    systems; one with a count alone gets the facility power it needs, central case. Either is
    marked derived (`Scenario.derived`), so that its check is shown as an answer, not a verdict.
    `inputs` (as `calc.scenario` takes them) replace what the sentence gave, as for
    `sentence_scenario`.

    Raises:
        InputError: The sentence gives neither a power nor a count (the reader's own message),
            or its power supports no whole system of its accelerator.
    """

    has_power = parsed.power is not None or inputs.get("power") is not None
    has_count = parsed.count is not None or inputs.get("gpus") is not None
    if has_power == has_count:  # both (a claim to judge), or neither (the reader's error)
        return sentence_scenario(parsed, **inputs)
    kinds = {
        k: inputs[k] for k in ("accelerator", "system", "fleet", "mix") if inputs.get(k) is not None
    } or {"accelerator": parsed.accelerator or GENERIC_ACCELERATOR}
    chain = {k: inputs[k] for k in ("method", "assumptions") if inputs.get(k) is not None}
    if has_power:
        power = inputs.get("power") or parsed.power
        basis = inputs.get("basis") or parsed.basis
        basis = "facility" if basis in (None, "unspecified") else basis
        supported = capacity(power, basis=basis, **chain, **kinds).accelerators
        if supported < 1:
            raise InputError(
                f"claim: no accelerator count found in {_excerpt(parsed.text)!r}, and "
                f"{format_power(parse_power(power, allow_apparent=True))} supports no whole system to answer with"
            )
        built = sentence_scenario(parsed, **{**inputs, "gpus": supported, "basis": basis})
        return Scenario.model_validate({**dict(built), "derived": ("count",)})
    count = inputs.get("gpus") or parsed.count
    needed = required_power(gpus=count, **chain, **kinds)
    facility = next(c for c in needed.power if c.basis == "facility")
    power = parse_power(format_power(facility.central))  # as shown: "411.4 MW"
    built = sentence_scenario(parsed, **{**inputs, "power": power, "basis": "facility"})
    return Scenario.model_validate({**dict(built), "derived": ("power",)})


def answer_sentence(text: Any, **inputs: Any) -> SentenceCheck:
    """Read a claim from its sentence: checked when it states a power and a count
    (`calc.check_sentence`), answered when it states one of them (`answered_scenario`).

    Raises:
        InputError: The sentence names neither a power nor a count.
    """

    parsed = parse_claim(text)
    has_power = parsed.power is not None or inputs.get("power") is not None
    has_count = parsed.count is not None or inputs.get("gpus") is not None
    if has_power == has_count:
        return check_sentence(text, **inputs)
    return SentenceCheck(reading=parsed, claim=check_claim(answered_scenario(parsed, **inputs)))


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


@accepts(ids=optional(texts))
def check_ledger(ids: str | tuple[str, ...] | None = None) -> LedgerReport:
    """The ledger's claims answered: the ids given (one id, or several), or every claim by date.

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
                    error=str(error),
                    override=catalog().override_note("claims", claim.id) or "",
                )
            )
    return LedgerReport(claims=tuple(results))
