"""Settings files: written commented, read back, every mistake named at once; output
folders written afresh and never someone else's emptied."""

from __future__ import annotations

import pytest

from analysis.cli import main
from analysis.config import AnalysisConfig, config_template, read_analysis_config


def test_the_template_reads_back_as_the_defaults(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(config_template())
    assert read_analysis_config(path) == AnalysisConfig()
    assert "# primary two-group test: welch, student or mann_whitney" in config_template()


def test_settings_are_read_and_every_mistake_is_named(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("alpha: 0.1\ntimepoints: [pre, 3m]\nhorizon_days: 730\n")
    cfg = read_analysis_config(path)
    assert (cfg.alpha, cfg.timepoints, cfg.horizon_days, cfg.baseline) == (
        0.1,
        ("pre", "3m"),
        730,
        "pre",
    )
    path.write_text("alpah: 0.1\nci_type: loglog\ngroups: [a]\ndecimals: many\n")
    with pytest.raises(
        ValueError,
        match=r"unknown setting 'alpah'.*ci_type: 'loglog' is not one of.*decimals: expected int.*groups: name exactly two",
    ):
        read_analysis_config(path)


def test_cli_init_config_version_and_report_config(tmp_path, capsys, demo_workbook):
    assert main(["init-config", "--out", str(tmp_path / "v.yaml")]) == 0
    assert main(["init-config", "--out", str(tmp_path / "v.yaml")]) == 2  # never overwritten
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("vertebro ")
    (tmp_path / "v.yaml").write_text("horizon_days: 730\nci_type: log\ndeaths: censored\n")
    out = tmp_path / "r"
    main(["report", str(demo_workbook), "--out", str(out), "--config", str(tmp_path / "v.yaml")])
    text = (out / "summary.md").read_text()
    assert "fracture-free survival (deaths censored) at two years was" in text
    assert "log interval" in text and "cumulative incidence of a new fracture" not in text
    (tmp_path / "bad.yaml").write_text("alpha: often\n")
    assert (
        main(
            [
                "report",
                str(demo_workbook),
                "--out",
                str(out),
                "--config",
                str(tmp_path / "bad.yaml"),
            ]
        )
        == 2
    )


def test_report_folder_is_written_afresh_but_a_foreign_folder_is_refused(
    tmp_path, demo_workbook, capsys
):
    out = tmp_path / "r"
    main(["report", str(demo_workbook), "--out", str(out)])
    (out / "stale.csv").write_text("old")
    main(["report", str(demo_workbook), "--out", str(out)])
    assert not (out / "stale.csv").exists()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    assert main(["report", str(demo_workbook), "--out", str(foreign)]) == 2
    assert (foreign / "thesis.docx").read_text() == "precious"
    assert "not empty and was not written by vertebro" in capsys.readouterr().err
