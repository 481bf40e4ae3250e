"""presets/assumptions/: each published method reproduces its authors' own worked examples to 1 %."""

import pytest

import calc


def _per_gpu(method, accelerator, basis, case="central", system=None):
    chain = calc.power_chain(accelerator=accelerator, system=system, method=method)
    row = next(r for r in chain if r.basis == basis)
    return getattr(row, case).m_as("W")


def test_epoch_h100_at_the_facility():
    # Epoch AI: 700 W x 1.82 x 1.14 = 1,452.4 W per H100 at the facility
    assert _per_gpu("epoch", "h100-sxm", "facility") == pytest.approx(1_452.4, rel=0.01)


def test_epoch_colossus_280_mw_for_200000_gpus():
    # Epoch AI (2025-06-05): Colossus 'uses 280 MW' for 200,000 H100/H200:
    # 200,000 x 700 W x 1.82 x 1.10 (the low end of its PUE) = 280.3 MW
    power = calc.required_power(fleet={"h100-sxm": 150_000, "h200-sxm": 50_000}, method="epoch")
    facility = next(row for row in power.power if row.basis == "facility")
    assert facility.low.m_as("MW") == pytest.approx(280, rel=0.01)


def test_epoch_nested_gpus_are_about_40_percent_of_facility_power():
    # Epoch AI (2025-12-18): 1,200 W x 1.53 x 1.14 x 1.4 = 2,930.0 W per GB200: GPU 41 %
    facility = _per_gpu("epoch-nested", "gb200", "facility")
    assert facility == pytest.approx(2_930.0, rel=0.01)
    assert 1_200 / facility == pytest.approx(0.41, abs=0.01)


def test_epoch_nested_takes_the_dgx_ratio_for_hopper_servers():
    # H100 in an 8-GPU server: 700 W x 1.82 x 1.14 x 1.4 = 2,033.3 W at the facility (peak)
    assert _per_gpu("epoch-nested", "h100-sxm", "facility") == pytest.approx(2_033.3, rel=0.01)


def test_semianalysis_h100_critical_it():
    # SemiAnalysis (2024-03-13): 1,275 W x 1.0894 = 1,389 W of critical IT per H100
    assert _per_gpu("semianalysis", "h100-sxm", "it") == pytest.approx(1_389, rel=0.01)


def test_semianalysis_20480_gpus_critical_it_and_facility():
    # 20,480 x 1,389 W = 28.4 MW of critical IT; facility draw = 28.4 MW x 0.8 utilisation
    # x PUE 1.25 = 28.4 MW
    power = calc.required_power(gpus=20_480, accelerator="h100-sxm", method="semianalysis")
    rows = {row.basis: row for row in power.power}
    assert rows["it"].central.m_as("MW") == pytest.approx(28.4, rel=0.01)
    assert rows["facility"].central.m_as("MW") == pytest.approx(28.4 * 0.8 * 1.25, rel=0.01)


def test_semianalysis_gb200_rack_at_its_own_123_6_kw():
    # SemiAnalysis: 123.6 kW per NVL72 / 72 = 1,716.7 W per GPU at the server
    assert _per_gpu("semianalysis", "gb200", "server") == pytest.approx(1_716.7, rel=0.01)


def test_nvidia_gb200_scalable_unit_1_2_mw_per_576_gpus():
    # NVIDIA GB200 SuperPOD RA: 'Each SU requires ... 1.2 Megawatts' for 8 racks, 576 GPUs
    power = calc.required_power(gpus=576, accelerator="gb200", method="nvidia-ra")
    it = next(row for row in power.power if row.basis == "it")
    assert it.central.m_as("MW") == pytest.approx(1.2, rel=0.01)


def test_nvidia_dgx_h100_rack_over_40_kw():
    # H100 SuperPOD RA: 4 DGX H100 per rack, '>40 kW' = 4 x 10.2 kW = 40.8 kW
    power = calc.required_power(gpus=32, accelerator="h100-sxm", method="nvidia-ra")
    it = next(row for row in power.power if row.basis == "it")
    assert it.central.m_as("kW") == pytest.approx(40.8, rel=0.01)


def test_nvidia_dgx_b200_scalable_unit():
    # DGX B200 best practices: ~458 kW per scalable unit of 32 DGX B200 = 32 x 14.3 kW
    power = calc.required_power(gpus=256, accelerator="b200", method="nvidia-ra")
    it = next(row for row in power.power if row.basis == "it")
    assert it.central.m_as("kW") == pytest.approx(457.6, rel=0.01)


def test_a_calibration_applies_only_to_a_fleet_of_that_accelerator():
    # a mixed fleet takes the method's general values (GB200's 13.6 %)
    mixed = calc.check_claim("100 MW", 50_000, fleet={"h100-sxm": 1, "gb200": 1}, method="nvidia-ra")
    assert mixed.assumptions.it_overhead.central == 0.136
    alone = calc.check_claim("100 MW", 50_000, accelerator="h100-sxm", method="nvidia-ra")
    assert alone.assumptions.it_overhead.central == 0.0


def test_semianalysis_on_the_colossus_claim_is_not_implausible():
    result = calc.check_claim("300 MW", 220_000, "h100-sxm", method="semianalysis")
    assert result.verdict != "implausible"
    # 1,363.6 W against SemiAnalysis's central 1,389.0 W of IT: 1.8 % short
    assert "1.8 % below the central" in result.readings[0].summary
