"""Shell completion written from the command spec: a valid bash script that completes commands,
choices and preset ids, and zsh and fish scripts from the same spec."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import calc
from calc import commands, completion
from calc.cli import main


def _script(shell, capsys):
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def _complete(script_path: Path, *words: str) -> list[str]:
    """COMPREPLY for the words, the last being the one Tab is pressed on, in a real bash."""
    quoted = " ".join(f"'{w}'" for w in words)
    code = f'source {script_path}\nCOMP_WORDS=({quoted})\nCOMP_CWORD={len(words) - 1}\n_dcpower\nprintf "%s\\n" "${{COMPREPLY[@]}}"\n'
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(script_path.parent)}
    done = subprocess.run(["bash", "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory):
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    path = tmp_path_factory.mktemp("completion") / "dcpower.bash"
    path.write_text(completion.script("bash", calc))
    return path


def test_the_bash_script_is_valid_bash(bash_script):
    done = subprocess.run(["bash", "-n", str(bash_script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_bash_completes_a_command_from_its_first_letters(bash_script):
    assert _complete(bash_script, "dcpower", "ch") == ["check"]
    assert _complete(bash_script, "dcpower", "cl") == ["claim", "claims"]
    # a value of the option before the command is not taken for the command
    assert _complete(bash_script, "dcpower", "--preset-dir", "sweep", "ch") == ["check"]


def test_bash_completes_the_choices_of_an_option(bash_script):
    assert _complete(bash_script, "dcpower", "check", "--basis", "") == list(calc.CLAIM_BASES)
    assert _complete(bash_script, "dcpower", "capacity", "--basis", "s") == ["server", "supply"]
    assert _complete(bash_script, "dcpower", "check", "--json", "--power-bound", "at") == [
        "at-least",
        "at-most",
    ]
    # power takes no --basis (it answers at every basis): nothing is offered for it
    assert _complete(bash_script, "dcpower", "power", "--basis", "") == []
    assert "--basis" not in _complete(bash_script, "dcpower", "power", "--b")


def test_bash_completes_options_subcommands_and_positionals(bash_script):
    assert _complete(bash_script, "dcpower", "check", "--gpus-") == ["--gpus-bound", "--gpus-high"]
    assert _complete(bash_script, "dcpower", "claims", "") == ["list", "check"]
    assert _complete(bash_script, "dcpower", "completion", "") == ["bash", "zsh", "fish"]
    assert _complete(bash_script, "dcpower", "schema", "claims") == ["claims", "claims-list"]


def test_bash_reads_preset_ids_when_tab_is_pressed(bash_script, tmp_path):
    assert _complete(bash_script, "dcpower", "check", "--accelerator", "h100") == ["h100-pcie", "h100-sxm"]
    assert _complete(bash_script, "dcpower", "claims", "check", "stargate-n") == ["stargate-norway"]
    assert "epoch" in _complete(bash_script, "dcpower", "check", "--method", "")
    # a --preset-dir typed earlier on the line adds its presets
    (tmp_path / "facilities").mkdir()
    (tmp_path / "facilities" / "my-site.toml").write_text(
        (Path(calc.__file__).parents[1] / "tests/tui/presets/facilities/colossus-1.toml")
        .read_text()
        .replace('id = "colossus-1"', 'id = "my-site"')
    )
    words = ("dcpower", "--preset-dir", str(tmp_path), "check", "--facility", "my-")
    assert _complete(bash_script, *words) == ["my-site"]


def test_the_hidden_entry_prints_ids_and_never_an_error(capsys):
    assert main([completion.HIDDEN, "claims"]) == 0
    assert capsys.readouterr().out.splitlines() == sorted(calc.list_presets("claims"))
    assert main([completion.HIDDEN, "no-such-kind"]) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_come_from_the_same_spec(shell, capsys):
    text = _script(shell, capsys)
    for spec in commands.COMMANDS:
        assert spec.name in text
    for word in ("--basis", "--power-bound", "--rack-power-limit", "at-least", "unspecified", "supply"):
        assert word in text, word
    # preset ids are read through the hidden entry when Tab is pressed
    assert completion.HIDDEN in text and "accelerators" in text and "facilities" in text
    assert "bash zsh fish" in text


def test_zsh_script_is_valid_zsh_where_zsh_is_installed(capsys):
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed")
    text = _script("zsh", capsys)
    done = subprocess.run(["zsh", "-n"], input=text, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_fish_script_is_valid_fish_where_fish_is_installed(capsys):
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed")
    text = _script("fish", capsys)
    done = subprocess.run(["fish", "--no-execute"], input=text, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_an_unknown_shell_is_one_line(capsys):
    assert main(["completion", "tcsh"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'tcsh'; accepted: bash, zsh, fish" in err
    assert len(err.splitlines()) == 1


def test_fish_completes_commands_choices_and_ids_where_fish_is_installed(tmp_path, capsys):
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed")
    script = tmp_path / "dcpower.fish"
    script.write_text(_script("fish", capsys))

    def offered(line: str) -> list[str]:
        code = f"source {script}; complete -C {line!r}"
        env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path)}
        done = subprocess.run(["fish", "-c", code], capture_output=True, text=True, timeout=60, env=env)
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert offered("dcpower ch") == ["check"]
    assert sorted(offered("dcpower check --basis ")) == sorted(calc.CLAIM_BASES)
    assert offered("dcpower check --accelerator h100") == ["h100-pcie", "h100-sxm"]
