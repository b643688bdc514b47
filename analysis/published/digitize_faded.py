"""Curve colours faded by JPEG's colour subsampling, told apart by their hue.

A JPEG saved with 4:2:0 chroma subsampling keeps one colour for each block of 2 x 2
pixels: a curve one pixel thick shares its block with the white paper beside it, so its
colour keeps a quarter to a half of its saturation (a web green, #2E9E44, comes out as a
greyish (0.38, 0.47, 0.38)). No pixel of it is saturated enough to count as a colour,
and the curves look like one dark grey ink. Their hues survive: two or more curves of
distinct hues show as clusters of hue among the mid-dark pixels that are tinted at all,
while black ink under JPEG holds no hue (or one, from a tinted light on a photographed
page). Coordinates and colours are as in :mod:`analysis.published.digitize_raster`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["faded_colours"]

TINTED = 0.1  # saturation over which a mid-dark pixel shows a hue
APART = 60.0  # degrees of hue between two faded colours (green and purple: 150)
REACH = 30.0  # degrees either side of a faded colour's peak that are its pixels


def faded_colours(
    crop: np.ndarray, hue: np.ndarray, sat: np.ndarray, grey: np.ndarray, minimum: float
) -> list[np.ndarray]:
    """The colours of curves faded by JPEG's colour subsampling (see the module's
    docstring): the peaks of hue among pixels mid-dark (grey level 0.2 to 0.75) and tinted
    (saturation over ``TINTED``), each at least ``APART`` degrees from the others and lit
    by ``minimum`` pixels or more, each colour the median of its pixels (within ``REACH``
    degrees) that are most saturated; none unless there are two or more (one hue alone
    is a tinted light's or a lone curve's, read as it is)."""
    tinted = (sat > TINTED) & (grey > 0.2) & (grey < 0.75)
    if tinted.sum() < 2 * minimum:
        return []
    hist = np.bincount((hue[tinted] // 10).astype(int) % 36, minlength=36).astype(float)
    smooth = np.convolve(np.concatenate([hist[-2:], hist, hist[:2]]), np.ones(5), "valid")
    peaks: list[float] = []
    colours: list[np.ndarray] = []
    for b in np.argsort(smooth)[::-1]:
        if smooth[b] < minimum:
            break
        centre = b * 10 + 5.0
        if any(abs((centre - h + 180) % 360 - 180) < APART for h in peaks):
            continue
        peaks.append(centre)
        near = tinted & (np.abs((hue - centre + 180) % 360 - 180) <= REACH)
        if near.sum() < minimum:
            continue
        core = near & (sat >= np.quantile(sat[near], 0.5))
        colours.append(np.median(crop[core], axis=0))
    return colours if len(colours) >= 2 else []
