"""The Textual internals that the key-dispatch workaround in tui/app.py relies on.

`DcpowerApp.on_event` runs a key's binding, or inserts its character, before the next key is
taken (a workaround for textual#6605). It calls private Textual API, which a release may rename
or change without notice. These tests name each piece, so that a Textual upgrade that breaks the
workaround fails here with what changed, not as keys landing in the wrong field under load.
"""

import inspect
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from textual import events
from textual.app import App
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Input

ROOT = Path(__file__).resolve().parents[2]
TEXTUAL = version("textual")
WORKAROUND = "tui/app.py DcpowerApp.on_event, the workaround for textual#6605"


def changed(what: str) -> str:
    return (
        f"Textual {TEXTUAL} changed {what}, which {WORKAROUND} relies on: check whether #6605 is "
        "fixed (then remove the workaround) or adapt it, and only then widen the textual range "
        "in pyproject.toml"
    )


def test_the_installed_textual_is_in_the_range_dcpower_declares():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    [textual] = [Requirement(d) for d in dependencies if Requirement(d).name == "textual"]
    assert TEXTUAL in textual.specifier, (
        f"Textual {TEXTUAL} is installed; pyproject.toml declares textual{textual.specifier}, the "
        f"range {WORKAROUND} was tested on"
    )


def test_check_bindings_takes_a_key_and_priority_and_is_awaited():
    check = getattr(App, "_check_bindings", None)
    assert check is not None and inspect.iscoroutinefunction(check), changed("App._check_bindings")
    parameters = list(inspect.signature(check).parameters)
    assert parameters[:3] == ["self", "key", "priority"], changed(f"App._check_bindings{parameters}")


def test_an_input_handles_a_key_event_in_its_own_on_key():
    on_key = getattr(Input, "_on_key", None)
    assert on_key is not None and inspect.iscoroutinefunction(on_key), changed("Input._on_key")
    assert list(inspect.signature(on_key).parameters) == ["self", "event"], changed("Input._on_key(event)")


def test_a_key_event_can_be_marked_forwarded():
    key = events.Key("a", "a")
    assert hasattr(key, "_set_forwarded") and hasattr(key, "is_forwarded"), changed(
        "Key._set_forwarded / Key.is_forwarded"
    )
    assert not key.is_forwarded, changed("Key.is_forwarded (a new key is forwarded)")
    key._set_forwarded()
    assert key.is_forwarded, changed("Key._set_forwarded (it no longer marks the key)")


def test_the_app_and_screen_attributes_the_workaround_reads_and_writes():
    assert isinstance(inspect.getattr_static(App, "_screen_stack", None), property), changed(
        "App._screen_stack"
    )
    assert isinstance(inspect.getattr_static(App, "app_focus", None), Reactive), changed("App.app_focus")
    assert isinstance(inspect.getattr_static(Screen, "maximized", None), Reactive), changed(
        "Screen.maximized"
    )
    clear = getattr(Screen, "_clear_tooltip", None)
    assert callable(clear) and list(inspect.signature(clear).parameters) == ["self"], changed(
        "Screen._clear_tooltip()"
    )
