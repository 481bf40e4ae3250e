"""Charts as standalone SVG files for reports: a Monte Carlo histogram and a tornado.

Plain SVG text, no plotting library: it opens in any browser and embeds in Markdown.
"""

from __future__ import annotations

from html import escape

from calc.uncertainty import TornadoResult, UncertaintyResult

_FONT = 'font-family="sans-serif" font-size="12"'


def _frame(width: int, height: int, title: str, body: list[str]) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">',
            f'<rect width="{width}" height="{height}" fill="white"/>',
            f'<text x="{width / 2}" y="20" text-anchor="middle" {_FONT} font-weight="bold">{escape(title)}</text>',
            *body,
            "</svg>",
            "",
        ]
    )


def histogram_svg(result: UncertaintyResult, width: int = 640, height: int = 320) -> str:
    """The distribution of power per accelerator at the main basis, with the claim marked."""
    h = result.histogram
    left, right, top, bottom = 60, 20, 36, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    lo, hi = h.edges[0], h.edges[-1]
    span = (hi - lo) or 1.0
    tallest = max(h.counts) or 1
    body = []
    bar_w = plot_w / len(h.counts)
    for i, count in enumerate(h.counts):
        bar_h = plot_h * count / tallest
        body.append(
            f'<rect x="{left + i * bar_w:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w - 1:.1f}" '
            f'height="{bar_h:.1f}" fill="#4c78a8"/>'
        )
    if h.implied is not None and lo <= h.implied <= hi:
        x = left + plot_w * (h.implied - lo) / span
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#e45756" stroke-width="2"/>'
        )
        body.append(
            f'<text x="{x + 4:.1f}" y="{top + 12}" {_FONT} fill="#e45756">claim {h.implied:,.0f} W</text>'
        )
    for value, anchor in ((lo, "start"), ((lo + hi) / 2, "middle"), (hi, "end")):
        x = left + plot_w * (value - lo) / span
        body.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="{anchor}" {_FONT}>{value:,.0f} W</text>'
        )
    body.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="black"/>'
    )
    fit = (
        ""
        if result.claim_fit_probability is None
        else f"; claim fits in {result.claim_fit_probability:.0%} of samples"
    )
    body.append(
        f'<text x="{width / 2}" y="{height - 8}" text-anchor="middle" {_FONT}>power per accelerator at the '
        f"{h.basis} basis, {result.samples:,} samples{fit}</text>"
    )
    return _frame(width, height, "Monte Carlo: power per accelerator", body)


def tornado_svg(result: TornadoResult, width: int = 640, row: int = 34) -> str:
    """Each assumption's low-to-high swing of the output, largest first, around the central value."""
    left, right, top = 120, 30, 40
    height = top + row * max(len(result.ranking), 1) + 40
    plot_w = width - left - right
    values = [v for bar in result.ranking for v in (bar.output_at_low, bar.output_at_high)] + [result.central]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0

    def x(value: float) -> float:
        return left + plot_w * (value - lo) / span

    body = []
    for i, bar in enumerate(result.ranking):
        y = top + i * row
        a, b = sorted((bar.output_at_low, bar.output_at_high))
        body.append(
            f'<text x="{left - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end" {_FONT}>{escape(bar.assumption)}</text>'
        )
        body.append(
            f'<rect x="{x(a):.1f}" y="{y + 6}" width="{max(x(b) - x(a), 1):.1f}" height="{row - 12}" fill="#f58518"/>'
        )
        body.append(
            f'<text x="{x(bar.output_at_low):.1f}" y="{y + row - 1}" text-anchor="middle" font-size="10" '
            f'font-family="sans-serif">{escape(bar.value_text(bar.low))}</text>'
        )
        body.append(
            f'<text x="{x(bar.output_at_high):.1f}" y="{y + row - 1}" text-anchor="middle" font-size="10" '
            f'font-family="sans-serif">{escape(bar.value_text(bar.high))}</text>'
        )
    cx = x(result.central)
    body.append(
        f'<line x1="{cx:.1f}" y1="{top}" x2="{cx:.1f}" y2="{top + row * len(result.ranking)}" stroke="black"/>'
    )
    body.append(
        f'<text x="{width / 2}" y="{height - 12}" text-anchor="middle" {_FONT}>{escape(result.output)} '
        f"(central {result.central:,.0f} {escape(result.unit)})</text>"
    )
    return _frame(width, height, "Sensitivity: each assumption low to high, others central", body)
