"""A claim from its sentence: the power, the count, the accelerator, the basis and their bounds.

Deterministic rules over the text, no network and no model: each figure is found by a regular
expression, and the reading keeps the span (character offsets and the text) it came from, so a
reader can see what was understood. The rules, in short:

- power: a number (digits, "a", "one", ... "ten", "half a") and a power unit in any spelling
  ("300 MW", "300 megawatts", "1.2GW", "10-gigawatts", "200+ megawatts"); the largest one found
  is the claim's (a sentence that names a campus and its first phase quotes the campus). With
  no number: "gigawatt-scale" or "GW-scale" is about 1 GW, "multi-gigawatt", "multiple
  gigawatt-class" or a bare "gigawatts" at least 2 GW. Energy (MWh, GWh) is never read as power.
- count: a number ("220,000", "1.3 million", "half a million", "220k") followed within five
  words by an accelerator noun (GPUs, chips, TPUs, accelerators, superchips, H100s...), or a
  compound such as "a 9,216-chip configuration"; the largest is the claim's. "4 million or 5
  million GPUs" is a range; "H100 equivalents" count. Money ("$40 billion in chips") is not a
  count, nor are the digits of a model name or a memory size ("Trainium 2", "Gaudi 3", "80GB").
- bounds: "more than", "over", "well over", "at least", "in excess of", "200+", "or more":
  at-least; "up to", "under", "less than", "as many as": at-most; "about", "roughly", "around",
  "approximately", "some", "nearly", "almost", "~": about (within `calc.claims.ABOUT`).
- accelerator: the model name inside the count's span, else the first one found (GB300, GB200,
  B200, "Blackwell", H200, H100, GH200 / Grace Hopper, MI300X, MI355X, TPU / Ironwood,
  Trillium, Trainium2, Gaudi 3, A100); with several models a note suggests --fleet. Generic
  "GPUs" or "Nvidia" is read as `GENERIC_ACCELERATOR` and the reading says so.
- basis: "critical IT", "IT load", "IT capacity", "cooling capacity": it; "utility", "grid",
  "interconnect", "substation": supply; "campus", "facility power": facility; else unspecified.
  Of several hints the one nearest the power wins, and a bare "campus" yields to the others.
"""

from __future__ import annotations

import re
from typing import Any

from calc.errors import InputError, shown
from calc.models import ParsedClaim, Scenario, SentenceCheck, Span, build
from calc.units import GW, MW, W, kW, quantity

MAX_TEXT = 4000
"""The longest sentence read, in characters (a paragraph or two)."""
GENERIC_ACCELERATOR = "h100-sxm"
"""What generic "GPUs" or "Nvidia GPUs" are read as: the most deployed AI GPU of the period."""

_NUMBER = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORDS = {
    "a": 1.0,
    "an": 1.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "half a": 0.5,
    "half-a": 0.5,
}
_WORD = r"half[- ]a|an|a|one|two|three|four|five|six|seven|eight|nine|ten"
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9}
_SCALE = r"thousand|million|billion|k\b|m\b"

_FACTORS = {"k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "": 1.0}
_POWER_UNIT = r"(?P<unit>[kMGT]W(?![h\w])|(?i:(?P<prefix>kilo|mega|giga|tera)?watts?)(?![- ]?hours?)(?!h))"
_POWER_RE = re.compile(
    rf"(?P<num>{_NUMBER}|(?i:\b(?:{_WORD})\b))\s*(?P<plus>\+|-?plus\b)?\s*[- ]?\s*{_POWER_UNIT}"
)
_POWER_WORD_RE = re.compile(
    r"(?i:\b(?P<multi>multi-?|multiple\s+)?(?:(?P<prefix>giga|mega)watts?|(?P<abbr>[GM]W)(?=[- ](?:scale|class)))"
    r"(?P<scale>[- ]scale|[- ]class)?\b)"
)
# digits that are part of a model name or a memory size, not a count: "Trainium 2", "Gaudi 3",
# "Maia 100", "TPU v5p", "80GB"; masked before counts are read, offsets kept
_MODEL_DIGITS_RE = re.compile(
    r"(?i:\b(?:trainium|trn|gaudi|inferentia|maia|mtia|tpu|cobalt|axion|graviton)\s+v?(?P<model>\d+[a-z]*)\b(?![,.]\d)"
    r"|\b(?P<memory>\d+)\s*(?:GB|TB|GiB|TiB)\b)"
)


def _masked(text: str) -> str:
    """The text with model-number and memory-size digits replaced by letters, offsets kept."""

    def mask(match: re.Match[str]) -> str:
        group = "model" if match["model"] is not None else "memory"
        start, end = match.start(group) - match.start(), match.end(group) - match.start()
        whole = match.group(0)
        return whole[:start] + "x" * (end - start) + whole[end:]

    return _MODEL_DIGITS_RE.sub(mask, text)


_NOUN = (
    r"GPUs?|chips?|accelerators?|TPUs?|superchips?|processors?|XPUs?|graphics\s+cards|"
    r"H100s|H200s|B200s|GB200s|GB300s|Blackwells|MI300Xs|Trainium2s|"
    r"(?:H100|GPU)[- ]equivalents?|H100es?"
)
_FILLER = r"(?:\(?[A-Za-z][\w'’.&/-]*\)?\s+){0,5}?"
_COUNT_RE = re.compile(
    rf"(?P<num>{_NUMBER}|(?i:\b(?:{_WORD})\b))(?:\s*(?P<scale>(?i:{_SCALE})))?"
    rf"(?:\s*(?:or|to|-|–|and)\s*(?P<num2>{_NUMBER})(?:\s*(?P<scale2>(?i:{_SCALE})))?)?"
    rf"(?P<plus>\+)?\s+{_FILLER}\(?(?i:(?P<noun>{_NOUN}))\b"
)
_COMPOUND_RE = re.compile(rf"(?P<num>{_NUMBER})-(?i:(?P<noun>chip|GPU|TPU|accelerator))\b")

_AT_LEAST = re.compile(
    r"(?i:(?:more\s+than|well\s+over|over|at\s+least|upwards\s+of|in\s+excess\s+of|exceeding|"
    r"north\s+of|greater\s+than|above|beyond|a\s+minimum\s+of)\s*)$"
)
_AT_MOST = re.compile(
    r"(?i:(?:up\s+to|under|less\s+than|fewer\s+than|below|as\s+much\s+as|as\s+many\s+as|no\s+more\s+than|"
    r"at\s+most|a\s+maximum\s+of)\s*)$"
)
_ABOUT = re.compile(
    r"(?i:(?:about|around|roughly|approximately|approx\.|some|an\s+estimated|estimated|nearly|"
    r"almost|circa|close\s+to|~)\s*)$"
)
_AFTER_AT_LEAST = re.compile(r"^(?i:\s*(?:or|and)\s+more\b)")
_SCALE_AFTER = re.compile(r"^(?i:[- ](?:scale|class)\b)")

_ACCELERATORS: tuple[tuple[str, str, str], ...] = (
    # (pattern, preset id, note when the name is not the preset's own)
    (r"GB300|Blackwell\s+Ultra|B300", "gb300", ""),
    (r"GB200|Grace\s+Blackwell", "gb200", ""),
    (r"B200", "b200", ""),
    (r"Vera\s+Rubin|Rubin", "gb300", "no Rubin preset: read as gb300, the newest NVIDIA rack"),
    (r"Blackwell", "gb200", "'Blackwell' read as gb200 (most Blackwell is shipped as GB200 NVL72)"),
    (r"GH200|Grace[- ]Hopper", "gh200", ""),
    (r"H200", "h200-sxm", ""),
    (r"H100|Hopper", "h100-sxm", ""),
    (r"A100", "a100-sxm", ""),
    (r"MI355X|MI350X?", "mi355x", ""),
    (r"MI325X", "mi325x", ""),
    (r"MI300X", "mi300x", ""),
    (r"MI4\d0", "mi355x", "no MI400-series preset: read as mi355x"),
    (r"Ironwood|TPU\s*v7|TPUv7", "tpu-v7", ""),
    (r"Trillium|TPU\s*v6e?", "tpu-v6e", ""),
    (r"TPU\s*v5p", "tpu-v5p", ""),
    (r"TPUs?", "tpu-v7", "'TPU' read as tpu-v7 (Ironwood, the current generation)"),
    (r"Trainium\s*3|Trn3", "trainium2", "no Trainium3 preset: read as trainium2"),
    (r"Trainium\s*2|Trn2|Trainium", "trainium2", ""),
    (r"Gaudi\s*3", "gaudi3", ""),
    (r"GPUs?|Nvidia|NVIDIA", GENERIC_ACCELERATOR, f"generic GPUs read as {GENERIC_ACCELERATOR}"),
)
_SPECIFIC = _ACCELERATORS[:-1]
_GENERIC = _ACCELERATORS[-1]
# one alternation of every model name finds the first one in the text in one pass; at the same
# position the earlier row of the table wins (GB300 before B300, GH200 before H200)
_ACCELERATOR_RE = re.compile(
    "|".join(rf"(?P<a{i}>(?<![\w-])(?i:{pattern})s?(?!\w))" for i, (pattern, _, _) in enumerate(_SPECIFIC))
)
_GENERIC_RE = re.compile(rf"(?<![\w-])(?i:{_GENERIC[0]})s?(?!\w)")

_BASES: tuple[tuple[str, str], ...] = (
    (r"critical[- ]IT|IT\s+load|IT\s+capacity|IT\s+power|cooling\s+capacity", "it"),
    (r"utility|grid|interconnect(?:ion)?|substation", "supply"),
    (r"campus|facility\s+power", "facility"),
)
_BASIS_RE = [(re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE), basis) for pattern, basis in _BASES]


def _number(text: str) -> float:
    word = text.lower().replace("-", " ")
    if word in _WORDS or word.replace(" ", "-") in _WORDS:
        return _WORDS.get(word, _WORDS.get(word.replace(" ", "-"), 1.0))
    return float(text.replace(",", ""))


def _bound_before(text: str, start: int) -> tuple[str, int]:
    """The bound the words just before `start` give, and where those words start."""
    before = text[max(0, start - 30) : start]
    for bound, pattern in (("at-least", _AT_LEAST), ("at-most", _AT_MOST), ("about", _ABOUT)):
        match = pattern.search(before)
        if match:
            return bound, start - (len(before) - match.start())
    return "exact", start


def _span(text: str, start: int, end: int) -> Span:
    return build(Span, start=start, end=end, text=text[start:end])


def _powers(text: str) -> list[tuple[float, str, int, int]]:
    """Every power in the text: (watts, bound, start, end)."""
    found = []
    for match in _POWER_RE.finditer(text):
        if match.start() > 0 and text[match.start() - 1] in "$€£":
            continue
        unit = match["unit"]
        prefix = (match["prefix"] or "").lower()[:1] if match["prefix"] is not None else unit[0].lower()
        if unit.lower().startswith("w"):
            prefix = ""
        watts = _number(match["num"]) * _FACTORS.get(prefix, 1.0)
        bound, start = _bound_before(text, match.start())
        if match["plus"] or _AFTER_AT_LEAST.match(text[match.end() :]):
            bound = "at-least"
        if bound == "exact" and _SCALE_AFTER.match(text[match.end() :]):
            bound = "about"  # "a gigawatt-scale cluster"
        found.append((watts, bound, start, match.end()))
    return found


def _power_words(text: str) -> list[tuple[float, str, int, int]]:
    """A power named without a number: "gigawatt-scale", "multi-gigawatt", "gigawatts of"."""
    found = []
    for match in _POWER_WORD_RE.finditer(text):
        name = match["prefix"] or match["abbr"]
        unit = 1e9 if name.lower()[0] == "g" else 1e6
        word = match.group(0).lower()
        if match["multi"]:  # "multi-gigawatt", "multiple gigawatt-class": several, so 2 or more
            found.append((2 * unit, "at-least", match.start(), match.end()))
        elif match["scale"]:
            found.append((unit, "about", match.start(), match.end()))
        elif word.endswith("s"):
            found.append((2 * unit, "at-least", match.start(), match.end()))
        else:
            found.append((unit, "about", match.start(), match.end()))
    return found


def _counts(text: str) -> list[tuple[float, float | None, str, int, int]]:
    """Every accelerator count in the text: (count, upper end of a range, bound, start, end)."""
    text = _masked(text)
    found = []
    for match in _COUNT_RE.finditer(text):
        if match.start() > 0 and text[match.start() - 1] in "$€£":
            continue
        if re.match(r"\s*(?:dollars|USD)", text[match.end("num") :], re.IGNORECASE):
            continue
        scale = _SCALES[match["scale"].lower()] if match["scale"] else 1.0
        high = None
        if match["num2"] is not None:
            scale2 = _SCALES[match["scale2"].lower()] if match["scale2"] else 1.0
            scale = scale if match["scale"] else scale2
            high = _number(match["num2"]) * scale2
        count = _number(match["num"]) * scale
        if count < 1 or count != round(count) or (high is not None and high < count):
            continue
        if re.search(r"(?i:\b(?:MW|GW|kW|megawatts?|gigawatts?)\b)", match.group(0)):
            continue
        bound, start = _bound_before(text, match.start())
        if match["plus"] or _AFTER_AT_LEAST.match(text[match.end() :]):
            bound = "at-least"
        if high is not None:
            bound = "between"
        found.append((count, high, bound, start, match.end()))
    for match in _COMPOUND_RE.finditer(text):
        bound, start = _bound_before(text, match.start())
        found.append((_number(match["num"]), None, bound, start, match.end()))
    return found


def parse_claim(text: Any) -> ParsedClaim:
    """Read a claim from a sentence: its power, count, accelerator, basis and bounds.

    Args:
        text: The sentence, as published (up to `MAX_TEXT` characters).

    Returns:
        What was understood, each figure with the span of text it came from; a figure not
        found is None (see `sentence_scenario` for the check).

    Raises:
        InputError: The text is not a string, is empty or too long.
    """
    if not isinstance(text, str):
        raise InputError(f"claim: {shown(text)} is not text; give the sentence")
    if not text.strip():
        raise InputError("claim: empty; give the sentence, e.g. 'more than 300 MW (over 220,000 GPUs)'")
    if len(text) > MAX_TEXT:
        raise InputError(f"claim: {len(text):,} characters is too long; give at most {MAX_TEXT:,}")
    notes: list[str] = []
    powers = _powers(text) or _power_words(text)
    power = max(powers, key=lambda p: p[0]) if powers else None
    counts = _counts(text)
    count = max(counts, key=lambda c: c[0]) if counts else None
    if len(powers) > 1:
        notes.append(f"{len(powers)} powers named; the largest is the claim's")
    if len(counts) > 1:
        notes.append(f"{len(counts)} counts named; the largest is the claim's")
    accelerator = None
    # a model name wins over generic words ("GPUs", "Nvidia"), which come last in the table; of
    # several model names, the one inside the count's span ("200,000 H100 chips") is the count's
    found = [m for m in _ACCELERATOR_RE.finditer(text) if m.lastgroup is not None]
    inside = [m for m in found if count is not None and count[3] <= m.start() and m.end() <= count[4]]
    named = (inside or found)[0] if found else None
    if named is not None and named.lastgroup is not None:
        _, preset, note = _SPECIFIC[int(named.lastgroup[1:])]
        accelerator = (preset, _span(text, named.start(), named.end()), note)
    elif (generic := _GENERIC_RE.search(text)) is not None:
        accelerator = (_GENERIC[1], _span(text, generic.start(), generic.end()), _GENERIC[2])
    if accelerator is not None and accelerator[2]:
        notes.append(accelerator[2])
    models = sorted({_SPECIFIC[int(m.lastgroup[1:])][1] for m in found if m.lastgroup})
    if len(models) > 1 and accelerator is not None:
        notes.append(
            f"several models named ({', '.join(models)}); the count is read as {accelerator[0]}: "
            "give --fleet ID=COUNT for each to split it"
        )
    basis = _basis(text, power)
    # built from values this function made and checked: no second validation (results are
    # built the same way in calc.claims)
    return build(
        ParsedClaim,
        text=text,
        power=None if power is None else _power_quantity(power[0]),
        power_bound="exact" if power is None else power[1],
        power_span=None if power is None else _span(text, power[2], power[3]),
        count=None if count is None else round(count[0]),
        count_high=None if count is None or count[1] is None else round(count[1]),
        count_bound="exact" if count is None else count[2],
        count_span=None if count is None else _span(text, count[3], count[4]),
        accelerator=None if accelerator is None else accelerator[0],
        accelerator_span=None if accelerator is None else accelerator[1],
        basis=None if basis is None else basis[0],
        basis_span=None if basis is None else basis[1],
        notes=tuple(notes),
    )


def _basis(text: str, power: tuple[float, str, int, int] | None) -> tuple[str, Span] | None:
    """The basis hint nearest the power read; a bare "campus" yields to an IT or supply hint."""
    hints = []
    for pattern, name in _BASIS_RE:
        for match in pattern.finditer(text):
            weak = match.group(0).lower() == "campus"
            if power is None:
                distance = match.start()
            else:
                distance = max(power[2] - match.end(), match.start() - power[3], 0)
            hints.append((weak, distance, match.start(), name, match))
    if not hints:
        return None
    _, _, _, name, match = min(hints, key=lambda hint: hint[:3])
    return name, _span(text, match.start(), match.end())


def _power_quantity(watts: float) -> Any:
    for unit, size in ((GW, 1e9), (MW, 1e6), (kW, 1e3)):
        if watts >= size:
            return quantity(watts / size, unit)
    return quantity(watts, W)


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def named_accelerator(parsed: ParsedClaim) -> str | None:
    """The accelerator the sentence names by model (None: none, or only generic "GPUs")."""
    return None if parsed.accelerator is None or _GENERIC[2] in parsed.notes else parsed.accelerator


def sentence_scenario(parsed: ParsedClaim, **inputs: Any) -> Scenario:
    """The scenario of a parsed sentence; `inputs` (as `calc.scenario` takes them) replace
    what the sentence gave.

    Raises:
        InputError: The sentence gave no power or no count, and `inputs` do not either.
    """
    from calc.inputs import scenario

    if parsed.power is None and inputs.get("power") is None:
        raise InputError(f"claim: no power found in {_excerpt(parsed.text)!r}")
    if parsed.count is None and inputs.get("gpus") is None:
        raise InputError(f"claim: no accelerator count found in {_excerpt(parsed.text)!r}")
    given: dict[str, Any] = {
        "power": parsed.power,
        "gpus": parsed.count,
        "power_bound": parsed.power_bound,
        "gpus_bound": parsed.count_bound,
        "gpus_high": parsed.count_high,
        "accelerator": parsed.accelerator or GENERIC_ACCELERATOR,
        "basis": parsed.basis,
    }
    if inputs.get("fleet") is not None or inputs.get("mix") is not None:
        given["accelerator"] = None
    if inputs.get("gpus") is not None:
        given["gpus_bound"] = given["gpus_high"] = None
    if inputs.get("power") is not None:
        given["power_bound"] = None
    given.update({k: v for k, v in inputs.items() if v is not None})
    return scenario(**given)


def check_sentence(text: Any, **inputs: Any) -> SentenceCheck:
    """Read a claim from its sentence and check it, its bounds respected.

    Args:
        text: The sentence.
        inputs: What to use instead of, or besides, what the sentence gives (the keywords of
            `calc.scenario`: accelerator, basis, method, assumptions, ...).

    Returns:
        The reading (with spans) and the claim check.

    Raises:
        InputError: The sentence names no power or no count (one line saying which).
    """
    from calc.claims import check_claim

    parsed = parse_claim(text)
    return SentenceCheck(reading=parsed, claim=check_claim(sentence_scenario(parsed, **inputs)))
