"""The corpus of real sentences is well formed (tests/data/corpus/check.py) and quotes no
AI-written aggregator: it is a sample of language, so a source may be any public page, but
not the sites that rewrite others' reporting by machine."""

import importlib.util
import json
from pathlib import Path
from urllib.parse import urlsplit

from tests.sentences.score import CORPUS

AGGREGATORS = {
    # the blogs, forums, AI-written aggregators and mirrors the ledger once cited
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
    # and the ones the sentence set once cited
    "gogoai.xin",
    "aitide.news",
    "teknowire.com",
}


def _check_module():
    spec = importlib.util.spec_from_file_location("corpus_check", CORPUS / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_check_py_finds_no_problem(capsys):
    assert _check_module().main() == 0, capsys.readouterr().out


def test_check_py_knows_every_bundled_accelerator():
    ids = _check_module().ACCEL
    assert {"mi300a", "mi300x", "rubin-ultra", "generic", "generic-amd"} <= ids
    assert "mi301x" not in ids


def test_check_py_names_a_wrong_accelerator_and_a_wrong_split():
    check = _check_module()
    quote = "A 10 MW hall for 5,000 GPUs."
    row = {
        "quote": quote,
        "source": "https://example.org/a",
        "power": "10 MW",
        "power_bound": "exact",
        "count": 5000,
        "count_high": None,
        "count_bound": "exact",
        "accelerator": "mi301x",
        "alternatives": [],
        "split": "nowhere",
    }
    problems = list(check.problems_of(Path("x.jsonl"), 1, row))
    assert "x.jsonl:1: accelerator 'mi301x' is not a known id" in problems
    assert any(p.startswith("x.jsonl:1: split 'nowhere', the sha256 rule gives") for p in problems)


def _host(url):
    return (urlsplit(url).hostname or "").removeprefix("www.")


def test_no_corpus_sentence_comes_from_an_ai_written_aggregator():
    cited = []
    for path in [*sorted(CORPUS.glob("*.jsonl")), CORPUS.parent / "sentences.jsonl"]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            host = _host(json.loads(line)["source"]) if line.strip() else ""
            if any(host == d or host.endswith("." + d) for d in AGGREGATORS):
                cited.append(f"{path.name}:{n} {host}")
    assert not cited
