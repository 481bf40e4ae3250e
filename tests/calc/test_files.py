"""Atomic saves: stale temporary files are cleaned, symlinks are written through, bad names and
targets that are no regular file refused, and a pair of files written both or neither."""

import errno
import os
import signal
import subprocess
import sys
import time

import pytest

import calc.files
from calc.errors import InputError
from calc.files import STALE_SECONDS, write_atomic, write_atomic_files


def _age(path, seconds):
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_a_save_removes_stale_temporaries_of_the_same_name_only(tmp_path):
    stale = tmp_path / ".site.toml.ab12cd34.tmp"
    fresh = tmp_path / ".site.toml.ef56gh78.tmp"  # a concurrent save in progress
    other = tmp_path / ".other.toml.ab12cd34.tmp"
    mine = tmp_path / "site.toml.notes.tmp"
    for path in (stale, fresh, other, mine):
        path.write_text("half")
    for path in (stale, other, mine):
        _age(path, STALE_SECONDS + 60)
    write_atomic(tmp_path / "site.toml", "whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.toml.ab12cd34.tmp",
        ".site.toml.ef56gh78.tmp",
        "site.toml",
        "site.toml.notes.tmp",
    ]


def test_a_save_killed_mid_write_leaves_a_temporary_that_the_next_save_removes(tmp_path):
    target = tmp_path / "report.md"
    # The child blocks inside the write (its text's __str__ never returns) once the temporary
    # exists; then it is killed with SIGKILL, as by the OOM killer.
    code = (
        "import sys, time, os, calc.files as f\n"
        "real = os.fdopen\n"
        "def stuck(*a, **k):\n"
        "    stream = real(*a, **k)\n"
        "    print('open', flush=True)\n"
        "    time.sleep(60)\n"
        "    return stream\n"
        "f.os.fdopen = stuck\n"
        f"f.write_atomic({str(target)!r}, 'x' * 1000)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "open\n"
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".report.md.")]
    assert len(left) == 1 and not target.exists()
    _age(left[0], STALE_SECONDS + 1)
    write_atomic(target, "whole")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert target.read_text() == "whole"


def test_saving_through_a_symlink_writes_its_target(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert write_atomic(link, "new") == real
    assert link.is_symlink() and real.read_text() == "new"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a\x7fb.md", "save: 'a\\x7fb.md' has a control character in its name; give a plain file name"),
        ("a\x00b.md", "save: 'a\\x00b.md' has a control character in its name; give a plain file name"),
        ("a\nb.md", "save: 'a\\nb.md' has a control character in its name; give a plain file name"),
        ("a\ud800.md", "save: 'a\\ud800.md' is not a valid file name (a lone surrogate)"),
        ("/", "save: '/' names a directory; give a file name such as 'report.md'"),
        (5, "save: 5 is not a file name"),
    ],
)
def test_bad_names_are_refused_before_the_disk_is_touched(tmp_path, monkeypatch, name, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        write_atomic(name, "x")
    assert str(caught.value) == message
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_to_a_fifo_or_a_device_is_refused_and_the_node_stays(tmp_path):
    # the defect: the rename replaced the FIFO (or, as root, /dev/null) with a regular file
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "site.toml"
    link.symlink_to(fifo)
    with pytest.raises(InputError) as caught:
        write_atomic(link, "x")
    assert str(caught.value) == (
        f"save: {fifo} is not a regular file (a device, FIFO or socket); give the name of a file"
    )
    assert fifo.is_fifo() and link.is_symlink()
    with pytest.raises(InputError, match=r"^save: .*pipe is not a regular file"):
        write_atomic(fifo, "x")
    null = tmp_path / "null.md"
    null.symlink_to("/dev/null")
    with pytest.raises(InputError, match=r"^save: /dev/null is not a regular file"):
        write_atomic(null, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.md", "pipe", "site.toml"]
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_a_symlink_to_a_directory_is_refused(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "site.toml").symlink_to(tmp_path / "folder")
    with pytest.raises(InputError) as caught:
        write_atomic(tmp_path / "site.toml", "x")
    assert str(caught.value) == (
        f"save: {tmp_path / 'folder'} is a directory; give a file name such as 'report.md'"
    )


def test_a_dangling_symlink_creates_its_target(tmp_path):
    (tmp_path / "site.toml").symlink_to(tmp_path / "new.toml")
    assert write_atomic(tmp_path / "site.toml", "x") == tmp_path / "new.toml"
    assert (tmp_path / "new.toml").read_text() == "x"


def test_a_name_near_the_length_limit_is_written_and_one_too_long_is_one_line(tmp_path):
    # a 250-byte name is legal (255 at most), though ".NAME.XXXXXXXX.tmp" beside it is not
    near = tmp_path / ("a" * 247 + ".md")
    assert write_atomic(near, "x").read_text() == "x"
    assert [p.name for p in tmp_path.iterdir()] == [near.name]
    with pytest.raises(InputError) as caught:
        write_atomic(tmp_path / ("b" * 300 + ".md"), "x")
    assert str(caught.value).startswith("save: …") and str(caught.value).endswith(
        "bbb.md: File name too long"
    )


def _old_pair(tmp_path):
    first, second = tmp_path / "report.md", tmp_path / "report.json"
    first.write_text("250 MW")
    second.write_text('{"power": 250}')
    return first, second


def test_a_pair_whose_second_write_fails_keeps_both_old_files(tmp_path, monkeypatch):
    # a nearly full disk: the second temporary cannot be written
    first, second = _old_pair(tmp_path)
    real = calc.files._write_temporary
    calls = []

    def full_disk(folder, name, text):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(folder, name, text)

    monkeypatch.setattr(calc.files, "_write_temporary", full_disk)
    with pytest.raises(InputError) as caught:
        write_atomic_files([(first, "300 MW"), (second, '{"power": 300}')], "export")
    assert str(caught.value) == f"export: {second}: No space left on device"
    assert calls == ["report.md", "report.json"]
    assert (first.read_text(), second.read_text()) == ("250 MW", '{"power": 250}')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.md"]


def test_a_pair_whose_second_rename_fails_puts_the_first_back(tmp_path, monkeypatch):
    first, second = _old_pair(tmp_path)
    real = os.replace
    calls = []

    def failing(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(source, target)

    monkeypatch.setattr(calc.files.os, "replace", failing)
    with pytest.raises(InputError, match=r"^export: .*report.json: Input/output error$"):
        write_atomic_files([(first, "300 MW"), (second, '{"power": 300}')], "export")
    # the first rename had replaced report.md; its old content came back from the hard link
    assert (first.read_text(), second.read_text()) == ("250 MW", '{"power": 250}')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.md"]


def test_a_new_pair_whose_second_write_fails_leaves_no_file(tmp_path, fill_disk_on_json):
    fill_disk_on_json()
    with pytest.raises(InputError):
        write_atomic_files([(tmp_path / "a.md", "x"), (tmp_path / "a.json", "y")], "export")
    assert list(tmp_path.iterdir()) == []


def test_a_path_is_its_text_and_anything_else_is_refused_naming_the_action(tmp_path):
    assert calc.files.path_text(tmp_path / "a.csv", "batch") == str(tmp_path / "a.csv")
    assert calc.files.path_text("b.csv", "batch") == "b.csv"
    with pytest.raises(InputError, match=r"^batch: 5 is not a file name; give a \.csv file$"):
        calc.files.path_text(5, "batch", "give a .csv file")
    with pytest.raises(InputError, match=r"^save: 5 is not a file name$"):
        calc.files.path_text(5, "save")
    with pytest.raises(InputError, match=r"^save: b'x\.toml' is not a file name; give it as text$"):
        calc.files.path_text(b"x.toml", "save")
