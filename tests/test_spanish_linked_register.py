"""A Spanish register of linked sheets: patients, one row per session, one row per visit
whose label says the time point (``Prequirúrgico``, ``1 mes``), and a log of events whose
event cell names a new vertebral fracture (``Nueva fractura vertebral``) or a death; a
traffic accident (``Accidente de tránsito``) is a traumatic fracture."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from analysis.load import load_cohort
from analysis.load.events import FRACTURE, row_event
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

# fmt: off
_SHEETS: dict[str, list[tuple[object, ...]]] = {
    "Pacientes": [
        ("Código", "Sexo", "Edad (años)", "Diagnóstico / causa", "Fallecido"),
        ("P-01", "F", 71, "Osteoporosis", "No"),
        ("P-02", "M", 54, "Accidente de tránsito", "No"),
        ("P-03", "F", 80, "Osteoporosis", "Sí"),
    ],
    "Procedimientos": [
        ("Código", "Fecha", "Procedimiento N°", "Nivel(es)", "Técnica", "Volumen de cemento por nivel"),
        ("P-01", datetime(2021, 6, 20), 1, "T12", "Cifoplastia", "3 cc"),
        ("P-01", datetime(2021, 10, 7), 2, "L1", "Cifoplastia", "3,5 cc"),
        ("P-02", datetime(2022, 1, 10), 1, "L2", "Vertebroplastia", "4 cc"),
        ("P-03", datetime(2022, 3, 1), 1, "T11 y T12", "Vertebroplastia", "T11: 2 cc / T12: 3 cc"),
    ],
    "Controles": [
        ("Código", "Procedimiento N°", "Control", "Fecha del control", "EVA"),
        ("P-01", 1, "Prequirúrgico", "19/06/2021", 8),
        ("P-01", 1, "1 mes", "20/07/2021", 3),
        ("P-01", 2, "Prequirúrgico", "06/10/2021", 7),
        ("P-02", 1, "Prequirúrgico", "09/01/2022", 9),
        ("P-02", 1, "1 mes", "10/02/2022", 2),
        ("P-03", 1, "Prequirúrgico", "28/02/2022", 6),
    ],
    "Eventos": [
        ("Código", "Fecha", "Evento", "Nivel"),
        ("P-01", "13/09/2021", "Nueva fractura vertebral", "L1"),
        ("P-03", "02/06/2022", "Fallecimiento", None),
    ],
}
# fmt: on


def test_an_event_naming_a_new_vertebral_fracture() -> None:
    assert row_event("Nueva fractura vertebral") == FRACTURE
    assert row_event("New vertebral fracture") == FRACTURE


def test_a_spanish_register_of_linked_sheets_loads_exactly(tmp_path: Path) -> None:
    result = load_cohort(
        path := _workbook(
            tmp_path / "registro.xlsx", {k: [list(r) for r in v] for k, v in _SHEETS.items()}
        )
    )
    assert result.errors == []
    cohort = result.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients.loc["P-02", "etiology"] == "traumatic"
    assert bool(patients.loc["P-03", "died"]) is True
    # the new fracture is a fracture, never a third session treating L1
    procs = cohort.procedures
    assert sorted(zip(procs["patient_id"], procs["day"], procs["level"], strict=True)) == [
        ("P-01", 0, "T12"),
        ("P-01", 109, "L1"),
        ("P-02", 0, "L2"),
        ("P-03", 0, "T11"),
        ("P-03", 0, "T12"),
    ]
    assert procs["technique"].notna().all()
    fractures = cohort.fractures
    assert list(
        zip(fractures["patient_id"], fractures["day"], fractures["level"], strict=True)
    ) == [("P-01", 85, "L1")]
    # "Prequirúrgico" is the baseline visit
    pre = cohort.assessments[cohort.assessments["timepoint"] == "pre"]
    assert len(pre) == 4
    assert sorted(pre["value"]) == [6, 7, 8, 9]
    _reproduced_by_its_mapping(path, tmp_path)
