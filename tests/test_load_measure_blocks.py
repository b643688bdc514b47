"""A register of one block of rows per procedure, one row per measure with its time points
across (``VAS(0-10) | 8 | 未 | 4``), the patient's cells merged down over the patient's
blocks and the procedure's over its rows: read as one row per procedure, each score at
the time point its column's header names, after that row's procedure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.io import read_workbook
from analysis.load import inspect_input, load_cohort
from analysis.load.measure_blocks import find_measure_blocks, measure_blocks_sheet
from analysis.load.reshape import original_problem
from analysis.normalize.dates import split_level_date
from analysis.problems import ERROR, Problem
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = ["症例No", "性別", "年齢", "回", "施術日", "術式", "椎体", "セメント量(mL)", "評価項目", "術前", "1週", "1ヶ月", "3ヶ月", "新規椎体骨折", "転帰"]  # fmt: skip
MEASURES = ["VAS(0-10)", "ODI(%)", "移動能(0-4)"]
# per patient: sex, age, fracture, outcome, then per procedure its cells and its rows of
# scores (one per measure, the time points across)
# fmt: off
PATIENTS = [
    ("NB-01", "女", "７４", "なし", "生存", [
        (("初回", "R4.8.26", "BKP", "Th7", "2.5"), [(6, 4, 3, 2), ("６４", "／", 30, 22), (3, "／", 1, "／")]),
    ]),
    ("NB-02", "男", 68, "R5.2.27 Th10新規骨折", "死亡（R5.8.9）", [
        (("初回", "2022/11/4", "VP", "Th11、Th12", "2.0、5.5"), [(7, 5, "未", 3), (62, "／", "未", 18), (3, "／", "未", "／")]),
        (("2回目", "令和5年3月3日", "VP", "Th10", "3.5"), [(8, None, 2, None), (52, "／", 18, None), (2, "／", 2, "／")]),
    ]),
    ("NB-03", "女", 81, "なし", "生存", [
        (("初回", "R4.9.5", "BKP", "L1", "4.0"), [(9, 6, 12, 3), (80, "／", "－", 30), (4, "／", 2, "／")]),
    ]),
]
# fmt: on


def _register(path: Path, merged: bool = True) -> Path:
    """The register: a title line, a header, then each patient's blocks of measure rows,
    the patient's cells merged over its blocks and a procedure's over its rows (or, with
    ``merged=False``, written on the first row only)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "症例台帳"
    ws.append(["経皮的椎体形成術 症例台帳"])
    ws.append(HEADER)
    r = 3
    for pid, sex, age, fracture, outcome, procedures in PATIENTS:
        top = r
        for cells, scores in procedures:
            for k, (measure, values) in enumerate(zip(MEASURES, scores, strict=True)):
                ws.cell(r + k, 9, measure)
                for j, v in enumerate(values, 10):
                    ws.cell(r + k, j, v)
            for j, v in enumerate(cells, 4):
                ws.cell(r, j, v)
                if merged:
                    ws.merge_cells(start_row=r, start_column=j, end_row=r + 2, end_column=j)
            r += 3
        for j, v in ((1, pid), (2, sex), (3, age), (14, fracture), (15, outcome)):
            ws.cell(top, j, v)
            if merged:
                ws.merge_cells(start_row=top, start_column=j, end_row=r - 1, end_column=j)
    wb.save(path)
    return path


def _scores(loaded) -> set[tuple[str, str, str, str, float]]:
    a = loaded.cohort.assessments
    keys = ("patient_id", "procedure_id", "measure", "timepoint")
    return {(*(str(r[k]) for k in keys), float(r["value"])) for r in a.to_dict("records")}


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "written-once"])
def test_blocks_of_measure_rows_are_read_as_one_row_per_procedure(tmp_path, merged):
    path = _register(tmp_path / "register.xlsx", merged)
    loaded = load_cohort(path)
    cohort = loaded.cohort
    patients = cohort.patients.set_index("patient_id")
    assert list(patients.index) == ["NB-01", "NB-02", "NB-03"]
    assert patients.loc["NB-01", "sex"] == "female" and patients.loc["NB-02", "age_years"] == 68
    assert bool(patients.loc["NB-02", "died"]) and not bool(patients.loc["NB-01", "died"])
    procs = cohort.procedures
    read = [(r["procedure_id"], r["day"], r["level"], r["cement_volume_ml"]) for r in procs.to_dict("records")]  # fmt: skip
    assert read == [
        ("NB-01-1", 0, "T7", 2.5),
        ("NB-02-1", 0, "T11", 2.0),
        ("NB-02-1", 0, "T12", 5.5),
        ("NB-02-2", 119, "T10", 3.5),
        ("NB-03-1", 0, "L1", 4.0),
    ]
    assert _scores(loaded) == {
        ("NB-01", "NB-01-1", "pain_vas", "pre", 6.0), ("NB-01", "NB-01-1", "pain_vas", "1w", 4.0),
        ("NB-01", "NB-01-1", "pain_vas", "1m", 3.0), ("NB-01", "NB-01-1", "pain_vas", "3m", 2.0),
        ("NB-01", "NB-01-1", "odi", "pre", 64.0), ("NB-01", "NB-01-1", "odi", "1m", 30.0),
        ("NB-01", "NB-01-1", "odi", "3m", 22.0), ("NB-01", "NB-01-1", "mobility", "pre", 3.0),
        ("NB-01", "NB-01-1", "mobility", "1m", 1.0),
        ("NB-02", "NB-02-1", "pain_vas", "pre", 7.0), ("NB-02", "NB-02-1", "pain_vas", "1w", 5.0),
        ("NB-02", "NB-02-1", "pain_vas", "3m", 3.0), ("NB-02", "NB-02-1", "odi", "pre", 62.0),
        ("NB-02", "NB-02-1", "odi", "3m", 18.0), ("NB-02", "NB-02-1", "mobility", "pre", 3.0),
        ("NB-02", "NB-02-2", "pain_vas", "pre", 8.0), ("NB-02", "NB-02-2", "pain_vas", "1m", 2.0),
        ("NB-02", "NB-02-2", "odi", "pre", 52.0), ("NB-02", "NB-02-2", "odi", "1m", 18.0),
        ("NB-02", "NB-02-2", "mobility", "pre", 2.0), ("NB-02", "NB-02-2", "mobility", "1m", 2.0),
        ("NB-03", "NB-03-1", "pain_vas", "pre", 9.0), ("NB-03", "NB-03-1", "pain_vas", "1w", 6.0),
        ("NB-03", "NB-03-1", "pain_vas", "3m", 3.0), ("NB-03", "NB-03-1", "odi", "pre", 80.0),
        ("NB-03", "NB-03-1", "odi", "3m", 30.0), ("NB-03", "NB-03-1", "mobility", "pre", 4.0),
        ("NB-03", "NB-03-1", "mobility", "1m", 2.0),
    }  # fmt: skip
    fractures = cohort.fractures
    assert [(r["patient_id"], r["day"], r["level"]) for r in fractures.to_dict("records")] == [
        ("NB-02", (date(2023, 2, 27) - date(2022, 11, 4)).days, "T10")
    ]
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert [(p.sheet, p.cell) for p in errors] == [("症例台帳", "L12")]
    assert "pain_vas must lie within 0-10" in errors[0].message
    shaped = [p for p in loaded.problems if p.rule == "sheet_reshaped"]
    assert len(shaped) == 1 and shaped[0].sheet == "症例台帳"
    assert "column I (評価項目) names the measure and columns J-M hold its values" in shaped[0].message  # fmt: skip
    filled = [p for p in loaded.problems if p.rule == "vertebra_id_filled"]
    if merged:  # the study ID merged over the patient's blocks names both
        assert filled == []
    else:  # written once: the later block is the patient's above it, said so
        assert [(p.cell, "(cell A9)" in p.message) for p in filled] == [("A9", True)]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_message_names_the_column_the_user_sees(tmp_path):
    """A column right of the time points is another column once the blocks are read as
    rows: a message naming it by its letter names the sheet's letter."""
    sheet = next(iter(read_workbook(_register(tmp_path / "register.xlsx"))))
    found = find_measure_blocks(sheet)
    assert found is not None and found.across == (9, 10, 11, 12)
    shaped = measure_blocks_sheet(sheet, found)
    assert shaped.row(1)[9] == "転帰"  # column J of the rows read, column O of the sheet
    said = Problem(shaped.file, shaped.sheet, 3, "転帰", "J3", None, "x", "warning", "column J '転帰' names deaths")  # fmt: skip
    moved = original_problem(said, {(shaped.file, shaped.sheet): shaped.origin})
    assert (moved.sheet, moved.cell, moved.message) == ("症例台帳", "O3", "column O '転帰' names deaths")  # fmt: skip


def test_a_bad_patient_cell_merged_over_two_procedures_is_reported_once(tmp_path):
    path = _register(tmp_path / "register.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["B6"] = "X"  # NB-02's sex, merged over both its procedures' blocks
    wb.save(path)
    errors = [p for p in load_cohort(path).problems if p.severity == ERROR]
    assert [p.cell for p in errors] == ["B6", "L12"]
    assert "not a recognised sex" in errors[0].message


def test_inspect_shows_the_shape(tmp_path):
    tables = inspect_input(_register(tmp_path / "register.xlsx")).mapping()["tables"]
    assert [t.get("shape") for t in tables] == ["field-rows"]
    assert tables[0]["sheet"] == "症例台帳 (one row per encounter)"
    columns = tables[0]["columns"]
    read = {c["header"]: c["read_as"] for c in columns.values()}
    assert read["移動能(0-4) 1ヶ月"] == {"measure": "mobility", "timepoint": "1m"}
    assert read["VAS(0-10) 術前"] == {"measure": "pain_vas", "timepoint": "pre", "scale": 10.0}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("R5.2.27 Th10新規骨折", ("Th10", date(2023, 2, 27))),
        ("H30.4.1 L2", ("L2", date(2018, 4, 1))),
        ("L1 12.03.2020", ("L1", date(2020, 3, 12))),
    ],
)
def test_an_era_date_beside_a_level_is_read_in_its_era(text, want):
    """``R5.2.27`` is 27 February of Reiwa 5, never 5 February 2027."""
    assert split_level_date(text) == want
