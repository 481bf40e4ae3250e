"""The `dcpower` command: subprocess runs for the real thing, in-process runs for the many cases."""

import json
import subprocess
import sys

import pytest

from calc.cli import main


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "calc", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_headline_check_as_a_subprocess():
    done = run("check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Implied: 1,363.6 W per GPU" in out
    assert "Verdict: PLAUSIBLE" in out
    assert "pue 1.144" in out and "draw_factor 0.810" in out and "draw_factor 0.972" in out
    assert "10.2 kW / 8 x draw_factor 0.7 / 0.85 / 1" in out  # the derivation is shown
    assert done.stderr == ""


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_in_process(capsys, flag):
    import calc

    with pytest.raises(SystemExit) as done:
        main([flag])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"dcpower {calc.__version__}\n"


def test_python_m_tui_is_the_same_command():
    # `python -m tui` from before the entry moved into calc still runs the command
    done = subprocess.run([sys.executable, "-m", "tui", "-V"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("dcpower ")


def test_check_json_shape_as_a_subprocess():
    done = run("check", "--facility", "colossus-1", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["verdict"] == "plausible"
    assert data["implied_power_per_accelerator"] == {
        "value": pytest.approx(1363.636, abs=1e-3),
        "unit": "W",
        "base": pytest.approx(1363.636, rel=1e-6),
        "base_unit": "W",
    }
    assert [r["basis"] for r in data["readings"]] == ["it", "facility"]
    reading = data["readings"][1]
    assert set(reading) >= {"basis", "verdict", "low", "central", "high", "break_even"}
    assert reading["low"]["unit"] == "W"


@pytest.mark.parametrize(
    ("power", "message"),
    [
        ("300 MWh", "dcpower: error: power: '300 MWh' is an energy, not a power; e.g. '300 MW'\n"),
        ("300 kg", "dcpower: error: power: '300 kg' is a mass, not a power; e.g. '300 MW'\n"),
        ("-5 MW", "dcpower: error: power: '-5 MW' must not be negative; e.g. '300 MW'\n"),
        ("nan MW", "dcpower: error: power: 'nan MW' is not finite; e.g. '300 MW'\n"),
    ],
)
def test_bad_power_is_one_line_and_exit_2_as_a_subprocess(power, message):
    done = run("capacity", "--power", power, "--accelerator", "h100-sxm")
    assert done.returncode == 2
    assert done.stderr == message
    assert done.stdout == ""


def test_capacity_json_in_process(capsys):
    assert main(["capacity", "--power", "300 MW", "--accelerator", "h100-sxm", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["accelerators"] == 209_704
    assert data["systems"] == 26_213
    assert data["stranded_power"]["unit"] == "kW"
    assert data["stranded_power"]["value"] == pytest.approx(7.9428, abs=1e-4)
    assert data["basis"] == "facility"


@pytest.mark.parametrize("power", ["300 MW", "0.3 GW", "300000 kW", "1.0236e9 BTU/h"])
def test_capacity_unit_invariance_in_process(capsys, power):
    assert main(["capacity", "--power", power, "--accelerator", "h100-sxm", "--json"]) == 0
    assert abs(json.loads(capsys.readouterr().out)["systems"] - 26_213) <= 1


def test_capacity_mva_note_in_process(capsys):
    assert main(["capacity", "--power", "300 MVA", "--accelerator", "h100-sxm"]) == 0
    assert "note: 300 MVA is apparent power: taken as 285 MW of real power" in capsys.readouterr().out


def test_capacity_mix_and_set_in_process(capsys):
    assert (
        main(
            [
                "capacity",
                "--power",
                "1 GW",
                "--mix",
                "gb200=3",
                "--mix",
                "h100-sxm=1",
                "--set",
                "pue=1.3",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert [line["accelerator"] for line in data["lines"]] == ["gb200", "h100-sxm"]


def test_power_of_a_fleet_in_process(capsys):
    assert main(["power", "--fleet", "h100-sxm=150000", "--fleet", "h200-sxm=50000", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    facility = next(row for row in data["power"] if row["basis"] == "facility")
    assert facility["central"] == {
        "value": pytest.approx(286.11),
        "unit": "MW",
        "base": pytest.approx(286110000.0),
        "base_unit": "W",
    }


def test_power_of_one_type_human_output(capsys):
    assert main(["power", "--gpus", "100000", "--accelerator", "gb200"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("100,000 GPUs need (method default):")
    assert "205.7 MW" in out


def test_solve_in_process(capsys):
    assert (
        main(
            [
                "solve",
                "--for",
                "pue",
                "--power",
                "300 MW",
                "--gpus",
                "220000",
                "--accelerator",
                "h100-sxm",
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["value"] == pytest.approx(1.14387, abs=1e-4)


def test_fail_on_exits_3(capsys):
    args = ["check", "--power", "300 MW", "--gpus", "400000", "--accelerator", "h100-sxm"]
    assert main(args) == 0
    assert main([*args, "--fail-on", "implausible"]) == 3
    assert main([*args, "--fail-on", "ample"]) == 0


def test_neither_reading_fitting_is_between_not_plausible(capsys):
    # 308 MW / 220,000 = 1,400 W. With draw_factor 0.8-0.9 and pue 1.3-1.5 the IT high end is
    # 10,200 / 8 x 0.9 x 1.15 = 1,319.6 W (ample as IT) and the facility low end
    # 10,200 / 8 x 0.8 x 1.06 x 1.3 = 1,405.6 W (implausible as facility): it used to say PLAUSIBLE
    args = ["check", "--power", "308 MW", "--gpus", "220000", "--accelerator", "h100-sxm"]
    args += ["--set", "pue=1.3:1.4:1.5", "--set", "draw_factor=0.8:0.85:0.9"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Verdict: PLAUSIBLE" not in out
    assert (
        "Verdict: BETWEEN. So it fits only between the readings: 1,400.0 W is more than IT alone "
        "needs (at most 1,319.6 W) and less than the facility needs at pue >= 1.3 (at least "
        "1,405.6 W); as facility power it needs pue 1.174, below range 1.3–1.5, the others central."
    ) in out
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "between"
    # not-plausible counts it; implausible and ample do not
    assert main([*args, "--fail-on", "not-plausible"]) == 3
    assert main([*args, "--fail-on", "implausible"]) == 0
    assert main([*args, "--fail-on", "ample"]) == 0


def test_method_all_compares_side_by_side(capsys):
    assert main(["check", "--facility", "colossus-1", "--method", "all", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["method"] for m in data["methods"]] == [
        "default",
        "epoch",
        "epoch-nested",
        "nvidia-ra",
        "semianalysis",
    ]


def test_presets_list_and_show(capsys):
    assert main(["presets", "list", "--kind", "facilities"]) == 0
    assert "  colossus-1\n" in capsys.readouterr().out
    assert main(["presets", "show", "dgx-h100"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("system dgx-h100 (bundled: ")
    assert 'system_power = "10.2 kW"' in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "--power", "300 MW", "--gpus", "1", "--accelerator", "h100"],
            "dcpower: error: accelerator: 'h100' is not a preset; did you mean 'h100-sxm'?",
        ),
        (
            ["check", "--power", "300 MW", "--gpus", "1", "--accelerator", "h100-sxm", "--basis", "grid"],
            "dcpower: error: argument --basis: invalid choice: 'grid'",
        ),
        (
            ["check", "--power", "300 MW", "--gpus", "1", "--accelerator", "h100-sxm", "--set", "pue=0.9"],
            "dcpower: error: pue: low 0.9 is outside 1–5",
        ),
        (["capacity", "--accelerator", "h100-sxm"], "dcpower: error: capacity: --power is required"),
        (
            ["capacity", "--power", "1 GW", "--mix", "gb200"],
            "dcpower: error: --mix: 'gb200' must be ID=WEIGHT",
        ),
        (["power", "--fleet", "b200=1.5"], "dcpower: error: fleet.b200: '1.5' is not a whole number"),
        (
            ["presets", "show", "nothing"],
            "dcpower: error: presets show: 'nothing' is not a preset of any kind",
        ),
        (["frobnicate"], "dcpower: error: argument COMMAND: invalid choice: 'frobnicate'"),
        (
            ["--preset-dir", "/no/such/dir", "presets", "list"],
            "dcpower: error: preset-dir: '/no/such/dir' is not a directory",
        ),
        (["tui", "--facility", "nope"], "dcpower: error: facility: 'nope' is not a preset"),
        (["tui"], "dcpower: error: tui: the terminal UI is opened by the installed 'dcpower' command"),
    ],
)
def test_errors_are_one_line_with_exit_2(capsys, args, message):
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(message)
    assert captured.err.count("\n") == 1
    assert captured.out == ""


def test_no_arguments_without_a_terminal_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage: dcpower" in capsys.readouterr().err


# ------------------------------------------------------------------ hostile terminals and files


@pytest.mark.parametrize("stdin", ["devnull", "pipe"])
def test_tui_without_a_terminal_refuses_in_one_line(stdin):
    # a hang guard: from a pipe the UI once read stdin as keys and never ended
    done = subprocess.run(
        [sys.executable, "-m", "tui", "tui"],
        input="q\n" if stdin == "pipe" else None,
        stdin=subprocess.DEVNULL if stdin == "devnull" else None,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "dcpower: error: tui: stdin is not a terminal; the terminal UI needs one on stdin and stdout "
        "(for scripts use the commands, e.g. 'dcpower check --facility colossus-1')\n"
    )


def test_tui_refuses_when_only_stdout_is_not_a_terminal(monkeypatch, capsys):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    opened = []
    assert main(["tui"], open_tui=opened.append) == 2
    assert opened == []
    assert capsys.readouterr().err.startswith("dcpower: error: tui: stdout is not a terminal;")


@pytest.mark.parametrize("encoding", ["cp437", "ascii"])
def test_a_console_that_cannot_encode_gets_ascii(encoding):
    import os

    env = {**os.environ, "PYTHONIOENCODING": encoding}
    check = run("check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm", env=env)
    assert check.returncode == 0, check.stderr
    # the IT reading's range, 946.1 W–1,466.2 W, with its en dash as '-'
    assert "946.1 W-1,466.2 W" in check.stdout
    for args in (("energy", "--power", "100 MW"), ("claims", "check", "--all")):
        done = run(*args, env=env)
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
        assert done.stdout.isascii()
    utf8 = run("check", "--power", "300 MW", "--gpus", "220000", "--accelerator", "h100-sxm")
    assert "946.1 W–1,466.2 W" in utf8.stdout


@pytest.mark.parametrize(
    "args", [("check", "--facility", "colossus-1"), ("claims", "check", "--all", "--json")]
)
def test_a_full_disk_is_one_line_naming_it(args):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tui", *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
        )
    assert done.returncode == 1
    assert done.stderr == "dcpower: error: cannot write the output: no space left on device\n"


def test_capex_answers_a_trillion_accelerators_as_power_does(capsys):
    assert main(["capex", "--gpus", "1e12", "--accelerator", "h100-sxm", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # 1e12 x 1,192.125 W of IT power each = 1.192125e15 W: above the 1 PW input cap, an answer
    assert result["it_power"]["value"] * 1e6 == pytest.approx(1.192125e15)
    assert result["accelerators"] == 10**12
    assert main(["power", "--gpus", "1e12", "--accelerator", "h100-sxm"]) == 0
    assert main(["capex", "--gpus", "1e13", "--accelerator", "h100-sxm"]) == 2
    assert "gpus: '1e13' is more than 1e+12; accepted: 1 to 1e12" in capsys.readouterr().err


def test_capacity_refuses_a_count_it_would_ignore(capsys):
    assert main(["capacity", "--power", "300 MW", "--accelerator", "h100-sxm", "--gpus", "5"]) == 2
    assert capsys.readouterr().err == (
        "dcpower: error: capacity: --gpus '5' is not used: capacity answers how many accelerators a power "
        "supports; for the power a count needs use 'dcpower power --gpus N', for both 'dcpower check'\n"
    )


def test_control_characters_from_a_preset_are_escaped_on_stdout(tmp_path, capsys):
    from tests.fuzz.strategies import claim_toml

    (tmp_path / "claims").mkdir()
    hostile = "https://example.com/\x1b[41m\x9b2J\u202e\r"
    (tmp_path / "claims" / "hostile-claim.toml").write_text(
        claim_toml(url=hostile, power="300 MW", count=220000, accelerator="h100-sxm"), encoding="utf-8"
    )
    assert main(["claims", "check", "hostile-claim", "--preset-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "  source (reporting): https://example.com/\\u001b[41m\\u009b2J\\u202e\\u000d\n" in out
    assert not any(ord(c) < 0x20 and c != "\n" for c in out)
    assert main(["claims", "check", "hostile-claim", "--json", "--preset-dir", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["claims"][0]["url"] == hostile


def test_stderr_escapes_control_characters_but_keeps_the_progress_carriage_return(monkeypatch, capsys):
    from calc import cli

    def noisy(args):
        print("note: \x1b[41m\x07 from a file", file=sys.stderr)
        print("\rbatch: row 500 of 2,000", end="", file=sys.stderr)
        return 0

    monkeypatch.setitem(cli.COMMANDS, "presets", noisy)
    assert main(["presets", "list"]) == 0
    assert capsys.readouterr().err == "note: \\u001b[41m\\u0007 from a file\n\rbatch: row 500 of 2,000"


def test_batch_example_runs_outside_a_clone(tmp_path):
    # the example file ships in the package, so the command works from any folder
    script = [sys.executable, "-m", "calc", "batch", "--example", "--format", "markdown"]
    done = subprocess.run(script, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "| 4 | ample | 1 GW | exact | 100000 |" in done.stdout


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["batch"], "batch: give either FILE or --example; "),
        (["batch", "x.csv", "--example"], "batch: give either FILE or --example (not both); "),
    ],
)
def test_batch_wants_a_file_or_the_example(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
