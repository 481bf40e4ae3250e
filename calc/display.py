"""Results in a notebook and a script: a short repr, HTML and Markdown cells, the CLI's text,
a plain dict, a flat row and a DataFrame.

Every view is made from the renderers the CLI prints with (calc.report, calc.claim_report): the
text of `render(result)` is the text of the matching command, and the cells show the verdict line
and the readings table of that report. pandas is imported only by `to_frame`, on its first call.
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pint

from calc.errors import InputError, UnitError
from calc.models import CalcModel, LedgerReport
from calc.report import Report, Table, as_markdown, as_text, claim_head, readings_table, verdict_line
from calc.report import report_markdown as _report_markdown
from calc.units import format_power, is_power, ureg

# Each result model's report, by class name: (module, function). The function is imported on use.
_DOCUMENTS: dict[str, tuple[str, str]] = {
    "ClaimResult": ("calc.report", "claim_document"),
    "CapacityResult": ("calc.report", "capacity_document"),
    "RequiredPowerResult": ("calc.report", "power_document"),
    "SolveResult": ("calc.report", "solve_document"),
    "Report": ("calc.report", "report_document"),
    "UncertaintyResult": ("calc.report", "uncertainty_document"),
    "TornadoResult": ("calc.report", "tornado_document"),
    "SweepResult": ("calc.report", "sweep_document"),
    "EnergyResult": ("calc.report", "energy_document"),
    "CapexResult": ("calc.report", "capex_document"),
    "OrbitalResult": ("calc.report", "orbital_document"),
    "ComputeResult": ("calc.report", "compute_document"),
    "SentenceCheck": ("calc.claim_report", "sentence_document"),
    "LedgerReport": ("calc.claim_report", "ledger_document"),
    "TimelineResult": ("calc.claim_report", "timeline_document"),
}
RESULT_MODELS = frozenset(_DOCUMENTS) | {"LedgerResult"}
"""The models that get the short repr and notebook cells; the others keep pydantic's repr."""

# The fields a short repr names, in this order, when a result has them
_KEY_FIELDS = (
    "verdict",
    "status",
    "unknown",
    "value",
    "quantity",
    "power",
    "accelerators",
    "systems",
    "implied_power_per_accelerator",
    "power_per_accelerator",
    "basis",
    "method",
    "id",
)
FRAME_EXTRA = "frame"


def _document_function(result: Any) -> Callable[[Any], Any]:
    name = type(result).__name__
    if name not in _DOCUMENTS:
        accepted = ", ".join(sorted(_DOCUMENTS))
        raise InputError(f"result: a {name} has no report; accepted: {accepted}")
    module, function = _DOCUMENTS[name]
    return getattr(importlib.import_module(module), function)


def document(result: Any) -> list[Any]:
    """The report of a result, as the CLI prints it: lines and `Table`s."""
    if type(result).__name__ == "LedgerResult":
        result = LedgerReport(claims=(result,))
    return list(_document_function(result)(result))


def render(result: Any) -> str:
    """The text the matching `dcpower` command prints for this result."""
    return as_text(document(result))


def markdown(result: Any) -> str:
    """The full report of a result as Markdown (`report_markdown` for any result)."""
    return as_markdown(document(result))


def _cell_document(result: Any) -> list[Any]:
    """What a notebook cell shows: a claim's verdict line and readings table, else the report."""
    name = type(result).__name__
    claim = result.claim if name in ("SentenceCheck", "Report") else result
    if type(claim).__name__ == "ClaimResult":
        return [claim_head(claim), "", verdict_line(claim), "", readings_table(claim)]
    return document(result)


def repr_markdown(result: Any) -> str:
    return as_markdown(_cell_document(result))


def _html_table(table: Any) -> str:
    align = ["right" if a == "r" else "left" for a in table.align]

    def row(cells: Iterable[str], tag: str) -> str:
        return (
            "<tr>"
            + "".join(
                f'<{tag} style="text-align:{a}">{html.escape(c)}</{tag}>'
                for c, a in zip(cells, align, strict=True)
            )
            + "</tr>"
        )

    caption = f"<caption>{html.escape(table.title.rstrip(':'))}</caption>" if table.title else ""
    head = f"<thead>{row(table.header, 'th')}</thead>" if table.header else ""
    body = "".join(row(r, "td") for r in table.rows)
    return f"<table>{caption}{head}<tbody>{body}</tbody></table>"


def repr_html(result: Any) -> str:
    parts = []
    for item in _cell_document(result):
        if isinstance(item, Table):
            parts.append(_html_table(item))
        elif item:
            parts.append(f"<p>{html.escape(item)}</p>")
    return "<div>" + "".join(parts) + "</div>"


def _short(value: Any) -> str:
    if isinstance(value, pint.Quantity):
        return format_power(value) if is_power(value) else f"{value:~P}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.4g}"
    return repr(value) if isinstance(value, str) else str(value)


def short_repr(result: Any) -> str:
    """One line: the class, the verdict and the key figures (``ClaimResult(verdict='plausible', ...)``)."""
    fields = type(result).model_fields
    parts = [
        f"{name}={_short(getattr(result, name))}"
        for name in _KEY_FIELDS
        if name in fields and getattr(result, name) is not None
    ]
    if not parts:  # a report of many results: how many, and their verdicts
        items = [(name, getattr(result, name)) for name in fields if isinstance(getattr(result, name), tuple)]
        for name, value in items[:1]:
            verdicts = sorted({v for item in value if isinstance(v := getattr(item, "verdict", None), str)})
            parts = [f"{name}={len(value)}", *([f"verdicts={'/'.join(verdicts)}"] if verdicts else [])]
    return f"{type(result).__name__}({', '.join(parts)})"


def to_dict(result: Any) -> dict[str, Any]:
    """The result as JSON-ready data: what `--json` prints (quantities as value, unit and base)."""
    return result.model_dump(mode="json")


def _flatten(prefix: str, value: Any, row: dict[str, Any]) -> None:
    if isinstance(value, Mapping) and set(value) >= {"value", "unit", "base"}:
        row[f"{prefix}_{value['base_unit']}"] = value["base"]
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), item, row)
    elif isinstance(value, (list, tuple)):
        if value and all(isinstance(item, Mapping) and "basis" in item for item in value):
            for item in value:  # readings and chains: one group of columns per basis
                _flatten(f"{prefix}.{item['basis']}", {k: v for k, v in item.items() if k != "basis"}, row)
        elif all(not isinstance(item, (Mapping, list, tuple)) for item in value):
            row[prefix] = "; ".join(str(item) for item in value)
        # a list of records (a fleet, sources, claims) is not one row: left out
    else:
        row[prefix] = value


def to_row(result: Any) -> dict[str, Any]:
    """The result as one flat row: nested fields as dotted names, each quantity as one number in
    its dimension's base unit, named with it (``power_W``, ``annual_energy_Wh``)."""
    row: dict[str, Any] = {}
    _flatten("", to_dict(result), row)
    return row


def _rows_of(results: Any) -> list[dict[str, Any]]:
    if type(results).__name__ == "LedgerReport":
        results = results.claims
    elif hasattr(results, "model_fields"):
        results = [results]
    return [to_row(result) for result in results]


def to_frame(results: Any) -> Any:
    """A pandas DataFrame with one `to_row` per result (a LedgerReport: one row per claim).

    Raises:
        InputError: pandas is not installed (``pip install 'dcpower[frame]'``).
    """
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise InputError(
            f"to_frame: pandas is not installed; install it with pip install 'dcpower[{FRAME_EXTRA}]'"
        ) from None
    return pandas.DataFrame(_rows_of(results))


def as_quantity(value: Any, registry: pint.UnitRegistry | None = None) -> pint.Quantity:
    """A quantity of any pint registry (or text such as ``"300 MW"``) as one of `registry`:
    dcpower's own by default, so that it combines with a result's quantities; the user's own to
    take a result's quantity into their registry. Converted by its unit's name, not its object.

    Raises:
        UnitError: Not a quantity, or a unit `registry` does not know.
    """
    target = ureg if registry is None else registry
    if not isinstance(value, pint.Quantity):
        raise UnitError(f"quantity: {value!r} is not a quantity; give one such as '300 MW'")
    try:
        return target.Quantity(value.magnitude, str(value.units))
    except Exception:
        raise UnitError(
            f"quantity: the unit {str(value.units)!r} is not known to the target registry"
        ) from None


__all__ = ["as_quantity", "markdown", "render", "to_dict", "to_frame", "to_row"]


def report_markdown(report: Any) -> str:
    """The report as Markdown: a `Report` (as exported), or any result as its command's report."""
    return _report_markdown(report) if isinstance(report, Report) else markdown(report)


# A result's views in a notebook and a script, installed on the models' base class here (calc
# imports this module), so that the models, a layer below, import no renderer.
def _repr(self: CalcModel) -> str:
    if type(self).__name__ in RESULT_MODELS:
        return short_repr(self)
    return super(CalcModel, self).__repr__()


def _markdown_view(self: CalcModel) -> str | None:
    return repr_markdown(self) if type(self).__name__ in RESULT_MODELS else None


def _html_view(self: CalcModel) -> str | None:
    return repr_html(self) if type(self).__name__ in RESULT_MODELS else None


def _to_dict(self: CalcModel) -> dict[str, Any]:
    """The model as JSON-ready data: what `--json` prints."""
    return to_dict(self)


def _to_row(self: CalcModel) -> dict[str, Any]:
    """The model as one flat row (`calc.display.to_row`): dotted names, quantities in base units."""
    return to_row(self)


CalcModel.__repr__ = _repr  # type: ignore[method-assign]
CalcModel._repr_markdown_ = _markdown_view  # type: ignore[attr-defined]
CalcModel._repr_html_ = _html_view  # type: ignore[attr-defined]
CalcModel.to_dict = _to_dict  # type: ignore[attr-defined]
CalcModel.to_row = _to_row  # type: ignore[attr-defined]
