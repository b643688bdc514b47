"""A statistics package's export (SPSS, Stata, SAS saved to Excel): a first header row of
variable names (``s1_l1``, ``vas_1m``, ``nfx``) over a second of their labels
(``ସ୍ତର ୧ (Level 1)``, ``VAS ୧ ମାସ (1 month)``), the data under both.

The label row is the header the sheet is read by, as any two-row header is (name and label
together, then the label in its name's light). A column neither reads is read by its
label's translation in brackets (``ସ୍ତର ୧ (Level 1)``: ``Level 1``), else by its name alone
(``s2vas_pre``, ``vas_1m``): the names say what the labels, in a language the vocabulary
does not know, do not. Such a column is shown by its name, the variable's handle in the
export's value labels and in a mapping file.
"""

from __future__ import annotations

import itertools
import re

# a variable's name in a statistics package: a letter, then letters, digits, "_" or "."
# ("s1_l1", "vas_1m", "pt.kod"), no space; a label is words
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.]{0,31}$")
_MIN_NAMES = 3  # names over labels on this many columns at least
_LABELLED = 0.8  # share of the named columns with a label under the name
# a label's translation in brackets at its end: "ସ୍ତର ୧ (Level 1)"
_TRAILING_GLOSS = re.compile(r"[(\[（](?P<inner>[^()\[\]（）]*[A-Za-z][^()\[\]（）]*)[)\]）]\s*$")

LABEL_GLOSS = "header: the variable's label, by its translation in brackets"
NAME_ALONE = "header: the variable's name over its label (the label names no field)"
CODEBOOK_LABEL = "header: the variable's label in the workbook's codebook sheet"
# a long export's field read by its label in the export's field dictionary: a form's
# question, not read where its values are not the field its words name
FORM_LABEL = "header: the field's label in the export's field dictionary"
EAV_SHAPE = "eav-export"  # the shape of the tables pivoted from a long export


def variable_names(names: list[str], labels: list[str]) -> list[str] | None:
    """Each column's variable name, when the row of ``names`` is a statistics package's
    names over the row of ``labels``: every filled cell of it a name (no space), at least
    three, and nearly every named column labelled by a text other than its name; else
    ``None``."""
    filled = [(n, lab) for n, lab in zip(names, labels, strict=False) if n.strip()]
    if len(filled) < _MIN_NAMES or not all(_NAME.match(n.strip()) for n, _ in filled):
        return None
    labelled = sum(bool(lab.strip()) and lab.strip() != n.strip() for n, lab in filled)
    if labelled < _LABELLED * len(filled):
        return None
    return [n.strip() for n in names]


def label_gloss(label: str) -> str | None:
    """The translation in brackets ending a label written in another script
    (``ସ୍ତର ୧ (Level 1)`` -> ``Level 1``), or ``None``."""
    m = _TRAILING_GLOSS.search(label)
    if m is None:
        return None
    before = label[: m.start()]
    if not any(c.isalpha() and not c.isascii() for c in before):
        return None  # "VAS (pre-op)": an English label, read as it stands
    return m["inner"].strip()


def label_aliases(rows: list[list[object]]) -> dict[str, list[str]]:
    """Variable name -> the texts its column's header may be shown by (its label, and
    name and label together), for each row of names over a row of labels among ``rows``
    (a sheet's first rows): a value label given for the name is that column's."""
    out: dict[str, list[str]] = {}
    for above, below in itertools.pairwise(rows):
        width = max(len(above), len(below))
        names = [_cell_text(above, i) for i in range(width)]
        labels = [_cell_text(below, i) for i in range(width)]
        if not all(_worded(lab) for lab in labels if lab):
            continue  # a data row under the names, not their labels
        found = variable_names(names, labels)
        for name, label in zip(found or [], labels, strict=False):
            if name and label:
                out.setdefault(name, [label, f"{name} {label}"])
    return out


def _cell_text(row: list[object], i: int) -> str:
    cell = row[i] if i < len(row) else None
    return cell.strip() if isinstance(cell, str) else "" if cell is None else str(cell)


def _worded(text: str) -> bool:
    """A label's text: a word of letters, not a number or a date."""
    return any(c.isalpha() for c in text) and not re.fullmatch(r"[\d\s./:-]+", text)
