"""Files written by dcpower: atomically, so that a crash never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from calc.errors import InputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write text to a file atomically: a temporary file in the same directory, then a rename.

    Raises:
        InputError: The directory cannot be created or written (one line, with the path).
    """
    target = Path(path).expanduser()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
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
        raise InputError(f"save: {target}: {error.strerror or error}") from None
    return target
