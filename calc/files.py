"""Files written by dcpower: atomically, so that a crash never leaves half a file."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from calc.errors import InputError, shown

STALE_SECONDS = 120.0
"""Age after which a temporary file of an interrupted save is removed: a save in progress is
far younger, so a concurrent writer never loses its file."""
_TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _check_name(path: str | os.PathLike[str]) -> str:
    """The path as text, or an InputError if it holds characters no file name should have."""
    try:
        text = os.fspath(path)
    except TypeError:
        raise InputError(f"save: {shown(path)} is not a file name") from None
    if not isinstance(text, str):
        raise InputError(f"save: {shown(text)} is not a file name; give text")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):  # NUL, newline, DEL: unreadable back
        raise InputError(f"save: {shown(text)} has a control character in its name; give a plain file name")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        raise InputError(f"save: {shown(text)} is not a valid file name (a lone surrogate)") from None
    if not Path(text).name or text.endswith(("/", os.sep)):
        raise InputError(f"save: {shown(text)} names a directory; give a file name such as 'report.md'")
    return text


def _remove_stale(folder: Path, name: str) -> None:
    """Remove temporary files of earlier saves of `name` killed mid-write (``.NAME.XXXX.tmp``)."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.[A-Za-z0-9_]{{6,}}{re.escape(_TEMP_SUFFIX)}$")
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not pattern.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and now - info.st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
        except OSError:  # gone already, or not ours to remove
            continue


def write_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write text to a file atomically: a temporary file in the same directory, then a rename.

    Saving through a symbolic link writes the link's target (the link stays). Temporary files
    of earlier saves of the same name that were killed mid-write are removed once they are
    older than `STALE_SECONDS`.

    Raises:
        InputError: A name with control characters or a lone surrogate (refused before the disk
            is touched), or a directory that cannot be created or written (one line, with the path).
    """
    name = _check_name(path)
    target = Path(name).expanduser()
    try:
        if target.is_symlink():
            target = Path(os.path.realpath(target))  # write the target; keep the link
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target.parent, target.name)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=_TEMP_SUFFIX
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            # mkstemp creates 0600; give the file the mode a plain open() would (or keep the old one)
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        shown_path = str(target) if len(str(target)) <= 120 else "…" + str(target)[-119:]
        raise InputError(f"save: {shown_path}: {error.strerror or error}") from None
    return target
