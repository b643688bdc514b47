"""Opaque boxes drawn over a plot (a legend with ``framealpha=1``): where they stand, and
which curves run in under them.

A curve that runs into such a box is hidden from there on: what it does under the box
(a drop, its flat tail, where it ends) cannot be seen. The reader stops it where it
disappears and says so, rather than guessing what the box hides.

A box is the inside of a rectangle outline drawn in one colour: a region of the plot's
background colour (its words already blanked), not on the plot's edge, enclosed on all
four sides by straight lines of that colour that end at its corners. The lines of a grid
also enclose such regions, but they go on past the corners; and a band, a curve or a grid
line running in under the box ends at its edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

PAPER = 0.08  # how far from the background colour (any channel) a pixel is still paper
SMALLEST = 15  # pixels: a box is at least this tall and wide inside
FILLED = 0.8  # the share of its bounding box the inside's paper covers (samples, no curve)
EDGE = 0.9  # the share of a side's length its line covers
SAME = 0.12  # how far a pixel's colour may be from the outline's to be the outline's ink
REACH = 4  # pixels: how far outside the inside its outline may stand


@dataclass(frozen=True)
class Box:
    """An opaque box in the plot's pixels: its outline's outer ``top``/``bottom`` rows and
    ``left``/``right`` columns (inclusive)."""

    top: int
    bottom: int
    left: int
    right: int


def opaque_boxes(crop: np.ndarray, paper: np.ndarray) -> list[Box]:
    """The opaque boxes drawn over the plot ``crop`` (an RGB array of the plot's inside,
    words blanked to ``paper``, the background colour)."""
    near = np.abs(crop - np.asarray(paper, dtype=crop.dtype)).max(axis=2) < PAPER
    labels, _ = ndimage.label(near)
    h, w = near.shape
    out = []
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        r0, r1, c0, c1 = sl[0].start, sl[0].stop, sl[1].start, sl[1].stop
        if r1 - r0 < SMALLEST or c1 - c0 < SMALLEST or r0 == 0 or c0 == 0 or r1 == h or c1 == w:
            continue
        if (labels[sl] == i).mean() < FILLED:
            continue
        box = _outlined(crop, near, (r0, r1, c0, c1))
        if box is not None:
            out.append(box)
    return out


def _outlined(crop: np.ndarray, near: np.ndarray, inside: tuple[int, int, int, int]) -> Box | None:
    """The box whose inside is ``inside`` (rows and columns, ends exclusive), when a line
    of one colour runs along each of its four sides and ends at the corners."""
    r0, r1, c0, c1 = inside
    h, w = near.shape
    sides = {
        "top": [r for r in range(r0 - 1, max(r0 - 1 - REACH, -1), -1)],
        "bottom": [r for r in range(r1, min(r1 + REACH, h))],
        "left": [c for c in range(c0 - 1, max(c0 - 1 - REACH, -1), -1)],
        "right": [c for c in range(c1, min(c1 + REACH, w))],
    }
    found: dict[str, int] = {}
    colours = []
    for side, lines in sides.items():
        for k in lines:
            strip = ~near[k, c0:c1] if side in ("top", "bottom") else ~near[r0:r1, k]
            if strip.mean() >= EDGE:
                found[side] = k
                pixels = crop[k, c0:c1] if side in ("top", "bottom") else crop[r0:r1, k]
                colours.append(np.median(pixels, axis=0))
                break
        else:
            return None
    colour = np.median(np.array(colours), axis=0)
    if any(np.abs(c - colour).max() > 2 * SAME for c in colours):
        return None  # four lines of different colours: other strokes, not an outline
    top, bottom, left, right = found["top"], found["bottom"], found["left"], found["right"]
    # a grid's lines go on past the corners; an outline's end there
    length = max(SMALLEST // 2, 6)
    beyond = [
        crop[top, max(left - 3 - length, 0) : max(left - 3, 0)],
        crop[top, right + 4 : right + 4 + length],
        crop[bottom, max(left - 3 - length, 0) : max(left - 3, 0)],
        crop[bottom, right + 4 : right + 4 + length],
        crop[max(top - 3 - length, 0) : max(top - 3, 0), left],
        crop[bottom + 4 : bottom + 4 + length, left],
        crop[max(top - 3 - length, 0) : max(top - 3, 0), right],
        crop[bottom + 4 : bottom + 4 + length, right],
    ]
    going_on = sum(
        len(seg) > 0 and float((np.abs(seg - colour).max(axis=1) <= SAME).mean()) > 0.8
        for seg in beyond
    )
    if going_on > 2:
        return None
    return Box(top, bottom, left, right)


def hidden_stretch(rows: np.ndarray, boxes: list[Box], width: int) -> tuple[int, int | None] | None:
    """Where a followed curve (its row per column, NaN where unseen) runs in under a box:
    (the last column seen before it, the first seen after it or None when it is not seen
    again), when it disappears at the box's left side or on its top (a drop going in).
    What was followed inside a box is the box's own (a legend's sample line) and is set
    to NaN in ``rows``. A curve seen again past the box at the row it went in at ran
    under it flat: nothing is hidden (None)."""
    for box in boxes:
        inside = np.zeros(len(rows), dtype=bool)
        inside[box.left + 1 : box.right] = True
        inside &= (rows > box.top) & (rows < box.bottom)
        rows[inside] = np.nan
    seen = np.nonzero(np.isfinite(rows))[0]
    margin = width + 3
    for box in boxes:
        before = seen[seen < box.right]
        if len(before) == 0:
            continue
        last, row = int(before[-1]), float(rows[before[-1]])
        at_left = abs(last - box.left) <= margin and box.top - margin <= row <= box.bottom
        on_top = abs(row - box.top) <= margin and box.left - margin <= last <= box.right
        if not (at_left or on_top):
            continue
        after = seen[seen > last]
        if len(after) == 0:
            return last, None
        if abs(rows[after[0]] - row) > width:
            return last, int(after[0])
    return None


def covered_until(boxes: list[Box], col: int, width: int) -> int:
    """The column where the box a curve went in under at column ``col`` ends (the
    nearest box's right side; ``col`` itself when none is there)."""
    ends = [b.right for b in boxes if b.left - width - 3 <= col <= b.right]
    return min(ends) if ends else col


def flipped(boxes: list[Box], height: int) -> list[Box]:
    """The boxes in a plot turned upside down (a rising plot is followed so)."""
    return [Box(height - 1 - b.bottom, height - 1 - b.top, b.left, b.right) for b in boxes]


VEILED = 0.6  # a curve's ink seen through a box at most this share of its own: veiled
SEEN = 0.2  # the share of a box's inside such ink covers, at least, to be seen through
ALONG = 0.97  # how closely a veiled pixel's ink points the way of a curve's colour (cosine)
FEWEST = 50  # pixels of veiled ink, at least, for curves to show through a box
STRONG = 0.5  # ink (its length, paper to black 1.73) of what is drawn over the veil
HALO = 8  # pixels: how far a JPEG smears such ink faintly round it (an 8-pixel block)
AROUND = 30  # pixels: how far around a box the curves' colours going in are taken


def see_through(
    crop: np.ndarray, paper: np.ndarray, boxes: list[Box], under: np.ndarray
) -> list[Box]:
    """The boxes that hide what runs under them; a box drawn semi-opaque (a legend with
    matplotlib's ``framealpha=0.8``), the curves under it showing through faded, is
    lifted instead: the faded ink inside it is brought back to its full strength in
    ``crop`` (in place), and the box is not returned. ``under`` is the crop before its
    words were blanked: a curve under a legend runs behind its words, and shows between
    their letters.

    A veil of paper colour lets a share ``t`` of a curve's ink through: a pixel under it
    is ``paper - t * (paper - colour)``, its ink pointing the way of the curve's own. The
    colours are those of the saturated ink just around the box (the curves going in and
    coming out); ``t`` is the share the lines' cores show (the upper quartile) among the
    pixels inside whose ink points the way of one of them, weaker than a share ``VEILED``
    of it (the legend's own samples and words are drawn at full strength over the veil).
    A box is seen through when such pixels, away from the ink drawn over the veil
    (``HALO`` pixels from it: a JPEG smears an opaque legend's samples and words faintly
    round them), are at least ``FEWEST`` and a share ``SEEN`` of the faint ink there."""
    kept = []
    for box in boxes:
        if not _lifted(crop, under, np.asarray(paper, dtype=crop.dtype), box):
            kept.append(box)
    return kept


def _lifted(crop: np.ndarray, under: np.ndarray, paper: np.ndarray, box: Box) -> bool:
    """Box ``box`` lifted from ``crop`` (``under``: before its words were blanked) when
    curves show through it (see :func:`see_through`): whether it was."""
    h, w = crop.shape[:2]
    outer = crop[max(box.top - AROUND, 0) : min(box.bottom + AROUND + 1, h),
                 max(box.left - AROUND, 0) : min(box.right + AROUND + 1, w)].copy()  # fmt: skip
    top, left = box.top - max(box.top - AROUND, 0), box.left - max(box.left - AROUND, 0)
    outer[top : top + box.bottom - box.top + 1, left : left + box.right - box.left + 1] = paper
    ink_out = (paper - outer).reshape(-1, 3)
    chroma = ink_out.max(axis=1) - ink_out.min(axis=1)
    colours = ink_out[chroma > 0.3]
    if len(colours) < 20:
        return False
    colours = np.unique(np.round(colours, 1), axis=0)
    rows = slice(box.top + REACH, box.bottom - REACH + 1)
    cols = slice(box.left + REACH, box.right - REACH + 1)
    inside = crop[rows, cols]
    ink = paper - under[rows, cols]
    strength = np.linalg.norm(ink, axis=2)
    faint = strength > PAPER
    if not faint.any():
        return False
    unit = colours / np.linalg.norm(colours, axis=1, keepdims=True)
    cos = np.tensordot(ink[faint], unit.T, axes=1) / strength[faint][:, None]
    best = np.argmax(cos, axis=1)
    along = cos[np.arange(len(best)), best] >= ALONG
    share = strength[faint] / np.linalg.norm(colours[best], axis=1)
    veiled = along & (share < VEILED)
    # counted away from what is drawn over the veil: a JPEG's faint halo round the
    # samples and words of an opaque legend is not a curve showing through
    clear = ~ndimage.binary_dilation(strength >= STRONG, iterations=HALO)[faint]
    if (veiled & clear).sum() < FEWEST or (veiled & clear).sum() < SEEN * clear.sum():
        return False
    t = float(np.quantile(share[veiled], 0.75))  # a line's core, not its softened edges
    lifted = np.zeros(faint.shape, dtype=bool)
    lifted[faint] = veiled
    inside[lifted] = np.clip(paper - ink[lifted] / t, 0, 1)
    return True


def without_inner_ticks(
    crop: np.ndarray, paper: np.ndarray, level: float, cols: np.ndarray, rows: np.ndarray
) -> None:
    """Blank in ``crop`` (the inside of a boxed plot, its lines cut off) the tick marks
    drawn inward from its four sides (MATLAB's default box, ``tick_params(direction="in",
    top=True, right=True)``), so that none joins a legend's box or a curve: on each side,
    the short thin marks of the frame's neutral ink (darker than ``level``) touching it at
    the tick marks' places (``cols``: the x ticks' columns in the crop, for the top and
    bottom sides; ``rows``: the y ticks' rows, for the left and right), all of one length
    (within two pixels), at least two on the side. A curve's drop onto the side, or a
    curve leaving it, is longer than a tick or not at a tick's place."""
    ink = np.abs(crop - paper).max(axis=2) > PAPER
    neutral = np.ptp(crop, axis=2) < 0.2
    dark = neutral & (crop.mean(axis=2) < level)
    blank = np.zeros(dark.shape, dtype=bool)
    sides = ((dark, blank, cols), (dark[::-1], blank[::-1], cols),
             (dark.T, blank.T, rows), (dark.T[::-1], blank.T[::-1], rows))  # fmt: skip
    for side, out, places in sides:
        _side_ticks(side, out, np.asarray(places, dtype=float))
    crop[blank & ink] = paper


def _side_ticks(side: np.ndarray, out: np.ndarray, places: np.ndarray) -> None:
    """Mark in ``out`` the inward ticks of one side (``side``: its rows the distance from
    it) at ``places``, with a pixel around each for its anti-aliased edge."""
    depth = min(40, side.shape[0] // 4)
    if depth < 4 or len(places) < 2:
        return
    strip = side[:depth]
    labels, n = ndimage.label(strip[0] | strip[1])
    marks = []
    for i in range(1, n + 1):
        at = np.nonzero(labels == i)[0]
        reach = strip[:, at].any(axis=1)
        length = int(np.argmin(reach)) if not reach.all() else depth
        near = np.abs(places - at.mean()).min() <= 2
        if len(at) <= 3 and near and 3 <= length <= 0.5 * depth:
            marks.append((int(at[0]), int(at[-1]), length))
    if len(marks) < 2:
        return
    lengths = np.array([m[2] for m in marks])
    common = int(np.bincount(lengths).argmax())
    kept = [m for m in marks if abs(m[2] - common) <= 2]
    if len(kept) < 2:
        return
    for first, last, length in kept:
        out[: length + 1, max(first - 1, 0) : last + 2] = True
