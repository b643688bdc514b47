"""A photographed page made flat again: the lighting evened out and the plot's axes
turned back square.

A phone photo of a printed figure is lit unevenly (a shadow at one side, a vignette), so
no one grey is the paper, a strip of desk may show at the edges, and the page is seen at
a slant, so the axes run neither level nor upright nor at a right angle to each other
(a perspective, not the turn of a scan). :func:`flattened_photo` finds such a page from
the image alone: its paper's brightness, estimated over blocks, rises and falls smoothly
by more than :data:`UNEVEN` (a figure saved by a program, or scanned, has paper of one
grey, and is left exactly as it is). The paper's brightness is divided out of each
channel, the desk made paper, and when the longest nearly upright and nearly level ink
lines (the axes) are off square, the image is mapped back so that they run upright and
level, meeting where they met.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from analysis.published import digitize_raster as raster

BLOCK = 16  # pixels a side of the blocks the paper's brightness is estimated over
UNEVEN = 0.1  # spread of a photo's paper brightness, its lighting's (5th to 95th percentile)
MAX_TILT = 6.0  # degrees an axis may lean in a photo
TILT_STEP = 0.05
MIN_TILT = 0.15  # degrees: axes leaning less than this are left as they are
DESK = 0.6  # brightness, as a share of the paper's, under which a border region is desk


@dataclass(frozen=True)
class Photo:
    """A photographed page made flat: the image to read and what was done, in words."""

    rgb: np.ndarray
    note: str


def paper_field(rgb: np.ndarray) -> np.ndarray:
    """The paper's brightness per block of :data:`BLOCK` pixels and channel: the block's
    brightest tenth (its ink left out), smoothed over the blocks around it (a word or a
    thick line filling a block left out too). Shape (rows // BLOCK, cols // BLOCK, 3)."""
    h, w = (rgb.shape[0] // BLOCK) * BLOCK, (rgb.shape[1] // BLOCK) * BLOCK
    blocks = rgb[:h, :w].reshape(h // BLOCK, BLOCK, w // BLOCK, BLOCK, 3)
    blocks = blocks.transpose(0, 2, 4, 1, 3).reshape(h // BLOCK, w // BLOCK, 3, BLOCK * BLOCK)
    k = int(0.9 * BLOCK * BLOCK)
    bright = np.partition(blocks, k, axis=-1)[..., k]
    return ndimage.median_filter(bright, size=(5, 5, 1), mode="nearest")


def _uneven(field: np.ndarray) -> bool:
    """Whether the paper's brightness rises and falls smoothly across the page by more
    than :data:`UNEVEN` (a photo's lighting): a smooth surface (quadratic in row and
    column) fitted to the blocks off the desk spreads that much and fits them within a
    quarter of that. A figure's light tints (a confidence band, a grey panel) are patches
    with sharp edges, which such a surface does not follow."""
    grey = field.max(axis=2)  # a light tint (a confidence band's) is not a shadow
    level = float(np.median(grey))
    if level < 0.3:
        return False
    labels, _ = ndimage.label(grey < DESK * level)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    rows, cols = np.nonzero(~np.isin(labels, edge[edge > 0]))
    if rows.size < 0.5 * grey.size:
        return False
    r, c = rows / grey.shape[0], cols / grey.shape[1]
    design = np.column_stack([np.ones_like(r), r, c, r * r, r * c, c * c])
    values = grey[rows, cols]
    coef, *_ = np.linalg.lstsq(design, values, rcond=None)
    surface = design @ coef
    lo, hi = np.percentile(surface, [5, 95])
    misfit = float(np.sqrt(np.mean((surface - values) ** 2)))
    return bool(hi - lo > UNEVEN and misfit < 0.25 * (hi - lo))


def flattened_photo(rgb: np.ndarray) -> Photo | None:
    """The image with its lighting evened out and its axes squared, when it is a photo
    of a page (its paper's brightness uneven, see :func:`paper_field`); ``None`` when it
    is not, so every other figure is read exactly as it is."""
    if min(rgb.shape[:2]) < 8 * BLOCK:
        return None
    field = paper_field(rgb)
    if not _uneven(field):
        return None
    h, w = rgb.shape[:2]
    smooth = ndimage.gaussian_filter(field, sigma=(1.5, 1.5, 0))
    rows, cols = _spread(smooth.shape[0], h), _spread(smooth.shape[1], w)
    full = np.einsum("ra,abk,cb->rck", rows, smooth, cols, optimize=True)
    flat = np.clip(rgb / np.maximum(full, 1e-3), 0, 1).astype(np.float32)
    on_desk = _desk(rgb, float(np.median(field.mean(axis=2))))
    flat[on_desk] = 1.0
    notes = ["the paper's uneven lighting divided out"]
    if on_desk.any():
        notes.append("the desk around the page made paper")
    squared = _squared(flat)
    if squared is not None:
        lean_y, lean_x = squared.lean
        notes.append(
            f"the axes squared (the y axis leaned {lean_y:.2f} degrees, the x axis {lean_x:.2f})"
        )
        seen = _unslanted(flat, squared)
        if seen is None:
            flat = _mapped(flat, squared.matrix, squared.offset)
        else:
            flat = seen
            notes.append("the page's slant taken out (the tick marks evenly spaced again)")
    note = (
        "a photographed page (its paper unevenly lit): " + ", ".join(notes) + "; check the overlay"
    )
    return Photo(flat, note)


def _spread(n: int, size: int) -> np.ndarray:
    """The weights spreading ``n`` block centres linearly over ``size`` pixels: shape
    (size, n), each row summing to 1."""
    at = np.clip((np.arange(size) + 0.5) / (size / n) - 0.5, 0, n - 1)
    lo = np.minimum(np.floor(at).astype(int), max(n - 2, 0))
    frac = at - lo
    weights = np.zeros((size, n))
    weights[np.arange(size), lo] = 1 - frac
    weights[np.arange(size), np.minimum(lo + 1, n - 1)] += frac
    return weights


def _desk(rgb: np.ndarray, level: float) -> np.ndarray:
    """The pixels of the desk around a photographed page: regions far darker than the
    paper (under :data:`DESK` of its brightness ``level``, smoothed so ink strokes do not
    count) joined to the image's edge and larger than a line of ink, widened by a few
    pixels over the page's blurred edge."""
    step = 4
    grey = raster.grey_level(rgb[::step, ::step])
    low = ndimage.uniform_filter(grey, size=3) < DESK * level
    labels, n = ndimage.label(low)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    edge = edge[edge > 0]
    if n == 0 or len(edge) == 0:
        return np.zeros(rgb.shape[:2], bool)
    sizes = ndimage.sum(low, labels, index=edge)
    big = edge[sizes >= max(grey.shape)]
    desk = ndimage.binary_dilation(np.isin(labels, big), iterations=2)
    full = np.repeat(np.repeat(desk, step, axis=0), step, axis=1)
    return full[: rgb.shape[0], : rgb.shape[1]]


def _longest_line(dark: np.ndarray) -> tuple[float, float, int, int] | None:
    """The longest straight ink line running nearly down the image (within
    :data:`MAX_TILT` degrees): ``(tan, c0, start, end)`` for the line ``col = c0 + tan *
    row`` inked from row ``start`` to ``end`` (gaps of a few pixels bridged)."""
    rows, cols = np.nonzero(dark)
    if len(rows) < 50:
        return None
    span = dark.shape[0] + 2 * dark.shape[1]
    best = (0.0, -1.0, 0.0)
    for a in np.arange(-MAX_TILT, MAX_TILT + 1e-9, TILT_STEP):
        t = float(np.tan(np.radians(a)))
        c0 = np.round(cols - rows * t).astype(np.int64) + dark.shape[1]
        counts = np.bincount(c0, minlength=span)
        thick = counts[:-2] + counts[1:-1] + counts[2:]
        k = int(np.argmax(thick))
        if thick[k] > best[1]:
            best = (t, float(thick[k]), float(k + 1 - dark.shape[1]))
    t, _, c = best
    on = np.abs(cols - (c + rows * t)) <= 2
    seen = np.zeros(dark.shape[0], bool)
    seen[rows[on]] = True
    seen = ndimage.binary_closing(seen, structure=np.ones(7, bool))
    labels, n = ndimage.label(seen)
    if n == 0:
        return None
    sizes = ndimage.sum(seen, labels, index=np.arange(1, n + 1))
    run = np.nonzero(labels == int(np.argmax(sizes)) + 1)[0]
    # the line's offset refined by a least-squares fit to its own pixels
    keep = on & (rows >= run[0]) & (rows <= run[-1])
    if keep.sum() >= 20:
        t, c = (float(v) for v in np.polyfit(rows[keep], cols[keep], 1))
    return t, c, int(run[0]), int(run[-1])


@dataclass(frozen=True)
class _Squared:
    """The image with its axes squared (in greys), how far each leaned (degrees), and the map from
    a squared pixel (row, col) to the photo's: ``matrix @ (row, col) + offset``."""

    rgb: np.ndarray
    lean: tuple[float, float]
    matrix: np.ndarray
    offset: np.ndarray


def _squared(rgb: np.ndarray) -> _Squared | None:
    """The image mapped so that its y axis (the longest nearly upright line) runs upright
    and its x axis (the longest nearly level one) level, their crossing and lengths
    kept; with how far each leaned (degrees). ``None`` when neither leans
    :data:`MIN_TILT` or either is shorter than a sixth of the image."""
    dark = raster.grey_level(rgb) < raster.LINE
    y_axis = _longest_line(dark)
    x_axis = _longest_line(dark.T)
    if y_axis is None or x_axis is None:
        return None
    ty, cy, y0, y1 = y_axis
    tx, rx, x0, x1 = x_axis
    if y1 - y0 < dark.shape[0] / 6 or x1 - x0 < dark.shape[1] / 6:
        return None
    lean_y, lean_x = float(np.degrees(np.arctan(ty))), float(np.degrees(np.arctan(tx)))
    if max(abs(lean_y), abs(lean_x)) < MIN_TILT:
        return None
    # the crossing: col = cy + ty * row, row = rx + tx * col
    row0 = (rx + tx * cy) / (1 - tx * ty)
    col0 = cy + ty * row0
    # unit steps along each axis on the photo: right along x, down along y
    right = np.array([tx, 1.0]) / np.hypot(tx, 1.0)  # (d row, d col)
    down = np.array([1.0, ty]) / np.hypot(1.0, ty)
    # source (row, col) = origin + matrix @ (row - row0, col - col0)
    matrix = np.array([[down[0], right[0]], [down[1], right[1]]])
    offset = np.array([row0, col0]) - matrix @ np.array([row0, col0])
    grey = ndimage.affine_transform(raster.grey_level(rgb), matrix, offset, order=1,
                                    mode="constant", cval=1.0)  # fmt: skip
    out = np.repeat(grey[..., None], rgb.shape[2], axis=2)  # enough to find axes and ticks
    return _Squared(out, (lean_y, lean_x), matrix, offset)


def _mapped(rgb: np.ndarray, matrix: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """Each channel of the image mapped: the pixel (row, col) taken from ``matrix @ (row,
    col) + offset``, white beyond the edges."""
    out = np.empty_like(rgb)
    for k in range(rgb.shape[2]):
        out[..., k] = ndimage.affine_transform(rgb[..., k], matrix, offset, order=1,
                                               mode="constant", cval=1.0)  # fmt: skip
    return out


def _projective(pos: np.ndarray) -> tuple[float, float, float] | None:
    """The map ``(a * i + b) / (c * i + 1)`` from the ``i``-th of evenly spaced tick marks
    to its pixel ``pos[i]``, seen in perspective; ``c`` is 0 (even spacing) unless that
    fits the marks more than half a pixel worse. ``None`` for fewer than four marks or
    marks that fit neither within a pixel."""
    if len(pos) < 4:
        return None
    i = np.arange(len(pos), dtype=float)
    a, b = np.polyfit(i, pos, 1)
    even = float(np.abs(a * i + b - pos).max())
    design = np.column_stack([i, np.ones_like(i), -i * pos])
    (pa, pb, pc), *_ = np.linalg.lstsq(design, pos, rcond=None)
    slanted = float(np.abs((pa * i + pb) / (pc * i + 1) - pos).max())
    if min(even, slanted) > 1.0:
        return None
    if even <= slanted + 0.5:
        return float(a), float(b), 0.0
    return float(pa), float(pb), float(pc)


def _unslanted(rgb: np.ndarray, squared: _Squared) -> np.ndarray | None:
    """The photo mapped so that its plot's tick marks, found on the squared image, stand
    evenly spaced: a projective map (a plane seen at a slant) fixed by the axes' crossing
    and how the spacing of each axis's marks changes along it (the vanishing point of
    each axis's direction); ``None`` when no axes with four tick marks each are found,
    or their spacing is even already."""
    frame = raster.find_frame(squared.rgb)
    if frame is None or frame.panel or frame.y_right:
        return None
    xt, yt = raster.find_ticks(squared.rgb, frame)
    along_x, along_y = _projective(np.sort(xt)), _projective(np.sort(yt)[::-1])
    if along_x is None or along_y is None or (along_x[2] == 0 and along_y[2] == 0):
        return None
    row0, col0 = float(frame.bottom), float(frame.left)
    columns = []
    for (a, b, c), at in ((along_x, col0), (along_y, row0)):
        u0 = (at - b) / (a - c * at)  # the crossing, in tick intervals from the first mark
        scale = c * u0 + 1
        columns.append((a / scale, c / scale))
    (ax, cx), (ay, cy) = columns
    h, w = rgb.shape[:2]
    r, c = np.mgrid[0:h, 0:w].astype(np.float64)
    s, t = (c - col0) / ax, (r - row0) / ay  # tick intervals right and up of the crossing
    weight = cx * s + cy * t + 1
    src_r = (cx * row0 * s + ay * t + row0) / weight
    src_c = (ax * s + cy * col0 * t + col0) / weight
    src = np.tensordot(squared.matrix, np.stack([src_r, src_c]), axes=1)
    src += squared.offset[:, None, None]
    out = np.empty_like(rgb)
    for k in range(rgb.shape[2]):
        out[..., k] = ndimage.map_coordinates(rgb[..., k], src, order=1, mode="constant",
                                              cval=1.0)  # fmt: skip
    return out
