"""calc/report.py: results as lines and tables, written once for the CLI, Markdown and the TUI."""

import calc
from calc.cli import main
from calc.report import Table, as_markdown, as_text, methods_table


def test_the_methods_table_has_one_column_per_reading():
    # the defect: for a claim with one basis (Frontier: IT) the "facility low–high" column
    # repeated the IT range
    frontier = calc.evaluate(calc.scenario_from_facility("frontier"))
    table = methods_table(frontier.methods)
    assert table.header == ("method", "verdict", "implied", "IT low–high")
    colossus = calc.evaluate(calc.scenario_from_facility("colossus-1"))
    assert methods_table(colossus.methods).header[3:] == ("IT low–high", "facility low–high")


def test_text_and_markdown_render_the_same_table():
    table = Table("Power:", ("basis", "W"), (("IT", "1,192.1 W"), ("facility", "1,430.5 W")), "lr")
    assert (
        as_text(["head", table])
        == "head\nPower:\n  basis             W\n  IT        1,192.1 W\n  facility  1,430.5 W"
    )
    assert as_markdown([table]) == (
        "## Power\n\n| basis | W |\n|---|---:|\n| IT | 1,192.1 W |\n| facility | 1,430.5 W |\n"
    )


def test_the_cli_and_the_markdown_export_show_the_same_readings(capsys):
    report = calc.evaluate(calc.scenario_from_facility("colossus-1"))
    markdown = calc.report_markdown(report)
    assert main(["check", "--facility", "colossus-1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for row in calc.readings_table(report.claim).rows:
        assert "| " + " | ".join(row) + " |" in markdown
        assert any(line.split()[:2] == [row[0], row[1]] and row[4] in line for line in lines), row


def test_the_headline_says_the_claim_as_stated_when_it_has_bounds():
    bounded = calc.sentence_scenario(calc.parse_claim("more than 300 megawatts (over 220,000 NVIDIA GPUs)"))
    lines = calc.headline_lines(calc.evaluate(bounded))
    assert lines[1] == (
        "As stated: at least 300 MW for at least 220,000 GPUs is any power per GPU (the bounds leave it unknown)"
    )
    exact = calc.headline_lines(calc.evaluate(calc.scenario_from_facility("colossus-1")))
    assert not any(line.startswith("As stated") for line in exact)
