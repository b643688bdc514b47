"""A second procedure's fields named by the procedure's word and its number (``Procedure
2 – date``, ``Intervenția 2 – nivel``), its levels written with their technique in
brackets (``L5 (KP)``), are the second session's; the mapping ``inspect`` writes loads
the same cohort."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.header_sessions import _after_second_session
from analysis.normalize.cells import level_with_technique
from tests.test_sheet_shapes import _cohort, write_transposed


@pytest.mark.parametrize(
    ("header", "rest"),
    [
        ("Procedure 2 – date", "date"),
        ("Intervenția 2 – nivel", "nivel"),
        ("Intervention 2 level", "level"),
        ("VAS post op 2 weeks", ""),  # a time after the procedure, no second procedure
        ("Procedure date", ""),
    ],
)
def test_a_procedure_numbered_after_its_word_is_the_second(header: str, rest: str) -> None:
    assert _after_second_session(header) == rest


def test_levels_with_their_technique_in_brackets() -> None:
    assert level_with_technique("T10 (KP)") == (("T10",), "kyphoplasty")
    assert level_with_technique("L1, L2 (vertebroplasty)") == (("L1", "L2"), "vertebroplasty")
    assert level_with_technique("T10 (osteoporotic)") is None  # no technique: not read so
    assert level_with_technique("T10") is None


@pytest.mark.parametrize(
    ("words", "technique"),
    [
        (("Procedure 2 – date", "Procedure 2 – level", "Procedure 2 – leakage"), "KP"),
        (("Intervenția 2 – data", "Intervenția 2 – nivel", "Intervenția 2 – extravazare"), "VP"),
    ],
)
def test_numbered_procedure_rows_are_the_second_session(
    tmp_path: Path, words: tuple[str, str, str], technique: str
) -> None:
    cohort = _cohort(4)
    path = _with_rows(write_transposed(cohort, tmp_path / "unit_summary.xlsx"), words, technique)
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures.astype({"patient_id": str})
    sessions = procs[procs["patient_id"] == str(cohort.patients["patient_id"].iloc[0])]
    assert sessions["procedure_id"].nunique() == 2
    last = sessions.loc[sessions["day"].idxmax()]
    want = {"KP": "kyphoplasty", "VP": "vertebroplasty"}[technique]
    assert (str(last["level"]), str(last["technique"]), str(last["leakage"])) == ("L5", want, "none")  # fmt: skip
    assert int(last["day"]) == (date(2023, 11, 20) - date(2021, 3, 1)).days
    shown = inspect_input(path).mapping_yaml()
    assert f"header: {words[1]}, read_as: procedures.level, session: 2" in shown
    (tmp_path / "mapping.yaml").write_text(shown, "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(tmp_path / "mapping.yaml")))
    assert mapped.cohort.procedures.equals(result.cohort.procedures)


def _with_rows(path: Path, words: tuple[str, str, str], technique: str) -> Path:
    """The transposed sheet with a second procedure's rows under it, for the first patient."""
    wb = openpyxl.load_workbook(path)
    below = wb.active.max_row + 2
    values = ("20.11.2023", f"L5 ({technique})", "No")
    for k, (label, value) in enumerate(zip(words, values, strict=True)):
        wb.active.cell(below + k, 1, label)
        wb.active.cell(below + k, 3, value)
    wb.save(path)
    return path
