"""The printed numbers of a PDF figure: tick labels and a numbers-at-risk table.

A PDF keeps its text as text, so no recognition is needed: each word comes with its box.
A tick's label is the number centred under (x) or left of (y) the tick mark; a
numbers-at-risk row is a line of whole numbers under the axis, each centred under a tick.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

Word = tuple[str, float, float, float, float]  # text, x0, x1, top, bottom (points, from top)


def pdf_words(path: Path) -> list[Word]:
    """The words of a PDF's first page with their boxes."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return page_words(pdf.pages[0])


def page_words(page: object) -> list[Word]:
    """The words of a PDF page opened by pdfplumber, with their boxes."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)  # type: ignore[attr-defined]
    turned = [c for c in page.chars if not c.get("upright", True)]  # type: ignore[attr-defined]
    out = [
        (w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
        for w in words
        if w.get("upright", True)
    ]
    return out + _turned_words(turned)


def _turned_words(chars: list[dict]) -> list[Word]:
    """Words set upwards (R's y tick labels): characters in one column, read bottom to top,
    a word ending at a gap wider than half a character."""
    out: list[Word] = []
    for c in sorted(chars, key=lambda c: (round(c["x0"]), -c["bottom"])):
        last = out[-1] if out else None
        size = c["bottom"] - c["top"]
        if last and abs(last[1] - c["x0"]) < 0.5 and -0.5 < last[3] - c["bottom"] < 0.5 * size:
            out[-1] = (last[0] + c["text"], last[1], max(last[2], c["x1"]), c["top"], last[4])
        else:
            out.append((c["text"], c["x0"], c["x1"], c["top"], c["bottom"]))
    return out


def number(text: str) -> float | None:
    """A printed number (``12``, ``0.75``, ``80%``, ``−0.5``, ``0,5``), else None."""
    t = text.strip().rstrip("%").replace("\u2212", "-").replace("\u2013", "-")
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def _spacing(ticks: np.ndarray) -> float:
    return float(np.min(np.diff(np.sort(ticks)))) if len(ticks) > 1 else 10.0


def tick_labels(
    ticks: np.ndarray, words: list[Word], axis: str, box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """The labelled ticks (positions, values), positions in increasing value order; empty
    unless at least two ticks carry numbers that grow steadily along the axis."""
    left, right, _top, bottom = box
    near = 0.35 * _spacing(ticks)
    pos, val = [], []
    for t in np.sort(ticks):
        best: tuple[float, float] | None = None
        for text, x0, x1, top, low in words:
            value = number(text)
            if value is None:
                continue
            if axis == "x" and abs((x0 + x1) / 2 - t) <= near and bottom <= top <= bottom + 30:
                gap = top - bottom
            elif axis == "y" and abs((top + low) / 2 - t) <= near and left - 60 <= x1 <= left + 1:
                gap = left - x1
            elif axis == "y" and abs((top + low) / 2 - t) <= near and right - 1 <= x0 <= right + 60:
                gap = 1000 + x0 - right  # a y axis on the right: only when none on the left
            else:
                continue
            if best is None or gap < best[0]:
                best = (gap, value)
        if best is not None:
            pos.append(float(t))
            val.append(best[1])
    p, v = np.asarray(pos), np.asarray(val)
    if axis == "y":  # rows grow downwards: values grow upwards
        p, v = p[::-1], v[::-1]
    if len(p) < 2 or np.any(np.diff(v) <= 0):
        return np.zeros(0), np.zeros(0)
    return p, v


def x_label_centres(words: list[Word], box: tuple[float, float, float, float]) -> np.ndarray:
    """Where the x axis's labels stand when it has neither tick marks nor vertical grid
    lines (a spreadsheet's chart): the centres of the numbers in the first line of words
    under the plot, when at least three are printed there."""
    left, right, _top, bottom = box
    reach = 0.05 * (right - left)
    under = [w for w in words if number(w[0]) is not None and bottom <= w[3] <= bottom + 30
             and left - reach <= (w[1] + w[2]) / 2 <= right + reach]  # fmt: skip
    if not under:
        return np.zeros(0)
    first = min(w[3] for w in under)
    band = sorted((w[1] + w[2]) / 2 for w in under if w[3] <= first + 0.5 * (w[4] - w[3]))
    return np.asarray(band) if len(band) >= 3 else np.zeros(0)


def at_risk_table(
    ticks: np.ndarray, times: np.ndarray, words: list[Word], below: float
) -> pd.DataFrame | None:
    """Rows of whole numbers under the x axis (below ``below``), each centred under a
    labelled tick and not growing over time: ``curve`` (rows numbered top to bottom),
    ``time``, ``n_risk``."""
    near = 0.35 * _spacing(ticks)
    rows: dict[float, list[Word]] = {}
    for w in words:
        if w[3] > below:
            key = next((k for k in rows if abs(k - w[3]) < 3), w[3])
            rows.setdefault(key, []).append(w)
    out: list[pd.DataFrame] = []
    for key in sorted(rows):
        counts: dict[int, int] = {}
        for text, x0, x1, _t, _b in rows[key]:
            v = number(text)
            hit = np.nonzero(np.abs(ticks - (x0 + x1) / 2) <= near)[0]
            if v is not None and v == int(v) and v >= 0 and len(hit):
                counts[int(hit[0])] = int(v)
        row = risk_row(counts, times, len(out) + 1, need=2)
        if row is not None:
            out.append(row)
    return pd.concat(out, ignore_index=True) if out else None


def risk_row(
    counts: dict[int, int], times: np.ndarray, curve: int, need: int
) -> pd.DataFrame | None:
    """One curve's numbers at risk read from a row of the table (tick index -> count), or
    ``None`` unless at least ``need`` ticks, the first among them, hold counts that never
    rise."""
    if len(counts) < need or 0 not in counts:
        return None
    idx = sorted(counts)
    n = [counts[i] for i in idx]
    if not np.all(np.diff(n) <= 0):
        return None
    return pd.DataFrame({"curve": curve, "time": times[idx], "n_risk": n})
