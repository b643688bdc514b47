"""A Norwegian register under two header rows: the operation's date headed ``Op.dato``,
a group ``Død`` (died) over ``ja/nei`` and a bare ``Dato`` (the date of death, not of the
operation), a group ``Reoperasjon`` over the second operation's columns, visits missed
written ``møtte ikke`` / ``ikke kommet``; a Hungarian sheet whose visits are headed by the
abbreviated month (``3. hó``, ``12. hó``) and whose diagnoses name a bone metastasis in
one compound word (``emlőrák csontáttét``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.load.group_fields import answers_under_field, date_of_field_group
from analysis.normalize import Target
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_GROUPS = [
    ("Pasient", 3), ("Primæroperasjon", 4), ("Preop", 2), ("6 uker", 2), ("Død", 2),
    ("Reoperasjon", 4), ("Reop preop", 2), ("Reop 6 uker", 2),
]  # fmt: skip
_OPERATION = ["Op.dato", "Nivå", "Metode", "Sement (ml)"]
_HEADERS = [
    "Studie-ID", "Kjønn", "Alder", *_OPERATION, "VAS (0-100 mm)", "ODI", "VAS (0-100 mm)",
    "ODI", "ja/nei", "Dato", *_OPERATION, "VAS (0-100 mm)", "ODI", "VAS (0-100 mm)", "ODI",
]  # fmt: skip
_ROWS = [
    ["NO-01", "K", 70, datetime(2021, 3, 1), "L1", "VP", 4, 80, 60, 30, 40, "nei", None,
     datetime(2021, 9, 1), "Th12", "KP", "4,5", 76, 70, "møtte ikke", None],
    ["NO-02", "M", 65, "12.01.2022", "L2", "KP", 5, 70, 52, "ikke kommet", None, "ja",
     datetime(2022, 3, 2), None, None, None, None, None, None, None, None],
    ["NO-03", "K", 81, datetime(2022, 6, 1), "Th11", "VP", 3, 90, 66, 40, "44,4", "nei", None,
     None, None, None, None, None, None, None, None],
]  # fmt: skip


def _norwegian(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Vertebroplastikk – lokalt register"])
    ws.append([])
    col = 1
    for name, width in _GROUPS:
        ws.cell(3, col, name)
        ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + width - 1)
        col += width
    ws.append(_HEADERS)
    for row in _ROWS:
        ws.append(row)
    wb.save(path)
    return path


def test_a_yes_no_group_reads_its_answers_and_its_date() -> None:
    """``ja/nei`` under ``Død`` is the died field; a bare date under it is the date of
    death; under a group naming no yes/no field they read as before (nothing, or the
    procedure's date)."""
    died = Target("column", table="patients", column="died")
    assert answers_under_field("Død", "ja/nei", {}) == died
    assert answers_under_field("Died", "yes / no", {}) == died
    assert answers_under_field("Preop", "ja/nei", {}) is None
    assert answers_under_field("Død", "VAS", {}) is None
    assert date_of_field_group("Død", {}) == Target("date", column="death_date")
    assert date_of_field_group("Pasient", {}) is None


def test_a_norwegian_register_reads_death_and_its_reoperation(tmp_path: Path) -> None:
    path = _norwegian(tmp_path / "register.xlsx")
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients["died"].astype(str).to_dict() == {"NO-01": "False", "NO-02": "True", "NO-03": "False"}  # fmt: skip
    assert patients.loc["NO-02", "death_day"] == (datetime(2022, 3, 2) - datetime(2022, 1, 12)).days  # fmt: skip
    procedures = cohort.procedures.sort_values(["patient_id", "day"])
    assert procedures[["patient_id", "day", "level"]].astype(str).values.tolist() == [
        ["NO-01", "0", "L1"],
        ["NO-01", "184", "T12"],
        ["NO-02", "0", "L2"],
        ["NO-03", "0", "T11"],
    ]
    scores = {
        (r.procedure_id, r.measure, r.timepoint): r.value for r in cohort.assessments.itertuples()
    }
    assert scores[("NO-01-2", "odi", "pre")] == 70
    assert scores[("NO-01-1", "pain_vas", "6w")] == 3  # 30 mm on the 0-10 scale
    assert ("NO-01-2", "pain_vas", "6w") not in scores  # møtte ikke: did not come
    assert ("NO-02-1", "pain_vas", "6w") not in scores  # ikke kommet: did not come
    _reproduced_by_its_mapping(path, tmp_path)


@pytest.mark.parametrize(("text", "point"), [("3. hó", "3m"), ("12. hó", "12m"), ("6. hét", "6w")])
def test_the_hungarian_abbreviated_month_is_a_time_point(text: str, point: str) -> None:
    assert timepoint_of(text) == point


def test_a_hungarian_sheet_reads_month_visits_and_compound_diagnoses(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Azonosító", "Nem", "Kor", "Diagnózis", "Műtét dátuma", "Szint", "Eljárás",
               "VAS műtét előtt", "VAS 3. hó", "VAS 12. hó"])  # fmt: skip
    ws.append(["HU-01", "nő", 60, "emlőrák csontáttét", "2022.03.04.", "Th12", "VP", 8, 3, 2])
    ws.append(["HU-02", "férfi", 70, "tüdőrák", "2022.05.06.", "L1", "KP", 7, 4, 1])
    ws.append(["HU-03", "nő", 80, "osteoporosis", "2022.06.07.", "L2", "VP", 9, 5, 3])
    path = tmp_path / "hu.xlsx"
    wb.save(path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    etiology = cohort.patients.set_index("patient_id")["etiology"].astype(str).to_dict()
    assert etiology == {"HU-01": "pathologic", "HU-02": "pathologic", "HU-03": "osteoporotic"}
    vas = cohort.assessments.set_index(["patient_id", "timepoint"])["value"].to_dict()
    assert vas[("HU-01", "3m")] == 3
    assert vas[("HU-03", "12m")] == 3
