"""Second operations named by ordinal words and visits counted after them.

* Patient cards (a sheet per patient, labels ending in `` :`` in column A) whose second
  operation is a block titled by an ordinal word (``DEUXIÈME INTERVENTION``), its form
  lines the same labels as the first block's (``Date de l'intervention :``, a label
  holding a word for the procedure itself), its follow-up a table under ``SUIVI (2ème
  intervention)``.
* A sheet of repeat operations whose only procedure date is the second's (``Fecha 2da
  cirugía``), its visits under groups naming their time point after the second
  operation (``1 mes post 2da`` over ``Fecha | EVA``), its pre-operative ODI abbreviated
  ``ODI preqx``.
* ``Mtt. Ca de mama`` (metástasis) as a pathologic etiology.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.normalize import parse_cell
from analysis.spec import load_spec
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_FOLLOW = ["Date", "Visite", "EVA (/10)", "Observations"]


def _form(ws, pid: str, k: int, second: bool) -> None:
    rows: list[list[object]] = [
        ["FICHE DE SUIVI - VERTÉBROPLASTIE"],
        [],
        ["Code :", pid],
        ["Sexe :", "F"],
        ["Âge :", f"{70 + k} ans"],
        ["Diagnostic :", "Fracture ostéoporotique"],
        ["Date de l'intervention :", datetime(2022, 3, k)],
        ["Niveau(x) :", "L1"],
        ["Technique :", "Vertébroplastie"],
        ["Volume de ciment :", "4 ml"],
        ["Fuite de ciment :", "Hapana / non"],
        [],
        ["SUIVI"],
        _FOLLOW,
        [datetime(2022, 3, k), "Préop", 8, None],
        [f"{k + 12}/03/2022", "J1 (24h)", 5, "Anaendelea vizuri"],
        [],
    ]
    if second:
        rows += [
            ["DEUXIÈME INTERVENTION"],
            ["Date de l'intervention :", datetime(2022, 9, k)],
            ["Niveau(x) :", "T12"],
            ["Technique :", "Vertébroplastie"],
            ["Volume de ciment :", "3 ml"],
            ["Fuite de ciment :", "Hapana / non"],
            [],
            ["SUIVI (2ème intervention)"],
            _FOLLOW,
            [datetime(2022, 9, k), "Préop", 9, None],
            [f"{k + 12}/09/2022", "J1 (24h)", 3, None],
        ]
    for row in rows:
        ws.append(row)


def test_a_second_block_titled_by_an_ordinal_word_is_the_second_operation(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for k in range(1, 5):
        _form(wb.create_sheet(f"KS-0{k}"), f"KS-0{k}", k, second=k in (1, 3))
    path = tmp_path / "fiches.xlsx"
    wb.save(path)
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures
    got = sorted(zip(procs["procedure_id"], procs["level"], procs["day"], procs["cement_volume_ml"], strict=True))  # fmt: skip
    assert got == [
        ("KS-01-1", "L1", 0, 4.0),
        ("KS-01-2", "T12", 184, 3.0),
        ("KS-02-1", "L1", 0, 4.0),
        ("KS-03-1", "L1", 0, 4.0),
        ("KS-03-2", "T12", 184, 3.0),
        ("KS-04-1", "L1", 0, 4.0),
    ]
    pain = result.cohort.assessments.query("measure == 'pain_vas'")
    by = {(p, t): v for p, t, v in zip(pain["procedure_id"], pain["timepoint"], pain["value"], strict=True)}  # fmt: skip
    assert by[("KS-01-2", "pre")] == 9.0
    assert by[("KS-03-2", "24h")] == 3.0
    assert by[("KS-03-1", "pre")] == 8.0
    _reproduced_by_its_mapping(path, tmp_path)


_PATIENTS = [
    ["Código", "Sexo", "Edad", "Diagnóstico"],
    ["Q-01", "F", 71, "Aplastamiento osteoporótico"],
    ["Q-02", "M", 64, "Mtt. Ca de mama"],
    ["Q-03", "F", 80, "Aplastamiento osteoporótico"],
]
_FIRST = [
    ["Código", "Fecha cirugía", "Técnica", "Nivel", "Vol. (cc)", "EVA pre", "ODI pre (%)"],
    ["Q-01", date(2021, 3, 1), "Vertebroplastia", "L1", 4, 8, 60],
    ["Q-02", date(2021, 4, 5), "Vertebroplastia", "T12", 3.5, 7, 50],
    ["Q-03", date(2021, 5, 9), "Cifoplastia", "L2", 5, 9, 70],
]
_GROUPS = [None, None, None, None, None, "Evaluación (2da)", None, "1 mes post 2da", None]
_SECOND = [
    [
        *("Código", "Fecha 2da cirugía", "Técnica", "Nivel(es)", "Cemento total (cc)"),
        *("EVA prequirúrgico", "ODI preqx", "Fecha", "EVA"),
    ],
    ["Q-01", date(2021, 9, 1), "Vertebroplastia", "T10", 3, 7, 58, date(2021, 10, 2), 4],
    ["Q-03", date(2021, 11, 20), "Vertebroplastia", "L4", 4.5, 8, 62, "21/12/2021", 2],
]


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (("Pacientes", _PATIENTS), ("1ra", _FIRST)):
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    ws = wb.create_sheet("Reintervenciones")
    ws.append(["REINTERVENCIONES"])
    ws.append(_GROUPS)
    for row in _SECOND:
        ws.append(row)
    ws.merge_cells("F2:G2")
    ws.merge_cells("H2:I2")
    wb.save(path)
    return path


def test_visits_under_a_time_point_after_the_second_operation(tmp_path: Path) -> None:
    path = _register(tmp_path / "registro.xlsx")
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures
    got = sorted(zip(procs["procedure_id"], procs["level"], procs["day"], strict=True))
    assert got == [
        ("Q-01-1", "L1", 0),
        ("Q-01-2", "T10", 184),
        ("Q-02-1", "T12", 0),
        ("Q-03-1", "L2", 0),
        ("Q-03-2", "L4", 195),
    ]
    scores = result.cohort.assessments
    by = {(p, m, t): v for p, m, t, v in zip(scores["procedure_id"], scores["measure"], scores["timepoint"], scores["value"], strict=True)}  # fmt: skip
    assert by[("Q-01-2", "pain_vas", "1m")] == 4.0
    assert by[("Q-03-2", "pain_vas", "1m")] == 2.0
    assert by[("Q-01-2", "odi", "pre")] == 58.0
    assert by[("Q-01-1", "odi", "pre")] == 60.0
    assert by[("Q-03-2", "pain_vas", "pre")] == 8.0
    etiology = dict(zip(result.cohort.patients["patient_id"], result.cohort.patients["etiology"], strict=True))  # fmt: skip
    assert etiology["Q-02"] == "pathologic"
    _reproduced_by_its_mapping(path, tmp_path)


def test_mtt_is_metastasis() -> None:
    col = load_spec().tables["patients"].columns["etiology"]
    assert parse_cell("Mtt. Ca de tiroides", col) == "pathologic"
    assert parse_cell("Mtt.", col) == "pathologic"
