"""calc/inputs.py and the preset writer: scenarios from keywords and fields, saving, reports."""

import json
import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calc
import calc.ui
from calc.errors import InputError


def text_fields(scenario):
    """The scenario's form with its keys written as text ("pue.central"), as a dict to edit."""
    return {str(key): text for key, text in calc.ui.scenario_fields(scenario).items()}


def parse(fields, base):
    """`parse_fields` of text-keyed fields; the errors keyed as text too."""
    scenario, errors = calc.ui.parse_fields(calc.ui.Form.read(fields), base)
    return scenario, {str(key): message for key, message in errors.items()}


@pytest.fixture(scope="module")
def colossus():
    return calc.scenario_from_facility("colossus-1")


def test_fields_round_trip_exactly(colossus):
    scenario, errors = parse(text_fields(colossus), colossus)
    assert errors == {}
    assert scenario == colossus


def test_a_fleet_row_names_its_system():
    # the TUI's fleet row: "gh200@jupiter-booster-node" is GH200 at 680 W in JUPITER's node
    jupiter = calc.scenario(power="13 MW", gpus=19_000, basis="it", fleet={"gh200@jupiter-booster-node": 1})
    fields = text_fields(jupiter)
    assert fields["fleet.0.accelerator"] == "gh200@jupiter-booster-node"
    scenario, errors = parse(fields, jupiter)
    assert errors == {}
    assert scenario == jupiter
    assert "gh200@jupiter-booster-node" in calc.ui.accelerator_choices()
    # the default system is the accelerator alone, as the TUI lists it
    dgx = calc.scenario(power="1 MW", gpus=8, fleet={"h100-sxm@dgx-h100": 1})
    assert text_fields(dgx)["fleet.0.accelerator"] == "h100-sxm"
    fields["fleet.0.accelerator"] = "gh200@dgx-h100"
    _, errors = parse(fields, jupiter)
    assert errors["fleet.0.accelerator"] == (
        "system: 'dgx-h100' holds 'h100-sxm', not 'gh200'; 'gh200' is in 'quad-gh200-node', "
        "'hpe-cray-ex254n-node', 'jupiter-booster-node' (its default 'quad-gh200-node')"
    )


def test_every_bad_field_gets_its_own_message(colossus):
    fields = text_fields(colossus)
    fields.update({"power": "300 kg", "accelerators": "-1", "fleet.1.accelerator": "h900", "pue.high": "abc"})
    scenario, errors = parse(fields, colossus)
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
    assert text_fields(again) == text_fields(colossus)
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
    fields = text_fields(colossus)
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
    scenario, errors = parse(fields, colossus)
    assert errors == {}
    path = calc.save_scenario(scenario, tmp_path_factory.mktemp("saved") / "round-trip.toml")
    again = calc.scenario_from_facility(str(path))
    assert text_fields(again) == text_fields(scenario)
    assert calc.ui.resolve(again).assumptions == calc.ui.resolve(scenario).assumptions


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
    assert "Verdict: PLAUSIBLE. So it holds as IT power with draw_factor near 0.92" in markdown
    assert "| facility | plausible | 1,062.7 W–2,325.0 W | 1,512.3 W | 198,344 |" in markdown
    assert "| pue | 1.08 | 1.2 | 1.5 | Meta fleet 1.08" in markdown
    data = json.loads(calc.report_json(report))
    assert data["claim"]["verdict"] == "plausible"
    assert calc.Report.model_validate_json(calc.report_json(report)) == report


def test_a_method_switch_keeps_site_facts_and_the_users_own_values():
    # Stargate Abilene with it_overhead set by hand: every method keeps the user's it_overhead
    base = calc.scenario_from_facility("stargate-abilene")
    fields = text_fields(base)
    fields.update({"it_overhead.low": "0.06", "it_overhead.central": "0.1", "it_overhead.high": "1.3"})
    edited, errors = parse(fields, base)
    assert errors == {}
    assert edited.overrides == {
        "it_overhead": {"low": 0.06, "central": 0.1, "high": 1.3, "source": "set by the user"}
    }
    switched = calc.with_method(edited, "epoch")
    assert switched.overrides == edited.overrides and switched.site == base.site
    assert calc.ui.resolve(switched).assumptions.it_overhead.high == 1.3
    assert calc.ui.resolve(switched).assumptions.server_factor.central == 1.82  # epoch's own value


def test_the_methods_table_applies_the_users_overrides_like_the_cli():
    # the defect: the TUI's methods table ignored edits while `check --method all --set` applied them
    scenario = calc.scenario(facility="stargate-abilene", assumptions={"it_overhead": "0.06:0.1:1.3"})
    report = calc.evaluate(scenario)
    default = next(m for m in report.methods if m.method == "default")
    it = next(r for r in default.readings if r.basis == "it")
    # GB200 NVL72: 132 kW / 72 x 1.0 x (1 + 1.3) = 4,216.7 W per GPU at the high end
    assert it.high.m_as("W") == pytest.approx(132_000 / 72 * 2.3)
    cli = calc.compare_methods(scenario)
    assert [m.model_dump(mode="json") for m in report.methods] == [m.model_dump(mode="json") for m in cli]


def test_a_facility_means_the_same_in_every_function():
    # the defect: calc.capacity(facility=...) raised TypeError; now it takes the facility's power
    result = calc.capacity(facility="colossus-1")
    assert result.power.m_as("MW") == 300
    assert result.basis == "facility"
    assert result.notes[0] == "basis unspecified: read as facility power (a claim check reads it both ways)"
    assert result.accelerators == calc.check_claim(facility="colossus-1").readings[1].supported_accelerators
    assert calc.required_power(facility="colossus-1").accelerators == 220_000


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: calc.capacity("300 MW", accelerator=5),
            "accelerator: 5 is not text; give an id such as 'h100-sxm'",
        ),
        (lambda: calc.capacity("300 MW", mix=[1]), "mix: [1] is not a mapping; give e.g. {'h100-sxm': 1000}"),
        (lambda: calc.check_claim("300 MW", 1, "h100-sxm", assumptions=2), "assumptions: 2 is not a mapping"),
        (lambda: calc.check_claim("300 MW", 1, "h100-sxm", basis=3), "basis: 3 is not text"),
        (
            lambda: calc.check_claim("300 MW", 1, "h100-sxm", facility=7),
            "facility: 7 is not a facility id or path",
        ),
    ],
)
def test_wrong_types_are_refused_in_one_line_naming_the_argument(call, message):
    with pytest.raises(InputError) as caught:
        call()
    assert str(caught.value).startswith(message)


def test_export_writes_markdown_and_json_and_refuses_a_directory(colossus, tmp_path):
    report = calc.evaluate(colossus)
    markdown, data = calc.export_report(report, tmp_path / "colossus")
    assert (markdown.name, data.name) == ("colossus.md", "colossus.json")
    assert calc.Report.model_validate_json(data.read_text()).claim == report.claim
    for where in ("/", str(tmp_path)):
        with pytest.raises(InputError, match=r"(is|names) a directory; give a file name"):
            calc.export_report(report, where)


LEASE = (
    "This gives us access to more than 300 megawatts of new capacity (over 220,000 NVIDIA GPUs) "
    "within the month."
)


def test_save_keeps_the_bounds_of_a_claim_read_from_its_sentence(tmp_path):
    stated = calc.sentences.sentence_scenario(calc.parse_claim(LEASE), name="Colossus 1 lease")
    assert (stated.power_bound, stated.count_bound) == ("at-least", "at-least")
    path = calc.save_scenario(stated, tmp_path / "lease.toml")
    text = path.read_text()
    assert 'power_bound = "at-least"' in text and 'count_bound = "at-least"' in text
    again = calc.scenario_from_facility(str(path))
    assert (again.power_bound, again.count_bound, again.accelerators_high) == ("at-least", "at-least", None)
    assert text_fields(again) == text_fields(stated)
    assert calc.check_claim(again).summary == calc.check_claim(stated).summary
    # saved again, the file is the same: the round trip is exact
    assert calc.save_scenario(again, tmp_path / "lease.toml").read_text() == text


def test_save_keeps_a_count_range(tmp_path):
    stated = calc.sentences.sentence_scenario(
        calc.parse_claim("10 gigawatts of AI datacenters with 4 million or 5 million GPUs")
    )
    assert (stated.count_bound, stated.accelerators, stated.accelerators_high) == (
        "between",
        4_000_000,
        5_000_000,
    )
    again = calc.scenario_from_facility(str(calc.save_scenario(stated, tmp_path / "range.toml")))
    assert (again.count_bound, again.accelerators, again.accelerators_high) == (
        "between",
        4_000_000,
        5_000_000,
    )
    # an exact claim writes no bounds, as a hand-written preset leaves them out
    colossus = calc.scenario_from_facility("colossus-1")
    assert "bound" not in calc.save_scenario(colossus, tmp_path / "exact.toml").read_text()


def test_a_facility_refuses_a_count_range_without_its_upper_end():
    data = calc.load_facility("colossus-1").model_dump()
    with pytest.raises(ValueError, match="gpus_high: a count range needs gpus_bound 'between'"):
        calc.Facility.model_validate({**data, "count_bound": "between"})
    with pytest.raises(ValueError, match=r"gpus_high: 1000 must be at least the count \(220000\)"):
        calc.Facility.model_validate({**data, "count_bound": "between", "accelerators_high": 1000})


def test_fields_keep_the_bounds_while_other_fields_are_edited():
    stated = calc.sentences.sentence_scenario(calc.parse_claim(LEASE))
    fields = text_fields(stated)
    fields.update({"pue.central": "1.3", "basis": "it", "power": "0.3 GW"})  # 0.3 GW is 300 MW
    edited, errors = parse(fields, stated)
    assert errors == {}
    assert (edited.power_bound, edited.count_bound) == ("at-least", "at-least")
    # a power or count edited to another figure is that figure, exactly
    fields["power"] = "350 MW"
    edited, _ = parse(fields, stated)
    assert (edited.power_bound, edited.count_bound) == ("exact", "at-least")
    fields["accelerators"] = "250000"
    edited, _ = parse(fields, stated)
    assert (edited.power_bound, edited.count_bound) == ("exact", "exact")


def test_a_range_count_edited_past_its_upper_end_is_exact():
    stated = calc.sentences.sentence_scenario(calc.parse_claim("10 GW for 4 million or 5 million GPUs"))
    fields = {**text_fields(stated), "accelerators": "6000000"}
    edited, errors = parse(fields, stated)
    assert errors == {}
    assert (edited.count_bound, edited.accelerators_high) == ("exact", None)


def test_figures_given_over_a_facility_drop_its_bounds(tmp_path):
    stated = calc.sentences.sentence_scenario(calc.parse_claim(LEASE))
    path = str(calc.save_scenario(stated, tmp_path / "lease.toml"))
    assert calc.scenario(facility=path).power_bound == "at-least"
    assert calc.scenario(power="400 MW", facility=path).power_bound == "exact"
    mine = calc.scenario(gpus=100_000, facility=path)
    assert (mine.power_bound, mine.count_bound) == ("at-least", "exact")


def test_system_errors_say_where_the_accelerator_is_and_how_to_name_it():
    # every system holding A100 SXM is listed, not only its default DGX A100
    with pytest.raises(calc.InputError) as wrong:
        calc.scenario(power="1 MW", fleet={"a100-sxm@dgx-h100": 10})
    assert str(wrong.value) == (
        "system: 'dgx-h100' holds 'h100-sxm', not 'a100-sxm'; 'a100-sxm' is in 'dgx-a100', "
        "'hpe-cray-ex235n-node', 'juwels-booster-node', 'leonardo-booster-node' (its default 'dgx-a100')"
    )
    # a system beside a fleet: the fleet entry carries it
    with pytest.raises(calc.InputError) as beside:
        calc.scenario(power="1 MW", fleet={"a100-sxm@dgx-a100": 10}, system="dgx-a100")
    assert str(beside.value) == (
        "system: 'dgx-a100' goes with accelerator, not fleet; name each fleet entry's system as "
        "ID@SYSTEM, e.g. 'a100-sxm@dgx-a100=10'"
    )
    with pytest.raises(calc.InputError) as alone:
        calc.scenario(power="1 MW", system="dgx-a100")
    assert str(alone.value) == "system: 'dgx-a100' needs an accelerator; give both (it holds 'a100-sxm')"
    # a malformed system id is shown a system id as the example
    with pytest.raises(calc.InputError) as malformed:
        calc.scenario(power="1 MW", accelerator="a100-sxm", system="Bad Id!")
    assert str(malformed.value) == (
        "system: 'Bad Id!' is not a system id; ids are kebab-case names such as 'dgx-h100' "
        "(see 'dcpower presets list')"
    )


def test_a_facility_saved_as_a_scenario_keeps_its_location_timeline_and_deliveries(tmp_path):
    # the defect: the saved preset had neither; Colossus 1 has 10 stages and 4 deliveries
    original = calc.load_facility("colossus-1")
    path = calc.save_scenario(calc.scenario_from_facility("colossus-1"), tmp_path / "colossus-copy.toml")
    saved = calc.load_facility(str(path))
    assert saved.location == "Memphis, Tennessee, US" == original.location
    assert saved.timeline == original.timeline and len(saved.timeline) == 10
    assert saved.deliveries == original.deliveries and len(saved.deliveries) == 4
    # saved again from the copy, it still has them (the copy is now the scenario's facility)
    again = calc.load_facility(str(calc.save_scenario(calc.scenario_from_facility(str(path)), path)))
    assert again.timeline == original.timeline
    # a claim read from a sentence has no site: nothing to keep, and it saves as before
    claim = calc.sentences.sentence_scenario(calc.parse_claim("300 MW for 220,000 H100 GPUs"))
    bare = calc.load_facility(str(calc.save_scenario(claim, tmp_path / "claim.toml")))
    assert (bare.location, bare.timeline, bare.deliveries) == ("", (), ())


def test_the_energy_and_orbital_inputs_round_trip_through_a_saved_scenario(tmp_path):
    base = calc.scenario_from_facility("colossus-1")
    fields = text_fields(base)
    assert fields["energy.price"] == "0.081 USD/kWh" and fields["orbital.orbit"] == "dawn-dusk-sso"
    fields["energy.price"] = "0.05 USD/kWh"
    fields["orbital.emissivity"] = "0.8"
    edited, errors = parse(fields, base)
    assert errors == {}
    # only what differs from the presets is the scenario's own
    assert (edited.energy, edited.orbital) == ({"price": "0.05 USD/kWh"}, {"emissivity": "0.8"})
    path = calc.save_scenario(edited, tmp_path / "priced.toml")
    opened = calc.scenario_from_facility(str(path))
    assert (opened.energy, opened.orbital) == (edited.energy, edited.orbital)
    assert text_fields(opened)["energy.price"] == "0.05 USD/kWh"
    # a saved file with an option no question takes is refused, naming it and the accepted ones
    path.write_text(path.read_text().replace("[energy]\n", '[energy]\ncolour = "red"\n'))
    with pytest.raises(calc.CalcError, match=r"energy\.colour: not an option; accepted: load_factor"):
        calc.scenario_from_facility(str(path))
