"""The only reader of presets: bundled files in `presets/` and the user's own directories.

Search order, last wins: bundled, the per-user config directory
(``$XDG_CONFIG_HOME/dcpower/presets`` or ``~/.config/dcpower/presets``), the directories in
``$DCPOWER_PRESET_DIR`` (separated by ``os.pathsep``), then ``--preset-dir``. Each directory has
the bundled layout: ``accelerators/``, ``systems/``, ``facilities/``, ``assumptions/``, one TOML
file per preset whose ``id`` equals the file stem. A user preset with a bundled id overrides the
bundled one, and every result that uses it says so in its notes.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from calc.errors import CalcError, InputError, PresetError, describe_validation_error, did_you_mean, shown
from calc.files import write_atomic
from calc.layers import DEFAULT_METHOD, merge_layers
from calc.models import (
    PRESET_ID_PATTERN,
    AcceleratorSpec,
    AssumptionSet,
    Facility,
    LedgerClaim,
    ParameterSet,
    Scenario,
    Source,
    SystemSpec,
)
from calc.parameters import ECONOMICS, ORBITAL
from calc.units import INPUT_CONTEXT

Kind = Literal["accelerators", "systems", "facilities", "assumptions", "economics", "orbital", "claims"]
KINDS: tuple[Kind, ...] = (
    "accelerators",
    "systems",
    "facilities",
    "assumptions",
    "economics",
    "orbital",
    "claims",
)
MODELS: dict[str, type[BaseModel]] = {
    "accelerators": AcceleratorSpec,
    "systems": SystemSpec,
    "facilities": Facility,
    "assumptions": AssumptionSet,
    "economics": ParameterSet,
    "orbital": ParameterSet,
    "claims": LedgerClaim,
}
SINGULAR = {
    "accelerators": "accelerator",
    "systems": "system",
    "facilities": "facility",
    "assumptions": "assumption set",
    "economics": "economics set",
    "orbital": "orbital set",
    "claims": "claim",
}
ENV_VAR = "DCPOWER_PRESET_DIR"
MAX_PRESET_BYTES = 1_000_000
"""Largest preset file read: the bundled ones are under 5 kB; a bigger file is a mistake."""
_MAX_SHOWN_PATH = 120
_MAX_SHOWN_IDS = 180


def where(path: str | os.PathLike[str], limit: int = _MAX_SHOWN_PATH) -> str:
    """A file name as shown in a message: on one line (escapes kept), its last `limit` characters."""
    text = os.fspath(path)
    if not text.isprintable():  # a newline, DEL or a lone surrogate in a file name
        text = repr(text)[1:-1]
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


def is_path(preset_id: str) -> bool:
    """True when an id option clearly names a file: it has a path separator or ends in .toml."""
    separators = (os.sep, "/") + ((os.altsep,) if os.altsep else ())
    return preset_id.endswith(".toml") or any(sep in preset_id for sep in separators)


LISTINGS: dict[str, str] = {"claims": "dcpower claims list"}
"""The command that lists a kind's ids, where it is not 'dcpower presets list'."""


def _accepted(
    ids: tuple[str, ...], limit: int = _MAX_SHOWN_IDS, listing: str = "dcpower presets list"
) -> str:
    """The accepted ids, cut to keep the message on one short line (`listing` lists them all)."""
    text = ", ".join(ids)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(", ", 1)[0]
    return f"{cut}, … ({len(ids)} in all; see '{listing}')"


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def bundled_dir(package_dir: Path | None = None) -> Path:
    """The directory of the presets shipped with dcpower, found by where `calc` is.

    Never by importing a package named ``presets``: any directory on ``sys.path`` with its own
    ``presets/`` (a script's folder, the working directory of ``python -c``) would shadow it.

    Args:
        package_dir: the directory of the `calc` package [path]; this module's own by default.

    Returns:
        ``calc/_presets`` in an installed wheel, where the build puts the data; else the
        repository's ``presets/`` beside ``calc/`` in a source or editable checkout (one with
        ``pyproject.toml`` at its top).

    Raises:
        PresetError: neither exists (a broken install).
    """
    package_dir = Path(__file__).resolve().parent if package_dir is None else package_dir
    installed = package_dir / "_presets"
    checkout = package_dir.parent / "presets"
    if installed.is_dir():
        return installed
    if checkout.is_dir() and (package_dir.parent / "pyproject.toml").is_file():
        return checkout
    raise PresetError(
        f"bundled presets: not found at {installed} (an installed wheel) nor at {checkout} "
        "(a source checkout); reinstall dcpower"
    )


def user_config_dir() -> Path:
    """The per-user preset directory (it need not exist)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "dcpower" / "presets"


@dataclass(frozen=True)
class PresetEntry:
    """Where one preset id comes from."""

    kind: Kind
    id: str
    path: Path
    origin: str
    """'bundled' or 'user'."""
    overrides: Path | None = None
    """The bundled (or earlier) file this one replaces, if any."""


@dataclass
class PresetCatalog:
    """An index of preset files over the bundled and user directories."""

    user_dirs: tuple[Path, ...] = ()
    entries: dict[tuple[str, str], PresetEntry] = field(default_factory=dict)
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """Directories or files that could not be listed, one line each (shown by `presets list`)."""
    derived: dict[tuple[str | None, ...], Any] = field(default_factory=dict)
    """What the core derives from these presets (resolved fleet items, assumptions): it lives
    and dies with the catalog, so a changed preset directory never serves a stale value."""

    def __post_init__(self) -> None:
        self._scan(bundled_dir(), "bundled")
        for directory in self.user_dirs:
            self._scan(directory, "user")

    def _scan(self, directory: Path, origin: str) -> None:
        for kind in KINDS:
            folder = directory / kind
            try:
                if not folder.is_dir():
                    continue
                paths = sorted(folder.glob("*.toml"))
            except OSError as error:  # an unreadable directory: say so, never skip it silently
                self.problems.append(f"{where(folder, 60)}: cannot be listed ({error.strerror or error})")
                continue
            if not paths and not os.access(folder, os.R_OK | os.X_OK):
                self.problems.append(f"{where(folder, 60)}: cannot be listed (permission denied)")
                continue
            for path in paths:
                if not path.stem.isprintable() or not _encodable(path.name):
                    self.problems.append(f"{where(path, 60)}: skipped: the file name is not a preset id")
                    continue
                previous = self.entries.get((kind, path.stem))
                self.entries[(kind, path.stem)] = PresetEntry(
                    kind, path.stem, path, origin, previous.path if previous else None
                )

    def ids(self, kind: Kind) -> tuple[str, ...]:
        """Sorted ids of one kind."""
        return tuple(sorted(i for k, i in self.entries if k == kind))

    def entry(self, kind: Kind, preset_id: str) -> PresetEntry:
        """The entry for an id, or a PresetError that lists the accepted ids."""
        try:
            return self.entries[(kind, preset_id)]
        except KeyError:
            if isinstance(preset_id, str) and (kind, preset_id.lower()) in self.entries:
                return self.entries[(kind, preset_id.lower())]  # ids are read case-insensitively
            valid = self.ids(kind)
            close = difflib.get_close_matches(str(preset_id), valid, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            # a directory that could not be listed may hold the id: say so rather than stay silent
            note = f"; note: {self.problems[0]}" if self.problems else ""
            accepted = _accepted(
                valid, 80 if note else _MAX_SHOWN_IDS, LISTINGS.get(kind, "dcpower presets list")
            )
            raise PresetError(
                f"{SINGULAR[kind]}: {shown(preset_id)} is not a preset; {hint}accepted: {accepted}{note}"
            ) from None

    def load(self, kind: Kind, preset_id: str) -> Any:
        """Load and validate one preset by id, or by a path to a ``.toml`` file."""
        if not isinstance(preset_id, str):
            raise PresetError(
                f"{SINGULAR[kind]}: {shown(preset_id)} is not a preset id; give text such as 'h100-sxm'"
            )
        if is_path(preset_id):
            return load_file(Path(preset_id), kind, self._cache)
        return load_file(self.entry(kind, preset_id).path, kind, self._cache)

    def stamp(self, kind: Kind, preset_id: str) -> tuple[int, ...]:
        """The identity of a preset's file as `file_identity` gives it (() if it cannot be
        found): what the core's derived values are keyed by, so that an edited preset file is
        read again, as `load_file` reads it again."""
        entry = self.entries.get((kind, preset_id))
        path = Path(preset_id) if is_path(preset_id) else entry.path if entry else None
        try:
            return file_identity(os.stat(path)) if path is not None else ()
        except (OSError, ValueError):
            return ()

    def override_note(self, kind: Kind, preset_id: str) -> str | None:
        """A sentence saying that a user file replaces a bundled preset, if one does."""
        entry = self.entries.get((kind, preset_id))
        if entry is None or entry.overrides is None:
            return None
        return (
            f"{SINGULAR[kind]} {preset_id!r} comes from the user preset {entry.path}, "
            f"which overrides {entry.overrides}"
        )


def _encodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # a non-UTF-8 byte in a file name, kept as a lone surrogate
        return False
    return True


def read_preset_text(path: Path) -> tuple[str, os.stat_result]:
    """The text of a preset file, read only if it is a regular ``.toml`` file under the size cap.

    The file is checked with `os.stat` before it is opened, so a FIFO is never opened (which
    would wait for a writer) and ``/dev/zero`` is never read; the read itself is bounded.

    Raises:
        PresetError: No such file, a directory, not a regular file, not ``.toml``, too large,
            unreadable, or not UTF-8 (one line naming the file).
    """
    name = where(path)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise PresetError(f"{name}: no such file") from None
    except OSError as error:  # too long a name, no permission, a symlink loop
        raise PresetError(f"{name}: cannot be read ({error.strerror or error})") from None
    except ValueError:  # a NUL, or a surrogate that is no byte
        raise PresetError(f"{name}: is not a usable file name") from None
    if stat.S_ISDIR(info.st_mode):
        raise PresetError(f"{name}: is a directory; give a .toml file")
    if not stat.S_ISREG(info.st_mode):
        raise PresetError(f"{name}: is not a regular file (a device, FIFO or socket); give a .toml file")
    if path.suffix != ".toml":
        raise PresetError(f"{name}: is not a .toml file; a preset is a TOML file named ID.toml")
    if info.st_size > MAX_PRESET_BYTES:
        raise PresetError(
            f"{name}: is too large ({info.st_size:,} bytes); a preset is at most 1,000,000 bytes"
        )
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since the stat, opening does not wait
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise PresetError(f"{name}: is not a regular file; give a .toml file")
            data = stream.read(MAX_PRESET_BYTES + 1)
    except OSError as error:
        raise PresetError(f"{name}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_PRESET_BYTES:
        raise PresetError(f"{name}: is too large (over 1,000,000 bytes); a preset is at most 1,000,000 bytes")
    try:
        return data.decode("utf-8"), info
    except UnicodeDecodeError as error:
        raise PresetError(f"{name}: is not UTF-8 text (byte {error.start}); save it as UTF-8") from None


def _other_kind(data: Any, kind: Kind) -> Kind | None:
    """The kind a file that failed as `kind` would validate as, if any (to name the mistake)."""
    for other in KINDS:
        if MODELS[other] is MODELS[kind]:
            continue
        try:
            MODELS[other].model_validate(data, context=INPUT_CONTEXT)
        except (ValidationError, RecursionError):
            continue
        return other
    return None


def _required_parameters(kind: Kind) -> tuple[str, ...]:
    if kind == "economics":
        return ECONOMICS
    if kind == "orbital":
        return tuple(ORBITAL)
    return ()


def _check_assumptions(model: Facility | AssumptionSet, name: str) -> None:
    """Check a preset's assumption values over the default set, so a bad one names the file."""
    layers: tuple[Any, ...] = (model.assumptions,)
    if model.id != DEFAULT_METHOD or isinstance(model, Facility):
        layers = (load_assumption_set(DEFAULT_METHOD).assumptions, model.assumptions)
    try:
        merge_layers(*layers)
    except InputError as error:
        raise PresetError(f"{name}: assumptions.{error}") from None


def preset_path(kind: Kind, preset_id: str) -> str:
    """The file of a preset id (or the path given), as shown in messages."""
    if is_path(preset_id):
        return where(preset_id)
    return where(catalog().entry(kind, preset_id).path)


def _validate(data: Any, kind: Kind, path: Path) -> Any:
    """The model of one preset's data, or a PresetError naming the file and the field."""
    name = where(path)
    try:
        model = MODELS[kind].model_validate(data, context=INPUT_CONTEXT)
    except ValidationError as error:
        problem = describe_validation_error(error)
        other = _other_kind(data, kind)
        if other is not None:
            raise PresetError(
                f"{name}: is not {_a(SINGULAR[kind])} (it reads as {_a(SINGULAR[other])} preset); {problem}"
            ) from None
        raise PresetError(f"{name}: {problem}") from None
    except RecursionError:
        raise PresetError(f"{name}: is nested too deeply to be a preset") from None
    if model.id != path.stem:  # type: ignore[attr-defined]
        raise PresetError(
            f"{name}: id: {shown(model.id)} must equal the file name {shown(path.stem)}"  # type: ignore[attr-defined]
        )
    if isinstance(model, (Facility, AssumptionSet)) and model.assumptions:
        _check_assumptions(model, name)
    if isinstance(model, ParameterSet):
        required = _required_parameters(kind)
        missing = [p for p in required if p not in model.parameters]
        if missing:
            raise PresetError(
                f"{name}: parameters.{missing[0]}: missing (required for {_a(SINGULAR[kind])})"
                + (f"; {len(missing) - 1} more missing" if len(missing) > 1 else "")
            )
        unknown = sorted(set(model.parameters) - set(required))
        if kind == "orbital" and unknown:
            raise PresetError(f"{name}: parameters.{shown(unknown[0])}: not an orbital input")
    return model


def file_identity(info: os.stat_result) -> tuple[int, ...]:
    """A file's device, inode, size and its modification and change times: an edited or
    replaced file changes at least one (a rewrite that keeps its size and restores its mtime, as
    `cp -p` or `touch -r` do, still changes the ctime)."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _file_key(path: Path, kind: Kind, info: os.stat_result) -> tuple[Any, ...]:
    """What a validated preset file is cached by: the kind (the same file asked for as another
    kind must fail again), the path as given, and the file's identity (an edited or replaced
    file is read again)."""
    return (kind, os.fspath(path), *file_identity(info))


def load_file(path: Path, kind: Kind, cache: dict[tuple[Any, ...], Any] | None = None) -> Any:
    """Read and validate one preset file of a kind; errors name the file and the field.

    Raises:
        PresetError: See `read_preset_text`; not TOML, nested too deeply, invalid for its kind.
    """
    if cache is not None:
        # A file unchanged since it was validated is not read again: one stat (5 µs) instead
        # of reading it and resolving its path (190 µs); a report loads presets about 30 times.
        try:
            known = cache.get(_file_key(path, kind, os.stat(path)))
        except (OSError, ValueError):
            known = None  # read_preset_text says why
        if known is not None:
            return known
    text, info = read_preset_text(path)
    key = _file_key(path, kind, info)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PresetError(f"{where(path)}: not valid TOML: {' '.join(str(error).split())}") from None
    except RecursionError:
        raise PresetError(f"{where(path)}: is nested too deeply to be a preset") from None
    model = _validate(data, kind, path)
    if cache is not None:
        cache[key] = model
    return model


_catalog: PresetCatalog | None = None
_cli_dirs: tuple[Path, ...] = ()


def default_user_dirs() -> tuple[Path, ...]:
    """User directories from the config directory and the environment, lowest priority first."""
    dirs = [user_config_dir()]
    dirs += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return tuple(dirs)


def set_preset_dirs(*dirs: str | os.PathLike[str]) -> None:
    """Add preset directories with the highest priority (the CLI's ``--preset-dir``)."""
    global _catalog, _cli_dirs
    for directory in dirs:
        text = os.fspath(directory)
        if not text.strip():
            raise PresetError("preset-dir: '' is empty; give a directory such as '~/my-presets'")
        try:
            info = os.stat(text)
        except (FileNotFoundError, NotADirectoryError):
            raise PresetError(
                f"preset-dir: {shown(text, 80)} is not a directory (no such directory)"
            ) from None
        except OSError as error:  # 'File name too long' for a 100,000-character path
            raise PresetError(
                f"preset-dir: {shown(text, 80)} cannot be read ({error.strerror or error})"
            ) from None
        except ValueError:
            raise PresetError(f"preset-dir: {shown(text, 80)} is not a usable directory name") from None
        if not stat.S_ISDIR(info.st_mode):
            raise PresetError(f"preset-dir: {shown(text, 80)} is not a directory")
        if not os.access(text, os.R_OK | os.X_OK):
            raise PresetError(f"preset-dir: {shown(text, 80)} cannot be read (permission denied)")
    _cli_dirs = tuple(Path(os.path.expanduser(os.fspath(d))) for d in dirs)
    _catalog = None


def catalog() -> PresetCatalog:
    """The process-wide catalog, built on first use."""
    global _catalog
    if _catalog is None:
        _catalog = PresetCatalog(user_dirs=(*default_user_dirs(), *_cli_dirs))
    return _catalog


def reset_catalog() -> None:
    """Forget the index (after the environment or the files changed)."""
    global _catalog
    _catalog = None


def list_presets(kind: Kind) -> tuple[str, ...]:
    """Sorted ids of one kind of preset.

    Raises:
        PresetError: `kind` is not one of the four kinds.
    """
    if kind not in KINDS:
        raise PresetError(f"kind: {shown(kind)} is not a preset kind; accepted: {', '.join(KINDS)}")
    return catalog().ids(kind)


def accelerator_choices() -> tuple[str, ...]:
    """Every accelerator id, then ``accelerator@system`` for each system that holds it other
    than its default one (a configuration such as ``gh200@jupiter-booster-node``).

    Systems that fail to load are left out here; `presets check` reports them.
    """
    ids = list_presets("accelerators")
    defaults = {}
    for accelerator in ids:
        try:
            defaults[accelerator] = load_accelerator(accelerator).system
        except PresetError:
            continue
    others = [
        f"{system.accelerator}@{system.id}"
        for system in _loadable_systems()
        if system.accelerator in defaults and defaults[system.accelerator] != system.id
    ]
    return (*ids, *sorted(others))


def _loadable_systems() -> list[SystemSpec]:
    """Every system preset that loads; the others are left to `presets check` to report."""
    systems = []
    for system_id in list_presets("systems"):
        try:
            systems.append(load_system(system_id))
        except PresetError:
            continue
    return systems


def systems_holding(accelerator: str) -> tuple[str, ...]:
    """Ids of the systems that hold `accelerator`, its default system first.

    Systems that fail to load are left out here; `presets check` reports them.
    """
    holding = [system.id for system in _loadable_systems() if system.accelerator == accelerator]
    try:
        default = load_accelerator(accelerator).system
    except PresetError:
        return tuple(holding)
    return tuple(sorted(holding, key=lambda s: (s != default, s)))


def preset_listing(kind: Kind | None = None) -> dict[str, list[dict[str, str]]]:
    """Every preset id by kind (one kind if given), with its origin and file.

    Returns:
        ``{kind: [{"id", "origin", "path"}, ...]}``, ids sorted.

    Raises:
        PresetError: `kind` is not a preset kind.
    """
    if kind is not None and kind not in KINDS:
        raise PresetError(f"kind: {shown(kind)} is not a preset kind; accepted: {', '.join(KINDS)}")
    index = catalog()
    return {
        k: [
            {"id": i, "origin": index.entry(k, i).origin, "path": str(index.entry(k, i).path)}
            for i in index.ids(k)
        ]
        for k in ([kind] if kind else KINDS)
    }


def preset_problems() -> tuple[str, ...]:
    """Preset directories or files that could not be listed, one line each."""
    return tuple(catalog().problems)


def describe_preset(preset_id: str, kind: Kind | None = None) -> dict[str, Any]:
    """One preset by id: its kind, origin, file, override note, text and validated model.

    Raises:
        PresetError: No preset of that id (of that kind, if given), or an invalid file.
    """
    index = catalog()
    kinds = [kind] if kind else [k for k in KINDS if (k, preset_id) in index.entries]
    if not kinds:
        ids = sorted({name for _, name in index.entries})
        raise PresetError(
            f"presets show: {shown(preset_id)} is not a preset of any kind; "
            f"{did_you_mean(preset_id, ids)}see 'dcpower presets list'"
        )
    chosen = kinds[0]
    model = load_preset(chosen, preset_id)
    entry = index.entry(chosen, preset_id)
    return {
        "kind": chosen,
        "singular": SINGULAR[chosen],
        "origin": entry.origin,
        "path": entry.path,
        "note": index.override_note(chosen, preset_id),
        "text": entry.path.read_text(encoding="utf-8"),
        "preset": model,
    }


def load_preset(kind: Kind, preset_id: str) -> Any:
    """Load one preset by kind and id (or a path to a TOML file).

    Raises:
        PresetError: Unknown kind or id (the message lists the accepted ones), or an invalid file
            (the message names the file and the field).
    """
    if not isinstance(kind, str) or kind not in KINDS:
        raise PresetError(f"kind: {shown(kind)} is not a preset kind; accepted: {', '.join(KINDS)}")
    return catalog().load(kind, preset_id)


def load_accelerator(preset_id: str) -> AcceleratorSpec:
    """One accelerator preset."""
    return load_preset("accelerators", preset_id)


def load_system(preset_id: str) -> SystemSpec:
    """One system preset."""
    return load_preset("systems", preset_id)


def load_facility(preset_id: str) -> Facility:
    """One facility preset, by id or by the path of a saved scenario."""
    return load_preset("facilities", preset_id)


def load_assumption_set(preset_id: str) -> AssumptionSet:
    """One assumption set (a method)."""
    return load_preset("assumptions", preset_id)


def preset_origin(kind: Kind, preset_id: str) -> str:
    """'bundled', 'user' or 'file' for a preset id or path."""
    if isinstance(preset_id, str) and is_path(preset_id):
        return "file"
    return catalog().entry(kind, preset_id).origin


# ------------------------------------------------------------------------------ writing
# The one writer of preset files, beside the one reader: a saved scenario reads back identical.

_ID_RE = re.compile(PRESET_ID_PATTERN)
_MAX_ID = 64
"""The longest preset id (`calc.models.PresetId`)."""


def number_text(value: float) -> str:
    """A number as text that reads back to the same float: 300 -> "300", 0.1 -> "0.1"."""
    return f"{value:.0f}" if value == math.floor(value) and abs(value) < 1e15 else repr(value)


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_TOML_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f-\x9f\ud800-\udfff]')
"""What a TOML basic string cannot hold raw (the quote, the backslash, the control characters
U+0000-U+001F and U+007F), the C1 controls U+0080-U+009F (legal, escaped so that a saved file
shown in a terminal cannot drive it), and the lone surrogates (no UTF-8 file can hold them)."""


def toml_string(text: str, field: str = "text") -> str:
    """`text` as a TOML basic string that reads back equal: every control character escaped.

    Raises:
        InputError: The text holds a lone surrogate (not a Unicode scalar value: TOML has no
            escape for it and UTF-8 no encoding); the message names `field`.
    """

    def escaped(match: re.Match[str]) -> str:
        character = match.group()
        if "\ud800" <= character <= "\udfff":
            raise InputError(
                f"save: {field}: {shown(text)} holds a lone surrogate (U+{ord(character):04X}), "
                "which no file can hold; remove it"
            )
        return _TOML_ESCAPES.get(character) or f"\\u{ord(character):04X}"

    return '"' + _TOML_ESCAPED.sub(escaped, text) + '"'


def _toml_value(value: Any, field: str = "value") -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"save: {field}: {value!r} cannot be written")
        return repr(value) if isinstance(value, float) else str(value)
    return toml_string(str(value), field)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key, "key")


_BOUND_FIELDS = ("power_bound", "count_bound")


def facility_to_toml(facility: Facility) -> str:
    """The TOML text of a facility preset (the format `load_facility` reads).

    Raises:
        InputError: A text holds a lone surrogate (see `toml_string`).
    """
    lines = []
    for key, value in facility.model_dump(mode="json").items():
        if key == "power":
            text = f"{number_text(facility.power.magnitude)} {facility.power.units:~}"
            lines.append(f"power = {_toml_value(text, key)}")
        elif value is None or (key in _BOUND_FIELDS and value == "exact"):
            continue  # unstated: the model's default, as a hand-written preset leaves it
        elif not isinstance(value, (dict, list)):
            lines.append(f"{_toml_key(key)} = {_toml_value(value, key)}")
    lines.append("\n[fleet]")
    lines += [f"{_toml_key(k)} = {_toml_value(v, f'fleet.{k}')}" for k, v in facility.fleet.items()]
    scalars = {k: v for k, v in facility.assumptions.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in facility.assumptions.items() if isinstance(v, dict)}
    lines.append("\n[assumptions]")
    lines += [f"{_toml_key(k)} = {_toml_value(v, f'assumptions.{k}')}" for k, v in scalars.items()]
    for name, table in tables.items():
        lines.append(f"\n[assumptions.{_toml_key(name)}]")
        lines += [
            f"{_toml_key(k)} = {_toml_value(v, f'assumptions.{name}.{k}')}"
            for k, v in table.items()
            if v is not None
        ]
    for index, source in enumerate(facility.sources):
        lines.append("\n[[sources]]")
        lines.append(f"title = {_toml_value(source.title, f'sources.{index}.title')}")
        if source.url:
            lines.append(f"url = {_toml_value(source.url, f'sources.{index}.url')}")
    for name in ("energy", "orbital"):  # the panels' own inputs, when the scenario set any
        options = getattr(facility, name)
        if options:
            lines.append(f"\n[{name}]")
            lines += [f"{_toml_key(k)} = {_toml_value(v, f'{name}.{k}')}" for k, v in options.items()]
    for name in ("timeline", "deliveries"):
        for index, entry in enumerate(facility.model_dump(mode="json")[name]):
            lines.append(f"\n[[{name}]]")
            lines += _toml_entry(entry, f"{name}.{index}")
    return "\n".join(lines) + "\n"


def _toml_entry(entry: dict[str, Any], field: str) -> list[str]:
    """The lines of one timeline stage or delivery: quantities as text with their unit ("35 MW"),
    its sources as inline tables, unset and empty values left out."""
    lines = []
    for key, value in entry.items():
        if value is None or value == "":
            continue
        if isinstance(value, dict):  # a quantity, as the JSON dump writes it
            value = f"{number_text(value['value'])} {value['unit']}"
        if key == "sources":
            tables = [
                "{ "
                + ", ".join(
                    f"{_toml_key(k)} = {_toml_value(v, f'{field}.sources.{i}.{k}')}"
                    for k, v in source.items()
                    if v is not None
                )
                + " }"
                for i, source in enumerate(value)
            ]
            lines.append(f"sources = [{', '.join(tables)}]")
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value, f'{field}.{key}')}")
    return lines


def scenario_to_facility(scenario: Scenario, preset_id: str) -> Facility:
    """The scenario as a facility preset: its method, and its site facts and overrides as the
    facility's assumptions (so the method can still be switched after it is opened again); the
    bounds of the claim ("more than 300 MW", "over 220,000 GPUs") are kept.

    Raises:
        InputError: The scenario has no power or no claimed count.
    """
    if scenario.power is None or scenario.accelerators is None:
        raise InputError("save: a scenario needs a power and an accelerator count to be saved")
    assumptions: dict[str, Any] = {**scenario.site, **scenario.overrides}
    sources = scenario.sources or (Source(title="a scenario saved from dcpower"),)
    try:
        facility = _facility_of(scenario, preset_id, assumptions, sources)
        facility = Facility.model_validate(
            {**dict(facility), "energy": scenario.energy, "orbital": scenario.orbital}
        )
        site = _site_of(scenario)
        if site is None:
            return facility
        # the site's history is the scenario's too: its location, timeline and deliveries
        return Facility.model_validate(
            {
                **dict(facility),
                "location": site.location,
                "timeline": site.timeline,
                "deliveries": site.deliveries,
            }
        )
    except ValidationError as error:  # a method given as a path, say: a preset names an id
        raise InputError(f"save: {describe_validation_error(error)}") from None


def _site_of(scenario: Scenario) -> Facility | None:
    """The facility preset the scenario started from, if it still loads."""
    if scenario.facility is None:
        return None
    try:
        return load_facility(scenario.facility)
    except CalcError:
        return None


def _facility_of(
    scenario: Scenario, preset_id: str, assumptions: dict[str, Any], sources: tuple[Source, ...]
) -> Facility:
    return Facility(
        id=preset_id,
        name=scenario.name,
        status=f"scenario saved {date.today().isoformat()}",
        power=scenario.power,
        basis=scenario.basis or "unspecified",
        accelerators=scenario.accelerators,
        power_bound=scenario.power_bound,
        count_bound=scenario.count_bound,
        accelerators_high=scenario.accelerators_high,
        fleet={
            e.accelerator + (f"@{e.system}" if e.system else ""): (
                e.count if e.count is not None else e.weight or 1.0
            )
            for e in scenario.fleet
        },
        method=scenario.method,
        assumptions=assumptions,
        confidence="estimate",
        sources=sources,
        notes=scenario.notes,
    )


def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> Path:
    """Save a scenario as a facility preset at `path` (its id is the file stem).

    Raises:
        InputError: The file name is not a valid preset id, or the file cannot be written.
    """
    target = Path(path).expanduser()
    return write_atomic(target, scenario_toml(scenario, target))


def scenario_toml(scenario: Scenario, path: str | os.PathLike[str]) -> str:
    """The text `save_scenario` writes at `path`: a facility preset whose id is the file stem
    (what a browser user downloads, where the server's disk is not theirs).

    Raises:
        InputError: The file name does not end in .toml or is not a valid preset id.
    """
    target = Path(path).expanduser()
    if target.suffix != ".toml":
        raise InputError(f"save: {str(path)!r} must end in .toml")
    if not _ID_RE.match(target.stem):
        raise InputError(
            f"save: {shown(target.name)}: the file name is the preset id and must be "
            f"kebab-case, e.g. 'my-site.toml'"
        )
    if len(target.stem) > _MAX_ID:
        raise InputError(
            f"save: {shown(target.name)}: the file name is the preset id and has at most "
            f"{_MAX_ID} characters before '.toml' ({len(target.stem)} given)"
        )
    return facility_to_toml(scenario_to_facility(scenario, target.stem))
