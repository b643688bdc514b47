"""Which of the two Windows code pages of Latin script a text file was saved in.

Excel in Western Europe saves CSV in Windows-1252, in Central Europe in Windows-1250
(Czech, Slovak, Polish, Hungarian, Slovene, Croatian, Romanian). The same bytes decode
in both, so a detector cannot tell them apart on a short file; the letters can. Each
page's text is judged by its accented letters (every character outside ASCII): the
share of them that one language's alphabet holds. A Czech file read as Windows-1252
mixes Italian ``ì`` with Norwegian ``ø`` (``Vìk``, ``Zemøel``), which no one language
writes; read as Windows-1250 it is Czech (``Věk``, ``Zemřel``). Windows-1250 is taken
only when its letters fit one language better than Windows-1252's do, so a Western
file (the more common) keeps Windows-1252 on a tie.
"""

from __future__ import annotations

from collections import Counter

__all__ = ["central_european"]

# the accented letters of each language written in Windows-1250 or Windows-1252 (lower case)
_ALPHABETS = {
    # Windows-1250
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű",
    "sl_hr_bs": "čćđšž",
    "ro": "ăâîșşțţ",
    # Windows-1252
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóù",
    "nl": "éëïèöü",
    "da_no": "åæøé",
    "sv_fi": "åäöéšž",
    "is_fo": "áðéíóúýþæö",
    "ca": "àçèéíïòóúü",
}
_SMALLEST = 3  # letters read differently needed before a file's code page is judged


def central_european(data: bytes) -> bool:
    """Whether ``data``, readable in both pages, is Windows-1250 text rather than 1252."""
    try:
        central, western = data.decode("cp1250"), data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    # only the bytes the two pages read differently tell them apart
    differ = [(c, w) for c, w in zip(central, western, strict=True) if c != w]
    if len(differ) < _SMALLEST:
        return False
    return _fit([c for c, _ in differ]) > _fit([w for _, w in differ])


def _fit(chars: list[str]) -> float:
    """The share of ``chars`` that one alphabet holds."""
    counts = Counter(c.lower() for c in chars)
    held = max(sum(n for c, n in counts.items() if c in letters) for letters in _ALPHABETS.values())  # fmt: skip
    return held / len(chars)
