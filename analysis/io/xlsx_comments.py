"""The comments (notes) a workbook's cells carry.

A unit may record a correction in a cell's comment (``Level corrected to T11 - see op
note``) rather than, or as well as, in the cell. The comments are read as they stand, each
with its cell; what one says is for :mod:`analysis.load.comment_corrections` to judge.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from analysis.io.xlsx_cells import NotPlainError, text_of

_RELATIONSHIP = re.compile(rb"<Relationship\b([^>]*)>")
_TYPE = re.compile(rb'\bType="[^"]*/comments"')
_TARGET = re.compile(rb'\bTarget="([^"]+)"')
_COMMENT = re.compile(rb'<comment\b[^>]*?\bref="([A-Z]{1,3})(\d+)"[^>]*>(.*?)</comment>', re.S)
_TEXT = re.compile(rb"<t\b[^>]*>(.*?)</t>", re.S)

Comment = tuple[int, int, str]  # 1-based row, 1-based column, the comment's text


def sheet_comments(member: Callable[[str], bytes], sheet_part: str) -> tuple[Comment, ...]:
    """The comments on the cells of the worksheet stored at ``sheet_part``
    (``xl/worksheets/sheet1.xml``), by their sheet's relationships; empty when it has none."""
    if not sheet_part:
        return ()
    folder, name = posixpath.split(sheet_part)
    rels = member(f"{folder}/_rels/{name}.rels")
    out: list[Comment] = []
    for attrs in _RELATIONSHIP.findall(rels):
        target = _TARGET.search(attrs)
        if not _TYPE.search(attrs) or target is None:
            continue
        path = target[1].decode()
        path = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(folder, path))  # fmt: skip
        for letters, row, body in _COMMENT.findall(member(path)):
            try:
                text = "".join(text_of(t) for t in _TEXT.findall(body))
            except (NotPlainError, UnicodeError):
                continue  # a comment outside the plain form: left unread
            out.append((int(row), _column(letters), text))
    return tuple(out)


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n
