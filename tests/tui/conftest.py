"""The TUI tests run on a small preset folder, tests/tui/presets/, unless marked `bundled_presets`.

The folder holds byte-for-byte copies of a few bundled presets: the facilities the tests open
(Colossus 1 first), the accelerators and systems of their fleets and of the ledger's answers, every
assumption set, and the eight claims the ledger snapshot shows. An app on it lists and checks less,
and what it shows does not change when a preset is added to presets/. A test of the bundled
ledger itself is marked ``@pytest.mark.bundled_presets``.
"""

from pathlib import Path

import pytest

import calc.presets

FIXTURE_PRESETS = Path(__file__).resolve().with_name("presets")


@pytest.fixture(autouse=True)
def fixture_presets(request, isolated_presets, monkeypatch):
    """Put tests/tui/presets/ where the bundled presets are found (after the user folders are isolated)."""
    if request.node.get_closest_marker("bundled_presets") is None:
        monkeypatch.setattr(calc.presets, "bundled_dir", lambda package_dir=None: FIXTURE_PRESETS)
        calc.presets.reset_catalog()
    yield
    calc.presets.reset_catalog()
