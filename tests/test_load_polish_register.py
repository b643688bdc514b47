"""A Polish register of one row per vertebra, the patient's and the session's cells merged
down over its rows: sessions numbered I and II, visits marked n/z (did not attend) or
"patrz II" (followed up from the second session), a leak through the foramen written
"otworowy". Built from a synthetic cohort whose truth the generator knows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from analysis.load import load_cohort
from analysis.schema import Cohort
from analysis.synth import synthesize
from tests.test_any_workbook import _workbook

START = date(2021, 3, 1)
HEAD = ["Lp.", "Nr badania", "Wiek", "Zabieg nr", "Data zabiegu", "Poziom", "Wyciek", "VAS przed", "VAS 3 mies."]  # fmt: skip


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(8, seed=20261206)


def _sheet(truth: Cohort) -> tuple[list[list[object]], list[tuple[str, str]], dict[str, str]]:
    """One row per vertebra, the patient's and session's cells merged down; the 3-month
    score of every patient's first session written as a marker, not a number."""
    ages = truth.patients.set_index("patient_id")["age_years"]
    rows: list[list[object]] = [HEAD]
    merges: list[tuple[str, str]] = []
    marker: dict[str, str] = {}
    procs = truth.procedures.sort_values(["patient_id", "day", "level"])
    for pid, group in procs.groupby("patient_id", observed=True):
        days = sorted(group["day"].unique())
        marker[str(pid)] = "patrz II" if len(days) > 1 else "n/z"
        top = len(rows) + 1
        for n, day in enumerate(days, start=1):
            first = len(rows) + 1
            for k, r in enumerate(group[group["day"] == day].to_dict("records")):
                lead = [str(pid), ages[pid]] if n == 1 and k == 0 else [None, None]
                visit = [5, marker[str(pid)] if day == days[0] else 6]
                session = ["I" if n == 1 else "II", START + timedelta(days=int(day))]
                rows.append([len(rows), *lead, *(session if k == 0 else [None, None]), str(r["level"]), "otworowy", *(visit if k == 0 else [None, None])])  # fmt: skip
            if len(rows) > first:
                merges += [("Rejestr", f"{c}{first}:{c}{len(rows)}") for c in "DEHI"]
        if len(rows) > top:
            merges += [("Rejestr", f"{c}{top}:{c}{len(rows)}") for c in "BC"]
    return rows, merges, marker


def test_markers_and_roman_sessions_of_a_register_merged_down(tmp_path, truth):
    rows, merges, marker = _sheet(truth)
    assert "patrz II" in marker.values() and "n/z" in marker.values()
    path = _workbook(tmp_path / "rejestr.xlsx", {"Rejestr": rows}, merges)
    loaded = load_cohort(path)
    assert loaded.errors == []
    got = loaded.cohort
    assert set(got.patients["patient_id"].astype(str)) == set(marker)
    sessions = got.procedures.groupby("patient_id", observed=True)["procedure_id"].nunique()
    want = truth.procedures.groupby("patient_id", observed=True)["day"].nunique()
    assert sessions.to_dict() == want.to_dict()
    assert set(got.procedures["leakage"].astype(str)) == {"foraminal"}
    late = got.assessments[got.assessments["timepoint"] == "3m"]
    # the first session's 3-month visit is a marker: no score; a later session's is 6
    assert len(late) == int((want - 1).sum()) > 0
    assert set(late["value"]) == {6.0}
    before = got.assessments[got.assessments["timepoint"] == "pre"]
    assert len(before) == int(want.sum()) and set(before["value"]) == {5.0}
