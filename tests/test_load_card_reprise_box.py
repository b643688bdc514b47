"""One patient card per sheet behind a summary sheet, as a French unit keeps them: the
summary (``Récapitulatif``) lists the cards' patients with a column saying whether each
had a repeat operation (``Reprise``: ``Non`` or its date) and is the cards' index, not a
table of its own; a card's second operation is a label naming it with its date
(``2e intervention (reprise) : | 18/08/2022``) over labels written indented
(``   Geste :``, ``   Niveau :``), that session's fields; a volume ``4 ml au total`` is the
session's total; a leak ``non précisée`` is not known.
Bulgarian words of a flat register besides: ``Преди операцията`` (before the operation),
``Хемангиом`` (a haemangioma) and ``неявил се`` (did not come)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd

from analysis.load import load_cohort
from analysis.load.header_sessions import _after_second_session
from analysis.normalize import match_header, parse_cell
from analysis.normalize.cells import WrittenTotal, is_missing, parse_volume
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_CARDS = {
    "VP-01": {
        "Âge": "61 ans",
        "Sexe": "F",
        "Date": "25/01/2022",
        "Niveau": "D11",
        "Volume": "5,5 ml",
        "Fuite": "Aucune",
    },
    "VP-02": {
        "Âge": "69 ans",
        "Sexe": "M",
        "Date": "03/01/2023",
        "Niveau": "L2",
        "Volume": "4 ml au total",
        "Fuite": "non précisée",
    },
    "VP-03": {
        "Âge": "70 ans",
        "Sexe": "F",
        "Date": "17/06/2022",
        "Niveau": "D12",
        "Volume": "2 ml",
        "Fuite": "Aucune",
    },
}


def _card(ws: object, pid: str, card: dict[str, str], reprise: bool) -> None:
    rows: list[list[object]] = [
        ["Code patient :", pid],
        ["Âge :", card["Âge"]],
        ["Sexe :", card["Sexe"]],
        ["Diagnostic :", "Tassement vertébral ostéoporotique"],
        ["Date d'intervention :", card["Date"]],
        ["Geste :", "Vertébroplastie percutanée"],
        ["Niveau(x) traité(s) :", card["Niveau"]],
        ["Volume de ciment :", card["Volume"]],
        ["Fuite de ciment :", card["Fuite"]],
    ]
    if reprise:
        rows += [
            ["2e intervention (reprise) :", "18/08/2022"],
            ["   Geste :", "Cyphoplastie par ballonnet"],
            ["   Niveau :", "D10"],
            ["   Volume :", "3,5 ml"],
            ["   Fuite :", "Aucune"],
        ]
    rows += [["Statut :", "Vivant"], [], ["SUIVI"]]
    rows.append(["Intervention", "Visite", "Date", "EVA (/10)", "ODI (%)", "Observations"])
    start = datetime.strptime(card["Date"], "%d/%m/%Y")
    rows += [
        ["1ère", "Pré-op", start, 8, 70, None],
        ["1ère", "J1", start + pd.Timedelta(days=1), "4,5", None, None],
        ["1ère", "M1", start + pd.Timedelta(days=30), 3, None, None],
    ]
    if reprise:
        rows += [
            ["2e (reprise)", "Pré-op", datetime(2022, 8, 17), 7, 72, None],
            ["2e (reprise)", "J1", datetime(2022, 8, 19), 5, None, None],
        ]
    ws["A1"] = "FICHE DE SUIVI – VERTÉBROPLASTIE"  # type: ignore[index]
    for i, row in enumerate(rows, start=3):
        for j, value in enumerate(row, start=1):
            ws.cell(i, j, value)  # type: ignore[attr-defined]


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Récapitulatif"
    summary.append(["RÉCAPITULATIF"])
    summary.append([])
    summary.append(["N°", "Code", "Sexe", "Âge", "Date 1ère interv.", "Reprise"])
    for k, (pid, card) in enumerate(_CARDS.items(), 1):
        reprise = "18/08/2022" if pid == "VP-03" else "Non"
        summary.append([k, pid, card["Sexe"], int(card["Âge"].split()[0]), card["Date"], reprise])
    for pid, card in _CARDS.items():
        _card(wb.create_sheet(pid), pid, card, reprise=pid == "VP-03")
    wb.save(path)
    return path


def test_cards_behind_an_index_with_a_repeat_column_load_once(tmp_path: Path) -> None:
    """The summary repeats the cards' patients and says which had a repeat operation: it
    is their index, so no operation is entered twice and nothing is in error."""
    path = _workbook(tmp_path / "fiches.xlsx")
    loaded = load_cohort(path)
    errors = [p.message for p in loaded.problems if p.severity == ERROR]
    # the follow-up table's session column (1ère, 2e (reprise)) is not read, and says so
    assert [m for m in errors if "'Intervention'" not in m] == []
    assert not any("more than once" in m for m in errors)
    assert sorted(loaded.cohort.patients["patient_id"]) == ["VP-01", "VP-02", "VP-03"]
    assert any("list of the patient cards" in p.message for p in loaded.problems)
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_cards_second_operation_box_of_indented_labels(tmp_path: Path) -> None:
    procs = load_cohort(_workbook(tmp_path / "fiches.xlsx")).cohort.procedures
    vp3 = procs[procs["patient_id"] == "VP-03"]
    vp3 = vp3.set_index(vp3["level"].astype(str))
    assert vp3.loc["T10", "technique"] == "kyphoplasty"
    assert vp3.loc["T10", "cement_volume_ml"] == 3.5
    assert vp3.loc["T10", "day"] == 62  # 18/08/2022, the box's date, after 17/06/2022
    assert vp3.loc["T12", "technique"] == "vertebroplasty"
    assert vp3.loc["T10", "procedure_id"] != vp3.loc["T12", "procedure_id"]


def test_a_total_in_words_and_a_leak_not_known(tmp_path: Path) -> None:
    procs = load_cohort(_workbook(tmp_path / "fiches.xlsx")).cohort.procedures
    vp2 = procs[procs["patient_id"] == "VP-02"].iloc[0]
    assert vp2["session_cement_volume_ml"] == 4.0
    assert pd.isna(vp2["leakage"])
    assert isinstance(parse_volume("7,5 ml au total"), WrittenTotal)
    assert parse_volume("7,5 ml au total") == 7.5
    assert is_missing("non précisée")


def test_a_numbered_operation_and_its_word_for_what_was_done() -> None:
    """``2 e intervention Geste``: after the numbered operation, the word for the
    procedure is the field itself (the technique), not more words naming the session."""
    assert _after_second_session("2 e intervention Geste") == "geste"
    target = match_header("Geste", {})
    assert target is not None and target.label == "procedures.technique"
    assert _after_second_session("2 e intervention Niveau") == "niveau"


def test_bulgarian_before_the_operation_haemangioma_and_a_missed_visit() -> None:
    assert timepoint_of("Преди операцията") == "pre"
    cause = load_spec().column("patients", "etiology")
    assert parse_cell("Хемангиом на прешлена", cause) == "other"
    assert is_missing("неявил се")
