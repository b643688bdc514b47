"""Censor marks printed on Kaplan-Meier curves: where they are and whose they are.

A censor mark (``|``, ``+``, ``x``) is a small glyph with some height, centred on a
curve's plateau at the time a patient left follow-up alive. Several patients censored at
one time share one mark, so the marks give the times of censoring, not its amount; that
is what :func:`analysis.published.reconstruct_ipd` takes as ``censor_times``.

From a drawing the marks are read exactly: small stroked shapes (two-point ``+``/``|``
paths, matplotlib's ``<use>`` markers) and one-character words ``|`` or ``+`` (ggplot2's
``shape = 124`` written as text by svglite). Each is given to the curve whose level at
its time (before or after a drop there) is nearest its centre, within half its height
(to each of the curves running together there). Not read from pixels: on the blind
figures, the marks a raster reading finds (70-95% of them) moved the hazard ratio after
reconstruction as much as they helped it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

GLYPHS = ("|", "+", "x", "\u00d7")
FEWEST = 5  # marks on a curve for it to be taken as printing its censor marks

Mark = tuple[float, float, float]  # x, y of its centre and half its height (drawing units)


def small_shapes(
    strokes: Sequence[np.ndarray], box: tuple[float, float, float, float]
) -> list[Mark]:
    """Stroked shapes small enough to be markers (under 4% of the plot's size), with some
    height (a ``-`` is a legend's or a tick's), wholly inside the plot."""
    left, right, top, bottom = box
    size = max(right - left, bottom - top)
    out = []
    for pts in strokes:
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        w, h = hi - lo
        if max(w, h) > 0.04 * size or h < 0.004 * size:
            continue
        cx, cy = (lo + hi) / 2
        if left + 0.5 * w < cx < right and top < cy < bottom - 0.5 * h:
            out.append((float(cx), float(cy), float(h / 2)))
    return _distinct(out)


def glyph_words(
    words: Sequence[tuple[str, float, float, float, float]],
    box: tuple[float, float, float, float],
    centre: float = 0.35,
) -> list[Mark]:
    """One-character marker words inside the plot; ``centre``: where the glyph's middle
    sits, as a share of the word box's height up from its bottom (the baseline)."""
    left, right, top, bottom = box
    out = []
    for word, x0, x1, w_top, w_bottom in words:
        if word.strip() not in GLYPHS:
            continue
        h = w_bottom - w_top
        cx, cy = (x0 + x1) / 2, w_bottom - centre * h
        if left < cx < right and top < cy < bottom:
            out.append((float(cx), float(cy), float(0.6 * h)))
    return _distinct(out)


def _distinct(marks: list[Mark]) -> list[Mark]:
    """One of each mark (one drawn twice over, or as a word and a shape, counts once;
    marks side by side, for censorings a little apart, each count)."""
    out: list[Mark] = []
    for m in sorted(marks):
        if not any(abs(m[0] - o[0]) < 0.05 * m[2] and abs(m[1] - o[1]) < 0.05 * m[2] for o in out):
            out.append(m)
    return out


def assign(
    curves: pd.DataFrame, measure: str, times: np.ndarray, values: np.ndarray,
    reach: np.ndarray,
) -> pd.DataFrame:  # fmt: skip
    """Each mark (its time, value and half height in value units) given to the curve whose
    level at that time, before or after a step there, is nearest; marks within ``reach``
    of none are left out. Returns ``curve``, ``time``, one row per mark, by curve and time."""
    rows = []
    parts = [
        (int(k), part["time"].to_numpy(float), part[measure].to_numpy(float))  # type: ignore[arg-type]
        for k, part in curves.groupby("curve")
    ]
    for t, v, r in zip(times, values, reach, strict=True):
        best, gap = [], np.inf
        for k, ct, cv in parts:
            if len(ct) == 0:
                continue
            slack = 0.002 * max(ct[-1] - ct[0], 1e-9)  # a mark at the curve's end
            if t < ct[0] - slack or t > ct[-1] + slack:
                continue
            near = np.abs(ct - t) <= slack / 10
            i = int(np.clip(np.searchsorted(ct, t, side="right") - 1, 0, len(cv) - 1))
            d = float(np.min(np.abs(np.append(cv[near], cv[i]) - v)))
            if d < gap - 1e-9:
                best, gap = [k], d
            elif abs(d - gap) <= 1e-9:
                best.append(k)
        if gap <= r:
            rows += [(k, float(t)) for k in best]
    out = pd.DataFrame(rows, columns=["curve", "time"])
    return out.sort_values(["curve", "time"], kind="stable").reset_index(drop=True)
