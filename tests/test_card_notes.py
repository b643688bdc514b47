"""Patient cards ending in free-text notes under a title (``Progress notes``), each line
its own row: a line naming the patient's death (after a label, ``Status: died on
20/08/2021 (pneumonia).``, or after its date, ``2023/01/19 死亡（肺炎）``) makes the patient
dead, a line starting with its date and naming a new fracture and its vertebra
(``04/11/2021: New fracture T9 (MRI).``) the new fracture, and a patient whose notes name
no death, or who has no notes, is read as alive. Inspect says how the notes were read,
and the mapping it writes loads the same cohort."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.fracture_reports import dated_fracture
from analysis.normalize.deaths import names_death
from tests.test_sheet_shapes import _cohort, write_cards

_NOTES = {
    0: ["Status: died on 20/08/2021 (pneumonia)."],
    1: ["04/11/2021: New fracture T9 (MRI STIR). Second operation planned.", "Status: alive."],
    2: ["Status: died on 22/05/2023 (heart failure)."],
    3: ["Corset for three months"],
}


def _with_notes(path: Path) -> tuple[Path, list[str]]:
    wb = openpyxl.load_workbook(path)
    cards = [ws for ws in wb.worksheets if ws.title not in ("Patients", "Notes")]
    for k, ws in enumerate(cards):
        if k not in _NOTES:
            continue  # a card with no notes
        r = ws.max_row + 2
        ws.cell(r, 1, "Progress notes")
        for i, line in enumerate(_NOTES[k], 1):
            ws.cell(r + i, 1, line)
    wb.save(path)
    return path, [ws.title for ws in cards]


def test_card_notes_name_deaths_and_new_fractures(tmp_path: Path) -> None:
    path, ids = _with_notes(write_cards(_cohort(6), tmp_path / "cards.xlsx"))
    result = load_cohort(path)
    assert not result.errors
    died = dict(zip(result.cohort.patients["patient_id"].astype(str), result.cohort.patients["died"], strict=True))  # fmt: skip
    assert died == {pid: k in (0, 2) for k, pid in enumerate(ids)}
    fractures = result.cohort.fractures
    assert list(fractures["patient_id"].astype(str)) == [ids[1]]
    assert list(fractures["level"].astype(str)) == ["T9"]
    notes = next(c for c in inspect_input(path).columns if c.header == "Progress notes")
    assert notes.label == "death_note:died"
    assert "new fractures" in notes.reason
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert getattr(mapped, table).equals(getattr(result.cohort, table)), table


def test_a_death_named_after_a_label_or_its_date() -> None:
    assert names_death("Κατάσταση: Απεβίωσε στις 20/08/2021 (λοίμωξη αναπνευστικού).")
    assert names_death("令和5年1月19日 死亡（肺炎）")
    assert not names_death("Κατάσταση: Εν ζωή στην τελευταία επικοινωνία.")
    assert not names_death("Status: doing well")


def test_a_dated_line_naming_a_new_fracture() -> None:
    assert dated_fracture("04/03/2022: Νέο οστεοπορωτικό κάταγμα Ο3, συντηρητική.", "dmy") == (
        ("L3",),
        date(2022, 3, 4),
    )
    assert dated_fracture(
        "R4.3.20 外来で腰背部痛増悪、MRIにてＬ２新規椎体骨折あり → R4.4.9 BKP追加"
    ) == (
        ("L2",),
        date(2022, 3, 20),
    )
    assert dated_fracture("New fracture T9 on 04/11/2021") is None  # no date first
    assert dated_fracture("04/11/2021: no new fracture at T9", "dmy") is None
    assert dated_fracture("04/11/2021: new fracture T13", "dmy") is None


def test_a_phone_only_visit_and_a_cement_brand() -> None:
    """電話のみ (a follow-up by telephone only) holds no scores: a missing visit, not a
    date; Osteo-G is a PMMA cement."""
    from analysis.normalize import is_missing, parse_cell
    from analysis.spec import load_spec

    assert is_missing("電話のみ")
    assert parse_cell("Osteo-G", load_spec().column("procedures", "cement_type")) == "PMMA"


def test_a_no_under_a_title_is_no_note(tmp_path: Path) -> None:
    """``New fractures`` over a lone ``No`` answers the title: no table of notes, every
    patient loaded, nothing reported."""
    path = write_cards(_cohort(3), tmp_path / "cards.xlsx")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets[1:-1]:
        r = ws.max_row + 2
        ws.cell(r, 1, "New fractures")
        ws.cell(r + 1, 1, "No")
    wb.save(path)
    result = load_cohort(path)
    assert not result.errors and len(result.cohort.patients) == 3
    assert not any(c.header == "New fractures" for c in inspect_input(path).columns)
