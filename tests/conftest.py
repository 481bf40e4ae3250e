"""Shared test set-up: Hypothesis profiles, isolation from the user's own presets, and the
modules that pytest-xdist keeps on one worker."""

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.register_profile(
    "fuzz",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups (`make test`: --dist loadgroup)
def pytest_collection_modifyitems(items):
    """A module whose tests share a module-scoped fixture (one app, one built wheel) is one
    xdist group: one worker makes the fixture once and runs the module's tests in their order.
    The other tests are spread one by one over the workers."""
    for item in items:
        fixtures = getattr(item, "_fixtureinfo", None)
        if fixtures is None:
            continue
        scopes = {d.scope for defs in fixtures.name2fixturedefs.values() for d in defs}
        if "module" in scopes:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


@pytest.fixture(autouse=True)
def isolated_presets(tmp_path_factory, monkeypatch):
    """Point the per-user preset directory at an empty place, so tests see bundled presets only."""
    import calc.presets

    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("DCPOWER_PRESET_DIR", raising=False)
    monkeypatch.setattr(calc.presets, "_cli_dirs", ())
    calc.presets.reset_catalog()
    yield config
    calc.presets.reset_catalog()


@pytest.fixture
def fill_disk_on_json(monkeypatch):
    """Call it to fill the disk for JSON files: from then on every temporary .json write fails
    with ENOSPC, the others are written (monkeypatch.undo() empties the disk again)."""
    import errno

    import calc.files

    real = calc.files._write_temporary

    def full_disk(folder, name, text):
        if name.endswith(".json"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(folder, name, text)

    return lambda: monkeypatch.setattr(calc.files, "_write_temporary", full_disk)
