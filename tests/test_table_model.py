"""The table model and its exporters: snapshots of every text format, the Word and Excel
files opened and checked with python-docx and openpyxl."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from analysis.tables.model import Row, Span, Table
from analysis.tables.render_text import to_csv
from tests.snapshot import assert_snapshot

M = "\u2212"


def example() -> Table:
    return Table(
        title="Table 9. Example <b>table</b> & friends",
        columns=("Characteristic", "HR (95% CI)", "P", "HR (95% CI)", "P"),
        spanners=((Span("Univariable", 1, 3), Span("Multivariable", 3, 5)),),
        rows=(
            Row(("Patient level", "", "", "", ""), group=True),
            Row(("Age, years", "1.02 (1.00 to 1.04)", "0.041", "1.01 (0.99 to 1.03)", "0.210")),
            Row(("Fracture etiology", "", "", "", "")),
            Row(("Osteoporotic", "1 (reference)", "", "1 (reference)", ""), indent=1),
            Row(
                (
                    "A&B <script>x</script>",
                    f"{M}2.7 ({M}3.3 to {M}2.2)",
                    "< .001",
                    "-2.7 (-3.3 to -2.2)",
                    "< 0.001",
                ),
                indent=1,
            ),
            Row(("cement_volume_ml | raw", '=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-5")),
        ),
        footnotes=(
            "Abbreviations: CI, confidence interval; HR, hazard ratio.",
            "P < .05 $100 50% #1 _x_",
        ),
        name="example",
    )


def test_text_formats_match_their_snapshots() -> None:
    t = example()
    assert_snapshot("example.html", t.to_html())
    assert_snapshot("example.md", t.to_markdown())
    assert_snapshot("example.tex", t.to_latex())
    assert_snapshot("example.csv", to_csv(t))


def test_html_escapes_every_text_and_shows_in_jupyter() -> None:
    html = example()._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>table</b>" not in html and "&amp; friends" in html
    assert 'colspan="2"' in html and "Multivariable" in html


def test_markdown_shows_less_than_and_latex_sets_marks_as_superscripts() -> None:
    t = Table(
        title="Table 2. Marks",
        columns=("Measure", "P"),
        rows=(Row(("Pain", "< 0.001ᵃ")), Row(("Age", "0.041ᵇ"))),
        footnotes=("ᵃ Wilcoxon signed-rank test.", "ᵇ Welch two-sample t-test."),
        name="marks",
    )
    md = t.to_markdown()
    assert "| Pain | < 0.001ᵃ |" in md and "&lt;" not in md
    # what Markdown would read as HTML stays text: the tag is escaped, not turned to &lt;
    assert r"A&B \<script>x\</script>" in example().to_markdown()
    tex = t.to_latex()
    assert r"Pain & \textless{} 0.001\textsuperscript{a} \\" in tex
    assert r"\textsuperscript{b} Welch two-sample t-test.\par" in tex
    assert "ᵃ" not in tex and "ᵇ" not in tex


def test_csv_cells_cannot_run_as_formulas() -> None:
    text = to_csv(example())
    assert "'=HYPERLINK" in text and "'@SUM" in text
    # a number with its interval is data, left alone, though it starts with a minus
    assert ",-2.7 (-3.3 to -2.2)," in text and "'-2.7" not in text
    assert ",+1," in text and ",-5\n" in text  # signed numbers are data, left alone
    assert f"{M}2.7" in text


def test_dataframe_has_spanners_as_column_levels() -> None:
    frame = example().to_frame()
    assert isinstance(frame.columns, pd.MultiIndex)
    assert frame.columns[1] == ("Univariable", "HR (95% CI)")
    assert frame.iloc[3, 0] == "\u00a0" * 4 + "Osteoporotic"


def test_docx_is_a_real_word_table(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    path = example().to_docx(tmp_path / "t.docx")
    doc = Document(str(path))
    (table,) = doc.tables
    assert len(table.rows) == 2 + 6 and len(table.columns) == 5
    # the spanners are merged cells: both grid positions hold one cell
    assert table.cell(0, 1)._tc is table.cell(0, 2)._tc
    assert table.cell(0, 3)._tc is table.cell(0, 4)._tc
    assert table.cell(0, 1).text == "Univariable" and table.cell(0, 3).text == "Multivariable"
    assert table.cell(2, 0)._tc is table.cell(2, 4)._tc  # group row spans the table
    assert [c.text for c in table.rows[1].cells] == list(example().columns)
    assert table.cell(6, 1).text == f"{M}2.7 ({M}3.3 to {M}2.2)"
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:insideV")).get(qn("w:val")) == "nil"  # no vertical lines
    assert borders.find(qn("w:top")).get(qn("w:val")) == "single"
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == example().title
    assert paragraphs[-2:] == list(example().footnotes)


def test_xlsx_merges_styles_and_neutralises(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = example().to_xlsx(tmp_path / "t.xlsx")
    ws = load_workbook(path).active
    assert ws.title == "Table 9"
    assert ws["A1"].value == example().title
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"B3:C3", "D3:E3", "A5:E5"} <= merged
    assert ws["B3"].value == "Univariable" and ws["B3"].font.bold
    assert ws["A4"].value == "Characteristic" and ws["A4"].border.bottom.style == "thin"
    cell = ws["B10"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s" and cell.quotePrefix
    assert ws["E10"].value == "-5" and not ws["E10"].quotePrefix
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws["A8"].alignment.indent == 2


def test_write_every_format_and_refuse_unknown(tmp_path: Path) -> None:
    paths = example().write(tmp_path / "example")
    assert sorted(p.suffix for p in paths) == [".csv", ".docx", ".html", ".md", ".tex", ".xlsx"]
    with pytest.raises(ValueError, match="unknown table format"):
        example().write(tmp_path / "x", ("pdf",))


def test_malformed_tables_are_refused() -> None:
    with pytest.raises(ValueError, match="body row 1 has 1 cells for 2 columns"):
        Table("T", ("a", "b"), (Row(("x",)),))
    with pytest.raises(ValueError, match="spanner 'S' overlaps"):
        Table("T", ("a", "b"), (), spanners=((Span("S", 1, 3),),))


def test_docx_tables_share_one_body_size_and_values_wrap_only_when_the_page_is_full(tmp_path: Path) -> None:  # fmt: skip
    """Every table's body is set at TABLE_BODY_PT (journals ask for 8-10 pt), however
    wide: the label column wraps first, between words, taking what the values leave;
    values wrap (between words, never inside one) only when the page has no room left."""
    from docx import Document

    from analysis.tables.render_office import TABLE_BODY_PT

    value = "99.3 (97.1 to 99.8)"
    label = "Pathologic fracture of a malignant cause, confirmed by biopsy"
    sizes = set()
    for n_days, values_fit in ((5, True), (7, False)):
        table = Table(
            title="Table 9. Wide",
            columns=("Group", *(f"Day {d}" for d in range(1, n_days + 1)), "Median, days (95% CI)"),
            rows=(Row((label, *[value] * n_days, "–")),),
            name="wide",
        )  # fmt: skip
        doc = Document(str(table.to_docx(tmp_path / f"w{n_days}.docx")))
        (grid,) = doc.tables
        sizes |= {r.font.size.pt for row in grid.rows for c in row.cells for p in c.paragraphs for r in p.runs}  # fmt: skip
        widths = [c.width.pt for c in grid.columns]
        section = doc.sections[0]
        usable = (section.page_width - section.left_margin - section.right_margin) / 12700
        assert sum(widths) <= usable + 1
        size = TABLE_BODY_PT  # an interval needs about 0.5 em per character at this size
        assert all(widths[j] >= len(value) * 0.5 * size for j in range(1, n_days + 1)) is values_fit
        assert all(widths[j] >= len("(97.1") * 0.5 * size for j in range(1, n_days + 1))
        assert widths[-1] >= len("Median,") * 0.6 * size  # a head word is not broken
        assert len("confirmed") * 0.5 * size <= widths[0] < len(label) * 0.5 * size  # wraps
    assert sizes == {TABLE_BODY_PT} and 8.0 <= TABLE_BODY_PT <= 10.0


def test_docx_caption_and_notes_stay_with_the_table_and_notes_are_smaller(tmp_path: Path) -> None:
    """The caption is kept with the table, rows do not split and each keeps with the next
    (the last with the notes), and the notes are a point smaller than the body."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(example().to_docx(tmp_path / "keep.docx")))
    (grid,) = doc.tables
    caption = next(p for p in doc.paragraphs if p.text == example().title)
    assert caption.paragraph_format.keep_with_next
    rows = list(grid.rows)
    assert all(r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)  # fmt: skip
    assert all(p.paragraph_format.keep_with_next for r in rows for c in r.cells for p in c.paragraphs)  # fmt: skip
    notes = [p for p in doc.paragraphs if p.text in example().footnotes]
    assert notes and all(n.paragraph_format.keep_with_next for n in notes[:-1])
    assert not notes[-1].paragraph_format.keep_with_next
    body = grid.cell(len(rows) - 1, 1).paragraphs[0].runs[0].font.size.pt
    from analysis.tables.render_office import note_size

    assert all(r.font.size.pt == note_size(body) < body for n in notes for r in n.runs)
    assert note_size(9.0) == 8.0 and note_size(7.0) == 6.5 and note_size(body) == 7.0


def test_latex_caption_leaves_the_numbering_to_latex(tmp_path: Path) -> None:
    numbered = replace(example(), title="Table 3. Outcomes")
    (path,) = numbered.write(tmp_path / "t", ("tex",))
    text = path.read_text()
    assert r"\caption{Outcomes}" in text and "Table 3." not in text


def test_docx_a_table_too_wide_for_the_page_wraps_between_words_never_inside_one(tmp_path: Path) -> None:  # fmt: skip
    from docx import Document

    text = "Vertebroplasty with cement (PMMA) and leakage"
    table = Table(
        title="Table 9. Very wide",
        columns=tuple(f"Column {k}" for k in range(12)),
        rows=(Row(tuple([text] * 12)),),
        name="verywide",
    )
    doc = Document(str(table.to_docx(tmp_path / "vw.docx")))
    (grid,) = doc.tables
    size = grid.cell(1, 1).paragraphs[0].runs[0].font.size.pt
    longest = max(len(w) for w in text.split())
    for j in range(12):  # each column holds its longest word at the body size
        assert grid.columns[j].width.pt >= longest * 0.5 * size


def test_docx_tables_of_one_document_share_body_and_note_sizes(tmp_path: Path) -> None:
    """A narrow and a wide table in one document: the same body size and the same
    (one point smaller) note size; a caller may choose another body size, within reason."""
    from docx import Document

    from analysis.tables.render_office import TABLE_BODY_PT, write_docx

    wide = Table("Table 8. Wide", tuple(f"Column {k}" for k in range(9)),
                 (Row(tuple(["Vertebroplasty with cement (PMMA) and leakage"] * 9)),),
                 footnotes=("A note.",), name="wide")  # fmt: skip
    for body in (TABLE_BODY_PT, 10.0):
        path = write_docx([example(), wide], tmp_path / f"both{body:g}.docx", body_size=body)
        doc = Document(str(path))
        bodies = {r.font.size.pt for g in doc.tables for row in g.rows for c in row.cells for p in c.paragraphs for r in p.runs}  # fmt: skip
        notes = {r.font.size.pt for p in doc.paragraphs if p.text in (*example().footnotes, "A note.") for r in p.runs}  # fmt: skip
        assert (bodies, notes) == ({body}, {body - 1})
    with pytest.raises(ValueError, match=r"a table body size of 4 pt is outside 6-14 pt"):
        write_docx([example()], tmp_path / "tiny.docx", body_size=4)
