"""tests/tui/presets/, the TUI tests' small preset folder: copies of bundled presets, kept current."""

from calc.presets import bundled_dir

from .conftest import FIXTURE_PRESETS


def test_each_fixture_preset_is_a_copy_of_the_bundled_one():
    bundled = bundled_dir()
    copies = sorted(FIXTURE_PRESETS.glob("*/*.toml"))
    assert copies, FIXTURE_PRESETS
    stale = [
        path.relative_to(FIXTURE_PRESETS).as_posix()
        for path in copies
        if not (bundled / path.relative_to(FIXTURE_PRESETS)).is_file()
        or (bundled / path.relative_to(FIXTURE_PRESETS)).read_bytes() != path.read_bytes()
    ]
    # after a change of a bundled preset: cp presets/KIND/ID.toml tests/tui/presets/KIND/
    assert stale == [], f"tests/tui/presets/ differs from presets/ in {stale}: copy them again"


def test_the_fixture_presets_are_the_ones_the_tests_use():
    ids = {kind.name: sorted(p.stem for p in kind.glob("*.toml")) for kind in FIXTURE_PRESETS.iterdir()}
    assert ids["facilities"] == ["aurora", "colossus-1", "frontier", "gtc-2024-hopper", "stargate-abilene"]
    assert len(ids["claims"]) == 8  # the ledger snapshot's rows
    assert "default" in ids["assumptions"] and "epoch" in ids["assumptions"]
