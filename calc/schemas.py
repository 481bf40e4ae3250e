"""The JSON Schema of every JSON document and JSON Lines record the `dcpower` command prints.

Each document (each JSON Lines record) starts with ``schema_version`` and ``dcpower_version``
(`stamp`); ``dcpower schema NAME`` prints the schema it validates against. ``schema_version``
changes when a document changes in a way an old consumer would misread.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from calc.commands import model_schemas, schema_names
from calc.models import describe_schema

SCHEMA_VERSION = 1
"""The version of the JSON documents' layout, carried in each as ``schema_version``."""

MODEL_SCHEMAS = model_schemas()
"""A command's --json output -> the result model it dumps (from the command spec)."""
LISTINGS = tuple(name for name in schema_names() if name not in MODEL_SCHEMAS)
"""The documents that are no single result: `claims list`, `presets list` and `presets show`."""
SCHEMA_NAMES = (*MODEL_SCHEMAS, *LISTINGS)

_TITLES = {
    "batch": "dcpower batch --format jsonl (one record a line)",
    "claims-list": "dcpower claims list --json",
    "presets-list": "dcpower presets list --json",
    "presets-show": "dcpower presets show ID --json",
}
_STAMP_PROPERTIES = {
    "schema_version": {"const": SCHEMA_VERSION, "description": "The layout's version (calc.schemas)."},
    "dcpower_version": {"type": "string", "description": "The dcpower that wrote the document."},
}


def dcpower_version() -> str:
    """The installed dcpower's version (``"0+unknown"`` in a source tree that was never installed)."""
    try:
        return version("dcpower")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def stamp(payload: dict[str, Any]) -> dict[str, Any]:
    """The document with ``schema_version`` and ``dcpower_version`` first."""
    return {"schema_version": SCHEMA_VERSION, "dcpower_version": dcpower_version(), **payload}


def _stamped(schema: dict[str, Any]) -> dict[str, Any]:
    """An object schema that also requires the two stamp properties."""
    return {
        **schema,
        "properties": {**_STAMP_PROPERTIES, **schema.get("properties", {})},
        "required": [*_STAMP_PROPERTIES, *schema.get("required", [])],
    }


def _model_schema(name: str, api: Any) -> dict[str, Any]:
    model = getattr(api, name)
    return describe_schema(model.model_json_schema(mode="serialization"), model)


def _ref(defs: dict[str, Any], name: str, api: Any) -> dict[str, Any]:
    """A $ref to model `name`, its schema and its own $defs added to `defs`."""
    schema = _model_schema(name, api)
    defs.update(schema.pop("$defs", {}))
    defs[name] = schema
    return {"$ref": f"#/$defs/{name}"}


def _listing(name: str, api: Any) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    if name == "claims-list":
        body = {
            "type": "object",
            "properties": {"claims": {"type": "array", "items": _ref(defs, "LedgerClaim", api)}},
            "required": ["claims"],
        }
    elif name == "presets-list":
        item = {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "origin": {"type": "string"},
                "path": {"type": "string"},
            },
            "required": ["id", "origin"],
        }
        body = {
            "type": "object",
            "description": "The preset ids of each kind, with where each comes from.",
            "additionalProperties": {"type": "array", "items": item},
        }
    else:
        body = {
            "type": "object",
            "properties": {
                "kind": {"type": "string"},
                "origin": {"type": "string"},
                "path": {"type": "string"},
                "preset": {"type": "object", "description": "The preset as its model dumps it."},
            },
            "required": ["kind", "origin", "path", "preset"],
        }
    schema = _stamped(body)
    if "properties" in body and "additionalProperties" in body:
        schema["additionalProperties"] = body["additionalProperties"]
    if defs:
        schema["$defs"] = defs
    return schema


def _check_schema(api: Any) -> dict[str, Any]:
    """One claim check, or ``{"methods": [...]}`` for ``--method all``."""
    defs: dict[str, Any] = {}
    one = _ref(defs, "ClaimResult", api)
    # the stamp is allowed in every ClaimResult, required only at the top
    defs["ClaimResult"] = {
        **defs["ClaimResult"],
        "properties": {**_STAMP_PROPERTIES, **defs["ClaimResult"]["properties"]},
    }
    claim = {"allOf": [one, {"type": "object", "required": list(_STAMP_PROPERTIES)}]}
    every = {
        "type": "object",
        "properties": {**_STAMP_PROPERTIES, "methods": {"type": "array", "items": one}},
        "required": [*_STAMP_PROPERTIES, "methods"],
        "additionalProperties": False,
    }
    return {"oneOf": [claim, every], "$defs": defs}


def _energy_schema(api: Any) -> dict[str, Any]:
    """A year of operation, or ``{"annual_energy", "average_power"}`` for ``--annual-energy``."""
    year = _stamped(_model_schema(MODEL_SCHEMAS["energy"], api))
    defs = year.pop("$defs", {})
    average = _stamped(
        {
            "type": "object",
            "description": "An energy per year as average power (8,760 h a year).",
            "properties": {
                "annual_energy": {"type": "string", "description": "The energy per year as typed."},
                "average_power": year["properties"]["power"],  # a quantity, as every power is
            },
            "required": ["annual_energy", "average_power"],
            "additionalProperties": False,
        }
    )
    schema: dict[str, Any] = {"oneOf": [year, average]}
    if defs:
        schema["$defs"] = defs
    return schema


def command_schema(name: str, api: Any) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document named `name` (one of `SCHEMA_NAMES`);
    `api` is the namespace its models are found in (the `calc` module: some are lazy)."""
    if name == "check":
        schema = _check_schema(api)
        schema["description"] = (
            'One claim check. With --method all the output is {"methods": [one such object per method]}.'
        )
    elif name == "energy":
        schema = _energy_schema(api)
        schema["description"] = (
            "A year of operation at a load factor. With --annual-energy the output is "
            '{"annual_energy": ..., "average_power": ...}.'
        )
    elif name in LISTINGS:
        schema = _listing(name, api)
    else:
        schema = _stamped(_model_schema(MODEL_SCHEMAS[name], api))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = _TITLES.get(name, f"dcpower {name} --json")
    # the schema is stamped as the documents it describes are (annotations a validator ignores)
    schema["schema_version"] = SCHEMA_VERSION
    schema["dcpower_version"] = dcpower_version()
    return schema
