"""A register of one row per patient, everything across: a second procedure's block under
a group header naming it by number and again in Gujarati (``Procedure 2 (ફરીથી)``), its
session total of cement, its pain under a group naming the procedure further in (``VAS
after Proc. 2``), and a column of remarks naming deaths with their dates (``Expired on
15/05/2022``) among other remarks; the words of such a register (Gujarati ``69 વર્ષ /
પુરુષ``, ``નથી``; English ``No leak``; German ``Geschl.``, ``→ 2. OP``); a product's name never
read from a word sharing its first letters (``Biopsie``, ``Biopex``); and more than 20 mL
of cement in one vertebra reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.load.header_sessions import _slot_target
from analysis.normalize import match_header
from analysis.normalize.cells import CellError, is_missing, parse_cell, parse_pair
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def _column(table: str, name: str):
    return load_spec().column(table, name)


def test_the_words_of_a_gujarati_and_english_register() -> None:
    assert parse_pair("69 વર્ષ / પુરુષ", ("age_years", "sex")) == {"age_years": 69.0, "sex": "male"}  # fmt: skip
    assert parse_pair("૮૯ વર્ષ / સ્ત્રી", ("age_years", "sex")) == {"age_years": 89.0, "sex": "female"}  # fmt: skip
    leakage = _column("procedures", "leakage")
    assert parse_cell("નથી", leakage) == "none"
    assert parse_cell("No leak", leakage) == "none"
    assert parse_cell("બલૂન કાઇફોપ્લાસ્ટી", _column("procedures", "technique")) == "kyphoplasty"
    assert parse_cell("ઓસ્ટીયોપોરોસિસ", _column("patients", "etiology")) == "osteoporotic"


def test_the_words_of_a_german_register() -> None:
    found = match_header("Geschl.")
    assert found is not None and found.label == "patients.sex"
    # a follow-up superseded by the second procedure: no visit, no score
    assert is_missing("→ 2. OP")


def test_a_brand_is_never_read_from_a_word_sharing_its_first_letters() -> None:
    """``Biopsie`` (a biopsy in the same session) is not the cement ``Biopex``: a product's
    name is matched whole; words of a language still match their inflected forms
    (``δισκική``: discal, of ``δίσκος``)."""
    cement = _column("procedures", "cement_type")
    with pytest.raises(CellError, match="not a recognised cement_type"):
        parse_cell("Biopsie in gleicher Sitzung", cement)
    assert parse_cell("Biopex", cement) == "calcium phosphate"
    # the words of the cement named, in Catalan, beside its brand in brackets
    assert parse_cell("Fosfat càlcic (Cerament)", cement) == "calcium phosphate"
    assert parse_cell("fosfato di calcio", cement) == "calcium phosphate"
    assert parse_cell("δισκική", _column("procedures", "leakage")) == "disc"


def test_more_than_20_ml_in_one_vertebra_of_several_is_an_error(tmp_path: Path) -> None:
    """Volumes written one per vertebra (``28,0 / 4,5 / 5,5`` beside ``LWK 2, LWK 3, LWK
    4``) are each their vertebra's own: 28 mL in one is an error on its cell (never taken
    for a session's total); the other vertebrae keep theirs."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Pat-Nr.", "OP-Datum", "Höhe(n)", "Zementmenge je WK (ml)"])
    ws.append(["IR-1", "25.12.2020", "LWK 2, LWK 3, LWK 4", "28,0 / 4,5 / 5,5"])
    ws.append(["IR-2", "14.07.2021", "BWK 11, BWK 12", "2,0 / 2,5"])
    wb.save(path := tmp_path / "register.xlsx")
    loaded = load_cohort(path)
    wrong = [p for p in loaded.problems if p.severity == ERROR]
    assert [(p.row, p.column) for p in wrong] == [(2, "Zementmenge je WK (ml)")]
    assert "28 mL of cement in one vertebra" in wrong[0].message
    volumes = loaded.cohort.procedures.set_index("level")["cement_volume_ml"]
    assert volumes[["L3", "L4", "T11", "T12"]].tolist() == [4.5, 5.5, 2.0, 2.5]


def test_a_second_procedure_named_further_in_a_header() -> None:
    """``VAS after Proc. 2 1 month`` is the second session's pain a month after it; ``VAS
    post op 2 weeks`` names an interval, no second procedure."""
    second = _slot_target("VAS after Proc. 2 1 month", {})
    assert second is not None and (second[0].label, second[2]) == ("pain_vas@1m", 2)
    assert _slot_target("VAS post op 2 weeks", {}) is None
    total = _slot_target("Procedure 2 (ફરીથી) Total cement (ml)", {})
    assert total is not None and (total[0].label, total[2]) == ("procedures.session_cement_volume_ml", 2)  # fmt: skip


_GROUPS = [None, None, None, "Procedure 1 (પ્રથમ પ્રોસીજર)", None, None, None, None,
           "VAS (0-10) ફોલો-અપ", None, "Procedure 2 (ફરીથી)", None, None, None,
           "VAS after Proc. 2", None, None]  # fmt: skip
_HEADERS = ["Study No.", "Age/Sex", "નિદાન (Diagnosis)", "તારીખ (Date)", "Level(s)", "Procedure",
            "Total cement (ml)", "Leak", "Pre-op", "1 month", "તારીખ (Date)", "Level", "Procedure",
            "Total cement (ml)", "Pre-op", "1 month", "Outcome / Remarks"]  # fmt: skip
_ROWS = [
    ["VP/22/01", "69 વર્ષ / પુરુષ", "Osteoporotic #", "11/02/2022", "L2", "PVP", "6.5", "નથી", "9", "4",
     "20/05/2022", "T12", "PVP", "4", "8", "2", "Doing well"],
    ["VP/22/02", "68/M", "Osteoporotic #", "23/02/2022", "L1, L2", "KP", "9", "No leak", "7", "3",
     None, None, None, None, None, None, "Alive"],
    ["VP/22/03", "89 વર્ષ / સ્ત્રી", "ઓસ્ટીયોપોરોસિસ", "14/03/2022", "L1", "PVP", "4", "L1 venous leak", "6",
     "2", None, None, None, None, None, None, "Expired on 15/05/2022"],
    ["VP/22/04", "73/F", "Multiple myeloma", "27/03/2022", "L3", "PVP", "4", "Nil", "10", "5",
     None, None, None, None, None, None, None],
    ["VP/22/05", "80/F", "Osteoporotic #", "04/04/2022", "T11", "PVP", "4", "Nil", "8", None,
     None, None, None, None, None, None, "Expired on 20/04/2022"],
]  # fmt: skip


def _register(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VP KP register"
    ws.append(["Vertebroplasty / Kyphoplasty Register 2022"])
    ws.append(_GROUPS)
    ws.append(_HEADERS)
    for row in _ROWS:
        ws.append(row)
    for c0, c1 in ((4, 8), (9, 10), (11, 14), (15, 16)):
        ws.merge_cells(start_row=2, start_column=c0, end_row=2, end_column=c1)
    wb.save(path := tmp_path / "register.xlsx")
    return path


def test_a_register_of_one_row_per_patient_with_a_second_block_and_remarks(tmp_path: Path) -> None:  # fmt: skip
    path = _register(tmp_path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients.loc["VP/22/01", ["age_years", "sex"]].tolist() == [69.0, "male"]
    assert patients.loc["VP/22/03", ["age_years", "sex"]].tolist() == [89.0, "female"]
    # the remarks' deaths with their dates; a patient whose remark names none is alive
    assert patients["died"].astype(bool).to_dict() == {
        "VP/22/01": False, "VP/22/02": False, "VP/22/03": True, "VP/22/04": False, "VP/22/05": True,
    }  # fmt: skip
    deaths = cohort.patients.dropna(subset=["death_day"]).set_index("patient_id")["death_day"]
    assert deaths.astype(int).to_dict() == {"VP/22/03": (date(2022, 5, 15) - date(2022, 3, 14)).days, "VP/22/05": 16}  # fmt: skip
    # the second procedure: its date, level, session total, and its own pain
    second = cohort.procedures[cohort.procedures["day"] > 0]
    assert second[["patient_id", "level", "session_cement_volume_ml"]].values.tolist() == [["VP/22/01", "T12", 4.0]]  # fmt: skip
    assert int(second["day"].iloc[0]) == (date(2022, 5, 20) - date(2022, 2, 11)).days
    scores = cohort.assessments[
        cohort.assessments["procedure_id"] == second["procedure_id"].iloc[0]
    ]
    assert sorted(zip(scores["timepoint"], scores["value"], strict=True)) == [
        ("1m", 2.0),
        ("pre", 8.0),
    ]
    leaks = cohort.procedures.set_index(["patient_id", "level"])["leakage"]
    assert leaks[("VP/22/01", "L2")] == "none" and leaks[("VP/22/02", "L1")] == "none"
    # inspect says how the remarks were read; the mapping it writes loads the same
    read = {c.letter: c for c in inspect_input(path).columns}
    assert read["Q"].label == "death_note:died"
    assert "remarks naming deaths with their dates" in read["Q"].reason
    said = [p.message for p in loaded.problems if p.rule == "deaths_only"]
    assert said and "names deaths among its remarks" in said[0]
    _reproduced_by_its_mapping(path, tmp_path)
