"""A register kept in two languages and grouped by diagnosis like a pivot table: each
header written on two lines of its cell, the unit's language over English (``Nyver\nStudy
no``), a measure's name beside its time point's translation (``VAS kyns\npre-op``); a
row heading each group by its cause (``Osteoporosis (n = 2)``) over the group's rows, the
etiology known only from it; a row of means under each group and a grand total at the
end; the sexes coded by letters a key line under the table gives, the header listing the
codes in brackets (``Sex (G/B)``)."""

from __future__ import annotations

from datetime import date

from analysis.load import inspect_input, load_cohort
from analysis.load.fracture_reports import dated_fracture
from analysis.normalize import is_missing
from analysis.normalize.headers import one_language
from tests.test_any_workbook import _workbook

HEADER = [
    "Nyver\nStudy no",
    "Hanow\nName",
    "Reydh\nSex (G/B)",
    "Bloodh\nAge",
    "Dydh\nDate of op",
    "Ughelder\nLevel",
    "Kement\nCement (ml)",
    "Kollans\nLeak",
    "VAS kyns\npre-op",
    "VAS 3 mis\n3 mo",
]


def _rows() -> list[list[object]]:
    return [
        ["Kovskrif / Register"],
        [],
        HEADER,
        ["Osteoporosis (n = 2)"],
        ["P-001", "Jenifer Pascoe", "B", 81, "02/03/2021", "L1", 4.0, "none", 8, 3],
        ["P-002", "Peder Trevail", "G", 77, "15/04/2021", "T12", 3.5, "disc", 7, "DNA x2"],
        ["Mean", None, None, 79, None, None, 3.75, None, 7.5, 3],
        ["Metastases (n = 1)"],
        ["P-003", "Morwenna Hicks", "B", 64, "20/05/2021", "L3", 5.0, "none", 9, 4],
        ["Mean", None, None, 64, None, None, 5.0, None, 9, 4],
        ["Grand total (n = 3)", None, None, 74, None, None, 4.2, None, 8, 3.5],
        [],
        ["Alhwedh / Key:"],
        ["G = gour / male, B = benen / female.  VAS 0-10."],
    ]


def _load(tmp_path):
    return load_cohort(_workbook(tmp_path / "kernow.xlsx", {"Kovskrif": _rows()}))


def test_headers_on_two_lines_read_by_the_line_naming_the_field():
    read = one_language(["Nyver\nStudy no", "Reydh\nSex", "Bloodh\nAge", "VAS kyns\npre-op"])
    assert read == ["Study no", "Sex", "Age", "VAS pre-op"]
    # a measure's name written alike in both, its time point translated: read together
    assert one_language([*HEADER[:3], "VAS 3 mis\n3 mo (%)"])[3] == "VAS 3 mo (%)"
    # a line naming another field, or a time point, is no translation: kept whole
    kept = ["Level\n1", "Date\nM1", "Volume\nLevel", "Age\nSex"]
    assert one_language(kept) == kept


def test_a_register_grouped_by_cause_in_two_languages(tmp_path):
    result = _load(tmp_path)
    c = result.cohort
    p = c.patients.set_index("patient_id")
    assert sorted(p.index) == ["P-001", "P-002", "P-003"]
    assert list(p["etiology"]) == ["osteoporotic", "osteoporotic", "pathologic"]
    assert list(p["sex"]) == ["female", "male", "female"]
    assert list(c.procedures.sort_values("patient_id")["leakage"]) == ["none", "disc", "none"]
    vas = c.assessments.set_index(["procedure_id", "timepoint"])["value"]
    assert vas[("P-001-1", "3m")] == 3 and ("P-002-1", "3m") not in vas.index
    assert result.errors == []
    summary = [q.row for q in result.problems if q.rule == "summary_row"]
    assert summary == [7, 10, 11]
    headings = [q for q in result.problems if q.rule == "group_causes"]
    assert [q.row for q in headings] == [3, 4, 8]
    assert "row 4 osteoporotic, row 8 pathologic" in headings[0].message
    assert "naming the cause pathologic" in headings[2].message


def test_the_groups_said_in_the_inspection(tmp_path):
    seen = inspect_input(_workbook(tmp_path / "kernow.xlsx", {"Kovskrif": _rows()}))
    data = [s for s in seen.sheets if s.status == "data"]
    assert "row 4 osteoporotic, row 8 pathologic" in data[0].note
    cols = {c.header: c.label for c in seen.columns}
    assert cols["Study no"] == "patients.patient_id"
    assert cols["VAS 3 mo"] == "pain_vas@3m"


def test_a_sheet_with_a_cause_column_keeps_its_own(tmp_path):
    rows = [
        ["Study ID", "Cause", "Sex", "Date of op", "Level"],
        ["Osteoporosis"],
        ["P-1", "trauma", "F", "02/03/2021", "L1"],
    ]
    result = load_cohort(_workbook(tmp_path / "c.xlsx", {"Cases": rows}))
    assert list(result.cohort.patients["etiology"]) == ["traumatic"]
    assert not any(q.rule == "group_causes" for q in result.problems)


def test_a_note_clause_ends_at_an_arrow():
    note = "New fracture L4 on MRI 01/03/2022 → 2nd procedure 16/03/2022"
    assert dated_fracture(note, "dmy") == (("L4",), date(2022, 3, 1))


def test_a_missing_marker_with_its_count_of_times():
    assert is_missing("DNA x2") and is_missing("DNA ×3")
    assert not is_missing("L4 x2") and not is_missing("x2")


def test_the_study_id_under_an_unknown_header_found_by_its_codes(tmp_path):
    rows = _rows()
    rows[2] = ["Nyver\nRef", *rows[2][1:]]  # neither line names the study ID
    result = load_cohort(_workbook(tmp_path / "ref.xlsx", {"Kovskrif": rows}))
    p = result.cohort.patients.set_index("patient_id")
    assert list(p.index) == ["P-001", "P-002", "P-003"]
    assert list(p["etiology"]) == ["osteoporotic", "osteoporotic", "pathologic"]
    assert result.errors == []


def test_a_key_line_gives_the_codes_a_header_lists_in_brackets(tmp_path):
    rows = [
        ["Study ID", "Sex (K/G)", "Date of op", "Level"],
        ["A-1", "K", "02/03/2021", "L1"],
        ["A-2", "G", "03/03/2021", "L2"],
        ["A-3", "K", "04/03/2021", "T12"],
        [],
        ["Key: K = kvinne / female, G = gutt / male."],
    ]
    result = load_cohort(_workbook(tmp_path / "k.xlsx", {"Cases": rows}))
    assert list(result.cohort.patients["sex"]) == ["female", "male", "female"]
    said = [q.message for q in result.problems if q.rule == "legend"]
    assert said and "K = female, G = male" in said[0]
