"""Dense peak throughput on the accelerator presets: every figure sourced, ranges with both sources."""

from __future__ import annotations

import pytest

from calc.models import PeakThroughput, parse_throughput
from calc.presets import list_presets, load_accelerator


def _accelerators() -> list[str]:
    return list(list_presets("accelerators"))


@pytest.mark.parametrize("preset_id", _accelerators())
def test_every_accelerator_has_a_sourced_figure(preset_id: str) -> None:
    spec = load_accelerator(preset_id)
    assert spec.throughput, f"{preset_id}: no throughput figure"
    for precision, figure in spec.throughput.items():
        assert figure.url and figure.url.startswith("http"), (preset_id, precision)
        assert figure.flops() > 0


def test_figures_per_unit_as_counted() -> None:
    # GB200 per GPU (Epoch: 5.0 PFLOP/s FP8, 2.53 H100e); MI250X per package (two GCDs: 383 TFLOP/s BF16)
    assert load_accelerator("gb200").throughput["fp8"].flops() == 5.0e15
    assert load_accelerator("mi250x").counted_as == "module"
    assert load_accelerator("mi250x").throughput["bf16"].flops() == 383e12


def test_disagreeing_sources_keep_a_range() -> None:
    fp4 = load_accelerator("gb200").throughput["fp4"]
    assert (fp4.flops("low"), fp4.flops("central"), fp4.flops("high")) == (9e15, 10e15, 10e15)
    assert fp4.low_source and "Verda" in fp4.low_source
    fp8 = load_accelerator("mi355x").throughput["fp8"]
    assert (fp8.flops("low"), fp8.flops("central")) == (4.6e15, 5.0332e15)


def test_announced_figures_are_marked_estimates() -> None:
    assert load_accelerator("rubin").throughput["fp4"].estimate
    assert not load_accelerator("h100-sxm").throughput["fp8"].estimate


def test_throughput_text_is_checked() -> None:
    assert parse_throughput("1.979 PFLOP/s", "v") == pytest.approx(1.979e15)
    assert parse_throughput("1836 TOP/s", "v") == 1.836e15
    with pytest.raises(ValueError, match="'1979 TW' is not a throughput"):
        parse_throughput("1979 TW", "value")
    with pytest.raises(ValueError, match="high_source: missing"):
        PeakThroughput(
            value="1 PFLOP/s", low="1 PFLOP/s", high="2 PFLOP/s", low_source="here", source="somewhere"
        )
