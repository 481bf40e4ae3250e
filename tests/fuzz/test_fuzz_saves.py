"""Fuzzing saves and exports: every text a save writes reads back equal, and a save onto a
hostile target (a FIFO, a device, a directory, a name too long) is one line and changes nothing."""

import os
import tomllib

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import calc
from calc.errors import InputError
from calc.presets import toml_string
from tests.fuzz.strategies import examples

HOSTILE_TEXTS = [
    "a\x7fb",  # DEL: written raw, it made the file invalid TOML
    "\x00\x01\x08\x0b\x0c\x0e\x1f",
    "\x1b[41mred\x1b[0m",  # a terminal escape
    "\x85\x9f",  # C1 controls
    '"""',
    "'''",
    "\\u0041 \\",
    "line\nbreak\r\nand\ttab",
    "\u2028\u2029\ufeff\u200b",
    "#[fleet]\nh100-sxm = 1",
    "",
]


@pytest.fixture(scope="module")
def colossus():
    return calc.scenario_from_facility("colossus-1")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("saves")


@examples(40)
@given(text=st.text())
@example(text="\x7f").via("the DEL defect")
@example(text="".join(chr(c) for c in range(0x20)) + "\x7f")
@example(text="".join(HOSTILE_TEXTS))
def test_every_text_reads_back_as_a_toml_string(text):
    assert tomllib.loads(f"value = {toml_string(text)}")["value"] == text


@examples(20)
@given(
    name=st.text(max_size=200),
    notes=st.text(),
    title=st.text(min_size=3),
    url=st.one_of(st.none(), st.text(min_size=1)),
)
@example(name="a\x7fb", notes="\x7f", title="x\x7fy", url="https://example.com/\x7f").via("the DEL defect")
@example(name="\x1b[41m", notes="\x00\r\n\x85", title='"""\\', url="\u2028")
@example(name=HOSTILE_TEXTS[-2], notes="".join(HOSTILE_TEXTS), title="'''x", url=None)
def test_every_text_a_save_writes_survives_a_save_and_a_load(colossus, folder, name, notes, title, url):
    stated = calc.Scenario.model_validate(
        {**dict(colossus), "name": name, "notes": notes, "sources": [{"title": title, "url": url}]}
    )
    path = calc.save_scenario(stated, folder / "texts.toml")
    facility = calc.load_facility(str(path))  # a file that is not valid TOML fails here
    assert (facility.name, facility.notes) == (name, notes)
    assert [(s.title, s.url) for s in facility.sources] == [(title, url)]
    again = calc.scenario_from_facility(str(path))
    assert (again.name, again.notes, again.sources) == (stated.name, stated.notes, stated.sources)


def test_a_lone_surrogate_is_refused_by_the_writer_in_one_line():
    # the models refuse them already ("unable to parse raw data as a unicode string"); the
    # writer refuses them too, as no UTF-8 file and no TOML escape can hold one
    with pytest.raises(InputError) as caught:
        toml_string("a\ud800b", "notes")
    assert str(caught.value) == (
        "save: notes: 'a\\ud800b' holds a lone surrogate (U+D800), which no file can hold; remove it"
    )


def _targets(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "folder").mkdir()
    links = {
        "fifo.toml": fifo,
        "null.toml": "/dev/null",
        "zero.toml": "/dev/zero",
        "folder.toml": tmp_path / "folder",
        "loop.toml": tmp_path / "loop.toml",
        "fifo.md": fifo,
        "null.md": "/dev/null",
        "folder.md": tmp_path / "folder",
        "pair.json": fifo,  # a new report whose JSON would replace the FIFO
    }
    for name, target in links.items():
        (tmp_path / name).symlink_to(target)
    return sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("fifo.toml", r"is not a regular file \(a device, FIFO or socket\); give the name of a file$"),
        ("null.toml", r"^save: /dev/null is not a regular file"),
        ("zero.toml", r"^save: /dev/zero is not a regular file"),
        ("folder.toml", r"folder is a directory; give a file name such as 'report.md'$"),
        ("loop.toml", r"loop.toml: Too many levels of symbolic links$"),
        ("pipe", r"must end in .toml"),
        ("a" * 300 + ".toml", r"the preset id and has at most 64 characters before '.toml' \(300 given\)$"),
        ("c" * 300 + "/site.toml", r"^save: …c+/site.toml: File name too long$"),
    ],
)
def test_a_save_onto_a_hostile_target_is_one_line_and_changes_nothing(colossus, tmp_path, name, message):
    before = _targets(tmp_path)
    with pytest.raises(InputError, match=message) as caught:
        calc.save_scenario(colossus, tmp_path / name)
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "pipe").is_fifo()
    assert not os.path.isfile("/dev/null")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("fifo.md", r"^export: .*pipe is not a regular file"),
        ("null.md", r"^export: /dev/null is not a regular file"),
        ("folder.md", r"folder.md is a directory; give a file name"),
        ("pair.md", r"^export: .*pipe is not a regular file"),
        ("folder", r"^export: .*/folder is a directory; give a file name, e.g. 'colossus-report.md'$"),
        ("a" * 300, r"^export: …a+\.md: File name too long$"),
        ("r\x7f.md", r"^export: 'r\\x7f.md' has a control character in its name"),
    ],
)
def test_an_export_onto_a_hostile_target_is_one_line_and_changes_nothing(colossus, tmp_path, name, message):
    report = calc.evaluate(colossus)
    before = _targets(tmp_path)
    with pytest.raises(InputError, match=message) as caught:
        calc.export_report(report, tmp_path / name if "\x7f" not in name else name)
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "pipe").is_fifo()
