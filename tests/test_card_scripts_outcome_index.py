"""Patient cards whose visits are written in English with the same words in another script
beside them (``Day 1 ꯅꯨꯃꯤꯠ ꯱``), whose ``Outcome`` label holds the patient's vital status
(``Alive, ambulant``, ``Expired on 01-10-2021``) rather than a procedure's result, whose
remarks name a fresh fracture (``Fresh # L1``) or a new fracture with the date of its
X-ray after it (``Nueva fractura T6, RX del 7/9/21``); and an index sheet listing the
cards under a word for a record (``Ficha``), read as the cards' index and not as the
only identifier of the patients."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.events import _fracture_levels
from analysis.load.fracture_reports import dated_fracture
from analysis.normalize import match_header
from analysis.normalize.timepoints import script_parts, timepoint_of


def _roundtrip(path: Path, tmp_path: Path) -> None:
    cohort = load_cohort(path).cohort
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert getattr(mapped, table).equals(getattr(cohort, table)), table


def _english_card(ws: openpyxl.worksheet.worksheet.Worksheet, k: int) -> None:
    died = k in (2, 3)
    rows: list[list[object]] = [
        ["Case Record"],
        [],
        ["Study No. / ꯁ꯭ꯇꯗꯤ ꯅꯝꯕꯔ", f"MN/VP/0{k}"],
        ["Age/Sex", f"{70 + k}/F"],
        ["Diagnosis", "OVCF"],
        [
            "Outcome / ꯐꯂ",
            "Expired on 01-10-2021" if died else ("Alive" if k == 1 else "Alive, ambulant"),
        ],
        [],
        ["PROCEDURE"],
        ["Sitting", "Date", "Level", "Procedure", "Cement vol (ml)"],
        ["1st", f"0{k}-07-2021", "L4", "PVP", 4.5],
        [],
        ["FOLLOW-UP"],
        ["Visit", "Date", "VAS", "ODI (%)", "Remarks"],
        ["Pre-op ꯑꯣꯄꯔꯦꯁꯟꯒꯤ ꯃꯃꯥꯡ", f"0{k}-07-2021", 9, 60],
        ["Day 1 ꯅꯨꯃꯤꯠ ꯱", f"0{k + 1}-07-2021", 6, 50],
        ["1 month ꯊꯥ ꯱", f"0{k}-08-2021", 3, 30],
    ]
    if k == 1:
        rows.append(["Unscheduled", "20-08-2021", None, None, "Fresh # L1 (MRI STIR +)"])
    for row in rows:
        ws.append(row)


def test_visits_in_two_scripts_an_outcome_of_vital_status_and_a_fresh_fracture(
    tmp_path: Path,
) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Index"
    wb.active.append(["Study No.", "Sheet"])
    for k in range(1, 5):
        wb.active.append([f"MN/VP/0{k}", f"MN-VP-0{k}"])
        _english_card(wb.create_sheet(f"MN-VP-0{k}"), k)
    path = tmp_path / "cards.xlsx"
    wb.save(path)
    result = load_cohort(path)
    cohort = result.cohort
    patients = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
    assert patients["died"].tolist() == [False, True, True, False]
    points = cohort.assessments[cohort.assessments["measure"] == "pain_vas"]
    assert sorted(points["timepoint"].astype(str).unique()) == ["1m", "24h", "pre"]
    assert len(points) == 12
    fractures = cohort.fractures
    assert fractures["level"].astype(str).tolist() == ["L1"]
    said = inspect_input(path).to_frame()
    assert "cell contents: remarks naming deaths" in " ".join(said["how"].astype(str))
    _roundtrip(path, tmp_path)


def _spanish_card(ws: openpyxl.worksheet.worksheet.Worksheet, k: int) -> None:
    rows: list[list[object]] = [
        ["FICHA DE SEGUIMIENTO"],
        [],
        ["Código:", f"XQ-00{k}", None, "No. expediente:", f"2021-0{k}1234"],
        ["Nombre / Ub'i':", "Juana Ixcot", None, "Teléfono:", "3004-5162"],
        ["Sexo:", "F", None, "Edad:", f"{70 + k} años"],
        [],
        ["PROCEDIMIENTOS"],
        ["Sesión", "Fecha", "Técnica", "Nivel", "Volumen (cc)"],
        [1, datetime(2021, 2, k), "Vertebroplastia", "T7", 3],
        [],
        ["SEGUIMIENTO"],
        ["Control", "Sesión", "Fecha", "EVA", "Movilidad"],
        ["Pre", 1, datetime(2021, 2, k), 8, 3],
        ["1 mes", 1, datetime(2021, 3, k + 1), 3, 1],
        [],
        ["Notas / eventos:"],
        [_NOTES[k]],
    ]
    for row in rows:
        ws.append(row)


_NOTES = {
    1: "Nueva fractura T9, RX del 7/9/21 – se programa 2a vertebroplastia",
    2: "Falleció el 22/8/21 (avisó la familia)",
    3: "Falleció el 13/12/21",
    4: "sin eventos",
}


def test_an_index_of_the_cards_under_a_word_for_a_record_is_no_identifier_sheet(
    tmp_path: Path,
) -> None:
    wb = openpyxl.Workbook()
    index = wb.active
    index.title = "Listado"
    index.append(["Ficha", "Nombre", "No. expediente"])
    for k in range(1, 5):
        index.append([f"XQ-00{k}", "Juana Ixcot", f"2021-0{k}1234"])
        _spanish_card(wb.create_sheet(f"XQ-00{k}"), k)
    path = tmp_path / "fichas.xlsx"
    wb.save(path)
    result = load_cohort(path)  # no pseudonym secret: the study codes identify the patients
    cohort = result.cohort
    assert sorted(cohort.patients["patient_id"].astype(str)) == [
        "XQ-001",
        "XQ-002",
        "XQ-003",
        "XQ-004",
    ]
    assert any("list of the patient cards" in p.message for p in result.problems)
    fractures = cohort.fractures
    assert fractures["level"].astype(str).tolist() == ["T9"]
    assert fractures["day"].tolist() == [(date(2021, 9, 7) - date(2021, 2, 1)).days]
    _roundtrip(path, tmp_path)


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("Pre-op ꯑꯣꯄꯔꯦꯁꯟꯒꯤ ꯃꯃꯥꯡ", "pre"),
        ("Day 1 ꯅꯨꯃꯤꯠ ꯱", "24h"),
        ("3 months ꯊꯥ ꯳", "3m"),
        ("1 month ꯊꯥ ꯱ (after 2nd)", "1m"),
        ("Unscheduled", None),
        ("ꯊꯥ ꯶ 6 months", "6m"),
        # a unit alone in one script, its number in another part: no time point of its own
        ("வலி மதிப்பெண் (VAS 0–10) 3 மாதம்", None),
    ],
)
def test_a_visit_written_in_two_scripts_side_by_side(text: str, point: str | None) -> None:
    assert timepoint_of(text) == point


def test_a_text_splits_into_runs_of_one_script() -> None:
    assert script_parts("Day 1 ꯅꯨꯃꯤꯠ ꯱") == ["Day 1", "ꯅꯨꯃꯤꯠ ꯱"]
    assert script_parts("6 months") == ["6 months"]
    assert script_parts("VAS ୩ ମାସ") == ["VAS", "୩ ମାସ"]  # Odia digits go with Odia words


def test_a_fresh_fracture_remark_names_its_vertebra() -> None:
    assert _fracture_levels("Fresh # T12 (MRI STIR +) - planned 2nd sitting") == ("T12",)


@pytest.mark.parametrize(
    ("note", "found"),
    [
        (
            "Nueva fractura T6, RX del 7/9/21 – se programa 2a vertebroplastia",
            (("T6",), date(2021, 9, 7)),
        ),
        ("Falleció el 22/8/21 (avisó la familia)", None),
        ("sin nueva fractura L2, RX del 7/9/21", None),
        ("Beh. 2 pga. nytt brudd T12; Død 30.06.2021", None),  # the date is the death's
    ],
)
def test_a_note_naming_a_new_fracture_then_its_date(
    note: str, found: tuple[tuple[str, ...], date] | None
) -> None:
    assert dated_fracture(note, "dmy") == found


@pytest.mark.parametrize(
    ("header", "label"),
    [("No. expediente", "identifier:mrn"), ("Nombre / Ub'i'", "identifier:name")],
)
def test_spanish_and_kiche_identifier_labels(header: str, label: str) -> None:
    target = match_header(header, {})
    assert target is not None and target.label == label
