"""The sentence reader's score on the corpus of real sentences (tests/sentences/score.py).

The floors sit a little below the figures measured when the rules were last changed (docs/claims.md,
"Sentence reader"); the rules were tuned on the dev split only. The misses are printed (shown
with ``pytest -rP``).
"""

import pytest

from tests.sentences.score import corpus_rows, score

# measured: see docs/claims.md "Sentence reader"; floors a point or two below
FLOORS = {
    # measured: dev (202) 98.5 / 97.5 / 96.0 / 97.0 %, test (211) 95.3 / 94.3 / 89.6 / 94.8 %
    # (power / count / both / bounds right), the blind reporting-e part included
    "dev": {"power": 0.97, "count": 0.96, "both": 0.94, "bounds": 0.96},
    "test": {"power": 0.94, "count": 0.93, "both": 0.88, "bounds": 0.93},
}


@pytest.fixture(scope="module")
def scores():
    return score(corpus_rows())


def test_the_corpus_is_split_by_the_hash_rule():
    import hashlib

    rows = corpus_rows()
    assert len(rows) >= 413
    for row in rows:
        odd = int(hashlib.sha256(row["quote"].encode("utf-8")).hexdigest(), 16) % 2 == 1
        assert row["split"] == ("test" if odd else "dev")


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_reader_scores_at_least_its_floor(scores, split):
    result = scores[split]
    print(result.line(split))
    for miss in result.misses:
        print("  -", miss)
    assert result.rows > 0
    for figure, floor in FLOORS[split].items():
        assert result.share(figure) >= floor, f"{split} {figure}: {result.share(figure):.1%} < {floor:.0%}"


def test_the_scorer_judges_units_and_ranges():
    from tests.sentences.score import judge

    row = {
        "quote": "a 0.3 GW site for 4 million or 5 million GPUs",
        "power": "300 MW",
        "power_bound": "exact",
        "count": 4_000_000,
        "count_high": 5_000_000,
        "count_bound": "between",
    }
    assert judge(row)[:3] == (True, True, True)
    assert judge({**row, "power": "301.6 MW"})[0] is False  # 0.53 % off: beyond 0.5 %
    assert judge({**row, "power": "301.4 MW"})[0] is True  # 0.47 % off
    assert judge({**row, "count_high": None})[1] is False
    assert judge({**row, "power": "300 MVA"})[0] is False  # apparent power is not real power
