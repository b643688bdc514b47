"""A Greek registry: a patients sheet whose dates are headed by their abbreviation
(``Ημ/νία θανάτου``, ``Ημ. γέννησης``), a death said ``Κατέληξε``, the new fracture's
level and date in the genitive (``Επίπεδο νέου κατάγματος``); score sheets wide by visit
whose headers abbreviate (``προεγχ.``, ``1η εβδ.``: the first week); Oswestry scores typed
``42%`` that Excel keeps as 0.42 under a percent format."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_PATIENTS = [
    "Κωδικός", "Ημ. γέννησης", "Φύλο", "Διάγνωση", "Επίπεδο νέου κατάγματος",
    "Ημ/νία διάγνωσης νέου κατάγματος", "Κατέληξε", "Ημ/νία θανάτου",
]  # fmt: skip


def _registry(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ασθενείς"
    ws.append(_PATIENTS)
    ws.append(["GR-01", datetime(1940, 3, 1), "Γ", "Οστεοπόρωση", None, None, "Όχι", None])
    ws.append(["GR-02", datetime(1950, 6, 2), "Α", "Αιμαγγείωμα", "Θ12", datetime(2022, 5, 12), "Ναι", datetime(2023, 1, 9)])  # fmt: skip
    ws.append(["GR-03", datetime(1945, 1, 5), "Γ", "Τροχαίο", None, None, "Όχι", None])
    ops = wb.create_sheet("Επεμβάσεις")
    ops.append(["Κωδικός", "Ημερομηνία", "Επίπεδο", "Τεχνική", "Όγκος τσιμέντου (ml)", "Τύπος τσιμέντου"])  # fmt: skip
    ops.append(["GR-01", datetime(2020, 9, 29), "Ο1", "VP", 4, "PMMA"])
    ops.append(["GR-02", datetime(2021, 4, 27), "Θ11", "KP", 5, "Φωσφορικό ασβέστιο"])
    ops.append(["GR-03", datetime(2021, 6, 1), "Ο2", "VP", 3.5, "PMMA"])
    odi = wb.create_sheet("ODI")
    odi.append(["Κωδικός", "προεγχ.", "1η εβδ.", "3 μήνες"])
    odi.append(["GR-01", 74, 0.4, 36])
    odi.append(["GR-02", 62, 50, "απεβ."])
    odi.append(["GR-03", 0.58, 44, 30])
    odi["C2"].number_format = "0%"
    odi["B4"].number_format = "0.0%"
    wb.save(path)
    return path


def test_the_nth_week_is_a_visit_n_weeks_after() -> None:
    """A number's ordinal ending before its unit (``1η εβδ.``, ``1st week``) names that
    many units after the procedure; ``1 x week`` (once a week) is no visit."""
    assert [timepoint_of(t) for t in ("1η εβδ.", "1η εβδομάδα", "1st week", "3rd month")] == [
        "1w",
        "1w",
        "1w",
        "3m",
    ]
    assert timepoint_of("1 x week") is None
    assert timepoint_of("προεγχ.") == "pre"


def test_a_greek_registry_is_read_by_its_abbreviated_headers(tmp_path: Path) -> None:
    path = _registry(tmp_path / "registry.xlsx")
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients["died"].astype(str).to_dict() == {"GR-01": "False", "GR-02": "True", "GR-03": "False"}  # fmt: skip
    assert patients["etiology"].astype(str).to_dict() == {"GR-01": "osteoporotic", "GR-02": "other", "GR-03": "traumatic"}  # fmt: skip
    assert patients["age_years"].tolist() == [80, 70, 76]  # from the birth dates, never kept
    assert "1950" not in cohort.patients.to_string()
    assert cohort.fractures["level"].astype(str).tolist() == ["T12"]
    assert set(cohort.procedures["cement_type"].astype(str)) == {"PMMA", "calcium phosphate"}
    scores = {
        (r.patient_id, r.timepoint): r.value
        for r in cohort.assessments.merge(
            cohort.procedures[["procedure_id", "patient_id"]].drop_duplicates()
        ).itertuples()
    }
    # a percentage kept as its fraction under a percent format reads as the sheet shows it
    assert scores[("GR-01", "1w")] == 40 and scores[("GR-03", "pre")] == 58
    assert scores[("GR-02", "1w")] == 50 and ("GR-02", "3m") not in scores
    _reproduced_by_its_mapping(path, tmp_path)
