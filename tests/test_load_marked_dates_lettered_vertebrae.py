"""Readings of batch 25's Ethiopian and Peruvian registers, each as a general rule:

* a date inside a text keeps the calendar's mark written beside it (``T9 on 08/02/2015
  E.C. - conservative``), and a date of Excel's ``d-mmm-yy`` inside a text is a date
  (``L1 (RM 28-dic-21) → 2do procedimiento``);
* a date column whose own header names a calendar (``Date of procedure (E.C.)``) is read
  in it, even when another column's header names the Gregorian (``Last F/U date (G.C.)``);
* vertebrae lettered in brackets (``Level (a)``, ``Cement (b) ml``, ``Leak (b)``) are a
  session's first and second;
* a patient's rows of two sessions, each with its own last visit: the latest is the
  patient's follow-up; a new fracture dated after it extends it, with a warning;
* a cement column headed per level (``Cemento (ml) por nivel``) is the volume per vertebra;
* missed-visit words (``missed``, Amharic ``አልመጣችም``, ``ስልክ አይነሳም``, Quechua ``mana
  hamurqachu``) and death marks (``+``, Amharic ``ሞተዋል``) in a score's cell.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize import match_header
from analysis.normalize.cells import is_missing, not_assessed
from analysis.normalize.dates import date_inside, split_level_date
from analysis.problems import ERROR, WARNING
from tests.test_load_visit_rows import _reproduced_by_its_mapping


def test_a_date_inside_a_text_keeps_the_calendar_mark_beside_it() -> None:
    # Tikimt 8, 2015 E.C. is 18 October 2022 (read as Gregorian: 8 February 2015)
    found = split_level_date("T9 on 08/02/2015 E.C. - conservative (brace)", "dmy")
    assert found == ("T9", date(2022, 10, 18))
    assert date_inside("ሞታለች (died) 28/03/2015 E.C.", "dmy") == date(2022, 12, 7)
    assert date_inside("died E.C. 28/03/2015, at home", "dmy") == date(2022, 12, 7)
    # unmarked, the date is as its column says
    assert date_inside("died 28/03/2015 at home", "dmy") == date(2015, 3, 28)


def test_a_d_mmm_yy_date_inside_a_text_is_a_date() -> None:
    assert split_level_date("L1 (RM 28-dic-21) → 2do procedimiento") == ("L1", date(2021, 12, 28))
    assert date_inside("Falleció 6-nov-22") == date(2022, 11, 6)


@pytest.mark.parametrize(
    "text", ["missed", "አልመጣችም", "ስልክ አይነሳም (no answer)", "mana hamurqachu", "Mana hamurqachu"]
)
def test_words_of_a_missed_visit_are_missing(text: str) -> None:
    assert is_missing(text)


@pytest.mark.parametrize("text", ["+", "ሞተዋል", "ሞታለች"])
def test_marks_of_a_death_before_the_visit(text: str) -> None:
    assert not_assessed(text)


def test_a_cement_column_headed_per_level_is_the_volume() -> None:
    headers = (
        "Cemento (ml) por nivel",
        "Cement per level (ml)",
        "Cement per level",
        "Cement volume per vertebra",
    )
    for header in headers:
        target = match_header(header)
        assert target is not None and target.label == "procedures.cement_volume_ml", header


ETHIOPIAN_HEAD = "Study ID|Sex|Age|Date of procedure (E.C.)|Procedure|Level (a)|Cement (a) ml|Leak (a)|Level (b)|Cement (b) ml|Leak (b)|VAS pre-op|VAS 1wk|VAS 3mo|Last F/U date (G.C.)|Outcome / ውጤት|New fracture"  # fmt: skip
ETHIOPIAN_ROWS = [
    # 26/09/2014 E.C. = 3 June 2022; 08/02/2015 E.C. = 18 October 2022 (day 137)
    "ET-01|F|57|26/09/2014 E.C.|VP|T10|2.5|None||||10|missed|አልመጣችም|05/06/2023|Alive|T9 on 08/02/2015 E.C. - conservative",
    # 26/01/2015 unmarked, still E.C. (its column's header): 5 October 2022
    "ET-02|F|65|26/01/2015|VP|L1|5|የለም|L2|4|Disc|7|3|+|05/04/2023|ሞታለች (died) 10/03/2015 E.C.|No",
    # 24/04/2014 E.C. = 2 January 2022; the second session on 03/01/2015 E.C. = 13 Sept 2022;
    # the new fracture on 11/12/2014 E.C. = 17 August 2022 (day 227)
    "ET-03|M|70|24/04/2014|VP|T11|4|No||||6|1|0|10/04/2022|Re-operated|T10 on 11/12/2014 E.C. -> 2nd VP",
    # 10/02/2015 E.C. = 20 October 2022; died 20/05/2015 E.C. = 28 January 2023
    "ET-04|M|75|10/02/2015 E.C.|KP|L3|3|No||||8|4|ሞተዋል|15/01/2023|ሞቷል (died) 20/05/2015 E.C.|No",
    "ET-03|M|70|03/01/2015|VP (2nd)|T10|3.5|No||||9|6|ስልክ አይነሳም (no answer)|20/03/2023|Alive|",
]


def _ethiopian_register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "input"
    ws.append(["Vertebroplasty registry"])
    ws.append([])
    ws.append(ETHIOPIAN_HEAD.split("|"))
    for row in ETHIOPIAN_ROWS:
        ws.append([int(v) if v.isdigit() else v for v in row.split("|")])
    wb.save(path)
    return path


def test_an_ethiopian_register_beside_gregorian_visit_dates(tmp_path: Path) -> None:
    path = _ethiopian_register(tmp_path / "register.xlsx")
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    procs = cohort.procedures.set_index(["patient_id", "level"]).sort_index()
    # lettered vertebrae: ET-02's second vertebra, its volume and leak
    assert procs.loc[("ET-02", "L2"), "cement_volume_ml"] == 4
    assert procs.loc[("ET-02", "L2"), "leakage"] == "disc"
    assert procs.loc[("ET-02", "L1"), "leakage"] == "none"
    # the unmarked E.C. dates of the column read in its calendar
    assert procs.loc[("ET-03", "T10"), "day"] == 254
    fractures = cohort.fractures.set_index("patient_id")
    assert fractures.loc["ET-01", "day"] == 137
    assert fractures.loc["ET-03", "day"] == 227
    patients = cohort.patients.set_index("patient_id")
    assert bool(patients.loc["ET-02", "died"]) and not bool(patients.loc["ET-01", "died"])
    assert patients.loc["ET-04", "death_day"] == 100
    # ET-03's two rows each give their own last visit: the latest, 20 March 2023 (day 442)
    assert patients.loc["ET-03", "followup_days"] == 442
    warned = [p.message for p in loaded.problems if p.severity == WARNING]
    assert any("last follow-up differs on rows 6, 8" in m for m in warned)
    scores = cohort.assessments
    pain = (
        scores[scores["measure"] == "pain_vas"]
        .set_index(["patient_id", "timepoint"])["value"]
        .sort_index()
    )
    assert ("ET-01", "1w") not in pain.index and ("ET-02", "3m") not in pain.index
    assert ("ET-04", "3m") not in pain.index and list(pain.loc[[("ET-04", "1w")]]) == [4]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_new_fracture_after_the_last_follow_up_extends_it(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Study ID", "Sex", "Age", "Date of procedure", "Level", "VAS pre", "Last follow-up", "New fracture"])  # fmt: skip
    ws.append(["P-01", "F", 70, "20/01/2022", "L1", 8, "20/03/2022", "L2 on 30/04/2022"])
    ws.append(["P-02", "M", 66, "14/01/2022", "T12", 7, "15/06/2022", "No"])
    wb.save(path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients.loc["P-01", "followup_days"] == 100  # to the fracture, day 100
    assert any(
        p.severity == WARNING
        and p.row == 2
        and "follow-up read as lasting to the fracture" in p.message
        for p in loaded.problems
    )


def _transposed_register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Registro"
    fields = [
        ("Código", "PE-01", "PE-02", "PE-03"),
        ("Sexo (M/F)", "F", "M", "F"),
        ("Edad", 70, 66, 81),
        ("Fecha de procedimiento", "3-ene-22", "7-feb-22", "9-mar-22"),
        ("Nivel(es)", "D11/D12", "L1", "D7"),
        ("Cemento (ml) por nivel", "3/2.5", 4, "25"),
        ("EVA pre", 8, 7, 9),
        ("EVA 1 mes", 3, "mana hamurqachu", 4),
        ("Nueva fractura", "No", "L2 (RM 28-abr-22), manejo conservador", "No"),
    ]
    ws.append(["Registro de vertebroplastía"])
    ws.append([])
    for row in fields:
        ws.append(list(row))
    wb.save(path)
    return path


def test_a_transposed_spanish_register_per_level_volumes_and_text_dates(tmp_path: Path) -> None:
    path = _transposed_register(tmp_path / "registro.xlsx")
    loaded = load_cohort(path)
    errors = [p for p in loaded.problems if p.severity == ERROR]
    # only the 25 mL in one vertebra, on its cell
    assert [(p.row, p.cell) for p in errors] == [(8, "D8")]
    procs = loaded.cohort.procedures.set_index(["patient_id", "level"]).sort_index()
    assert procs.loc[("PE-01", "T11"), "cement_volume_ml"] == 3
    assert procs.loc[("PE-01", "T12"), "cement_volume_ml"] == 2.5
    assert procs.loc[("PE-02", "L1"), "cement_volume_ml"] == 4
    fractures = loaded.cohort.fractures.set_index("patient_id")
    assert fractures.loc["PE-02", "day"] == 80  # 7 Feb to 28 Apr 2022
    _reproduced_by_its_mapping(path, tmp_path)
