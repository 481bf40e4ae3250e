"""The ledger cites what an editor would: every claim source carries its tier, none is on the
deny-list of aggregators, forums, mirrors and AI-written sites, and the figures corrected against
the primary releases stay corrected."""

import tomllib
from urllib.parse import urlsplit

import pytest

import calc
from calc.errors import PresetError
from calc.presets import bundled_dir, load_file

IDS = calc.list_presets("claims")

DENIED = {
    # blogs, forums, AI-written aggregators and mirrors the ledger once cited
    "muskularity.com",
    "techjuice.pk",
    "windowsforum.com",
    "voice.lapaas.com",
    "particle.news",
    "ticker.report",
    "theaipost.in",
    "techfastforward.com",
    "startupfortune.com",
    "politicalmedia.com",
    "plrgoat.com",
    "news.lego-sia.com",
    "networking.news",
    "marketnewsdata.com",
    "financian.com",
    "emeraldforce.com",
    "ai-damn.com",
    "afnnews.qaasid.com",
    # AI-written aggregators the reader's sentence set once cited
    "gogoai.xin",
    "aitide.news",
    "teknowire.com",
    # other aggregators, AI-written sites and mirrors met in the same searches
    "aibase.com",
    "news.aibase.com",
    "windowsnews.ai",
    "opentools.ai",
    "sipoch.com",
    "techjacksolutions.com",
    "thedailyscout.com",
    "thesummerai.com",
    "stormap.ai",
    "i10x.ai",
    "krasa.ai",
    "edgen.tech",
    "telborg.com",
    "ppcland.cdn.mymagic.page",
    "meilu.sanwago.com",
    "newsbeep.com",
    "redlib.homelabber.dev",
    "usesonicai.com",
    "anteroom.so",
    "keynews.ai",
    "allweatherfinance.com",
    "climateerinvest.blogspot.com",
    "512pixels.net",
    "newsbytesapp.com",
    "blinkbeast.com",
    "pyuncut.com",
}
"""Domains a ledger source may not have (a subdomain of one is denied too)."""


def _host(url):
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _denied(host):
    return any(host == d or host.endswith("." + d) for d in DENIED)


def test_the_ledger_has_at_least_40_claims():
    assert len(IDS) >= 40


@pytest.mark.parametrize("claim_id", IDS)
def test_every_claim_source_has_a_tier_and_no_denied_domain(claim_id):
    claim = calc.load_claim(claim_id)
    urls = [claim.url, *(s.url for s in claim.sources)]
    assert all(s.tier in ("primary", "reporting") for s in claim.sources), claim_id
    assert not [u for u in urls if u is None or _denied(_host(u))], claim_id
    # the quote was read in one of the cited sources, and the claim's tier is that source's
    quoted = [s for s in claim.sources if s.url == claim.url]
    assert quoted and claim.tier == quoted[0].tier


def test_the_raw_files_say_tier_on_every_source():
    # not only the model: the TOML itself, so that no default ever stands in for a tier
    for claim_id in IDS:
        raw = tomllib.loads((bundled_dir() / "claims" / f"{claim_id}.toml").read_text(encoding="utf-8"))
        assert all(s.get("tier") in ("primary", "reporting") for s in raw["sources"]), claim_id


def test_the_deny_list_catches_subdomains_and_spares_outlets():
    assert _denied("voice.lapaas.com") and _denied("x.windowsforum.com")
    assert not _denied("tomshardware.com") and not _denied("prnewswire.co.uk")


def test_primary_sources_are_a_good_share():
    tiers = [calc.load_claim(i).tier for i in IDS]
    # 16 of the 47 claims quote the company's own release, a filing or the research page itself
    assert tiers.count("primary") == 16


BASE = """schema_version = 1
id = "t"
name = "A test claim"
date = "2025-01-01"
quote = "230 MW for 100,000 GPUs, as written"
url = "https://example.org/release"
power = "230 MW"
count = 100000
accelerator = "gb300"
confidence = "medium"

[[sources]]
title = "An example release"
url = "https://example.org/release"
"""


def test_a_claim_source_without_a_tier_is_refused_in_one_line(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(BASE, encoding="utf-8")
    with pytest.raises(PresetError) as error:
        load_file(path, "claims", {})
    message = str(error.value)
    assert "\n" not in message
    assert str(path) in message or path.name in message
    assert message.endswith("sources.0: tier: missing; accepted: 'primary' or 'reporting'")


def test_a_claim_source_with_a_wrong_tier_is_refused_in_one_line(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(BASE + 'tier = "blog"\n', encoding="utf-8")
    with pytest.raises(PresetError) as error:
        load_file(path, "claims", {})
    message = str(error.value)
    assert "\n" not in message
    assert message.endswith("sources.0: tier: 'blog' is not a tier; accepted: 'primary' or 'reporting'")


def test_a_hardware_source_may_leave_the_tier_out():
    # bundled accelerator and facility presets share the Source model, with the tier optional
    assert calc.load_preset("accelerators", "h100-sxm").sources[0].tier is None


def test_stargate_norway_is_the_primary_pairing():
    claim = calc.load_claim("stargate-norway")
    assert (claim.power.m_as("MW"), claim.count, claim.accelerator) == (230, 100_000, "gb300")
    assert claim.tier == "primary"
    (result,) = calc.check_ledger(("stargate-norway",)).claims
    # 230 MW / 100,000 = 2,300 W per GB300: plausible
    assert result.verdict == "plausible"
    assert result.answer == "plausible: 230 MW for 100,000 GPUs is 2,300.0 W per GPU"


def test_colossus_phase_1_counts_the_grid_and_the_batteries():
    claim = calc.load_claim("colossus-1-phase-1")
    assert (claim.power.m_as("MW"), claim.count, claim.basis) == (300, 200_000, "supply")
    assert "150 MW from Memphis Light" in claim.quote and "150 MW of Megapack" in claim.quote
    # 300 MW / 200,000 = 1,500 W per H100: plausible (150 MW alone read implausible)
    assert calc.check_ledger(("colossus-1-phase-1",)).claims[0].verdict == "plausible"


def test_colossus_launch_is_the_july_2024_figure():
    claim = calc.load_claim("colossus-1-launch")
    assert (claim.date, claim.power.m_as("MW"), claim.power_bound, claim.count) == (
        "2024-07",
        43,
        "about",
        100_000,
    )
    assert "35 MW" in claim.quote and "8 MW" in claim.quote and "70 MW" not in claim.quote
    # 43 MW ± 10 % for 100,000 H100 is 387-473 W per GPU: implausible, as the report itself says
    assert calc.check_ledger(("colossus-1-launch",)).claims[0].verdict == "implausible"


def test_the_misframed_claims_are_gone_or_reframed():
    assert "meta-prometheus-h100" not in IDS  # 1.3 million was Meta's fleet-wide target
    assert "hyperscaler-capex-2027" not in IDS
    capex = calc.load_claim("hyperscaler-capex-2025-2026")
    assert capex.budget.m_as("USD") == 736e9 and "2025 and 2026" in capex.quote
    amd = calc.load_claim("openai-amd-6gw")
    assert (amd.power.m_as("GW"), amd.power_bound) == (6, "exact")
    assert "6 gigawatt agreement" in amd.quote


@pytest.mark.parametrize(
    ("claim_id", "accelerator", "supported"),
    [
        # facility power per rack at the central assumptions: system power x draw 0.85 x (1 + IT 0.10)
        # x PUE 1.20 = system power x 1.122; whole racks only.
        # helios-mi450, 154 kW / 72 GPUs: 1 GW / 172,788 W = 5,787.4 -> 5,787 racks x 72 = 416,664
        ("openai-amd-first-gw", "mi450", 416_664),
        # 6 GW / 172,788 W = 34,724.6 -> 34,724 racks x 72 = 2,500,128
        ("openai-amd-6gw", "mi450", 2_500_128),
        # vera-rubin-nvl144, 174 kW / 72 GPUs: 10 GW / 195,228 W = 51,222.2 -> 51,222 x 72 = 3,687,984
        ("openai-nvidia-loi", "rubin", 3_687_984),
        # 1 GW / 195,228 W = 5,122.2 -> 5,122 racks x 72 = 368,784
        ("anthropic-azure-1gw", "rubin", 368_784),
        # trn3-ultraserver, 225 kW / 144 chips: 5 GW / 252,450 W = 19,805.9 -> 19,805 x 144 = 2,851,920
        ("anthropic-amazon-5gw", "trainium3", 2_851_920),
    ],
)
def test_claims_on_the_new_parts_read_their_own_presets(claim_id, accelerator, supported):
    claim = calc.load_claim(claim_id)
    assert claim.accelerator == accelerator
    assert "no preset" not in claim.notes and "estimate" in claim.notes
    central = calc.answer_claim(claim).supports[0]
    assert (central.accelerator, central.accelerators) == (accelerator, supported)


def test_huangs_rubin_count_reads_rubin():
    claim = calc.load_claim("openai-nvidia-10gw")
    assert (claim.accelerator, claim.count, claim.count_high) == ("rubin", 4_000_000, 5_000_000)
    # 10 GW / 5,000,000 = 2,000 W to 10 GW / 4,000,000 = 2,500 W per GPU, around a Vera Rubin
    # rack's 174 kW / 72 = 2,416.7 W of nameplate per GPU: plausible
    assert calc.check_ledger(("openai-nvidia-10gw",)).claims[0].verdict == "plausible"
