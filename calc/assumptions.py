"""Build the assumptions of a calculation from layers: default set, method, site, user.

How one layer is read and the layers merged is `calc.layers` (below the preset reader, which
checks each file with it); this module adds the layers that come from presets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calc.errors import InputError, did_you_mean, known_name, shown
from calc.layers import DEFAULT_METHOD, coerce_assumption, merge_layers
from calc.models import ASSUMPTION_NAMES, Assumptions, AssumptionSet
from calc.presets import load_assumption_set

# read from here too (calc.assumptions.DEFAULT_METHOD, .coerce_assumption, .merge_layers)
__all__ = ["DEFAULT_METHOD", "build_assumptions", "coerce_assumption", "merge_layers", "parse_settings"]


def method_layers(method: str = DEFAULT_METHOD) -> tuple[AssumptionSet, tuple[Mapping[str, Any], ...]]:
    """The assumption set of a method and the layers it stands for (default first)."""
    default = load_assumption_set(DEFAULT_METHOD)
    if method == DEFAULT_METHOD:
        return default, (default.assumptions,)
    chosen = load_assumption_set(method)
    return chosen, (default.assumptions, chosen.assumptions)


def build_assumptions(
    method: str = DEFAULT_METHOD,
    *overrides: Mapping[str, Any] | None,
    accelerators: tuple[str, ...] = (),
) -> Assumptions:
    """Assumptions of a method, with site and user overrides applied in order.

    Args:
        method: Id of an assumption set (``default``, ``epoch``, ``semianalysis``, ...).
        overrides: Mappings of assumption names to values; None is skipped.
        accelerators: The fleet's accelerator ids: when they are one, the method's calibration
            for that accelerator (``by_accelerator``) applies over its general values (a fleet
            of several: `calc.chain.scenario_calibration` blends their calibrations).

    Raises:
        PresetError: Unknown method.
        InputError: An override is unreadable or out of range.
    """
    chosen, layers = method_layers(method)
    kinds = set(accelerators)
    calibration = chosen.by_accelerator.get(kinds.pop(), {}) if len(kinds) == 1 else {}
    return merge_layers(*layers, calibration, *(o for o in overrides if o))


def parse_settings(items: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """Parse ``NAME=VALUE`` strings (the CLI's ``--set``) into a layer.

    Raises:
        InputError: An item has no ``=`` or names no assumption.
    """
    if not isinstance(items, (list, tuple)):
        raise InputError(
            f"--set: {shown(items)} is not a list of NAME=VALUE texts, e.g. ['pue=1.3']", field="--set"
        )
    layer: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, str):
            raise InputError(f"--set: {shown(item)} is not NAME=VALUE text, e.g. 'pue=1.3'", field="--set")
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name or not value.strip():
            raise InputError(
                f"--set: {shown(item)} must be NAME=VALUE, e.g. 'pue=1.3' or 'pue=1.1:1.25:1.4'",
                field="--set",
            )
        known = known_name(name, ASSUMPTION_NAMES)  # PUE=1.3 is pue=1.3
        if known is None:
            raise InputError(
                f"--set: {shown(name)} is not an assumption; {did_you_mean(name, ASSUMPTION_NAMES)}"
                f"accepted: {', '.join(ASSUMPTION_NAMES)}",
                field="--set",
            )
        name = known
        layer[name] = coerce_assumption(name, value.strip())
    return layer
