"""The names dcpower's own faces use: the terminal UI (`tui`) and the `dcpower` command.

These are the table builders, labels, field parsers and nudges the editors and panels are
drawn from; a notebook needs none of them (`calc.render`, `calc.report_markdown` and
`calc.to_frame` give a result's text, Markdown and rows). They are importable and documented,
but they change with the UI: ``import calc.ui`` and use them at that risk.
"""

from calc.assumption_table import edited_rows, glossary_markdown, solve_help, vary_help
from calc.assumptions import parse_settings
from calc.chain import RANGED, STEPS, resolve
from calc.claim_report import ledger_table, reading_table, readings_line
from calc.claims import even_value
from calc.compare import cli_command, comparison_table, verdict_text
from calc.compute import format_flops
from calc.display import document
from calc.energy import format_money
from calc.fieldkeys import FieldKey
from calc.files import write_atomic
from calc.form import Form, parse_fields, scenario_fields
from calc.lazy import lazy_names
from calc.ledger import answered_scenario, claim_scenario
from calc.models import BASIS_LABELS, POWER_BOUNDS, RANGE_ASSUMPTIONS, TimelineBar, TimelineChart
from calc.nudge import nudge_text
from calc.presets import accelerator_choices
from calc.presets import user_config_dir as user_preset_dir
from calc.report import Table, headline_lines, histogram_lines, methods_table, readings_table, verdict_word
from calc.sentences import alternative_checks
from calc.timeline import timeline_bars
from calc.units import quantity_json

_LAZY = {"parse_sweep": "calc.uncertainty"}


__getattr__, __dir__ = lazy_names("calc.ui", _LAZY, globals())


__all__ = [
    "BASIS_LABELS",
    "POWER_BOUNDS",
    "RANGED",
    "RANGE_ASSUMPTIONS",
    "STEPS",
    "FieldKey",
    "Form",
    "Table",
    "TimelineBar",
    "TimelineChart",
    "accelerator_choices",
    "alternative_checks",
    "answered_scenario",
    "claim_scenario",
    "cli_command",
    "comparison_table",
    "document",
    "edited_rows",
    "even_value",
    "format_flops",
    "format_money",
    "glossary_markdown",
    "headline_lines",
    "histogram_lines",
    "ledger_table",
    "methods_table",
    "nudge_text",
    "parse_fields",
    "parse_settings",
    "parse_sweep",  # noqa: F822 (imported on first use, by __getattr__)
    "quantity_json",
    "reading_table",
    "readings_line",
    "readings_table",
    "resolve",
    "scenario_fields",
    "solve_help",
    "timeline_bars",
    "user_preset_dir",
    "vary_help",
    "verdict_text",
    "verdict_word",
    "write_atomic",
]
