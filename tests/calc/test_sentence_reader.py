"""calc/sentences.py: the two-stage reader on the sentences that used to hang or misread."""

import subprocess
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import calc
from calc.claim_report import readings_line
from calc.errors import InputError
from calc.sentences import MAX_TEXT, parse_claim, scan


def _read(text):
    reading = parse_claim(text)
    power = None if reading.power is None else round(reading.power.m_as("MW"), 6)
    return power, reading.count, reading.count_high, reading.count_bound


# ------------------------------------------------------------------------ numbers in any grouping


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u2009", "\u202f"])
def test_a_count_grouped_with_spaces(space):
    # was read as 500 GPUs: the space split the number
    assert _read(f"300 MW for 12{space}500 GPUs") == (300, 12_500, None, "exact")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("300 MW for 200.000 GPUs", 200_000),  # was 200
        ("300 MW for 1.000.000 GPUs", 1_000_000),
        ("150 MW for 1,00,000 GPUs", 100_000),  # Indian grouping
        ("150 MW for 10,00,000 GPUs", 1_000_000),
        ("150 MW for 220,000 GPUs", 220_000),
    ],
)
def test_a_count_in_every_grouping(text, count):
    assert parse_claim(text).count == count


@pytest.mark.parametrize("power", ["10^3 MW", "10³ MW", "1e3 MW", "1E3 MW"])
def test_powers_of_ten(power):
    # 10^3 MW = 1,000 MW (was read as 3 MW)
    assert _read(f"{power} for 2,000 GPUs") == (1000, 2000, None, "exact")


def test_a_decimal_power_is_not_thousands():
    assert parse_claim("1.200 GW for 100,000 GPUs").power.m_as("MW") == pytest.approx(1.2 * 1000)


# --------------------------------------------------------------------------- what is not a count


def test_energy_is_not_power_and_says_so_in_one_line():
    # was read as about 1 MW
    reading = parse_claim("300 megawatt-hours for 200,000 GPUs")
    assert reading.power is None and reading.count == 200_000
    with pytest.raises(InputError) as caught:
        calc.check_sentence("300 megawatt-hours for 200,000 GPUs")
    assert str(caught.value) == (
        "claim: '300 megawatt-hours' is energy, not power in '300 megawatt-hours for 200,000 GPUs'; "
        "give the power, e.g. --power '300 MW'"
    )
    assert "\n" not in str(caught.value)


def test_a_year_is_not_a_count():
    # was read as 2,026 GPUs
    assert _read("In 2026 xAI will add a million GPUs with 1 GW.") == (1000, 1_000_000, None, "exact")
    assert parse_claim("by 2027 the site will draw 1 GW").count is None


def test_a_count_after_its_noun():
    assert parse_claim("advanced Nvidia chips, as many as 500,000, according to Reuters").count == 500_000
    assert parse_claim("It ordered Nvidia chips, 2026, and more").count is None  # a year


def test_a_is_not_one_gpu():
    # "a new generation of GPUs" was read as 1 GPU
    assert _read("xAI will add 1 GW to power a new generation of GPUs") == (1000, None, None, "exact")


def test_a_percentage_and_money_are_not_counts():
    assert parse_claim("a 300 MW site, 40% of it for GPUs").count is None
    assert parse_claim("$40 billion in Nvidia chips at 1 GW").count is None


# ------------------------------------------------------------------------ number words and racks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # both said "no accelerator count found": the power's number swallowed the count
        ("300 MW for half a million GPUs", (300, 500_000, None, "exact")),
        ("5 GW for a million GPUs", (5000, 1_000_000, None, "exact")),
        ("1 GW for a dozen GPUs", (1000, 12, None, "exact")),
        ("100 MW for 1.2 million GPUs", (100, 1_200_000, None, "exact")),
        # vague counts: the smallest the words allow, at least
        ("tens of thousands of GPUs at 100 MW", (100, 20_000, None, "at-least")),
        ("several hundred thousand GPUs at 1 GW", (1000, 200_000, None, "at-least")),
        ("hundreds of thousands of GPUs at 1 GW", (1000, 200_000, None, "at-least")),
        # a count that scales to another is a range
        ("500,000 GPUs at 1 GW, scaling to 1 million", (1000, 500_000, 1_000_000, "between")),
        ("300 MW for 50,000 graphics processing units", (300, 50_000, None, "exact")),
    ],
)
def test_number_words_and_vague_counts(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "count", "accelerator"),
    [
        ("a 40 MW hall with four DGX H100 systems", 32, "h100-sxm"),  # 4 × 8
        ("1,400 NVL72 racks at 200 MW", 100_800, "gb200"),  # 1,400 × 72
        ("one GB200 NVL72 draws 120 kW", 72, "gb200"),  # 1 × 72
        ("500 GB300 NVL72 racks at 100 MW", 36_000, "gb300"),  # 500 × 72
        ("100 Vera Rubin NVL144 racks at 20 MW", 7_200, "rubin"),  # 100 × 72
        ("10 Helios racks at 2 MW", 720, "mi450"),  # 10 × 72
        ("2 Rubin Ultra NVL576 racks at 1.2 MW", 1_152, "rubin-ultra"),  # 2 × 576
        ("1,000 Trn3 UltraServers at 250 MW", 144_000, "trainium3"),  # 1,000 × 144
    ],
)
def test_systems_and_racks_count_through_their_presets(text, count, accelerator):
    reading = parse_claim(text)
    assert (reading.count, reading.accelerator) == (count, accelerator)


@pytest.mark.parametrize(
    ("text", "count", "system"),
    [
        ("1 GW for 1,000 H100 servers", 8_000, "dgx-h100"),  # 1,000 × 8, H100's own system
        ("50 MW for 1,000 MI355X servers", 8_000, "mi355x-platform"),  # 1,000 × 8
        ("12 cabinets, each packed with 440 GB200 GPUs, at 5 MW", 5_280, None),  # 12 × 440
    ],
)
def test_servers_of_a_named_model_count_through_its_system(text, count, system):
    reading = parse_claim(text)
    assert reading.count == count
    assert system is None or any(f"({system})" in note for note in reading.notes)


def test_racks_take_the_system_named_before_them():
    # was read as 72 GPUs: the rack's own count, not the site's 1,400 × 72 = 100,800
    reading = parse_claim("Each NVL72 rack holds 72 GPUs; the 100 MW site has 1,400 racks")
    assert _read(reading.text) == (100, 100_800, None, "exact")
    assert reading.accelerator == "gb200"


def test_servers_with_no_system_are_refused_clearly():
    assert parse_claim("1 GW for 200 AI servers").count is None
    with pytest.raises(InputError, match=r"^claim: '200 AI servers' counts servers, not accelerators"):
        calc.check_sentence("1 GW for 200 AI servers")


@pytest.mark.parametrize(
    ("text", "accelerator"),
    [
        ("1 GW for 200,000 AMD GPUs", "mi355x"),  # was h100-sxm
        ("1 GW of Vera Rubin NVL144 for 100,000 GPUs", "rubin"),
        ("100,000 Rubin GPUs at 300 MW", "rubin"),
        ("100,000 Rubin Ultra GPUs at 300 MW", "rubin-ultra"),
        ("100,000 MI450 GPUs at 300 MW", "mi450"),
        ("100,000 Trainium3 chips at 300 MW", "trainium3"),
    ],
)
def test_new_models(text, accelerator):
    assert parse_claim(text).accelerator == accelerator


def test_amd_gpus_say_how_they_were_read():
    assert (
        "'AMD' GPUs read as mi355x, AMD's current Instinct part"
        in parse_claim("1 GW for 200,000 AMD GPUs").notes
    )


def test_nvidias_rubin_ultra_rack_reads_plausible():
    # 600 kW / 576 GPU dies = 1,042 W per die, Rubin Ultra NVL576 as NVIDIA gives it
    result = calc.check_sentence("NVIDIA's Rubin Ultra NVL576 rack draws 600 kW for 576 GPUs")
    assert (result.reading.count, result.reading.accelerator) == (576, "rubin-ultra")
    assert result.claim.verdict == "plausible"


def test_apparent_power_is_read_as_the_flag_reads_it():
    # "300 MVA" said "no power found"; --power "300 MVA" is apparent power, times the power factor
    result = calc.check_sentence("300 MVA for 200,000 GPUs")
    by_flags = calc.check_claim(calc.scenario("300 MVA", gpus=200_000, accelerator="h100-sxm"))
    assert str(result.reading.power.units) == "megavolt_ampere"
    assert result.claim == by_flags


# ------------------------------------------------------------------ phases, expansions, per unit


def test_the_launch_power_wins_over_its_expansion():
    reading = parse_claim("about 23,000 GB300 GPUs in a 50 MW installation at launch, scalable to 90 MW")
    assert _read(reading.text) == (50, 23_000, None, "about")
    assert [(a.power.m_as("MW"), a.count, a.why) for a in reading.alternatives] == [
        (90, 23_000, "a later expansion")
    ]


def test_an_additional_power_is_added_in_the_alternative():
    text = (
        "Stargate Norway will host 100,000 GPUs at 230 MW, with ambitions to expand by an additional 290 MW"
    )
    result = calc.check_sentence(text, accelerator="gb300")
    assert _read(text) == (230, 100_000, None, "exact")
    (alternative,) = result.alternatives
    # 230 + 290 = 520 MW
    assert (alternative.reading.power.m_as("MW"), alternative.reading.why) == (520, "with the expansion")
    # 230 MW / 100,000 = 2,300 W per GB300: plausible; 5,200 W: ample
    assert (result.claim.verdict, alternative.verdict) == ("plausible", "ample")
    assert readings_line(result) == (
        "this sentence supports two readings: 230 MW for 100,000 → plausible (chosen), "
        "520 MW for 100,000 → ample (with the expansion)"
    )


def test_per_unit_figures_never_pair_with_fleet_figures():
    # a rack's 140 kW with 72 chips each beside a 100,000-chip order: not 1.4 W per chip
    reading = parse_claim("The order covers 100,000 chips; each rack draws 140 kW with 72 chips each.")
    assert (reading.power, reading.count) == (None, 100_000)
    reading = parse_claim("A 100 MW site with 100,000 GPUs in racks of 140 kW per rack with 72 GPUs each")
    assert _read(reading.text) == (100, 100_000, None, "exact")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # a fleet of units, each with its accelerators: multiplied out (3,456 × 4 = 13,824)
        ("The machine has 3,456 nodes each equipped with 4 GPUs.", 13_824),  # was 4
        ("It has 3,456 compute nodes, each equipped with a 32-core CPU and 4 GPUs.", 13_824),  # was 4
        ("The system has 3,456 nodes, each one featuring four A100 GPUs.", 13_824),  # was 3,456 × 1
        ("Each of its 3,456 nodes has 4 GPUs.", 13_824),  # was 4
        ("The cluster has 1,200 servers with 8 GPUs each.", 9_600),  # was 8
        ("It runs 3,456 nodes with 4 GPUs per node.", 13_824),  # was 4
        ("The lab runs 3,456 four-GPU nodes.", 13_824),  # was 3,456
        ("The lab bought 1,000 8-GPU servers.", 8_000),  # was no count
        # no "each": the figure after the units is their total, not a per-unit count
        ("The hall has 1,000 racks housing 72,000 GPUs.", 72_000),
    ],
)
def test_a_fleet_of_units_multiplies_out_the_count_each_holds(text, count):
    assert parse_claim(text).count == count


def test_a_count_in_a_new_site_is_no_per_unit_count():
    # "64,000 ... chips in a new data center" was read per unit, so the later 16,000 won
    reading = parse_claim(
        "They will install 64,000 Nvidia GB200 AI chips in a new Texas data center by the end of 2026, "
        "with 16,000 chips due by summer 2025."
    )
    assert reading.count == 64_000
    # "in a rack" still is per unit: the fleet's 100,000 is the count
    assert parse_claim("There are 72 GPUs in a rack; the site has 100,000 GPUs at 150 MW.").count == 100_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a range of power is at most its top, as "up to" is; the low end is the alternative
        ("He promised 2 to 5 gigawatts of capacity.", (5000, "at-most", 2000)),  # was 2 GW exact
        ("The campus will grow from two to five gigawatts.", (5000, "at-most", 2000)),
        ("The site will grow from 2 GW to 5 GW.", (5000, "at-most", 2000)),  # was 5 GW exact
        # an estimate keeps its low end, about; "between" its low end, at least
        ("A rack draws approximately 10 to 12 kW.", (0.01, "about", None)),
        ("It consumes between 1 and 1.5 MW.", (1, "at-least", None)),
        ("It consumes between 1 MW and 1.5 MW.", (1, "at-least", None)),  # was 1.5 MW exact
    ],
)
def test_a_power_range(text, expected):
    reading = parse_claim(text)
    low = [a.power.m_as("MW") for a in reading.alternatives if a.why == "the low end of the range"]
    assert (reading.power.m_as("MW"), reading.power_bound, low[0] if low else None) == expected


def test_a_power_in_parentheses_yields_to_the_one_outside():
    # "(with plans to hit 10 GW)" is an aside on the 7 GW the sentence states
    reading = parse_claim("Five new campuses aim for a massive 7 GW capacity (with plans to hit 10 GW).")
    assert reading.power.m_as("GW") == 7
    assert [a.power.m_as("GW") for a in reading.alternatives] == [10]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # a partitive count: "N of <whose> <adjectives> chips"
        (
            "It will ship more than 60,000 of Nvidia's most advanced artificial intelligence (AI) chips.",
            60_000,
        ),
        ("Claude now runs on 1 million of the company's custom chips.", 1_000_000),
        ("It links hundreds of thousands of GB200 and GB300 Graphic Processing Units (GPUs).", 200_000),
        # a number inside the partitive is its own figure
        ("300 of the 2,000 GPUs are idle.", 2_000),
    ],
)
def test_a_partitive_count_and_graphic_processing_units(text, count):
    assert parse_claim(text).count == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Portuguese: "escalável para" is an expansion, as "scalable to" is
        ("O local terá 50 MW, escalável para 90 MW, e 23.040 GPUs.", (50, 23_040, None, "exact")),
        ("O centro terá mais de 10 mil GPUs e até 20 MW.", (20, 10_000, None, "at-least")),
        # Italian: accelerator nouns, "più di", "fino a"
        ("La nuova partizione comprenderà 1.328 acceleratori e fino a 2 MW.", (2, 1_328, None, "exact")),
        ("Avrà più di 10 mila GPU e 20 MW.", (20, 10_000, None, "at-least")),
        ("Anthropic userà un milione di TPU a 1 GW.", (1000, 1_000_000, None, "exact")),
        # Turkish: "çip", "bin" (thousand), a bound after the figure
        ("Her pod içerisinde 9216 çip ve 10 MW bulunuyor.", (10, 9_216, None, "exact")),
        ("Tesis 50 MW ile 10 bin çip barındıracak.", (50, 10_000, None, "exact")),
        # German and French
        ("Es soll bis zu 5 GW und mehr als 100.000 GPUs geben.", (5000, 100_000, None, "at-least")),
        ("Le site accueillera jusqu'à 50 000 puces pour 100 MW.", (100, 50_000, None, "at-most")),
        # "a bin" is no thousand in English
        ("It fell in a bin of 5 GPUs at 1 MW.", (1, 5, None, "exact")),
    ],
)
def test_counts_and_bounds_in_other_languages(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A instalação contará com 12.600 unidades de processamento gráfico.",
        "El centro tendrá 12.600 procesadores gráficos.",
        "Il centro avrà 12.600 processori grafici.",
        "Il centro avrà 12.600 unità di elaborazione grafica.",
        "Le centre comptera 12 600 processeurs graphiques.",
        "Merkez 12.600 grafik işlem birimi barındıracak.",
        "Das Zentrum wird 12.600 Grafikchips haben.",
    ],
)
def test_graphics_processors_as_other_languages_name_them(text):
    # each was no count: the noun is several words, the adjective after it
    assert parse_claim(text).count == 12_600
    assert parse_claim("5.000 unidades de almacenamiento").count is None  # storage units


@pytest.mark.parametrize(
    "text",
    [
        "Das Zentrum startet mit 50 MW, erweiterbar auf 90 MW, und 20.000 GPUs.",
        "Le site aura 50 MW, extensible à 90 MW, et 20 000 puces.",
    ],
)
def test_german_and_french_expansions_yield(text):
    assert _read(text) == (50, 20_000, None, "exact")


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("tek bir rack üzerinde 100 kW’ın üzerinde güç tüketimi", "at-least"),  # over 100 kW
        ("100 MW'a kadar güç", "at-most"),  # up to 100 MW
        ("100 MW civarında güç", "about"),
    ],
)
def test_a_turkish_bound_after_the_figure(text, bound):
    assert parse_claim(text).power_bound == bound


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("1,000 racks of GB200 NVL72 at 120 MW", 72_000),  # 1,000 × 72; was no count
        ("A 1,000-rack deployment of NVL72 systems would require 120 MW", 72_000),
        ("500 racks of GB300 NVL72 at 100 MW", 36_000),  # 500 × 72
    ],
)
def test_racks_take_the_system_named_just_after_them(text, count):
    reading = parse_claim(text)
    # the power after the system is the fleet's, not a rack's ("racks of 140 kW" is a rack's)
    assert (reading.count, reading.power is not None) == (count, True)
    assert parse_claim("racks of 140 kW and 100,000 GPUs at 100 MW").power.m_as("MW") == 100


def test_a_restated_count_keeps_its_bound():
    # "about 1,400 servers or 100,000 chips": about 100,000 (was exact)
    reading = parse_claim("That equates to about 1,400 servers or 100,000 Nvidia chips.")
    assert (reading.count, reading.count_bound) == (100_000, "about")
    assert _read("4 million or 5 million GPUs") == (None, 4_000_000, 5_000_000, "between")


def test_a_count_restated_after_its_noun():
    # "the chips, or about 100,000 per year": the noun before the comma (was no count)
    reading = parse_claim("Twenty percent of the chips, or about 100,000 per year, would go to G42.")
    assert (reading.count, reading.count_bound) == (100_000, "about")


def test_the_whole_a_power_is_part_of_takes_its_unit():
    # "30 megawatts ... out of the 170 needed": 170 MW, the 30 MW the alternative
    reading = parse_claim("The utility supplies 30 megawatts in the first phase, out of the 170 needed.")
    assert reading.power.m_as("MW") == 170
    assert [a.power.m_as("MW") for a in reading.alternatives] == [30]
    # a count noun after the number: no power
    assert parse_claim("30 MW, out of the 2 buildings").power.m_as("MW") == 30
    assert parse_claim("30 MW, out of the 2 buildings").alternatives == ()


@pytest.mark.parametrize(
    ("text", "count", "accelerator"),
    [
        # "server GPUs" are GPUs (was read as 50,000 servers with no system)
        ("It will use 50,000 NVIDIA B200 server GPUs.", 50_000, "b200"),
        # the bundled presets of earlier machines are named as their makers name them
        ("El Capitan runs on 44,544 AMD Instinct MI300A APUs.", 44_544, "mi300a"),  # was no count
        ("It has 11,136 nodes, each with four AMD MI300A APUs.", 44_544, "mi300a"),  # 11,136 × 4
        ("Frontier has 37,888 MI250X GPUs at 21 MW.", 37_888, "mi250x"),
        ("Summit has 27,648 NVIDIA V100 GPUs.", 27_648, "v100-sxm2"),
        ("Aurora has 63,744 Intel Data Center GPU Max 1550 GPUs.", 63_744, "max-1550"),  # 1550 is no count
    ],
)
def test_server_gpus_and_the_models_of_earlier_machines(text, count, accelerator):
    reading = parse_claim(text)
    assert (reading.count, reading.accelerator, reading.alternatives) == (count, accelerator, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a cluster of 100,000 H100-class GPUs", (None, 100_000, None, "exact")),  # was about
        ("100,000-plus GPUs", (None, 100_000, None, "at-least")),  # was no count
        ("one million-plus GPUs", (None, 1_000_000, None, "at-least")),  # was no count
        ("100k+ GPUs", (None, 100_000, None, "at-least")),  # was exact
        ("the 1-million-GPU cluster", (None, 1_000_000, None, "exact")),  # was 1
        ("a 100MW-plus site", (100, None, None, "exact")),
        ("200-plus megawatts", (200, None, None, "exact")),
    ],
)
def test_plus_class_and_hyphenated_scales(text, expected):
    assert _read(text) == expected
    if expected[0] is not None:
        assert parse_claim(text).power_bound == "at-least"  # was exact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a decimal comma, as most of Europe writes it (was 2 GW, 5 million)
        ("Il centro avrà 1,2 GW di potenza e 10.000 GPU.", (1200, 10_000, None, "exact")),
        ("Tendrá 2,5 millones de GPU y 5 GW.", (5000, 2_500_000, None, "exact")),
        ("12,5 MW für 10.000 GPUs", (12.5, 10_000, None, "exact")),
        # still thousands and Indian grouping; a list is no decimal
        ("1,000 GPUs at 1,2 GW", (1200, 1_000, None, "exact")),
        ("150 MW for 1,00,000 GPUs", (150, 100_000, None, "exact")),
        ("racks 1,2,3 and 4", (None, None, None, "exact")),
        # quarters (a quarter of a million was read as a million)
        ("a quarter of a million GPUs", (None, 250_000, None, "exact")),
        ("a quarter million GPUs", (None, 250_000, None, "exact")),
        ("three-quarters of a million chips at 1 GW", (1000, 750_000, None, "exact")),
        ("a quarter of a gigawatt", (250, None, None, "exact")),
        # a hyphenated half (a half-gigawatt was read as a gigawatt)
        ("a half-gigawatt campus", (500, None, None, "exact")),
        ("half-a-million GPUs", (None, 500_000, None, "exact")),
        ("a half-million GPUs", (None, 500_000, None, "exact")),
    ],
)
def test_decimal_commas_quarters_and_halves(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16,000 or more GPUs", (None, 16_000, None, "at-least")),  # was no count
        ("100,000 or so GPUs", (None, 100_000, None, "about")),  # was no count
        ("the cluster's 100,000-odd GPUs", (None, 100_000, None, "about")),  # was exact
        ("between 16,000 and 32,000 GPUs", (None, 16_000, 32_000, "between")),  # was 32,000
        ("between 2026 and 2028, 100,000 GPUs", (None, 100_000, None, "exact")),  # years are no range
        ("300 MWs for 100,000 GPUs", (300, 100_000, None, "exact")),  # was no power
        ("a 300 MWe plant", (300, None, None, "exact")),
    ],
)
def test_count_bounds_between_number_and_noun(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit's count in a relative clause is per unit: the fleet's million is the count
        (
            "The UltraServer is a system, which can contain up to 144 chips, and clusters can scale to 1 million chips.",
            (None, 1_000_000, None, "exact"),  # was the range 144 to 1 million
        ),
        # the unit's power after the clause is the unit's too: never 120 kW for 100,000 GPUs
        (
            "The rack, which holds 72 GPUs, draws 120 kW; the site has 100,000 GPUs.",
            (None, 100_000, None, "exact"),
        ),
        ("The rack, which holds 72 GPUs, draws 120 kW.", (0.12, 72, None, "exact")),
        # a clause that holds no accelerators of a unit: the whole machine's figures
        ("The system, which will use 100,000 GPUs, draws 150 MW.", (150, 100_000, None, "exact")),
    ],
)
def test_a_units_figures_in_a_relative_clause(text, expected):
    assert _read(text) == expected


# --------------------------------------------------------------------------------- bad input


def test_a_count_too_large_is_refused_in_one_line():
    with pytest.raises(InputError) as caught:
        parse_claim("300 MW for " + "9" * 400 + " GPUs")
    assert str(caught.value).startswith("claim: '999") and str(caught.value).endswith(
        "is too large for a count; accepted: 1 to 1e+12"
    )


def test_a_power_too_large_is_refused_in_one_line():
    with pytest.raises(InputError, match=r"is too large for a power; accepted: up to 1 PW$"):
        parse_claim("10^400 MW for 2,000 GPUs")


def test_longer_text_is_refused():
    with pytest.raises(InputError, match=r"^claim: 4,001 characters is too long; give at most 4,000$"):
        parse_claim("1" + " " * MAX_TEXT)


WORST = {
    "space run": "1" + " " * 3999 + "x",
    "padded table": ("| 300 MW " + " " * 60 + "| 12,000 GPUs " + " " * 60 + "|\n") * 28,
    "digits": "1" * 4000,
    "commas": "1," * 2000,
    "words": "half a " * 571,
    "vague": "tens of " * 500,
    "spaced digits": "1 " * 2000,
    # the rules that look around a figure: each look is bounded, whatever the text repeats
    "fleets": "3,456 nodes, each equipped with a 32-core CPU and 4 GPUs, " * 70,
    "bounds": "100 or more GPUs, between 1 and 2 GW, a quarter of a million " * 70,
    "clauses": "the rack, which holds 72 GPUs, draws 120 kW (out of the 170 needed) " * 60,
    "decimal commas": "1,2 " * 1000,
}


@pytest.mark.parametrize("name", sorted(WORST))
def test_the_scanner_is_linear(name):
    text = WORST[name][:MAX_TEXT]
    tokens, steps = scan(text)
    # every character is looked at a bounded number of times: at most twice, plus one step
    # per token
    assert steps <= 2 * len(text) + 1
    assert len(tokens) <= len(text)


def test_the_worst_cases_do_not_hang():
    # a hang guard only: each used to take from seconds to half an hour (cubic in the run)
    code = (
        "import calc\n"
        f"for text in {list(WORST.values())!r}:\n"
        "    reading = calc.parse_claim(text[:4000])\n"
        "print(calc.parse_claim(" + repr(WORST["padded table"][:MAX_TEXT]) + ").count)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout.strip() == "12000"


ALPHABET = "0123456789 ,.^³e+-–~$%;()\u00a0\u2009\u202fMWGkVAhoursgigawatt GPUs chips racks NVL72 DGX H100 of a half million tens thousand each per scalable to additional"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=120))
@example("1e400 MW for 2 GPUs")
@example("10^99999 GPUs")
@example("1,00,00 GPUs")
@example("0e³")
@example("1,2,3 GW 1,5")
@example("racks, each with 72 GPUs")
@example("- 1 - 2 GW")
def test_any_text_is_read_or_refused_in_one_line(text):
    try:
        reading = parse_claim(text)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert reading.count is None or 1 <= reading.count <= 10**12
    assert reading.power is None or reading.power.m_as("W") > 0


def test_a_stated_total_after_its_parts_wins():
    # "bringing the total to N" sums the counts before it, as "a total of N" does
    reading = parse_claim(
        "Samsung and SK will each deploy up to 50,000 GPUs, while Naver will install around 60,000 "
        "units, bringing the total to 260,000."
    )
    assert (reading.count, reading.count_bound) == (260_000, "exact")
    # no count before it: a bare "total to" is no count
    assert parse_claim("The site has 100 MW; the total to date is 3 buildings.").count is None


def test_cpu_superchips_are_not_accelerators():
    # Grace-Grace is two CPUs; Xeon and Arm cores are CPUs: no accelerator count
    assert parse_claim("six racks (that's 64 Grace-Grace superchips per rack)").count is None
    assert parse_claim("The cluster has 5,000 Xeon processors and 100 MW.").count is None
    # a CPU word beside an accelerator model still counts the accelerators
    reading = parse_claim("The site will hold 10,000 GB200 superchips at 20 MW.")
    assert reading.count is not None and reading.accelerator == "gb200"
    # the GPUs after the CPUs are the count: 4,000
    assert parse_claim("It runs 20,000 Arm-based Grace CPU superchips and 4,000 GPUs.").count == 4_000


def test_semiconductors_after_a_model_are_its_count():
    # "100,000 H100 Nvidia semiconductors": the model, the maker, then the chip noun
    reading = parse_claim("xAI will use 100,000 H100 Nvidia semiconductors at its Memphis supercomputer.")
    assert (reading.count, reading.accelerator) == (100_000, "h100-sxm")


def test_units_count_accelerators_named_just_before_them():
    # "AI GPU capacity from about 65,000 to more than 300,000 units": the units are the GPUs, and
    # the figure it grows to is the claim
    reading = parse_claim(
        "Nvidia said the infrastructure will boost the country's installed AI GPU capacity from about "
        "65,000 to more than 300,000 units."
    )
    assert (reading.count, reading.count_bound) == (300_000, "at-least")
    # no accelerator in the clause before: units are not accelerators
    assert parse_claim("The plant makes 5,000 units a year and 20 MW.").count is None
    assert parse_claim("It bought 10,000 H100 GPUs; the city built 300 housing units.").count == 10_000


def test_a_year_glued_to_a_number_by_a_comma_is_no_decimal_comma():
    # scraped text often drops the space after a comma: "2024,50" is the year, then 50
    reading = calc.parse_claim("In 2024,50 MW were added for 30,000 GPUs")
    assert f"{reading.power:~g}" == "50 MW" and reading.count == 30_000
    assert f"{calc.parse_claim('1,2 GW for 500.000 GPUs').power:~g}" == "1.2 GW"  # a decimal comma still
