"""The workbook reader's own XML parse against openpyxl's read-only reader, cell by cell.

Every workbook of the repository (the blind batches, the demo registry), the gallery's
site workbooks, the hostile corpus, a synthetic wide workbook and hand-written sheets
holding every kind of cell are read both ways; values and their types must be equal,
and so must merged ranges and what the reader reports.
"""

from __future__ import annotations

import zipfile
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from analysis.io import xlsx
from analysis.io.sheets import RawSheet, ReadLimits
from analysis.io.xlsx_cells import NotPlainError
from analysis.problems import InputFormatError

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = [
    *sorted(ROOT.glob("tests/blind/batch*/*/input.xlsx")),
    ROOT / "analysis/data/demo_registry.xlsx",
]
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _both(path: Path) -> tuple[list[RawSheet], list[RawSheet]]:
    limits = ReadLimits()
    with xlsx.Archive(path) as archive:
        ours = xlsx._read_plain(archive, True, limits)
    with xlsx.Archive(path) as archive:
        theirs = xlsx._read_openpyxl(archive, True, limits)
    return ours, theirs


def _typed(sheet: RawSheet) -> list[list[tuple[type, object]]]:
    return [[(type(v), v) for v in row] for row in sheet.rows]


def assert_same_cells(path: Path) -> None:
    ours, theirs = _both(path)
    assert [(s.sheet, s.hidden) for s in ours] == [(s.sheet, s.hidden) for s in theirs]
    for a, b in zip(ours, theirs, strict=True):
        assert _typed(a) == _typed(b), f"{path.name}: sheet {a.sheet}"
        assert (a.merged, a.problems, a.stray_rows) == (b.merged, b.problems, b.stray_rows)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.parent.name)
def test_committed_workbooks_read_as_openpyxl_reads_them(path: Path) -> None:
    assert_same_cells(path)


def test_generated_workbooks_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    from analysis.synth import synthesize, write_wide_workbook
    from tests.gallery.sites import build as build_gallery
    from tests.hostile.corpus import build as build_hostile

    paths = [p for p, _ in build_gallery(tmp_path / "gallery").values()]
    paths += [p for p in build_hostile(tmp_path / "hostile").values() if p.suffix == ".xlsx"]
    paths.append(write_wide_workbook(synthesize(300, seed=7), tmp_path / "wide.xlsx"))
    read = 0
    for path in paths:
        try:
            assert_same_cells(path)
            read += 1
        except (zipfile.BadZipFile, InputFormatError, OSError):
            continue  # damaged on purpose: refused by both (the hostile tests say how)
    assert read >= 40


def _state(name: str) -> str:
    return ' state="hidden"' if name.startswith("hidden") else ""


def _workbook(path: Path, sheets: dict[str, str], **parts: str) -> Path:
    """A workbook from hand-written parts: ``sheets`` maps a name to its sheet XML."""
    book = parts.pop("workbook_pr", "")
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"{_state(name)}/>'
        for i, name in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    rels += f'<Relationship Id="rS" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    members = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
        'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
        'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main'
        '+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/'
        'sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        f'spreadsheetml.sharedStrings+xml"/>{types}</Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="r1" Type="{RELS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {MAIN} xmlns:r="{RELS}">{book}<sheets>{entries}'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.'
        f'org/package/2006/relationships">{rels}</Relationships>',
        "xl/styles.xml": parts.pop("styles", STYLES),
        "xl/sharedStrings.xml": parts.pop("strings", STRINGS),
    }
    for i, xml in enumerate(sheets.values(), start=1):
        members[f"xl/worksheets/sheet{i}.xml"] = xml
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members.items():
            z.writestr(name, text.encode("utf-8"))
    return path


# styles: 0 General, 1 built-in date (14), 2 custom date, 3 time, 4 duration, 5 a number
# format with a quoted "d" (not a date), 6 a custom id spelling a built-in format
STYLES = (
    f'<styleSheet {MAIN}><numFmts count="4"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="165" formatCode="[h]:mm:ss"/><numFmt numFmtId="166" '
    'formatCode="0.0&quot; d&quot;"/><numFmt numFmtId="167" formatCode="mm-dd-yy"/>'
    '</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill/></fill></fills><borders '
    'count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" '
    'fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
    '<xf numFmtId="21"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)
STRINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {MAIN} count="6" '
    'uniqueCount="6"><si><t>Study ID</t></si><si><t xml:space="preserve"> Level </t></si>'
    '<si><r><rPr><b/></rPr><t>VAS </t></r><r><t>pre</t></r></si><si><t>骨折</t><rPh sb="0" '
    'eb="1"><t>こっせつ</t></rPh><phoneticPr fontId="1"/></si><si><t/></si>'
    "<si><t>A &amp; B &lt;x&gt; &#x263A; _x005F_x000D_</t></si></sst>"
)


def _cells(*rows: str, dimension: str | None = "A1:F9") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"<worksheet {MAIN}>{dim}<sheetData>{''.join(rows)}</sheetData></worksheet>"


KINDS = _cells(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s">'
    '<v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s">'
    "<v>5</v></c></row>",
    '<row r="2"><c r="A2"><v>7</v></c><c r="B2"><v>7.0</v></c><c r="C2"><v>1E3</v></c>'
    '<c r="D2"><v>-0.25</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="b"><v>0</v></c></row>',
    '<row r="3"><c r="A3" t="e"><v>#N/A</v></c><c r="B3" t="str"><f>A1&amp;"x"</f>'
    '<v>Study IDx</v></c><c r="C3"><f>1+1</f><v>2</v></c><c r="D3"><f>1+1</f><v /></c>'
    '<c r="E3" t="inlineStr"><is><r><t>rich </t></r><r><rPr><i/></rPr><t>inline</t></r></is>'
    '</c><c r="F3" t="inlineStr"><is><t xml:space="preserve">  kept  </t></is></c></row>',
    '<row r="5" spans="1:6" ht="20" customHeight="1"><c r="A5" s="1"><v>44927</v></c>'
    '<c r="B5" s="2"><v>44927.5</v></c><c r="C5" s="3"><v>0.75</v></c><c r="D5" s="4">'
    '<v>1.5</v></c><c r="E5" s="5"><v>3</v></c><c r="F5" s="6"><v>30</v></c></row>',
    '<row r="6"><c r="A6" t="d"><v>2023-01-02T03:04:05</v></c><c r="C6" s="1"/><c r="D6" '
    't="inlineStr"></c><c r="E6" t="n"><v></v></c><c r="F6" t="inlineStr"><is><t/></is></c>'
    "</row>",
    '<row r="7"/><row><c r="B8"><v>8</v></c></row>',
    '<row r="9"><c r="A9" t="str"><v>line\r\none &#13;two</v></c><c r="B9"><v>1e10</v>'
    '</c><c r="Z9" t="str"><v>beyond the dimension</v></c></row><row r="12"><c r="A12"><v>1</v></c>'
    "</row>",
)


def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    wide = _cells(
        '<row r="2"><c r="C2"><v>1</v></c></row><row r="4"><c r="A4"><v>2</v></c></row>',
        dimension=None,
    )
    path = _workbook(
        tmp_path / "kinds.xlsx",
        {"Kinds": KINDS, "No dimension": wide, "Wrong dimension": KINDS.replace("A1:F9", "A1")},
    )
    assert_same_cells(path)
    ours, _ = _both(path)
    rows = ours[0].rows
    assert rows[0] == ["Study ID", " Level ", "VAS pre", "骨折", "", "A & B <x> ☺ _x000D_"]
    assert rows[1] == [7, 7.0, 1000.0, -0.25, True, False]
    assert [type(v) for v in rows[1][:2]] == [int, float]
    assert rows[2] == ["#N/A", "Study IDx", 2, None, "rich inline", "  kept  "]
    assert rows[3] == []  # row 4 is missing from the file: a blank row
    assert rows[4] == [
        datetime(2023, 1, 1),
        datetime(2023, 1, 1, 12),
        time(18),
        timedelta(days=1.5),
        3,
        datetime(1900, 1, 30),  # serials below 60 count from 31 December 1899
    ]
    assert rows[5] == [datetime(2023, 1, 2, 3, 4, 5), None, None, None, None, ""]
    assert rows[8][0] == "line\none \rtwo"
    assert len(rows) == 9  # the dimension ends the sheet at row 9, as in openpyxl
    assert ours[1].rows == [[], [None, None, 1], [], [2]]  # no dimension: rows as long as written
    assert ours[2].rows == [["Study ID"]]  # a too-small dimension cuts, as in openpyxl


def test_the_1904_date_system_and_hidden_sheets(tmp_path: Path) -> None:
    sheet = _cells('<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>59</v></c></row>')
    path = _workbook(
        tmp_path / "mac.xlsx",
        {"Data": sheet, "hidden notes": sheet},
        workbook_pr='<workbookPr date1904="1"/>',
    )
    assert_same_cells(path)
    ours, _ = _both(path)
    assert ours[0].rows[0][:2] == [datetime(1904, 1, 2), datetime(1904, 2, 29)]
    assert ours[1].hidden
    assert xlsx.read_workbook(path)[1].rows == []  # hidden: listed, not read


def test_a_sheet_outside_the_plain_form_is_read_by_openpyxl(tmp_path: Path) -> None:
    prefixed = KINDS.replace("<c ", "<x:c ").replace("</c>", "</x:c>")
    prefixed = prefixed.replace(f"<worksheet {MAIN}>", f"<worksheet {MAIN} {MAIN[:5]}:x{MAIN[5:]}>")
    commented = KINDS.replace('<row r="2">', '<!-- a note --><row r="2">')
    for name, xml in (("prefixed", prefixed), ("commented", commented)):
        path = _workbook(tmp_path / f"{name}.xlsx", {"Kinds": xml})
        with xlsx.Archive(path) as archive, pytest.raises(NotPlainError):
            xlsx._read_plain(archive, True, ReadLimits())
        plain = _workbook(tmp_path / "plain.xlsx", {"Kinds": KINDS})
        assert xlsx.read_workbook(path)[0].rows == xlsx.read_workbook(plain)[0].rows


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    sheet = laughs + _cells('<row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row>')
    path = _workbook(tmp_path / "laughs.xlsx", {"Data": sheet})
    with pytest.raises(InputFormatError, match="damaged workbook: not a readable Excel workbook"):
        xlsx.read_workbook(path)
    strings = STRINGS.replace("<sst ", laughs.replace("worksheet", "sst") + "<sst ", 1)
    path = _workbook(tmp_path / "sst.xlsx", {"Data": KINDS}, strings=strings[38:])
    with pytest.raises(InputFormatError, match="damaged workbook"):
        xlsx.read_workbook(path)


def test_undefined_entity_is_a_damaged_workbook(tmp_path: Path) -> None:
    sheet = _cells('<row r="1"><c r="A1" t="inlineStr"><is><t>caf&eacute;</t></is></c></row>')
    path = _workbook(tmp_path / "entity.xlsx", {"Data": sheet})
    with pytest.raises(InputFormatError, match="a sheet's XML is malformed"):
        xlsx.read_workbook(path)


def test_a_sheet_cut_short_is_a_damaged_workbook(tmp_path: Path) -> None:
    cut = _cells('<row r="1"><c r="A1"><v>1</v></c></row>', dimension=None)
    path = _workbook(tmp_path / "cut.xlsx", {"Kinds": cut[: cut.index("</sheetData>")]})
    with xlsx.Archive(path) as archive, pytest.raises(NotPlainError, match="cut short"):
        xlsx._read_plain(archive, True, ReadLimits())
    with pytest.raises(InputFormatError, match="a sheet's XML is malformed"):
        xlsx.read_workbook(path)


def test_single_quoted_attributes_and_prefixed_roots_go_to_openpyxl(tmp_path: Path) -> None:
    quoted = STYLES.replace('<xf numFmtId="14"/>', "<xf numFmtId='14'/>")
    prefixed = STYLES.replace("<styleSheet ", "<x:styleSheet ").replace(
        "</styleSheet>", "</x:styleSheet>"
    )
    prefixed = prefixed.replace(MAIN, f"{MAIN[:5]}:x{MAIN[5:]}")
    for name, styles in (("quoted", quoted), ("prefixed", prefixed)):
        path = _workbook(tmp_path / f"{name}.xlsx", {"Kinds": KINDS}, styles=styles)
        with xlsx.Archive(path) as archive, pytest.raises(NotPlainError):
            xlsx._read_plain(archive, True, ReadLimits())
    path = _workbook(tmp_path / "quoted.xlsx", {"Kinds": KINDS}, styles=quoted)
    assert xlsx.read_workbook(path)[0].rows[4][0] == datetime(2023, 1, 1)


def test_cells_and_rows_without_end_tags_are_a_damaged_workbook(tmp_path: Path) -> None:
    open_cells = "".join(f'<c r="A{i}"><v>{i}</v>' for i in range(1, 20001))
    open_rows = "".join(f'<row r="{i}"><c r="A{i}"><v>1</v></c>' for i in range(1, 20001))
    for name, body in (("cells", f'<row r="1">{open_cells}</row>'), ("rows", open_rows)):
        path = _workbook(tmp_path / f"{name}.xlsx", {"Data": _cells(body, dimension=None)})
        with xlsx.Archive(path) as archive, pytest.raises(NotPlainError):
            xlsx._read_plain(archive, True, ReadLimits())
        with pytest.raises(InputFormatError, match="a sheet's XML is malformed"):
            xlsx.read_workbook(path)


def test_a_string_item_without_its_end_tag_shifts_no_string(tmp_path: Path) -> None:
    strings = STRINGS.replace("<si><t>Study ID</t></si>", "<si><t>Study ID</t>", 1)
    path = _workbook(tmp_path / "sst.xlsx", {"Data": KINDS}, strings=strings)
    with xlsx.Archive(path) as archive, pytest.raises(NotPlainError):
        xlsx._read_plain(archive, True, ReadLimits())
    with pytest.raises(InputFormatError, match="damaged workbook"):
        xlsx.read_workbook(path)
