"""The Makefile checks PYTHON first, in one line, and rebuilds a .venv made by another interpreter.

Each test runs a copy of the Makefile in a temporary directory with a stand-in PYTHON: a small
shell script that answers the Makefile's queries (the version alone, then an id of the
interpreter) and whose ``-m venv`` makes a stand-in .venv. Only the last test makes a real venv.
"""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAKE_ID = "3.11.7 /opt/fake/bin/python3.11"
# A stand-in for `python`: answers the id query, the venv probe and `-m venv DIR` (a .venv whose
# python answers the id query with the same id and echoes anything else), and prints VERSION for
# the version query. VENV_PYTHON_ID lets a test make a .venv that looks made by someone else.
FAKE_PYTHON = """#!/bin/sh
case "$*" in
  *_base_executable*) echo "{id}" ;;
  *ensurepip*) exit {ensurepip_status} ;;
  "-m venv "*)
    mkdir -p "$3/bin"
    printf '#!/bin/sh\\ncase "$*" in *_base_executable*) echo "{id}" ;; *) echo "venv python $*" ;; esac\\n' > "$3/bin/python"
    chmod +x "$3/bin/python" ;;
  *) echo "{version}" ;;
esac
"""


def executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A directory with a copy of the Makefile and a pyproject.toml (the installs depend on it)."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("")
    return tmp_path


def fake_python(project: Path, version: str = "3.11.7", ensurepip_status: int = 0) -> Path:
    text = FAKE_PYTHON.format(id=FAKE_ID, version=version, ensurepip_status=ensurepip_status)
    return executable(project / "fake" / "python", text)


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    # Outside of any outer `make test`: no inherited MAKEFLAGS, no "Entering directory" lines
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def error_line(message: str) -> str:
    """How GNU make prints $(error ...): one line with the Makefile's line number."""
    return f"*** {message}.  Stop."


@pytest.mark.parametrize("goal", ["test", "run"])
@pytest.mark.parametrize("version", ["3.10.12", "2.7.18"])
def test_an_old_python_is_refused_in_one_line_before_anything_is_made(project, goal, version):
    python = fake_python(project, version)
    done = make(project, goal, f"PYTHON={python}")
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("Makefile:")
    assert line.endswith(
        error_line(
            f"dcpower needs Python >= 3.11; {python} is {version}: run 'make {goal} PYTHON=python3.11'"
        )
    )
    assert not (project / ".venv").exists()


def test_the_default_goal_is_checked_too(project):
    python = fake_python(project, "3.10.12")
    done = make(project, f"PYTHON={python}")
    assert done.returncode == 2
    assert done.stderr.endswith(
        error_line(f"dcpower needs Python >= 3.11; {python} is 3.10.12: run 'make run PYTHON=python3.11'")
        + "\n"
    )


def test_a_missing_python_is_named(project):
    done = make(project, "test", "PYTHON=python3.99-missing")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.endswith(
        error_line(
            "dcpower needs Python >= 3.11; 'python3.99-missing' does not run: "
            "run 'make test PYTHON=python3.11'"
        )
    )


def test_a_python_that_prints_no_version_is_named(project):
    python = executable(project / "fake" / "python", "#!/bin/sh\necho hello\n")
    done = make(project, "test", f"PYTHON={python}")
    assert done.returncode == 2
    assert done.stderr.splitlines()[0].endswith(
        error_line(
            f"dcpower needs Python >= 3.11; '{python}' reports version 'hello': "
            "run 'make test PYTHON=python3.11'"
        )
    )


def test_a_python_without_venv_is_named(project):
    python = fake_python(project, "3.12.1", ensurepip_status=1)
    done = make(project, "test", f"PYTHON={python}")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.endswith(
        error_line(
            f"dcpower needs Python >= 3.11; {python} (3.12.1) has no venv module "
            "(on Debian and Ubuntu: apt install python3.12-venv): run 'make test PYTHON=python3.11'"
        )
    )


@pytest.mark.parametrize("version", ["3.11.0", "3.12.1", "3.13.0", "4.0.0"])
def test_newer_pythons_fit(project, version):
    python = fake_python(project, version)
    done = make(project, "check-python", f"PYTHON={python}")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{python} fits: {version}\n"


def test_clean_needs_no_python(project):
    (project / ".venv").mkdir()
    done = make(project, "clean", "PYTHON=python3.99-missing")
    assert done.returncode == 0, done.stderr
    assert not (project / ".venv").exists()


def test_make_test_installs_once_and_says_where_dcpower_is(project):
    python = fake_python(project)
    first = make(project, "test", f"PYTHON={python}")
    assert first.returncode == 0, first.stderr
    where = f"dcpower is {project}/.venv/bin/dcpower (or 'source .venv/bin/activate', then dcpower)"
    # the suite on every core, a module with a module-scoped fixture on one worker
    suite = [
        ".venv/bin/python -m pytest -q -n auto --dist loadgroup",
        "venv python -m pytest -q -n auto --dist loadgroup",
    ]
    assert first.stdout.splitlines() == [
        f"{python} -m venv .venv",
        '.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"',
        "venv python -m pip install --quiet --disable-pip-version-check -e .[test]",
        "touch .venv/.installed-test .venv/.installed-run",
        where,
        *suite,
    ]
    assert (project / ".venv" / ".python-id").read_text() == FAKE_ID + "\n"
    again = make(project, "test", f"PYTHON={python}")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [where, *suite]
    executable(project / ".venv" / "bin" / "dcpower", '#!/bin/sh\necho "dcpower $*"\n')
    run = make(project, "run", f"PYTHON={python}")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        where,
        ".venv/bin/dcpower tui --facility colossus-1",
        "dcpower tui --facility colossus-1",
    ]


@pytest.mark.parametrize(
    ("venv_python", "why"),
    [
        ('#!/bin/sh\necho "3.9.0 /usr/bin/python3.9"\n', "made by 3.9.0 /usr/bin/python3.9"),
        ("#!/bin/sh\nexit 1\n", "its python does not run"),
        (None, "its set-up did not finish"),  # the right python, but no record of a finished set-up
    ],
)
def test_a_venv_from_another_or_a_broken_python_is_rebuilt(project, venv_python, why):
    python = fake_python(project)
    assert make(project, ".venv/.python-id", f"PYTHON={python}").returncode == 0
    (project / ".venv" / "installed-before").write_text("")
    if venv_python is None:
        (project / ".venv" / ".python-id").unlink()
    else:
        executable(project / ".venv" / "bin" / "python", venv_python)
    done = make(project, ".venv/.python-id", f"PYTHON={python}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"rebuilding .venv: {why}; PYTHON={python} is {FAKE_ID}",
        f"{python} -m venv .venv",
    ]
    assert not (project / ".venv" / "installed-before").exists()
    assert (project / ".venv" / ".python-id").read_text() == FAKE_ID + "\n"


def test_a_venv_of_the_same_python_is_kept(project):
    python = fake_python(project)
    assert make(project, ".venv/.python-id", f"PYTHON={python}").returncode == 0
    (project / ".venv" / "installed-before").write_text("")
    done = make(project, ".venv/.python-id", f"PYTHON={python}")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert (project / ".venv" / "installed-before").exists()


def test_a_real_venv_is_recognised_as_made_by_its_python(project):
    # The id of a venv's python (version, real path of its base binary) must equal its maker's,
    # or every `make` would rebuild .venv.
    python = sys._base_executable
    made = make(project, ".venv/.python-id", f"PYTHON={python}")
    assert made.returncode == 0, made.stderr
    assert made.stdout == f"{python} -m venv .venv\n"
    again = make(project, ".venv/.python-id", f"PYTHON={python}")
    assert again.returncode == 0, again.stderr
    assert again.stdout == ""
