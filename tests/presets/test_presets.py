"""Every bundled preset validates, is sourced, and references what exists; user presets override."""

import tomllib
from pathlib import Path

import pytest

import calc
from calc.presets import KINDS, bundled_dir

REQUIRED_ACCELERATORS = {
    "a100-sxm",
    "v100-sxm2",
    "h100-sxm",
    "h100-pcie",
    "h200-sxm",
    "gh200",
    "b200",
    "b300",
    "gb200",
    "gb300",
    "mi250x",
    "mi300a",
    "mi300x",
    "mi325x",
    "mi355x",
    "gaudi3",
    "max-1550",
    "tpu-v5p",
    "tpu-v6e",
    "tpu-v7",
    "trainium2",
    "rubin",
    "rubin-ultra",
    "mi450",
    "trainium3",
}
ALL = [(kind, preset_id) for kind in KINDS for preset_id in calc.list_presets(kind)]


@pytest.mark.parametrize(("kind", "preset_id"), ALL)
def test_every_bundled_preset_loads_and_cites_a_source(kind, preset_id):
    preset = calc.load_preset(kind, preset_id)
    assert preset.id == preset_id
    assert preset.sources and all(len(s.title) > 10 for s in preset.sources)
    raw = tomllib.loads((bundled_dir() / kind / f"{preset_id}.toml").read_text())
    assert raw["schema_version"] == 1


def test_the_required_accelerators_are_bundled():
    assert REQUIRED_ACCELERATORS <= set(calc.list_presets("accelerators"))


@pytest.mark.parametrize("preset_id", sorted(REQUIRED_ACCELERATORS))
def test_accelerator_system_references_resolve(preset_id):
    spec = calc.load_accelerator(preset_id)
    system = calc.load_system(spec.system)
    assert system.accelerator == spec.id


def test_estimates_say_how_they_were_made():
    for kind in ("accelerators", "systems"):
        for preset_id in calc.list_presets(kind):
            preset = calc.load_preset(kind, preset_id)
            if preset.confidence == "estimate":
                assert "stimate" in preset.notes, preset_id


def test_facilities_reference_known_accelerators_and_there_are_enough():
    facilities = calc.list_presets("facilities")
    assert "colossus-1" in facilities and len(facilities) >= 7
    accelerators = set(calc.list_presets("accelerators"))
    for preset_id in facilities:
        site = calc.load_facility(preset_id)
        assert set(site.fleet) <= accelerators, preset_id
        calc.check_claim(facility=preset_id)  # every facility can be checked


def test_every_method_builds_complete_assumptions():
    for method in calc.list_presets("assumptions"):
        assumptions = calc.build_assumptions(method)
        assert assumptions.pue.low >= 1.0


NEW_RACKS = {
    # accelerator: (system, accelerators per system, counted per)
    "rubin": ("vera-rubin-nvl144", 72),  # 72 two-die packages (NVIDIA's NVL144 counts 144 dies)
    "rubin-ultra": ("rubin-ultra-nvl576", 576),  # 576 dies in 144 four-die packages
    "mi450": ("helios-mi450", 72),
    "trainium3": ("trn3-ultraserver", 144),  # 36 servers x 4 chips
}


@pytest.mark.parametrize("accelerator", sorted(NEW_RACKS))
def test_the_2026_2027_racks_count_as_their_makers_do_and_estimates_are_marked(accelerator):
    system_id, per_system = NEW_RACKS[accelerator]
    system = calc.load_system(system_id)
    assert (system.accelerator, system.accelerators_per_system) == (accelerator, per_system)
    assert calc.load_accelerator(accelerator).confidence == "estimate"
    assert "ounted" in calc.load_accelerator(accelerator).notes or accelerator == "trainium3"


def test_nvidias_own_600_kw_576_gpu_rubin_ultra_rack_reads_plausible():
    # 600 kW / 576 = 1,041.67 W per GPU die; the server basis spans 600 kW / 576 x
    # draw_factor 0.70-1.00 = 729.2-1,041.7 W, so NVIDIA's own rack sits at its high end
    result = calc.check_claim("600 kW", gpus=576, accelerator="rubin-ultra", basis="server")
    assert result.verdict == "plausible"
    assert round(result.implied_power_per_accelerator.m_as("W"), 2) == 1041.67
    # unspecified basis: IT 772.9-1,197.9 W holds 1,041.7 W as well
    assert calc.check_claim("600 kW", gpus=576, accelerator="rubin-ultra").verdict == "plausible"
    # counted per package (144) it is four times too much power for the rack: ample
    assert calc.check_claim("600 kW", gpus=144, accelerator="rubin-ultra", basis="server").verdict == "ample"


def test_dgx_h100_golden_figure():
    system = calc.load_system("dgx-h100")
    # 10.2 kW / 8 = 1,275 W per GPU
    assert system.system_power.m_as("W") / system.accelerators_per_system == 1275.0


def _write(directory: Path, kind: str, preset_id: str, text: str) -> Path:
    (directory / kind).mkdir(parents=True, exist_ok=True)
    path = directory / kind / f"{preset_id}.toml"
    path.write_text(text)
    return path


H100_OVERRIDE = """schema_version = 1
id = "h100-sxm"
name = "H100 capped at 600 W"
vendor = "NVIDIA"
counted_as = "GPU"
tdp = "600 W"
system = "dgx-h100"
confidence = "medium"
[[sources]]
title = "our own power-capping policy"
"""


def test_user_preset_dir_overrides_bundled_and_says_so(tmp_path, monkeypatch):
    _write(tmp_path, "accelerators", "h100-sxm", H100_OVERRIDE)
    monkeypatch.setenv("DCPOWER_PRESET_DIR", str(tmp_path))
    calc.presets.reset_catalog()
    assert calc.load_accelerator("h100-sxm").tdp.m_as("W") == 600.0
    assert calc.presets.preset_origin("accelerators", "h100-sxm") == "user"
    result = calc.check_claim("300 MW", gpus=220_000, accelerator="h100-sxm")
    assert any("overrides" in note and "h100-sxm" in note for note in result.notes)


def test_a_preset_file_is_read_once_until_it_changes(tmp_path, monkeypatch):
    path = _write(tmp_path, "accelerators", "h100-sxm", H100_OVERRIDE)
    calc.set_preset_dirs(tmp_path)
    reads = []
    read = calc.presets.read_preset_text
    monkeypatch.setattr(calc.presets, "read_preset_text", lambda p: reads.append(p) or read(p))
    assert [calc.load_accelerator("h100-sxm").tdp.m_as("W") for _ in range(3)] == [600.0] * 3
    assert reads == [path]  # read and validated once: the next loads find it unchanged
    path.write_text(H100_OVERRIDE.replace('"600 W"', '"650 W"'))  # another size: read again
    assert calc.load_accelerator("h100-sxm").tdp.m_as("W") == 650.0
    assert reads == [path, path]


def test_a_rewrite_that_keeps_size_and_mtime_is_read_again_by_both_caches(tmp_path):
    import os

    import calc.chain

    path = _write(tmp_path, "accelerators", "h100-sxm", H100_OVERRIDE)
    calc.set_preset_dirs(tmp_path)
    assert calc.load_accelerator("h100-sxm").tdp.m_as("W") == 600.0
    assert calc.chain.fleet_item("h100-sxm").tdp == 600.0  # the derived cache (watts), as reports use it
    before = os.stat(path)
    # what `cp -p`, `touch -r` or a 1 s timestamp does: the same size, the old mtime
    path.write_text(H100_OVERRIDE.replace('"600 W"', '"650 W"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size and os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert calc.load_accelerator("h100-sxm").tdp.m_as("W") == 650.0  # the ctime moved
    assert calc.chain.fleet_item("h100-sxm").tdp == 650.0


def test_per_user_config_dir_is_read(isolated_presets):
    _write(
        isolated_presets / "dcpower" / "presets",
        "facilities",
        "my-site",
        """schema_version = 1
id = "my-site"
name = "My site"
power = "50 MW"
accelerators = 30000
confidence = "estimate"
[fleet]
b200 = 30000
[[sources]]
title = "planning spreadsheet, 2026"
""",
    )
    calc.presets.reset_catalog()
    assert "my-site" in calc.list_presets("facilities")
    assert calc.check_claim(facility="my-site").accelerators == 30_000


def test_broken_user_file_names_the_file_and_the_field(tmp_path):
    path = _write(tmp_path, "accelerators", "h100-sxm", H100_OVERRIDE.replace('"600 W"', '"600"'))
    calc.set_preset_dirs(tmp_path)
    with pytest.raises(calc.PresetError) as caught:
        calc.load_accelerator("h100-sxm")
    assert str(caught.value) == f"{path}: tdp: '600' has no unit; give one such as '700 W'"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace('id = "h100-sxm"', 'id = "other"'),
            "id: 'other' must equal the file name 'h100-sxm'",
        ),
        (lambda t: t.replace('tdp = "600 W"\n', ""), "tdp: missing (required)"),
        (lambda t: t.replace('"600 W"', '"600 kg"'), "tdp: '600 kg' is a mass, not a power; e.g. '700 W'"),
        (lambda t: t + "colour = 'green'\n", "colour: Extra inputs are not permitted (got 'green')"),
        (lambda t: t.replace("schema_version = 1", "schema_version = 1\n[["), "not valid TOML"),
    ],
)
def test_user_file_errors(tmp_path, edit, message):
    path = _write(tmp_path, "accelerators", "h100-sxm", edit(H100_OVERRIDE))
    calc.set_preset_dirs(tmp_path)
    with pytest.raises(calc.PresetError) as caught:
        calc.load_accelerator("h100-sxm")
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_preset_dir_must_exist(tmp_path):
    with pytest.raises(calc.PresetError, match=r"preset-dir: .* is not a directory"):
        calc.set_preset_dirs(tmp_path / "missing")


def test_unknown_kind_is_rejected():
    with pytest.raises(calc.PresetError, match="kind: 'gpus' is not a preset kind; accepted: accelerators"):
        calc.list_presets("gpus")


@pytest.mark.parametrize(
    ("facility", "accelerators"),
    [
        ("aurora", 55_404),  # 9,234 nodes x 6 GPU Max 1550 (arXiv 2604.09517)
        ("frontier", 36_992),  # 8,730,112 TOP500 cores / 944 per node = 9,248 nodes x 4 MI250X
        ("el-capitan", 43_808),  # 11,039,616 TOP500 cores / 1,008 per node = 10,952 nodes x 4 MI300A
    ],
)
def test_hpl_runs_count_the_nodes_that_ran(facility, accelerators):
    site = calc.load_facility(facility)
    assert site.accelerators == accelerators
    assert sum(site.fleet.values()) == accelerators


def test_water_use_is_the_2023_figure_with_the_2016_one_as_its_high_end():
    wue = calc.load_preset("economics", "default").parameters["wue"]
    assert (wue.value, wue.high) == ("0.36 L/kWh", "1.8 L/kWh")


@pytest.mark.parametrize("method", calc.list_presets("assumptions"))
def test_method_calibrations_name_known_accelerators(method):
    known = set(calc.list_presets("accelerators"))
    assert set(calc.load_assumption_set(method).by_accelerator) <= known


@pytest.mark.parametrize("system_id", calc.list_presets("systems"))
def test_a_system_power_range_says_where_each_end_comes_from(system_id):
    system = calc.load_system(system_id)
    span = system.system_power_range
    if span is not None:
        assert span.low <= system.system_power <= span.high
        assert len(span.low_source) > 10 and len(span.high_source) > 10


def test_a_system_power_range_must_hold_its_central():
    with pytest.raises(ValueError, match="system_power_range: 120 kW – 130 kW must hold system_power 132 kW"):
        calc.SystemSpec.model_validate(
            {
                **calc.load_system("gb200-nvl72").model_dump(),
                "system_power_range": {
                    "low": "120 kW",
                    "low_source": "NVIDIA, GTC 2024",
                    "high": "130 kW",
                    "high_source": "a made-up figure",
                },
            }
        )
