"""Files written by dcpower: atomically, so that a crash never leaves half a file."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from calc.errors import InputError, shown

STALE_SECONDS = 120.0
"""Age after which a temporary file of an interrupted save is removed: a save in progress is
far younger, so a concurrent writer never loses its file."""
_TEMP_SUFFIX = ".tmp"
_MAX_TEMP_NAME = 50
"""Characters of a file's name kept in its temporaries' names: at most 200 bytes of UTF-8, so that
the decorations fit in the 255 bytes a name may have."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def path_text(path: Any, action: str, accepted: str = "") -> str:
    """The path (a str or an os.PathLike) as text, or an InputError naming `action`: another type
    is not a file name (`accepted` says what is), and bytes are refused (give it as text)."""
    try:
        text = os.fspath(path)
    except TypeError:
        raise InputError(
            f"{action}: {shown(path)} is not a file name{'; ' if accepted else ''}{accepted}"
        ) from None
    if not isinstance(text, str):
        raise InputError(f"{action}: {shown(text)} is not a file name; give it as text")
    return text


def checked_name(path: str | os.PathLike[str], action: str = "save") -> str:
    """The path as text, or an InputError if it holds characters no file name should have."""
    text = path_text(path, action)
    if any(ord(c) < 32 or ord(c) == 127 for c in text):  # NUL, newline, DEL: unreadable back
        raise InputError(
            f"{action}: {shown(text)} has a control character in its name; give a plain file name"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        raise InputError(f"{action}: {shown(text)} is not a valid file name (a lone surrogate)") from None
    if not Path(text).name or text.endswith(("/", os.sep)):
        raise InputError(f"{action}: {shown(text)} names a directory; give a file name such as 'report.md'")
    return text


def shown_path(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 120 else "…" + text[-119:]


def _resolved_target(path: Path, action: str) -> Path:
    """The file a save writes: a symlink's target (the link stays), refused unless it is a
    regular file or does not exist yet.

    A device, FIFO or socket is never replaced by a regular file: saving through a link to
    ``/dev/null`` must not replace ``/dev/null``.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return path  # a new file
    except NotADirectoryError:
        return path  # the write says which part of the path is not a directory
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{action}: {shown_path(path)} is a directory; give a file name such as 'report.md'")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{action}: {shown_path(path)} is not a regular file (a device, FIFO or socket); "
            "give the name of a file"
        )
    return path


def _temporary_prefix(name: str) -> str:
    # a name near the 255-byte limit still leaves room for the temporary's own decorations
    return f".{name[:_MAX_TEMP_NAME]}."


def _remove_stale(folder: Path, name: str) -> None:
    """Remove temporary files of earlier saves of `name` killed mid-write (``.NAME.XXXX.tmp``)."""
    pattern = re.compile(
        rf"^\.{re.escape(name[:_MAX_TEMP_NAME])}\.[A-Za-z0-9_]{{6,}}{re.escape(_TEMP_SUFFIX)}$"
    )
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


def _write_temporary(folder: Path, name: str, text: str) -> str:
    """Write `text` to a new temporary file beside `name` in `folder`, flushed to the disk."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=_temporary_prefix(name), suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    """Flush a directory's entries (the renames) to the disk, where the system allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_atomic(path: str | os.PathLike[str], text: str, action: str = "save") -> Path:
    """Write text to a file atomically: a temporary file in the same directory, then a rename.

    Saving through a symbolic link writes the link's target (the link stays). Temporary files
    of earlier saves of the same name that were killed mid-write are removed once they are
    older than `STALE_SECONDS`.

    Raises:
        InputError: A name with control characters or a lone surrogate (refused before the disk
            is touched), a target that is a directory, a device, a FIFO or a socket, or a
            directory that cannot be created or written (one line, with the path).
    """
    return write_atomic_files([(path, text)], action)[0]


def write_atomic_files(
    files: list[tuple[str | os.PathLike[str], str]], action: str = "save"
) -> tuple[Path, ...]:
    """Write several files so that either all of them are new or all keep their old content.

    Every text is written to a temporary file beside its target and flushed to the disk; only
    then are the temporaries renamed over the targets. A failure while writing (a full disk)
    removes the temporaries and leaves every old file as it was. A failure between two renames
    puts back the files already replaced, from hard links kept to their old content.

    Args:
        files: (path, text) pairs.
        action: The word that starts an error message ("save", "export").

    Returns:
        The files written, in order (symlinks resolved).

    Raises:
        InputError: See `write_atomic`.
    """
    names = [checked_name(path, action) for path, _ in files]
    targets: list[Path] = []
    temporaries: list[str] = []
    backups: list[tuple[str, Path]] = []
    replaced: list[Path] = []
    current = Path(names[0]).expanduser() if names else Path()
    try:
        for name in names:
            current = Path(name).expanduser()
            current = _resolved_target(current, action)
            targets.append(current)
        for target, (_, text) in zip(targets, files, strict=True):
            current = target
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale(target.parent, target.name)
            temporary = _write_temporary(target.parent, target.name, text)
            temporaries.append(temporary)
            # mkstemp creates 0600; give the file the mode a plain open() would (or keep the old one)
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
            os.chmod(temporary, mode)
        if len(targets) > 1:
            for target in targets:
                current = target
                if target.exists():
                    backups.append((_backup(target), target))
        for temporary, target in zip(temporaries, targets, strict=True):
            current = target
            os.replace(temporary, target)
            replaced.append(target)
        for folder in {t.parent for t in targets}:
            _sync_folder(folder)
    except BaseException as error:
        _undo(temporaries, replaced, backups, targets)
        if isinstance(error, OSError):
            raise InputError(f"{action}: {shown_path(current)}: {error.strerror or error}") from None
        raise
    for backup, _ in backups:
        Path(backup).unlink(missing_ok=True)
    return tuple(targets)


def _backup(target: Path) -> str:
    """A hard link to the old content of `target`, named as a temporary of it."""
    for _ in range(100):
        backup = target.parent / f"{_temporary_prefix(target.name)}{os.urandom(6).hex()}{_TEMP_SUFFIX}"
        try:
            os.link(target, backup)
        except FileExistsError:
            continue
        return str(backup)
    raise FileExistsError(f"no free temporary name beside {target}")


def _undo(
    temporaries: list[str], replaced: list[Path], backups: list[tuple[str, Path]], targets: list[Path]
) -> None:
    """After a failed write: the replaced files get their old content back, temporaries go."""
    old = {target: backup for backup, target in backups}
    for target in replaced:
        try:
            if target in old:
                os.replace(old.pop(target), target)
            else:
                target.unlink(missing_ok=True)  # it did not exist before
        except OSError:
            pass
    for leftover in [*temporaries, *old.values()]:
        try:
            Path(leftover).unlink(missing_ok=True)
        except OSError:
            pass
