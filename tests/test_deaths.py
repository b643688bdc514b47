"""Deaths before a new fracture, counted as the user chooses: censored, an event, or a
competing risk (the default of a report), and named so in every table, figure and sentence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from analysis.config import AnalysisConfig
from analysis.labels import ENDPOINTS, endpoint
from analysis.load import load_cohort
from analysis.report.publication import build_publication
from analysis.report.sections import new_fractures
from analysis.schema import Cohort
from analysis.stats import (
    fracture_cumulative_incidence,
    fracture_free_logrank,
    fracture_free_survival,
    fracture_risk_model,
    kaplan_meier,
    time_to_fracture,
)


def test_deaths_as_events_or_censored_change_the_kaplan_meier_endpoint(small_cohort: Cohort) -> None:  # fmt: skip
    data = time_to_fracture(small_cohort)
    died = data["cause"].astype(str).eq("death")
    assert died.sum() > 0 and data["fracture"].sum() > 0
    composite = kaplan_meier(data["time"], (data["fracture"].astype(bool) | died).astype(int))
    event = fracture_free_survival(small_cohort, deaths="event")
    censored = fracture_free_survival(small_cohort)
    assert event.curves[0].n_events == int(data["fracture"].sum() + died.sum())
    assert censored.curves[0].n_events == int(data["fracture"].sum())
    np.testing.assert_allclose(event.curves[0].table["survival"], composite.curves[0].table["survival"])  # fmt: skip
    assert fracture_free_logrank(small_cohort, "etiology", deaths="event").test.statistic != (
        fracture_free_logrank(small_cohort, "etiology").test.statistic
    )
    model = fracture_risk_model(small_cohort, ("age_years",), deaths="event")
    assert model.n_events == int((data["fracture"].astype(bool) | died)[data["age_years"].notna()].sum())  # fmt: skip
    with pytest.raises(ValueError, match="competing risk there is no Kaplan-Meier curve"):
        fracture_free_survival(small_cohort, deaths="competing")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="deaths must be one of competing, censored, event"):
        fracture_free_survival(small_cohort, deaths="ignored")  # type: ignore[arg-type]


def test_any_new_fracture_incidence_is_the_sum_of_the_class_incidences(small_cohort: Cohort) -> None:  # fmt: skip
    """Aalen-Johansen: the incidence of a new fracture of any class equals the sum of the
    incidences of the classes, and death keeps its own curve."""
    days = (30, 90, 180, 365, 500)
    by_class = fracture_cumulative_incidence(small_cohort).at(days)
    anyf = fracture_cumulative_incidence(small_cohort, by_class=False)
    assert set(anyf.causes) == {"new_fracture", "death"}
    summed = by_class[by_class["cause"] != "death"].groupby("time")["estimate"].sum()
    np.testing.assert_allclose(anyf.curve("new_fracture").at(days)["estimate"], summed.to_numpy(), atol=1e-12)  # fmt: skip
    np.testing.assert_allclose(anyf.curve("death").at(days)["estimate"], by_class[by_class["cause"] == "death"]["estimate"], atol=1e-12)  # fmt: skip
    grouped = fracture_cumulative_incidence(small_cohort, "etiology", by_class=False)
    assert grouped.groups == ("osteoporotic", "pathologic") and "new_fracture" in grouped.gray


@pytest.fixture(scope="module")
def demo(demo_workbook: Path):  # type: ignore[no-untyped-def]
    return load_cohort(demo_workbook)


@pytest.mark.parametrize("deaths", sorted(ENDPOINTS))
def test_every_table_figure_and_sentence_names_how_deaths_count(demo, tmp_path: Path, deaths: str) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    ep = endpoint(deaths)
    cfg = AnalysisConfig(deaths=deaths)
    text = new_fractures(demo.cohort, tmp_path, cfg).markdown()
    assert ep.handling in text and "not computed" not in text
    pub = build_publication(demo, cfg)
    headline = [t.title for t in pub.tables if ep.title in t.title]
    assert len(headline) == 1, [t.title for t in pub.tables]
    captions = [c for _, c, _ in pub.figures if c.startswith(ep.title)]
    assert len(captions) == 2  # all patients, and by group
    other = [e.title for e in ENDPOINTS.values() if e.deaths != deaths]
    assert not any(o in t.title for o in other for t in pub.tables)
    if deaths == "competing":
        assert "Gray's test of the cumulative incidence of a new fracture (death as a competing risk)" in text  # fmt: skip
        assert "log-rank test of the cause-specific hazard (deaths censored)" in text
        assert "Restricted mean" not in text
    else:
        assert f"By etiology ({ep.name}, {ep.handling}): log-rank" in text
    if deaths == "censored":
        from analysis.formatting import number, p_text
        from analysis.stats import fracture_free_rmst

        rmst = next(line for line in text.splitlines() if line.startswith("Restricted mean"))
        diff = fracture_free_rmst(demo.cohort, "etiology", 365.0).tests["difference"]
        assert f"difference, pathologic minus osteoporotic, {number(diff.estimate, 1)} days; 95% CI" in rmst  # fmt: skip
        assert f"; {p_text(diff.p_value)})." in rmst
    if deaths == "event":
        assert "had a new vertebral fracture or died" in text
        assert "death counted as an event (hazard of a new fracture or death)" in text
    else:
        assert "deaths censored (the cause-specific hazard of a new fracture)" in text


def test_incidence_tables_count_events_name_groups_without_any_and_put_death_last(demo) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    from analysis.tables.survival_tables import cumulative_incidence_table

    c = demo.cohort
    pathologic = set(c.patients.loc[c.patients["etiology"] == "pathologic", "patient_id"])
    none = Cohort.from_frames(c.patients, c.procedures, c.assessments, c.fractures[~c.fractures["patient_id"].isin(pathologic)])  # fmt: skip
    cif = fracture_cumulative_incidence(none, "etiology", by_class=False)
    table = cumulative_incidence_table(cif, (365,), ("new_fracture",), "etiology")
    rows = {r.cells[0]: r.cells for r in table.rows if not r.group}
    events = int(time_to_fracture(none)["fracture"].sum())
    assert rows["Osteoporotic"][1] == str(events) and rows["Pathologic (malignant)"][1:] == (
        "0",
        "0.0",
    )
    assert "No event in Pathologic (malignant) (new fracture, any level): the incidence is 0 throughout, without an interval." in table.footnotes  # fmt: skip
    with_events = cumulative_incidence_table(fracture_cumulative_incidence(c, "etiology", by_class=False), (365,), ("new_fracture",), "etiology")  # fmt: skip
    assert not any(n.startswith("No event") for n in with_events.footnotes)
    by_class = cumulative_incidence_table(fracture_cumulative_incidence(c))
    groups = [r.cells[0] for r in by_class.rows if r.group]
    assert groups[-1] == "Death (competing)" and groups[0] == "Adjacent level"
    counts = [int(r.cells[1]) for r in by_class.rows if not r.group]
    data = time_to_fracture(c)
    assert sum(counts) == int(data["fracture"].sum() + data["cause"].astype(str).eq("death").sum())


def test_survival_table_names_a_group_without_events(demo) -> None:  # type: ignore[no-untyped-def]
    from analysis.tables.survival_tables import km_table

    c = demo.cohort
    pathologic = set(c.patients.loc[c.patients["etiology"] == "pathologic", "patient_id"])
    none = Cohort.from_frames(c.patients, c.procedures, c.assessments, c.fractures[~c.fractures["patient_id"].isin(pathologic)])  # fmt: skip
    table = km_table(fracture_free_survival(none, "etiology"), (365,), by="etiology")
    assert "No event in Pathologic (malignant): survival stays 100% throughout, without an interval." in table.footnotes  # fmt: skip
    assert not any(n.startswith("No event") for n in km_table(fracture_free_survival(c, "etiology"), (365,), by="etiology").footnotes)  # fmt: skip
