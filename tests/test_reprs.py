"""What a result, a loaded cohort and a table show at the console and in Jupyter: short,
numbers rounded and written as the tables write them, never a whole frame, never an
identifier or a cell value."""

from __future__ import annotations

import dataclasses
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import stats
from analysis.formatting import p_text, p_value
from analysis.load import LoadResult, load_cohort
from analysis.stats.display import Displayed, decimals, num
from analysis.tables.model import Row, Table

LONG_FLOAT = re.compile(r"\d\.\d{6,}")  # what a dataclass repr prints: -3.3333333333333335

BEFORE = np.array([7.0, 8, 6, 9, 7, 8, np.nan, 5])
AFTER = np.array([3.0, 5, 4, 6, 2, 5, 4, np.nan])  # changes -4 -3 -2 -3 -5 -3: mean -10/3


class _Tags(HTMLParser):
    """Every opened tag closed in order; the text of every cell with its style."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.cells: list[tuple[str, str, str]] = []  # (tag, style, text)
        self._cell: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        if tag in ("td", "th"):
            self._cell = (tag, dict(attrs).get("style") or "")
            self.cells.append((tag, self._cell[1], ""))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing open"
        self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            tag, style, text = self.cells[-1]
            self.cells[-1] = (tag, style, text + data)


def parsed(fragment: str) -> _Tags:
    tags = _Tags()
    tags.feed(fragment)
    tags.close()
    assert tags.open == [], f"unclosed tags: {tags.open}"
    return tags


def test_paired_change_repr_is_short_and_rounded() -> None:
    res = stats.compare_paired(BEFORE, AFTER, "pain_vas", "pre", "1m")
    text = repr(res)
    lines = text.splitlines()
    assert lines[0] == "PairedChange"
    assert "  n_pairs: 6" in lines and "  n_excluded: 2" in lines
    t_line = next(line for line in lines if line.startswith("  t_test: "))
    assert t_line.startswith("  t_test: mean_change -3.33 (95% CI ")
    assert p_text(res.t_test.p_value) in t_line and "df 5" in t_line
    assert "n 6, 2 excluded; Paired t-test" in t_line
    assert not LONG_FLOAT.search(text), text
    assert repr(res.t_test.estimate) not in text  # -3.3333333333333335
    # a field changed is a repr changed: nothing is cached on the result
    other = dataclasses.replace(res, mean_before=7.25)
    assert "  mean_before: 7.25" in repr(other).splitlines()


def test_bare_estimate_prints_on_one_line() -> None:
    est = stats.welch_t_test(np.array([1.0, 2, 3, 4]), np.array([2.0, 3, 5, 7]))
    assert "\n" not in repr(est)
    assert repr(est).startswith("Estimate: mean_difference -1.75 (95% CI ")
    assert repr(est).endswith("; Welch two-sample t-test")


def test_html_is_a_compact_table_with_the_p_value_as_tables_print_it() -> None:
    res = stats.compare_paired(BEFORE, AFTER, "pain_vas", "pre", "1m")
    page = res._repr_html_()
    cells = parsed(page).cells
    texts = [t for _, _, t in cells]
    heads = [t for tag, _, t in cells if tag == "th"]
    assert heads == ["", "Quantity", "Estimate", "Statistic", "df", "p", "n used",
                     "n excluded", "Method"]  # fmt: skip
    assert p_value(res.t_test.p_value) in texts and p_value(res.wilcoxon.p_value) in texts
    row = texts[texts.index("t_test") :][:9]
    assert row[1] == "mean_change" and row[6:8] == ["6", "2"]
    # with 6 pairs the signed-rank interval reaches 90%, not 95%: each cell says which
    assert row[2].startswith("-3.33 (95% CI ")
    assert res.wilcoxon.ci_level == pytest.approx(0.9)
    assert texts[texts.index("wilcoxon") + 2].startswith("-3.00 (90% CI ")
    # numbers right-aligned, words left-aligned, whatever the notebook's own style
    styles = {t: s for _, s, t in cells}
    assert "text-align:right" in styles[p_value(res.t_test.p_value)]
    assert "text-align:left" in styles["Paired t-test"]
    assert not LONG_FLOAT.search(page) and "<style" not in page


def test_html_escapes_labels_and_p_below_the_floor() -> None:
    prop = stats.proportion(99, 100, label="<b>responders</b> & co")
    page = prop._repr_html_()
    parsed(page)
    assert "<b>" not in page and escape("<b>responders</b> & co") in page
    assert ">" + escape(p_value(prop.clopper_pearson.p_value)) + "<" in page  # &lt; 0.001
    # one level for every interval: it goes in the head, the cells hold the numbers
    cells = parsed(stats.two_by_two(10, 50, 5, 60)._repr_html_()).cells
    assert "Estimate (95% CI)" in [t for tag, _, t in cells if tag == "th"]
    assert "2.40 (0.88 to 6.56)" in [t for _, _, t in cells]


def test_models_show_one_row_per_term_and_no_frame() -> None:
    rng = np.random.default_rng(20261121)
    n = 80
    data = pd.DataFrame({"age": rng.normal(70, 8, n), "steroid": rng.integers(0, 2, n)})
    data["time"] = rng.exponential(400 / np.exp(0.02 * (data["age"] - 70)), n)
    data["event"] = (rng.random(n) < 0.7).astype(int)
    model = stats.cox_ph(data, "time", "event", ["age", "steroid"])
    text = repr(model)
    labels = [line.split(":")[0].strip() for line in text.splitlines()[1:]]
    assert {"age", "steroid", "likelihood_ratio", "wald", "score"} <= set(labels)
    assert "ph_test: table of 3 rows x 4 columns (.ph_test)" in text
    assert "coef" not in labels and "covariance" not in labels  # shown as the terms
    hr = model.hazard_ratios["age"]
    assert f"hazard_ratio {num(hr.estimate)} " in text or f"hazard_ratio {hr.estimate:.3f}" in text
    assert not LONG_FLOAT.search(text)
    page = model._repr_html_()
    assert [t for _, _, t in parsed(page).cells].count("steroid") == 1


def test_mixed_model_terms_are_rows_not_a_frame() -> None:
    rng = np.random.default_rng(20261121)
    pts = np.repeat([f"p{i}" for i in range(30)], 3)
    tps = np.tile(["pre", "24h", "1m"], 30)
    value = np.where(tps == "pre", 8.0, np.where(tps == "24h", 5.0, 4.0)) + rng.normal(0, 1, 90)
    long = pd.DataFrame({"patient_id": pts, "timepoint": tps, "value": value})
    model = stats.fit_mixed_model(long, "pain_vas", ("pre", "24h", "1m"))
    lines = repr(model).splitlines()
    for term in ("intercept", "24h", "1m"):
        assert any(line.startswith(f"  {term}: coefficient ") for line in lines), term
    assert not any(line.startswith("  fixed:") for line in lines)
    assert not any(pid in repr(model) for pid in ("p0", "p29"))


def test_survival_curves_are_summarised_never_printed() -> None:
    time = np.arange(1, 201, dtype=float)
    first = np.arange(200) < 100
    event = np.where(first, np.arange(200) % 10 == 0, np.arange(200) % 2 == 0).astype(float)
    km = stats.kaplan_meier(time, event, np.where(first, "osteoporotic", "pathologic"))
    text = repr(km)
    assert "  osteoporotic: n 100, 10 events, median not reached" in text
    median = km.curve("pathologic").median
    assert f"  pathologic: n 100, 50 events, median {median:.0f} days" in text
    assert len(text.splitlines()) < 8  # 2 x 100 table rows stay out
    curve_text = repr(km.curves[0])
    assert "table: table of 100 rows x 8 columns (.table)" in curve_text
    assert len(curve_text.splitlines()) < 15


def test_nested_results_label_their_rows_and_p_values_stay_p_values() -> None:
    course = stats.TimeCourse(
        "pain_vas",
        "pre",
        (stats.compare_paired(BEFORE, AFTER, "pain_vas", "pre", "1m"),),
        (0.00001,),
        (0.0313,),
    )
    text = repr(course)
    assert "  pre to 1m: 6 pairs (2 excluded), mean 7.50 to 4.17, Cohen's d_z " in text
    assert "  pre to 1m: t_test: mean_change -3.33 " in text
    assert "  p_holm_t: (< 0.001)" in text and "  p_holm_wilcoxon: (0.031)" in text


def _result_classes() -> list[type]:
    exported = [getattr(stats, name) for name in stats.__all__]
    classes = [c for c in exported if isinstance(c, type) and dataclasses.is_dataclass(c)]
    nested = [stats.SurvivalCurve]
    from analysis.stats.outcomes.describe import ContinuousRow, CountRow
    from analysis.stats.outcomes.groups import GroupSummary
    from analysis.stats.survival.competing import IncidenceCurve

    nested += [ContinuousRow, CountRow, GroupSummary, IncidenceCurve]
    return [c for c in classes + nested if c is not stats.ResponderRule]  # a rule, not a result


@pytest.mark.parametrize("cls", _result_classes(), ids=lambda c: c.__name__)
def test_every_result_class_shows_itself_through_the_mixin(cls: type) -> None:
    assert issubclass(cls, Displayed)
    # a dataclass declared without repr=False gets its own generated __repr__, which
    # would print every field and a 16-digit float
    assert "__repr__" not in vars(cls) or cls is stats.Estimate, f"{cls.__name__}: repr=False"


def test_decimals_keep_three_significant_digits() -> None:
    assert [decimals(v) for v in (348.8, 72.2, 2.75, 0.911, 0.0123)] == [1, 1, 2, 3, 4]
    assert decimals(float("nan")) == 1 and decimals(0.0) == 1
    assert num(365.0) == "365" and num(-2.4999) == "-2.50" and num(float("nan")) == "\u2013"


def test_load_result_shows_the_ledger_and_problems_but_no_identifier(demo_workbook: Path) -> None:
    res = load_cohort(demo_workbook)
    assert isinstance(res, LoadResult)
    text = repr(res)
    ledger = (
        f"  ledger: {res.rows_in} data rows in = {res.rows_loaded} loaded + "
        f"{res.rows_reported} reported; {res.cells_set_missing} cells set to missing"
    )
    assert ledger in text.splitlines()
    c = res.cohort
    assert (
        f"{len(c.patients)} patients, {c.procedures['procedure_id'].nunique()} procedures "
        f"({len(c.procedures)} treated vertebrae), {len(c.assessments)} assessments"
    ) in text
    assert f"  errors: {len(res.errors)} (" in text and "level 1" in text
    warnings = sum(1 for p in res.problems if p.severity == "warning")
    assert f"  warnings: {warnings} (" in text
    page = res._repr_html_()
    parsed(page)
    shown = text + page
    ids = c.patients["patient_id"].astype(str)
    assert not any(pid in shown for pid in ids)
    values = [p.value for p in res.problems if p.value and re.search("[A-Za-z]", p.value)]
    assert values and not any(v in shown for v in values)  # 'L7', 'X', ...
    assert len(text.splitlines()) < 10 and "patient_id" not in shown


def test_table_html_aligns_section_rows_and_footnotes_left() -> None:
    table = Table(
        title="Table 2. Pain",
        columns=("Measure", "Mean (SD)", "P"),
        align=("l", "r", "r"),
        rows=(Row(("Pain, 0-10", "", ""), group=True), Row(("Before", "7.9 (1.0)", "< 0.001"))),
        footnotes=("Abbreviations: SD, standard deviation.",),
        name="pain",
    )
    cells = parsed(table.to_html()).cells
    style = {text: s for _, s, text in cells}
    assert "text-align:left" in style["Pain, 0-10"]
    assert "text-align:left" in style["Abbreviations: SD, standard deviation."]
    assert "text-align:right" in style["7.9 (1.0)"] and "text-align:right" in style["< 0.001"]


def test_cohort_shows_its_table_sizes_never_its_frames(demo_workbook: Path) -> None:
    c = load_cohort(demo_workbook).cohort
    text, page = repr(c), c._repr_html_()
    assert text.splitlines()[:2] == ["Cohort", f"  patients: {len(c.patients)}"]
    assert (
        f"  procedures: {c.procedures['procedure_id'].nunique()} sessions, "
        f"{len(c.procedures)} treated vertebrae ({len(c.index_procedures)} at the index procedure)"
    ) in text.splitlines()
    assert f"  fractures: {len(c.fractures)} new fractures" in text.splitlines()
    parsed(page)
    shown = text + page
    assert not any(pid in shown for pid in c.patients["patient_id"].astype(str))
    assert "patient_id" not in shown and len(text.splitlines()) < 8
