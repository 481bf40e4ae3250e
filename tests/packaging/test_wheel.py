"""The wheel: calc and tui as packages, the preset data inside calc, the licence, the metadata.

The wheel is built once per module with pip (hatchling comes from the package index, as it does
for `pip install .`).
"""

import email
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST_INFO = "dcpower-0.1.0.dist-info"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    done = subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("dcpower-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_top_level_names(wheel):
    # no generic `presets` package: the data lives inside calc
    assert {name.split("/")[0] for name in wheel.namelist()} == {"calc", "tui", DIST_INFO}


def test_every_preset_file_is_inside_calc(wheel):
    expected = {
        "calc/_presets/" + path.relative_to(ROOT / "presets").as_posix()
        for path in (ROOT / "presets").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    shipped = {name for name in wheel.namelist() if name.startswith("calc/_presets/")}
    assert shipped == expected
    assert "calc/_presets/accelerators/h100-sxm.toml" in shipped
    assert "calc/_presets/facilities/colossus-1.toml" in shipped
    assert not any(name.endswith(".py") for name in shipped)


def test_code_of_both_packages(wheel):
    names = set(wheel.namelist())
    assert {"calc/__init__.py", "calc/presets.py", "calc/cli.py"} <= names
    assert {"tui/__init__.py", "tui/__main__.py", "tui/app.py", "tui/app.tcss"} <= names
    assert not any("__pycache__" in name for name in names)


def test_licence_is_shipped(wheel):
    text = wheel.read(f"{DIST_INFO}/licenses/LICENSE").decode()
    assert text == (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the dcpower authors\n")


def test_metadata(wheel):
    meta = email.message_from_bytes(wheel.read(f"{DIST_INFO}/METADATA"))
    assert meta["Name"] == "dcpower"
    assert meta["License-Expression"] == "MIT"
    assert meta["License-File"] == "LICENSE"
    assert meta["Author"] == "the dcpower authors"
    assert meta["Requires-Python"] == ">=3.11"
    assert meta.get_all("Project-URL") == [
        "Homepage, https://github.com/dcpower/dcpower",
        "Repository, https://github.com/dcpower/dcpower",
        "Issues, https://github.com/dcpower/dcpower/issues",
        "Documentation, https://github.com/dcpower/dcpower/tree/main/docs",
    ]
    assert "Programming Language :: Python :: 3.11" in meta.get_all("Classifier")


def test_console_script(wheel):
    entry_points = wheel.read(f"{DIST_INFO}/entry_points.txt").decode()
    assert "[console_scripts]\ndcpower = calc.__main__:main\n" in entry_points


def test_unpacked_wheel_finds_its_presets_beside_decoys(wheel, tmp_path):
    # A pure wheel installs by unpacking; put it first on sys.path (before this checkout, which
    # the editable install adds) and run from a directory with a decoy presets/ package.
    site = tmp_path / "site"
    wheel.extractall(site)
    work = tmp_path / "work"
    (work / "presets").mkdir(parents=True)
    (work / "presets" / "__init__.py").write_text('raise ImportError("decoy presets imported")\n')
    code = (
        "import calc, calc.presets\n"
        "print(calc.presets.bundled_dir())\n"
        "print(calc.check_claim('300 MW', gpus=220000, accelerator='h100-sxm').verdict)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{site / 'calc' / '_presets'}\nplausible\n"


def test_py_typed_is_shipped(wheel):
    assert wheel.read("calc/py.typed") == b""


def test_a_tui_overwritten_by_another_distribution(wheel, tmp_path):
    # An unrelated distribution that also installs tui/__init__.py replaces dcpower's file in
    # site-packages; only `dcpower tui` fails, in one line naming that distribution.
    site = tmp_path / "site"
    wheel.extractall(site)
    (site / "tui" / "__init__.py").write_text("def broken(:\n")
    info = site / "othertui-2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: othertui\nVersion: 2.3\n")
    (info / "RECORD").write_text("tui/__init__.py,,\n")
    work = tmp_path / "work"
    work.mkdir()

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "calc", *arguments],
            cwd=work,
            env={**os.environ, "PYTHONPATH": str(site)},
            capture_output=True,
            text=True,
            timeout=60,
        )

    done = run("-V")
    assert (done.returncode, done.stdout, done.stderr) == (0, "dcpower 0.1.0\n", "")
    done = run("presets", "show", "h100-sxm")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"accelerator h100-sxm (bundled: {site / 'calc' / '_presets'}")
    done = run("tui")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"dcpower: error: tui: dcpower's tui package at {site / 'tui'} cannot be imported "
        "(SyntaxError: invalid syntax (__init__.py, line 1)); its files are also listed by "
        "othertui 2.3 (reinstall dcpower)\n"
    )
