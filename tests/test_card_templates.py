"""Patient cards kept in several templates, one sheet per patient: each doctor's card labels
the same field in its own language or script (``Yoshi:``, ``Ёши:``, ``Возраст:``), and the
fields of every card are read under the first card's label; Uzbek cards in Latin and in
Cyrillic script (and the Russian of the same unit) with their procedures and follow-up
tables, a death written with its date after a colon; a Norwegian card's second follow-up
table whose first visit is ``Før inngrep 2`` (before procedure 2) and a score not done
(``i.u.``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import is_missing, parse_boolean
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

START = date(2022, 3, 14)


def _d(day: int) -> str:
    return (START + timedelta(days=day)).strftime("%d.%m.%Y")


# (labels of: study ID, age, sex, diagnosis; procedure header; visit header), per template
TEMPLATES = {
    "en": (
        ["Study ID:", "Age:", "Sex:", "Diagnosis:"],
        ["Date", "Technique", "Level", "Cement (ml)"],
        ["Visit", "Date", "VAS (0-10)"],
    ),
    "es": (
        ["Código paciente:", "Edad:", "Sexo:", "Diagnóstico:"],
        ["Fecha", "Técnica", "Nivel", "Volumen de cemento (ml)"],
        ["Visita", "Fecha", "EVA (0-10)"],
    ),
    "de": (
        ["Studien-ID:", "Alter:", "Geschlecht:", "Diagnose:"],
        ["Datum", "Verfahren", "Höhe", "Zementmenge (ml)"],
        ["Visite", "Datum", "VAS (0-10)"],
    ),
}
PATIENTS = [  # study ID, template, age, sex, diagnosis
    ("TPL-01", "en", 71, "F", "osteoporosis"),
    ("TPL-02", "es", 66, "M", "osteoporosis"),
    ("TPL-03", "de", 80, "F", "Osteoporose"),
    ("TPL-04", "en", 59, "M", "trauma"),
    ("TPL-05", "es", 74, "F", "metástasis"),
]


def _card(pid: str, template: str, age: int, sex: str, diagnosis: str) -> list[list[object]]:
    labels, procedure, visit = TEMPLATES[template]
    return [
        [f"Card ({template})", None, None, None],
        [None] * 4,
        [labels[0], pid, None, None],
        [labels[1], age, None, None],
        [labels[2], sex, None, None],
        [labels[3], diagnosis, None, None],
        [None] * 4,
        procedure,
        [_d(0), "PVP", "L1", 4.5],
        [None] * 4,
        visit,
        ["pre", _d(0), 8, None],
        ["1 month", _d(30), 3, None],
    ]


@pytest.fixture()
def cards(tmp_path):
    sheets = {f"{k:02d} patient": _card(*p) for k, p in enumerate(PATIENTS, 1)}
    return _workbook(tmp_path / "cards.xlsx", sheets)


def test_cards_in_several_templates_read_every_field_under_one_label(cards, tmp_path) -> None:
    loaded = load_cohort(cards)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["age_years"].to_dict() == {p[0]: p[2] for p in PATIENTS}
    assert patients["sex"].astype(str).to_dict() == {
        p[0]: "female" if p[3] == "F" else "male" for p in PATIENTS
    }
    assert patients["etiology"].notna().all()
    read = {c.header: c.label for c in inspect_input(cards).columns}
    assert read["Age"] == "patients.age_years" and "Edad" not in read and "Alter" not in read
    how = " ".join(s.note for s in inspect_input(cards).sheets)
    assert "read under the label an earlier card gives the same field" in how
    _reproduced_by_its_mapping(cards, tmp_path)


def test_two_labels_on_one_card_for_one_field_stay_apart(tmp_path) -> None:
    card = _card(*PATIENTS[0])
    card.insert(4, ["Edad:", 99, None, None])  # the card itself writes a second age
    other = _card(*PATIENTS[1])
    path = _workbook(tmp_path / "cards.xlsx", {"01 a": card, "02 b": other})
    read = {c.header: c.label for c in inspect_input(path).columns}
    assert "Age" in read and "Edad" in read  # not folded into one column


UZ_LATIN = [
    ["BEMORNING KUZATUV KARTASI", None, None, None, None, None],
    [None] * 6,
    ["Tadqiqot kodi:", "UZ-01", None, None, None, None],
    ["F.I.Sh.:", "Karimova Dilnoza", None, None, None, None],
    ["Yoshi:", 70, None, None, None, None],
    ["Jinsi:", "ayol", None, None, None, None],
    ["Tashxis:", "Osteoporoz fonida kompression sinish", None, None, None, None],
    ["Natija:", "Tirik", None, None, None, None],
    [None] * 6,
    ["MUOLAJALAR", None, None, None, None, None],
    ["Sana", "Muolaja", "Umurtqa", "Sement hajmi (ml)", "Sement turi", "Sement oqib chiqishi"],
    [_d(0), "Vertebroplastika", "Th12", "3,5", "PMMA", "yo'q"],
    [None, None, "L1", "4", None, "venoz"],
    [None] * 6,
    ["KUZATUV", None, None, None, None, None],
    ["Muddat", "Sana", "VAS (0–10)", "ODI (%)", None, None],
    ["Operatsiyadan oldin", _d(0), 8, 60, None, None],
    ["1 oy", None, "kelmadi", None, None, None],
    ["3 oy", _d(91), 2, 30, None, None],
]
UZ_CYRILLIC = [
    ["БЕМОРНИНГ КУЗАТУВ КАРТАСИ", None, None, None, None, None],
    [None] * 6,
    ["Тадқиқот коди:", "UZ-02", None, None, None, None],
    ["Ф.И.Ш.:", "Каримов Алишер", None, None, None, None],
    ["Ёши:", 77, None, None, None, None],
    ["Жинси:", "эркак", None, None, None, None],
    ["Ташхис:", "Остеопороз фонида компрессион синиш", None, None, None, None],
    ["Натижа:", f"Вафот этди: {_d(300)}", None, None, None, None],
    [None] * 6,
    ["МУОЛАЖАЛАР", None, None, None, None, None],
    ["Сана", "Муолажа", "Умуртқа", "Цемент ҳажми (мл)", "Цемент", "Цемент оқиб чиқиши"],
    [_d(0), "Кифопластика", "L2", "5", "Кальций фосфат", "диск ичига"],
    [_d(120), "Кифопластика", "L3", "4,5", "ПММА", "йўқ"],
    [None] * 6,
    ["КУЗАТУВ", None, None, None, None, None],
    ["Муддат", "Сана", "ВАШ (0–10)", "ODI (%)", None, None],
    ["Операциядан олдин", _d(0), 9, 70, None, None],
    ["1 ой", _d(30), 4, None, None, None],
    [None] * 6,
    ["Такрорий (2-) муолажадан кейин кузатув", None, None, None, None, None],
    ["Муддат", "Сана", "ВАШ (0–10)", "ODI (%)", None, None],
    ["Операциядан олдин", _d(120), 7, 64, None, None],
    ["1 ой", None, "келмади", None, None, None],
    ["3 ой", _d(211), 1, 20, None, None],
]
RUSSIAN = [
    ["КАРТА НАБЛЮДЕНИЯ ПАЦИЕНТА", None, None, None, None, None],
    [None] * 6,
    ["Код исследования:", "UZ-03", None, None, None, None],
    ["Ф.И.О.:", "Петрова Анна", None, None, None, None],
    ["Возраст:", 64, None, None, None, None],
    ["Пол:", "жен.", None, None, None, None],
    ["Диагноз:", "Метастаз рака молочной железы", None, None, None, None],
    ["Исход:", "жива", None, None, None, None],
    [None] * 6,
    ["ВМЕШАТЕЛЬСТВА", None, None, None, None, None],
    ["Дата", "Вмешательство", "Позвонок", "Объём цемента, мл", "Цемент", "Утечка цемента"],
    [_d(0), "ВП", "Т10", "3", "ПММА", "нет"],
    [None] * 6,
    ["НАБЛЮДЕНИЕ", None, None, None, None, None],
    ["Срок", "Дата", "ВАШ (0–10)", "ODI, %", None, None],
    ["до операции", _d(0), 6, 50, None, None],
    ["1 мес.", _d(30), "не явилась", None, None, None],
]


def test_uzbek_cards_in_both_scripts_and_a_russian_card(tmp_path) -> None:
    path = _workbook(
        tmp_path / "uz.xlsx",
        {"01 Karimova": UZ_LATIN, "02 Каримов": UZ_CYRILLIC, "03 Петрова": RUSSIAN},
        merges=[("01 Karimova", "A12:A13"), ("01 Karimova", "B12:B13"), ("01 Karimova", "E12:E13")],
    )
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["age_years"].to_dict() == {"UZ-01": 70, "UZ-02": 77, "UZ-03": 64}
    assert patients["sex"].astype(str).to_dict() == {"UZ-01": "female", "UZ-02": "male", "UZ-03": "female"}  # fmt: skip
    assert patients["etiology"].astype(str).to_dict() == {
        "UZ-01": "osteoporotic",
        "UZ-02": "osteoporotic",
        "UZ-03": "pathologic",
    }
    assert patients["died"].to_dict() == {"UZ-01": False, "UZ-02": True, "UZ-03": False}
    p = loaded.cohort.procedures
    got = {
        (str(r["level"]), r["technique"], r["cement_volume_ml"], r["cement_type"], r["leakage"])
        for r in p.to_dict("records")
    }
    assert got == {
        ("T12", "vertebroplasty", 3.5, "PMMA", "none"),
        ("L1", "vertebroplasty", 4.0, "PMMA", "venous"),
        ("L2", "kyphoplasty", 5.0, "calcium phosphate", "disc"),
        ("L3", "kyphoplasty", 4.5, "PMMA", "none"),
        ("T10", "vertebroplasty", 3.0, "PMMA", "none"),
    }
    # each score under its procedure, named by the procedure's day (the second on day 120)
    days = p.drop_duplicates("procedure_id").set_index("procedure_id")["day"]
    pain = loaded.cohort.assessments.query("measure == 'pain_vas'")
    scores = {
        (r["patient_id"], int(days[r["procedure_id"]]), r["timepoint"]): r["value"]
        for r in pain.to_dict("records")
    }
    assert scores == {
        ("UZ-01", 0, "pre"): 8,
        ("UZ-01", 0, "3m"): 2,
        ("UZ-02", 0, "pre"): 9,
        ("UZ-02", 0, "1m"): 4,
        ("UZ-02", 120, "pre"): 7,
        ("UZ-02", 120, "3m"): 1,
        ("UZ-03", 0, "pre"): 6,
    }
    _reproduced_by_its_mapping(path, tmp_path)


def test_uzbek_and_norwegian_words() -> None:
    assert timepoint_of("Операциядан олдин") == "pre" and timepoint_of("3 ой") == "3m"
    assert timepoint_of("Før inngrep 2") == "pre"  # before procedure 2
    assert is_missing("kelmadi") and is_missing("келмади") and is_missing("i.u.")
    assert parse_boolean("Vafot etdi: 22.02.2022") is True
    assert parse_boolean("Died: 03/04/2023") is True
    assert parse_boolean("Tirik") is False and parse_boolean("тирик") is False
    with pytest.raises(ValueError, match="not a yes/no value"):
        parse_boolean("Seen: 03/04/2023")
