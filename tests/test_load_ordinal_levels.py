"""Levels written as an ordinal word and the region's name, and a vital status naming
deaths with their dates, as a Spanish register with Quechua words writes them:

* ``duodécima dorsal`` is T12, ``primera lumbar`` L1, mixed with codes (``D12 y primera
  lumbar``), in a treated level's cell and in a new fracture's (``segunda lumbar
  (26/11/2022)``); a rank the region has not (``sexta lumbar``, L6) is an error;
* a status column of ``viva`` and ``falleció 04/09/2022`` / Quechua ``wañupun …`` keeps
  each death's date (remarks naming deaths), never a yes/no error;
* Quechua ``mana jamurqachu`` (Spanish spelling of ``mana hamurqachu``) is a missed visit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import CellError, is_missing, not_assessed, parse_level_list
from analysis.normalize.dates import split_level_date
from analysis.normalize.level_ordinals import ordinal_levels
from analysis.problems import ERROR
from tests.test_load_visit_rows import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("duodécima dorsal", ("T12",)),
        ("Primera Lumbar", ("L1",)),
        ("duodecima dorsal y L1", ("T12", "L1")),
        ("D12 y primera lumbar", ("T12", "L1")),
        ("primera lumbar, segunda lumbar y tercera lumbar", ("L1", "L2", "L3")),
        ("décima primera dorsal", ("T11",)),
        ("terceira lombar", ("L3",)),  # Portuguese
        ("dodicesima dorsale", ("T12",)),  # Italian
    ],
)
def test_a_level_written_as_an_ordinal_word_and_its_region(
    text: str, levels: tuple[str, ...]
) -> None:
    assert parse_level_list(text) == levels


def test_an_ordinal_the_region_has_not_is_no_level() -> None:
    assert ordinal_levels("sexta lumbar") == "L6"
    with pytest.raises(CellError):
        parse_level_list("sexta lumbar")
    # an ordinal word without a region's name is left as written
    assert ordinal_levels("segunda cirugía") == "segunda cirugía"


def test_a_new_fracture_written_as_an_ordinal_level_and_its_date() -> None:
    assert split_level_date("segunda lumbar (26/11/2022)", "dmy") == ("L2", date(2022, 11, 26))


def test_quechua_words_of_a_death_and_a_missed_visit() -> None:
    assert not_assessed("wañupun")
    assert is_missing("mana jamurqachu")


HEAD = ["Código", "Edad", "Sexo", "Fecha cirugía", "Nivel(es)", "Técnica", "Cemento (volumen total)", "EVA pre", "EVA 1 mes", "Nueva fractura", "Estado"]  # fmt: skip
ROWS = [
    "VP-001|82|F|12/02/2022|L2|vertebroplastia|3 cc|8|2|no|viva",
    "VP-002|62|F|01/03/2022|duodécima dorsal y L1|vertebroplastia|6 cc|9|no vino|D10 (28/09/2022)|viva",
    "VP-003|89|M|14/03/2022|D12 y primera lumbar|cifoplastia|7,5 cc|7|4|no|vivo",
    "VP-004|88|F|07/06/2022|tercera lumbar|vertebroplastia|5 cc|8|mana jamurqachu|no|wañupun 04/09/2022",
    "VP-005|60|M|22/07/2022|L3|cifoplastia|4,3 cc|9|3|primera lumbar (24/03/2023)|vivo",
    "VP-006|59|F|05/01/2023|primera lumbar, segunda lumbar y tercera lumbar|vertebroplastia|11,5 cc|7|2|no|falleció 25/02/2023",
    "VP-007|75|F|26/06/2022|sexta lumbar|vertebroplastia|5 cc|8|4|no|viva",
    "VP-008|71|M|02/08/2022|duodécima dorsal|vertebroplastia|3 cc|9|3|no|vivo",
]


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Vertebroplastias"
    ws.append(["Registro de vertebroplastias"])
    ws.append([])
    ws.append(HEAD)
    for row in ROWS:
        ws.append([int(v) if v.isdigit() else v for v in row.split("|")])
    wb.save(path)
    return path


def test_a_register_of_ordinal_levels_and_dated_deaths(tmp_path: Path) -> None:
    path = _register(tmp_path / "registro.xlsx")
    result = load_cohort(path)
    cohort = result.cohort
    levels = cohort.procedures.groupby("patient_id")["level"].apply(tuple).to_dict()
    assert levels["VP-002"] == ("T12", "L1")
    assert levels["VP-003"] == ("T12", "L1")
    assert levels["VP-004"] == ("L3",)
    assert levels["VP-006"] == ("L1", "L2", "L3")
    assert levels["VP-008"] == ("T12",)
    assert "VP-007" not in levels  # L6: no level
    fractures = cohort.fractures.set_index("patient_id")["level"].to_dict()
    assert fractures == {"VP-002": "T10", "VP-005": "L1"}
    patients = cohort.patients.set_index("patient_id")
    assert bool(patients.loc["VP-004", "died"]) and bool(patients.loc["VP-006", "died"])
    assert not bool(patients.loc["VP-001", "died"])
    errors = [p for p in result.problems if p.severity == ERROR]
    assert [(p.row, p.column) for p in errors] == [(10, "Nivel(es)")], [str(p) for p in errors]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_vital_status_of_mostly_alive_keeps_the_dates_of_its_deaths(tmp_path: Path) -> None:
    # eighteen alive and two deaths with their dates: nine in ten read as yes/no, the two
    # deaths as remarks naming them, never a yes/no error
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Código", "Edad", "Sexo", "Fecha cirugía", "Nivel(es)", "EVA pre", "Estado"])
    for n in range(1, 21):
        status = {5: "wañupun 04/09/2022", 12: "falleció 25/02/2023"}.get(n, "viva" if n % 2 else "vivo")  # fmt: skip
        ws.append([f"VP-{n:03d}", 60 + n, "F", date(2022, 2, n), "L2", 8, status])
    path = tmp_path / "estado.xlsx"
    wb.save(path)
    result = load_cohort(path)
    assert [str(p) for p in result.problems if p.severity == ERROR] == []
    patients = result.cohort.patients.set_index("patient_id")
    assert patients["died"].astype(bool).sum() == 2
    assert bool(patients.loc["VP-005", "died"]) and bool(patients.loc["VP-012", "died"])
    _reproduced_by_its_mapping(path, tmp_path)
