"""Several tables on one sheet keyed by a study code whose header is a bare ``Code``
(glossed in another language, ``Code / الرمز``) or an abbreviated ``Cod. paziente``:
tables stacked one under another (patients, procedures one row per vertebra, visits one
row per visit), and tables side by side (first operations on the left, re-operations on
the right, linked by the code), whose re-operations' reason column names a new fracture
on every row."""

from __future__ import annotations

from datetime import datetime

from analysis.load import inspect_input, load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_content_columns import _reproduced_by_its_mapping

_STACKED = [
    ["REGISTRO VERTEBROPLASTICA"],
    [],
    ["PAZIENTI"],
    ["Cod. paziente", "Sesso", "Età", "Diagnosi"],
    ["AB01", "F", 70, "frattura osteoporotica"],
    ["AB02", "M", 64, "mieloma multiplo"],
    ["AB03", "F", 81, "frattura osteoporotica"],
    [],
    [],
    ["INTERVENTI"],
    ["Cod. paziente", "Data intervento", "N. intervento", "Livello", "Tecnica", "Cemento (ml)"],
    ["AB01", datetime(2021, 2, 1), 1, "L1", "vertebroplastica", 3.5],
    ["AB01", datetime(2021, 2, 1), 1, "L2", "vertebroplastica", 3],
    ["AB02", datetime(2021, 3, 10), 1, "D12", "cifoplastica", 4],
    ["AB03", datetime(2021, 4, 12), 1, "L7", "vertebroplastica", 2.5],
    ["AB03", datetime(2021, 4, 12), 1, "L3", "vertebroplastica", 3],
    [],
    [],
    ["CONTROLLI"],
    [
        "Cod. paziente",
        "Data controllo",
        "Rif. intervento",
        "Controllo",
        "VAS",
        "ODI (%)",
        "Nuova frattura",
    ],
    ["AB01", datetime(2021, 1, 30), 1, "pre-op", 8, 60, "no"],
    ["AB01", datetime(2021, 3, 3), 1, "1 mese", 3, None, "no"],
    ["AB02", datetime(2021, 3, 9), 1, "pre-op", 7, 52, "no"],
    ["AB02", datetime(2021, 6, 12), 1, "3 mesi", 2, 30, "no"],
    ["AB03", datetime(2021, 4, 10), 1, "pre-op", 9, 70, "no"],
]


def test_stacked_tables_keyed_by_an_abbreviated_patient_code(tmp_path):
    path = _workbook(tmp_path / "stacked.xlsx", {"Registro": _STACKED})
    loaded = load_cohort(path)
    cohort = loaded.cohort
    assert sorted(cohort.patients["patient_id"]) == ["AB01", "AB02"]
    assert sorted(cohort.procedures["level"].astype(str)) == ["L1", "L2", "T12"]
    pain = cohort.assessments[cohort.assessments["measure"] == "pain_vas"]
    assert sorted(pain["value"].astype(float)) == [2.0, 3.0, 7.0, 8.0]
    assert [(p.sheet, p.row, p.column) for p in loaded.errors] == [("Registro", 15, "Livello")]
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["A"].label == "patients.patient_id"


_SIDE = [
    ["Registre des vertébroplasties"],
    [],
    ["PREMIÈRE INTERVENTION", *[None] * 8, "RÉINTERVENTIONS"],
    [
        "N°",
        "{key}",
        "Âge",
        "Sexe",
        "Date d'intervention",
        "Technique",
        "Niveau(x)",
        "Volume ciment (ml)",
        "EVA pré",
        None,
        "{key}",
        "Date réintervention",
        "{reason}",
        "Technique",
        "Niveau(x)",
        "Volume ciment (ml)",
        "EVA pré",
    ],
    [
        1,
        "VP-01",
        70,
        "M",
        datetime(2021, 3, 2),
        "VP",
        "L3",
        "3",
        9,
        None,
        "VP-01",
        datetime(2021, 7, 31),
        "Nouvelle fracture L2",
        "VP",
        "L2",
        "4",
        8,
    ],
    [
        2,
        "VP-02",
        52,
        "F",
        datetime(2021, 3, 8),
        "CP",
        "D9, D10",
        "3 / 2,5",
        8,
        None,
        "VP-03",
        datetime(2022, 3, 15),
        "Nouvelle fracture L1",
        "VP",
        "L1",
        "3,5",
        7.5,
    ],
    [
        3,
        "VP-03",
        64,
        "F",
        datetime(2021, 4, 25),
        "VP",
        "L2",
        "4",
        7,
        None,
        "VP-04",
        datetime(2022, 1, 10),
        "Nouvelle fracture L3",
        "VP",
        "L3",
        "3",
        6,
    ],
    [4, "VP-04", 57, "M", datetime(2021, 7, 13), "VP", "L4", "5", 6.5],
]


def _side_by_side(tmp_path, key: str, reason: str = "Motif"):
    named = {"{key}": key, "{reason}": reason}
    rows = [[named.get(v, v) if isinstance(v, str) else v for v in r] for r in _SIDE]
    merges = [("Registre", "A3:I3"), ("Registre", "K3:Q3")]
    return _workbook(tmp_path / "side.xlsx", {"Registre": rows}, merges)


def _sessions(loaded) -> dict[str, list[str]]:
    procedures = loaded.cohort.procedures.sort_values(["procedure_id", "level"])
    out: dict[str, list[str]] = {}
    for r in procedures.to_dict("records"):
        out.setdefault(str(r["patient_id"]), []).append(str(r["level"]))
    return out


def test_side_by_side_tables_keyed_by_a_bare_code_beside_a_row_number(tmp_path):
    path = _side_by_side(tmp_path, "Code / الرمز")  # a bare code, glossed in Arabic
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert sorted(loaded.cohort.patients["patient_id"]) == ["VP-01", "VP-02", "VP-03", "VP-04"]
    assert _sessions(loaded) == {
        "VP-01": ["L3", "L2"],
        "VP-02": ["T9", "T10"],
        "VP-03": ["L2", "L1"],
        "VP-04": ["L4", "L3"],
    }
    _reproduced_by_its_mapping(path, tmp_path)
    readings = {(c.sheet, c.letter): c.label for c in inspect_input(path).columns}
    assert readings["Registre", "A"] is None  # the row counter is no study ID
    assert readings["Registre", "B"] == "patients.patient_id"
    assert readings["Registre (columns K-Q)", "K"] == "patients.patient_id"


def test_a_reoperations_reason_column_naming_new_fractures_is_no_error(tmp_path):
    path = _side_by_side(tmp_path, "Code patient", "Cause")
    loaded = load_cohort(path)
    assert loaded.errors == []
    said = [p for p in loaded.problems if p.column == "Cause"]
    assert [p.row for p in said] == [5, 6, 7]
    assert all("not a cause" in p.message for p in said)
    _reproduced_by_its_mapping(path, tmp_path)
