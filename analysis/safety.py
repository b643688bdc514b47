"""What may leave the toolkit: identifier-shaped text is shown by its shape, and cells
written to CSV or Excel cannot run as formulas.

Two rules, applied wherever text from an input reaches a message or a file:

* A cell value is echoed verbatim only when it cannot identify anyone: a short number
  (at most six digits, with an optional short unit), a vertebral level, or a code of at
  most three letters. Anything else is described by its shape ("text of 12 characters",
  "a date", "a number with 10 digits", "an e-mail address"), so a phone number typed into
  a level cell or a name typed into an age cell never reaches a message or
  ``problems.csv``. Row and column still point at the cell.
* A text cell written to CSV or XLSX that starts with ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return gets a leading single quote (the OWASP rule against CSV injection),
  so a spreadsheet program shows it and never evaluates it; unless it is plainly a
  number, or a number with its interval or SD in brackets ("-2.7 (0.9)",
  "-4.1 (-4.3 to -3.8)", "-3 (12.5%)"), which is data and is written as it is.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import cache

import pandas as pd

from analysis.spec import load_spec, normalize_text, read_yaml

_SAFE_NUMBER = re.compile(r"^[+\-\u2212]?\d{1,6}(?:[.,]\d{1,4})?\s*(?:[a-z%]{1,3}|mm|cm3)?$", re.I)
_SAFE_LEVEL = re.compile(
    r"^(?:[CTLSDN]|TL|TH|LWK|BWK|HWK)\s?-?\d{1,2}(?:\s?[/,-]\s?(?:[CTLSDN]|TL|TH)?\s?\d{1,2})*\??$",
    re.I,
)
_SAFE_CODE = re.compile(r"^[A-Za-z?+\-]{1,3}$")
# bounded repeats: a search over a cell of a megabyte stays linear in its length
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,255}\.[a-z]{2,24}", re.I)
_DATE_TEXT = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
_DIGITS = re.compile(r"\d")
_NAME = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ'\-]+(?:\s+[A-ZÀ-Þ][a-zà-ÿ'\-]+){1,3}$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = r"[+\-\u2212]?\d+(?:[.,]\d+)?(?:[eE][+\-]?\d+)?\s?%?"
# a number, optionally with its interval or SD in brackets: "-2.7 (0.9)", "-4.1 (-4.3 to -3.8)",
# "-3 (-12.5%)", "-0.5 [-1.0; 0.2]": no reference, function or operator a spreadsheet could run
_NUMBER_CELL = re.compile(
    rf"^{_NUMBER}(?:\s?[(\[]\s?{_NUMBER}(?:\s?(?:to|,|;|\u2013)\s?{_NUMBER})?\s?[)\]])?$"
)


def value_shape(value: object) -> str:
    """A description of a value that does not reveal it."""
    if isinstance(value, datetime | date):
        return "a date"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        digits = len(_DIGITS.findall(f"{value}"))
        return f"a number with {digits} digits"
    text = str(value).strip()
    if "@" in text and _EMAIL.search(text):
        return "an e-mail address"
    if _DATE_TEXT.search(text):
        return "a date"
    digits = len(_DIGITS.findall(text))
    if digits >= 6 and digits >= len(text.replace(" ", "")) - 4:
        return f"a number with {digits} digits"
    return f"text of {len(text)} characters"


def is_safe_value(value: object) -> bool:
    """Whether a cell value may be shown verbatim (see the module docstring)."""
    if value is None:
        return True
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return True
        return len(_DIGITS.findall(f"{abs(value):g}")) <= 6
    if isinstance(value, datetime | date):
        return False
    text = str(value).strip()
    return bool(
        not text or _SAFE_NUMBER.match(text) or _SAFE_LEVEL.match(text) or _SAFE_CODE.match(text)
    )


def shown_value(value: object) -> str | None:
    """The value as a message may show it: verbatim when safe, else its shape."""
    if value is None:
        return None
    return str(value) if is_safe_value(value) else value_shape(value)


@cache
def _schema_words() -> frozenset[str]:
    """Every word of a header or value spelling the schema declares (not identifiers)."""
    spec = load_spec()
    texts: list[str] = []
    for table in spec.tables.values():
        for name, col in table.columns.items():
            texts += [name, *col.synonyms, *col.allowed]
            texts += [s for spellings in col.values.values() for s in spellings]
    for measure in spec.measures.values():
        texts += [measure.name, *measure.synonyms]
    texts += [n for names in spec.date_columns.values() for n in names]
    return frozenset(w for t in texts for w in normalize_text(t).split())


def looks_like_identifier(text: object) -> bool:
    """Whether a sheet name, column header or file name may carry an identifier: an
    e-mail address, a date, six or more digits, or a personal name ("Maria Kowalski")."""
    s = str(text).strip()
    if not s:
        return False
    stem = re.sub(r"\.(xlsx|xlsm|csv|tsv|txt|parquet)$", "", s, flags=re.I)
    return bool(
        _EMAIL.search(stem)
        or _DATE_TEXT.search(stem)
        or len(_DIGITS.findall(stem)) >= 6
        or _is_name(stem.replace("_", " ").replace(",", " ").strip())
    )


@cache
def _display_words() -> frozenset[str]:
    """Every word of the schema's files (column names, synonyms, value spellings, labels,
    vocabulary in every language) and of ``display_words.yaml``: words that name no one."""
    from importlib import resources

    folder = resources.files("analysis").joinpath("data_schema")
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                texts.append(str(k))
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            texts.append(node)

    for f in folder.iterdir():
        if f.name.endswith(".yaml"):
            walk(read_yaml(f.read_text("utf-8")))
    return frozenset(w for t in texts for w in _name_words(t)) | _schema_words()


_NAME_TOKEN = re.compile(r"\d+|[a-z\u00c0-\u024f]+|[^\da-z\u00c0-\u024f/.+#]+")


def _name_words(text: str) -> list[str]:
    """The words of a name, numbers and scripts split apart ("vas6m" -> "vas", "6", "m";
    "術前vas" -> "術前", "vas")."""
    return [t for w in normalize_text(text).split() for t in _NAME_TOKEN.findall(w)]


def is_safe_name(text: object) -> bool:
    """Whether a sheet name or column header may be shown verbatim.

    The same test as a cell value's, by allow-list: the name is not identifier-shaped (see
    :func:`looks_like_identifier`) and each of its words is a word the schema or the
    vocabulary knows, a number of at most four digits or a single letter. ``Cases``, ``VAS
    pre``, ``Cement volume (ml)`` are shown; ``Smith R notes``, ``1944-06-30``, ``Maria``
    are not, and a message names them by position ("sheet 2", "column F").
    """
    s = str(text).strip()
    if not s:
        return True
    if looks_like_identifier(s) or len(s) > 80:
        return False
    known = _display_words()
    return all(w in known or (w.isdigit() and len(w) <= 4) or len(w) == 1 for w in _name_words(s))


def _is_name(text: str) -> bool:
    if not _NAME.match(text):
        return False
    words = normalize_text(text).split()
    return not any(w in _schema_words() for w in words)


def neutralize(value: object) -> object:
    """A cell value safe to write to CSV or XLSX (OWASP CSV-injection rule)."""
    if not isinstance(value, str) or len(value) < 2 or not value.startswith(_FORMULA_START):
        return value  # a lone "-" (a missing marker) cannot run as a formula
    if _NUMBER_CELL.match(value):
        return value  # a signed number (with its interval or SD) is data, not a formula
    try:
        if value == value.strip():  # float() would read past a leading tab or return
            float(value.replace(",", "."))
            return value
    except ValueError:
        pass
    return "'" + value


def neutralize_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) cannot run as formulas."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralize)
    out.columns = [neutralize(c) for c in out.columns]
    return out
