"""A claim from its sentence: the power, the count, the accelerator, the basis and their bounds.

Deterministic rules over the text, no network and no model, in two stages, each linear in the
length of the text (no regular expression that can backtrack; `scan` counts its steps):

1. `scan`, a hand-written scanner, cuts the text into numbers, words and punctuation. Numbers
   come in every grouping: "220,000", "12 500" (also with a no-break or thin space),
   "200.000" (read as 200,000 before a count noun), Indian "1,00,000", decimals, powers of ten
   ("10^3", "10³", "1e3"), glued scales ("220k") and decimal commas ("1,2 GW"). `_figures` then
   reads the number phrases
   ("half a million", "1.2 million", "a dozen", "tens of thousands": 20,000 at least, "several
   hundred thousand": 200,000 at least), the unit after them (power W … GW, energy Wh … GWh,
   apparent power VA … GVA) or the accelerator, system or rack noun within a few words
   ("GPUs", "graphics processing units", "H100s", "four DGX H100 systems": 4 × 8, "1,400
   NVL72 racks": 1,400 × 72, one "GB200 NVL72": 72; the per-system count comes from the
   system preset; "3,456 nodes, each with 4 GPUs", "1,200 servers with 8 GPUs each" and
   "3,456 four-GPU nodes" multiply out), the bound words before and after, and the phase words
   in its clause
   ("first phase", "initial", "at launch": a phase; "scalable to", "expandable", "eventually",
   "additional": an expansion). Years ("by 2027"), model numbers ("Trainium 2"), memory sizes
   ("80GB"), money and percentages are not counts; energy is never power. A power range is at
   most its top ("2 to 5 GW", "from 2 GW to 5 GW"), an estimated one about its low end
   ("approximately 10 to 12 kW"), "between 1 and 1.5 MW" at least its low end. Portuguese,
   Spanish, Italian, Turkish, German and French nouns, scales, bounds and expansion cues are
   read as the English ones ("9216 çip", "più di 10 mila GPU", "escalável para 90 MW").
2. `_pair` ranks the candidate (power, count) pairs: a per-unit figure ("140 kW per rack", "72
   chips each", "each rack holds 72 GPUs") never pairs with fleet figures, an expansion yields
   to the figure it expands ("50 MW at launch, scalable to 90 MW": 50 MW; "an additional 290
   MW" after 230 MW: 230 MW, with 520 MW as the alternative), a count that scales to another
   is a range ("500,000 … scaling to 1 million"), a power in parentheses yields to one outside
   them ("7 GW (with plans to hit 10 GW)"), and of the rest the pair in one clause and
   nearest together wins (with no count, the largest power). Every other pair the sentence
   supports is kept as an alternative with why, and is checked on its own.

Other rules: with no numeric power, "gigawatt-scale" or "GW-scale" is about 1 GW,
"multi-gigawatt" or a bare "gigawatts" at least 2 GW. Bounds: "more than", "over", "at least",
"200+", "or more": at-least; "up to", "under", "as many as": at-most; "about", "roughly",
"nearly", "~": about. Accelerator: the model named with the count, else the first model named;
generic "GPUs" or "Nvidia" is `GENERIC_ACCELERATOR`, "AMD GPUs" `GENERIC_AMD`, each with a
note. Basis: "critical IT", "IT load": it; "utility", "grid", "substation": supply; "campus":
facility (the hint nearest the power wins; a bare "campus" yields). A text longer than
`MAX_TEXT`, or a figure too large for a count or a power, is refused in one line.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from calc.claims import check_claim
from calc.errors import InputError, shown
from calc.inputs import scenario
from calc.models import (
    AlternativeCheck,
    ParsedClaim,
    ReadingAlternative,
    Scenario,
    SentenceCheck,
    Span,
    build,
)
from calc.presets import load_system, systems_holding
from calc.units import GW, MAX_COUNT, MAX_POWER_WATTS, MW, W, kW, quantity, ureg

MAX_TEXT = 4000
"""The longest sentence read, in characters (a paragraph or two)."""
GENERIC_ACCELERATOR = "h100-sxm"
"""What generic "GPUs" or "Nvidia GPUs" are read as: the most deployed AI GPU of the period."""
GENERIC_AMD = "mi355x"
"""What "AMD GPUs" with no model are read as: AMD's current Instinct part."""
MAX_ALTERNATIVES = 4
"""The most alternative readings kept for one sentence."""

_GROUP_SEPARATORS = ",. \u00a0\u2009\u202f"
_SPACES = " \u00a0\u2009\u202f"
_SUPERSCRIPTS = {c: i for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


@dataclass(slots=True)
class Token:
    """One token of the text: a number ("num"), a word ("word", lower case) or a punctuation mark."""

    kind: str
    text: str
    start: int
    end: int
    value: float = 0.0
    """A number's value (inf when it is too large for a float)."""
    dotted: float | None = None
    """The value of "200.000" read as thousands grouping (it is 200.0 as a decimal)."""
    plain: bool = False
    """A number of digits only, no grouping, no decimals (a year can only be such)."""
    glued: bool = False
    """No space before this token ("300MW", "220k")."""


def scan(text: str) -> tuple[list[Token], int]:
    """The tokens of `text` and the scanner's step count (each step consumes a character).

    Every character is looked at a bounded number of times, so the steps are at most a
    small multiple of `len(text)` whatever the text holds.
    """
    tokens: list[Token] = []
    n = len(text)
    i = 0
    steps = 0
    while i < n:
        steps += 1
        c = text[i]
        if c.isspace():
            i += 1
            continue
        glued = i > 0 and not text[i - 1].isspace()
        if "0" <= c <= "9":
            i, token, used = _number_token(text, i)
            steps += used
            token.glued = glued
            tokens.append(token)
        elif c.isalnum():
            j = i + 1
            # a word runs on through combining marks: the vowel signs of Devanagari and Telugu
            while j < n and (text[j].isalnum() or _mark(text[j])) and text[j] not in _SUPERSCRIPTS:
                j += 1
            steps += j - i
            tokens.append(Token("word", text[i:j].lower(), i, j, glued=glued))
            i = j
        else:
            tokens.append(Token("punct", c, i, i + 1, glued=glued))
            i += 1
    return tokens, steps


def _mark(c: str) -> bool:
    """A combining mark (Unicode category M*), which is part of the word it follows."""
    return unicodedata.category(c)[0] == "M"


def _digits(text: str, i: int) -> int:
    n = len(text)
    while i < n and "0" <= text[i] <= "9":
        i += 1
    return i


def _number_token(text: str, i: int) -> tuple[int, Token, int]:
    """The number starting at `i`: (end, token, steps)."""
    n = len(text)
    start = i
    j = _digits(text, i)
    head = text[i:j]
    groups: list[str] = []
    separator = ""
    # thousands groups: the same separator each time, then three digits and no fourth
    while j + 1 < n and text[j] in _GROUP_SEPARATORS and "0" <= text[j + 1] <= "9":
        sep = text[j]
        if separator and sep != separator and not (sep in _SPACES and separator in _SPACES):
            break
        k = _digits(text, j + 1)
        size = k - j - 1
        indian = sep == "," and size == 2 and k < n and text[k] == "," and len(head) <= 2
        if size != 3 and not indian:
            break
        if sep in _SPACES + "." and (len(head) > 3 or (k < n and text[k] == "," and sep != ",")):
            break
        groups.append(text[j + 1 : k])
        separator = sep
        j = k
    if groups and separator == "," and len(groups[-1]) != 3:
        # "1,00,00" is not Indian grouping: keep the groups that end in three digits
        while groups and len(groups[-1]) != 3:
            groups.pop()
        j = start + len(head) + sum(len(g) + 1 for g in groups)
    if separator in _SPACES and groups and len(head) > 3:
        groups, j = [], start + len(head)
    digits = head + "".join(groups)
    dotted = None
    fraction = ""
    if separator == "." and len(groups) == 1:
        # "200.000": a decimal or thousands; the pairing decides (a count noun: thousands)
        fraction, dotted, digits = groups[0], float(head + groups[0]), head
    elif j + 1 < n and text[j] == "." and "0" <= text[j + 1] <= "9" and separator != ".":
        k = _digits(text, j + 1)
        fraction = text[j + 1 : k]
        j = k
    elif not groups and j + 1 < n and text[j] == "," and "0" <= text[j + 1] <= "9":
        # a decimal comma, as most of Europe writes it: "1,2 GW", "2,5 millones"; one or two
        # digits and no more groups after them ("1,2,3" is a list)
        k = _digits(text, j + 1)
        listed = k + 1 < n and text[k] in ",." and "0" <= text[k + 1] <= "9"
        if k - j - 1 <= 2 and not listed and len(digits) <= 3:  # "2024,50 MW": a year, then 50
            fraction = text[j + 1 : k]
            j = k
    value = _float(digits, fraction)
    exponent = None
    if j + 1 < n and text[j] == "^" and "0" <= text[j + 1] <= "9":
        k = _digits(text, j + 1)
        exponent, j = text[j + 1 : k], k
    elif j < n and text[j] in _SUPERSCRIPTS:
        k = j
        while k < n and text[k] in _SUPERSCRIPTS:
            k += 1
        exponent, j = "".join(str(_SUPERSCRIPTS[ch]) for ch in text[j:k]), k
    elif (
        j + 1 < n
        and text[j] in "eE"
        # ASCII digits only: "³".isdigit() is true, and "0e³" is no power of ten
        and ("0" <= text[j + 1] <= "9" or (text[j + 1] in "+-" and "0" <= text[j + 2 : j + 3] <= "9"))
    ):
        k = _digits(text, j + 2)
        if k >= n or not text[k].isalpha():
            sign = -1 if text[j + 1] == "-" else 1
            power = int(text[j + 1 : k].lstrip("+-")) * sign
            value = value * 10.0**power if -300 < power < 300 else (math.inf if power > 0 else 0.0)
            j = k
    if exponent is not None:
        power = int(exponent) if len(exponent) < 5 else 10**5
        # "10^3" is 10 to the 3rd; "2^10" is 2 to the 10th
        value = value**power if power < 300 and value < 1e6 else math.inf
        value = value if math.isfinite(value) and value < 1e300 else math.inf
    plain = not groups and not fraction and exponent is None
    token = Token("num", text[start:j], start, j, value, dotted, plain)
    return j, token, j - start


def _float(digits: str, fraction: str) -> float:
    if len(digits) > 300:
        return math.inf
    return float(f"{digits}.{fraction}" if fraction else digits)


# --------------------------------------------------------------------------------- words

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    # one to ten in Hindi and in Telugu, as Indian reporting writes them before a unit
    "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाँच": 5, "छह": 6, "सात": 7, "आठ": 8,
    "नौ": 9, "दस": 10,
    "ఒక": 1, "ఒకటి": 1, "రెండు": 2, "మూడు": 3, "నాలుగు": 4, "ఐదు": 5, "ఆరు": 6, "ఏడు": 7,
    "ఎనిమిది": 8, "తొమ్మిది": 9, "పది": 10,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    # the same scales in the other languages reporting uses: "1 milione di TPU", "2 millones"
    "milione": 1e6, "milioni": 1e6, "millón": 1e6, "millones": 1e6, "millions": 1e6, "mille": 1e3, "mila": 1e3,
    "mil": 1e3, "milhão": 1e6, "milhões": 1e6, "bin": 1e3, "milyon": 1e6, "millionen": 1e6, "tausend": 1e3,
}  # fmt: skip
_ENGLISH_SCALES = {"hundred", "thousand", "million", "billion", "trillion"}
"""The scales "a" or "an" may open ("a million GPUs"; "a bin" is not a thousand)."""
_QUARTERS = {"quarter", "quarters"}
_ONE = {"un", "um", "uma", "una", "bir", "ein", "eine"}
"""One before a scale in the other languages: "un milione di GPU", "bir milyon çip"."""
_GLUED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}
_VAGUE = {"several": 2, "few": 2, "some": 2, "multiple": 2, "many": 2}
_PLURAL_SCALES = {"tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "dozens": 12}

_POWER_UNITS = {
    "w": 1.0, "watt": 1.0, "watts": 1.0, "kw": 1e3, "kilowatt": 1e3, "kilowatts": 1e3,
    "mw": 1e6, "megawatt": 1e6, "megawatts": 1e6, "gw": 1e9, "gigawatt": 1e9, "gigawatts": 1e9,
    "tw": 1e12, "terawatt": 1e12, "terawatts": 1e12,
    # plural abbreviations and electric megawatts: "300 MWs", "a 300 MWe plant"
    "kws": 1e3, "mws": 1e6, "gws": 1e9, "mwe": 1e6, "gwe": 1e9,
    # the units in Hindi and in Telugu (with the plural and oblique endings)
    "मेगावाट": 1e6, "मेगावॉट": 1e6, "गीगावाट": 1e9, "गीगावॉट": 1e9, "गिगावाट": 1e9,
    "మెగావాట్": 1e6, "మెగావాట్లు": 1e6, "మెగావాట్ల": 1e6, "మెగావాట్స్": 1e6,
    "గిగావాట్": 1e9, "గిగావాట్లు": 1e9, "గిగావాట్ల": 1e9, "గిగావాట్స్": 1e9,
}  # fmt: skip
_ENERGY_UNITS = {"wh", "kwh", "mwh", "gwh", "twh"}
_HOURS = {"hour", "hours", "hr", "hrs", "h"}
_VA_UNITS = {"va": 1.0, "kva": 1e3, "mva": 1e6, "gva": 1e9}
_VOLT_AMPERES = {"kilovolt": 1e3, "megavolt": 1e6, "gigavolt": 1e9}

_NOUNS = {
    "gpu", "gpus", "chip", "chips", "accelerator", "accelerators", "tpu", "tpus", "superchip",
    "superchips", "xpu", "xpus", "processors", "gpuequivalents", "h100e", "h100es", "cards",
    "semiconductors", "apu", "apus",
    # the same nouns in the other languages reporting uses: "9216 çip", "1.328 acceleratori"
    "acceleratori", "aceleradores", "accélérateurs", "beschleuniger", "puces", "çip", "çipi", "çipler",
    "hızlandırıcı", "hızlandırıcılar", "grafikprozessoren", "grafikkarten", "grafikchips",
}  # fmt: skip
_SYSTEM_NOUNS = {
    "system",
    "systems",
    "server",
    "servers",
    "rack",
    "racks",
    "node",
    "nodes",
    "ultraservers",
    "ultraserver",
}
_RACK_NOUNS = {
    "rack",
    "racks",
    "server",
    "servers",
    "node",
    "nodes",
    "system",
    "systems",
    "pod",
    "pods",
    "cabinet",
    "cabinets",
}

# CPU names: a chip noun after one of these (and no accelerator model) counts CPUs
_CPU_WORDS = {"cpu", "cpus", "grace", "epyc", "xeon", "graviton", "cobalt", "axion", "arm"}
# model words (one token) and the preset they name; a plural "s" is also accepted
_MODELS = {
    "gb300": "gb300", "b300": "gb300", "gb200": "gb200", "b200": "b200", "gh200": "gh200",
    "h200": "h200-sxm", "h100": "h100-sxm", "hopper": "h100-sxm", "a100": "a100-sxm",
    "mi355x": "mi355x", "mi350x": "mi355x", "mi350": "mi355x", "mi325x": "mi325x", "mi300x": "mi300x",
    "mi450": "mi450", "mi450x": "mi450", "mi455x": "mi450", "mi400": "mi450", "ironwood": "tpu-v7",
    "tpuv7": "tpu-v7", "trillium": "tpu-v6e", "tpuv6e": "tpu-v6e", "tpuv5p": "tpu-v5p",
    "trainium2": "trainium2", "trn2": "trainium2", "trainium3": "trainium3", "trn3": "trainium3",
    "gaudi3": "gaudi3", "rubin": "rubin", "vr200": "rubin", "blackwell": "gb200", "tpu": "tpu-v7",
    "trainium": "trainium2", "h100e": "h100-sxm",
    # the bundled presets of earlier supercomputers: "44,544 MI300A APUs", "37,888 MI250X GPUs"
    "mi300a": "mi300a", "mi250x": "mi250x", "mi250": "mi250x", "v100": "v100-sxm2",
}  # fmt: skip
_MODEL_NOTES = {
    "blackwell": "'Blackwell' read as gb200 (most Blackwell is shipped as GB200 NVL72)",
    "tpu": "'TPU' read as tpu-v7 (Ironwood, the current generation)",
}
# two-word models: (first, second) -> preset
_MODEL_PAIRS = {
    ("blackwell", "ultra"): "gb300", ("grace", "blackwell"): "gb200", ("grace", "hopper"): "gh200",
    ("vera", "rubin"): "rubin", ("rubin", "ultra"): "rubin-ultra", ("tpu", "v7"): "tpu-v7",
    ("tpu", "v6e"): "tpu-v6e", ("tpu", "v6"): "tpu-v6e", ("tpu", "v5p"): "tpu-v5p",
    ("trainium", "2"): "trainium2", ("trainium", "3"): "trainium3", ("gaudi", "3"): "gaudi3",
    ("trn", "2"): "trainium2", ("trn", "3"): "trainium3", ("ponte", "vecchio"): "max-1550", ("max", "1550"): "max-1550",
}  # fmt: skip
# words whose following number is a model number or a name, not a count
_NAME_WORDS = {
    "trainium", "trn", "gaudi", "inferentia", "maia", "mtia", "tpu", "cobalt", "axion", "graviton",
    "colossus", "phase", "stage", "mi", "v", "gen", "generation", "nvl", "tier", "unit", "building",
    "no", "number", "grok", "gpt", "claude", "gemini", "llama", "top", "version", "series", "model",
}  # fmt: skip
# system words: the system preset they name (the model beside them can change it)
_SYSTEMS = {
    "nvl72": "gb200-nvl72", "nvl144": "vera-rubin-nvl144", "nvl576": "rubin-ultra-nvl576",
    "helios": "helios-mi450", "ultraserver": "trn3-ultraserver", "ultraservers": "trn3-ultraserver",
    "dgx": "dgx-h100", "hgx": "hgx-h100-server",
}  # fmt: skip
_SYSTEM_BY_MODEL = {
    ("nvl72", "gb300"): "gb300-nvl72", ("dgx", "h200-sxm"): "dgx-h200", ("dgx", "b200"): "dgx-b200",
    ("dgx", "gb300"): "dgx-b300", ("dgx", "a100-sxm"): "dgx-a100", ("hgx", "h200-sxm"): "hgx-h200-server",
    ("ultraserver", "trainium2"): "trn2-server",
}  # fmt: skip

_STOP = {
    "for", "with", "to", "in", "at", "by", "from", "per", "on", "is", "are", "was", "were", "will",
    "would", "can", "could", "that", "which", "than", "has", "have", "had", "be", "been", "into",
    "across", "over", "under", "each", "every", "within", "and", "or", "but", "the", "this", "its",
    "their", "as", "while", "including", "plus", "up", "about",
}  # fmt: skip

_AT_LEAST = (
    ("more", "than"), ("well", "over"), ("over",), ("at", "least"), ("upwards", "of"), ("in", "excess", "of"),
    ("exceeding",), ("north", "of"), ("greater", "than"), ("above",), ("beyond",), ("a", "minimum", "of"),
    ("minimum", "of"), ("upward", "of"), ("topping",), ("surpassing",), ("past",),
    # in the other languages reporting uses
    ("más", "de"), ("mais", "de"), ("più", "di"), ("oltre",), ("mehr", "als"), ("über",), ("plus", "de"),
    ("en", "az"), ("al", "menos"), ("pelo", "menos"), ("almeno",), ("mindestens",), ("au", "moins"),
)  # fmt: skip
_AT_MOST = (
    ("up", "to"), ("under",), ("less", "than"), ("fewer", "than"), ("below",), ("as", "much", "as"),
    ("as", "many", "as"), ("no", "more", "than"), ("at", "most"), ("a", "maximum", "of"), ("maximum", "of"),
    ("até",), ("hasta",), ("fino", "a"), ("fino", "ad"), ("bis", "zu"), ("jusqu", "’", "à"), ("jusqu", "'", "à"),
)  # fmt: skip
_ABOUT = (
    ("about",), ("around",), ("roughly",), ("approximately",), ("approx",), ("some",), ("an", "estimated"),
    ("estimated",), ("nearly",), ("almost",), ("circa",), ("close", "to"), ("~",), ("approx", "."),
    ("cerca", "de"), ("alrededor", "de"), ("aproximadamente",), ("etwa",), ("rund",), ("environ",),
    ("près", "de"), ("yaklaşık",), ("quase",), ("casi",), ("quasi",),
)  # fmt: skip
_BOUNDS_AFTER = {
    "üzerinde": "at-least", "üstünde": "at-least", "fazla": "at-least", "aşkın": "at-least",
    "kadar": "at-most", "civarında": "about",
}  # fmt: skip
"""Bounds written after the figure, as Turkish writes them: "100 kW’ın üzerinde" is over 100 kW."""
_BOUNDS = tuple(
    sorted(
        [(p, "at-least") for p in _AT_LEAST]
        + [(p, "at-most") for p in _AT_MOST]
        + [(p, "about") for p in _ABOUT],
        key=lambda item: -len(item[0]),
    )
)

_EXPANSION = {
    "scalable", "scaling", "scale", "scales", "expandable", "expand", "expanding", "expansion", "eventually",
    "ultimately", "future", "later", "additional", "another", "further", "ambition", "ambitions", "potential",
    "potentially", "grow", "growing", "rising", "rise", "extra", "then", "next", "subsequent", "increase",
    # the same cues in Spanish reporting
    "añadiendo", "posteriormente", "adicionales", "adicional", "ampliación", "ampliar", "expandir",
    # and in Portuguese, Italian and Turkish: "50 MW ..., escalável para 90 MW"
    "escalável", "escalable", "expansível", "ampliável", "ampliable", "adicionais", "scalabile",
    "espandibile", "aggiuntivi", "aggiuntiva", "ulteriori", "genişletilebilir",
    # and in German and French: "erweiterbar auf 90 MW", "extensible à 90 MW"
    "erweiterbar", "ausbaubar", "zusätzliche", "zusätzlichen", "später", "extensible", "évolutif",
    "supplémentaires", "ultérieurement",
}  # fmt: skip
_CONTAINER = {"within", "inside"}
"""A power named as what holds the claim's site: "a 1 GW cluster within the 5 GW campus"."""
_TOTALLING = {"totaling", "totalling", "totals", "totaled", "totalled"}
_HYPHENS = {"-", "‑", "‐"}
_SCALING = {
    "expects",
    "expected",
    "reach",
    "reaching",
    "scaling",
    "scale",
    "expand",
    "expanding",
    "grow",
    "growing",
    "rising",
    "rise",
    "increase",
    "increasing",
    "eventually",
    "ramp",
    "ramping",
}
_ADDITIVE = {"additional", "another", "extra", "further", "añadiendo", "adicionales", "adicional"}
_PHASE = {"first", "initial", "initially", "launch", "phase", "start", "starting", "stage"}
_CLAUSE_ENDS = {";", ".", "!", "?", "\n", "—"}
_HOLD_VERBS = {"contain", "hold", "house", "host", "pack", "fit", "carry"}
"""Verbs after a modal in a relative clause: "a system, which can contain up to 144 chips"."""
_DETERMINERS = {"the", "its", "their", "our", "his", "her", "these", "those"}
"""The words that may open the noun phrase of a partitive count: "60,000 of the latest chips"."""
_HOLDS = {
    "has",
    "have",
    "features",
    "featuring",
    "with",
    "of",
    "holds",
    "housing",
    "holding",
    "containing",
    "packs",
    "houses",
    "contains",
    "hosting",
    "hosts",
}


@dataclass(slots=True)
class Figure:
    """A power or a count found in the text, with its cues."""

    kind: str  # "power", "energy", "count"
    value: float
    start: int  # character offsets of its span (bound words included)
    end: int
    first: int  # token indexes of the number and of the figure's last token
    last: int
    bound: str = "exact"
    high: float | None = None
    apparent: bool = False
    per_unit: bool = False
    expansion: bool = False
    additive: bool = False
    phase: bool = False
    clause: int = 0
    model: str | None = None
    system: str | None = None
    total: bool = False
    container: bool = False
    aside: bool = False
    """Inside parentheses: a power there yields to one outside them."""
    range_low: float | None = None
    """The lower end of a power range read as at most its top ("2 to 5 GW")."""
    """A total stated after its parts ("totaling about 100,000"): it wins over them."""
    note: str = ""
    notes: list[str] = field(default_factory=list)


def _word(tokens: list[Token], i: int) -> str:
    return tokens[i].text if 0 <= i < len(tokens) and tokens[i].kind != "num" else ""


def _number_phrase(tokens: list[Token], i: int) -> tuple[float, int, str, bool] | None:
    """The number phrase starting at token `i`: (value, index after it, bound, vague)."""
    t = tokens[i]
    w = _word(tokens, i)
    nxt = _word(tokens, i + 1)
    if t.kind == "num":
        value, j = t.value, i + 1
        if (
            j < len(tokens)
            and tokens[j].glued
            and tokens[j].text in _GLUED_SCALES
            and tokens[j].kind == "word"
        ):
            return value * _GLUED_SCALES[tokens[j].text], j + 1, "exact", False
        if (
            j + 1 < len(tokens)
            and tokens[j].text in _HYPHENS
            and _word(tokens, j + 1) in _ENGLISH_SCALES - {"hundred"}
        ):
            return value * _SCALES[_word(tokens, j + 1)], j + 2, "exact", False  # "the 1-million-GPU cluster"
        if (_word(tokens, j) in _SCALES and _word(tokens, j) != "hundred") or (_word(tokens, j) == "hundred"):
            value *= _SCALES[_word(tokens, j)]
            j += 1
            if _word(tokens, j) in ("thousand", "million", "billion"):
                value *= _SCALES[_word(tokens, j)]
                j += 1
            if _word(tokens, j) == "di" or _word(tokens, j) == "de":
                j += 1  # "1 milione di TPU"
        return value, j, "exact", False
    q = i + 1 + (nxt in _HYPHENS)
    if w in ("a", "one", "three") and _word(tokens, q) in _QUARTERS:
        # "a quarter of a million GPUs" (was a million), "three-quarters of a million"
        j = q + 1
        j += _word(tokens, j) == "of"
        j += _word(tokens, j) in ("a", "an")
        scale = _word(tokens, j)
        share = 0.75 if w == "three" else 0.25
        if scale in _ENGLISH_SCALES - {"hundred"}:
            return share * _SCALES[scale], j + 1, "exact", False
        return share, j, "exact", False  # "a quarter of a gigawatt"
    if w == "half" and nxt in _HYPHENS:
        # "half-a-million GPUs"; "a half-gigawatt campus" (was read as a gigawatt)
        k = i + 2 + (_word(tokens, i + 2) in ("a", "an"))
        k += _word(tokens, k) in _HYPHENS
        if _word(tokens, k) in _ENGLISH_SCALES - {"hundred"}:
            return 0.5 * _SCALES[_word(tokens, k)], k + 1, "exact", False
        return 0.5, i + 1, "exact", False
    if w == "half" and nxt in ("a", "an"):
        scale = _word(tokens, i + 2)
        if scale in _SCALES:
            return 0.5 * _SCALES[scale], i + 3, "exact", False
        return 0.5, i + 2, "exact", False  # "half a gigawatt"
    if w in ("a", "an", "one") and nxt == "dozen":
        return 12, i + 2, "exact", False
    if (w in ("a", "an") and nxt in _ENGLISH_SCALES) or (w in _ONE and nxt in _SCALES):
        value, j = _SCALES[nxt], i + 2
        if _word(tokens, j) in ("thousand", "million"):
            value *= _SCALES[_word(tokens, j)]
            j += 1
        return value, j, "exact", False
    if w in ("a", "an"):
        return 1.0, i + 1, "exact", False  # only before a unit: "a gigawatt"
    if w in _PLURAL_SCALES and nxt in ('"', "”", "’") and _word(tokens, i + 2) == "of":
        return 2 * _PLURAL_SCALES[w], i + 3, "at-least", True
    if w in _PLURAL_SCALES and nxt == "of":
        after = _word(tokens, i + 2)
        if after in ("thousands", "millions"):
            # "tens of thousands": 20,000 at least; "hundreds of thousands": 200,000
            return 2 * _PLURAL_SCALES[w] * _PLURAL_SCALES[after], i + 3, "at-least", True
        return 2 * _PLURAL_SCALES[w], i + 2, "at-least", True
    if w in _VAGUE or (w == "a" and nxt == "few"):
        j = i + (2 if w == "a" else 1)
        value = 2.0
        if _word(tokens, j) == "hundred":
            value, j = 200.0, j + 1
        if _word(tokens, j) in ("thousand", "million"):
            value *= _SCALES[_word(tokens, j)]
            return value, j + 1, "at-least", True
        if value == 200.0:
            return value, j, "at-least", True
        return None
    if w in _UNITS:
        value, j = float(_UNITS[w]), i + 1
        if j + 1 < len(tokens) and tokens[j].text == "-" and _word(tokens, j + 1) in _UNITS and value >= 20:
            value += _UNITS[_word(tokens, j + 1)]
            j += 2
        if _word(tokens, j) == "hundred":
            value, j = value * 100, j + 1
        if _word(tokens, j) in ("thousand", "million", "billion"):
            value, j = value * _SCALES[_word(tokens, j)], j + 1
        return value, j, "exact", False
    return None


def _bound_before(tokens: list[Token], i: int) -> tuple[str, int]:
    """The bound the words before token `i` give, and the token they start at."""
    for phrase, bound in _BOUNDS:
        k = len(phrase)
        if i - k < 0:
            continue
        if all(tokens[i - k + m].text == phrase[m] for m in range(k)):
            return bound, i - k
    return "exact", i


def _clause_cues(tokens: list[Token], i: int, words: set[str], reach: int = 7) -> set[str]:
    found = set()
    for k in range(i - 1, max(-1, i - reach - 1), -1):
        t = tokens[k]
        if t.text in _CLAUSE_ENDS or (t.kind == "num"):
            break
        if t.text in words:
            found.add(t.text)
    return found


def _figures(text: str, tokens: list[Token]) -> list[Figure]:
    """Every power, energy and count figure in the tokens."""
    figures: list[Figure] = []
    clause = 0
    clauses = []
    depth = 0
    asides = []  # inside parentheses: "7 GW capacity (with plans to hit 10 GW)"
    for t in tokens:
        clauses.append(clause)
        if t.text in _CLAUSE_ENDS:
            clause += 1
        depth = max(0, depth + (t.text == "(") - (t.text == ")"))
        asides.append(depth > 0)
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        start_word = t.kind == "word"
        phrase = _number_phrase(tokens, i)
        if phrase is None:
            i += 1
            continue
        value, j, bound, vague = phrase
        if i > 0 and tokens[i - 1].text in "$€£¥":
            i = j
            continue
        prev = _word(tokens, i - 1)
        figure = _unit_figure(tokens, i, j, value)
        if (
            figure is None
            and j + 1 < n
            and (tokens[j].text in ("to", "-", "–") or (tokens[j].text == "and" and prev == "between"))
            and (top := _number_phrase(tokens, j + 1)) is not None
            and not top[3]
        ):
            # a range of power, in the unit after its upper end: "2 to 5 gigawatts" is at most
            # the top, as "up to 5 gigawatts" is; an estimate ("approximately 10 to 12 kW") is
            # about its lower end, "between 1 and 1.5 MW" at least its lower end
            upper = _unit_figure(tokens, j + 1, top[1], top[0])
            if upper is not None and upper.kind == "power" and top[0] > value:
                figure = upper
                figure.first = i
                low = upper.value * value / top[0]
                if prev == "between":
                    figure.value, figure.bound = low, "at-least"
                elif _bound_before(tokens, i)[0] != "exact":
                    figure.value = low
                else:
                    figure.bound, figure.range_low = "at-most", low
        if (
            figure is None
            and t.kind == "num"
            and (prev in _NAME_WORDS or (prev, t.text) in _MODEL_PAIRS)
            and not tokens[i - 1].text == "phase"
        ) or (figure is None and t.kind == "num" and tokens[i - 1 : i] and tokens[i - 1].text == "phase"):
            i = j
            continue
        if figure is None:
            figure = _count_figure(text, tokens, i, j, value, start_word)
        year = t.kind == "num" and t.plain and 1990 <= t.value <= 2039
        if figure is None and t.kind == "num" and not year:
            figure = _implied_power(tokens, i, j, value, figures, clauses)
        if (
            figure is None
            and t.kind == "num"
            and not year
            and (j >= n or tokens[j].text in (",", ";", ".", ")") or _yearly(tokens, j))
        ):
            # "advanced Nvidia chips, as many as 500,000, according to ...": the noun before;
            # "20 percent of the chips, or about 100,000 per year": the same, restated
            lead = _bound_before(tokens, i)[1]
            if lead >= 2 and _word(tokens, lead - 1) == "or" and tokens[lead - 2].text == ",":
                lead -= 1
            if lead >= 2 and tokens[lead - 1].text in (",", "(", "—") and _word(tokens, lead - 2) in _NOUNS:
                figure = Figure("count", value, 0, tokens[j - 1].end, i, j - 1)
        lead = _bound_before(tokens, i)[1]
        if figure is None and (
            (_word(tokens, lead - 1) == "to" and _word(tokens, lead - 2) in _SCALING | {"up"})
            or _word(tokens, lead - 1) in _SCALING
            or _word(tokens, lead - 1) in _TOTALLING
            or (_word(tokens, lead - 1) in ("of", "to") and _word(tokens, lead - 2) == "total")
        ):
            # "500,000 GPUs ... scaling to 1 million": the count's upper end, its noun implied;
            # "... bringing the total to 260,000": the sum of the counts before it
            following = _word(tokens, j) if j < n and tokens[j].kind == "word" else ""
            if (
                any(f.kind == "count" for f in figures)
                and not _unit_figure(tokens, i, j, value)
                and (not following or following in _STOP | {"by", "next", "this", "in", "within"})
                and value == round(value)
            ):
                total = _word(tokens, lead - 1) in _TOTALLING or _word(tokens, lead - 2) == "total"
                figure = Figure(
                    "count", value, 0, tokens[j - 1].end, i, j - 1, expansion=not total, total=total
                )
        if figure is None:
            i = j if t.kind == "num" else i + 1
            continue
        if not vague:
            bound, first = _bound_before(tokens, i)
        else:
            first = i
        after = figure.last + 1
        if (_word(tokens, after) in ("or", "and") and _word(tokens, after + 1) == "more") or (
            after < n and tokens[after].text == "+"
        ):
            bound = "at-least"
        postposition = after
        if after + 1 < n and tokens[after].text in ("’", "'") and tokens[after + 1].kind == "word":
            postposition += 2  # a Turkish case ending: "100 kW’ın üzerinde"
        if bound == "exact" and _word(tokens, postposition) in _BOUNDS_AFTER:
            bound = _BOUNDS_AFTER[_word(tokens, postposition)]
        if (
            figure.kind == "power"
            and _word(tokens, after) == "-"
            and _word(tokens, after + 1) in ("scale", "class")
        ):
            bound = "about" if bound == "exact" else bound  # "a 1 GW-class site"; not "H100-class GPUs"
        if _word(tokens, after) == "plus" or (
            _word(tokens, after) in _HYPHENS and _word(tokens, after + 1) == "plus"
        ):
            bound = "at-least"  # "100MW-plus"
        if j < n and (
            tokens[j].text == "+" or (tokens[j].text in _HYPHENS and _word(tokens, j + 1) == "plus")
        ):
            bound = "at-least"  # "100k+ GPUs", "100,000-plus GPUs", "200-plus megawatts"
        restated = figures[-1] if figures and _word(tokens, first - 1) == "or" else None
        if (
            bound == "exact"
            and restated is not None
            and restated.last == first - 2
            and restated.kind == figure.kind
        ):
            # "about 1,400 servers or 100,000 chips": the restatement keeps the bound
            bound = restated.bound if restated.bound != "between" else bound
        if tokens[figure.first + 1 : figure.first + 2] and tokens[figure.first + 1].text == "+":
            bound = "at-least"
        if (bound == "exact" and figure.bound != "exact") or figure.high is not None:
            bound = figure.bound
        figure.bound = bound
        figure.start = tokens[first].start
        figure.clause = clauses[i]
        figure.aside = asides[i]
        cues = _clause_cues(tokens, first, _EXPANSION | _PHASE | {"by"})
        figure.expansion = figure.expansion or bool(cues & _EXPANSION)
        figure.additive = bool(cues & _ADDITIVE)
        figure.phase = bool(cues & _PHASE)
        figure.container = bool(_clause_cues(tokens, first, _CONTAINER, reach=3))
        figure.per_unit = figure.per_unit or _per_unit(tokens, first, figure)
        if figure.kind == "count" and (
            _word(tokens, first - 1) in _TOTALLING
            or (_word(tokens, first - 1) == "of" and _word(tokens, first - 2) == "total")
        ):
            figure.total = True
        if figure.kind == "count" and figure.per_unit:
            _multiply_out(text, tokens, first, figure)
        figures.append(figure)
        i = max(figure.last + 1, i + 1)
    return _power_ranges(tokens, figures)


def _power_ranges(tokens: list[Token], figures: list[Figure]) -> list[Figure]:
    """ "from 2 GW to 5 GW": one power, at most its top (the lower end kept); "between 1 MW and
    1.5 MW": at least its lower end, as the same ranges with one unit are read."""
    merged: list[Figure] = []
    for f in figures:
        low = merged[-1] if merged else None
        if not (
            low is not None
            and f.kind == low.kind == "power"
            and f.first == low.last + 2
            and f.value > low.value
            and low.bound == f.bound == "exact"
            and low.apparent == f.apparent
            and not (low.per_unit or f.per_unit)
        ):
            merged.append(f)
            continue
        link = tokens[low.last + 1].text
        if link == "and" and _word(tokens, low.first - 1) == "between":
            low.bound, low.end, low.last = "at-least", f.end, f.last
        elif link in ("to", "–", "-"):
            f.bound, f.range_low, f.start, f.first = "at-most", low.value, low.start, low.first
            f.clause = low.clause
            merged[-1] = f
        else:
            merged.append(f)
    return merged


_NEEDED = {
    "needed",
    "required",
    "planned",
    "expected",
    "available",
    "total",
    "promised",
    "requested",
    "sought",
}


def _implied_power(
    tokens: list[Token], i: int, j: int, value: float, figures: list[Figure], clauses: list[int]
) -> Figure | None:
    """ "30 megawatts ... out of the 170 needed": the whole, in the unit of the part before it."""
    h = i - 1 - (_word(tokens, i - 1) == "the")
    part = figures[-1] if figures else None
    if _word(tokens, h) != "of" or _word(tokens, h - 1) != "out" or part is None or part.kind != "power":
        return None
    scale = _POWER_UNITS.get(tokens[part.last].text)
    after = tokens[j] if j < len(tokens) else None
    if scale is None or clauses[part.first] != clauses[i]:
        return None
    if after is not None and after.kind != "punct" and after.text not in _NEEDED:
        return None  # "out of the 2 buildings" is no power
    return Figure("power", value * scale, 0, tokens[j - 1].end, i, j - 1)


def _yearly(tokens: list[Token], j: int) -> bool:
    """ "per year", "a year", "each year", "annually" at token `j`."""
    return _word(tokens, j) == "annually" or (
        _word(tokens, j) in ("per", "a", "each", "every") and _word(tokens, j + 1) == "year"
    )


def _unit_figure(tokens: list[Token], i: int, j: int, value: float) -> Figure | None:
    """A power, energy or apparent power whose number ends before token `j`."""
    k = j
    n = len(tokens)
    if k < n and tokens[k].text == "+":
        k += 1
    if _word(tokens, k) == "plus" or (k < n and tokens[k].text == "-" and _word(tokens, k + 1) == "plus"):
        k += 1 if _word(tokens, k) == "plus" else 2
    if k < n and tokens[k].text == "-":
        k += 1
    unit = _word(tokens, k)
    if not unit:
        return None
    if unit in _ENERGY_UNITS:
        return Figure("energy", value, 0, tokens[k].end, i, k)
    if unit in _POWER_UNITS:
        if tokens[k].text == "m" or (unit == "w" and not tokens[k].glued and False):
            return None
        h = k + 1
        if h < n and tokens[h].text == "-":
            h += 1
        if (_word(tokens, h) in _HOURS and (tokens[h].glued or h == k + 1)) or (
            unit in ("mw", "gw", "kw") and _word(tokens, h) in ("hour", "hours")
        ):
            return Figure("energy", value, 0, tokens[h].end, i, h)
        if _word(tokens, k + 1) in ("less", "more", "lower", "higher", "fewer"):
            return Figure("difference", value, 0, tokens[k].end, i, k)  # "consumes 9 MW less"
        watts = value * _POWER_UNITS[unit]
        if not watts > 0:
            return None
        return Figure("power", watts, 0, tokens[k].end, i, k)
    if unit in _VA_UNITS:
        return Figure("power", value * _VA_UNITS[unit], 0, tokens[k].end, i, k, apparent=True)
    if (
        unit in _VOLT_AMPERES
        and k + 2 < n
        and tokens[k + 1].text == "-"
        and _word(tokens, k + 2) in ("amperes", "ampere", "amps")
    ):
        return Figure("power", value * _VOLT_AMPERES[unit], 0, tokens[k + 2].end, i, k + 2, apparent=True)
    return None


def _model_at(tokens: list[Token], k: int) -> tuple[str, str, int] | None:
    """The model named at token `k`: (preset, the word read, its last token)."""
    w = _word(tokens, k)
    if not w:
        return None
    nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
    if k + 2 < len(tokens) and nxt == "-" and (w, tokens[k + 2].text) in _MODEL_PAIRS:
        return _MODEL_PAIRS[(w, tokens[k + 2].text)], w, k + 2
    if (w, nxt) in _MODEL_PAIRS:
        return _MODEL_PAIRS[(w, nxt)], w, k + 1
    bare = w[:-1] if w.endswith("s") and w[:-1] in _MODELS else w
    if bare in _MODELS:
        return _MODELS[bare], bare, k
    return None


def _count_figure(
    text: str, tokens: list[Token], i: int, j: int, value: float, start_word: bool
) -> Figure | None:
    """A count whose number phrase is tokens i..j-1: the noun within a few words after it."""
    n = len(tokens)
    t = tokens[i]
    k = j
    if k < n and tokens[k].text == "+":
        k += 1
    if k + 1 < n and tokens[k].text in _HYPHENS and _word(tokens, k + 1) == "plus":
        k += 2  # "100,000-plus GPUs"
    nxt = _word(tokens, k)
    if nxt in ("gb", "tb", "gib", "tib", "percent", "dollars", "usd", "euros", "years", "months", "%") or (
        k < n and tokens[k].text in "%$"
    ):
        return None
    # "16,000 or more GPUs", "100,000 or so GPUs", "the 100,000-odd GPUs"
    stated = "exact"
    if nxt == "or" and _word(tokens, k + 1) in ("more", "so"):
        stated, k = ("at-least" if _word(tokens, k + 1) == "more" else "about"), k + 2
    elif nxt in _HYPHENS and _word(tokens, k + 1) == "odd":
        stated, k = "about", k + 2
    nxt = _word(tokens, k)
    # a range: "4 million or 5 million GPUs", "4 million to 5 million", "between 4,000 and 5,000"
    high = None
    if (
        nxt in ("or", "to")
        or (k < n and tokens[k].text in ("-", "–"))
        or (nxt == "and" and _word(tokens, i - 1) == "between")
    ):
        second = (
            _number_phrase(tokens, k + 1)
            if k + 1 < n and (tokens[k + 1].kind == "num" or _word(tokens, k + 1) in _UNITS)
            else None
        )
        if second is not None:
            high, k2 = second[0], second[1]
            if k2 == k + 2 and j > i + 1 and tokens[j - 1].kind == "word" and tokens[j - 1].text in _SCALES:
                high *= _SCALES[tokens[j - 1].text]  # "4 to 5 million": scale shared
            elif j == i + 1 and k2 > k + 2 and tokens[k2 - 1].text in _SCALES:
                value *= _SCALES[tokens[k2 - 1].text]
            k = k2
    single = t.kind == "word" and value == 1.0 and _word(tokens, i) in ("a", "an")
    # the noun within a few words
    model = None
    system = None
    noun_end = None
    noun = ""
    m = k
    seen = 0
    compound = ""
    # a partitive reaches further: "60,000 of Nvidia's most advanced artificial intelligence (AI) chips"
    partitive = _word(tokens, k) == "of"
    while m < n and seen < (12 if partitive else 7):
        tok = tokens[m]
        w = tok.text
        if partitive and m == k + 1 and w in _DETERMINERS:
            m += 1  # "1 million of the company's chips", "of its GPUs"
            seen += 1
            continue
        if (tok.kind == "num" or w in _UNITS) and _compound(tokens, m):
            if _word(tokens, m + 2) in _NOUNS and _word(tokens, m + 3) in _RACK_NOUNS:
                # "3,456 four-GPU nodes": 3,456 × 4 GPUs
                per = tok.value if tok.kind == "num" else _UNITS[w]
                compound = f"{text[tokens[i].start : tokens[m + 3].end]!r} read as {value:,.0f} × {per:,.0f}"
                value, high = value * per, None if high is None else high * per
                noun_end, noun = m + 3, "accelerator"
                break
            m += 3  # "50 two-socket nodes"
            seen += 1
            continue
        if m > k and w in _UNITS:
            break  # "each one featuring four GPUs": "four" starts the next figure
        if tok.kind == "num" and _word(tokens, m - 1) in _NAME_WORDS and m > k:
            m += 1  # "Maia 100": a model number inside the noun phrase
            seen += 1
            continue
        if tok.kind == "num":
            break
        found = _model_at(tokens, m)
        if found is not None and w in _NOUNS and found[2] == m:
            model, noun_end, noun = model or found[0], m, "accelerator"  # "TPUs"
            break
        if found is not None:
            model = model or found[0]
            m = found[2] + 1
            seen += 1
            if (
                _word(tokens, m) in _NOUNS
                or _word(tokens, m) in _SYSTEM_NOUNS
                or _word(tokens, m) in _SYSTEMS
            ):
                continue
            if _word(tokens, m) in _HYPHENS and _word(tokens, m + 1) in ("class", "based", "powered"):
                m += 2  # "100,000 H100-class GPUs"
                continue
            if found[1] not in ("tpu", "blackwell", "hopper", "trainium") and w.endswith("s"):
                noun_end, noun = m - 1, "model"
                break
            if _word(tokens, m) in ("and", "or") or (m < n and tokens[m].text == "/"):
                m += 1
                continue
            if (
                (m >= n or tokens[m].kind != "word" or _word(tokens, m) in _STOP)
                and found[1] not in ("tpu", "trainium", "blackwell", "hopper")
            ) or (found[1] == "tpu"):
                noun_end, noun = m - 1, "model"
                break
            continue
        if w in _SYSTEMS:
            system = w
            m += 1
            seen += 1
            if not (
                _word(tokens, m) in _SYSTEM_NOUNS or _word(tokens, m) in _RACK_NOUNS or _model_at(tokens, m)
            ):
                noun_end, noun = m - 1, "system"
                break
            continue
        if (
            w == "processing"
            and _word(tokens, m + 1) in ("units", "unit")
            and _word(tokens, m - 1) in ("ai", "graphics", "graphic", "tensor")
        ):
            noun_end, noun = m + 1, "accelerator"
            break
        if w in _NOUNS or (w in ("graphics", "graphic") and _word(tokens, m + 1) in ("processing", "cards")):
            if model is None and any(_word(tokens, c) in _CPU_WORDS for c in range(k, m)):
                return None  # "64 Grace-Grace superchips", "Xeon processors": CPUs, not accelerators
            if w in ("graphics", "graphic"):
                m += 2 if _word(tokens, m + 1) == "cards" else 1
                if _word(tokens, m + 1) in ("units", "unit"):
                    m += 1
            if w == "cards" and _word(tokens, m - 1) != "graphics":
                return None
            noun_end, noun = m, "accelerator"
            if (
                m + 2 < n
                and tokens[m + 1].text == "-"
                and tokens[m + 2].text in ("equivalents", "equivalent")
            ):
                noun_end = m + 2
            break
        graphics = _graphics_noun(tokens, m)
        if graphics is not None:
            noun_end, noun = graphics, "accelerator"  # "12.600 unidades de processamento gráfico"
            break
        if w in ("units", "unit") and m == k and _accelerator_before(tokens, i):
            noun_end, noun = m, "accelerator"  # "GPU capacity from about 65,000 to 300,000 units"
            break
        if w in ("equivalents", "equivalent") and model is not None:
            noun_end, noun = m, "accelerator"
            break
        if w in _RACK_NOUNS and _word(tokens, m + 1) in _NOUNS:
            m += 1  # "server GPUs": GPUs for servers
            seen += 1
            continue
        if w in _RACK_NOUNS:
            noun_end, noun = m, "rack"
            break
        if tok.kind == "punct" and w not in ("-", "/", "’", "'", "(", ")", "–", '"', "“", "”", "‑"):
            break
        if tok.kind == "word" and m + 1 < n and tokens[m + 1].text in _HYPHENS and _word(tokens, m + 2):
            m += 2  # "in-house", "state-of-the-art", "next-generation"
            seen += 1
            continue
        if tok.kind == "word" and w in _STOP and m + 1 < n and tokens[m + 1].text == "-":
            m += 2  # "in-house", "state-of-the-art"
            seen += 1
            continue
        if tok.kind == "word" and w in _STOP and not (w == "of" and m == k):
            break
        if w == "of" and m != k:
            break
        m += 1
        seen += 1
    dotted = tokens[i].kind == "num" and tokens[i].dotted is not None
    if noun_end is None or not value >= 1 or (math.isfinite(value) and value != round(value) and not dotted):
        return None  # "0 GPUs", "2.5 GPUs": not a count
    if single and not (
        noun == "accelerator"
        and tokens[noun_end].text in ("gpu", "chip", "accelerator", "superchip")
        and (_word(tokens, noun_end + 1) in _STOP | {"has", "is", "draws", "uses", "consumes"})
        and model is not None
    ):
        return None  # "a new generation of GPUs" is no count; "an H100 GPU has ..." is one
    if value == 1.0 and start_word and noun == "accelerator" and _word(tokens, i) == "one" and model is None:
        return None
    if (
        tokens[i].kind == "num"
        and tokens[i].plain
        and 1990 <= value <= 2039
        and k != noun_end
        and noun != "model"
    ):
        if not (k < n and noun_end == k):
            return None  # a year: "In 2026 xAI will add ..."
    if tokens[i].kind == "num" and tokens[i].dotted is not None:
        value = tokens[i].dotted * (value / tokens[i].value if tokens[i].value else 1.0)
        if high is not None:
            pass
    figure = Figure("count", value, 0, tokens[noun_end].end, i, noun_end, high=high, model=model)
    if compound:
        figure.notes.append(compound)
    if tokens[noun_end].text in ("superchip", "superchips") and model in ("gb200", "gb300"):
        # a Grace Blackwell superchip holds two Blackwell GPUs; the gb200/gb300 presets count GPUs
        figure.value, figure.high = value * 2, None if high is None else high * 2
        figure.notes.append(
            f"{value:,.0f} {model.upper()} superchips read as {value * 2:,.0f} GPUs (two each)"
        )
    if high is not None:
        figure.bound = "between"
    elif stated != "exact":
        figure.bound = stated
    if noun in ("rack", "system") or system is not None:
        if system is None:
            system, model = _system_after(tokens, noun_end, model)
        preset = _system_preset(system, model, tokens, i)
        if preset is None and model is not None:
            preset = _model_system(model, tokens[noun_end].text)
        figure.system = preset
        if preset is None:
            figure.note = (
                f"{text[tokens[i].start : tokens[noun_end].end]!r} counts {tokens[noun_end].text}, not accelerators, "
                "and names no system preset: give --gpus or --system"
            )
            figure.value = math.nan
        else:
            per = _per_system(preset)
            figure.notes.append(
                f"{text[tokens[i].start : tokens[noun_end].end]!r} read as {value:,.0f} × {per} ({preset})"
            )
            figure.value = value * per
            if high is not None:
                figure.high = high * per
    return figure


_GRAPHICS_HEADS = {
    "unidades", "unidade", "unidad", "unità", "processori", "procesadores", "processadores", "processeurs",
    "schede", "tarjetas", "placas", "cartes",
}  # fmt: skip
_GRAPHICS_LINKS = {"de", "di", "da", "del", "elaborazione", "processamento", "procesamiento", "traitement"}
_GRAPHICS_WORDS = {
    "gráfico", "gráficos", "gráfica", "gráficas", "grafico", "grafici", "grafica", "grafiche", "graphique",
    "graphiques",
}  # fmt: skip


def _graphics_noun(tokens: list[Token], m: int) -> int | None:
    """The last token of a graphics processor named as other languages name it, starting at token
    `m`: "unidades de processamento gráfico", "processori grafici", "grafik işlem birimi"."""
    w = _word(tokens, m)
    if w == "grafik" and _word(tokens, m + 1) == "işlem" and _word(tokens, m + 2).startswith("birim"):
        return m + 2
    if w not in _GRAPHICS_HEADS:
        return None
    for k in range(m + 1, min(len(tokens), m + 4)):
        if _word(tokens, k) in _GRAPHICS_WORDS:
            return k
        if _word(tokens, k) not in _GRAPHICS_LINKS:
            return None
    return None


def _accelerator_before(tokens: list[Token], i: int, reach: int = 12) -> bool:
    """Whether an accelerator noun or model is named in the `reach` tokens before token `i`, in its clause."""
    for c in range(i - 1, max(i - reach, 0) - 1, -1):
        if tokens[c].text in _CLAUSE_ENDS:
            return False
        w = _word(tokens, c)
        if w in _NOUNS or w.removesuffix("s") in _MODELS:
            return True
    return False


def _system_after(tokens: list[Token], noun_end: int, model: str | None) -> tuple[str | None, str | None]:
    """The system named just after a rack noun: "1,000 racks of GB200 NVL72", "a 1,000-rack
    deployment of NVL72 systems"; (None, model) when there is none."""
    k = noun_end + 1
    if _word(tokens, k) != "of":
        k += 1
    if _word(tokens, k) != "of":
        return None, model
    for m in range(k + 1, min(len(tokens), k + 4)):
        if tokens[m].text in _SYSTEMS:
            return tokens[m].text, model or next((f[0] for f in [_model_at(tokens, m - 1)] if f), None)
        if tokens[m].kind != "word" or tokens[m].text in _STOP:
            break
    return None, model


def _system_preset(system: str | None, model: str | None, tokens: list[Token], i: int) -> str | None:
    """The system preset a system word (or, for bare "racks", the nearest one before) names."""
    if system is None:
        for k in range(i - 1, -1, -1):
            if tokens[k].text in _SYSTEMS:
                system = tokens[k].text
                model = model or next((f[0] for f in [_model_at(tokens, k - 1)] if f), None)
                break
            if i - k > 60:
                break
    if system is None:
        return None
    if model is not None and (system, model) in _SYSTEM_BY_MODEL:
        return _SYSTEM_BY_MODEL[(system, model)]
    if system == "nvl144" and model == "rubin-ultra":
        return "rubin-ultra-nvl576"
    if system in ("dgx", "hgx") and model not in (None, "h100-sxm", "h200-sxm", "b200", "gb300", "a100-sxm"):
        return None
    return _SYSTEMS[system]


@cache
def _model_system(model: str, noun: str) -> str | None:
    """The model's own system of the noun's form ("1,000 H100 servers": its 8-GPU server)."""

    form = "rack" if noun.startswith(("rack", "cabinet")) else "server" if noun.startswith("server") else None
    if form is None:
        return None
    for system in systems_holding(model):
        if load_system(system).form == form:
            return system
    return None


@cache
def _per_system(system: str) -> int:
    return load_system(system).accelerators_per_system


def _multiply_out(text: str, tokens: list[Token], first: int, figure: Figure) -> None:
    """A per-unit count with the fleet of units it is in: "12 cabinets, each packed with 440
    superchips" (12 × 440 = 5,280), "3,456 nodes each equipped with a CPU and 4 GPUs", "1,200
    servers with 8 GPUs each", "each of its 3,456 nodes has 4 GPUs"."""
    each = _word(tokens, figure.last + 1) in ("each", "apiece", "per", "in")
    unit = None
    for k in range(first - 1, max(-1, first - 12), -1):
        t = tokens[k]
        if t.text in _CLAUSE_ENDS or (t.kind == "num" and not _compound(tokens, k)):
            return
        each = each or t.text in ("each", "every")
        if t.text in _RACK_NOUNS:
            unit = k
            break
    if unit is None:
        return
    for h in range(unit - 1, max(-1, unit - 12), -1):
        if tokens[h].text in _CLAUSE_ENDS or tokens[h].text == ",":
            return
        phrase = (
            _number_phrase(tokens, h)
            if (tokens[h].kind == "num" or tokens[h].text in _UNITS) and not _compound(tokens, h)
            else None
        )
        if phrase is None:
            continue
        each = each or any(tokens[e].text == "each" for e in range(max(0, h - 3), h))
        if not each or phrase[1] > unit or phrase[0] != round(phrase[0]) or _year(tokens[h]):
            return
        figure.notes.append(
            f"{text[tokens[h].start : tokens[unit].end]!r}, each with {figure.value:,.0f}: "
            f"{phrase[0]:,.0f} × {figure.value:,.0f}"
        )
        figure.value *= phrase[0]
        figure.per_unit = False
        figure.start = min(figure.start, tokens[h].start)
        return


def _compound(tokens: list[Token], k: int) -> bool:
    """A number joined to the word after it: "two-socket", "32-core", "four-GPU"."""
    return k + 2 < len(tokens) and tokens[k + 1].text in _HYPHENS and tokens[k + 2].kind == "word"


def _year(token: Token) -> bool:
    return token.kind == "num" and token.plain and 1990 <= token.value <= 2039


def _after_relative_clause(tokens: list[Token], first: int) -> bool:
    """Whether the figure at token `first` follows "<rack noun>, which ..., <verb>": the verb's
    subject is the unit ("the rack, which holds 72 GPUs, draws 120 kW")."""
    if first < 3 or tokens[first - 2].text != ",":
        return False
    for k in range(first - 3, max(-1, first - 16), -1):
        if tokens[k].text in _CLAUSE_ENDS:
            return False
        if tokens[k].text == "," and _word(tokens, k + 1) in ("which", "that"):
            # the clause holds the unit's accelerators, as the count's own rule reads it
            holds = any(_word(tokens, v) in _HOLDS | _HOLD_VERBS for v in range(k + 2, first - 2))
            return holds and _word(tokens, k - 1) in _RACK_NOUNS
    return False


def _per_unit(tokens: list[Token], first: int, figure: Figure) -> bool:
    """A per-unit figure: "72 chips each", "140 kW per rack", "each rack holds 72 GPUs"."""
    after = figure.last + 1
    w = _word(tokens, after)
    if w == "each" or (
        w in ("per", "a") and _word(tokens, after + 1) in _RACK_NOUNS | {"gpu", "chip", "accelerator"}
    ):
        return True
    if w == "-" and _word(tokens, after + 1) in ("per",):
        return True
    if w in ("in", "on") and _word(tokens, after + 1) in ("each", "every", "per"):
        return True
    if w in ("in", "on") and _word(tokens, after + 1) in ("a", "one", "single"):
        # "72 GPUs in a rack" is per unit; "64,000 chips in a new data center" is not
        return any(_word(tokens, k) in _RACK_NOUNS for k in range(after + 2, after + 5))
    if figure.kind == "power" and (
        _word(tokens, after) in _RACK_NOUNS or (w == "-" and _word(tokens, after + 1) in _RACK_NOUNS)
    ):
        return True  # "a 140 kW rack"
    if figure.kind == "power" and _after_relative_clause(tokens, first):
        return True  # "the rack, which holds 72 GPUs, draws 120 kW"
    for k in range(first - 1, max(-1, first - 10), -1):
        t = tokens[k]
        relative = t.text == "," and _word(tokens, k + 1) in ("which", "that")
        if (
            t.text in _CLAUSE_ENDS
            or (t.kind == "num" and not _compound(tokens, k))
            or (t.text == "," and not relative)
        ):
            break
        if t.text in ("each", "every", "per"):
            return True
        linked = _word(tokens, k + 1)
        if figure.kind == "count" and linked == "," and _word(tokens, k + 2) in ("which", "that"):
            # "an accompanying system, which can contain up to 144 chips": the unit's own count
            verbs = {_word(tokens, v) for v in range(k + 3, first)}
            linked = next(iter(sorted(verbs & (_HOLDS | _HOLD_VERBS))), "")
        if (
            t.text in _RACK_NOUNS
            and figure.kind == "count"
            and linked in _HOLDS | _HOLD_VERBS
            and figure.system is None
        ):
            return True  # "a rack with 72 GPUs"
        if (
            t.text in _RACK_NOUNS
            and figure.kind == "power"
            and linked in ("s", "’", "'", "of", "at")
            and first - k <= 3
        ):
            return True  # "a rack's 140 kW", "racks of 140 kW"; not "racks of GB200 NVL72 at 120 MW"
    return False


# ---------------------------------------------------------------------------------- pairing


@dataclass(slots=True)
class Reading:
    power: Figure | None
    count: Figure | None
    why: str
    score: float = 0.0


def _pair(figures: list[Figure]) -> tuple[Reading, list[Reading]]:
    """The chosen (power, count) pair and the alternatives the sentence supports."""
    powers = [f for f in figures if f.kind == "power"][:40]
    counts = [f for f in figures if f.kind == "count" and not math.isnan(f.value)][:40]
    fleet_powers = [p for p in powers if not p.per_unit]
    fleet_counts = [c for c in counts if not c.per_unit]
    if fleet_powers:
        powers = fleet_powers
    elif fleet_counts:
        powers = []  # a rack's 140 kW does not power a fleet of 100,000 chips
    if fleet_counts:
        counts = fleet_counts
    # a count that scales to a later one is a range: "500,000 ... scaling to 1 million"
    merged: list[Figure] = []
    for c in counts:
        if (
            c.expansion
            and merged
            and merged[-1].high is None
            and c.value > merged[-1].value
            and not c.additive
        ):
            base = merged[-1]
            base.high = c.value
            base.bound = "between"
            base.end = max(base.end, c.end)
            continue
        merged.append(c)
    counts = merged
    outside = any(not p.aside for p in powers)
    candidates: list[Reading] = []
    for p in powers or [None]:
        for c in counts or [None]:
            score = 0.0
            if p is not None:
                score -= 4 * p.expansion + 2 * p.container + 1 * (p.aside and outside)
            if c is not None:
                score -= 4 * c.expansion
                score += 1 * c.total
                # a count stated in accelerators wins over one multiplied out from racks
                score -= 0.5 * (c.system is not None and any(o.system is None for o in counts))
            if p is not None and c is not None:
                score += 2 * (p.clause == c.clause)
                score -= 0.001 * abs(p.first - c.first)
            elif p is not None:
                score += 1e-12 * p.value
            candidates.append(Reading(p, c, "", score))
    if not candidates:
        return Reading(None, None, ""), []
    best = max(candidates, key=lambda r: r.score)
    best.why = _why_chosen(best, powers, counts)
    alternatives: list[Reading] = []
    seen = {(best.power and best.power.value, best.count and best.count.value)}
    for p in powers:
        if p is best.power:
            continue
        value = p.value
        why = "a later expansion" if p.expansion else ("a first phase" if p.phase else "another power named")
        why = "the whole it is part of" if p.container else why
        if p.additive and best.power is not None and p.start > best.power.start:
            value = best.power.value + p.value
            why = "with the expansion"
        alt_power = Figure("power", value, p.start, p.end, p.first, p.last, p.bound, apparent=p.apparent)
        key = (value, best.count and best.count.value)
        if key not in seen:
            seen.add(key)
            alternatives.append(Reading(alt_power, best.count, why))
    low = best.power
    if low is not None and low.range_low is not None:
        alternatives.insert(
            0,
            Reading(
                Figure("power", low.range_low, low.start, low.end, low.first, low.last),
                best.count,
                "the low end of the range",
            ),
        )
        seen.add((low.range_low, best.count and best.count.value))
    for c in counts:
        if c is best.count:
            continue
        key = (best.power and best.power.value, c.value)
        if key not in seen:
            seen.add(key)
            alternatives.append(
                Reading(best.power, c, "a later expansion" if c.expansion else "another count named")
            )
    return best, alternatives[:MAX_ALTERNATIVES]


def _why_chosen(best: Reading, powers: list[Figure], counts: list[Figure]) -> str:
    reasons = []
    if len(powers) > 1 and best.power is not None:
        if any(p.expansion for p in powers) and not best.power.expansion:
            reasons.append("the power stated before its expansion")
        elif best.count is not None:
            reasons.append("the power in the count's clause, nearest it")
        else:
            reasons.append("the largest power named")
    if len(counts) > 1 and best.count is not None:
        reasons.append("the count nearest the power" if best.power is not None else "the first count named")
    return "; ".join(reasons)


# ---------------------------------------------------------------------------------- reading

_POWER_WORD_RE = re.compile(
    r"(?i:\b(?P<multi>multi-?|multiple )?(?:(?P<prefix>giga|mega)watts?|(?P<abbr>[GM]W)(?=[- ](?:scale|class)))"
    r"(?P<scale>[- ]scale|[- ]class)?\b)"
)
_BASES: tuple[tuple[str, str], ...] = (
    (r"critical[- ]IT|IT load|IT capacity|IT power|cooling capacity", "it"),
    (r"utility|grid|interconnect(?:ion)?|substation", "supply"),
    (r"campus|facility power", "facility"),
)
_BASIS_RE = [(re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE), basis) for pattern, basis in _BASES]


def _span(text: str, start: int, end: int) -> Span:
    return build(Span, start=start, end=end, text=text[start:end])


def _power_words(text: str) -> list[tuple[float, str, int, int]]:
    """A power named without a number: "gigawatt-scale", "multi-gigawatt", "gigawatts of"."""
    found = []
    for match in _POWER_WORD_RE.finditer(text):
        name = match["prefix"] or match["abbr"]
        unit = 1e9 if name.lower()[0] == "g" else 1e6
        word = match.group(0).lower()
        if match["multi"]:
            found.append((2 * unit, "at-least", match.start(), match.end()))
        elif match["scale"]:
            found.append((unit, "about", match.start(), match.end()))
        elif word.endswith("s"):
            found.append((2 * unit, "at-least", match.start(), match.end()))
        else:
            found.append((unit, "about", match.start(), match.end()))
    return found


def _accelerator(text: str, tokens: list[Token], count: Figure | None) -> tuple[str, Span, str] | None:
    """The model named with the count, else the first named; else generic GPUs (with a note)."""
    found = []
    for k in range(len(tokens)):
        model = _model_at(tokens, k)
        if model is not None and not (model[1] == "tpu" and _model_at(tokens, k - 1)):
            if k > 0 and _MODEL_PAIRS.get((_word(tokens, k - 1), tokens[k].text)):
                continue
            found.append((model[0], model[1], tokens[k].start, tokens[model[2]].end))
    for t in tokens:
        if t.text in ("nvl144", "nvl576") and not found:
            found.append(("rubin" if t.text == "nvl144" else "rubin-ultra", t.text, t.start, t.end))
        if t.text == "helios" and not found:
            found.append(("mi450", t.text, t.start, t.end))
    if found:
        inside = [f for f in found if count is not None and count.start <= f[2] and f[3] <= count.end]
        preset, word, start, end = (inside or found)[0]
        return preset, _span(text, start, end), _MODEL_NOTES.get(word, "")
    words = {t.text for t in tokens}
    if "amd" in words and words & {"gpu", "gpus", "chips", "chip", "accelerators", "instinct"}:
        k = next(k for k, t in enumerate(tokens) if t.text == "amd")
        return (
            GENERIC_AMD,
            _span(text, tokens[k].start, tokens[k].end),
            f"'AMD' GPUs read as {GENERIC_AMD}, AMD's current Instinct part",
        )
    for t in tokens:
        if t.text in ("gpu", "gpus", "nvidia") or (t.text == "graphics"):
            return (
                GENERIC_ACCELERATOR,
                _span(text, t.start, t.end),
                f"generic GPUs read as {GENERIC_ACCELERATOR}",
            )
    return None


def _too_large(text: str, tokens: list[Token], figures: list[Figure]) -> None:
    for f in figures:
        if (
            f.kind == "count"
            and not math.isnan(f.value)
            and (not math.isfinite(f.value) or f.value > MAX_COUNT)
        ):
            raise InputError(
                f"claim: {shown(text[tokens[f.first].start : tokens[f.first].end], 24)} is too large for a count; "
                f"accepted: 1 to {MAX_COUNT:.0e}"
            )
        if f.kind == "power" and (not math.isfinite(f.value) or f.value > MAX_POWER_WATTS):
            raise InputError(
                f"claim: {shown(text[tokens[f.first].start : f.end], 24)} is too large for a power; "
                "accepted: up to 1 PW"
            )


def _power_quantity(watts: float, apparent: bool = False) -> Any:
    if apparent:
        for unit, size in (("GVA", 1e9), ("MVA", 1e6), ("kVA", 1e3)):
            if watts >= size:
                return quantity(watts / size, ureg(unit).units)
        return quantity(watts, ureg("VA").units)
    for unit, size in ((GW, 1e9), (MW, 1e6), (kW, 1e3)):
        if watts >= size:
            return quantity(round(watts / size, 9), unit)
    return quantity(watts, W)


def parse_claim(text: Any) -> ParsedClaim:
    """Read a claim from a sentence: its power, count, accelerator, basis and bounds.

    Args:
        text: The sentence, as published (up to `MAX_TEXT` characters).

    Returns:
        What was understood, each figure with the span of text it came from, why that pair
        was chosen and the other readings the sentence supports; a figure not found is None
        (see `sentence_scenario` for the check).

    Raises:
        InputError: The text is not a string, is empty or too long, or names a figure too
            large for a count or a power.
    """
    if not isinstance(text, str):
        raise InputError(f"claim: {shown(text)} is not text; give the sentence")
    if not text.strip():
        raise InputError("claim: empty; give the sentence, e.g. 'more than 300 MW (over 220,000 GPUs)'")
    if len(text) > MAX_TEXT:
        raise InputError(f"claim: {len(text):,} characters is too long; give at most {MAX_TEXT:,}")
    tokens, _ = scan(text)
    figures = _figures(text, tokens)
    _too_large(text, tokens, figures)
    notes: list[str] = []
    best, alternatives = _pair(figures)
    power, count = best.power, best.count
    power_tuple = None
    if power is not None:
        power_tuple = (power.value, power.bound, power.start, power.end)
    elif not any(f.kind == "power" for f in figures):
        words = [
            w
            for w in _power_words(text)
            if not any(f.kind == "energy" and f.start <= w[2] < f.end for f in figures)
        ]
        if words:
            power_tuple = max(words, key=lambda p: p[0])
    energy = next((f for f in figures if f.kind == "energy"), None)
    if power_tuple is None and energy is not None:
        notes.append(f"{text[energy.start : energy.end]!r} is energy, not power")
    refused = next((f for f in figures if f.kind == "count" and math.isnan(f.value)), None)
    if refused is not None and count is None:
        notes.append(refused.note)
    if count is not None:
        notes.extend(count.notes)
    if best.why:
        notes.append(f"chosen: {best.why}")
    accelerator = _accelerator(text, tokens, count)
    if (
        count is not None
        and count.system is not None
        and (accelerator is None or accelerator[0] == GENERIC_ACCELERATOR)
    ):
        system_spec = load_system(count.system)
        accelerator = (system_spec.accelerator, _span(text, count.start, count.end), "")
    if accelerator is not None and accelerator[2]:
        notes.append(accelerator[2])
    models = sorted({m for k in range(len(tokens)) if (m := (_model_at(tokens, k) or (None,))[0])})
    if len(models) > 1 and accelerator is not None:
        notes.append(
            f"several models named ({', '.join(models)}); the count is read as {accelerator[0]}: "
            "give --fleet ID=COUNT for each to split it"
        )
    basis = _basis(text, power_tuple)
    apparent = power is not None and power.apparent
    return build(
        ParsedClaim,
        text=text,
        power=None if power_tuple is None else _power_quantity(power_tuple[0], apparent),
        power_bound="exact" if power_tuple is None else power_tuple[1],
        power_span=None if power_tuple is None else _span(text, power_tuple[2], power_tuple[3]),
        count=None if count is None else round(count.value),
        count_high=None if count is None or count.high is None else round(count.high),
        count_bound="exact" if count is None else count.bound,
        count_span=None if count is None else _span(text, count.start, count.end),
        accelerator=None if accelerator is None else accelerator[0],
        accelerator_span=None if accelerator is None else accelerator[1],
        basis=None if basis is None else basis[0],
        basis_span=None if basis is None else basis[1],
        chosen=best.why,
        alternatives=tuple(_alternative(text, a) for a in alternatives),
        notes=tuple(notes),
    )


def _alternative(text: str, reading: Reading) -> ReadingAlternative:
    p, c = reading.power, reading.count
    return build(
        ReadingAlternative,
        power=None if p is None else _power_quantity(p.value, p.apparent),
        power_bound="exact" if p is None else p.bound,
        power_span=None if p is None else _span(text, p.start, p.end),
        count=None if c is None else round(c.value),
        count_high=None if c is None or c.high is None else round(c.high),
        count_bound="exact" if c is None else c.bound,
        count_span=None if c is None else _span(text, c.start, c.end),
        why=reading.why,
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


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def named_accelerator(parsed: ParsedClaim) -> str | None:
    """The accelerator the sentence names by model (None: none, or only generic "GPUs")."""
    generic = (
        f"generic GPUs read as {GENERIC_ACCELERATOR}",
        f"'AMD' GPUs read as {GENERIC_AMD}, AMD's current Instinct part",
    )
    return (
        None if parsed.accelerator is None or any(g in parsed.notes for g in generic) else parsed.accelerator
    )


def sentence_scenario(parsed: ParsedClaim, **inputs: Any) -> Scenario:
    """The scenario of a parsed sentence; `inputs` (as `calc.scenario` takes them) replace
    what the sentence gave.

    Raises:
        InputError: The sentence gave no power or no count, and `inputs` do not either.
    """

    if parsed.power is None and inputs.get("power") is None:
        energy = next((n for n in parsed.notes if n.endswith("is energy, not power")), None)
        if energy is not None:
            raise InputError(
                f"claim: {energy} in {_excerpt(parsed.text)!r}; give the power, e.g. --power '300 MW'"
            )
        raise InputError(f"claim: no power found in {_excerpt(parsed.text)!r}")
    if parsed.count is None and inputs.get("gpus") is None:
        refused = next((n for n in parsed.notes if "not accelerators" in n), None)
        if refused is not None:
            raise InputError(f"claim: {refused}")
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


def alternative_parsed(parsed: ParsedClaim, alternative: ReadingAlternative) -> ParsedClaim:
    """The reading with one of its alternatives in place of the chosen pair."""
    return parsed.model_copy(
        update={
            "power": alternative.power or parsed.power,
            "power_bound": alternative.power_bound if alternative.power is not None else parsed.power_bound,
            "power_span": alternative.power_span or parsed.power_span,
            "count": alternative.count if alternative.count is not None else parsed.count,
            "count_high": alternative.count_high if alternative.count is not None else parsed.count_high,
            "count_bound": alternative.count_bound if alternative.count is not None else parsed.count_bound,
            "count_span": alternative.count_span or parsed.count_span,
            "alternatives": (),
        }
    )


def check_sentence(text: Any, **inputs: Any) -> SentenceCheck:
    """Read a claim from its sentence and check it, its bounds respected; each alternative
    reading the sentence supports is checked too.

    Args:
        text: The sentence.
        inputs: What to use instead of, or besides, what the sentence gives (the keywords of
            `calc.scenario`: accelerator, basis, method, assumptions, ...).

    Returns:
        The reading (with spans), the claim check, and a verdict for each alternative.

    Raises:
        InputError: The sentence names no power or no count (one line saying which).
    """

    parsed = parse_claim(text)
    claim = check_claim(sentence_scenario(parsed, **inputs))
    return SentenceCheck(reading=parsed, claim=claim, alternatives=alternative_checks(parsed, **inputs))


def alternative_checks(parsed: ParsedClaim, **inputs: Any) -> tuple[Any, ...]:
    """Each alternative reading of a sentence with its own verdict (those that can be checked)."""

    checks = []
    for alternative in parsed.alternatives:
        try:
            result = check_claim(sentence_scenario(alternative_parsed(parsed, alternative), **inputs))
        except InputError:
            continue
        checks.append(build(AlternativeCheck, reading=alternative, verdict=result.verdict))
    return tuple(checks)
