"""calc/uncertainty.py: Monte Carlo, tornado and sweeps."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import calc
import calc.ui
from calc.errors import InputError
from calc.uncertainty import monte_carlo, parse_sweep, sweep, tornado

POINT = {"draw_factor": 0.85, "it_overhead": 0.10, "pue": 1.2}


def test_zero_width_ranges_equal_the_point_estimate():
    # every range a point: every sample is the central chain, so P5 = P50 = P95 = the capacity
    result = monte_carlo("300 MW", accelerator="h100-sxm", assumptions=POINT, samples=2000, seed=1)
    assert (
        result.p5 == result.p50 == result.p95 == calc.capacity("300 MW", "h100-sxm").accelerators == 209_704
    )
    per = result.readings[0].power_per_accelerator
    assert per.p50.m_as("W") == pytest.approx(1430.55)


def test_same_seed_same_numbers_and_other_seed_other_numbers():
    first = monte_carlo(facility="colossus-1", samples=20_000, seed=7)
    assert monte_carlo(facility="colossus-1", samples=20_000, seed=7) == first
    assert monte_carlo(facility="colossus-1", samples=20_000, seed=8) != first


def test_colossus_claim_percentiles_and_fit_probability():
    result = monte_carlo(facility="colossus-1", samples=50_000, seed=7)
    assert [r.basis for r in result.readings] == ["it", "facility"]
    it, facility = result.readings
    assert it.accelerators.p5 <= it.accelerators.p50 <= it.accelerators.p95
    # the facility reading needs more power per GPU, so it fits less often than the IT reading
    assert 0 < facility.fit_probability < it.fit_probability < 1
    assert result.claim_fit_probability == facility.fit_probability
    assert result.headline == "accelerators supported at the facility basis"
    assert sum(result.histogram.counts) == 50_000
    assert result.histogram.implied == pytest.approx(300e6 / 220_000)


def test_fit_probability_of_a_claim_at_the_median_of_a_uniform_pue():
    # only PUE varies, uniformly on 1.1-1.3: the claim fits when pue <= 1.2, half of the time
    result = monte_carlo(
        "286.11 MW",
        gpus=200_000,
        accelerator="h100-sxm",
        basis="facility",
        samples=100_000,
        seed=3,
        assumptions={"draw_factor": 0.85, "it_overhead": 0.1, "pue": "1.1:1.2:1.3"},
        distributions={"pue": "uniform"},
    )
    # 286.11 MW / 200,000 = 1,430.55 W = the central facility power per GPU
    assert result.claim_fit_probability == pytest.approx(0.5, abs=0.01)


def test_required_power_percentiles_scale_with_the_count():
    result = monte_carlo(gpus=100_000, accelerator="h100-sxm", assumptions=POINT, samples=100, seed=0)
    # 100,000 x 1,430.55 W = 143.055 MW at the facility, central
    assert result.readings[0].required_power.p50.m_as("MW") == pytest.approx(143.055)


def test_a_system_power_range_is_sampled():
    result = monte_carlo(gpus=100_000, accelerator="gb200", assumptions=POINT, samples=100_000, seed=0)
    # GB200 NVL72: 120 / 132 / 132 kW (NVIDIA / HPE / HPE) over 72 -> nameplate triangular on
    # 1,666.67 / 1,833.33 / 1,833.33 W; its median a + (b - a) / sqrt(2) = 1,784.52 W;
    # x 0.85 x 1.1 x 1.2 = 2,002.2 W -> 200.22 MW; the ends 183.33 and 205.7 MW bound it
    power = result.readings[0].required_power
    assert power.p50.m_as("MW") == pytest.approx(200.22, rel=2e-3)
    assert 183.33 <= power.p5.m_as("MW") < power.p95.m_as("MW") <= 205.7
    assert result.headline == "power per accelerator at the facility basis [W]"
    # the header names what was drawn: the system power too (it did not)
    assert result.distributions == {
        "draw_factor": "triangular",
        "it_overhead": "triangular",
        "pue": "triangular",
        "system_power": "triangular",
    }


def test_the_header_lists_the_system_power_only_where_it_enters():
    # H100 in DGX H100: one figure, 10.2 kW; epoch: server = TDP x server_factor, no nameplate
    assert "system_power" not in monte_carlo(gpus=8, accelerator="h100-sxm", samples=10).distributions
    epoch = monte_carlo(gpus=72, accelerator="gb200", method="epoch", samples=10)
    assert "system_power" not in epoch.distributions
    assert "server_factor" in epoch.distributions


def test_the_cli_header_lists_the_system_power(capsys):
    from calc.cli import main

    main(
        [
            "uncertainty",
            "--power",
            "120 kW",
            "--gpus",
            "72",
            "--accelerator",
            "gb200",
            "--basis",
            "server",
            "--method",
            "nvidia-ra",
            "--samples",
            "1000",
        ]
    )
    header = capsys.readouterr().out.splitlines()[0]
    assert header == (
        "Monte Carlo, 1,000 samples, seed 0, method nvidia-ra; distributions: draw_factor triangular, "
        "it_overhead triangular, pue triangular, system_power triangular"
    )


def test_an_apparent_power_samples_the_power_factor():
    # 300 MVA of H100, the chain a point (1,430.55 W at the facility), the power factor triangular
    # on 0.90 / 0.95 / 0.99. Its P5: (x - 0.90)^2 = 0.05 x 0.09 x 0.05 -> 0.915; its median:
    # 0.90 + sqrt(0.09 x 0.05 / 2) = 0.94743; its P95: (0.99 - x)^2 = 0.05 x 0.09 x 0.04 -> 0.97658.
    # 300 MVA x 0.915 = 274.5 MW / 1,430.55 W = 191,884 -> 23,985 systems = 191,880;
    # x 0.94743 -> 198,687 -> 198,680; x 0.97658 -> 204,798 -> 204,792
    result = monte_carlo("300 MVA", accelerator="h100-sxm", assumptions=POINT, samples=200_000, seed=4)
    assert result.distributions == {
        "draw_factor": "triangular",
        "it_overhead": "triangular",
        "pue": "triangular",
        "power_factor": "triangular",
    }
    assert result.p5 == pytest.approx(191_880, abs=120)
    assert result.p50 == pytest.approx(198_680, abs=120)
    assert result.p95 == pytest.approx(204_792, abs=120)


def test_a_real_power_does_not_sample_the_power_factor():
    result = monte_carlo("300 MW", accelerator="h100-sxm", assumptions=POINT, samples=100, seed=4)
    assert "power_factor" not in result.distributions
    assert result.p5 == result.p95 == 209_704


def test_fit_probability_of_an_apparent_power_claim():
    # 300 MVA for 200,000 H100 at the facility: the claim fits when 300 MVA x pf / 200,000 >=
    # 1,430.55 W, i.e. pf >= 0.9537; triangular 0.90 / 0.95 / 0.99: P = (0.99 - 0.9537)^2 /
    # (0.09 x 0.04) = 0.366
    result = monte_carlo(
        "300 MVA",
        gpus=200_000,
        accelerator="h100-sxm",
        basis="facility",
        assumptions=POINT,
        samples=200_000,
        seed=5,
    )
    assert result.claim_fit_probability == pytest.approx(0.366, abs=0.005)


def test_a_fixed_power_factor_gives_the_point_estimate():
    # power_factor fixed at its central 0.95: 285 MW / 1,430.55 W = 199,224 -> 24,903 systems
    result = monte_carlo(
        "300 MVA",
        accelerator="h100-sxm",
        assumptions=POINT,
        samples=1000,
        seed=0,
        distributions={"power_factor": "fixed"},
    )
    assert result.p5 == result.p50 == result.p95 == 199_224


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(["triangular", "uniform", "normal"]))
def test_percentiles_are_ordered(seed, kind):
    result = monte_carlo(facility="colossus-1", samples=500, seed=seed, distributions={"pue": kind})
    for reading in result.readings:
        per = reading.power_per_accelerator
        assert per.p5 <= per.p50 <= per.p95
        assert reading.accelerators.p5 <= reading.accelerators.p50 <= reading.accelerators.p95


def test_normal_draws_stay_within_physical_limits():
    # normal with mean 1.01 (central) and sd (2.5 - 1.0) / 3.29 = 0.456: P(pue < 1) =
    # Phi(-0.01 / 0.456) = 0.491 of the draws would be impossible; they are clipped to 1
    assumptions = calc.build_assumptions("default", {"pue": "1.0:1.01:2.5"})
    values = calc.uncertainty.sample_inputs(assumptions, 20_000, np.random.default_rng(2), {"pue": "normal"})
    assert values["pue"].min() == 1.0
    assert (values["pue"] == 1.0).mean() == pytest.approx(0.491, abs=0.01)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"samples": 0}, "samples: 0 must be a whole number from 1 to 10,000,000"),
        ({"samples": 2.5}, "samples: 2.5 must be a whole number"),
        ({"seed": -1}, "seed: -1 must be a whole number from 0 to 2**63 - 1"),
        (
            {"distributions": {"pue": "lognormal"}},
            "distribution: pue='lognormal' is not a distribution; accepted: triangular",
        ),
        ({"distributions": {"tdp": "normal"}}, "distribution: 'tdp' is not a sampled assumption"),
    ],
)
def test_bad_monte_carlo_input(kwargs, message):
    with pytest.raises(InputError) as caught:
        monte_carlo("300 MW", accelerator="h100-sxm", **kwargs)
    assert str(caught.value).startswith(message)


def test_tornado_names_the_assumption_that_matters_most():
    result = tornado(facility="colossus-1")
    # facility reading of the Colossus mix: draw_factor spans 0.70-1.00 (x1.43), pue 1.08-1.50
    # (x1.39), it_overhead 1.06-1.15 (x1.08): draw_factor swings the count most; the 30 GB200 of
    # the 230 swing the mix's system power per GPU from 1,326.1 to 1,347.8 W (x1.016)
    assert result.most_important == "draw_factor"
    assert [bar.assumption for bar in result.ranking] == ["draw_factor", "pue", "it_overhead", "system_power"]
    assert (
        result.central
        == calc.capacity("300 MW", mix={"h100-sxm": 150, "h200-sxm": 50, "gb200": 30}).accelerators
    )
    pue = next(bar for bar in result.ranking if bar.assumption == "pue")
    assert pue.output_at_low > result.central > pue.output_at_high


def test_tornado_of_a_single_type_by_hand():
    # 300 MW of H100 at the facility: pue 1.08 -> 1,192.125 x 1.08 = 1,287.5 W -> 233,009.7 ->
    # 29,126 systems = 233,008; pue 1.5 -> 1,788.19 W -> 20,970 systems = 167,760
    result = tornado("300 MW", accelerator="h100-sxm")
    pue = next(bar for bar in result.ranking if bar.assumption == "pue")
    assert (pue.output_at_low, pue.output_at_high) == (233_008, 167_760)


def test_sweep_rows_by_hand():
    result = sweep("pue", 1.2, 1.5, 2, "300 MW", accelerator="h100-sxm")
    assert [row.value for row in result.rows] == [1.2, 1.5]
    assert [row.accelerators for row in result.rows] == [209_704, 167_760]
    assert result.rows[0].power_per_accelerator.m_as("W") == pytest.approx(1430.55)


def test_sweep_with_a_claim_gives_verdicts():
    result = sweep("pue", 1.05, 1.6, 12, facility="colossus-1")
    assert len(result.rows) == 12
    assert {row.verdict for row in result.rows} <= {"plausible", "between", "implausible", "ample"}
    counts = [row.accelerators for row in result.rows]
    assert counts == sorted(counts, reverse=True)  # higher PUE never more accelerators


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sweep("tdp", 1, 2, 3, "1 MW", accelerator="h100-sxm"), "vary: 'tdp' cannot be varied"),
        (
            lambda: sweep("pue", 1.6, 1.1, 3, "1 MW", accelerator="h100-sxm"),
            "vary: start 1.6 must be below stop 1.1",
        ),
        (
            lambda: sweep("pue", 1.1, 1.6, 1, "1 MW", accelerator="h100-sxm"),
            "vary: 1 points; accepted: a whole number from 2 to 1000",
        ),
        (lambda: sweep("pue", 0.5, 1.6, 3, "1 MW", accelerator="h100-sxm"), "pue: low 0.5 is outside 1–5"),
        (lambda: parse_sweep("pue=1:2"), "vary: 'pue=1:2' must be NAME=START:STOP:POINTS"),
    ],
)
def test_bad_sweeps(call, message):
    with pytest.raises(InputError) as caught:
        call()
    assert str(caught.value).startswith(message)


def test_the_chain_is_one_formula_for_samples_and_points():
    rng = np.random.default_rng(0)
    context = calc.ui.resolve(calc.scenario(accelerator="h100-sxm"))
    values = calc.uncertainty.sample_inputs(context.assumptions, 5, rng)
    arrays = context.fleet.watts(values)["facility"]
    points = [
        context.fleet.watts({k: (v[i] if isinstance(v, np.ndarray) else v) for k, v in values.items()})[
            "facility"
        ]
        for i in range(5)
    ]
    np.testing.assert_allclose(arrays, points)


def test_tornado_swings_a_ranged_system_power():
    # 72,000 GB200 at the facility: the NVL72 rack is 120 / 132 / 132 kW over 72 GPUs =
    # 1,666.67 / 1,833.33 / 1,833.33 W; x 0.85 x 1.10 x 1.20 = 1,870 / 2,057 W per GPU ->
    # 134.64 / 148.104 MW; the central is the high end (132 kW)
    result = tornado(gpus=72_000, accelerator="gb200")
    bar = next(bar for bar in result.ranking if bar.assumption == "system_power")
    assert (bar.low, bar.high) == pytest.approx((1666.667, 1833.333))
    assert (bar.output_at_low, bar.output_at_high) == pytest.approx((134.64, 148.104))
    assert bar.swing == pytest.approx(13.464)
    assert result.central == pytest.approx(148.104)
    # draw_factor 0.70-1.00 swings 121.97-174.24 MW, pue 133.29-185.13, it_overhead 142.72-154.84
    assert [b.assumption for b in result.ranking] == ["draw_factor", "pue", "system_power", "it_overhead"]


def test_tornado_system_power_with_a_power_counts_whole_racks():
    # 100 MW of GB200 at the facility: 1,870 W -> 53,475.9 GPUs -> 742 racks = 53,424;
    # 2,057 W -> 48,614.5 -> 675 racks = 48,600
    result = tornado("100 MW", accelerator="gb200")
    bar = next(bar for bar in result.ranking if bar.assumption == "system_power")
    assert (bar.output_at_low, bar.output_at_high) == (53_424, 48_600)


def test_tornado_has_no_system_power_bar_without_a_range_or_a_nameplate():
    # DGX H100 has one figure, 10.2 kW; epoch's chain starts from TDP x server_factor
    assert "system_power" not in {bar.assumption for bar in tornado("300 MW", accelerator="h100-sxm").ranking}
    epoch = tornado("300 MW", accelerator="gb200", method="epoch")
    assert "system_power" not in {bar.assumption for bar in epoch.ranking}
    chip = tornado("300 MW", accelerator="gb200", basis="chip")
    assert chip.ranking == ()


def test_sweep_of_the_system_power_by_hand():
    # 100 MW of GB200 at the facility, the rack at 120 / 126 / 132 kW: 1,666.67 / 1,750 /
    # 1,833.33 W x 1.122 = 1,870 / 1,963.5 / 2,057 W -> 53,475.9 / 50,929.7 / 48,614.5 GPUs
    # -> 742 / 707 / 675 racks
    result = sweep("system_power", 120, 132, 3, "100 MW", accelerator="gb200")
    assert [row.value for row in result.rows] == [120, 126, 132]
    assert [row.power_per_accelerator.m_as("W") for row in result.rows] == pytest.approx([1870, 1963.5, 2057])
    assert [row.accelerators for row in result.rows] == [53_424, 50_904, 48_600]


def test_sweep_of_the_system_power_gives_a_claim_its_verdicts():
    # 100 MW for 50,000 GB200 at the facility: 2,000 W each; the rack at 120 kW needs 1,870 W
    # central (fits), at 132 kW 2,057 W (does not): the verdict follows
    result = sweep("system_power", 120, 132, 2, "100 MW", gpus=50_000, accelerator="gb200", basis="facility")
    assert [row.required_power.m_as("MW") for row in result.rows] == pytest.approx([93.5, 102.85])
    assert all(row.verdict for row in result.rows)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: sweep("system_power", 100, 140, 3, "1 MW", mix={"gb200": 1, "h100-sxm": 1}),
            "vary: system_power needs a fleet of one system type; this fleet has several",
        ),
        (
            lambda: sweep("system_power", 100, 140, 3, "1 MW", accelerator="gb200", method="epoch"),
            "vary: system_power does not enter this method's chain (server = TDP x server_factor)",
        ),
        (
            lambda: sweep("system_power", -5, 140, 3, "1 MW", accelerator="gb200"),
            "vary: system_power start -5 kW must be above 0",
        ),
    ],
)
def test_bad_system_power_sweeps(call, message):
    with pytest.raises(InputError) as caught:
        call()
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
