"""The scripted report and the figures: files written, numbers from the result objects."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.figures import cumulative_incidence_plot, forest_plot, km_plot
from analysis.formatting import ci, number
from analysis.load import load_cohort
from analysis.report import write_report
from analysis.schema import Cohort
from analysis.stats import (
    fracture_cumulative_incidence,
    fracture_free_survival,
    fracture_risk_model,
    paired_change,
)


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory, demo_workbook: Path) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_report(load_cohort(demo_workbook), out)
    return out


def test_report_writes_every_section(demo_report: Path) -> None:
    text = (demo_report / "summary.md").read_text()
    for title in ("## Pain and mobility", "## Osteoporotic vs pathologic fractures",
                  "## Cement volume and leakage", "## New fractures"):  # fmt: skip
        assert title in text
    assert "not computed" not in text
    for name in ("tables/outcomes_pain.csv", "tables/outcomes_mobility.csv", "tables/new_fracture_incidence.csv",
                 "figures/incidence_new_fracture.png", "figures/cumulative_incidence.svg", "figures/flow.pdf",
                 "results/risk_model.csv", "problems.csv", "tidy/patients.csv", "report.docx",
                 "tables/table1_characteristics.docx", "tables/table6_regression.tex", "tables/all_tables.xlsx"):  # fmt: skip
        assert (demo_report / name).is_file(), name
    assert not list(demo_report.glob("*.png"))  # figures live in figures/, once
    # deaths compete by default: the headline is the cumulative incidence, named so
    assert "![Cumulative incidence of a new fracture, death as a competing risk; shaded: pointwise 95% confidence intervals](figures/incidence_new_fracture.png)" in text  # fmt: skip
    assert not (demo_report / "figures" / "km_fracture_free.png").exists()


def test_prose_numbers_come_from_the_results(demo_report: Path, demo_workbook: Path) -> None:
    cohort = load_cohort(demo_workbook).cohort
    text = (demo_report / "summary.md").read_text()
    change = paired_change(cohort, "pain_vas", "pre", "1m").t_test
    assert (
        f"mean change {number(change.estimate)}, 95% CI {ci(change.ci_low, change.ci_high)}" in text
    )
    year = fracture_cumulative_incidence(cohort, by_class=False).curve("new_fracture").at((365,)).iloc[0]  # fmt: skip
    assert f"incidence of a new fracture at one year was {number(100 * year.estimate, 1)}% (95% CI {ci(100 * year.ci_low, 100 * year.ci_high, 1)}; Aalen-Johansen" in text  # fmt: skip
    naive = fracture_free_survival(cohort).at((365,)).iloc[0]
    assert f"Kaplan-Meier with deaths censored gives {number(100 * (1 - naive.survival), 1)}%" in text  # fmt: skip


def test_table_one_and_the_text_count_the_same_vertebrae(demo_report: Path, demo_workbook: Path) -> None:  # fmt: skip
    """Table 1's vertebra rows are the index vertebrae the leakage text counts; the ledger
    names both populations; a repeat augmentation is counted per patient."""
    import csv

    from analysis.formatting import count_percent
    from analysis.stats import describe_cohort, leakage_by

    cohort = load_cohort(demo_workbook).cohort
    text = (demo_report / "summary.md").read_text()
    with (demo_report / "tables" / "table1_characteristics.csv").open(encoding="utf-8-sig") as f:
        rows = {r[0].strip(): r[1:] for r in csv.reader(f) if r}
    (a, b), (c, d) = leakage_by(cohort, "technique").table
    assert rows["Vertebrae, n"][0] == str(a + b + c + d)
    # technique is the same for every vertebra of a patient: counted (and tested) on patients
    from analysis.stats import vertebra_frame

    per_patient = vertebra_frame(cohort, "index").drop_duplicates("patient_id")["technique"]
    assert rows["Technique (patients), n (%)"] is not None
    assert rows["Vertebroplasty"][0].startswith(f"{int((per_patient == 'vertebroplasty').sum())} (")
    assert rows["Kyphoplasty"][0].startswith(f"{int((per_patient == 'kyphoplasty').sum())} (")
    assert rows["Any cement leakage, n (%)"][0] == count_percent(a + c, a + b + c + d)
    assert f"vertebroplasty {count_percent(a, a + b)} of {a + b} vertebrae, kyphoplasty {count_percent(c, c + d)} of {c + d}" in text  # fmt: skip
    s = describe_cohort(cohort)
    assert s.n_vertebrae > s.n_index_vertebrae == a + b + c + d
    assert (
        f"{s.n_patients} patients underwent {s.n_procedures} augmentation sessions treating "
        f"{s.n_vertebrae} vertebrae: {s.n_index_procedures} index procedures treating "
        f"{s.n_index_vertebrae} vertebrae (the vertebrae Table 1 describes) and "
        f"{s.n_procedures - s.n_index_procedures} later sessions treating "
        f"{s.n_vertebrae - s.n_index_vertebrae} vertebrae, {s.n_repeat_vertebrae} of them"
    ) in text
    repeat = rows["Repeat augmentation during follow-up, n (%)"][0]
    assert repeat == count_percent(s.n_repeat_patients, s.n_patients)
    assert f"Table 1, rows of the vertebrae treated at the index procedure, by fracture etiology (pathologic vs osteoporotic): {a + b + c + d} vertebrae of" in text  # fmt: skip


def test_the_report_carries_its_statistical_review(demo_report: Path) -> None:
    import json

    text = (demo_report / "summary.md").read_text()
    review = text.split("## Statistical review", 1)[1].split("\n## ", 1)[0]
    # the demo's risk model: 30 events for 5 parameters; 4 new fractures among the pathologic
    assert "Events per parameter, Cox risk-factor model: 30 events for 5 parameters: 6.0 per parameter, fewer than the 10 usually asked for" in review  # fmt: skip
    assert "Groups with few events, Cumulative incidence of a new fracture by etiology (Gray's test): osteoporotic 26 events among 263 patients; pathologic 4 events among 36 patients" in review  # fmt: skip
    assert "Proportional hazards, Cox risk-factor model: Schoenfeld-residual test" in review
    for page in ("report.html", "report.docx"):
        assert (demo_report / page).is_file()
    assert "<h2>Statistical review</h2>" in (demo_report / "report.html").read_text()
    rows = json.loads((demo_report / "results.json").read_text())["results"]
    checks = {r["method"] for r in rows if r["analysis"] == "statistical_review"}
    assert {"events_per_parameter", "few_events", "follow_up", "multiple_testing"} <= checks


def test_sections_report_what_the_data_cannot_support(tmp_path: Path, small_cohort: Cohort) -> None:
    from analysis.config import AnalysisConfig
    from analysis.report.sections import etiology_comparison

    only_osteoporotic = Cohort.from_frames(
        patients=small_cohort.patients.assign(etiology="osteoporotic"),
        procedures=small_cohort.procedures,
        assessments=small_cohort.assessments,
        fractures=small_cohort.fractures,
    )
    section = etiology_comparison(only_osteoporotic, tmp_path, AnalysisConfig())
    assert section.lines == [
        "\nPain change by etiology: not computed: no rows with etiology = ['pathologic']; "
        "present: ['osteoporotic']."
    ]


def test_one_unsupported_analysis_does_not_hide_the_others(
    tmp_path: Path, small_cohort: Cohort
) -> None:
    from analysis.config import AnalysisConfig
    from analysis.report.sections import new_fractures

    no_fractures = Cohort.from_frames(
        patients=small_cohort.patients,
        procedures=small_cohort.procedures,
        assessments=small_cohort.assessments,
    )
    text = new_fractures(no_fractures, tmp_path, AnalysisConfig()).markdown()
    assert "None of 60 patients had a new vertebral fracture" in text
    assert "the cumulative incidence of a new fracture is 0% throughout follow-up" in text
    text = new_fractures(no_fractures, tmp_path, AnalysisConfig(deaths="censored")).markdown()
    assert "fracture-free survival (deaths censored) at one year was 100.0%" in text
    assert "Timing of adjacent vs non-adjacent fractures: not computed: each group needs" in text
    assert "Risk-factor model: not computed: no events" in text
    assert (tmp_path / "tables" / "fracture_free_survival.csv").is_file()


def test_figures_draw_on_given_axes_or_their_own(small_cohort: Cohort) -> None:
    km = fracture_free_survival(small_cohort)
    fig = km_plot(km)
    assert isinstance(fig, Figure)
    own = Figure()
    ax = own.add_subplot()
    assert km_plot(km, ax=ax) is own
    assert isinstance(
        cumulative_incidence_plot(fracture_cumulative_incidence(small_cohort)), Figure
    )
    model = fracture_risk_model(small_cohort, ("age_years", "bmd_t_score"))
    forest = forest_plot(model)
    rows = {t.get_text(): t.get_position()[1] for t in forest.axes[1].texts}  # the label column
    assert "age_years" not in rows and "bmd_t_score" not in rows  # labels, not column names
    assert rows["Age, years"] > rows["BMD T-score"]  # first term on top


def test_results_json_holds_every_number_under_its_schema(demo_report: Path) -> None:
    import json

    import jsonschema

    schema = json.loads(
        (Path(__file__).parents[1] / "data_schema" / "results.schema.json").read_text()
    )
    payload = json.loads((demo_report / "results.json").read_text())
    jsonschema.validate(payload, schema)
    rows = payload["results"]
    assert {r["analysis"] for r in rows} >= {
        "pain_time_course",
        "fracture_free_survival_curve",
        "risk_model",
    }
    curve = pd.read_csv(demo_report / "results" / "fracture_free_survival_curve.csv")
    in_json = [
        r["value"]
        for r in rows
        if r["analysis"] == "fracture_free_survival_curve"
        and r["table"] == "frame"
        and r["statistic"] == "survival"
    ]
    assert in_json == pytest.approx(curve["survival"].tolist())
    assert {r["table"] for r in rows} == {"frame", "tidy", "glance", "review"}
    assert {r["table"] for r in rows if r["analysis"] == "statistical_review"} == {"review"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"schema_version": 1, "results": [{"analysis": "x"}]}, schema)


def test_results_json_reads_every_model_through_tidy_and_glance(demo_report: Path) -> None:
    """The risk model's Cox terms, the leakage model's logistic terms and the mixed model
    read the same way: one tidy record per term and broom column, from ``tidy()``."""
    import json

    from analysis.stats import TIDY_COLUMNS

    rows = json.loads((demo_report / "results.json").read_text())["results"]
    numeric = [c for c in TIDY_COLUMNS if c not in ("term", "std_error_used", "method")]
    for analysis in ("risk_model", "leakage_model", "pain_mixed_model", "mobility_change"):
        tidy = [r for r in rows if r["analysis"] == analysis and r["table"] == "tidy"]
        assert tidy, analysis
        assert {r["statistic"] for r in tidy} == set(numeric)
        assert all(r["variable"] == r["context"]["term"] for r in tidy)
        glance = [r for r in rows if r["analysis"] == analysis and r["table"] == "glance"]
        assert {r["row"] for r in glance} == {0}
    frame = pd.read_csv(demo_report / "results" / "risk_model.csv")
    cox = {
        (r["variable"], r["statistic"]): r["value"]
        for r in rows
        if r["analysis"] == "risk_model" and r["table"] == "tidy"
    }
    assert len(frame) == len({v for v, _ in cox}) == 5
    for _, row in frame.iterrows():
        term = row["quantity"].removeprefix("hazard_ratio[").removesuffix("]")
        assert cox[(term, "estimate_exp")] == pytest.approx(row["estimate"], rel=1e-12)
        assert cox[(term, "conf_high_exp")] == pytest.approx(row["ci_high"], rel=1e-12)
        assert cox[(term, "p_value")] == pytest.approx(row["p_value"], rel=1e-12)
        assert cox[(term, "conf_level")] == 0.95


def test_report_html_is_self_contained_and_shows_input_text_as_text(
    tmp_path: Path, demo_report: Path
) -> None:
    import openpyxl

    from analysis.cli import main

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Study ID", "Sex", "Age", "Level", "VAS pre", "VAS 1m", "<script>alert(1)</script>"])
    for i in range(12):
        ws.append([f"S{i}", "F", 70 + i, "L1", 8, 3 + i % 4, "note"])
    wb.save(tmp_path / "in.xlsx")
    main(["report", str(tmp_path / "in.xlsx"), "--out", str(tmp_path / "r")])
    page = (tmp_path / "r" / "report.html").read_text()
    assert "<script" not in page.replace("&lt;script", "")  # shown as text, never run
    # a header that may not be shown (not words of the schema) is named by its column
    assert "alert(1)" not in page and "column G" in page
    assert "<h2>Problems found in the input</h2>" in page and "<table" in page
    demo = (demo_report / "report.html").read_text()
    assert demo.count('src="data:image/png;base64,') >= 4  # every figure inlined
    assert "http://" not in demo and "https://" not in demo  # nothing fetched from outside
    assert "<h2>Warnings</h2>" in demo and "<h3>New fractures</h3>" in demo
    order = [demo.index(h) for h in ("<h2>Warnings</h2>", "<h2>Flow of patients and rows</h2>", "Table 1.",
                                      "<h2>Figures</h2>", "<h2>Methods and results</h2>",
                                      "<h2>Problems found in the input</h2>")]  # fmt: skip
    assert order == sorted(order)  # warnings first, problems last
    assert demo.count('class="vertebro-table"') == 7


def test_report_html_lists_a_bounded_number_of_problems(tmp_path: Path) -> None:
    """A registry export with thousands of problems gives a page a browser opens: the
    first LISTED_PROBLEMS rows, under the count of every rule; problems.csv has all."""
    from analysis.report.content import ReportContent
    from analysis.report.html import LISTED_PROBLEMS, write_html_report

    n = LISTED_PROBLEMS + 234
    problems = pd.DataFrame(
        {
            "sheet": "assessments",
            "cell": [f"D{i + 2}" for i in range(n)],
            "rule": ["number"] * (n - 34) + ["level"] * 34,
            "severity": "error",
            "message": "not a number",
        }
    )
    content = ReportContent("Report", "ledger", (), (), (), "", (), n)
    page = write_html_report(content, tmp_path, problems).read_text()
    assert page.count("<td>assessments</td>") == LISTED_PROBLEMS
    assert f"{n:,} problems were found; the first {LISTED_PROBLEMS:,} are listed" in page
    assert f"<li>number (error): {n - 34:,}</li>" in page and "<li>level (error): 34</li>" in page
    few = write_html_report(content, tmp_path, problems.head(5)).read_text()
    assert few.count("<td>assessments</td>") == 5 and "were found" not in few


def test_the_text_cites_the_publication_tables_instead_of_repeating_them(demo_report: Path) -> None:  # fmt: skip
    """A section whose numbers a publication table prints cites it by number (the CSV
    keeps every value); the tables no publication table holds stay in the text."""
    from analysis.report.sections import cite_tables

    text = (demo_report / "summary.md").read_text()
    titles = [p.name for p in sorted((demo_report / "tables").glob("table*_*.csv"))]
    assert "table2_outcomes.csv" in titles and "table6_regression.csv" in titles
    assert "(See Table 2; every value in tables/outcomes_pain.csv.)" in text
    assert "(See Table 6; every value in tables/risk_model.csv.)" in text
    # the timing tests ignore censoring and death: the text says so and cites the incidences
    assert "so they describe timing, not risk: the cumulative incidence of each class with death competing (Table 5) allows for both" in text  # fmt: skip
    assert "{{table:" not in text and "{{table:" not in (demo_report / "report.html").read_text()
    assert "| Cement volume (mL) | Initial vs repeat |" in text  # no publication table has it
    assert cite_tables("See {{table:b}} and {{table:z}}.", ["a", "b"]) == "See Table 2 and the results table."  # fmt: skip


def test_report_html_never_breaks_a_line_after_a_minus_sign(demo_report: Path) -> None:
    from analysis.report.html import _text

    assert _text("change -4.7, 95% CI -4.9 to -4.5; 2021-03-04; L1-L2 <x>") == (
        'change <span class="n">-4.7</span>, 95% CI <span class="n">-4.9</span> to '
        '<span class="n">-4.5</span>; 2021-03-04; L1-L2 &lt;x&gt;'
    )
    page = (demo_report / "report.html").read_text()
    assert ".n { white-space: nowrap; }" in page
    assert re.search(r'<span class="n">-\d+\.\d</span>', page)


def test_results_json_records_name_their_table() -> None:
    from analysis.report.ard import ResultEntry, records, result_records
    from analysis.stats import proportion

    p = proportion(7, 20)
    rows = result_records(ResultEntry("share", p.to_frame(), p))
    tidy, frame = p.tidy(), p.to_frame()
    estimates = [r["table"] for r in rows if r["statistic"] == "estimate"]
    assert estimates == ["tidy"] * len(tidy) + ["frame"] * len(frame)
    low = [r["value"] for r in rows if r["table"] == "tidy" and r["statistic"] == "conf_low"]
    assert low == pytest.approx(tidy["conf_low"].tolist())
    assert [r["variable"] for r in rows if r["table"] == "tidy" and r["statistic"] == "df"] == list(tidy["term"])  # fmt: skip
    assert {r["table"] for r in result_records(("bare", p.to_frame()))} == {"frame"}
    with pytest.raises(ValueError, match="table must be one of"):
        records("share", p.to_frame(), "model")


def test_problems_are_counted_alike_in_every_place() -> None:
    from analysis.report.content import problems_phrase

    assert problems_phrase(["error"] * 5 + ["warning"] * 5) == "10 problems (5 errors, 5 warnings)"
    assert problems_phrase(["warning"]) == "1 problem (1 warning)"
    assert problems_phrase([]) == "no problems"


def test_the_prose_agrees_in_number_and_uses_display_words(demo_report: Path) -> None:
    text = (demo_report / "summary.md").read_text()
    assert "1 patient with a missing covariate or follow-up time was excluded" in text
    assert "1 patients" not in text
    assert "Mobility improved at 1 month |" in text
    assert "change from baseline at 24 hours " in text and "; 12 months " in text
    assert "global proportional-hazards test p = 0.851)." in text and "0.851):" not in text
    assert "(primary)" not in text
    # the cohort summary and report.docx count the same problems, errors and warnings alike
    assert "10 problems (5 errors, 5 warnings), listed in problems.csv" in text
    with zipfile.ZipFile(demo_report / "report.docx") as docx:
        xml = docx.read("word/document.xml").decode()
    assert "10 problems (5 errors, 5 warnings) were found" in xml


def test_the_cement_sentence_says_which_vertebrae_it_compares(tmp_path: Path, demo_workbook: Path) -> None:  # fmt: skip
    from analysis.config import AnalysisConfig
    from analysis.report.sections import cement
    from analysis.stats import repeat_volume

    cohort = load_cohort(demo_workbook).cohort
    rv = repeat_volume(cohort)
    assert rv.paired is not None and rv.n_repeat_volume > rv.paired.n_pairs
    assert rv.n_initial_volume + rv.n_repeat_volume == rv.n_used
    (line,) = [x for x in cement(cohort, tmp_path, AnalysisConfig()).lines if "repeat minus initial" in x]  # fmt: skip
    assert line.startswith(
        f"Cement volume per vertebra, repeat minus initial, all {rv.n_repeat_volume} repeat "
        f"vertebrae against all {rv.n_initial_volume} initial vertebrae with a per-vertebra "
        f"volume (mostly different vertebrae; {rv.paired.n_pairs} the same vertebra at both), "
        "allowing for several vertebrae per patient: "
    )


def test_prose_and_csv_tables_use_one_notation(demo_report: Path) -> None:
    """p = in prose, no column names, time points spelled out, SMD printed absolute."""
    text = (demo_report / "summary.md").read_text()
    prose = "\n".join(line for line in text.splitlines() if not line.startswith("|"))
    assert not re.search(r"\bp (?=[0-9.])", prose), re.findall(r".{40}\bp [0-9.].{10}", prose)
    assert re.search(r"\bp = 0\.\d{3}\b", prose) and "p < 0.001" in prose
    assert "patient_id" not in text and "within patient," in text
    assert not re.search(r"SMD -", text)
    pain = pd.read_csv(demo_report / "tables" / "outcomes_pain.csv")
    assert list(pain["Comparison"]) == ["Before vs 24 hours", "Before vs 1 month", "Before vs 3 months", "Before vs 12 months"]  # fmt: skip
    cement = pd.read_csv(demo_report / "tables" / "cement_volume_paired.csv")
    assert list(cement["Comparison"]) == ["Initial vs repeat"]
    timing = pd.read_csv(demo_report / "tables" / "fracture_timing.csv")
    assert "; SMD (absolute) 2.29" in timing["Groups"].iloc[0]


def test_the_text_gives_the_competing_deaths_by_etiology(demo_report: Path, demo_workbook: Path) -> None:  # fmt: skip
    from analysis.formatting import p_text

    cohort = load_cohort(demo_workbook).cohort
    cif = fracture_cumulative_incidence(cohort, "etiology", by_class=False)
    path = cif.curve("death", "pathologic")
    at = path.at((365,)).iloc[0]
    deaths = int(path.table["n_event"].sum())
    text = (demo_report / "summary.md").read_text()
    assert (
        f"pathologic (malignant) {deaths} deaths, {number(100 * at.estimate, 1)}% at one year "
        f"(95% CI {ci(100 * at.ci_low, 100 * at.ci_high, 1)})"
    ) in text
    assert f"Gray's test {p_text(cif.gray['death'].p_value)}." in text


def test_the_mixed_model_sentence_names_its_intervals_and_its_sample(demo_report: Path, demo_workbook: Path) -> None:  # fmt: skip
    from analysis.stats import change_from_baseline, mixed_model

    cohort = load_cohort(demo_workbook).cohort
    times = ("pre", "24h", "1m", "3m", "12m")
    model = mixed_model(cohort, "pain_vas", times)
    month = next(c for c in change_from_baseline(cohort, "pain_vas", times).changes if c.time_after == "1m")  # fmt: skip
    text = (demo_report / "summary.md").read_text()
    line = next(x for x in text.splitlines() if x.startswith("Linear mixed model of pain"))
    f = model.fixed.set_index("term")
    for term, label in (("24h", "24 hours"), ("1m", "1 month"), ("12m", "12 months")):
        est, lo, hi = (float(f.loc[term, c]) for c in ("estimate", "ci_low", "ci_high"))
        assert f"{label} {number(est)} (95% CI {ci(lo, hi)}; p < 0.001)" in line
    assert "time point as a categorical fixed effect" in line and "REML" in line
    assert "missing at random" in line and "not adjusted for the 4 time points" in line
    model_month = number(float(f.loc["1m", "estimate"]))
    assert model_month != number(month.t_test.estimate)  # the demo's two estimates differ
    assert (
        f"At 1 month the model's {model_month} uses every score, including those of patients "
        f"without the other score of the pair; the paired change of Table 2, "
        f"{number(month.t_test.estimate)}, uses only the {month.n_pairs} index procedures with both"
    ) in line


def test_improved_is_defined_where_its_proportion_is_printed(demo_report: Path, demo_workbook: Path) -> None:  # fmt: skip
    from analysis.stats import measure_wide

    wide = measure_wide(load_cohort(demo_workbook).cohort, "mobility", ["pre", "1m"]).dropna(subset=["pre", "1m"])  # fmt: skip
    fell, same, rose = (int(x) for x in ((wide["1m"] < wide["pre"]).sum(), (wide["1m"] == wide["pre"]).sum(), (wide["1m"] > wide["pre"]).sum()))  # fmt: skip
    text = (demo_report / "summary.md").read_text()
    table, definition = text.index("| Mobility improved at 1 month |"), text.index("Improved: a lower mobility impairment score 1 month after the index procedure than before it")  # fmt: skip
    assert 0 < definition - table < 400  # right below the proportion it defines
    assert f"of {len(wide)} pairs, {fell} improved, {same} did not change and {rose} got worse." in text  # fmt: skip


def test_hodges_lehmann_discreteness_is_explained_where_it_shows(demo_report: Path) -> None:
    text = (demo_report / "summary.md").read_text()
    mobility = pd.read_csv(demo_report / "tables" / "outcomes_mobility.csv")
    est, lo, hi = re.fullmatch(r"(\S+) \((\S+) to (\S+)\)", mobility["Median change, HL (95% CI)"].iloc[0]).groups()  # type: ignore[union-attr]  # fmt: skip
    assert est in (lo, hi)  # an estimate on its interval's limit: what the note explains
    assert "Median changes in tables/outcomes_mobility.csv: Hodges-Lehmann estimates of whole-number scores" in text  # fmt: skip
    assert "Median changes in tables/cement_volume_paired.csv" not in text  # 3.1 (2.2 to 3.6)
    assert "the scores' discreteness, not an error." in (demo_report / "tables" / "table3_comparison.csv").read_text(encoding="utf-8-sig")  # fmt: skip


def test_methods_state_the_loaders_timing_rules(demo_report: Path, demo_workbook: Path) -> None:
    from analysis.spec import load_spec

    vocab = load_spec().vocabulary
    text = (demo_report / "summary.md").read_text()
    assert "a score counts at the visit its registry row names (a nominal visit, with no window)" in text  # fmt: skip
    assert f"within {100 * vocab.day_window:g}% of that day (at least one day)" in text
    assert f"as the baseline (Before) on the procedure day or up to {vocab.before_days} days before it" in text  # fmt: skip
    assert f"1 month: day {vocab.nominal_days['1m']}; 3 months: day {vocab.nominal_days['3m']}" in text  # fmt: skip
    # the demo's scores are known by their visit only, and the text says so
    assert load_cohort(demo_workbook).cohort.assessments["day"].isna().all()
    assert "No pain score of this cohort carries its own day" in text


def test_assessment_timing_counts_the_scores_with_their_own_day(small_cohort: Cohort) -> None:
    from analysis.report.timing import assessment_timing

    a = small_cohort.assessments
    pain = a["measure"].astype(str) == "pain_vas"
    dated = a.assign(day=a["day"].astype("Float64").where(~pain | (a.index % 2 == 0), pd.NA))
    dated.loc[pain & (dated.index % 2 == 0), "day"] = 30
    cohort = Cohort.from_frames(small_cohort.patients, small_cohort.procedures, dated, small_cohort.fractures)  # fmt: skip
    n = int((pain & (dated.index % 2 == 0)).sum())
    text = assessment_timing(cohort, ("pre", "24h", "1m"))
    assert f"{n} of {int(pain.sum())} scores carry their own day" in text
    assert "No pain score" not in text


def test_the_procedures_without_both_scores_say_how_many_had_died(demo_report: Path, demo_workbook: Path) -> None:  # fmt: skip
    cohort = load_cohort(demo_workbook).cohort
    change = paired_change(cohort, "pain_vas", "pre", "1m")
    assert change.n_died > 0
    text = (demo_report / "summary.md").read_text()
    whose = "a patient" if change.n_died == 1 else "patients"
    assert f"{change.n_excluded} index procedures without both values excluded, {change.n_died} of them of {whose} who had died before 1 month)" in text  # fmt: skip


def test_the_leakage_model_is_presented_clustered_by_patient(demo_report: Path, demo_workbook: Path) -> None:  # fmt: skip
    import json

    from analysis.stats import gee_model, leakage_model, vertebra_frame

    cohort = load_cohort(demo_workbook).cohort
    logit = leakage_model(cohort)
    gee = gee_model(vertebra_frame(cohort), "any_leakage", ["cement_volume_ml", "technique"], "patient_id", "binomial")  # fmt: skip
    kypho = gee.terms["technique=kyphoplasty"]
    text = (demo_report / "summary.md").read_text()
    assert "The result is this model with standard errors clustered by patient (GEE" in text
    assert f"Technique: Kyphoplasty, odds ratio {number(kypho.exp_estimate, 2)} (95% CI {ci(kypho.exp_ci_low, kypho.exp_ci_high, 2)}" in text  # fmt: skip
    independent = logit.odds_ratios["technique=kyphoplasty"]
    table = pd.read_csv(demo_report / "tables" / "leakage_model_adjusted.csv")
    row = table[table["Term"] == "Technique: Kyphoplasty"].iloc[0]
    assert row["OR (95% CI), vertebrae as independent"] == f"{number(independent.estimate, 2)} ({ci(independent.ci_low, independent.ci_high, 2)})"  # fmt: skip
    assert (
        f"{gee.n_used} vertebrae of {gee.n_clusters} patients" in text
        and gee.n_used == logit.n_used
    )
    # results.json holds the clustered fit the report presents, under its own name
    records = json.loads((demo_report / "results.json").read_text())["results"]
    mine = [r for r in records if r["analysis"] == "leakage_model_clustered" and r["table"] == "tidy" and r["variable"] == "technique=kyphoplasty" and r["statistic"] == "estimate"]  # fmt: skip
    assert mine and mine[0]["value"] == pytest.approx(kypho.estimate, rel=1e-9)
    # and the review no longer says no clustered estimate is reported beside it
    review = text[text.index("## Statistical review") :]
    line = next(x for x in review.splitlines() if "Vertebrae clustered in patients, Logistic model of leakage" in x)  # fmt: skip
    assert "is printed beside it" in line and "No estimate allowing for clustering" not in line
