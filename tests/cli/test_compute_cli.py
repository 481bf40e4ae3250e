"""`dcpower compute`: text, JSON, its schema and bad input."""

from __future__ import annotations

import json

import pytest

from calc.cli import main


def test_compute_done_when(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", "--power", "300 MW", "--accelerator", "h100-sxm", "--basis", "facility"]) == 0
    out = capsys.readouterr().out
    assert "300 MW at the facility basis supports 209,704 GPUs" in out
    assert "H100e: 209,704 (136,400–293,616)" in out
    assert "convention: H100e = dense 8-bit OP/s ÷ 1.979e15" in out
    assert "days to 1e25 FLOP" in out and "mfu 0.4 (0.38–0.43)" in out


def test_compute_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", "--fleet", "h100-sxm=100000", "--fleet", "gb200=50000", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["h100e"]["central"] == pytest.approx(226_326.43, abs=0.01)
    assert {row["basis"] for row in data["power_at"]} == {"chip", "server", "it", "facility", "supply"}


def test_compute_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "compute"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "dcpower compute --json"
    assert "h100e" in schema["properties"]


def test_compute_reverse(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", "--h100e", "100000", "--accelerator", "gb200"]) == 0
    assert "39,580 GPUs" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--power", "1 GW", "--accelerator", "gb200", "--mfu", "1.5"],
            "dcpower: error: mfu: 1.5 is outside (0, 1]",
        ),
        (
            ["--power", "1 GW", "--accelerator", "h100-sxm", "--precision", "fp4"],
            "dcpower: error: h100-sxm: no dense FP4",
        ),
        (
            ["--power", "1 GW", "--h100e", "5", "--accelerator", "gb200"],
            "dcpower: error: compute: --h100e or --flops",
        ),
        (["--flops", "lots", "--accelerator", "gb200"], "dcpower: error: flops: 'lots' is not a throughput"),
    ],
)
def test_compute_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["compute", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_check_accepts_a_count_in_h100e(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--power", "1 GW", "--h100e", "1000000", "--accelerator", "gb200"]) == 0
    out = capsys.readouterr().out
    # 1,000,000 H100e x 1.979e15 / 5e15 = 395,800 GB200
    assert "Claim: 1 GW for 395,800 GPUs" in out
    assert "note: 1,000,000 H100e read as 395,800 gb200" in out
    # 395,800 x 2.5e15 BF16 = 989.5 EFLOP/s; x 0.40 x 0.90 = 356 EFLOP/s effective
    assert "peak BF16 990 EFLOP/s (dense)" in out
    assert "effective 356 EFLOP/s" in out


def test_check_h100e_with_gpus_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--power", "1 GW", "--h100e", "5", "--gpus", "5", "--accelerator", "gb200"]) == 2
    assert capsys.readouterr().err == "dcpower: error: check: give --gpus or --h100e, not both\n"


def test_claim_in_h100e_reports_its_compute(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claim", "Colossus 2 runs 277,918 H100 equivalents in 323 MW"]) == 0
    out = capsys.readouterr().out
    assert "note: the count is stated in H100-equivalents ('277,918 H100 equivalents')" in out
    # 277,918 x 1.979e15 = 5.50e20 OP/s, Epoch's 8-bit OP/s for this row
    assert "peak FP8 550 EFLOP/s (dense)" in out


def test_compute_without_a_power_count_or_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", "--accelerator", "h100-sxm"]) == 2
    assert capsys.readouterr().err.startswith("dcpower: error: compute: give a power (--power, with --basis)")


def test_compute_uncertainty_tornado_and_sweep(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["compute", "--power", "300 MW", "--accelerator", "h100-sxm", "--basis", "facility"]
    assert main([*argv, "--uncertainty", "--tornado", "--sweep", "pue=1.1:1.5:5"]) == 0
    out = capsys.readouterr().out
    assert "Monte Carlo, 100,000 draws (seed 0), P5 / P50 / P95; drawn: mfu, availability, draw_factor" in out
    assert "tornado: effective FLOP/s (facility basis), central 74.7 EFLOP/s" in out
    # draw_factor 0.70 -> 254,640 GPUs x 989.4e12 x 0.36 = 90.7 EFLOP/s; 1.00 -> 178,248 -> 63.5
    assert "draw_factor    0.7     1  90.7 EFLOP/s  63.5 EFLOP/s  36.4%" in out
    # pue 1.1: 228,768 GPUs, 228,768 / 300 MW = 763 H100e per MW
    assert "  1.1       228,768  228,768  81.5 EFLOP/s   2.57e27 FLOP           1.4       763" in out


def test_compute_study_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["compute", "--gpus", "1000", "--accelerator", "h100-sxm", "--json"]
    assert main([*argv, "--samples", "1000", "--tornado", "--vary", "mfu=0.3:0.5:3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["samples"] == 1000 and "pue" in data["sampled_inputs"]
    assert [bar["name"] for bar in data["tornado"]["ranking"]] == ["availability", "mfu"]
    # 1,000 x 989.4e12 x 0.5 x 0.9 = 4.4523e17 FLOP/s
    assert data["sweep"]["rows"][-1]["effective"] == pytest.approx(4.4523e17)
    assert main(["schema", "compute"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"ComputeTornado", "ComputeSweep", "ComputeSweepRow"} <= set(schema["$defs"])


def test_compute_sweep_bad_input_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["compute", "--gpus", "1000", "--accelerator", "h100-sxm", "--vary", "mfu=0:1:3"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == "dcpower: error: vary: mfu 0:1 leaves (0, 1]; give shares such as 0.3:0.5:5\n"
