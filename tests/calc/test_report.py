"""calc/report.py: results as lines and tables, written once for the CLI, Markdown and the TUI."""

import pytest

import calc
import calc.files
import calc.ui
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
    for row in calc.ui.readings_table(report.claim).rows:
        assert "| " + " | ".join(row) + " |" in markdown
        assert any(line.split()[:2] == [row[0], row[1]] and row[4] in line for line in lines), row


def test_the_headline_says_the_claim_as_stated_when_it_has_bounds():
    bounded = calc.sentences.sentence_scenario(
        calc.parse_claim("more than 300 megawatts (over 220,000 NVIDIA GPUs)")
    )
    lines = calc.ui.headline_lines(calc.evaluate(bounded))
    assert lines[1] == (
        "As stated: at least 300 MW for at least 220,000 GPUs is any power per GPU (the bounds leave it unknown)"
    )
    exact = calc.ui.headline_lines(calc.evaluate(calc.scenario_from_facility("colossus-1")))
    assert not any(line.startswith("As stated") for line in exact)


def test_an_export_that_fails_on_the_json_keeps_the_old_pair(tmp_path, monkeypatch, fill_disk_on_json):
    # the defect: the new .md (here 250 MW) replaced the old one (300 MW) and the .json failed
    # on a full disk, leaving a 250 MW report beside a 300 MW JSON
    old = calc.evaluate(calc.scenario_from_facility("colossus-1"))
    calc.export_report(old, tmp_path / "site.md")
    pair = ((tmp_path / "site.md").read_text(), (tmp_path / "site.json").read_text())
    assert "300 MW" in pair[0] and "250 MW" not in pair[0]
    new = calc.evaluate(calc.scenario("250 MW", gpus=220_000, accelerator="h100-sxm"))
    fill_disk_on_json()
    with pytest.raises(calc.InputError) as caught:
        calc.export_report(new, tmp_path / "site.md")
    assert str(caught.value) == f"export: {tmp_path / 'site.json'}: No space left on device"
    assert ((tmp_path / "site.md").read_text(), (tmp_path / "site.json").read_text()) == pair
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.json", "site.md"]
    monkeypatch.undo()
    calc.export_report(new, tmp_path / "site.md")  # and with room on the disk, both are new
    markdown = (tmp_path / "site.md").read_text()
    assert "250 MW" in markdown and "300 MW" not in markdown
    assert calc.Report.model_validate_json((tmp_path / "site.json").read_text()).claim == new.claim


def test_a_user_assumption_set_that_does_not_load_leaves_the_methods_table(isolated_presets):
    # the defect: one unparsable user set failed the whole report, in the TUI and for export
    folder = isolated_presets / "dcpower" / "presets" / "assumptions"
    folder.mkdir(parents=True)
    (folder / "broken-method.toml").write_text("[[[")
    calc.refresh_presets()
    report = calc.evaluate(calc.scenario_from_facility("colossus-1"))
    assert [c.method for c in report.methods] == [
        "default",
        "epoch",
        "epoch-nested",
        "nvidia-ra",
        "semianalysis",
    ]
    with pytest.raises(calc.PresetError, match=r"broken-method\.toml: not valid TOML"):
        calc.evaluate(calc.with_method(calc.scenario_from_facility("colossus-1"), "broken-method"))


def test_the_markdown_export_keeps_the_claim_as_stated_like_the_json_and_the_cli():
    # the defect: the Markdown report had no "As stated" line; JSON (claim.stated) and the CLI had it
    bounded = calc.sentences.sentence_scenario(
        calc.parse_claim("more than 300 megawatts (over 220,000 NVIDIA GPUs)")
    )
    report = calc.evaluate(bounded)
    stated = "As stated: at least 300 MW for at least 220,000 GPUs is any power per GPU (the bounds leave it unknown)"
    assert stated in calc.report_markdown(report).splitlines()
    assert report.claim.stated in calc.report_json(report)
    exact = calc.report_markdown(calc.evaluate(calc.scenario_from_facility("colossus-1")))
    assert "As stated" not in exact
