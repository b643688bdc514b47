"""Checks across cells that no one cell's rule makes, each naming the cell in question by
sheet, row and column: a session's cement total beside its vertebrae, follow-up visits
dated before their procedure (the visits', or the procedure's date when every follow-up
precedes it), a sheet of second interventions dated before the first, and a score of a
patient whose study ID names no procedure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook

HEAD = ["Study ID", "Sex", "Age", "Procedure date", "Levels", "Cement total (ml)", "VAS pre"]


def _register(tmp_path: Path, volumes: list[object], levels=("T12, L1", "L2", "T10, T11, T12", "L4")) -> Path:  # fmt: skip
    rows: list[list[object]] = [HEAD]
    for k, (volume, level) in enumerate(zip(volumes, levels, strict=True)):
        rows.append([f"P{k + 1}", "F", 70 + k, date(2022, 3, 1 + k), level, volume, 7])
    return _workbook(tmp_path / "register.xlsx", {"Register": rows})


def _errors(path: Path, rule: str) -> list[tuple[str, int | None, str | None]]:
    return [(p.sheet, p.row, p.column) for p in load_cohort(path).errors if p.rule == rule]


def test_a_session_total_above_what_its_vertebrae_hold_is_an_error_on_its_cell(tmp_path):
    """38 mL for two vertebrae is 19 a vertebra: an error on the total's cell, the total
    left missing; 30 mL for two, 45 for three and 12 for one load as written."""
    loaded = load_cohort(_register(tmp_path, [38, 12, 45, 9]))
    bad = [p for p in loaded.errors if p.rule == "range"]
    assert [(p.row, p.column) for p in bad] == [(2, "Cement total (ml)")]
    assert "38 mL of cement in a session of 2 vertebra(e)" in bad[0].message
    procs = loaded.cohort.procedures
    totals = procs.groupby("patient_id")["session_cement_volume_ml"].first().dropna().to_dict()
    assert totals == {"P2": 12.0, "P3": 45.0, "P4": 9.0}  # P1's total left missing
    fine = load_cohort(_register(tmp_path, [30, 12, 45, 9]))
    assert [p for p in fine.errors if p.rule == "range"] == []


def test_one_vertebra_of_fifteen_millilitres_or_more_is_an_error(tmp_path):
    """16 mL, or 15 (1.5 with its decimal point lost), in one vertebra is more than a
    vertebral body plausibly takes; 14.5 loads as written."""
    path = _register(tmp_path, [8, 16, 15, 14.5], levels=("L1", "L2", "L3", "L4"))
    assert _errors(path, "range") == [("Register", 3, "Cement total (ml)"), ("Register", 4, "Cement total (ml)")]  # fmt: skip


def _visits(tmp_path: Path, dates: dict[str, date]) -> Path:
    procedures = [
        ["Study ID", "Procedure date", "Level", "Cement (ml)"],
        ["P1", date(2023, 4, 12), "L1", 4],
        ["P2", date(2022, 3, 14), "L2", 5],
    ]
    visits = [["Study ID", "Visit", "Visit date", "VAS"]]
    for pid, start in (("P1", date(2022, 3, 12)), ("P2", date(2022, 3, 14))):
        for point, day in (("pre-op", -1), ("1 month", 30), ("3 months", 91), ("12 months", 365)):
            visits.append([pid, point, dates.get(f"{pid} {point}", date.fromordinal(start.toordinal() + day)), 5])  # fmt: skip
    return _workbook(tmp_path / "visits.xlsx", {"Procedures": procedures, "Visits": visits})


def test_a_procedure_dated_after_all_its_follow_ups_is_the_cell_in_question(tmp_path):
    """P1's procedure is typed a year and a month late: every follow-up precedes it, so the error is on
    the procedure's date (one error), its visits warnings; P2's one visit typed before
    its procedure, beside visits after it, is an error on that visit's date."""
    path = _visits(tmp_path, {"P2 1 month": date(2022, 2, 1)})
    loaded = load_cohort(path)
    early = [p for p in loaded.problems if p.rule == "visit_date"]
    errors = sorted((p.sheet, p.row, p.column) for p in early if p.severity == "error")
    assert errors == [("Procedures", 2, "Procedure date"), ("Visits", 7, "Visit date")]
    procedure = next(p for p in early if p.sheet == "Procedures")
    assert "dated after all 3 of its dated follow-up visits (1m, 3m, 12m)" in procedure.message
    warned = [p.row for p in early if p.severity == "warning"]
    assert warned == [3, 4, 5]
    assert "P1" not in set(loaded.cohort.patients["patient_id"])


def test_a_sheet_of_second_interventions_is_the_second_session(tmp_path):
    """A sheet named for second interventions ("2ème intervention"): its rows are second
    sessions, and one dated before the patient's first is an error on its date."""
    first = [
        ["Code patient", "Sexe", "Âge", "Date de l'intervention", "Niveau", "Volume (ml)"],
        ["T1", "F", 80, date(2022, 10, 3), "L1", 4],
        ["T2", "F", 75, date(2022, 4, 20), "T12", 5],
    ]
    second = [
        ["Code patient", "Date de l'intervention", "Niveau", "Volume (ml)"],
        ["T1", date(2022, 8, 28), "T11", 3],
        ["T2", date(2022, 6, 9), "L2", 3],
    ]
    path = _workbook(tmp_path / "deux.xlsx", {"1ère intervention": first, "2ème intervention": second})  # fmt: skip
    loaded = load_cohort(path)
    assert _errors(path, "session_order") == [("2ème intervention", 2, "Date de l'intervention")]
    procs = loaded.cohort.procedures
    t2 = procs[procs["patient_id"] == "T2"].sort_values("day")
    assert t2[["day", "level", "is_repeat"]].values.tolist() == [[0, "T12", False], [50, "L2", False]]  # fmt: skip


def test_a_score_whose_study_id_names_no_procedure_names_the_id_column(tmp_path):
    """A visit row whose study ID is typed wrong (EBL-70 for EBL-07): the error names the
    study ID's cell."""
    procedures = [["Study ID", "Procedure date", "Level"], ["EBL-07", date(2022, 5, 2), "L1"]]
    visits = [["Study ID", "Visit", "VAS"], ["EBL-07", "pre-op", 8], ["EBL-70", "1 month", 3]]
    path = _workbook(tmp_path / "typo.xlsx", {"Procedures": procedures, "Visits": visits})
    assert _errors(path, "no_procedure") == [("Visits", 3, "Study ID")]
