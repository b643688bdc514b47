"""Small hand-made inputs whose every problem is known."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

NAMES = ("Maria Kowalski", "John Smith", "Ana Rossi", "Peter Berg")
MRNS = ("8812345", "8812346", "8812347", "8812348")
DOBS = (datetime(1939, 2, 3), datetime(1948, 6, 7), datetime(1936, 9, 10), datetime(1943, 12, 24))

HEADER = [
    ("Study ID", None),
    ("Name", None),
    ("MRN", None),
    ("DOB", None),
    ("Sex", None),
    ("Age", None),
    ("Date of procedure", None),
    ("Level(s)", None),
    ("Cement", "Type"),
    ("Cement", "Volume"),
    ("VAS pain", "Pre"),
    ("VAS pain", "1 month"),
    ("New fracture", "Date"),
    ("New fracture", "Level"),
    ("Last follow-up", None),
]


def write_messy_workbook(
    path: Path, rows: list[list[object]], hidden_rows: list[list[object]] | None = None
) -> Path:
    """Title line, blank line, a two-row header with merged group cells, then ``rows``."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws["A1"] = "Spine registry 2019-2021"
    for c, (group, sub) in enumerate(HEADER, start=1):
        if sub is None:
            ws.cell(3, c, group)
            ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
        else:
            if HEADER[c - 2][0] != group:
                ws.cell(3, c, group)
                span = sum(1 for g, _ in HEADER if g == group)
                ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + span - 1)
            ws.cell(4, c, sub)
    for r, row in enumerate(rows, start=5):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(r, c, v)
    if hidden_rows is not None:
        h = wb.create_sheet("Old")
        h.sheet_state = "hidden"
        h.append([" ".join(x for x in hs if x) for hs in HEADER])
        for row in hidden_rows:
            h.append(row)
    wb.save(path)
    return path


def clean_rows() -> list[list[object]]:
    d = datetime
    return [
        # id, name, mrn, dob, sex, age, date, level, cement, vol, pre, 1m, fx date, fx level, last fu
        [
            "S01",
            NAMES[0],
            MRNS[0],
            DOBS[0],
            "F",
            80,
            d(2020, 1, 10),
            "T12/L1",
            "PMMA",
            "3.5 cc",
            8,
            3,
            None,
            None,
            d(2021, 1, 10),
        ],
        [
            "S02",
            NAMES[1],
            MRNS[1],
            DOBS[1],
            "male",
            71,
            d(2020, 2, 1),
            "L2",
            "pmma",
            "4,5",
            9,
            2,
            d(2020, 3, 1),
            "L3",
            d(2021, 2, 1),
        ],
        [
            "S02",
            NAMES[1],
            MRNS[1],
            DOBS[1],
            "M",
            71,
            d(2020, 5, 1),
            "L2",
            "PMMA",
            "6.5 ml",
            7,
            2,
            None,
            None,
            d(2021, 2, 1),
        ],
        [
            "S03",
            NAMES[2],
            MRNS[2],
            DOBS[2],
            "w",
            83,
            d(2020, 3, 5),
            "Th11",
            "Cortoss",
            4,
            "n/a",
            4,
            None,
            None,
            d(2020, 12, 5),
        ],
    ]
