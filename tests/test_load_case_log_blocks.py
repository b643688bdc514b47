"""A case log of stacked patient blocks as a department keeps it by hand: in each block the
patient's label lines, an operations table whose further vertebrae leave the operation's
cells blank, and a grid of scores headed by a label cell and the time points, with rows of
the second operation's scores under the first's. Written here with its truth known."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from tests.test_sheet_shapes import _same_with_mapping

OPS = ["Operation", "Date", "Method", "Level", "Cement, ml"]
POINTS = ["Measure", "pre", "1 month", "3 months"]
# (id, sex, age, operations [(n, date, method, [(level, ml)])], VAS, mobility, 2nd VAS)
PATIENTS = [
    ("K-01", "M", 71, [("1", "03.02.2022", "VP", [("T12", 3.0), ("L1", 3.5)])], [8, 4, 2], [1, 3, 4], None),
    ("K-02", "F", 64, [("1", "10.03.2022", "KP", [("L2", 4.0)]), ("2", "01.06.2022", "VP", [("L3", 2.5)])], [9, 5, 3], [0, 2, 3], [7, 3, 1]),
    ("K-03", "F", 80, [("1", "21.04.2022", "VP", [("T8", 2.0)])], [7, 3, 3], [2, 3, 3], None),
]  # fmt: skip


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Case log 2022"
    ws.cell(1, 1, "Vertebroplasty case log")
    r = 3
    for pid, sex, age, ops, vas, mobility, vas2 in PATIENTS:
        for j, v in enumerate(["Patient:", pid, "Sex:", sex, "Age:", age], 1):
            ws.cell(r, j, v)
        for j, v in enumerate(OPS, 1):
            ws.cell(r + 1, j, v)
        r += 2
        for n, when, method, levels in ops:
            for k, (level, ml) in enumerate(levels):
                cells = [n, when, method] if k == 0 else [None, None, None]
                for j, v in enumerate([*cells, level, ml], 1):
                    ws.cell(r, j, v)
                r += 1
        for j, v in enumerate(POINTS, 1):
            ws.cell(r, j, v)
        rows = [("VAS", vas), ("Mobility, 0-4", mobility)]
        if vas2 is not None:
            rows.append(("VAS — after the 2nd operation", vas2))
        for label, scores in rows:
            r += 1
            for j, v in enumerate([label, *scores], 1):
                ws.cell(r, j, v)
        r += 3
    wb.save(path)
    return path


def test_blocks_load_their_operations_and_scores(tmp_path: Path) -> None:
    path = _write(tmp_path / "log.xlsx")
    result = load_cohort(path)
    assert not result.errors, result.errors
    cohort = result.cohort
    procs = cohort.procedures.sort_values(["patient_id", "day", "level"])
    got = sorted((str(p), str(lv), int(d), float(v)) for p, lv, d, v in procs[["patient_id", "level", "day", "cement_volume_ml"]].itertuples(index=False))  # fmt: skip
    assert got == [
        ("K-01", "L1", 0, 3.5),
        ("K-01", "T12", 0, 3.0),  # the second vertebra of the operation above
        ("K-02", "L2", 0, 4.0),
        ("K-02", "L3", 83, 2.5),
        ("K-03", "T8", 0, 2.0),
    ]
    a = cohort.assessments.merge(cohort.procedures[["procedure_id", "day"]].drop_duplicates().rename(columns={"day": "session_day"}), on="procedure_id")  # fmt: skip
    scores = {(str(r.patient_id), int(r.session_day), str(r.measure), str(r.timepoint)): float(r.value) for r in a.itertuples()}  # fmt: skip
    for pid, _, _, _, vas, mobility, vas2 in PATIENTS:
        for tp, v, m in zip(("pre", "1m", "3m"), vas, mobility, strict=True):
            assert scores[(pid, 0, "pain_vas", tp)] == v
            assert scores[(pid, 0, "mobility", tp)] == m  # "Mobility, 0-4": its range after it
        if vas2 is not None:  # the second operation's scores, on its own procedure
            for tp, v in zip(("pre", "1m", "3m"), vas2, strict=True):
                assert scores[(pid, 83, "pain_vas", tp)] == v
    assert len(a) == sum(6 + (3 if p[6] else 0) for p in PATIENTS)
    said = " ".join(p.message for p in result.problems)
    assert "1 table row(s) with blank first cells read as continuing the row above" in said
    readings = {c.header: c.label for c in inspect_input(path).columns}
    assert readings["VAS — after the 2nd operation 1 month"] == "pain_vas@1m"  # shown as written
    _same_with_mapping(path, tmp_path)
