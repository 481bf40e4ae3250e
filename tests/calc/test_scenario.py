"""calc/scenario.py: per-field parsing, evaluation, atomic saving and reports."""

import json
import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calc
from calc.errors import InputError


@pytest.fixture(scope="module")
def colossus():
    return calc.scenario_from_facility("colossus-1")


def test_fields_round_trip_exactly(colossus):
    scenario, errors = calc.parse_fields(calc.scenario_fields(colossus), colossus)
    assert errors == {}
    assert scenario == colossus


def test_every_bad_field_gets_its_own_message(colossus):
    fields = calc.scenario_fields(colossus)
    fields.update({"power": "300 kg", "accelerators": "-1", "fleet.1.accelerator": "h900", "pue.high": "abc"})
    scenario, errors = calc.parse_fields(fields, colossus)
    assert scenario is None
    assert errors["power"] == "power: '300 kg' is a mass, not a power; e.g. '300 MW'"
    assert errors["accelerators"] == "accelerators: '-1' must be greater than zero"
    assert errors["fleet.1.accelerator"].startswith(
        "accelerator: 'h900' is not a preset; did you mean 'gh200'?"
    )
    assert errors["pue.high"].startswith("pue: 'abc' is not a number")


def test_evaluate_reports_the_claim_capacity_and_methods(colossus):
    report = calc.evaluate(colossus)
    assert report.claim.verdict == "plausible"
    assert [c.basis for c in report.capacity] == ["it", "facility"]
    assert report.capacity[1].accelerators == report.claim.readings[1].supported_accelerators
    assert report.methods[0].method == "default"


def test_save_writes_a_facility_preset_that_loads_back_identical(colossus, tmp_path):
    path = calc.save_scenario(colossus, tmp_path / "my-colossus.toml")
    again = calc.scenario_from_facility(str(path))
    assert again.model_dump(exclude={"id"}) == colossus.model_dump(exclude={"id"})
    assert calc.evaluate(again).claim.readings == calc.evaluate(colossus).claim.readings
    # no temporary file is left behind, and the file has an ordinary mode
    assert [p.name for p in tmp_path.iterdir()] == ["my-colossus.toml"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


scenario_values = st.fixed_dictionaries(
    {
        "power": st.floats(min_value=1e-3, max_value=1e6).map(lambda mw: f"{mw!r} MW"),
        "basis": st.sampled_from(calc.CLAIM_BASES),
        "accelerators": st.integers(min_value=1, max_value=10**9),
        "pue": st.tuples(st.floats(1.0, 2.0), st.floats(0.0, 0.5), st.floats(0.0, 0.5)),
        "headroom": st.floats(0.0, 0.9),
        "redundancy": st.sampled_from(["N", "2N", "4N/3", "3N/2", "3+1", "7+1"]),
        "counts": st.lists(st.floats(min_value=1e-3, max_value=1e9), min_size=1, max_size=3),
    }
)


@settings(max_examples=25)
@given(scenario_values)
def test_any_valid_scenario_reads_back_identical(tmp_path_factory, colossus, values):
    low, up1, up2 = values["pue"]
    fields = calc.scenario_fields(colossus)
    for key in [k for k in fields if k.startswith("fleet.")]:
        del fields[key]
    for i, (accelerator, count) in enumerate(
        zip(["h100-sxm", "gb200", "mi300x"], values["counts"], strict=False)
    ):
        fields[f"fleet.{i}.accelerator"] = accelerator
        fields[f"fleet.{i}.count"] = repr(count)
    fields.update(
        {
            "power": values["power"],
            "basis": values["basis"],
            "accelerators": str(values["accelerators"]),
            "pue.low": repr(low),
            "pue.central": repr(low + up1),
            "pue.high": repr(low + up1 + up2),
            "headroom": repr(values["headroom"]),
            "redundancy": values["redundancy"],
        }
    )
    scenario, errors = calc.parse_fields(fields, colossus)
    assert errors == {}
    path = calc.save_scenario(scenario, tmp_path_factory.mktemp("saved") / "round-trip.toml")
    again = calc.scenario_from_facility(str(path))
    assert again.model_dump(exclude={"id", "name"}) == scenario.model_dump(exclude={"id", "name"})


def test_save_rejects_bad_names_and_unwritable_places(colossus, tmp_path):
    with pytest.raises(InputError, match=r"save: 'My Site.toml': the file name is the preset id"):
        calc.save_scenario(colossus, tmp_path / "My Site.toml")
    with pytest.raises(InputError, match=r"save: .* must end in .toml"):
        calc.save_scenario(colossus, tmp_path / "site.txt")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(InputError) as caught:
        calc.save_scenario(colossus, blocker / "sub" / "site.toml")
    assert str(caught.value).startswith(f"save: {blocker / 'sub' / 'site.toml'}: ")
    assert "\n" not in str(caught.value)


def test_reports_in_markdown_and_json(colossus):
    report = calc.evaluate(colossus)
    markdown = calc.report_markdown(report)
    assert "**Verdict: plausible** — 1,363.6 W per GPU." in markdown
    assert "| facility | plausible | 1,080.1 W–2,325.0 W | 198,344 |" in markdown
    assert "| pue | 1.08 | 1.2 | 1.5 | Meta fleet 1.08" in markdown
    data = json.loads(calc.report_json(report))
    assert data["claim"]["verdict"] == "plausible"
    assert calc.Report.model_validate_json(calc.report_json(report)) == report
