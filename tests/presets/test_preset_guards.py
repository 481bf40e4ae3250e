"""Preset files at the boundary: only regular .toml files under a size cap, errors naming the file."""

import os
import re
from pathlib import Path

import pytest

import calc
from calc.presets import bundled_dir, load_preset, set_preset_dirs

H100 = (bundled_dir() / "accelerators" / "h100-sxm.toml").read_text()


def _refused(kind, preset_id):
    with pytest.raises(calc.PresetError) as caught:
        load_preset(kind, preset_id)
    return str(caught.value)


def test_a_device_is_refused_without_reading_it():
    assert _refused("accelerators", "/dev/zero") == (
        "/dev/zero: is not a regular file (a device, FIFO or socket); give a .toml file"
    )


def test_a_fifo_is_refused_without_opening_it(tmp_path):
    # opening a FIFO for reading would wait for a writer forever
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)
    assert _refused("facilities", str(fifo)) == (
        f"{fifo}: is not a regular file (a device, FIFO or socket); give a .toml file"
    )


def test_a_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "z.toml"
    link.symlink_to("/dev/zero")
    assert _refused("assumptions", str(link)).endswith(
        ": is not a regular file (a device, FIFO or socket); give a .toml file"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a directory; give a .toml file"),
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b"id = \xff\xfe"), "is not UTF-8 text (byte 5); save it as UTF-8"),
        (
            lambda p: p.write_text("[["),
            "not valid TOML: Invalid initial character for a key part (at end of document)",
        ),
        (lambda p: p.write_text("a = " + "[" * 5000 + "]" * 5000), "is nested too deeply to be a preset"),
        (
            lambda p: p.write_bytes(b"#" * 10_000_000),
            "is too large (10,000,000 bytes); a preset is at most 1,000,000 bytes",
        ),
    ],
)
def test_hostile_files_are_refused_in_one_line(tmp_path, make, message):
    path = tmp_path / "x.toml"
    make(path)
    assert _refused("accelerators", str(path)) == f"{path}: {message}"


def test_a_file_not_named_toml_is_refused(tmp_path):
    path = tmp_path / "h100-sxm.json"
    path.write_text(H100)
    assert _refused("accelerators", str(path)) == (
        f"{path}: is not a .toml file; a preset is a TOML file named ID.toml"
    )


def test_a_preset_of_another_kind_is_named_as_such_even_after_it_was_cached():
    path = str(bundled_dir() / "accelerators" / "h100-sxm.toml")
    assert load_preset("accelerators", path).id == "h100-sxm"  # now cached as an accelerator
    assert _refused("assumptions", path) == (
        f"{path}: is not an assumption set (it reads as an accelerator preset); method: missing (required)"
    )


def _user(tmp_path, kind, preset_id, text):
    folder = tmp_path / kind
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{preset_id}.toml").write_text(text)
    set_preset_dirs(tmp_path)
    return folder / f"{preset_id}.toml"


def test_a_subnormal_tdp_is_refused_naming_the_file(tmp_path):
    path = _user(tmp_path, "accelerators", "h100-sxm", H100.replace('"700 W"', '"5e-324 W"'))
    assert (
        _refused("accelerators", "h100-sxm")
        == f"{path}: tdp: '5e-324 W' is less than 1 mW; accepted: at least 1 mW"
    )


def _without(text, table):
    return re.sub(rf"\[{re.escape(table)}\]\n(.*\n)*?\n", "", text)


def test_an_economics_preset_missing_a_parameter_names_the_file_and_the_parameter(tmp_path):
    text = _without((bundled_dir() / "economics" / "default.toml").read_text(), "parameters.wue")
    path = _user(tmp_path, "economics", "default", text)
    message = "parameters.wue: missing (required for an economics set)"
    assert _refused("economics", "default") == f"{path}: {message}"
    with pytest.raises(calc.PresetError, match=re.escape(message)):
        calc.annual_energy("1 MW")


def test_an_orbital_preset_missing_a_parameter_names_the_file_and_the_parameter(tmp_path):
    text = _without((bundled_dir() / "orbital" / "leo-550km.toml").read_text(), "parameters.emissivity")
    path = _user(tmp_path, "orbital", "leo-550km", text)
    assert (
        _refused("orbital", "leo-550km")
        == f"{path}: parameters.emissivity: missing (required for an orbital set)"
    )


def test_a_bad_value_in_an_economics_preset_names_the_file(tmp_path):
    text = (bundled_dir() / "economics" / "default.toml").read_text().replace('"0.081 USD/kWh"', '"abc"')
    path = _user(tmp_path, "economics", "default", text)
    with pytest.raises(calc.PresetError) as caught:
        calc.annual_energy("1 MW")
    assert str(caught.value) == (
        f"{path}: parameters.electricity_price.value: price: 'abc' is not a number with a unit; "
        "give one such as '0.07 USD/kWh'"
    )


def test_a_bad_value_in_an_orbital_preset_names_the_file(tmp_path):
    text = (bundled_dir() / "orbital" / "leo-550km.toml").read_text()
    text = re.sub(r"(\[parameters.emissivity\]\nvalue = )[^\n]*", r"\g<1>1.5", text)
    path = _user(tmp_path, "orbital", "leo-550km", text)
    with pytest.raises(calc.PresetError) as caught:
        calc.orbital("1 MW", orbit="leo-550km")
    assert str(caught.value) == (
        f"{path}: parameters.emissivity.value: emissivity: 1.5 is outside its accepted range 0.01 to 1"
    )


def test_a_bad_assumption_in_a_facility_preset_names_the_file(tmp_path):
    text = (bundled_dir() / "facilities" / "colossus-1.toml").read_text() + '\n[assumptions]\npue = "abc"\n'
    path = _user(tmp_path, "facilities", "colossus-1", text)
    assert _refused("facilities", "colossus-1") == (
        f"{path}: assumptions.pue: 'abc' is not a number; give e.g. '1.2' or a range "
        "'low:central:high' such as '1.1:1.2:1.4'"
    )


def test_a_file_name_that_is_not_utf8_is_named_when_an_id_is_not_found(tmp_path):
    folder = tmp_path / "accelerators"
    folder.mkdir()
    (Path(os.fsdecode(bytes(folder) + b"/bad\xff.toml"))).write_text(H100)
    set_preset_dirs(tmp_path)
    message = _refused("accelerators", "bad")
    assert message.endswith("/accelerators/bad\\udcff.toml: skipped: the file name is not a preset id")
    assert "; note: " in message and len(message) <= 300


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_an_unreadable_preset_directory_is_named(tmp_path):
    folder = tmp_path / "accelerators"
    folder.mkdir()
    folder.chmod(0)
    try:
        set_preset_dirs(tmp_path)
        assert _refused("accelerators", "mine").endswith(
            f"; note: {folder}: cannot be listed (permission denied)"
        )
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize(
    ("directory", "message"),
    [
        ("", "preset-dir: '' is empty; give a directory such as '~/my-presets'"),
        ("a" * 100_000, "preset-dir: '" + "a" * 78 + "… cannot be read (File name too long)"),
        ("/dev/zero", "preset-dir: '/dev/zero' is not a directory"),
        ("a\0b", "preset-dir: 'a\\x00b' is not a usable directory name"),
    ],
)
def test_preset_dir_is_refused_in_one_line(directory, message):
    with pytest.raises(calc.PresetError) as caught:
        set_preset_dirs(directory)
    assert str(caught.value) == message


def test_an_id_that_is_not_text_is_refused():
    assert _refused("accelerators", 5) == "accelerator: 5 is not a preset id; give text such as 'h100-sxm'"


def test_a_long_unknown_id_is_echoed_cut():
    message = _refused("accelerators", "x" * 100_000)
    assert message.startswith("accelerator: '" + "x" * 38 + "… is not a preset; accepted: a100-sxm,")
    assert len(message) <= 300
