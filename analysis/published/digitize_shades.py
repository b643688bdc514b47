"""Greyscale curves told apart by their shade: black, dark grey and mid grey lines.

A figure printed in greys may draw each curve in a grey of its own (ggplot2's ``black``,
``grey25`` and ``grey40``) as well as in a line type of its own. At low resolution the
dashes of a grey line are too short to be told apart by their pattern, but each dash is
drawn flat in its grey: its darkest pixels, a line thick and a few pixels long, are all
of one level. A black line drawn thin is grey too (a line 1.3 pixels thick covers two
rows at about 0.15), so only levels well clear of the black ink count as shades.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

CLEAR = 0.2  # how much lighter than the black ink a grey must be to be a shade of its own
APART = 0.1  # how far apart two shades' levels are at least
FEWEST = 8  # pieces drawn flat in a shade for it to be a curve's
LIGHTEST = 0.6  # lighter greys are left to the light-grey test (bands, grids)


def grey_shades(grey: np.ndarray, neutral: np.ndarray) -> list[float]:
    """The grey levels of curves drawn in greys: the black ink's (the darkest) and each
    grey whose own pieces (strokes of ``neutral`` ink whose darkest pixel is that grey)
    are drawn flat in it, at least ``FEWEST`` of them, each with a core of pixels at its
    darkest level at least two rows high and four columns long (a dash, not a censor
    tick's one column nor an anti-aliased dot); darkest first. Empty unless a grey is
    found beside the black."""
    labels, n = ndimage.label(neutral, structure=np.ones((3, 3), bool))
    if n == 0:
        return []
    darkest = np.asarray(ndimage.minimum(grey, labels, np.arange(1, n + 1)), dtype=float)
    at_min = neutral & (np.abs(grey - np.concatenate([[np.inf], darkest])[labels]) <= 0.03)
    cores = ndimage.find_objects(np.where(at_min, labels, 0), max_label=n)
    flat = np.array([sl is not None and sl[0].stop - sl[0].start >= 2
                     and sl[1].stop - sl[1].start >= 4 for sl in cores])  # fmt: skip
    black = float(np.quantile(grey[neutral], 0.01))
    levels = darkest[flat & (darkest >= black + CLEAR) & (darkest <= LIGHTEST)]
    found: list[float] = []
    for level in np.sort(levels):
        near = levels[np.abs(levels - level) <= 0.02]
        if len(near) < FEWEST or any(abs(level - f) < APART for f in found):
            continue
        found.append(float(np.median(near)))
    return [black, *found] if found else []


def apart(masks: list[np.ndarray], grey: np.ndarray, levels: list[float]) -> list[np.ndarray]:
    """Each shade's mask without the anti-aliased edges of the darker shades' lines
    (within two pixels of their ink darker than halfway between the two levels)."""
    out = [masks[0]]
    for i in range(1, len(masks)):
        darker = np.logical_or.reduce(
            [masks[j] & (grey < (levels[j] + levels[i]) / 2) for j in range(i)]
        )
        out.append(masks[i] & ~ndimage.binary_dilation(darker, iterations=2))
    return out
