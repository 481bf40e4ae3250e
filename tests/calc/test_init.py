"""The calc package itself: its version, its public names and the lazily imported ones."""

import importlib.metadata
import subprocess
import sys

import pytest

import calc


def test_every_public_name_resolves():
    missing = [name for name in calc.__all__ if not hasattr(calc, name)]
    assert missing == []
    assert len(set(calc.__all__)) == len(calc.__all__)


def test_the_lazy_names_are_public_and_resolve():
    assert set(calc._LAZY) <= set(calc.__all__)
    assert calc.monte_carlo is importlib.import_module("calc.uncertainty").monte_carlo
    assert calc.SweepResult.__name__ == "SweepResult"


def test_dir_lists_the_lazy_names_before_they_are_imported():
    # a fresh interpreter, where nothing has loaded them yet (completion calls dir())
    code = (
        "import calc; names = dir(calc); lazy = sorted(calc._LAZY);"
        "print([n for n in lazy if n in vars(calc)], [n for n in lazy if n not in names])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout == "[] []\n", done.stderr


def test_dir_is_sorted_and_holds_the_eager_names():
    names = dir(calc)
    assert names == sorted(names)
    assert {"check_claim", "Scenario", "__version__", "tornado", "sweep"} <= set(names)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match=r"^module 'calc' has no attribute 'montecarlo'$"):
        calc.montecarlo  # noqa: B018


def test_version_is_the_installed_distributions():
    assert calc.__version__ == importlib.metadata.version("dcpower") == "0.1.0"


def test_version_of_a_source_tree_never_installed(monkeypatch):
    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(calc.schemas, "version", not_installed)  # the name calc._version calls
    assert calc._version() == "0+unknown"
