"""A Montenegrin unit's workbook of one sheet per visit in Latin and Cyrillic script: the
age headed ``God.``, the session ``Sesija``/``Сесија``, the Oswestry index ``ОДИ (%)``,
per-vertebra volumes in one text cell with the cement in brackets (``Th12 – 3,5; L1 – 4
(Vertecem V+)``, ``3,5 (Ca-fosfatni cement)``), and a log of new fractures and deaths
whose event column is headed ``Догађај``, its levels written ``Тх10``."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.levels import parse_levels
from analysis.load import load_cohort
from analysis.normalize import match_header
from analysis.normalize.cells import parse_volumes, volume_with_cement
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

OPERATIONS = [
    [
        "Šifra",
        "Pol",
        "God.",
        "Sesija",
        "Datum intervencije",
        "Nivo(i)",
        "Cement (ml)",
        "VAS (mm) prije",
    ],
    ["MNE-01", "Ž", 71, 1, "04.02.2021.", "Th12, L1", "Th12 – 3,5; L1 – 4 (Vertecem V+)", 82],
    ["MNE-02", "M", 64, 1, "01.04.2021.", "L2", "3,5 (Ca-fosfatni cement)", 73],
    ["MNE-03", "Ž", 80, 1, "09.04.2021.", "L4", "3 (Osteopal V)", 56],
    ["MNE-04", "M", 58, 1, "10.05.2021.", "Th11", "6 (Vertecem V+)", 78],
]
VISITS = [
    ["Шифра", "Сесија", "Датум прегледа", "ВАС (мм)", "ОДИ (%)"],
    ["MNE-01", 1, "03.05.2021.", 33, "22 %"],
    ["MNE-02", 1, "11.07.2021.", 30, 30],
    ["MNE-03", 1, "09.07.2021.", 22, 32],
    ["MNE-04", 1, "17.08.2021.", 26, 40],
]
EVENTS = [
    ["Шифра", "Догађај", "Датум", "Ниво"],
    ["MNE-02", "смрт", "30.08.2021.", None],
    ["MNE-04", "нови прелом", "26.07.2022.", "Тх10"],
    ["MNE-03", "нови прелом", "14.04.2022.", "L2"],
]


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (("Intervencija", OPERATIONS), ("Контрола 3 мј.", VISITS), ("Нови преломи, смрт", EVENTS)):  # fmt: skip
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_volumes_per_vertebra_with_their_cement_in_brackets():
    assert parse_volumes("L2 – 6,5; L3 – 6,5 (Vertecem V+)") == (6.5, 6.5)
    assert volume_with_cement("3,5 (Ca-fosfatni cement)") == "calcium phosphate"


def test_a_cyrillic_th_is_a_thoracic_level():
    assert parse_levels("Тх10") == ("T10",)
    assert parse_levels("Тх12, L1") == ("T12", "L1")


def test_montenegrin_headers():
    assert match_header("God.").label == "patients.age_years"
    assert match_header("ОДИ (%)").measure == "odi"
    assert match_header("Сесија").label == "procedures.procedure_id"


def test_visit_sheets_in_two_scripts_and_a_log_of_fractures_and_deaths(tmp_path):
    path = _workbook(tmp_path / "kccg.xlsx")
    cohort = load_cohort(path).cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients["age_years"].tolist() == [71, 64, 80, 58]
    assert bool(patients.loc["MNE-02", "died"])
    procs = cohort.procedures.set_index("level")
    assert procs.loc["T12", "cement_volume_ml"] == 3.5 and procs.loc["L1", "cement_volume_ml"] == 4
    assert procs.loc["L2", "cement_type"] == "calcium phosphate"
    a = cohort.assessments
    assert sorted(a[(a["measure"] == "odi") & (a["timepoint"] == "3m")]["value"]) == [
        22,
        30,
        32,
        40,
    ]
    assert sorted(cohort.fractures["level"]) == ["L2", "T10"]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_headerless_remark_column_read_by_its_cells_is_kept_in_the_mapping(tmp_path):
    """The log's event column headed by a word the vocabulary does not know, beside the
    patient's name (its header not shown): its remarks naming new fractures are read by
    their cells, so the mapping ``inspect`` writes keeps the column for that rule to read
    it again, a level that does not exist (``Тж10``) reported alike."""
    events = [["Шифра", "Име и презиме", "Збивање", "Датум", "Ниво"]]
    events += [
        ["MNE-01", "Драгана Р.", "нови прелом", "24.03.2022.", "L3"],
        ["MNE-03", "Вуксан П.", "нови прелом", "14.04.2022.", "L2"],
        ["MNE-04", "Драган Ђ.", "нови прелом", "26.07.2022.", "Тж10"],
    ]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (("Intervencija", OPERATIONS), ("Нови преломи", events)):
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    path = tmp_path / "log.xlsx"
    wb.save(path)
    _reproduced_by_its_mapping(path, tmp_path)
