"""A corpus of malformed and hostile inputs, each with what the toolkit must answer.

Files are generated (seeded) into a folder by :func:`build`; nothing binary is committed.
Every case names the input, where its message must appear (an unreadable input:
``InputFormatError`` text; a data problem: a problem rule in ``validate --json``), the
exit code of ``vertebro validate``, and the identifier strings planted in it that must
never appear in any output. Large-file cases are generated small and run under lowered
limits (``extra_args``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

NAMES = ("Maria Kowalski", "Johann Brenner", "Ines Duarte")
PHONE = "+44 20 7946 0958"
EMAIL = "maria.kowalski@example.org"
MRN = "MRN-8812345"
DOB = "1941-02-03"
SECRETS = (*NAMES, "7946 0958", EMAIL, "8812345", "1941-02-03", "03.02.1941")

HEADER = [
    "Study ID",
    "Sex",
    "Age",
    "Date of procedure",
    "Level",
    "Cement volume",
    "VAS pre",
    "VAS 1m",
]


@dataclass(frozen=True)
class Case:
    """One hostile input and what must come of it."""

    name: str
    kind: str  # the class of the issue it belongs to
    make: Callable[[Path], Path]  # writes the input under the folder, returns its path
    exit_code: int  # of `vertebro validate`
    unreadable: str | None = None  # regex of the InputFormatError message
    rules: tuple[str, ...] = ()  # problem rules that must be reported
    planted: tuple[str, ...] = ()  # identifier strings never to appear in any output
    extra_args: tuple[str, ...] = ()
    rows_in: int | None = None  # data rows the ledger must count
    loads: bool = True


def _rows(n: int = 4) -> list[list[object]]:
    return [
        [f"S{i:02d}", "F" if i % 2 else "M", 70 + i, f"2021-03-{i + 1:02d}", "L1", 3.5, 8, 3]
        for i in range(n)
    ]


def _xlsx(
    path: Path,
    rows: list[list[object]],
    header: list[str] = HEADER,
    title: str = "Cases",
    **opts: object,
) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows:
        ws.append(r)
    if opts.get("merge"):
        ws.merge_cells(str(opts["merge"]))
    if opts.get("stray"):
        ws.cell(1048576, 1, "x")
    if opts.get("hidden"):
        ws.sheet_state = "hidden"
        wb.create_sheet("Notes").append(["nothing here"])
    wb.save(path)
    return path


def _csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _csv_rows(rows: list[list[object]], header: list[str] = HEADER) -> str:
    return "\n".join(",".join(str(c) for c in r) for r in [header, *rows]) + "\n"


def _with(rows: list[list[object]], row: int, col: int, value: object) -> list[list[object]]:
    out = [list(r) for r in rows]
    out[row][col] = value
    return out


def _formula_without_value(path: Path) -> Path:
    _xlsx(path, _with(_rows(), 1, 2, "=60+11"))  # openpyxl saves formulas with no cached value
    return path


def _zip_bomb(path: Path) -> Path:
    _xlsx(path, _rows())
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * 2_500_000)
    return path


def _encrypted(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4)
    return path


def _not_a_zip(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    return path


def _tidy_without_fractures(path: Path) -> Path:
    path.mkdir()
    (path / "patients.csv").write_text("patient_id,sex,age_years\nA1,female,70\nA2,male,71\n")
    (path / "procedures.csv").write_text(
        "procedure_id,patient_id,day,level\nA1-1,A1,0,L1\nA2-1,A2,0,T12\n"
    )
    return path


def _empty_dir(path: Path) -> Path:
    path.mkdir()
    (path / "readme.txt").write_text("nothing")
    return path


def _redcap_mismatch(path: Path) -> Path:
    path.mkdir()
    (path / "records.csv").write_text(
        "record_id,sex,age,level,unknown_field\n1,1,70,L1,x\n2,2,71,L2,y\n"
    )
    (path / "dictionary.csv").write_text(
        "Variable / Field Name,Form Name,Field Type,Field Label,"
        '"Choices, Calculations, OR Slider Labels",Identifier?\n'
        "record_id,base,text,Record ID,,\n"
        'sex,base,radio,Sex,"1, Female | 2, Male",\n'
        "age,base,text,Age,,\n"
        "level,base,text,Treated level,,\n"
    )
    return path


def _unknown_checkbox(path: Path) -> Path:
    path.mkdir()
    (path / "records.csv").write_text(
        "record_id,sex,age,level,leak___1,leak___2,leak___9\n1,1,70,L1,1,0,1\n2,2,71,L2,0,2,0\n"
    )
    (path / "dictionary.csv").write_text(
        "Variable / Field Name,Form Name,Field Type,Field Label,"
        '"Choices, Calculations, OR Slider Labels",Identifier?\n'
        "record_id,base,text,Record ID,,\n"
        'sex,base,radio,Sex,"1, Female | 2, Male",\n'
        "age,base,text,Age,,\n"
        "level,base,text,Treated level,,\n"
        'leak,base,checkbox,Cement leakage,"1, Disc | 2, Venous",\n'
    )
    return path


def _parquet_wrong_dtypes(path: Path) -> Path:
    """A Parquet table whose columns hold the wrong types: dates as numbers, levels as
    floats, ages as booleans."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "Study ID": ["P1", "P2", "P3"],
            "Sex": [1.5, 2.5, 0.5],
            "Age": [True, False, True],
            "Date of procedure": [44300.5, 44301.5, 44302.5],
            "Level": [1.5, 12.25, 3.75],
            "VAS pre": ["high", "low", "mid"],
        }
    )
    frame.to_parquet(path)
    return path


def _cases() -> list[Case]:
    rows = _rows()
    out: list[Case] = []

    def xlsx(
        name: str,
        kind: str,
        rws: list[list[object]],
        code: int,
        rules: tuple[str, ...] = (),
        planted: tuple[str, ...] = (),
        header: list[str] = HEADER,
        title: str = "Cases",
        **opts: object,
    ) -> None:
        out.append(
            Case(
                name,
                kind,
                lambda p, r=rws, h=header, t=title, o=opts: _xlsx(p / f"{name}.xlsx", r, h, t, **o),
                code,
                rules=rules,
                planted=planted,
                rows_in=len(rws),
            )
        )

    def csv(
        name: str,
        kind: str,
        text: str,
        code: int,
        rules: tuple[str, ...] = (),
        planted: tuple[str, ...] = (),
        encoding: str = "utf-8",
        rows_in: int | None = None,
    ) -> None:
        out.append(
            Case(
                name,
                kind,
                lambda p, t=text, e=encoding: _csv(p / f"{name}.csv", t, e),
                code,
                rules=rules,
                planted=planted,
                rows_in=rows_in,
            )
        )

    # privacy: identifiers typed where they do not belong, or used as keys and names
    xlsx("phone_in_level", "privacy", _with(rows, 0, 4, PHONE), 1, ("level",), (PHONE, "7946 0958"))
    xlsx("name_in_age", "privacy", _with(rows, 1, 2, NAMES[0]), 1, ("number",), (NAMES[0],))
    xlsx("email_in_volume", "privacy", _with(rows, 2, 5, EMAIL), 1, ("volume",), (EMAIL,))
    xlsx(
        "dob_in_vas", "privacy", _with(rows, 3, 6, datetime(1941, 2, 3)), 1, ("number",), ("1941",)
    )
    xlsx("mrn_in_level", "privacy", _with(rows, 0, 4, MRN), 1, ("level",), ("8812345",))
    xlsx("name_in_sex", "privacy", _with(rows, 0, 1, NAMES[1]), 1, ("category",), (NAMES[1],))
    xlsx(
        "dob_text_in_age",
        "privacy",
        _with(rows, 0, 2, "03.02.1941"),
        1,
        ("number",),
        ("03.02.1941",),
    )
    xlsx("name_sheet", "privacy", rows, 0, planted=(NAMES[2],), title=NAMES[2])
    xlsx("name_header", "privacy", rows, 0, planted=(NAMES[0],), header=[*HEADER[:-1], NAMES[0]])
    mrn_ids = [[f"MRN-88123{i:02d}", *r[1:]] for i, r in enumerate(rows)]
    out.append(
        Case(
            "mrn_as_study_id",
            "privacy",
            lambda p: _xlsx(p / "mrn_as_study_id.xlsx", mrn_ids),
            2,
            unreadable="look like medical record numbers",
            planted=("8812300", "8812301"),
            loads=False,
        )
    )
    out.append(
        Case(
            "mrn_as_study_id_with_secret",
            "privacy",
            lambda p: _xlsx(p / "mrn_keyed.xlsx", mrn_ids),
            0,
            planted=("8812300", "8812301"),
            extra_args=("--secret", "k3y"),
            rows_in=4,
        )
    )
    named = _rows()
    out.append(
        Case(
            "identifier_file_name",
            "privacy",
            lambda p: _xlsx(p / "Maria Kowalski 1941-02-03.xlsx", named),
            0,
            planted=("Kowalski", "1941-02-03"),
            rows_in=4,
        )
    )
    ident_cols = [*HEADER, "Name", "MRN", "DOB", "Phone", "E-mail"]
    ident_rows = [
        [*r, NAMES[i % 3], f"88123{i:02d}", datetime(1951 - i, 2, 3), PHONE, EMAIL]  # ages 70-73
        for i, r in enumerate(rows)
    ]
    xlsx(
        "identifier_columns",
        "privacy",
        ident_rows,
        0,
        planted=(*NAMES, "8812300", PHONE, EMAIL, "1951"),
        header=ident_cols,
    )

    # injection and escaping
    inj = [
        [*r, v]
        for r, v in zip(
            rows, ['=HYPERLINK("http://x","y")', "+SUM(1,2)", "@cmd", "-x+1"], strict=True
        )
    ]
    xlsx("formula_notes", "injection", inj, 1, ("formula_no_value",), header=[*HEADER, "Notes"])
    xlsx(
        "formula_study_ids",
        "injection",
        [[v, *r[1:]] for r, v in zip(rows, ["@SUM(1+1)", "+cmd", "-2+3", "\tS03"], strict=True)],
        0,
    )
    xlsx("formula_in_level", "injection", _with(rows, 0, 4, "=1+1"), 1, ("level",))
    xlsx(
        "script_in_notes",
        "injection",
        [[*r, "<script>alert(1)</script>"] for r in rows],
        0,
        header=[*HEADER, "Notes"],
    )
    csv("formula_csv", "injection", _csv_rows(_with(rows, 1, 4, "@SUM(A1:A2)")), 1, ("level",))

    # rows lost or data accepted silently
    out.append(
        Case(
            "unclosed_quote",
            "rows",
            lambda p: _csv(p / "unclosed_quote.csv", _csv_rows(rows).replace("S01,", '"S01,', 1)),
            2,
            unreadable="quote opened on line 3 is never closed",
            loads=False,
        )
    )
    out.append(
        Case(
            "formula_without_value",
            "rows",
            lambda p: _formula_without_value(p / "formula_without_value.xlsx"),
            1,
            rules=("formula_no_value",),
            rows_in=4,
        )
    )
    xlsx("merged_data", "rows", rows, 0, ("merged_data_cells",), merge="B2:B3")
    csv(
        "ragged",
        "rows",
        _csv_rows(
            rows
            + [[f"S{i}", "F", 70, "2021-03-01", "L2", 3, 8, 3] for i in range(20, 40)]
            + [["S99", "F", 70, "2021-03-01", "L3", 3, 8, 3, "extra", "cells"]]
        ),
        0,
        ("ragged_row",),
        rows_in=25,
    )
    csv(
        "nul_in_id",
        "rows",
        _csv_rows(_with(rows, 0, 0, "S00\x00")),
        0,
        ("control_characters",),
        rows_in=4,
    )
    xlsx(
        "duplicate_header",
        "rows",
        [[*r, "T12"] for r in rows],
        0,
        ("duplicate_header",),
        header=[*HEADER, "Level"],
    )
    out.append(
        Case(
            "tidy_without_fractures",
            "rows",
            lambda p: _tidy_without_fractures(p / "tidy_no_fx"),
            0,
            rules=("no_fractures_table",),
            rows_in=4,
        )
    )
    csv(
        "date_before_1900",
        "rows",
        _csv_rows(_with(rows, 0, 3, "1899-12-01")),
        1,
        ("date_range",),
        rows_in=4,
    )
    csv(
        "date_in_future",
        "rows",
        _csv_rows(_with(rows, 1, 3, "2099-01-01")),
        1,
        ("date_range",),
        rows_in=4,
    )
    xlsx("age_zero", "rows", _with(rows, 0, 2, 0), 1, ("range",))
    xlsx("age_negative", "rows", _with(rows, 0, 2, -4), 1, ("range",))
    xlsx("age_16", "rows", _with(rows, 0, 2, 16), 0, ("implausible_age",))
    csv(
        "ragged_short",
        "rows",
        _csv_rows(rows) + "S98,F,70\n",
        1,
        ("ragged_row",),
        rows_in=5,
    )
    xlsx("reversed_range", "rows", _with(rows, 0, 4, "L4-L2"), 0, ("reversed_range",))
    csv(
        "serial_in_csv",
        "rows",
        _csv_rows(_with(rows, 2, 3, "44300")),
        0,
        ("excel_serial",),
        rows_in=4,
    )
    out.append(
        Case(
            "redcap_mismatch",
            "rows",
            lambda p: _redcap_mismatch(p / "redcap_mismatch"),
            0,
            rules=("redcap_dictionary",),
            rows_in=2,
        )
    )
    out.append(
        Case(
            "redcap_unknown_checkbox",
            "rows",
            lambda p: _unknown_checkbox(p / "redcap_checkbox"),
            1,
            rules=("redcap_code",),
            rows_in=2,
        )
    )
    xlsx("duplicate_row", "rows", [*rows, rows[0]], 1, ("duplicate_row",))
    xlsx("bad_level_key", "rows", _with(rows, 1, 4, "L9"), 1, ("level",))
    xlsx("blank_id", "rows", _with(rows, 2, 0, None), 1, ("patient_id",))
    xlsx("level_t13", "rows", _with(rows, 0, 4, "T13"), 1, ("level",))
    xlsx("age_150", "rows", _with(rows, 1, 2, 150), 1, ("range",))
    xlsx("volume_45", "rows", _with(rows, 2, 5, "45 ml"), 1, ("range",))
    xlsx("vas_100_undeclared", "rows", _with(rows, 3, 6, 85), 1, ("range",))
    xlsx("sex_unknown_code", "rows", _with(rows, 0, 1, "Q"), 1, ("category",))
    xlsx("word_in_volume", "rows", _with(rows, 1, 5, "lots"), 1, ("volume",))
    semi = [[str(c).replace(".", ",") if isinstance(c, float) else str(c) for c in r] for r in rows]
    semi_text = "\n".join(";".join(r) for r in [HEADER, *semi]) + "\n"
    csv("semicolon_decimal_comma", "rows", semi_text, 0, rows_in=4)

    # crashes and hangs
    long_note = "y" * 140_000
    csv(
        "long_note",
        "crash",
        _csv_rows([[*r, long_note] for r in rows], [*HEADER, "Notes"]),
        0,
        rows_in=4,
    )
    out.append(
        Case(
            "zip_bomb",
            "crash",
            lambda p: _zip_bomb(p / "zip_bomb.xlsx"),
            2,
            unreadable="would expand to 3 MB, above the limit of 1 MB",
            extra_args=("--max-expanded-mb", "1"),
            loads=False,
        )
    )
    out.append(
        Case(
            "stray_cell",
            "crash",
            lambda p: _xlsx(p / "stray_cell.xlsx", rows, stray=True),
            1,
            rules=("stray_cells",),
            rows_in=5,  # the stray row counted in, and excluded
        )
    )
    out.append(
        Case(
            "not_utf8_name",
            "crash",
            lambda p: _csv(p / "caf\udce9 S\udcf8ren.csv", _csv_rows(_with(rows, 0, 4, "L9"))),
            1,
            rules=("level",),
            rows_in=4,
        )
    )
    xlsx(
        "many_columns",
        "crash",
        [[*r, *range(200)] for r in rows],
        0,
        header=[*HEADER, *[f"extra {i}" for i in range(200)]],
    )
    xlsx("only_header", "crash", [], 2, ("no_data_rows",))
    csv("only_header_csv", "crash", _csv_rows([]), 2, ("no_data_rows",), rows_in=0)
    levels = [_with(rows, i, 4, lv)[i] for i, lv in enumerate(("L6", "T13", "S6", "C0"))]
    xlsx("every_level_invalid", "rows", levels, 2, ("level",))
    out.append(
        Case(
            "parquet_wrong_dtypes",
            "rows",
            lambda p: _parquet_wrong_dtypes(p / "wrong_dtypes.parquet"),
            2,
            # each unreadable column named; no patient has a readable treated level
            rules=("column_reading", "no_procedure"),
            rows_in=3,
        )
    )

    # messages that mislead
    out.append(
        Case(
            "encrypted",
            "message",
            lambda p: _encrypted(p / "encrypted.xlsx"),
            2,
            unreadable=r"password-protected \(encrypted\)",
            loads=False,
        )
    )
    out.append(
        Case(
            "not_a_zip",
            "message",
            lambda p: _not_a_zip(p / "not_a_zip.xlsx"),
            2,
            unreadable="not a readable Excel workbook",
            loads=False,
        )
    )
    out.append(
        Case(
            "empty_file",
            "message",
            lambda p: _csv(p / "empty.csv", ""),
            2,
            unreadable=r"the file is empty \(0 bytes\)",
            loads=False,
        )
    )
    out.append(
        Case(
            "empty_xlsx",
            "message",
            lambda p: _csv(p / "empty.xlsx", ""),
            2,
            unreadable=r"the file is empty \(0 bytes\)",
            loads=False,
        )
    )
    for enc in ("utf-16", "utf-16-le", "utf-16-be", "cp1252", "utf-8-sig", "latin-1"):
        note = "Müller - ok" if enc == "latin-1" else "Müller – ok"  # latin-1 has no en dash
        text = _csv_rows([[*r, note] for r in rows], [*HEADER, "Notes"])
        csv(f"encoding_{enc}", "message", text, 0, encoding=enc, rows_in=4)
    xlsx("hidden_only", "message", rows, 2, hidden=True)
    out[-1] = Case(
        "hidden_only", "message", out[-1].make, 2, unreadable="--include-hidden", loads=False
    )
    out.append(
        Case(
            "no_header",
            "message",
            lambda p: _csv(p / "no_header.csv", "a,b,c\n1,2,3\n"),
            2,
            unreadable="no sheet has a recognisable header",
            loads=False,
        )
    )
    out.append(
        Case(
            "legacy_xls",
            "message",
            lambda p: _csv(p / "old.xls", "junk"),
            2,
            unreadable=r"save it as \.xlsx",
            loads=False,
        )
    )
    out.append(
        Case(
            "unknown_suffix",
            "message",
            lambda p: _csv(p / "data.ods", "junk"),
            2,
            unreadable="unknown input format",
            loads=False,
        )
    )
    out.append(
        Case(
            "directory_without_tables",
            "message",
            lambda p: _empty_dir(p / "nothing"),
            2,
            unreadable="a directory must hold",
            loads=False,
        )
    )
    out.append(
        Case(
            "nothing_loads",
            "message",
            lambda p: _xlsx(
                p / "nothing_loads.xlsx", [_with(rows, i, 4, "L9")[i] for i in range(4)]
            ),
            2,
            rules=("level",),
            rows_in=4,
        )
    )
    return out


CASES: tuple[Case, ...] = tuple(_cases())


def build(folder: Path) -> dict[str, Path]:
    """Write every case's input under ``folder``; returns the input path by case name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case in CASES:
        sub = folder / case.name
        sub.mkdir()
        try:
            paths[case.name] = case.make(sub)
        except (OSError, UnicodeEncodeError):
            continue  # a file system that refuses the name (non-UTF-8 file names)
    return paths
