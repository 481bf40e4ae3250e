"""The command's entry: with nothing shadowing it, `dcpower tui` gets dcpower's own UI."""

from pathlib import Path

import calc
from calc.__main__ import expected_ui_dir, load_ui


def test_the_ui_found_is_dcpowers():
    import tui.app

    assert expected_ui_dir() == Path(calc.__file__).resolve().parents[1] / "tui"
    assert load_ui() is tui.app.run_app
