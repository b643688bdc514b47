"""Curves drawn as one and the same line, told apart only by the marker symbols on their
steps (open circles, filled triangles, open squares: black-and-white print figures).

Grouped by line type they are one solid stroke, joined where they meet at the start, and
the markers' rims look like lines of their own. The markers are shapes at least twice
as wide and tall as the line (open ones filled in); they are cut out, and the lines
between them are counted and followed, the gaps the markers leave joined as a dashed
line's are."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

FEWEST = 10  # markers enough to call a figure's steps marked (not a stray blot)


@dataclass(frozen=True)
class Marked:
    """One ink's curves with their markers cut out: ``bare`` the strokes left, ``cover``
    where the markers were (a little grown), ``count`` the markers."""

    bare: np.ndarray
    cover: np.ndarray
    count: int


def cut_markers(mask: np.ndarray, width: int) -> Marked | None:
    """The markers of one ink's strokes cut out, or None when fewer than :data:`FEWEST`
    shapes (open ones filled in) hold a square twice the line's width across."""
    size = 2 * width + 2
    filled = ndimage.binary_fill_holes(mask)
    blobs = ndimage.binary_opening(filled, structure=np.ones((size, size), bool))
    count = int(ndimage.label(blobs)[1])
    if count < FEWEST:
        return None
    cover = ndimage.binary_dilation(blobs, structure=np.ones((3, 3), bool), iterations=2)
    return Marked(mask & ~cover, cover, count)
