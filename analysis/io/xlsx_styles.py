"""How openpyxl and calamine read a number under each cell style of a workbook.

Both decide from a style's number format whether a number is a date, a duration or a
number, by rules that mostly agree (calamine ported openpyxl's tests) but not always:
calamine 0.9 reads the East Asian built-in date formats (ids 27-36, 50-58) as dates,
openpyxl as numbers. :func:`disagreeing_styles` asks calamine itself, by reading one
probe value under every style of the workbook, and compares with openpyxl's rules.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

from analysis.problems import column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_KIND = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DATE1904 = re.compile(rb'<workbookPr\b[^>]*\bdate1904="([^"]*)"')
_PROBE = 1.5  # read differently as a number, a date and a duration
_PER_ROW = 1000
INTERRUPTS = (KeyboardInterrupt, SystemExit)  # re-raised where calamine's failures are caught


class Styles:
    """How openpyxl reads a number under each cell style, and its date epoch.

    Raises whatever openpyxl raises for a stylesheet it cannot read.
    """

    def __init__(self, styles_xml: bytes, date1904: bool) -> None:
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

        self.epoch: datetime = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        self.date1904 = date1904
        self.dates: set[int] = set()
        self.durations: set[int] = set()
        self.count = 0
        if styles_xml:
            from openpyxl.styles.stylesheet import Stylesheet
            from openpyxl.xml.functions import fromstring

            sheet = Stylesheet.from_tree(fromstring(styles_xml))
            self.dates, self.durations = set(sheet.date_formats), set(sheet.timedelta_formats)
            self.count = len(sheet.cell_styles)

    def openpyxl_value(self, style: int) -> object:
        """openpyxl's reading of the probe value under a style."""
        from openpyxl.utils.datetime import from_excel

        if style not in self.dates:
            return _PROBE
        return from_excel(_PROBE, self.epoch, timedelta=style in self.durations)


def date1904(book: bytes) -> bool | None:
    """The workbook's 1904 date-system flag; ``None`` when openpyxl and calamine would
    read the attribute differently (they agree on 0, 1, true and false only)."""
    m = _DATE1904.search(book)
    if m is None:
        return False
    return {b"1": True, b"true": True, b"0": False, b"false": False}.get(m[1])


def _probe_workbook(styles_xml: bytes, count: int, in_1904: bool) -> bytes:
    """A workbook holding the probe value once under each of ``count`` cell styles."""
    rows = []
    for first in range(0, count, _PER_ROW):
        n = first // _PER_ROW + 1
        cells = "".join(
            f'<c r="{column_letter(i - first + 1)}{n}" s="{i}"><v>{_PROBE}</v></c>'
            for i in range(first, min(first + _PER_ROW, count))
        )
        rows.append(f'<row r="{n}">{cells}</row>')
    flag = ' date1904="1"' if in_1904 else ""
    relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_KIND}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_KIND}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_KIND}.styles+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{relationships}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{_REL}"><workbookPr{flag}/>'
        '<sheets><sheet name="probe" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{relationships}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(rows)}'
        "</sheetData></worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
        z.writestr("xl/styles.xml", styles_xml)
    return out.getvalue()


def disagreeing_styles(styles: Styles, styles_xml: bytes) -> set[int] | None:
    """The cell styles under which calamine reads a number otherwise than openpyxl;
    ``None`` when calamine cannot read the probe at all."""
    if styles.count == 0:
        return set()
    import python_calamine

    data = _probe_workbook(styles_xml, styles.count, styles.date1904)
    try:
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            grid = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except INTERRUPTS:
        raise
    except BaseException:  # calamine refuses the stylesheet (a Rust panic is a BaseException)
        return None
    got = [v for row in grid for v in row[:_PER_ROW]][: styles.count]
    if len(got) != styles.count:
        return None
    out = set()
    for style, value in enumerate(got):
        if isinstance(value, date) and not isinstance(value, datetime):
            value = datetime(value.year, value.month, value.day)
        expected = styles.openpyxl_value(style)
        if type(value) is not type(expected) or value != expected:
            out.add(style)
    return out
