"""Atomic saves: stale temporary files are cleaned, symlinks are written through, bad names refused."""

import os
import signal
import subprocess
import sys
import time

import pytest

from calc.errors import InputError
from calc.files import STALE_SECONDS, write_atomic


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
