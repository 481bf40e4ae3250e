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
    assert data["implied_power_per_accelerator"] == {"value": pytest.approx(1363.636, abs=1e-3), "unit": "W"}
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
    assert facility["central"] == {"value": pytest.approx(286.11), "unit": "MW"}


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
