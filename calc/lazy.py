"""Names a module imports on first use (PEP 562): the numpy-backed ones, which a one-shot
command never loads (numpy is a third of its start)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(
    module: str, lazy: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module's ``__getattr__`` and ``__dir__`` for names imported on first use.

    Args:
        module: The module's name, for the AttributeError of a name it has not ("calc").
        lazy: Each lazily imported name -> the module that defines it.
        namespace: The module's globals: a name imported once is kept there.
    """

    def __getattr__(name: str) -> Any:
        """A lazily imported name, imported on first use."""
        source = lazy.get(name)
        if source is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        """The module's names with the lazily imported ones, so that completion offers them."""
        return sorted({*namespace, *lazy})

    return __getattr__, __dir__
