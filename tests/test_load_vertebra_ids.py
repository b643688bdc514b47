"""A sheet of one row per treated vertebra whose patient cells (study ID, record number,
sex, age) are written only on the patient's first row: the vertebra rows below, with
every patient cell blank, are the same patient's, written from a synthetic cohort whose
truth the generator knows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import parse_cell
from analysis.problems import ERROR
from analysis.schema import Cohort
from analysis.spec import load_spec
from analysis.synth import SynthParams, synthesize
from tests.test_any_workbook import _workbook

START = date(2022, 1, 10)
HEADER = ["Study No.", "Sex", "Age", "Proc date", "Level", "Technique", "Cement (ml)"]


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(16, seed=20261121, params=SynthParams(p_same_level=0.4))


def _vertebrae(cohort: Cohort) -> set[tuple[str, int, str, float]]:
    """Each treated vertebra: patient, day, level, cement volume."""
    p = cohort.procedures
    return {
        (
            str(r["patient_id"]),
            int(r["day"]),
            str(r["level"]),
            round(float(r["cement_volume_ml"]), 3),
        )
        for r in p.to_dict("records")
    }


def _rows(truth: Cohort) -> list[list[object]]:
    """The patient's cells on their first vertebra row only, blank on the rows below."""
    patients = truth.patients.set_index("patient_id")
    rows: list[list[object]] = [HEADER]
    procs = truth.procedures.sort_values(["patient_id", "day", "level"])
    last = None
    for r in procs.to_dict("records"):
        pid = str(r["patient_id"])
        head = [pid, str(patients.loc[pid, "sex"]), patients.loc[pid, "age_years"]]
        when = START + timedelta(days=int(r["day"]))
        tail = [when, str(r["level"]), str(r["technique"]), float(r["cement_volume_ml"])]
        rows.append([*(head if pid != last else [None] * 3), *tail])
        last = pid
    return rows


def _reproduced_by_its_mapping(path: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(yaml.safe_dump(inspect_input(path).mapping(), allow_unicode=True), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort
    unaided = load_cohort(path).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        pd.testing.assert_frame_equal(getattr(mapped, table), getattr(unaided, table))


def test_vertebra_rows_without_patient_cells_belong_to_the_patient_above(tmp_path, truth):
    rows = _rows(truth)
    assert any(r[0] is None for r in rows[1:])  # the shape under test: IDs written once
    path = _workbook(tmp_path / "register.xlsx", {"Register": rows})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    assert _vertebrae(loaded.cohort) == _vertebrae(truth)
    filled = [p for p in loaded.problems if p.rule == "vertebra_id_filled"]
    assert len(filled) == 1
    assert "read as further vertebrae of the patient named above them" in filled[0].message
    assert filled[0].row == 1 + next(i for i, r in enumerate(rows) if r[0] is None)
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_row_with_patient_cells_but_no_id_is_another_patient_reported(tmp_path, truth):
    """A row without a study ID that holds a sex or an age of its own is a patient whose
    ID was forgotten: never given the ID above it, reported; a blank row ends a patient."""
    rows = _rows(truth)
    # a patient of several vertebrae, not the first: its ID forgotten on its first row
    first = next(
        i for i, r in enumerate(rows[:-1]) if i > 1 and r[0] is not None and rows[i + 1][0] is None
    )
    lost = str(rows[first][0])
    rows[first] = [None, *rows[first][1:]]
    gap = next(i for i, r in enumerate(rows) if i > first + 1 and r[0] is not None)
    rows.insert(gap, [None] * len(HEADER))
    after_gap = gap + 1
    rows.insert(after_gap, [None, None, None, START, "T7", "vertebroplasty", 3.0])
    loaded = load_cohort(_workbook(tmp_path / "register.xlsx", {"Register": rows}))
    missing = [p for p in loaded.problems if "no patient identifier" in p.message]
    lost_rows = {first + 1}
    while rows[len(lost_rows) + first][0] is None and rows[len(lost_rows) + first][4]:
        lost_rows.add(len(lost_rows) + first + 1)  # its further vertebrae, ID-less too
    assert len(lost_rows) > 1
    assert {p.row for p in missing} == lost_rows | {after_gap + 1}
    got = _vertebrae(loaded.cohort)
    # its vertebra rows below are credited to no one (reported), never to the patient above
    want = {v for v in _vertebrae(truth) if v[0] != lost}
    assert got == want


@pytest.mark.parametrize(
    ("column", "written", "want"),
    [
        ("etiology", "MVA", "traumatic"),
        ("etiology", "Motor vehicle accident", "traumatic"),
        ("etiology", "ពុកឆ្អឹង (ostéoporose)", "osteoporotic"),
        ("etiology", "មហារីករាលដាល / métastase", "pathologic"),
        ("etiology", "គ្រោះថ្នាក់", "traumatic"),
        ("leakage", "គ្មាន / non", "none"),
    ],
)
def test_words_of_a_diagnosis_and_of_no_leakage(column, written, want):
    """A road accident ('MVA') is a traumatic fracture; Khmer words beside French ones."""
    table = "patients" if column == "etiology" else "procedures"
    assert parse_cell(written, load_spec().column(table, column)) == want


def test_a_blank_id_on_a_sheet_writing_the_id_on_every_row_is_reported(tmp_path, truth):
    """A sheet repeating the study ID on each of a patient's rows: a blank ID there is one
    left out, reported, never read as the patient above."""
    rows = _rows(truth)
    for i in range(2, len(rows)):
        if rows[i][0] is None:
            rows[i][0] = rows[i - 1][0]
    left_out = next(i for i in range(2, len(rows)) if rows[i][0] == rows[i - 1][0])
    lost = (str(rows[left_out][0]), (rows[left_out][3] - START).days, str(rows[left_out][4]))
    rows[left_out][0] = None
    loaded = load_cohort(_workbook(tmp_path / "register.xlsx", {"Register": rows}))
    missing = [p for p in loaded.problems if "no patient identifier" in p.message]
    assert [p.row for p in missing] == [left_out + 1]
    assert not [p for p in loaded.problems if p.rule == "vertebra_id_filled"]
    got = _vertebrae(loaded.cohort)
    assert {v for v in _vertebrae(truth) if v[:3] != lost} == got


# invented words of a second language, in the Latin script, before the English
BILINGUAL = ["Zrif / Study No.", "Zryw / Sex", "Zoed / Age", "Zyddiad / Proc date", "Zefel / Level", "Zechneg / Technique", "Zyfaint / Cement (ml)"]  # fmt: skip


def test_a_header_row_in_two_languages_reads_each_header_by_its_known_part(tmp_path, truth):
    rows = [BILINGUAL, *_rows(truth)[1:]]
    path = _workbook(tmp_path / "register.xlsx", {"Register": rows})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    assert _vertebrae(loaded.cohort) == _vertebrae(truth)
    got = loaded.cohort.patients.set_index("patient_id")[["sex", "age_years"]].astype(str)
    want = truth.patients.set_index("patient_id")[["sex", "age_years"]].astype(str)
    pd.testing.assert_frame_equal(got.sort_index(), want.sort_index())
    shown = {c.header: c.label for c in inspect_input(path).columns}
    assert shown["Sex"] == "patients.sex" and shown["Cement (ml)"] == "procedures.cement_volume_ml"
    _reproduced_by_its_mapping(path, tmp_path)
    # a header alone in two parts, one an unknown word, on a row not in two languages
    rows = [["Study No.", "Zryw / Sex", *HEADER[2:]], *_rows(truth)[1:]]
    loaded = load_cohort(_workbook(tmp_path / "one.xlsx", {"Register": rows}))
    assert loaded.cohort.patients["sex"].isna().all()
