"""Workbooks written part by part from raw XML, to hold cells no spreadsheet library
writes (error cells, ISO dates, untrimmed text, ``12.0``, odd number formats)."""

from __future__ import annotations

import zipfile
from html import escape
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns="{MAIN}" xmlns:r="{REL}"'
_KIND = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def column(i: int) -> str:
    """Letters of a 0-based column index."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def stylesheet(formats: list[str], builtin: list[int]) -> str:
    """Style 0 is General; then one style per custom format, then per built-in id."""
    codes = "".join(
        f'<numFmt numFmtId="{164 + i}" formatCode="{escape(f)}"/>' for i, f in enumerate(formats)
    )
    ids = [164 + i for i in range(len(formats))] + builtin
    xfs = '<xf numFmtId="0"/>' + "".join(f'<xf numFmtId="{i}" applyNumberFormat="1"/>' for i in ids)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}>'
        f'<numFmts count="{len(formats)}">{codes}</numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
        f'<cellXfs count="{len(ids) + 1}">{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def worksheet(rows: str, dimension: str | None, tail: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0"?><worksheet {NS}>{dim}<sheetData>{rows}</sheetData>{tail}</worksheet>'
    )


def write(
    path: Path,
    sheets: list[tuple[str, str]],
    styles: str,
    shared: list[str] | None = None,
    workbook_pr: str = "<workbookPr/>",
    states: dict[str, str] | None = None,
) -> Path:
    """A workbook of ``sheets`` (name, worksheet XML) with the given parts."""
    states = states or {}
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{_KIND}.sheet.main+xml"/>']
    overrides.append(f'<Override PartName="/xl/styles.xml" ContentType="{_KIND}.styles+xml"/>')
    rels = []
    entries = []
    for i, (name, _) in enumerate(sheets, 1):
        overrides.append(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_KIND}.worksheet+xml"/>'
        )
        rels.append(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        )
        state = f' state="{states[name]}"' if name in states else ""
        entries.append(f'<sheet name="{escape(name)}" sheetId="{i}"{state} r:id="rId{i}"/>')
    n = len(sheets)
    rels.append(f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>')
    if shared is not None:
        overrides.append(
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_KIND}.sharedStrings+xml"/>'
        )
        rels.append(
            f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    package = "http://schemas.openxmlformats.org/package/2006"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{package}/content-types"><Default Extension="rels" '
            f'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(overrides)
            + "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{package}/relationships">{"".join(rels)}</Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook {NS}>{workbook_pr}<sheets>{"".join(entries)}'
            "</sheets></workbook>",
        )
        z.writestr("xl/styles.xml", styles)
        for i, (_, xml) in enumerate(sheets, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if shared is not None:
            z.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0"?><sst {NS} count="{len(shared)}" '
                f'uniqueCount="{len(shared)}">{"".join(shared)}</sst>',
            )
    return path
