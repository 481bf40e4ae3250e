"""calc/sentences.py: a claim read from its sentence, with spans and bounds."""

import json
from pathlib import Path

import pytest

import calc
from calc.errors import InputError
from calc.sentences import GENERIC_ACCELERATOR, parse_claim, scan
from calc.units import parse_power
from tests.presets.test_ledger_sources import _denied, _host

HEADLINE = (
    "This gives us access to more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs) "
    "within the month."
)
SENTENCES = Path(__file__).parent.parent / "data" / "sentences.jsonl"


def test_the_headline_sentence_with_its_spans():
    reading = parse_claim(HEADLINE)
    assert reading.power.m_as("MW") == 300 and reading.power_bound == "at-least"
    assert (reading.power_span.start, reading.power_span.end) == (24, 47)
    assert reading.power_span.text == "more than 300 megawatts"
    assert reading.count == 220_000 and reading.count_bound == "at-least"
    assert reading.count_span.text == "over 220,000 NVIDIA GPUs"
    assert HEADLINE[reading.count_span.start : reading.count_span.end] == reading.count_span.text
    assert reading.accelerator == GENERIC_ACCELERATOR == "h100-sxm"
    assert reading.notes == ("generic GPUs read as h100-sxm",)
    assert reading.basis is None


@pytest.mark.parametrize(
    ("text", "megawatts", "bound"),
    [
        ("a 300 MW site", 300, "exact"),
        ("300 megawatts of capacity", 300, "exact"),
        ("a 1.2 GW campus", 1200, "exact"),
        ("a gigawatt of compute", 1000, "exact"),
        ("a gigawatt-scale cluster", 1000, "about"),
        ("Colossus 2, the first gigawatt-scale datacenter", 1000, "about"),
        ("multi-gigawatt ambitions", 2000, "at-least"),
        ("gigawatts of orbital compute", 2000, "at-least"),
        ("deploy 10-gigawatts of systems", 10_000, "exact"),
        ("200+ megawatts", 200, "at-least"),
        ("~1GW of Trainium", 1000, "about"),
        ("up to 5GW over several years", 5000, "at-most"),
        ("under 50 MW", 50, "at-most"),
        ("roughly 700MW", 700, "about"),
        ("well over 1 gigawatt (GW)", 1000, "at-least"),
        ("at least 10 gigawatts of systems", 10_000, "at-least"),
        ("150 MW or more", 150, "at-least"),
        ("five gigawatts", 5000, "exact"),
        ("a 250-megawatt solar farm", 250, "exact"),
        ("300000 kW", 300, "exact"),
        ("multiple gigawatt-class sites", 2000, "at-least"),
        ("a GW-scale cluster", 1000, "about"),
        ("a MW-scale pilot", 1, "about"),
    ],
)
def test_power_in_any_spelling(text, megawatts, bound):
    reading = parse_claim(text)
    assert reading.power.m_as("MW") == pytest.approx(megawatts)
    assert reading.power_bound == bound


def test_energy_and_money_are_not_power():
    assert parse_claim("it used 150 MWh last year").power is None
    assert parse_claim("a 2 GWh battery").power is None


@pytest.mark.parametrize(
    ("text", "count", "high", "bound"),
    [
        ("220,000 GPUs", 220_000, None, "exact"),
        ("over 220,000 NVIDIA GPUs", 220_000, None, "at-least"),
        ("half a million Blackwell GPUs", 500_000, None, "exact"),
        ("nearly half a million Trainium2 chips", 500_000, None, "about"),
        ("one million TPUs", 1_000_000, None, "exact"),
        ("up to one million Google TPUs", 1_000_000, None, "at-most"),
        ("1.3 million NVIDIA H100 GPUs", 1_300_000, None, "exact"),
        ("4 million or 5 million GPUs", 4_000_000, 5_000_000, "between"),
        ("roughly 4 million to 5 million GPUs", 4_000_000, 5_000_000, "between"),
        ("Pods scale from 256 chips to a 9,216-chip configuration", 9216, None, "exact"),
        ("220k GPUs", 220_000, None, "exact"),
        ("50,000+ GPUs", 50_000, None, "at-least"),
        ("400,000 of Nvidia’s GB200 chips", 400_000, None, "exact"),
        ("200,000 Nvidia H100/H200 chips", 200_000, None, "exact"),
        ("100,000 H100 80GB GPUs", 100_000, None, "exact"),
        ("1.3 million H100 equivalents", 1_300_000, None, "exact"),
        ("an estimated 400,000 H100-equivalents", 400_000, None, "about"),
    ],
)
def test_counts(text, count, high, bound):
    reading = parse_claim(text)
    assert (reading.count, reading.count_high, reading.count_bound) == (count, high, bound)


@pytest.mark.parametrize(
    ("text", "count", "accelerator"),
    [
        ("400,000 Trainium 2 chips", 400_000, "trainium2"),
        ("8,000 Gaudi 3 accelerators", 8_000, "gaudi3"),
        ("1 million Trainium 3 chips", 1_000_000, "trainium3"),
        ("a cluster of 4,000 Maia 100 accelerators", 4_000, None),
        ("16,384 H100 GPUs with 80 GB each", 16_384, "h100-sxm"),
    ],
)
def test_model_numbers_and_memory_sizes_are_not_read_as_counts(text, count, accelerator):
    reading = parse_claim(text)
    assert reading.count == count
    assert reading.accelerator == (accelerator or "h100-sxm" if "GPU" in text else accelerator)


def test_a_model_read_as_its_own_preset_needs_no_note():
    # Trainium3 has its own preset now (it was read as trainium2, with a note)
    assert parse_claim("1 million Trainium 3 chips").notes == ()


def test_of_several_models_the_count_takes_the_one_named_with_it():
    reading = parse_claim("100,000 GB300 and 200,000 H100 chips at 1 GW")
    assert (reading.count, reading.accelerator, reading.accelerator_span.text) == (
        200_000,
        "h100-sxm",
        "H100",
    )
    assert reading.notes == (
        "several models named (gb300, h100-sxm); the count is read as h100-sxm: "
        "give --fleet ID=COUNT for each to split it",
    )


def test_money_and_model_numbers_are_not_counts():
    assert parse_claim("Oracle is investing around $40 billion in Nvidia chips").count is None
    assert parse_claim("built on AMD's Instinct MI450 accelerators").count is None
    assert parse_claim("racks housing NVIDIA's GB200 GPUs").count is None
    assert parse_claim("enough to run 300,000 homes").count is None


@pytest.mark.parametrize(
    ("text", "accelerator"),
    [
        ("H100 GPUs", "h100-sxm"),
        ("50,000 advanced H200s", "h200-sxm"),
        ("GB200 NVL72 racks", "gb200"),
        ("GB300-class GPUs", "gb300"),
        ("Blackwell GPUs", "gb200"),
        ("Blackwell Ultra", "gb300"),
        ("MI300X accelerators", "mi300x"),
        ("Google TPUs", "tpu-v7"),
        ("Ironwood pods", "tpu-v7"),
        ("Trainium2 chips", "trainium2"),
        ("Grace-Hopper superchips", "gh200"),
        ("GH200 nodes", "gh200"),
        ("NVIDIA GPUs", "h100-sxm"),
        ("6 gigawatts of GPU capacity on AMD's MI450", "mi450"),
    ],
)
def test_accelerator_hints(text, accelerator):
    assert parse_claim(text).accelerator == accelerator


def test_a_model_name_wins_over_generic_words():
    reading = parse_claim("Nvidia GPUs, including 50,000 H200s")
    assert reading.accelerator == "h200-sxm"
    assert reading.accelerator_span.text == "H200s"


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("100 MW of critical IT", "it"),
        ("a 100 MW IT load", "it"),
        ("100 MW of cooling capacity", "it"),
        ("100 MW from the utility", "supply"),
        ("a 150 MW grid connection", "supply"),
        ("a 1.2 GW campus", "facility"),
        ("a 1.2 GW site", None),
        # the hint nearest the power wins, and a bare "campus" yields to an IT or supply hint
        ("the campus will host 300 megawatts of critical IT load", "it"),
        ("the campus will draw 2.2 gigawatts from the grid", "supply"),
        # the largest power is the claim's (150 MW), and the hint beside it is the utility
        ("a 100 MW IT load behind a 150 MW utility feed", "supply"),
    ],
)
def test_basis_hints(text, basis):
    assert parse_claim(text).basis == basis


def test_the_sentence_check_equals_the_flag_check():
    by_sentence = calc.check_sentence(HEADLINE)
    by_flags = calc.check_claim(
        calc.scenario(
            "300 MW", gpus=220_000, accelerator="h100-sxm", power_bound="at-least", gpus_bound="at-least"
        )
    )
    assert by_sentence.claim == by_flags
    assert by_sentence.claim.verdict == "plausible"


def test_what_the_user_gives_replaces_the_sentence():
    result = calc.check_sentence(HEADLINE, accelerator="gb200", basis="it")
    assert result.claim.fleet[0].accelerator == "gb200" and result.claim.basis == "it"
    assert result.reading.accelerator == "h100-sxm"


def test_missing_figures_are_one_line():
    with pytest.raises(InputError, match=r"^claim: no power found in 'Meta will build a big cluster'$"):
        calc.check_sentence("Meta will build a big cluster")
    with pytest.raises(InputError, match=r"^claim: no accelerator count found in 'a 1 GW cluster'$"):
        calc.check_sentence("a 1 GW cluster")
    with pytest.raises(InputError, match=r"^claim: empty; give the sentence"):
        parse_claim("  ")
    with pytest.raises(InputError, match=r"^claim: 5,000 characters is too long; give at most 4,000$"):
        parse_claim("x" * 5000)
    with pytest.raises(InputError, match=r"^claim: 12 is not text; give the sentence$"):
        parse_claim(12)


def _read_right(row):
    reading = parse_claim(row["quote"])
    expected_power = None if row["power"] is None else parse_power(row["power"]).m_as("W")
    got_power = None if reading.power is None else reading.power.m_as("W")
    return (
        got_power == pytest.approx(expected_power)
        and (reading.power_bound == row["power_bound"] or reading.power is None)
        and reading.count == row["count"]
        and reading.count_high == row["count_high"]
        and reading.count_bound == row["count_bound"]
        and reading.accelerator == row["accelerator"]
    )


def test_real_sentences_are_read_right_at_least_nine_times_in_ten():
    # Quotes from public reporting (tests/data/sentences.jsonl: quote, source URL, expected
    # power, count and accelerator). All 29 read right: the expansion no longer wins ("50MW
    # ... scalable to 90MW" is 50 MW). The 29 lines whose only source was a domain on the
    # ledger's deny-list were dropped (the last six quoted AI-written aggregators; Tom's Hardware
    # and The Decoder carry the same facts), and Zuckerberg's Hyperion line is quoted as The Fly has it.
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 29
    assert all(row["source"].startswith("http") for row in rows)
    assert not [row["source"] for row in rows if _denied(_host(row["source"]))]
    right = [row for row in rows if _read_right(row)]
    assert len(right) / len(rows) >= 0.9
    assert len(right) == 29


def test_a_word_runs_on_through_its_combining_marks():
    # Devanagari and Telugu vowel signs are marks, not letters: the word is one token
    tokens, _ = scan("क्षमता గిగావాట్స్")
    assert [t.text for t in tokens] == ["क्षमता", "గిగావాట్స్"]


@pytest.mark.parametrize(
    ("text", "watts", "count"),
    [
        ("कंपनी पाँच गीगावॉट का नया कैंपस बनाएगी।", 5e9, None),
        ("यह केंद्र दो मेगावाट बिजली लेगा।", 2e6, None),
        ("300 मेगावाट के केंद्र में 1,00,000 GPU होंगे।", 300e6, 100_000),
        ("ఈ కేంద్రం రెండు గిగావాట్ల సామర్థ్యంతో ఉంటుంది.", 2e9, None),
        ("నాలుగు మెగావాట్స్ విద్యుత్ అవసరం.", 4e6, None),
    ],
)
def test_hindi_and_telugu_number_and_unit_words_are_read(text, watts, count):
    reading = parse_claim(text)
    assert reading.power.m_as("W") == pytest.approx(watts)
    assert reading.count == count
