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
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from calc.errors import PresetError
from calc.models import AcceleratorSpec, AssumptionSet, Facility, ParameterSet, SystemSpec

Kind = Literal["accelerators", "systems", "facilities", "assumptions", "economics", "orbital"]
KINDS: tuple[Kind, ...] = ("accelerators", "systems", "facilities", "assumptions", "economics", "orbital")
MODELS: dict[str, type[BaseModel]] = {
    "accelerators": AcceleratorSpec,
    "systems": SystemSpec,
    "facilities": Facility,
    "assumptions": AssumptionSet,
    "economics": ParameterSet,
    "orbital": ParameterSet,
}
SINGULAR = {
    "accelerators": "accelerator",
    "systems": "system",
    "facilities": "facility",
    "assumptions": "assumption set",
    "economics": "economics set",
    "orbital": "orbital set",
}
ENV_VAR = "DCPOWER_PRESET_DIR"


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


def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a pydantic error as one line: ``field: message``."""
    first = error.errors(include_url=False)[0]
    parts = [str(part) for part in first["loc"]]
    message = first["msg"].removeprefix("Value error, ")
    if parts and message.startswith((parts[-1] + ":", parts[-1] + ".")):
        parts = parts[:-1]  # our own messages already start with the field name
    location = ".".join(parts)
    if first["type"] == "missing":
        return f"{location}: missing (required)"
    if first["type"] != "value_error":
        shown = repr(first.get("input"))
        message = f"{message} (got {shown[:37] + '...' if len(shown) > 40 else shown})"
    return f"{location}: {message}" if location else message


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
    _cache: dict[tuple[Path, int], Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._scan(bundled_dir(), "bundled")
        for directory in self.user_dirs:
            self._scan(directory, "user")

    def _scan(self, directory: Path, origin: str) -> None:
        for kind in KINDS:
            folder = directory / kind
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.toml")):
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
            valid = self.ids(kind)
            close = difflib.get_close_matches(str(preset_id), valid, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise PresetError(
                f"{SINGULAR[kind]}: {preset_id!r} is not a preset; {hint}accepted: {', '.join(valid)}"
            ) from None

    def load(self, kind: Kind, preset_id: str) -> Any:
        """Load and validate one preset by id, or by a path to a ``.toml`` file."""
        if preset_id.endswith(".toml") or os.sep in preset_id:
            return load_file(Path(preset_id), kind, self._cache)
        return load_file(self.entry(kind, preset_id).path, kind, self._cache)

    def override_note(self, kind: Kind, preset_id: str) -> str | None:
        """A sentence saying that a user file replaces a bundled preset, if one does."""
        entry = self.entries.get((kind, preset_id))
        if entry is None or entry.overrides is None:
            return None
        return (
            f"{SINGULAR[kind]} {preset_id!r} comes from the user preset {entry.path}, "
            f"which overrides {entry.overrides}"
        )


def load_file(path: Path, kind: Kind, cache: dict[tuple[Path, int], Any] | None = None) -> Any:
    """Read and validate one preset file of a kind; errors name the file and the field."""
    try:
        stat = path.stat()
    except OSError as error:
        raise PresetError(f"{path}: cannot be read ({error.strerror or error})") from None
    key = (path.resolve(), stat.st_mtime_ns)
    if cache is not None and key in cache:
        return cache[key]
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise PresetError(f"{path}: not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PresetError(f"{path}: cannot be read ({error})") from None
    try:
        model = MODELS[kind].model_validate(data)
    except ValidationError as error:
        raise PresetError(f"{path}: {describe_validation_error(error)}") from None
    if model.id != path.stem:  # type: ignore[attr-defined]
        raise PresetError(
            f"{path}: id: {model.id!r} must equal the file name {path.stem!r}"  # type: ignore[attr-defined]
        )
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
        if not Path(directory).is_dir():
            raise PresetError(f"preset-dir: {str(directory)!r} is not a directory")
    _cli_dirs = tuple(Path(d) for d in dirs)
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
        raise PresetError(f"kind: {kind!r} is not a preset kind; accepted: {', '.join(KINDS)}")
    return catalog().ids(kind)


def load_preset(kind: Kind, preset_id: str) -> Any:
    """Load one preset by kind and id (or a path to a TOML file).

    Raises:
        PresetError: Unknown kind or id (the message lists the accepted ones), or an invalid file
            (the message names the file and the field).
    """
    if kind not in KINDS:
        raise PresetError(f"kind: {kind!r} is not a preset kind; accepted: {', '.join(KINDS)}")
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
    if preset_id.endswith(".toml") or os.sep in preset_id:
        return "file"
    return catalog().entry(kind, preset_id).origin
