"""Sheet shapes: a synthetic cohort written as a transposed sheet (one patient per column),
as patient cards (one sheet per patient) and as a stacked case log (one block of rows per
patient), loaded without a mapping and compared with the generator's truth; messages
name the cells as the user sees them, and the mapping written by ``inspect`` loads the
same cohort."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from analysis.io import CellOrigin
from analysis.load import (
    LoadResult,
    inspect_input,
    load_cohort,
    options_from_mapping,
    read_mapping,
)
from analysis.load.reshape import original_problem
from analysis.problems import InputFormatError, Problem
from analysis.schema import Cohort
from analysis.synth import synthesize

TIMES = (("pre", "pre"), ("1m", "1 month"), ("3m", "3 months"))
START = date(2021, 3, 1)


def _cohort(n: int = 14, seed: int = 20261121) -> Cohort:
    return synthesize(n, seed=seed)


def _sessions(cohort: Cohort, pid: str) -> list[list[dict[str, object]]]:
    procs = cohort.procedures[cohort.procedures["patient_id"] == pid]
    return [g.to_dict("records") for _, g in procs.groupby("day", sort=True)]


def _vas(cohort: Cohort, pid: str) -> dict[str, float]:
    first = str(_sessions(cohort, pid)[0][0]["procedure_id"])
    a = cohort.assessments
    rows = a[(a["procedure_id"] == first) & (a["measure"] == "pain_vas")]
    return {str(r["timepoint"]): float(r["value"]) for r in rows.to_dict("records")}


def _patient_fields(pt: dict[str, object]) -> list[tuple[str, object]]:
    return [
        ("Study ID", pt["patient_id"]),
        ("Sex", pt["sex"]),
        ("Age", int(float(str(pt["age_years"])))),
        ("Etiology", pt["etiology"]),
    ]


def write_transposed(cohort: Cohort, path: Path) -> Path:
    """Fields down column A (units in B), one patient per column from C: the index
    session's levels in one cell with the session's total cement, pain under a section."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Case summary"
    ws.cell(1, 1, "Case summary, vertebral augmentation")
    labels: list[tuple[str, str | None]] = [
        ("Study ID", None),
        ("Sex", None),
        ("Age", "years"),
        ("Etiology", None),
        ("§Procedure", None),
        ("Date of procedure", None),
        ("Level", None),
        ("Technique", None),
        ("Total volume mL", "mL"),
        ("§VAS", None),
        *((label, None) for _, label in TIMES),
    ]
    for i, (label, unit) in enumerate(labels):
        ws.cell(3 + i, 1, label.lstrip("§"))
        if unit:
            ws.cell(3 + i, 2, unit)
    for k, pt in enumerate(cohort.patients.to_dict("records")):
        pid = str(pt["patient_id"])
        first = _sessions(cohort, pid)[0]
        vas = _vas(cohort, pid)
        values = [v for _, v in _patient_fields(pt)]
        values += [
            None,
            START + timedelta(days=7 * k),
            ", ".join(str(r["level"]) for r in first),
            first[0]["technique"],
            round(sum(float(str(r["cement_volume_ml"])) for r in first), 1),
            None,
            *(vas.get(tp) for tp, _ in TIMES),
        ]
        for i, v in enumerate(values):
            if v is not None:
                ws.cell(3 + i, 3 + k, v)
    wb.save(path)
    return path


def _table(ws: object, row: int, header: list[str], rows: list[list[object]]) -> int:
    for j, h in enumerate(header, 1):
        ws.cell(row, j, h)  # type: ignore[attr-defined]
    for i, values in enumerate(rows, 1):
        for j, v in enumerate(values, 1):
            ws.cell(row + i, j, v)  # type: ignore[attr-defined]
    return row + len(rows) + 1


_PROC_HEADER = ["Procedure #", "Date", "Level", "Technique", "Volume (mL)", "Cement"]


def _procedure_rows(cohort: Cohort, pid: str, start: date) -> list[list[object]]:
    return [
        [
            n,
            start + timedelta(days=int(r["day"])),
            r["level"],
            r["technique"],
            r["cement_volume_ml"],
            r["cement_type"],
        ]
        for n, session in enumerate(_sessions(cohort, pid), 1)
        for r in session
    ]


def write_cards(cohort: Cohort, path: Path, id_row: bool = True) -> Path:
    """A list of the patients, then one sheet per patient: label-value rows (the study ID
    among them, or only in the sheet's name), a table of treated vertebrae and a table of
    visits, each under a title; and a sheet of notes."""
    wb = openpyxl.Workbook()
    index = wb.active
    index.title = "Patients"
    _table(
        index,
        1,
        ["Study ID", "Name", "Date of procedure"],
        [
            [pid, f"Name {k}", START + timedelta(days=7 * k)]
            for k, pid in enumerate(cohort.patients["patient_id"].astype(str))
        ],
    )
    for k, pt in enumerate(cohort.patients.to_dict("records")):
        pid = str(pt["patient_id"])
        ws = wb.create_sheet(pid)
        ws.cell(1, 1, "Patient card")
        fields = _patient_fields(pt)[0 if id_row else 1 :]
        for i, (label, value) in enumerate(fields):
            ws.cell(3 + i, 1, label)
            ws.cell(3 + i, 2, value)
        row = 3 + len(fields) + 1
        ws.cell(row, 1, "Procedures")
        row = _table(
            ws, row + 1, _PROC_HEADER, _procedure_rows(cohort, pid, START + timedelta(days=7 * k))
        )
        ws.cell(row + 1, 1, "Follow-up")
        vas = _vas(cohort, pid)
        _table(ws, row + 2, ["Visit", "VAS"], [[label, vas.get(tp)] for tp, label in TIMES])
    notes = wb.create_sheet("Notes")
    notes.cell(1, 1, "Cards checked by the registrar")
    wb.save(path)
    return path


def write_case_log(cohort: Cohort, path: Path) -> Path:
    """One sheet, one block per patient: a band row of ``Label: value`` pairs, a table of
    treated vertebrae, a row of time points with the pain scores under it, a blank row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    ws.cell(1, 1, "Case log")
    row = 3
    for k, pt in enumerate(cohort.patients.to_dict("records")):
        pid = str(pt["patient_id"])
        band: list[object] = ["Patient:", pid, f"Name {k}"]
        for label, value in _patient_fields(pt)[1:]:
            band += [f"{label}:", value]
        for j, v in enumerate(band, 1):
            ws.cell(row, j, v)
        row = _table(
            ws, row + 1, _PROC_HEADER, _procedure_rows(cohort, pid, START + timedelta(days=7 * k))
        )
        vas = _vas(cohort, pid)
        for j, (tp, label) in enumerate(TIMES, 2):
            ws.cell(row, j, label)
            ws.cell(row + 1, j, vas.get(tp))
        ws.cell(row + 1, 1, "VAS")
        row += 3
    wb.save(path)
    return path


def _check(cohort: Cohort, loaded: Cohort, *, all_sessions: bool, total: bool) -> None:
    """The loaded cohort against the truth: patients, treated vertebrae, pain scores."""
    truth = cohort.patients.set_index("patient_id")
    got = loaded.patients.set_index("patient_id")
    assert sorted(got.index.astype(str)) == sorted(truth.index.astype(str))
    for pid, pt in truth.iterrows():
        assert got.loc[pid, "sex"] == pt["sex"]
        assert float(got.loc[pid, "age_years"]) == float(pt["age_years"])
        assert got.loc[pid, "etiology"] == pt["etiology"]
        sessions = _sessions(cohort, str(pid))
        want = sessions if all_sessions else sessions[:1]
        procs = loaded.procedures[loaded.procedures["patient_id"] == pid]
        assert sorted(procs["level"].astype(str)) == sorted(
            str(r["level"]) for s in want for r in s
        )
        if total:
            volume = round(sum(float(r["cement_volume_ml"]) for r in want[0]), 1)
            assert procs["session_cement_volume_ml"].astype(float).round(1).iloc[0] == volume
        else:
            by_level = dict(zip(procs["level"].astype(str), procs["cement_volume_ml"], strict=True))
            for s in want:
                for r in s:
                    assert float(by_level[str(r["level"])]) == pytest.approx(
                        float(r["cement_volume_ml"])
                    )
        first = str(procs.sort_values("day")["procedure_id"].iloc[0])
        a = loaded.assessments
        scores = a[(a["procedure_id"] == first) & (a["measure"] == "pain_vas")]
        got_vas = {str(r["timepoint"]): float(r["value"]) for r in scores.to_dict("records")}
        assert got_vas == {tp: v for tp, v in _vas(cohort, str(pid)).items() if tp in dict(TIMES)}


def _same_with_mapping(path: Path, folder: Path) -> None:
    """The mapping ``inspect`` writes, passed back unedited, loads the same cohort."""
    written = folder / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    unaided = load_cohort(path).cohort
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert getattr(unaided, table).equals(getattr(mapped, table)), table


def _loads_the_truth(cohort: Cohort, path: Path, *, all_sessions: bool, total: bool) -> LoadResult:
    """The unaided load of ``path``: no error, the truth, and the same with the mapping
    ``inspect`` writes."""
    result = load_cohort(path)
    assert not result.errors
    _check(cohort, result.cohort, all_sessions=all_sessions, total=total)
    _same_with_mapping(path, path.parent)
    return result


def test_transposed_sheet_loads_the_truth(tmp_path: Path) -> None:
    cohort = _cohort()
    path = write_transposed(cohort, tmp_path / "unit_summary.xlsx")
    result = _loads_the_truth(cohort, path, all_sessions=False, total=True)
    reshaped = [p for p in result.problems if p.rule == "sheet_reshaped"]
    assert (
        len(reshaped) == 1 and "fields down column A, one patient per column" in reshaped[0].message
    )
    assert reshaped[0].sheet == "Case summary"
    assert "shape: transposed" in inspect_input(path).mapping_yaml()


def test_transposed_sheet_names_the_original_cell(tmp_path: Path) -> None:
    cohort = _cohort(6)
    path = write_transposed(cohort, tmp_path / "unit_summary.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active.cell(5, 5, 250)  # the third patient's age (column E, the age's row 5)
    wb.save(path)
    result = load_cohort(path)
    (age,) = [p for p in result.errors if p.rule == "range"]
    assert (age.sheet, age.row, age.cell) == ("Case summary", 5, "E5")
    assert str(age).startswith("ERROR unit_summary.xlsx:Case summary!E5 [Age] '250'")


def test_patient_cards_load_the_truth(tmp_path: Path) -> None:
    cohort = _cohort()
    path = write_cards(cohort, tmp_path / "unit_cards.xlsx")
    result = _loads_the_truth(cohort, path, all_sessions=True, total=False)
    skipped = {p.sheet for p in result.problems if p.rule == "sheet_skipped"}
    assert skipped == {"Patients", "Notes"}  # the index, and a sheet that fits no shape
    inspection = inspect_input(path)
    notes = {s.sheet: s.note for s in inspection.sheets}
    assert notes["Patients"].startswith("a list of the patient cards")
    assert any("patient cards" in n and "one patient each" in n for n in notes.values())


def test_patient_card_error_names_its_sheet_and_cell(tmp_path: Path) -> None:
    cohort = _cohort(5)
    path = write_cards(cohort, tmp_path / "unit_cards.xlsx")
    wb = openpyxl.load_workbook(path)
    pid = str(cohort.patients["patient_id"].iloc[2])
    wb[pid].cell(5, 2, 250)  # Age
    wb[pid].cell(11, 3, "L7")  # the first vertebra's level
    wb.save(path)
    result = load_cohort(path)
    named = {(p.sheet, p.cell, p.rule) for p in result.errors}
    assert named == {(pid, "B5", "range"), (pid, "C11", "level")}


def test_case_log_loads_the_truth(tmp_path: Path) -> None:
    cohort = _cohort()
    path = write_case_log(cohort, tmp_path / "unit_log.xlsx")
    result = _loads_the_truth(cohort, path, all_sessions=True, total=False)
    reshaped = [p for p in result.problems if p.rule == "sheet_reshaped"]
    assert reshaped and all(p.sheet == "Log" for p in reshaped)
    assert f"{len(cohort.patients)} patient blocks" in reshaped[0].message
    # no name written beside the study ID reaches a message or the cohort
    assert not any("Name " in p.message for p in result.problems)
    assert "shape: case-log" in inspect_input(path).mapping_yaml()


def test_case_log_error_names_the_block_cell(tmp_path: Path) -> None:
    cohort = _cohort(4)
    path = write_case_log(cohort, tmp_path / "unit_log.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.cell(3, 7, 250)  # the first patient's age (band row 3, column G after "Age:")
    ws.cell(5, 3, "L7")  # the first patient's first vertebra (the table's first row)
    wb.save(path)
    problems = load_cohort(path).problems
    named = {(p.sheet, p.cell, p.rule) for p in problems if p.severity == "error"}
    assert named == {("Log", "G3", "range"), ("Log", "C5", "level")}
    # the outcomes of a patient who lost the only vertebra are named by the block's ID cell
    excluded = {(p.sheet, p.cell) for p in problems if p.rule == "excluded_with_patient"}
    assert excluded == {("Log", "B3")}


def test_patient_cards_named_by_their_study_id(tmp_path: Path) -> None:
    cohort = _cohort(6)
    path = write_cards(cohort, tmp_path / "unit_cards.xlsx", id_row=False)
    result = _loads_the_truth(cohort, path, all_sessions=True, total=False)
    (reshaped,) = [p for p in result.problems if p.rule == "sheet_reshaped"]
    assert "patient cards: 6 sheet(s)" in reshaped.message


def test_a_message_naming_rows_of_a_reshaped_sheet_names_the_original_places() -> None:
    cells = {(3, 2): ("Log", 12, 4)}
    log = CellOrigin("Log", cells, {3: ("Log", 9, None), 4: ("Log", 17, None)})
    summary = CellOrigin("Sheet", {}, {3: ("Sheet", 3, 5), 4: ("Sheet", 3, 6)})
    origins = {("f.xlsx", "Log (patients)"): log, ("f.xlsx", "Sheet (transposed)"): summary}
    on_log = Problem(
        "f.xlsx",
        "Log (patients)",
        3,
        "Age",
        "B3",
        "9",
        "conflict",
        "error",
        "conflicting value on rows 3, 4",
    )
    moved = original_problem(on_log, origins)
    assert (moved.sheet, moved.row, moved.cell) == ("Log", 12, "D12")
    assert moved.message == "conflicting value on rows 9, 17"
    whole = Problem("f.xlsx", "Sheet (transposed)", 4, None, None, None, "x", "error", "on row 4")
    moved = original_problem(whole, origins)
    assert (moved.sheet, moved.row, moved.cell, moved.message) == ("Sheet", 3, "F3", "on cell F3")


def test_transposed_sheet_with_a_study_id_entered_twice_is_read(tmp_path: Path) -> None:
    cohort = _cohort(12)
    path = write_transposed(cohort, tmp_path / "unit_summary.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.cell(3, 7, ws.cell(3, 6).value)  # the fifth patient (G) given the fourth's ID (F)
    wb.save(path)
    result = load_cohort(path)
    assert any(p.rule == "sheet_reshaped" for p in result.problems)
    assert len(result.cohort.patients) == 11
    shared = [p for p in result.errors if p.rule in ("shared_id", "conflict", "duplicate")]
    assert shared and {p.sheet for p in shared} == {"Case summary"}
    assert any(p.cell is not None and p.cell[0] == "G" for p in shared)


def test_a_mapping_file_says_a_sheet_is_transposed(tmp_path: Path) -> None:
    cohort = _cohort(5)
    path = write_transposed(cohort, tmp_path / "unit_summary.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active.cell(3, 1, "Sigle")  # a study-ID label the vocabulary does not know
    wb.save(path)
    with pytest.raises(InputFormatError, match="no sheet has a recognisable header"):
        load_cohort(path)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "version: 2\ntables:\n  - sheet: Case summary\n    shape: transposed\n"
        "    header_row: 2\n    columns:\n"
        "      A: {header: Sigle, read_as: patients.patient_id}\n"
        "      B: {header: Sex, read_as: patients.sex}\n"
        "      C: {header: Age, read_as: patients.age_years}\n"
        "      F: {header: Level, read_as: procedures.level}\n",
        "utf-8",
    )
    result = load_cohort(path, options_from_mapping(read_mapping(mapping)))
    got = result.cohort.patients.set_index("patient_id")
    truth = cohort.patients.set_index("patient_id")
    assert sorted(got.index.astype(str)) == sorted(truth.index.astype(str))
    assert (got["sex"] == truth.loc[got.index, "sex"]).all()
    assert len(result.cohort.procedures) == sum(
        len(_sessions(cohort, str(p))[0]) for p in got.index
    )


def _no_shape(tmp_path: Path, sheet: str) -> Path:
    mapping = tmp_path / "no_shape.yaml"
    mapping.write_text(f"version: 2\ntables:\n  - sheet: {sheet}\n    shape: none\n", "utf-8")
    return mapping


def test_shape_none_turns_the_transposition_off(tmp_path: Path) -> None:
    path = write_transposed(_cohort(5), tmp_path / "unit_summary.xlsx")
    assert any(p.rule == "sheet_reshaped" for p in load_cohort(path).problems)
    options = options_from_mapping(read_mapping(_no_shape(tmp_path, "Case summary")))
    with pytest.raises(InputFormatError, match="no sheet has a recognisable header"):
        load_cohort(path, options)  # read as the plain table it is: fields down column A


def test_shape_none_turns_the_patient_cards_off(tmp_path: Path) -> None:
    cohort = _cohort(3)
    path = write_cards(cohort, tmp_path / "cards.xlsx")
    sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert len(load_cohort(path).cohort.patients) == 3
    mapping = tmp_path / "no_shape.yaml"
    mapping.write_text(
        "version: 2\ntables:\n" + "".join(f"  - sheet: '{s}'\n    shape: none\n" for s in sheets),
        "utf-8",
    )
    options = options_from_mapping(read_mapping(mapping))
    try:
        result = load_cohort(path, options)
    except InputFormatError:
        return  # nothing left to read as a plain table
    assert not any(p.rule == "sheet_reshaped" for p in result.problems)
    assert len(result.cohort.patients) != 3  # the cards are not read as one patient each


def test_shape_none_is_in_the_mapping_schema(tmp_path: Path) -> None:
    mapping = tmp_path / "bad.yaml"
    mapping.write_text("version: 2\ntables:\n  - sheet: S\n    shape: flat\n", "utf-8")
    with pytest.raises(InputFormatError, match="shape"):
        read_mapping(mapping)
    assert read_mapping(_no_shape(tmp_path, "S"))
