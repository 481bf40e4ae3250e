"""calc.compute: H100-equivalents, peak and effective FLOP/s, FLOP per year, days to a threshold."""

from __future__ import annotations

import pytest

import calc
from calc.compute import compute, h100_equivalents, peak_throughput
from calc.errors import InputError
from calc.presets import load_accelerator


def test_h100_is_one_h100e_under_both_conventions() -> None:
    spec = load_accelerator("h100-sxm")
    assert h100_equivalents(spec) == 1.0
    assert h100_equivalents(spec, "16-bit") == 1.0


def test_epoch_h100e_per_chip() -> None:
    # Epoch: GB200 5.0e15 / 1.979e15 = 2.5265; TPU v6e counts INT8: 1.836e15 / 1.979e15 = 0.9278;
    # A100 INT8 624e12 / 1.979e15 = 0.3153
    assert h100_equivalents(load_accelerator("gb200")) == pytest.approx(2.52653, abs=1e-5)
    assert h100_equivalents(load_accelerator("tpu-v6e")) == pytest.approx(0.92774, abs=1e-5)
    assert h100_equivalents(load_accelerator("a100-sxm")) == pytest.approx(0.31531, abs=1e-5)


def test_300_mw_of_h100_gives_as_many_h100e_as_h100s() -> None:
    result = compute("300 MW", "h100-sxm", basis="facility")
    # capacity: 300 MW / 1,430.55 W = 209,709.5 -> 26,213 DGX H100 = 209,704 GPUs (DESIGN.md)
    assert result.accelerators == 209_704
    assert result.h100e.central == 209_704
    assert "1.979e15" in result.convention and "Epoch" in result.convention
    peak = {f.name: f for f in result.peak}
    # 209,704 x 1,979e12 = 4.15004e20 FP8; x 989.4e12 = 2.07481e20 BF16
    assert peak["fp8"].central == pytest.approx(4.150042e20, rel=1e-6)
    assert peak["bf16"].central == pytest.approx(2.074811e20, rel=1e-6)
    # effective = BF16 peak x mfu 0.40 x availability 0.90 = 7.46932e19 FLOP/s
    assert result.effective.central == pytest.approx(7.469321e19, rel=1e-6)
    # per year: x 365.25 x 86,400 s = 2.35714e27 FLOP
    assert result.flop_per_year.central == pytest.approx(2.357138e27, rel=1e-6)
    # days to 1e25: 1e25 / 7.46932e19 / 86,400 = 1.5495 days
    assert result.days_to[0].name == "1e25"
    assert result.days_to[0].central == pytest.approx(1.54955, abs=1e-4)
    # low end: 38 % x 80 % of the conservative count; high: 43 % x 95 % of the optimistic count
    assert result.effective.low == pytest.approx(136_400 * 989.4e12 * 0.38 * 0.80, rel=1e-9)
    assert result.effective.high == pytest.approx(293_616 * 989.4e12 * 0.43 * 0.95, rel=1e-9)
    per_mw = {f.name: f.central for f in result.h100e_per_mw}
    # the fleet's central facility power is (just under) the 300 MW: 209,704 / 299.99 MW = 699.0
    assert per_mw["facility"] == pytest.approx(699.03, abs=0.05)
    # chip: 209,704 x 700 W = 146.79 MW -> 1,428.6 H100e/MW
    assert per_mw["chip"] == pytest.approx(1e6 / 700, rel=1e-9)


def test_a_fleet_sums_its_entries() -> None:
    result = compute(fleet={"h100-sxm": 100_000, "gb200": 50_000})
    # 100,000 x 1 + 50,000 x 5e15 / 1.979e15 = 100,000 + 126,326.4 = 226,326.4
    assert result.h100e.central == pytest.approx(226_326.43, abs=0.01)
    # GB200's FP8 range (4.5 PFLOP/s, Verda) lowers the low end: 100,000 + 50,000 x 4.5 / 1.979
    assert result.h100e.low == pytest.approx(213_693.79, abs=0.01)
    assert result.direction == "fleet" and result.basis is None
    peak = {f.name: f for f in result.peak}
    assert "fp4" not in peak  # the H100 publishes no FP4: reported as missing, never zero
    assert any("h100-sxm: no dense FP4" in line for line in result.missing)


def test_a_facility_preset() -> None:
    result = compute(facility="colossus-1")
    assert result.direction == "power"
    assert result.h100e.central == pytest.approx(
        sum(line.accelerators * line.h100e_per_unit for line in result.lines), rel=1e-12
    )


def test_reverse_h100e_gives_the_power_at_every_basis() -> None:
    result = compute(h100e=100_000, accelerator="gb200")
    # 100,000 / 2.52653 = 39,579.9 -> 39,580 GB200
    assert result.accelerators == 39_580
    assert [row.basis for row in result.power_at] == ["chip", "server", "it", "facility", "supply"]
    # chip: 39,580 x 1,200 W = 47.496 MW
    assert result.power_at[0].central.to("MW").magnitude == pytest.approx(47.496, rel=1e-9)


def test_reverse_flops() -> None:
    # 100 EFLOP/s of BF16 peak on TPU v7 at 2,307 TFLOP/s: 1e20 / 2.307e15 = 43,346.3 -> 43,347 chips
    assert compute(flops="100 EFLOP/s", precision="bf16", accelerator="tpu-v7").accelerators == 43_347


def test_a_missing_precision_is_one_line_never_zero() -> None:
    with pytest.raises(InputError) as error:
        peak_throughput(load_accelerator("h100-sxm"), "fp4")
    assert str(error.value) == (
        "h100-sxm: no dense FP4 figure is published in its preset (published: FP8, INT8, BF16, FP64); "
        "dcpower gives no zero or guess"
    )


def test_h100e_without_fp8_or_int8_says_what_it_is_computed_from() -> None:
    result = compute(gpus=1000, accelerator="v100-sxm2")
    # 1,000 x 125e12 / 1.979e15 = 63.16 H100e, from FP16
    assert result.h100e.central == pytest.approx(63.163, abs=1e-3)
    assert "v100-sxm2: H100e computed from FP16 (no FP8 or INT8 is published)" in result.notes
    with pytest.raises(InputError, match=r"max-1550: H100e .* its preset publishes FP64"):
        compute(gpus=1000, accelerator="max-1550")


@pytest.mark.parametrize("mfu", ["0", "1.2", "-0.1", "0.5:0.4:0.6"])
def test_mfu_outside_0_1_is_refused(mfu: str) -> None:
    with pytest.raises(InputError, match=r"^mfu: "):
        compute("100 MW", "h100-sxm", mfu=mfu)


def test_exported() -> None:
    assert calc.compute is compute
    assert "ComputeResult" in calc.__all__


def test_the_worked_example_of_the_algorithms_document() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "algorithms.md").read_text(encoding="utf-8")
    table = text[text.index("| figure | arithmetic | value |") :].split("\n\n", 1)[0]
    shown = {row.split("|")[1].strip(): row.split("|")[3].strip() for row in table.splitlines()[2:]}
    result = compute("300 MW", "h100-sxm", basis="facility")
    peak = {f.name: f.central for f in result.peak}
    per_mw = {f.name: f.central for f in result.h100e_per_mw}

    def number(text: str) -> float:
        return float(text.split()[0].replace(",", ""))

    assert number(shown["accelerators"]) == result.accelerators
    assert number(shown["H100e"]) == result.h100e.central
    assert number(shown["peak FP8"]) == pytest.approx(peak["fp8"], rel=5e-4)
    assert number(shown["peak BF16"]) == pytest.approx(peak["bf16"], rel=5e-4)
    assert number(shown["effective"]) == pytest.approx(result.effective.central, rel=5e-4)
    assert number(shown["FLOP per year"]) == pytest.approx(result.flop_per_year.central, rel=5e-4)
    assert number(shown["days to 1e25 FLOP"]) == pytest.approx(result.days_to[0].central, abs=0.005)
    assert number(shown["H100e per MW, facility"]) == pytest.approx(per_mw["facility"], abs=0.5)
    assert number(shown["H100e per MW, chip"]) == pytest.approx(per_mw["chip"], abs=0.5)


def test_solve_for_mfu() -> None:
    result = compute("300 MW", "h100-sxm", basis="facility", days=1)
    # 1e25 / (86,400 s x 2.074811e20 x 0.90) = 1e25 / 1.613373e25 = 0.61982
    assert result.mfu_needed is not None
    assert result.mfu_needed.central == pytest.approx(0.61982, abs=1e-5)
    out_of_reach = compute(gpus=1000, accelerator="h100-sxm", days=30, threshold=1e26)
    assert any("out of this fleet's reach" in note for note in out_of_reach.notes)


# The central chain of DESIGN.md as points: each draw of the chain is then the central case.
CENTRAL_CHAIN = {"draw_factor": "0.85", "it_overhead": "0.10", "pue": "1.2"}


def _sampled(result: calc.ComputeResult) -> dict[str, object]:
    return {figure.name: figure for figure in result.sampled}


def test_monte_carlo_is_seeded_and_with_every_input_a_point_gives_the_point() -> None:
    first = compute("300 MW", "h100-sxm", samples=2000, seed=1).sampled
    assert first == compute("300 MW", "h100-sxm", samples=2000, seed=1).sampled
    fixed = compute("300 MW", "h100-sxm", samples=500, mfu=0.4, availability=0.9, assumptions=CENTRAL_CHAIN)
    drawn = _sampled(fixed)
    # 209,704 GPUs x 989.4e12 x 0.40 x 0.90 = 7.469321e19 FLOP/s in every draw
    effective = drawn["effective"]
    assert effective.low == effective.central == effective.high == pytest.approx(7.469321e19, rel=1e-6)
    assert drawn["accelerators"].low == drawn["accelerators"].high == 209_704
    assert fixed.sampled_inputs == {}


def test_monte_carlo_draws_the_chain_so_each_draw_counts_its_own_systems() -> None:
    result = compute(
        "300 MW",
        "h100-sxm",
        samples=50_000,
        seed=3,
        mfu=0.4,
        availability=0.9,
        assumptions={"draw_factor": "0.85", "it_overhead": "0.10"},
    )
    assert result.sampled_inputs == {"pue": "triangular"}
    accelerators = _sampled(result)["accelerators"]
    # pue triangular (1.08, 1.20, 1.50): P5 = 1.08 + sqrt(0.05 x 0.42 x 0.12) = 1.13020,
    # P95 = 1.50 - sqrt(0.05 x 0.42 x 0.30) = 1.42063. At 1,275 x 0.85 x 1.10 = 1,192.125 W IT:
    # 300 MW / (1,192.125 x 1.42063) = 177,141 -> 177,136 GPUs in whole 8-GPU systems (the P5);
    # 300 MW / (1,192.125 x 1.13020) = 222,661 -> 222,656 (the P95)
    assert accelerators.low == pytest.approx(177_136, rel=3e-3)
    assert accelerators.high == pytest.approx(222_656, rel=3e-3)
    assert accelerators.low % 8 == accelerators.high % 8 == 0


def test_monte_carlo_interval_holds_the_chain_and_the_mfu() -> None:
    both = _sampled(compute("300 MW", "h100-sxm", samples=20_000, seed=0))["effective"]
    mfu_only = _sampled(compute("300 MW", "h100-sxm", samples=20_000, seed=0, assumptions=CENTRAL_CHAIN))[
        "effective"
    ]
    peak = 209_704 * 989.4e12
    # with the chain a point, every draw lies within peak x 0.38 x 0.80 and peak x 0.43 x 0.95
    assert peak * 0.38 * 0.80 < mfu_only.low < mfu_only.central < mfu_only.high < peak * 0.43 * 0.95
    assert both.low < mfu_only.low and both.high > mfu_only.high
    for samples in (-1, 20_000_000):
        with pytest.raises(InputError, match=f"samples: {samples} is outside 1 to 10,000,000"):
            compute("300 MW", "h100-sxm", samples=samples)


def test_monte_carlo_of_a_fleet_moves_its_power_not_its_compute() -> None:
    drawn = _sampled(compute(gpus=1000, accelerator="h100-sxm", samples=5000, mfu=0.4, availability=0.9))
    assert drawn["H100e"].low == drawn["H100e"].high == 1000
    assert drawn["effective"].low == drawn["effective"].high
    power = drawn["power (facility)"]
    # 1,000 x 1,430.55 W = 1.43 MW central; the chain's ends are 1.02 and 2.20 MW
    assert 1.02 < power.low < 1.43 < power.high < 2.20
    per_mw = drawn["H100e per MW (facility)"]
    assert per_mw.low == pytest.approx(1000 / power.high) and per_mw.high == pytest.approx(1000 / power.low)


def test_tornado_ranks_the_chain_against_the_mfu() -> None:
    tornado = compute("300 MW", "h100-sxm", basis="facility", tornado=True).tornado
    assert tornado is not None
    assert [bar.name for bar in tornado.ranking] == [
        "draw_factor",
        "pue",
        "availability",
        "mfu",
        "it_overhead",
    ]
    per_gpu = 989.4e12 * 0.36  # BF16 peak x mfu 0.40 x availability 0.90 [FLOP/s]
    assert tornado.central == pytest.approx(209_704 * per_gpu, rel=1e-9)
    draw = tornado.ranking[0]
    # draw_factor 0.70: 1,275 x 0.70 x 1.10 x 1.20 = 1,178.1 W; 300 MW / 1,178.1 W = 254,647
    # -> 254,640 GPUs; 1.00: 1,683 W -> 178,253 -> 178,248 GPUs
    assert draw.output_at_low == pytest.approx(254_640 * per_gpu, rel=1e-9)
    assert draw.output_at_high == pytest.approx(178_248 * per_gpu, rel=1e-9)
    mfu = next(bar for bar in tornado.ranking if bar.name == "mfu")
    # 209,704 x 989.4e12 x 0.9 x 0.38 and x 0.43
    assert mfu.output_at_low == pytest.approx(209_704 * 989.4e12 * 0.9 * 0.38, rel=1e-9)
    assert mfu.output_at_high == pytest.approx(209_704 * 989.4e12 * 0.9 * 0.43, rel=1e-9)
    assert tornado.most_important == "draw_factor"


def test_tornado_of_a_fleet_says_the_chain_does_not_move_its_compute() -> None:
    tornado = compute(gpus=1000, accelerator="h100-sxm", tornado=True).tornado
    assert tornado is not None
    assert [bar.name for bar in tornado.ranking] == ["availability", "mfu"]
    assert "not its compute" in tornado.notes[0]


def test_sweep_of_mfu_and_of_pue() -> None:
    sweep = compute("300 MW", "h100-sxm", basis="facility", vary="mfu=0.3:0.5:5").sweep
    assert sweep is not None
    assert [row.value for row in sweep.rows] == pytest.approx([0.3, 0.35, 0.4, 0.45, 0.5])
    middle = sweep.rows[2]
    assert middle.effective == pytest.approx(7.469321e19, rel=1e-6)
    # 1e25 / 7.469321e19 / 86,400 = 1.54955 days
    assert middle.days_to_threshold == pytest.approx(1.54955, rel=1e-5)
    pue = compute("300 MW", "h100-sxm", basis="facility", vary="pue=1.1:1.5:5").sweep
    assert pue is not None
    # 300 MW / (1,192.125 W x 1.1) = 228,774 -> 28,596 systems = 228,768 GPUs = H100e
    assert (pue.rows[0].accelerators, pue.rows[0].h100e) == (228_768, 228_768)
    assert pue.rows[0].h100e_per_mw == pytest.approx(228_768 / 300)
    fleet = compute(gpus=1000, accelerator="h100-sxm", vary="pue=1.1:1.5:3").sweep
    assert fleet is not None and "not its compute" in fleet.notes[0]
    # 1,000 / (1,000 x 1,192.125 W x 1.5 / 1e6) = 559.22 H100e per facility MW
    assert fleet.rows[-1].h100e_per_mw == pytest.approx(559.22, abs=0.01)


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        ("mfu=0:1:3", r"vary: mfu 0:1 leaves \(0, 1\]"),
        ("availability=0.5:1.2:3", r"vary: availability 0.5:1.2 leaves \(0, 1\]"),
        ("pue=0.9:1.2:3", "vary: pue 0.9:1.2 leaves 1 to 5"),
        ("foo=1:2:3", "vary: 'foo' cannot be varied here; accepted: mfu, availability"),
        ("mfu=0.5:0.3:3", "vary: start 0.5 must be below stop 0.3"),
        ("mfu=0.3:0.5:1", "vary: 1 points; accepted: a whole number from 2 to 1000"),
        ("mfu", "vary: 'mfu' must be NAME=START:STOP:POINTS"),
    ],
)
def test_sweep_refuses_bad_input(vary: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        compute(gpus=1000, accelerator="h100-sxm", vary=vary)
