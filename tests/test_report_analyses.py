"""The report runs each analysis once and hands the same result to every part."""

from __future__ import annotations

import pytest

from analysis.report.analyses import Analyses
from analysis.stats import fracture_free_survival


def test_an_analysis_runs_once_per_arguments(small_cohort):
    calls: list[tuple[object, ...]] = []

    def counted(cohort, by=None, alpha=0.05):
        calls.append((by, alpha))
        return fracture_free_survival(cohort, by, alpha=alpha)

    run = Analyses(small_cohort)
    first = run(counted, "etiology")
    # the default given or left out, by position or by name: the same request
    assert run(counted, by="etiology", alpha=0.05) is first
    assert run(counted, "etiology", 0.05) is first
    assert calls == [("etiology", 0.05)]
    other = run(counted, alpha=0.1)
    assert other is not first and calls[-1] == (None, 0.1)
    assert run.computed == 2
    # the result is the analysis's own
    direct = fracture_free_survival(small_cohort, "etiology")
    assert first.curves[0].table.equals(direct.curves[0].table)


def test_an_analysis_the_data_cannot_support_fails_each_time_without_running_again(small_cohort):
    calls = []

    def unsupported(cohort, what="pain"):
        calls.append(what)
        raise ValueError(f"no {what} scores")

    run = Analyses(small_cohort)
    for _ in range(2):
        with pytest.raises(ValueError, match="no pain scores"):
            run(unsupported)
    assert calls == ["pain"]


def test_list_arguments_are_one_request(small_cohort):
    seen = []

    def by_times(cohort, times):
        seen.append(times)
        return len(times)

    run = Analyses(small_cohort)
    assert run(by_times, ["pre", "1m"]) == run(by_times, ("pre", "1m")) == 2
    assert len(seen) == 1


def test_the_sections_and_the_publication_tables_share_each_analysis(
    tmp_path, demo_workbook, monkeypatch
):
    """The risk model, the group comparison and the cumulative incidence by class are
    asked for by a section and by a publication table: each is fitted once."""
    from analysis import stats
    from analysis.load import load_cohort
    from analysis.report import publication, sections, write_report

    counts: dict[str, int] = {}

    def counting(name):
        real = getattr(stats, name)

        def wrapper(*args, **kwargs):
            counts[name] = counts.get(name, 0) + 1
            return real(*args, **kwargs)

        wrapper.__signature__ = __import__("inspect").signature(real)
        return wrapper

    shared = ("fracture_risk_model", "change_by_group", "fracture_cumulative_incidence",
              "change_from_baseline", "responders")  # fmt: skip
    for name in shared:
        wrapper = counting(name)
        for module in (sections, publication):
            monkeypatch.setattr(module, name, wrapper)
    write_report(load_cohort(demo_workbook), tmp_path / "report")
    assert counts["fracture_risk_model"] == 1
    assert counts["change_by_group"] == 1
    # by class, of new fractures overall and by etiology: three distinct analyses
    assert counts["fracture_cumulative_incidence"] == 3
    # the pain and the mobility time course
    assert counts["change_from_baseline"] == 2
    # responders by the absolute and the relative threshold
    assert counts["responders"] == 2
