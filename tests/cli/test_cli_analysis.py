"""The analysis commands: uncertainty, sensitivity, sweep, energy, capex, orbital."""

import json

import pytest

from calc.cli import main


def run_json(capsys, *args):
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_uncertainty_for_colossus_is_reproducible(capsys):
    args = ["uncertainty", "--facility", "colossus-1", "--samples", "20000", "--seed", "7"]
    first = run_json(capsys, *args)
    assert run_json(capsys, *args) == first
    assert set(first) >= {"p5", "p50", "p95", "claim_fit_probability", "readings"}
    assert first["p5"] <= first["p50"] <= first["p95"]
    assert 0 < first["claim_fit_probability"] < 1


def test_uncertainty_writes_a_histogram(capsys, tmp_path):
    chart = tmp_path / "hist.svg"
    assert (
        main(
            [
                "uncertainty",
                "--facility",
                "colossus-1",
                "--samples",
                "2000",
                "--seed",
                "1",
                "--chart",
                str(chart),
            ]
        )
        == 0
    )
    text = chart.read_text()
    assert text.startswith("<svg") and "claim 1,364 W" in text
    assert "claim_fit_probability:" in capsys.readouterr().out


def test_sensitivity_ranks_assumptions(capsys):
    data = run_json(capsys, "sensitivity", "--facility", "colossus-1")
    assert data["most_important"] == "draw_factor"
    # the mix's GB200 racks (120 / 132 kW) swing the system power the least
    assert [bar["assumption"] for bar in data["bars"]] == [
        "draw_factor",
        "pue",
        "it_overhead",
        "system_power",
    ]
    assert {"assumption", "low", "high", "swing"} <= set(data["bars"][0])


def test_sweep_rows(capsys):
    data = run_json(capsys, "sweep", "--facility", "colossus-1", "--vary", "pue=1.05:1.6:12")
    assert len(data["rows"]) == 12
    assert data["rows"][0]["value"] == pytest.approx(1.05)


def test_energy_by_hand(capsys):
    # 100 MW x 0.8 x 8,760 h = 700.8 GWh
    data = run_json(capsys, "energy", "--power", "100 MW", "--load-factor", "0.8", "--price", "0.07 USD/kWh")
    assert data["annual_energy"] == {
        "value": pytest.approx(700.8),
        "unit": "GWh",
        "base": pytest.approx(700800000000.0),
        "base_unit": "Wh",
    }
    assert data["cost"]["value"] == pytest.approx(49.056)
    assert data["cost"]["unit"] == "MUSD"


def test_capex_budget(capsys):
    data = run_json(capsys, "capex", "--budget", "1.1e12 USD", "--accelerator", "gb200")
    assert data["accelerators"] == 226_743 * 72
    assert data["facility_power"]["unit"] == "MW"


def test_orbital_radiator_by_hand(capsys):
    # 1e9 / (2 x 0.9 x 5.670374419e-8 x 300^4) = 1.2096 km2
    data = run_json(
        capsys,
        "orbital",
        "--power",
        "1 GW",
        "--radiator-temperature",
        "300 K",
        "--emissivity",
        "0.9",
        "--sink-temperature",
        "0 K",
    )
    assert data["radiator_area"]["unit"] == "km**2"
    assert data["radiator_area"]["value"] == pytest.approx(1.2096, abs=1e-4)
    assert {"solar_array_area", "radiator_area", "total_mass", "satellites", "launches"} <= set(data)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["energy", "--power", "100 MW", "--price", "-0.07 USD/kWh"],
            "dcpower: error: price: '-0.07 USD/kWh' must not be negative",
        ),
        (
            ["energy", "--power", "100 MW", "--load-factor", "2"],
            "dcpower: error: load_factor: '2' is outside (0, 1]",
        ),
        (
            ["orbital", "--power", "1 GW", "--emissivity", "1.2"],
            "dcpower: error: emissivity: 1.2 is outside its accepted range",
        ),
        (
            ["orbital", "--power", "1 GW", "--radiator-temperature", "300 kg"],
            "dcpower: error: radiator_temperature: '300 kg' is a mass, not a temperature",
        ),
        (
            ["uncertainty", "--facility", "colossus-1", "--samples", "0"],
            "dcpower: error: samples: 0 must be a whole number",
        ),
        (
            ["uncertainty", "--facility", "colossus-1", "--chart", "out.png"],
            "dcpower: error: --chart: 'out.png' must end in .svg",
        ),
        (
            ["sweep", "--facility", "colossus-1", "--vary", "pue"],
            "dcpower: error: vary: 'pue' must be NAME=START:STOP:POINTS",
        ),
        (
            ["capex", "--budget", "1e9 USD", "--accelerator", "tpu-v7"],
            "dcpower: error: system_prices: no price for system 'tpu-v7-rack'",
        ),
        (["energy"], "dcpower: error: energy: --power is required"),
    ],
)
def test_analysis_errors_are_one_line(capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1
