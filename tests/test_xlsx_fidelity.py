"""calamine reads a workbook's cells exactly as openpyxl's read-only mode does: cell by
cell, with types (``None`` for blanks, int against float, dates, times, error text),
on a workbook holding every kind of cell and on every workbook the test corpora write;
where it cannot vouch for a sheet, openpyxl reads that sheet."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pytest

from analysis.io import read_workbook
from analysis.io.xlsx import Archive
from analysis.io.xlsx_calamine import open_calamine
from tests.xlsx_parts import column, stylesheet, worksheet, write

FORMATS = [
    "yyyy-mm-dd",
    "[h]:mm:ss",
    "hh:mm",
    '0.0 "d"',
    "[$-409]d-mmm-yy;@",
    "mm:ss",
    "[mm]:ss",
    "0.00E+00",
    '#,##0 "mg"',
    "@",
    "d/m/yyyy h:mm",
    "[Red]0.0",
    "0.0_h",
    "h:mm AM/PM",
    "[$-F800]dddd, mmmm dd, yyyy",
    "\\d0",
    "[ss].00",
    "0%",
    "# ?/?",
]
BUILTIN = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 1, 2, 9, 10, 11, 12, 49]
SERIALS = ["44256", "44256.25", "0.5", "0", "1", "59", "60", "61", "-3", "-0.25", "0.9999999"]
SERIALS += ["36526.999999", "1.0416666666666667", "12.5", "100", "44256.0006944444", "44256.0"]
SHARED = [
    "<si><t>plain</t></si>",
    "<si><t>  untrimmed  </t></si>",
    '<si><t xml:space="preserve">  kept  </t></si>',
    "<si><r><t>ri</t></r><r><rPr><b/></rPr><t>ch</t></r></si>",
    '<si><t>ab</t><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>',
    "<si><t>line_x000D_\nbreak</t></si>",
    "<si><t>esc_x005F_x000D_</t></si>",
    "<si><t/></si>",
    "<si><t>a&amp;b&lt;c&#10;d&#x41;</t></si>",
    "<si><t>cr\r\nlf</t></si>",
    "<si/>",
]
CELLS = (
    '<c r="A2" t="e"><v>#N/A</v></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    '<c r="C2" t="str"><f>"a"</f><v>formula text</v></c><c r="D2" t="str"><v></v></c>'
    '<c r="E2" t="inlineStr"><is><t> inline </t></is></c><c r="F2" t="inlineStr"></c>'
    '<c r="G2" t="inlineStr"><is><t/></is></c><c r="H2" t="b"><v>1</v></c>'
    '<c r="I2" t="b"><f>FALSE</f><v>0</v></c><c r="J2"><f>1+1</f></c><c r="K2" s="1"/>'
    '<c r="L2" t="d"><v>2021-03-01</v></c><c r="M2" t="d"><v>2021-03-01T10:30:00</v></c>'
    '<c r="N2" t="inlineStr"><is><r><rPr><b/></rPr><t>bold</t></r><r><t> run</t></r></is></c>'
    '<c r="O2" t="inlineStr"><is><t>tab_x0009_</t></is></c>'
)
NUMBERS = ["12.0", "12", "1E3", "-0", "-0.0", "12345678901234567890", " 7", "3.25", "1e+20"]
NUMBERS += ["0.30000000000000004", "9007199254740993", "12.", "-4.5", "1.2345678E7"]


def _same(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (
            a == b and math.copysign(1, a) == math.copysign(1, b)
        )
    return a == b


def _differences(path: Path) -> list[tuple[object, ...]]:
    """Every difference between the default reading and openpyxl's, all sheets."""
    fast = read_workbook(path, include_hidden=True)
    ref = read_workbook(path, include_hidden=True, engine="openpyxl")
    out: list[tuple[object, ...]] = []
    if [(s.sheet, s.hidden) for s in fast] != [(s.sheet, s.hidden) for s in ref]:
        return [("sheets", [s.sheet for s in fast], [s.sheet for s in ref])]
    for a, b in zip(fast, ref, strict=True):
        if (a.merged, a.problems, a.n_rows) != (b.merged, b.problems, b.n_rows):
            out.append((a.sheet, a.merged, b.merged, a.problems, b.problems, a.n_rows, b.n_rows))
            continue
        for i, (ra, rb) in enumerate(zip(a.rows, b.rows, strict=True), start=1):
            if len(ra) != len(rb):
                out.append((a.sheet, i, "width", len(ra), len(rb)))
            out += [
                (a.sheet, f"{column(j)}{i}", x, y)
                for j, (x, y) in enumerate(zip(ra, rb, strict=False))
                if not _same(x, y)
            ]
    return out


def _read_by_calamine(path: Path) -> dict[str, bool]:
    """Per worksheet, whether calamine (not openpyxl) gives its rows."""
    with Archive(path) as archive:
        fast = open_calamine(path, archive)
        if fast is None:
            return {}
        with fast:
            return {t: fast.rows(t, archive.sheet_xml(t)) is not None for t, _ in fast.sheets}


def _every_kind_of_cell(path: Path, workbook_pr: str = "<workbookPr/>") -> Path:
    n_styles = 1 + len(FORMATS) + len(BUILTIN)
    width = column(n_styles - 1)
    dated = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{column(s)}{r}" s="{s}"><v>{v}</v></c>' for s in range(n_styles))
        + "</row>"
        for r, v in enumerate(SERIALS, start=1)
    )
    shared = "".join(f'<c r="{column(i)}1" t="s"><v>{i}</v></c>' for i in range(len(SHARED)))
    numbers = "".join(f'<c r="{column(i)}3"><v>{v}</v></c>' for i, v in enumerate(NUMBERS))
    cells = f'<row r="1">{shared}</row><row r="2">{CELLS}</row><row r="3">{numbers}</row>'
    merges = '<mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="C2"/>'
    merges += '<mergeCell ref="D2:D3"/></mergeCells>'
    return write(
        path,
        [
            ("Dates", worksheet(dated, f"A1:{width}{len(SERIALS)}")),
            ("Cells & text", worksheet(cells, "A1:P3", merges)),
            ("Hidden", worksheet(dated, f"A1:{width}{len(SERIALS)}")),
            ("Very hidden", worksheet(cells, "A1:P3")),
        ],
        stylesheet(FORMATS, BUILTIN),
        SHARED,
        workbook_pr,
        {"Hidden": "hidden", "Very hidden": "veryHidden"},
    )


@pytest.mark.parametrize(
    "workbook_pr", ["<workbookPr/>", '<workbookPr date1904="1"/>', '<workbookPr date1904="true"/>']
)
def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path, workbook_pr):
    path = _every_kind_of_cell(tmp_path / "cells.xlsx", workbook_pr)
    assert _differences(path) == []
    assert all(_read_by_calamine(path).values())  # and calamine read them
    (_, cells, _, _) = read_workbook(path, include_hidden=True)
    row = cells.rows[1]
    assert row[:2] == ["#N/A", "#DIV/0!"]  # error text, where calamine gives blanks
    assert (row[4], row[5], row[6]) == (" inline ", None, "")
    assert [type(v) for v in cells.rows[2][:3]] == [float, int, float]  # 12.0, 12, 1E3


def test_a_date_past_year_9999_is_an_error_value_with_openpyxl_warning(tmp_path):
    rows = '<row r="1"><c r="A1" s="1"><v>3000000</v></c><c r="B1"><v>3000000</v></c></row>'
    path = write(tmp_path / "d.xlsx", [("S", worksheet(rows, "A1:B1"))], stylesheet([], [14]))
    for engine in ("auto", "openpyxl"):
        with pytest.warns(UserWarning, match="outside the limits for dates"):
            (sheet,) = read_workbook(path, engine=engine)  # type: ignore[arg-type]
        assert sheet.rows == [["#VALUE!", 3000000]]
    with pytest.warns(UserWarning, match="outside the limits for dates"):
        assert _read_by_calamine(path) == {"S": True}


def test_a_format_the_readers_disagree_on_is_left_to_openpyxl(tmp_path):
    # id 31 is an East Asian built-in date format: calamine reads a date, openpyxl a number
    rows = '<row r="1"><c r="A1" s="1"><v>44256</v></c></row>'
    path = write(tmp_path / "cjk.xlsx", [("S", worksheet(rows, "A1:A1"))], stylesheet([], [31]))
    assert _read_by_calamine(path) == {"S": False}
    (sheet,) = read_workbook(path)
    assert sheet.rows == [[44256]]
    assert _differences(path) == []
    unused = write(tmp_path / "unused.xlsx", [("S", worksheet(rows.replace(' s="1"', ""), "A1"))],
                   stylesheet([], [31]))  # fmt: skip
    assert _read_by_calamine(unused) == {"S": True}  # a style no cell uses does not matter


def test_sheets_calamine_cannot_vouch_for_are_read_by_openpyxl(tmp_path):
    stray = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>'  # fmt: skip
    unsized = '<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="C3"><v>2</v></c></row>'
    no_refs = '<row r="1"><c><v>1</v></c><c><v>2</v></c></row>'
    path = write(
        tmp_path / "odd.xlsx",
        [
            ("Stray", worksheet(stray, "A1:A1048576")),
            ("Unsized", worksheet(unsized, None)),
            ("No refs", worksheet(no_refs, "A1:B1")),
            ("Fine", worksheet(unsized, "A1:C3")),
        ],
        stylesheet([], []),
    )
    assert _read_by_calamine(path) == {"Stray": False, "Unsized": False, "No refs": False, "Fine": True}  # fmt: skip
    assert _differences(path) == []
    stray_sheet, unsized_sheet, _, _ = read_workbook(path)
    assert [p.rule for p in stray_sheet.problems] == ["stray_cells"]
    assert unsized_sheet.rows == [[1], [], [None, None, 2]]  # openpyxl's uneven rows


def test_a_hidden_sheet_is_not_read_unless_asked(tmp_path):
    path = write(
        tmp_path / "h.xlsx",
        [("Shown", worksheet('<row r="1"><c r="A1"><v>1</v></c></row>', "A1")),
         ("Hidden", worksheet('<row r="1"><c r="A1" t="s"><v>99</v></c></row>', "A1"))],
        stylesheet([], []),
        states={"Hidden": "hidden"},
    )  # fmt: skip
    shown, hidden = read_workbook(path)  # the hidden sheet's bad string index is never met
    assert (shown.rows, hidden.rows, hidden.hidden) == ([[1]], [], True)
    with pytest.raises(IndexError):
        read_workbook(path, include_hidden=True)


def test_cells_beyond_a_wrong_dimension_are_read_not_dropped(tmp_path):
    # openpyxl's read-only mode trusts the stored dimension and drops the cells beyond it
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="D3"><v>4</v></c></row>'
    path = write(tmp_path / "dim.xlsx", [("S", worksheet(rows, "A1:B2"))], stylesheet([], []))
    (sheet,) = read_workbook(path)
    assert sheet.rows == [[1, None, None, None], [], [None, None, None, 4]]
    (dropped,) = read_workbook(path, engine="openpyxl")
    assert dropped.rows == [[1, None]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every workbook the test corpora write."""
    import analysis
    from analysis.synth import Messiness, synthesize, write_wide_workbook
    from tests.gallery.sites import build as gallery
    from tests.hostile.corpus import build as hostile
    from tests.wide_per_patient import write_per_patient_workbook

    root = tmp_path_factory.mktemp("corpus")
    paths = [p for p, _ in gallery(root / "gallery").values()]
    paths += [p for p in hostile(root / "hostile").values() if p.suffix == ".xlsx"]
    paths.append(Path(analysis.__file__).parent / "data" / "demo_registry.xlsx")
    cohort = synthesize(80, seed=3)
    for name, messy in (("messy", Messiness()), ("clean", Messiness.clean())):
        paths.append(write_wide_workbook(cohort, root / f"wide_{name}.xlsx", 3, messiness=messy))
        paths.append(write_per_patient_workbook(cohort, root / f"pp_{name}.xlsx", messy, 3))
    return paths


def test_every_corpus_workbook_reads_as_openpyxl_reads_it(corpus):
    readable, by_calamine = 0, []
    for path in corpus:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl's own notes on odd files
                read_workbook(path, engine="openpyxl")
        except ValueError:
            continue  # refused (encrypted, not a zip ...): tests/test_hostile.py
        readable += 1
        assert _differences(path) == [], path.name
        by_calamine += list(_read_by_calamine(path).values())
    assert readable >= 50
    assert sum(by_calamine) >= len(by_calamine) - 1  # only the stray-cell sheet is openpyxl's
