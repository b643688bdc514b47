"""Event logs of one row per event (operation, control, new fracture, death), as a
Peruvian and an Estonian unit keep them:

- an operation's row leaves its visit cell blank and carries the pre-operative scores
  (``operatsioon``, visit blank, ``VAS 9,5``): its scores are the baseline, said on its
  visit cell;
- the Estonian event column ``Sündmus`` names each row's event (``surm``: a death; a
  patient without one is alive);
- a visit column counting days since the operation (``Días post-op``: 0, 1, 30, 87);
- the patient's cells written only on the patient's first row: a row without a study ID
  that fills them (sex, age, cause) is another patient whose ID was forgotten, reported,
  and never given the ID above it, nor are the rows below it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.problems import ERROR, WARNING
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


_ESTONIAN = ["Uuringu nr", "Sugu", "Sündmus", "Kuupäev", "Lülid", "Meetod", "Kontrollvisiit", "VAS (0-10)"]  # fmt: skip


def _estonian_log(path: Path) -> Path:
    rows: list[list[object]] = [_ESTONIAN]
    for k, (pid, sex, pre, died) in enumerate(
        [("VP-1", "N", "9,5", False), ("VP-2", "M", "7", True), ("VP-3", "N", "8", False)]
    ):
        day = 3 + 5 * k
        rows += [
            [pid, sex, "operatsioon", f"{day:02d}.02.2021", "L1", "vertebroplastika", None, pre],
            [pid, sex, "kontroll", f"{day + 1:02d}.02.2021", None, None, "1 päev", "5"],
            [pid, sex, "kontroll", f"{day:02d}.05.2021", None, None, "3 kuud", "3"],
        ]
        if died:
            rows.append([pid, sex, "surm", f"{day:02d}.08.2021", None, None, None, None])
    return _workbook(path, rows)


def test_an_operation_row_with_its_visit_cell_blank_gives_the_baseline(tmp_path):
    path = _estonian_log(tmp_path / "sundmused.xlsx")
    loaded = load_cohort(path)
    a = loaded.cohort.assessments
    pre = a[a["timepoint"] == "pre"].set_index("patient_id")["value"].to_dict()
    assert pre == {"VP-1": 9.5, "VP-2": 7.0, "VP-3": 8.0}
    assert set(a["timepoint"]) == {"pre", "24h", "3m"}
    said = [p for p in loaded.problems if p.rule == "timepoint" and "is blank, and the row treats a vertebra" in p.message]  # fmt: skip
    assert [(p.severity, p.row, p.column) for p in said] == [
        (WARNING, 2, "Kontrollvisiit"),
        (WARNING, 5, "Kontrollvisiit"),
        (WARNING, 9, "Kontrollvisiit"),
    ]
    _reproduced_by_its_mapping(path, tmp_path)


def test_the_estonian_event_column_names_deaths_and_the_rest_alive(tmp_path):
    path = _estonian_log(tmp_path / "sundmused.xlsx")
    loaded = load_cohort(path)
    died = loaded.cohort.patients.set_index("patient_id")["died"].to_dict()
    assert died == {"VP-1": False, "VP-2": True, "VP-3": False}
    assert any(p.rule == "event_rows" and "Sündmus" in p.message for p in loaded.problems)


_SPANISH = ["Código", "Sexo", "Edad", "Diagnóstico", "Fecha", "Días post-op", "Evento", "Nivel(es)", "Técnica", "EVA (0-10)"]  # fmt: skip


def _patient(pid: object, sex: str, age: int, month: int, eva: tuple[int, ...]) -> list[list[object]]:  # fmt: skip
    op = datetime(2021, month, 4)
    rows: list[list[object]] = [
        [pid, sex, age, "Fx osteoporótica", op, 0, "Cirugía", "L1", "VP", eva[0]]
    ]
    for days, score in zip((1, 30, 87), eva[1:], strict=True):
        when = datetime.fromordinal(op.toordinal() + days)
        rows.append([None, None, None, None, when, days, "Control", None, None, score])
    return rows


def _spanish_log(path: Path) -> Path:
    rows = [
        _SPANISH,
        *_patient("CHI-1", "F", 68, 3, (8, 5, 4, 3)),
        *_patient(None, "M", 75, 5, (9, 6, 5, 4)),  # a patient whose code was forgotten
        *_patient("CHI-3", "F", 71, 7, (7, 4, 3, 2)),
    ]
    return _workbook(path, rows)


def test_a_visit_column_counting_days_after_the_operation(tmp_path):
    path = _spanish_log(tmp_path / "seguimiento.xlsx")
    loaded = load_cohort(path)
    a = loaded.cohort.assessments
    one = a[a["patient_id"] == "CHI-1"].set_index("timepoint")["value"].to_dict()
    assert one == {"pre": 8.0, "24h": 5.0, "1m": 4.0, "3m": 3.0}
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_row_without_id_filling_the_patient_cells_starts_another_patient(tmp_path):
    path = _spanish_log(tmp_path / "seguimiento.xlsx")
    loaded = load_cohort(path)
    assert sorted(loaded.cohort.patients["patient_id"]) == ["CHI-1", "CHI-3"]
    first = loaded.cohort.patients.set_index("patient_id").loc["CHI-1"]
    assert (first["sex"], first["age_years"]) == ("female", 68)
    errors = [p for p in loaded.problems if p.severity == ERROR]
    # the forgotten patient's rows, each reported without an ID, none read as CHI-1's
    assert [(p.row, p.rule) for p in errors] == [(r, "patient_id") for r in (6, 7, 8, 9)]
    a = loaded.cohort.assessments
    assert len(a[a["patient_id"] == "CHI-1"]) == 4
