"""`dcpower claims list|check`: the ledger as a table of verdicts, each with source and date."""

import contextlib
import io
import json

from calc.cli import main


def _run(*arguments):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def test_list():
    code, out, _ = _run("claims", "list")
    assert code == 0
    assert "  2025-07-31  stargate-norway" in out
    assert "$19.4 B" in out
    # the source column: the tier of the source the quote was read in, then its site
    line = next(line for line in out.splitlines() if "stargate-norway" in line)
    assert line.rstrip().endswith("primary · prnewswire.co.uk")
    line = next(line for line in out.splitlines() if "colossus-1-phase-1" in line)
    assert line.rstrip().endswith("reporting · tomshardware.com")


def test_check_all_json_answers_every_entry_with_its_source_and_date():
    code, out, _ = _run("claims", "check", "--all", "--json")
    claims = json.loads(out)["claims"]
    assert code == 0 and len(claims) >= 30
    assert all(c["url"].startswith("http") and c["date"] and c["answer"] for c in claims)


def test_check_text():
    code, out, _ = _run("claims", "check", "colossus-1-launch")
    assert code == 0
    # 43 MW (8 MW grid + 35 MW generators), about: 38.7-47.3 MW for 100,000 H100 = 387-473 W per GPU
    assert (
        "colossus-1-launch (2024-07): implausible: about 43 MW for 100,000 GPUs is 387.0–473.0 W per GPU"
        in out
    )
    assert "  source (reporting): https://www.tomshardware.com/" in out
    assert out.rstrip().endswith(
        "1 claim: 0 plausible, 1 implausible, 0 ample; 0 answered, not judged, with what their power, "
        "count or money alone supports (the other figure derived)"
    )


def test_stargate_norway_reads_plausible_on_the_primary_release():
    code, out, _ = _run("claims", "check", "stargate-norway")
    assert code == 0
    # 230 MW / 100,000 GB300 = 2,300 W per GPU: plausible (520 MW with H100 read ample before)
    assert "stargate-norway (2025-07-31): plausible: 230 MW for 100,000 GPUs is 2,300.0 W per GPU" in out
    assert "  source (primary): https://www.prnewswire.co.uk/" in out


def test_check_needs_ids_or_all():
    code, _, err = _run("claims", "check")
    assert code == 2 and err == "dcpower: error: claims check: give claim ids or --all, not both or neither\n"
    code, _, err = _run("claims")
    assert code == 2 and "claims: give 'list' or 'check ID'" in err


def test_an_unknown_claim_id_points_to_claims_list():
    import calc

    code, out, err = _run("claims", "check", "no-such-id")
    assert (code, out) == (2, "")
    assert err.startswith(
        "dcpower: error: claim: 'no-such-id' is not a preset; accepted: anthropic-amazon-5gw, "
    )
    total = len(calc.list_presets("claims"))  # 47 bundled when written
    assert err.endswith(f"({total} in all; see 'dcpower claims list')\n")
    assert "presets list" not in err and err.count("\n") == 1


def test_an_unknown_system_still_points_to_presets_list():
    import calc

    code, _, err = _run(
        "check", "--power", "1 GW", "--gpus", "1", "--accelerator", "a100-sxm", "--system", "nope"
    )
    assert code == 2 and err.startswith("dcpower: error: system: 'nope' is not a preset; accepted: ")
    assert err.endswith(f"({len(calc.list_presets('systems'))} in all; see 'dcpower presets list')\n")


ONE_FIGURE = """schema_version = 1
id = "{id}"
name = "A claim with one figure"
date = "2026-01-01"
quote = "the figure as the company's release states it"
url = "https://example.com/release"
{figure}
accelerator = "gb200"
confidence = "medium"

[[sources]]
title = "the company's release"
url = "https://example.com/release"
tier = "primary"
"""


def _ledger(tmp_path):
    (tmp_path / "claims").mkdir()
    for claim_id, figure in (("power-alone", 'power = "1 GW"'), ("count-alone", "count = 200000")):
        text = ONE_FIGURE.format(id=claim_id, figure=figure)
        (tmp_path / "claims" / f"{claim_id}.toml").write_text(text)
    return str(tmp_path)


def test_a_claim_with_one_figure_is_answered_with_the_other_derived(tmp_path):
    code, out, _ = _run("--preset-dir", _ledger(tmp_path), "claims", "check", "power-alone", "count-alone")
    assert code == 0
    lines = out.splitlines()
    # 1 GW / 2,057.0 W per GB200 at the facility basis = 486,144 in whole racks of 72
    assert lines[1].split() == ["2026-01-01", "power-alone", "power", "only", "answered"]
    assert lines[2].split() == ["2026-01-01", "count-alone", "count", "only", "answered"]
    assert (
        "power-alone (2026-01-01): power only: the count is what this power supports: 1 GW at the "
        "facility basis supports 486,144 gb200 (central)"
    ) in out
    assert (
        "count-alone (2026-01-01): count only: the power is what this count needs: 200,000 gb200 need "
        "411.4 MW of facility power"
    ) in out
    assert "plausible" not in out.split("\n\n")[0]  # the verdict table judges neither


def test_a_claim_with_one_figure_has_no_verdict_in_json_and_says_what_was_derived(tmp_path):
    code, out, _ = _run(
        "--preset-dir", _ledger(tmp_path), "claims", "check", "power-alone", "count-alone", "--json"
    )
    assert code == 0
    power, count = json.loads(out)["claims"]
    assert (power["verdict"], power["derived"], power["derived_note"]) == (
        None,
        ["count"],
        "power only: the count is what this power supports",
    )
    assert (count["verdict"], count["derived"]) == (None, ["power"])
