"""Reference implementations for the benchmarks: the same arithmetic in plain floats.

No pint, no pydantic, no presets: the DGX H100 figures are written in. This is the floor that
dcpower's unit-safe, validated path is compared against.
"""

from __future__ import annotations

TDP = 700.0
SYSTEM_PER_GPU = 10_200.0 / 8
RANGES = {"draw_factor": (0.70, 0.85, 1.00), "it_overhead": (0.06, 0.10, 0.15), "pue": (1.08, 1.20, 1.50)}


def per_gpu(case: int) -> dict[str, float]:
    """Power per GPU at each basis for case 0 (low), 1 (central) or 2 (high). [W]"""
    draw, overhead, pue = (RANGES[k][case] for k in ("draw_factor", "it_overhead", "pue"))
    server = SYSTEM_PER_GPU * draw
    it = server * (1 + overhead)
    return {"server": server, "it": it, "facility": it * pue}


def check_claim(power_watts: float, gpus: int) -> dict[str, object]:
    """The claim check of calc.check_claim, unspecified basis, for H100 in DGX H100."""
    implied = power_watts / gpus
    cases = [per_gpu(c) for c in range(3)]
    readings = {}
    for basis in ("it", "facility"):
        low, central, high = (c[basis] for c in cases)
        verdict = "implausible" if implied < low else "ample" if implied > high else "plausible"
        ratio = implied / central
        evens = {
            "draw_factor": RANGES["draw_factor"][1] * ratio,
            "it_overhead": (1 + RANGES["it_overhead"][1]) * ratio - 1,
        }
        if basis == "facility":
            evens["pue"] = RANGES["pue"][1] * ratio
        systems = int(power_watts / (central * 8))
        readings[basis] = {
            "verdict": verdict,
            "low": low,
            "central": central,
            "high": high,
            "break_even": evens,
            "supported": systems * 8,
        }
    it, facility = readings["it"]["verdict"], readings["facility"]["verdict"]
    verdict = (
        "implausible"
        if it == "implausible"
        else "ample"
        if facility == "ample"
        else "between"
        if (it, facility) == ("ample", "implausible")
        else "plausible"
    )
    return {"implied": implied, "verdict": verdict, "readings": readings}


def monte_carlo(power_watts: float, gpus: int, samples: int, seed: int) -> dict[str, object]:
    """The Monte Carlo of calc.monte_carlo in raw numpy, for one accelerator type (H100, DGX H100).

    Same draws (triangular on the default ranges, same generator and order), same chain, same
    order-statistic percentiles, fit probability and histogram, written inline.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    draw = rng.triangular(*RANGES["draw_factor"], samples)
    overhead = rng.triangular(*RANGES["it_overhead"], samples)
    pue = rng.triangular(*RANGES["pue"], samples)
    it = SYSTEM_PER_GPU * draw * (1 + overhead)
    facility = it * pue
    implied = power_watts / gpus
    out: dict[str, object] = {}
    for name, per in (("it", it), ("facility", facility)):
        p5, p50, p95 = np.percentile(per, (5, 50, 95), method="nearest")
        counts = np.floor(power_watts / np.array([p95, p50, p5]) / 8 + 1e-9) * 8
        out[name] = {
            "per": (p5, p50, p95),
            "mean": per.mean(),
            "counts": counts,
            "fit": np.count_nonzero(per <= implied) / samples,
        }
    out["histogram"] = np.histogram(facility, bins=30)
    return out
