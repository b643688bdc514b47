"""A register in Russian (with Buryat words) that writes mobility in words and gives their
scores in a key table to the right of its visits (``Мобильность (баллы):`` over rows of a
word and its number), its cells holding the words' other forms (``с ходунками`` for
``ходунки``, ``самост.`` for ``самостоятельно``); its early visits counted in hours
(``24 ч``, ``48 ч``: the schema keeps 24h only) and its baseline ``до опер.``; ``үгы``
(Buryat "no") for no leak, ``наһа бараа`` (Buryat "passed away") with the date of death,
and ``ОП перелом`` (osteoporotic fracture) for the cause."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.io import RawSheet
from analysis.load import load_cohort
from analysis.load.score_blocks import find_score_blocks, form_of
from analysis.normalize.timepoints import hours_unkept, timepoint_of
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_KEY = [("лежачий / лежачая", 0), ("коляска", 1), ("ходунки", 2), ("трость", 3), ("самостоятельно", 4)]  # fmt: skip
_VISITS = [
    ["P-01", 1, "до опер.", "20.11.22", 8, "с ходунками"],
    ["P-01", 1, "24 ч", "22.11.22", 4, "ходунки"],
    ["P-01", 1, "48 ч", "23.11.22", 2, "трость"],
    ["P-01", 1, "1 мес", "26.12.22", 3, "самост."],
    ["P-01", 1, "3 мес", "26.02.23", 2, "с тростью"],
    ["P-02", 1, "до опер.", "14.03.22", 9, "лежачая"],
    ["P-02", 1, "24 ч", "16.03.22", 5, "на коляске"],
    ["P-02", 1, "48 ч", "17.03.22", 4, "коляска"],
    ["P-02", 1, "1 мес", "15.04.22", 3, "сам."],
    ["P-02", 1, "3 мес", "15.06.22", 2, "самостоятельно"],
]


def _register(path: Path, key: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Пациенты"
    ws.append(["Регистр вертебропластики"])
    ws.append([])
    ws.append(["Код", "Пол", "Возраст", "Диагноз", "Исход"])
    ws.append(["P-01", "м", 52, "ОП перелом", "жив"])
    ws.append(["P-02", "ж", 72, "Остеопороз", "наһа бараа 28.11.23"])
    ops = wb.create_sheet("Операции")
    ops.append(["Код", "Опер.", "Дата операции", "Уровень", "Метод", "Цемент, мл", "Утечка цемента"])  # fmt: skip
    ops.append(["P-01", 1, "21.11.22", "Th12", "ВП", "2,5", "үгы"])
    ops.append(["P-01", 1, "21.11.22", "L1", "ВП", "3,5", "нет"])
    ops.append(["P-02", 1, "15.03.22", "L2", "КП", 6, "в диск"])
    visits = wb.create_sheet("Наблюдение")
    visits.append(["Динамика"])
    visits.append([])
    head = ["Код", "Опер.", "Срок", "Дата осмотра", "ВАШ", "Мобильность", "Примечание", None]
    visits.append([*head, "Мобильность (баллы):"] if key else head)
    for i, row in enumerate(_VISITS):
        side = [None, None, *_KEY[i]] if key and i < len(_KEY) else []
        visits.append([*row, *side])
    wb.save(path)
    return path


def _scores(result, measure: str) -> dict[tuple[str, str], float]:
    a = result.cohort.assessments
    a = a[a["measure"] == measure]
    return {(p, t): v for p, t, v in zip(a["patient_id"], a["timepoint"], a["value"], strict=True)}  # fmt: skip


def test_a_key_table_beside_the_visits_gives_the_mobility_words_their_scores(tmp_path) -> None:
    loaded = load_cohort(_register(tmp_path / "register.xlsx"))
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    assert _scores(loaded, "mobility") == {
        ("P-01", "pre"): 2, ("P-01", "24h"): 2, ("P-01", "1m"): 4, ("P-01", "3m"): 3,
        ("P-02", "pre"): 0, ("P-02", "24h"): 1, ("P-02", "1m"): 4, ("P-02", "3m"): 4,
    }  # fmt: skip
    said = " ".join(p.message for p in loaded.problems if p.rule == "legend")
    assert "с ходунками = 2" in said and "сам. = 4" in said
    _reproduced_by_its_mapping(tmp_path / "register.xlsx", tmp_path)


def test_mobility_words_without_a_key_table_are_reported(tmp_path) -> None:
    loaded = load_cohort(_register(tmp_path / "register.xlsx", key=False))
    assert _scores(loaded, "mobility") == {}
    assert any(p.severity == ERROR and p.column == "Мобильность" for p in loaded.problems)


def test_a_key_table_needs_two_scores_of_the_measure_range() -> None:
    def blocks(rows: list[list[object]]) -> list:
        return find_score_blocks(RawSheet("f.xlsx", "s", rows))

    assert blocks([["Mobility (points):", None], ["walker", 2], ["cane", 3]]) != []
    assert blocks([["Mobility (points):", None], ["walker", 2], ["cane", 9]]) == []  # not 0-4
    assert blocks([["Mobility (points):", "Notes"], ["walker", 2], ["cane", 3]]) == []  # a header
    assert blocks([["Mobility (points):", None], ["walker", 2]]) == []


def test_a_word_of_the_key_in_another_form() -> None:
    points = {"ходунки": "2", "трость": "3", "самостоятельно": "4", "сидит": "1", "ходит": "4"}
    assert form_of("с ходунками", points) == "2"
    assert form_of("с тростью", points) == "3"
    assert form_of("самост.", points) == "4"
    assert form_of("ходил", points) == "4"  # ходит, another tense
    assert form_of("ходок", points) is None  # "ход" alone: too short a stem of either
    assert form_of("трость и ходунки", points) is None  # two words: not one of the key's


def test_russian_visits_in_hours_and_before_the_operation(tmp_path) -> None:
    assert timepoint_of("до опер.") == "pre"
    assert timepoint_of("24 ч") == "24h"
    assert [hours_unkept(t) for t in ("48 ч", "72 h", "24 ч", "1 мес")] == [48, 72, None, None]
    loaded = load_cohort(_register(tmp_path / "register.xlsx"))
    # the 48-hour visit, dated the second day, is not read as the 24-hour one by its date
    assert _scores(loaded, "pain_vas")[("P-01", "24h")] == 4
    assert _scores(loaded, "pain_vas")[("P-02", "24h")] == 5
    unkept = [p for p in loaded.problems if p.rule == "timepoint_unkept"]
    assert [p.row for p in unkept] == [6, 11]
    assert "48 hours after the procedure" in unkept[0].message


def test_buryat_and_russian_words_of_leak_death_and_cause(tmp_path) -> None:
    cohort = load_cohort(_register(tmp_path / "register.xlsx")).cohort
    assert list(cohort.procedures["leakage"]) == ["none", "none", "disc"]
    pts = cohort.patients.set_index("patient_id")
    assert pts.loc["P-01", "etiology"] == "osteoporotic"
    assert bool(pts.loc["P-02", "died"]) and not bool(pts.loc["P-01", "died"])


def test_cells_inside_a_data_table_are_no_key_table():
    """A cell naming a measure inside the data (``recurrent pain`` in an indication column,
    its score blank beside it) over rows of words and scores is data, not a key table: a
    key stands apart, in the first column or with a blank column on its left."""
    from analysis.io import RawSheet
    from analysis.load.score_blocks import find_score_blocks

    rows = [
        ["ID", "Repeat", "Indication", "VAS pre"],
        ["P1", "yes", "recurrent pain", None],
        ["P2", "no", "initial", 8],
        ["P2", "yes", "recurrent pain", 9],
    ]
    assert find_score_blocks(RawSheet("f.xlsx", "S", rows)) == []
    apart = [[*r, None, *k] for r, k in zip(rows, [["Mobility (points)", None], ["walker", 2], ["cane", 3], [None, None]], strict=True)]  # fmt: skip
    assert [b.points for b in find_score_blocks(RawSheet("f.xlsx", "S", apart))] == [{"walker": "2", "cane": "3"}]  # fmt: skip
