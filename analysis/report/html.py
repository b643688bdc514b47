"""``report.html``: the report as one self-contained page a co-author can open.

The page is built from the same Markdown the report writes (headings, paragraphs, tables,
figures), with every figure inlined as a data URI, no script and no link to anything
outside the file, and every piece of text escaped, so that text from an input (a header,
a note) is shown, never run. The problems found close the page: at most
:data:`LISTED_PROBLEMS` of them, under the count of each rule, when there are more.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pandas as pd

from analysis.report.content import ReportContent

_IMAGE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<file>[^)]+)\)$")
_STYLE = """
body { font-family: Helvetica, Arial, sans-serif; max-width: 60em; margin: 2em auto; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
table:not(.vertebro-table) th, table:not(.vertebro-table) td { border-top: 1px solid #999; border-bottom: 1px solid #999; padding: 0.25em 0.6em; text-align: left; }
table:not(.vertebro-table) th { background: #f2f2f2; }
figure { margin: 1em 0; } figure img { max-width: 100%; }
figcaption { font-size: 0.9em; color: #555; }
.warnings { border-left: 4px solid #c60; padding-left: 1em; }
.n { white-space: nowrap; }
"""
# A negative number: a line never breaks after its sign ("-1.5 (-" / "2.2 to -0.8)").
_NEGATIVE = re.compile(r"(?<![\w.])([-\u2212]\d+(?:[.,]\d+)*)")


def _text(value: str) -> str:
    """Escaped text with each negative number kept on one line."""
    return _NEGATIVE.sub(r'<span class="n">\1</span>', html.escape(value))


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table(lines: list[str]) -> str:
    head, body = _cells(lines[0]), [_cells(x) for x in lines[2:]]
    out = [
        "<table><thead><tr>",
        *(f"<th>{html.escape(c)}</th>" for c in head),
        "</tr></thead><tbody>",
    ]
    for row in body:
        out += ["<tr>", *(f"<td>{_text(c)}</td>" for c in row), "</tr>"]
    out.append("</tbody></table>")
    return "".join(out)


def _figure(caption: str, path: Path) -> str:
    if not path.is_file():
        return f"<p>{html.escape(caption)} (figure not written)</p>"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    alt = html.escape(caption, quote=True)
    return (
        f'<figure><img alt="{alt}" src="data:image/png;base64,{data}">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def markdown_to_html(text: str, folder: Path) -> str:
    """The report's Markdown (headings, paragraphs, pipe tables, images, lists) as HTML."""
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i])
                i += 1
            out.append(_table(block))
            continue
        image = _IMAGE.match(line.strip())
        if image:
            out.append(_figure(image["caption"], folder / image["file"]))
        elif line.startswith("#"):
            level = min(len(line) - len(line.lstrip("#")), 4)
            out.append(f"<h{level}>{html.escape(line.lstrip('#').strip())}</h{level}>")
        elif line.startswith("- "):
            out.append(f"<ul><li>{html.escape(line[2:])}</li></ul>")
        elif line.strip():
            body = _text(line.strip().strip("_"))
            out.append(
                f"<p><em>{body}</em></p>" if line.strip().startswith("_") else f"<p>{body}</p>"
            )
        i += 1
    return "\n".join(out).replace("</ul>\n<ul>", "\n")


def _png(caption: str, path: Path, number: int) -> str:
    if not path.is_file():
        return f"<p>Figure {number}. {html.escape(caption)} (not written)</p>"
    raw = path.read_bytes()
    data = base64.b64encode(raw).decode("ascii")
    inches = int.from_bytes(raw[16:20], "big") / 300  # printed width of the 300-dpi PNG
    return (
        f'<figure><img alt="{html.escape(caption, quote=True)}" style="width:{1.6 * inches:.2f}in" '
        f'src="data:image/png;base64,{data}">'
        f"<figcaption>Figure {number}. {html.escape(caption)}</figcaption></figure>"
    )


# A page lists at most this many problems (a registry export can hold hundreds of
# thousands); the count of every rule is given above the list and problems.csv has all.
LISTED_PROBLEMS = 1000


def _problems_table(problems: pd.DataFrame) -> str:
    columns = ("sheet", "column", "cell", "value", "rule", "severity", "message", "action")
    shown = problems[[c for c in columns if c in problems.columns]]
    note = ""
    if len(shown) > LISTED_PROBLEMS:
        counts = problems.groupby(["rule", "severity"], sort=True).size().reset_index(name="n")
        items = "".join(
            f"<li>{html.escape(str(rule))} ({html.escape(str(severity))}): {n:,}</li>"
            for rule, severity, n in counts.itertuples(index=False)
        )
        note = (
            f"<p>{len(shown):,} problems were found; the first {LISTED_PROBLEMS:,} are listed "
            f"below and problems.csv holds every one. By rule:</p><ul>{items}</ul>"
        )
        shown = shown.head(LISTED_PROBLEMS)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in r) + "</tr>"
        for r in shown.itertuples(index=False)
    )  # fmt: skip
    head = "".join(f"<th>{html.escape(c)}</th>" for c in shown.columns)
    return (
        f"{note}<table class='problems'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def write_html_report(content: ReportContent, folder: Path, problems: pd.DataFrame) -> Path:
    """Write ``report.html`` into ``folder``: warnings first, the ledger and flow diagram,
    the publication tables, the figures, the methods-and-results text, the statistical
    review, what could not be computed and the problems found."""
    parts = [f"<h1>{html.escape(content.title)}</h1>", f"<p>{html.escape(content.ledger)}</p>"]
    if content.warnings:
        items = "".join(f"<li>{html.escape(w)}</li>" for w in content.warnings)
        parts.append(f"<section class='warnings'><h2>Warnings</h2><ul>{items}</ul></section>")
    figures = list(content.figures)
    number = 0
    if figures and figures[0][0] == "flow":
        number += 1
        parts += ["<h2>Flow of patients and rows</h2>", _png(figures[0][1], figures[0][2], number)]
        figures = figures[1:]
    parts.append("<h2>Tables</h2>")
    parts += [t.to_html() for t in content.tables]
    parts.append("<h2>Figures</h2>")
    for _, caption, png in figures:
        number += 1
        parts.append(_png(caption, png, number))
    parts.append("<h2>Methods and results</h2>")
    parts.append(markdown_to_html(content.text.replace("\n## ", "\n### "), folder))
    if content.review:
        parts.append(markdown_to_html(content.review, folder))
    if content.not_made:
        items = "".join(f"<li>{html.escape(n)}</li>" for n in content.not_made)
        parts.append(f"<h2>Not computed</h2><ul>{items}</ul>")
    parts += ["<h2>Problems found in the input</h2>", _problems_table(problems)]
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(content.title)}</title>"
        f"<style>{_STYLE}</style></head><body>" + "\n".join(parts) + "</body></html>"
    )
    path = folder / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
