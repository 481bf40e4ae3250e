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
import json
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from calc.errors import InputError, PresetError
from calc.files import write_atomic
from calc.models import AcceleratorSpec, AssumptionSet, Facility, ParameterSet, Scenario, Source, SystemSpec

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


def bundled_dir() -> Path:
    """The directory of the presets shipped with dcpower."""
    import presets

    return Path(presets.__file__).resolve().parent


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
    derived: dict[tuple[str, ...], Any] = field(default_factory=dict)
    """What the core derives from these presets (resolved fleet items, assumptions): it lives
    and dies with the catalog, so a changed preset directory never serves a stale value."""

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


# ------------------------------------------------------------------------------ writing
# The one writer of preset files, beside the one reader: a saved scenario reads back identical.

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def number_text(value: float) -> str:
    """A number as text that reads back to the same float: 300 -> "300", 0.1 -> "0.1"."""
    return f"{value:.0f}" if value == math.floor(value) and abs(value) < 1e15 else repr(value)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"save: {value!r} cannot be written")
        return repr(value) if isinstance(value, float) else str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def facility_to_toml(facility: Facility) -> str:
    """The TOML text of a facility preset (the format `load_facility` reads)."""
    lines = []
    for key, value in facility.model_dump(mode="json").items():
        if key == "power":
            text = f"{number_text(facility.power.magnitude)} {facility.power.units:~}"
            lines.append(f"power = {_toml_value(text)}")
        elif not isinstance(value, (dict, list)):
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    lines.append("\n[fleet]")
    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in facility.fleet.items()]
    scalars = {k: v for k, v in facility.assumptions.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in facility.assumptions.items() if isinstance(v, dict)}
    lines.append("\n[assumptions]")
    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in scalars.items()]
    for name, table in tables.items():
        lines.append(f"\n[assumptions.{_toml_key(name)}]")
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items() if v is not None]
    for source in facility.sources:
        lines.append("\n[[sources]]")
        lines.append(f"title = {_toml_value(source.title)}")
        if source.url:
            lines.append(f"url = {_toml_value(source.url)}")
    return "\n".join(lines) + "\n"


def scenario_to_facility(scenario: Scenario, preset_id: str) -> Facility:
    """The scenario as a facility preset: its method, and its site facts and overrides as the
    facility's assumptions (so the method can still be switched after it is opened again).

    Raises:
        InputError: The scenario has no power or no claimed count.
    """
    if scenario.power is None or scenario.accelerators is None:
        raise InputError("save: a scenario needs a power and an accelerator count to be saved")
    assumptions: dict[str, Any] = {**scenario.site, **scenario.overrides}
    sources = scenario.sources or (Source(title="a scenario saved from dcpower"),)
    return Facility(
        id=preset_id,
        name=scenario.name,
        status=f"scenario saved {date.today().isoformat()}",
        power=scenario.power,
        basis=scenario.basis or "unspecified",
        accelerators=scenario.accelerators,
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
    if target.suffix != ".toml":
        raise InputError(f"save: {str(path)!r} must end in .toml")
    if not _ID_RE.match(target.stem):
        raise InputError(
            f"save: {target.name!r}: the file name is the preset id and must be "
            f"kebab-case, e.g. 'my-site.toml'"
        )
    text = facility_to_toml(scenario_to_facility(scenario, target.stem))
    return write_atomic(target, text)
