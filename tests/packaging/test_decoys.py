"""Nothing on sys.path shadows dcpower's data: the API and the CLI run from a directory holding
decoy ``presets/`` and ``tui/`` packages and still find the bundled presets."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import calc
from calc.errors import PresetError
from calc.presets import bundled_dir

DECOY = 'raise ImportError("decoy {name}/__init__.py was imported from the working directory")\n'
# 300 MW / 220,000 GPUs = 1,363.636... W per GPU
API = (
    "import calc\n"
    "claim = calc.check_claim('300 MW', gpus=220000, accelerator='h100-sxm')\n"
    "print(claim.verdict, f'{claim.implied_power_per_accelerator.to(\"W\").magnitude:.1f}')\n"
)


@pytest.fixture
def decoy_dir(tmp_path: Path) -> Path:
    """A working directory with packages named like dcpower's that fail loudly if imported."""
    for name in ("presets", "tui"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text(DECOY.format(name=name))
    return tmp_path


def test_the_decoys_are_importable_from_there(decoy_dir):
    # The premise of the tests below: `python -c` puts the working directory first on sys.path.
    done = subprocess.run(
        [sys.executable, "-c", "import presets"], cwd=decoy_dir, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "ImportError: decoy presets/__init__.py was imported" in done.stderr


def test_api_beside_decoys(decoy_dir):
    done = subprocess.run(
        [sys.executable, "-c", API], cwd=decoy_dir, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "plausible 1363.6\n"


def test_cli_beside_decoys(decoy_dir):
    # The console script of this environment; a console script puts its own bin/ first on
    # sys.path, not the working directory (which is why `python -m tui` is not used here).
    script = Path(sys.executable).parent / "dcpower"
    assert script.is_file(), f"no dcpower console script beside {sys.executable}"
    done = subprocess.run(
        [str(script), "check", "--facility", "colossus-1", "--json"],
        cwd=decoy_dir,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["verdict"] == "plausible"
    assert data["implied_power_per_accelerator"] == {
        "value": pytest.approx(1363.636, abs=1e-3),
        "unit": "W",
        "base": pytest.approx(1363.636, rel=1e-6),
        "base_unit": "W",
    }


def test_bundled_presets_of_this_install():
    found = bundled_dir()
    assert (found / "accelerators" / "h100-sxm.toml").is_file()
    assert found.name in ("_presets", "presets")  # an installed wheel or a source checkout
    assert Path(calc.__file__).resolve().parent in (found.parent, found.parent / "calc")


def test_bundled_dir_in_a_wheel_layout(tmp_path):
    package = tmp_path / "site-packages" / "calc"
    (package / "_presets" / "accelerators").mkdir(parents=True)
    assert bundled_dir(package) == package / "_presets"


def test_bundled_dir_in_a_source_checkout(tmp_path):
    (tmp_path / "calc").mkdir()
    (tmp_path / "presets" / "accelerators").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("")
    assert bundled_dir(tmp_path / "calc") == tmp_path / "presets"


def test_bundled_dir_prefers_the_data_inside_the_package(tmp_path):
    (tmp_path / "calc" / "_presets").mkdir(parents=True)
    (tmp_path / "presets").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    assert bundled_dir(tmp_path / "calc") == tmp_path / "calc" / "_presets"


def test_bundled_dir_ignores_a_foreign_presets_beside_an_installed_calc(tmp_path):
    # site-packages/presets from some other distribution is not ours: no pyproject.toml there
    (tmp_path / "calc").mkdir()
    (tmp_path / "presets" / "accelerators").mkdir(parents=True)
    with pytest.raises(PresetError) as error:
        bundled_dir(tmp_path / "calc")
    assert str(error.value) == (
        f"bundled presets: not found at {tmp_path / 'calc' / '_presets'} (an installed wheel) "
        f"nor at {tmp_path / 'presets'} (a source checkout); reinstall dcpower"
    )


# Another distribution's `tui` package earlier on sys.path than dcpower's: one with a syntax
# error, and one that imports but has no dcpower app in it. It carries its own dist-info, as an
# installed distribution does, so that the error can name it.
SHADOWS = {"syntax error": "def broken(:\n", "no dcpower app": '"""Some other tui."""\n'}


def _shadowing_tui(root: Path, init: str) -> Path:
    (root / "tui").mkdir(parents=True)
    (root / "tui" / "__init__.py").write_text(init)
    info = root / "othertui-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: othertui\nVersion: 1.0\n")
    (info / "RECORD").write_text("tui/__init__.py,,\nothertui-1.0.dist-info/METADATA,,\n")
    return root


@pytest.mark.parametrize("init", SHADOWS.values(), ids=SHADOWS.keys())
def test_a_shadowing_tui_breaks_only_dcpower_tui(tmp_path, init):
    shadow = _shadowing_tui(tmp_path / "shadow", init)
    script = Path(sys.executable).parent / "dcpower"

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), *arguments],
            env={**os.environ, "PYTHONPATH": str(shadow)},
            capture_output=True,
            text=True,
            timeout=60,
        )

    for flag in ("-V", "--version"):
        done = run(flag)
        assert (done.returncode, done.stdout, done.stderr) == (0, f"dcpower {calc.__version__}\n", "")
    done = run("check", "--facility", "colossus-1", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "plausible"

    done = run("tui")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"dcpower: error: tui: the tui package at {shadow.resolve() / 'tui'} (from othertui 1.0) comes "
        f"before dcpower's own at {Path(calc.__file__).resolve().parents[1] / 'tui'} on sys.path "
        "(remove the other one, or reinstall dcpower)\n"
    )


def test_a_shadowing_tui_module_file(tmp_path):
    (tmp_path / "tui.py").write_text("raise SystemExit('decoy tui.py was run')\n")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "dcpower"), "tui"],
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"dcpower: error: tui: the module {tmp_path / 'tui.py'} comes before dcpower's own tui package "
        f"at {Path(calc.__file__).resolve().parents[1] / 'tui'} on sys.path (remove it, or reinstall dcpower)\n"
    )
