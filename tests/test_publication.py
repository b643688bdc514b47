"""The demo's publication tables and figures: every format written, nothing identifying."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.report.publication import Publication, write_publication


@pytest.fixture(scope="module")
def publication(tmp_path_factory: pytest.TempPathFactory, demo_workbook: Path) -> tuple[Path, Publication]:  # fmt: skip
    out = tmp_path_factory.mktemp("publication")
    return out, write_publication(load_cohort(demo_workbook), out)


def test_every_table_in_every_format_and_every_figure(publication: tuple[Path, Publication]) -> None:  # fmt: skip
    out, pub = publication
    assert pub.not_made == []
    assert [t.title.split(".")[0] for t in pub.tables] == [f"Table {i}" for i in range(1, 8)]
    for i, t in enumerate(pub.tables, 1):
        for fmt in ("csv", "md", "html", "tex", "xlsx", "docx"):
            assert (out / "tables" / f"table{i}_{t.name}.{fmt}").is_file()
    for name, _, _ in pub.figures:
        for fmt in ("png", "svg", "pdf"):
            assert (out / "figures" / f"{name}.{fmt}").is_file()
    assert {n for n, _, _ in pub.figures} >= {"flow", "incidence_new_fracture_by_group", "cumulative_incidence", "forest_risk_model", "swimmer_repeat"}  # fmt: skip
    import openpyxl

    assert len(openpyxl.load_workbook(out / "tables" / "all_tables.xlsx").sheetnames) == len(
        pub.tables
    )


def test_no_identifier_leaves(publication: tuple[Path, Publication], demo_workbook: Path) -> None:
    out, _ = publication
    ids = set(load_cohort(demo_workbook).cohort.patients["patient_id"].astype(str))
    texts = [p.read_text("utf-8", errors="ignore") for p in out.rglob("*") if p.suffix in (".html", ".md", ".csv", ".tex", ".svg")]  # fmt: skip
    for text in texts:
        assert not any(pid in text for pid in ids)


def test_figure_captions_say_what_their_points_and_n_are(publication: tuple[Path, Publication], demo_workbook: Path) -> None:  # fmt: skip
    from analysis.stats import fracture_risk_model, measure_wide, repeat_volume

    _, pub = publication
    captions = {name: caption for name, caption, _ in pub.figures}
    cohort = load_cohort(demo_workbook).cohort
    # the trajectory: every score at each time point (the mixed model's), not pairs
    wide = measure_wide(cohort, "pain_vas", ["pre", "24h", "1m", "3m", "12m"])
    scores = int(wide[["pre", "24h", "1m", "3m", "12m"]].notna().sum().sum())
    assert f"mean (95% CI) of every score available at each time point, {scores} scores of {len(wide)} index procedures" in captions["pain_trajectory"]  # fmt: skip
    assert "n above the panel: procedures with a score at that time point, so each time point holds different patients (not the complete pairs of the tables)" in captions["pain_trajectory"]  # fmt: skip
    # the forest plot: the multivariable model's N, not Table 6's univariable N
    multi = fracture_risk_model(cohort)
    assert captions["forest_risk_model"] == (
        f"Hazard ratios for a new fracture, deaths censored, multivariable Cox model; N and "
        f"Events: the {multi.n_used} patients and {multi.n_events} events of the multivariable "
        "model (every covariate known), not the univariable N of the regression table"
    )
    # the cement figure: how many of the vertebrae treated at both its lines join
    rv = repeat_volume(cohort)
    assert rv.paired is not None and rv.paired.n_pairs < rv.n_vertebrae_paired
    assert (
        f"lines join the {rv.paired.n_pairs} vertebrae with a volume at both their initial and "
        f"repeat augmentation, of {rv.n_vertebrae_paired} treated at both "
        f"({rv.n_vertebrae_paired - rv.paired.n_pairs} without a per-vertebra volume at both)"
    ) in captions["cement_volume"]
    fig = next(f for name, _, f in pub.figures if name == "cement_volume")
    (lines,) = [c for c in fig.axes[0].collections if c.get_gid() == "pairs"]
    assert len(lines.get_segments()) == rv.paired.n_pairs
    assert f"({rv.n_initial_volume} initial, {rv.n_repeat_volume} repeat)" in captions["cement_volume"]  # fmt: skip


def test_table_4_shows_deaths_by_group_and_the_numbers_at_risk(publication: tuple[Path, Publication], demo_workbook: Path) -> None:  # fmt: skip
    from analysis.stats import fracture_cumulative_incidence, fracture_free_survival

    _, pub = publication
    t = next(t for t in pub.tables if t.name == "new_fracture_incidence")
    cells = {(r.cells[0], i): r.cells for i, r in enumerate(t.rows)}
    heads = [r.cells[0] for r in t.rows]
    assert [r.cells[0] for r in t.rows if r.group] == ["New fracture, any level", "Death (competing)", "Number at risk"]  # fmt: skip
    cohort = load_cohort(demo_workbook).cohort
    cif = fracture_cumulative_incidence(cohort, "etiology", by_class=False)
    deaths = int(cif.curve("death", "pathologic").table["n_event"].sum())
    death_row = cells[("Pathologic (malignant)", heads.index("Death (competing)") + 2)]
    assert death_row[1] == str(deaths)
    risk = cells[("Pathologic (malignant)", len(heads) - 1)]
    at = fracture_free_survival(cohort, "etiology").at((30, 90, 180, 365, 730))
    assert risk[2:] == tuple(str(n) for n in at.loc[at["group"] == "pathologic", "n_risk"])


def test_table_7_pools_ages_of_90_and_over(publication: tuple[Path, Publication]) -> None:
    _, pub = publication
    t = next(t for t in pub.tables if t.name == "case_series")
    ages = [r.cells[t.columns.index("Age, y")] for r in t.rows]
    assert "≥90" in ages  # the demo's series has a patient over 89
    assert all(a == "≥90" or int(a) < 90 for a in ages)


def test_survival_figures_tick_on_the_days_the_tables_report(publication: tuple[Path, Publication]) -> None:  # fmt: skip
    from analysis.config import AnalysisConfig

    _, pub = publication
    days = {0.0, *map(float, AnalysisConfig().survival_days)}
    figures = {n: f for n, _, f in pub.figures}
    for name in ("incidence_new_fracture", "incidence_new_fracture_by_group", "cumulative_incidence"):  # fmt: skip
        ticks = set(figures[name].axes[0].get_xticks())
        assert {0.0, 180.0, 365.0, 730.0} <= ticks <= days, (name, ticks)


def test_the_flow_box_says_how_many_without_both_scores_had_died(publication: tuple[Path, Publication], demo_workbook: Path) -> None:  # fmt: skip
    import matplotlib as mpl

    from analysis.stats import paired_change

    _, pub = publication
    change = paired_change(load_cohort(demo_workbook).cohort, "pain_vas", "pre", "1m")
    flow = next(f for n, _, f in pub.figures if n == "flow")
    texts = " ".join(t.get_text().replace("\n", " ") for t in flow.findobj(mpl.text.Text))
    assert f"({change.n_excluded} without both scores; {change.n_died} of them had died before 1 month)" in texts  # fmt: skip


def test_incidence_captions_name_their_bands_and_each_group_s_events(
    publication: tuple[Path, Publication], demo_workbook: Path
) -> None:
    """A curve's shaded band is named (pointwise 95% CIs), and the figure by group gives
    each group's new fractures, so Gray's p printed on it is read beside its counts."""
    from analysis.config import AnalysisConfig
    from analysis.stats import fracture_cumulative_incidence

    _, pub = publication
    captions = {name: caption for name, caption, _ in pub.figures}
    by = AnalysisConfig().group_by
    cif = fracture_cumulative_incidence(load_cohort(demo_workbook).cohort, by, by_class=False)
    new = [c for c in cif.curves if c.cause == "new_fracture"]
    counts = {c.group: int(c.table["n_event"].sum()) for c in new}
    assert len(counts) == 2 and sum(counts.values()) > 0
    caption = captions["incidence_new_fracture_by_group"]
    assert caption.startswith("Cumulative incidence of a new fracture, death as a competing risk, by group; shaded: pointwise 95% confidence intervals; new fractures: ")  # fmt: skip
    listed = caption.split("; new fractures: ")[1].split(", ")
    assert sorted(int(part.rsplit(" ", 1)[1]) for part in listed) == sorted(counts.values())
    assert "Osteoporotic" in caption
    for name in ("incidence_new_fracture", "cumulative_incidence"):
        assert captions[name].endswith("; shaded: pointwise 95% confidence intervals")
