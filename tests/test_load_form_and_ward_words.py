"""Words of a unit's own language read as the vocabulary's values, never as bad cells: a
Spanish form's "no leak" answer (``No hubo fuga``) and "not recorded" (``No registrado``);
a Shona nurse's "did not come" (``haana kuuya``) and "has died" (``akafa``) in a score
cell. And the blind scorer's matching of a text file's only sheet, which the loader names
after the file's stem and a truth may name by the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

from analysis.load import load_cohort
from tests.blind.score import SiteScore, _score_errors
from tests.test_any_workbook import _workbook


def _form(tmp_path: Path, leaks: list[str], cements: list[str]) -> Path:
    head = ["Número de estudio", "Sexo", "Edad (años)", "Fecha de la cirugía", "Niveles tratados"]
    rows: list[list[object]] = [[*head, "Tipo de cemento", "Fuga de cemento", "EVA preoperatoria"]]
    for k, (leak, cement) in enumerate(zip(leaks, cements, strict=True)):
        rows.append([f"V{k + 1}", "Femenino", 70 + k, date(2022, 3, 1 + k), "L1", cement, leak, 7])
    return _workbook(tmp_path / "registro.xlsx", {"Registro": rows})


def test_a_spanish_no_leak_answer_and_not_recorded_cement_are_read(tmp_path):
    """``No hubo fuga`` ("there was no leak") is no leakage; ``No registrado`` ("not
    recorded") a missing cement; neither is an error, beside a site and a cement read."""
    path = _form(tmp_path, ["No hubo fuga", "Venosa", "No hubo fuga"], ["PMMA", "No registrado", "PMMA"])  # fmt: skip
    loaded = load_cohort(path)
    assert [(p.row, p.column, p.message) for p in loaded.errors] == []
    procs = loaded.cohort.procedures.set_index("patient_id")
    assert procs["leakage"].to_dict() == {"V1": "none", "V2": "venous", "V3": "none"}
    assert procs["cement_type"].isna().to_dict() == {"V1": False, "V2": True, "V3": False}


def test_shona_words_for_a_missed_visit_and_a_death_are_no_score_and_no_error(tmp_path):
    """``haana kuuya`` ("did not come") and ``akafa`` ("has died") in a score cell leave the
    score missing without an error; a number beside them is read."""
    head = ["Study No", "Sex", "Age", "Op date", "Level 1", "VAS pre", "VAS 6/52", "VAS 3/12"]
    rows: list[list[object]] = [head]
    rows.append(["H1", "F", 71, date(2021, 3, 1), "L1", 8, "haana kuuya", 3])
    rows.append(["H2", "M", 66, date(2021, 4, 1), "T12", 9, 4, "akafa"])
    loaded = load_cohort(_workbook(tmp_path / "register.xlsx", {"VP register": rows}))
    assert [(p.row, p.column, p.message) for p in loaded.errors] == []
    scores = loaded.cohort.assessments
    got = {(r.patient_id, r.timepoint): r.value for r in scores.itertuples() if r.measure == "pain_vas"}  # fmt: skip
    assert got[("H1", "3m")] == 3 and got[("H2", "6w")] == 4
    assert ("H1", "6w") not in got and ("H2", "3m") not in got


def _problem(file: str, sheet: str, row: int, column: str):
    return SimpleNamespace(severity="error", file=file, sheet=sheet, row=row, column=column, cell="P26")  # fmt: skip


def test_the_scorer_matches_a_text_files_sheet_named_by_the_file():
    """A truth naming a CSV's sheet ``input.csv`` is named by a problem on the loader's
    sheet ``input`` of file ``input.csv``; a problem on another file's sheet is not."""
    import pandas as pd

    errors = pd.DataFrame([{"sheet": "input.csv", "cell": "P26", "row": 26, "column_header": "Vol"}])  # fmt: skip
    named = SiteScore("site")
    _score_errors(errors, [_problem("input.csv", "input", 26, "Vol")], named)
    assert (named.named, named.false_errors) == (1, 0)
    other = SiteScore("site")
    _score_errors(errors, [_problem("other.csv", "other", 26, "Vol"), _problem("input.csv", "input", 5, "Vol")], other)  # fmt: skip
    assert (other.named, other.false_errors) == (0, 2)


def _commented(tmp_path: Path, comments: dict[str, str]) -> Path:
    from openpyxl.comments import Comment

    head = ["Study No", "Sex", "Age", "Op date", "Level 1", "Vol 1 (ml)", "VAS pre"]
    rows: list[list[object]] = [head]
    rows.append(["H1", "F", 71, date(2021, 3, 1), "T12", 4.5, 8])
    rows.append(["H2", "M", 66, date(2021, 4, 1), "L2", 3.0, 9])
    rows.append(["H3", "F", 80, date(2021, 5, 1), "L4", 2.5, 7])
    path = _workbook(tmp_path / "register.xlsx", {"VP register": rows})
    import openpyxl

    book = openpyxl.load_workbook(path)
    for ref, text in comments.items():
        book["VP register"][ref].comment = Comment(text, "Dr M")
    book.save(path)
    return path


def test_a_correction_in_a_cells_comment_is_read_with_a_warning_naming_the_cell(tmp_path):
    """``Level corrected to T11`` on a cell still showing T12 reads T11, said at that cell;
    a comment whose value the cell already holds, one giving two values and one giving
    none leave their cells as they stand, without a warning."""
    path = _commented(
        tmp_path,
        {
            "E2": "Level corrected to T11 - see op note (T12 was the referral letter)",
            "F2": "Was typed 45. Corrected to 4.5 - see op note",
            "E3": "corrected to L3, then corrected to L1",
            "E4": "Op note only gives the total cement",
        },
    )
    loaded = load_cohort(path)
    procs = loaded.cohort.procedures.set_index("patient_id")
    assert procs["level"].to_dict() == {"H1": "T11", "H2": "L2", "H3": "L4"}
    assert procs["cement_volume_ml"].to_dict() == {"H1": 4.5, "H2": 3.0, "H3": 2.5}
    said = [(p.sheet, p.row, p.cell, p.severity) for p in loaded.problems if p.rule == "comment_correction"]  # fmt: skip
    assert said == [("VP register", 2, "E2", "warning")]
