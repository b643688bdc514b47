"""A Basque neurosurgery register and a Chinese spine unit's register, as their units keep
them: Basque long dates (``2022ko martxoaren 4a``: the year's ``-ko``, the month in the
genitive, the day's ``-a``/``-an``), the codes of a key line under a table (``Sexua: E =
emakumea …, G = gizona ….  Bai = sí, Ez = no.``; ``BP = bertebroplastia, KP =
kifoplastia``), a sheet of new fractures whose notes are imaging reports naming the
vertebra; a score written with 分 (points), a missed visit 电话未接通 (phone not answered),
each level's cement with its region's word glued to its number (``腰4 6ml，腰5 3.5ml``), and
a death written in the remarks after a date of characters (``2022年2月3日死亡``), among other
remarks apart by a semicolon."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import load_cohort
from analysis.normalize import CellError
from analysis.normalize.cells import parse_volumes
from analysis.normalize.dates import date_inside, parse_date_column
from analysis.normalize.deaths import death_in_remark, names_death
from analysis.problems import ERROR
from tests.test_load_course_remarks_and_repeat_sheets import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

# fmt: off
_PATIENTS = [
    ["Ospitalea – Neurokirurgia. Bertebroplastia / Kifoplastia erregistroa"],
    [],
    ["Kodea", "Sexua / Sexo", "Adina", "Diagnostikoa", "Hilda / Exitus", "Heriotza data"],
    ["EU-01", "E", 70, "Osteoporosia", "Ez", None],
    ["EU-02", "G", 65, "Osteoporosia", "Bai", "2023ko martxoaren 4a"],
    ["EU-03", "E", 80, "Osteoporosia", "Ez", None],
    [],
    ["Sexua: E = emakumea (mujer), G = gizona (hombre).  Bai = sí, Ez = no."],
]
_OPERATIONS = [
    ["Kodea", "Saioa / Sesión", "Data / Fecha", "Maila / Nivel", "Teknika", "Zementua (ml)", "Ihesa / Fuga"],
    ["EU-01", 1, "2022ko martxoaren 4a", "T12", "BP", "4,1", "Ez"],
    ["EU-02", 1, "2022/05/10", "L1", "KP", "3,5", "Bai – paraornala"],
    ["EU-02", 1, "2022/05/10", "L2", "KP", "5,0", "Bai – benosoa"],
    ["EU-03", 1, "2022ko ekainaren 1ean", "L3", "BP", "3,0", "Ez"],
    [],
    ["BP = bertebroplastia, KP = kifoplastia (balioa)."],
]
_FOLLOW_UP = [
    ["Kodea", "Saioa", "Unea / Momento", "Data / Fecha", "EVA (0-10)"],
    ["EU-01", 1, "Aurretik / Previo", "2022/03/03", 8],
    ["EU-01", 1, "Astebete", "2022ko martxoaren 11n", 4],
    ["EU-01", 1, "Urtebete", "2023ko martxoaren 3an", 2],
    ["EU-02", 1, "Aurretik / Previo", "2022ko maiatzaren 9a", 7],
    ["EU-02", 1, "Astebete", "2022ko maiatzaren 17a", 3],
    ["EU-03", 1, "Aurretik / Previo", "2022/05/31", 9],
    ["EU-03", 1, "Astebete", "2022ko ekainaren 8a", 5],
]
_FRACTURES = [
    ["Kodea", "Data / Fecha (irudia)", "Maila / Nivel", "Oharrak / Notas"],
    ["EU-01", "2022ko irailaren 2a", "L2", "RM: aplastamiento agudo L2. Se programa nueva intervención."],
    ["EU-02", "2022/09/10", "T12", "RM: edema óseo en T12, fractura reciente."],
    ["EU-03", "2022ko urriaren 3a", "L1", "RM: aplastamiento agudo L1."],
]
# fmt: on


def _basque(tmp_path: Path, follow_up: list[list[object]] = _FOLLOW_UP) -> Path:
    return _workbook(
        tmp_path / "erregistroa.xlsx",
        {
            "Gaixoak - Pacientes": _PATIENTS,
            "Ebakuntzak - Intervenciones": _OPERATIONS,
            "Jarraipena - Seguimiento": follow_up,
            "Haustura berriak": _FRACTURES,
        },
    )


def test_basque_long_dates_year_month_in_the_genitive_day() -> None:
    texts = ["2022ko martxoaren 4a", "2023ko irailaren 6an", "2022ko urtarrilaren 20an", "2022/03/04"]  # fmt: skip
    assert parse_date_column(texts) == [date(2022, 3, 4), date(2023, 9, 6), date(2022, 1, 20), date(2022, 3, 4)]  # fmt: skip
    (impossible,) = parse_date_column(["2022ko otsailaren 30a"])  # no 30 February
    assert isinstance(impossible, CellError)
    assert "not a valid calendar date" in str(impossible)


def test_a_basque_register_loads_with_its_dates_and_words(tmp_path: Path) -> None:
    path = _basque(tmp_path)
    result = load_cohort(path)
    assert [p for p in result.problems if p.severity == ERROR] == []
    cohort = result.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients["died"].map(bool).to_dict() == {"EU-01": False, "EU-02": True, "EU-03": False}
    assert patients.loc["EU-02", "death_day"] == 298  # 2022-05-10 to 2023-03-04
    procs = cohort.procedures.set_index("level")
    assert procs["day"].to_dict() == {"T12": 0, "L1": 0, "L2": 0, "L3": 0}
    assert procs["leakage"].astype(str).to_dict() == {"T12": "none", "L1": "paravertebral", "L2": "venous", "L3": "none"}  # fmt: skip
    # "Zementua (ml)": each vertebra's own volume, the session's total their sum
    assert procs["cement_volume_ml"].to_dict() == {"T12": 4.1, "L1": 3.5, "L2": 5.0, "L3": 3.0}
    assert procs.loc["L1", "session_cement_volume_ml"] == 8.5
    scores = cohort.assessments.set_index(["patient_id", "timepoint"])["value"].to_dict()
    assert scores == {("EU-01", "pre"): 8.0, ("EU-01", "1w"): 4.0, ("EU-01", "12m"): 2.0, ("EU-02", "pre"): 7.0, ("EU-02", "1w"): 3.0, ("EU-03", "pre"): 9.0, ("EU-03", "1w"): 5.0}  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def test_an_impossible_basque_date_is_named_by_its_cell(tmp_path: Path) -> None:
    follow_up = [*_FOLLOW_UP[:-1], ["EU-03", 1, "Astebete", "2022ko ekainaren 31a", 5]]
    result = load_cohort(_basque(tmp_path, follow_up))
    errors = [p for p in result.problems if p.severity == ERROR]
    assert [(p.sheet, p.row, p.column) for p in errors] == [("Jarraipena - Seguimiento", 8, "Data / Fecha")]  # fmt: skip
    assert "not a valid calendar date" in errors[0].message


def test_a_key_line_gives_a_named_columns_codes_up_to_another_fields(tmp_path: Path) -> None:
    """``Sexua: E = emakumea (mujer), G = gizona (hombre).  Bai = sí, Ez = no.``: the sex's
    codes (E female, never a guess of another language's E) up to the yes / no ones the
    line goes on to give, for the column shown as ``Sexua / Sexo``."""
    result = load_cohort(_basque(tmp_path))
    patients = result.cohort.patients.set_index("patient_id")
    assert patients["sex"].astype(str).to_dict() == {"EU-01": "female", "EU-02": "male", "EU-03": "female"}  # fmt: skip
    notes = [p.message for p in result.problems if p.rule == "legend"]
    assert any("Sexua / Sexo: E = female, G = male" in n for n in notes)


def test_a_key_line_naming_no_header_codes_the_one_column_its_meanings_fit(tmp_path: Path) -> None:  # fmt: skip
    result = load_cohort(_basque(tmp_path))
    procs = result.cohort.procedures.set_index("level")
    assert procs["technique"].astype(str).to_dict() == {"T12": "vertebroplasty", "L1": "kyphoplasty", "L2": "kyphoplasty", "L3": "vertebroplasty"}  # fmt: skip
    notes = [p.message for p in result.problems if p.rule == "legend"]
    assert any("Teknika: BP = vertebroplasty, KP = kyphoplasty" in n for n in notes)


def test_a_new_fractures_sheets_imaging_notes_are_no_operations(tmp_path: Path) -> None:
    """Notes naming the vertebra beside the sheet's own column of the fractures' levels are
    the imaging's reports: the rows are new fractures, never sessions of their own."""
    result = load_cohort(_basque(tmp_path))
    cohort = result.cohort
    assert len(cohort.procedures) == 4
    fractures = cohort.fractures[["patient_id", "level", "day"]].values.tolist()
    assert fractures == [["EU-01", "L2", 182], ["EU-02", "T12", 123], ["EU-03", "L1", 124]]


# fmt: off
_XIAN = [
    ["医院 脊柱外科 病例登记及随访表"],
    ["一、手术登记", None, None, None, None, None, None, None, None, "二、随访记录"],
    ["编号", "性别", "年龄", "手术日期", "术式", "手术节段", "骨水泥用量", "骨水泥渗漏", "备注", None, "编号", "随访时间", "随访日期", "VAS评分"],
    ["ZH01", "男", 73, "2021年3月21日", "PKP", "腰4、腰5", "腰4 6ml，腰5 3.5ml", "腰4椎间盘渗漏；腰5未见渗漏", "术中活检", None, "ZH01", "术前", "2021.3.20", "9分"],
    ["ZH02", "女", 61, "2021年11月10日", "PVP", "胸12", "5ml", "无", "2022年2月3日死亡", None, "ZH01", "术后1月", "2021.4.24", "4分"],
    ["ZH03", "女", 64, "2021年1月6日", "PVP", "腰2", "4ml", "无", "术中活检；2022年9月19日死亡", None, "ZH02", "术前", "2021.11.10", "8分"],
    ["ZH04", "男", 70, "2021年5月7日", "PKP", "胸6、胸7", "胸6 4.5ml，胸7 3.5ml", "无", None, None, "ZH02", "术后1月", "—", "电话未接通"],
    [None, None, None, None, None, None, None, None, None, None, "ZH03", "术前", "2021.1.5", "10分"],
    [None, None, None, None, None, None, None, None, None, None, "ZH03", "术后1月", "2021.2.3", "11分"],
    [None, None, None, None, None, None, None, None, None, None, "ZH04", "术前", "2021.5.6", "8分"],
]
# fmt: on


def test_chinese_cells_scores_in_points_volumes_per_level_and_deaths_in_remarks() -> None:
    assert parse_volumes("腰4 6ml，腰5 3.5ml") == (6.0, 3.5)
    assert parse_volumes("胸6 4.5ml，胸7 3.5ml") == (4.5, 3.5)
    assert names_death("2022年2月3日死亡") and names_death("术中活检；2022年9月19日死亡")
    assert death_in_remark("术中活检；2022年9月19日死亡") == date(2022, 9, 19)
    assert not names_death("术中活检") and not names_death("第二次手术（腰2新发骨折）")
    assert date_inside("2022年2月3日死亡") == date(2022, 2, 3)


def test_a_chinese_register_of_two_tables_side_by_side(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "登记.xlsx", {"椎体成形登记": _XIAN})
    result = load_cohort(path)
    errors = [p for p in result.problems if p.severity == ERROR]
    # the VAS of 11 points, and nothing else: 分 read as the score's unit, 电话未接通 a missed visit
    assert [(p.row, p.column) for p in errors] == [(9, "VAS评分")]
    assert "pain_vas must lie within 0-10" in errors[0].message
    cohort = result.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients["died"].map(bool).to_dict() == {"ZH01": False, "ZH02": True, "ZH03": True, "ZH04": False}  # fmt: skip
    procs = cohort.procedures.set_index("level")
    assert procs["cement_volume_ml"].to_dict() == {"L4": 6.0, "L5": 3.5, "T12": 5.0, "L2": 4.0, "T6": 4.5, "T7": 3.5}  # fmt: skip
    assert procs["leakage"].astype(str).to_dict() == {"L4": "disc", "L5": "none", "T12": "none", "L2": "none", "T6": "none", "T7": "none"}  # fmt: skip
    scores = cohort.assessments.set_index(["patient_id", "timepoint"])["value"].to_dict()
    assert scores == {("ZH01", "pre"): 9.0, ("ZH01", "1m"): 4.0, ("ZH02", "pre"): 8.0, ("ZH03", "pre"): 10.0, ("ZH04", "pre"): 8.0}  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)
