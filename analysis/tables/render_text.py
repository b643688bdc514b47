"""Text renderers of a :class:`~analysis.tables.model.Table`: HTML, Markdown, LaTeX, CSV.

Small hand-written renderers rather than a table package: great_tables was tried and
renders HTML and LaTeX well, but brings eight runtime dependencies, embeds a per-table
style sheet with a random id (so snapshots change between runs and versions) and sets a
true minus sign as text-mode characters in LaTeX; the frozen table model is simple enough
that each format takes a few dozen lines. Every text from a table is escaped for its
format, so a label or level read from an input is shown, never interpreted.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from pathlib import Path

from analysis.safety import neutralize
from analysis.tables.model import NBSP, Table

_CSS = (
    ".vertebro-table{border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;"
    "font-size:0.9em;margin:1em 0}"
    ".vertebro-table caption{caption-side:top;text-align:left;font-weight:bold;"
    "padding-bottom:0.4em}"
    ".vertebro-table thead tr:first-child th{border-top:2px solid #000}"
    ".vertebro-table thead tr:last-child th{border-bottom:1px solid #000}"
    ".vertebro-table th.spanner{border-bottom:1px solid #000}"
    ".vertebro-table tbody tr:last-child td{border-bottom:2px solid #000}"
    ".vertebro-table th,.vertebro-table td{padding:0.2em 0.6em;vertical-align:top}"
    ".vertebro-table td.group{font-style:italic;font-weight:bold}"
    ".vertebro-table tbody td:not(:first-child){white-space:nowrap}"
    ".vertebro-table tfoot td{font-size:0.85em;text-align:left;border:none}"
)
_ALIGN = {"l": "left", "c": "center", "r": "right"}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def to_html(table: Table) -> str:
    """The table as an HTML fragment with its own scoped style block."""
    align = table.alignment
    k = len(table.columns)
    out = [f"<style>{_CSS}</style>", '<table class="vertebro-table">']
    out.append(f"<caption>{_e(table.title)}</caption>")
    out.append("<thead>")
    heads = table.header_rows()
    for i, head in enumerate(heads):
        cells, col = [], 0
        for text, span in head:
            last = i == len(heads) - 1
            cls = ' class="spanner"' if text and not last else ""
            colspan = f' colspan="{span}"' if span > 1 else ""
            style = f' style="text-align:{_ALIGN[align[col]] if last else "center"}"'
            cells.append(f"<th{cls}{colspan}{style}>{_e(text)}</th>")
            col += span
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</thead>")
    out.append("<tbody>")
    for row in table.rows:
        if row.group:  # alignment inline: a notebook's own style right-aligns every cell
            out.append(
                f'<tr><td class="group" colspan="{k}" style="text-align:left">'
                f"{_e(row.cells[0])}</td></tr>"
            )
            continue
        cells = []
        for j, text in enumerate(row.cells):
            pad = f"padding-left:{0.6 + 1.2 * row.indent:g}em;" if j == 0 and row.indent else ""
            cells.append(f'<td style="{pad}text-align:{_ALIGN[align[j]]}">{_e(text)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody>")
    if table.footnotes:
        out.append("<tfoot>")
        out += [
            f'<tr><td colspan="{k}" style="text-align:left">{_e(note)}</td></tr>'
            for note in table.footnotes
        ]
        out.append("</tfoot>")
    out.append("</table>")
    return "\n".join(out) + "\n"


# what Markdown would read as HTML: a tag, comment or autolink (``<b``, ``</``, ``<!``,
# ``<?``) and a character reference (``&amp;``, ``&#60;``); a ``<`` before a space or digit,
# as in ``p < 0.001``, is text and is left as it reads
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_MD_REFERENCE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def _md(text: str) -> str:
    for ch in ("\\", "|", "*", "_", "`", "[", "]"):
        text = text.replace(ch, "\\" + ch)
    text = _MD_REFERENCE.sub(r"\\&", _MD_TAG.sub(r"\\<", text))
    if text.startswith(">"):  # a quote block at the start of a line
        text = "\\" + text
    return text.replace("\n", " ")


def to_markdown(table: Table) -> str:
    """A pipe table: spanners prefixed to the column labels, group rows in bold,
    indentation as non-breaking spaces, footnotes as paragraphs below."""
    cols = table.flat_columns()
    marks = {"l": ":---", "c": ":---:", "r": "---:"}
    lines = [f"**{_md(table.title)}**", ""] if table.title else []
    lines.append("| " + " | ".join(_md(c) for c in cols) + " |")
    lines.append("| " + " | ".join(marks[a] for a in table.alignment) + " |")
    for row in table.rows:
        if row.group:
            cells = [f"**{_md(row.cells[0])}**", *[""] * (len(cols) - 1)]
        else:
            cells = [NBSP * 4 * row.indent + _md(row.cells[0]), *(_md(c) for c in row.cells[1:])]
        lines.append("| " + " | ".join(cells) + " |")
    if table.footnotes:
        lines.append("")
        lines += [_md(n) + "  " for n in table.footnotes]
    return "\n".join(lines) + "\n"


_TEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    "|": r"\textbar{}",
    "[": "{[}",
    ">": r"\textgreater{}",
    "\u2212": "$-$",
    "\u2013": "--",
    "\u2014": "---",
    "±": r"$\pm$",
    "≤": r"$\leq$",
    "≥": r"$\geq$",
    "×": r"$\times$",
    "χ": r"$\chi$",
    "²": r"$^{2}$",
    NBSP: "~",
    "\u2009": r"\,",
}


def _tex_char(ch: str) -> str:
    if ch in _TEX:
        return _TEX[ch]
    if unicodedata.decomposition(ch).startswith("<super>"):  # footnote marks: ᵃ, ᵇ, ...
        return rf"\textsuperscript{{{_tex(unicodedata.normalize('NFKC', ch))}}}"
    return ch


def _tex(text: str) -> str:
    return "".join(_tex_char(ch) for ch in text)


def to_latex(table: Table) -> str:
    """A ``table`` float with a booktabs ``tabular``: spanners as ``\\multicolumn`` with
    ``\\cmidrule`` under them, group rows in italics, notes in a footnote-size block."""
    k = len(table.columns)
    out = [r"\begin{table}[htbp]", r"\centering", r"\small"]
    if table.title:
        # LaTeX numbers its captions itself: "Table 1. Characteristics" is captioned without it
        title = re.sub(r"^Table\s*\d*\.\s*", "", table.title)
        out.append(rf"\caption{{{_tex(title)}}}")
    out.append(rf"\begin{{tabular}}{{{''.join(table.alignment)}}}")
    out.append(r"\toprule")
    heads = table.header_rows()
    for head in heads[:-1]:
        cells, rules, col = [], [], 0
        for text, span in head:
            cells.append(
                rf"\multicolumn{{{span}}}{{c}}{{{_tex(text)}}}" if span > 1 else _tex(text)
            )
            if text:
                rules.append(rf"\cmidrule(lr){{{col + 1}-{col + span}}}")
            col += span
        out.append(" & ".join(cells) + r" \\")
        out.append(" ".join(rules))
    out.append(" & ".join(_tex(c) for c, _ in heads[-1]) + r" \\")
    out.append(r"\midrule")
    for row in table.rows:
        if row.group:
            out.append(rf"\multicolumn{{{k}}}{{l}}{{\textit{{{_tex(row.cells[0])}}}}} \\")
            continue
        first = r"\quad " * row.indent + _tex(row.cells[0])
        out.append(" & ".join([first, *(_tex(c) for c in row.cells[1:])]) + r" \\")
    out.append(r"\bottomrule")
    out.append(r"\end{tabular}")
    if table.footnotes:
        out.append(r"\par\smallskip")
        out.append(r"\begin{minipage}{\linewidth}\footnotesize")
        out += [_tex(n) + r"\par" for n in table.footnotes]
        out.append(r"\end{minipage}")
    out.append(r"\end{table}")
    return "\n".join(out) + "\n"


def csv_rows(table: Table) -> list[list[str]]:
    """Title, header rows (a spanner's text in its first column), body, a blank row and
    the footnotes, as written to CSV; every cell formula-safe."""
    k = len(table.columns)
    rows: list[list[str]] = [[table.title, *[""] * (k - 1)]] if table.title else []
    for head in table.header_rows():
        line: list[str] = []
        for text, span in head:
            line += [text, *[""] * (span - 1)]
        rows.append(line)
    rows += table.body_cells(indent="    ")
    if table.footnotes:
        rows.append([""] * k)
        rows += [[n, *[""] * (k - 1)] for n in table.footnotes]
    return [[str(neutralize(c)) for c in r] for r in rows]


def to_csv(table: Table) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(csv_rows(table))
    return buf.getvalue()


def write_csv(table: Table, path: Path) -> Path:
    """UTF-8 with a byte-order mark, so Excel reads the minus signs and dashes."""
    path.write_text(to_csv(table), encoding="utf-8-sig")
    return path
