"""Printed numbers read from a figure's pixels: tick labels and numbers at risk.

No text-recognition program is used. Each character (a connected mark of ink, or marks
one above the other) is compared with the digits 0-9 and ``%`` drawn in common typefaces:
DejaVu, Liberation and Nimbus Sans and Serif (their digits shipped as images in
``data/digit_glyphs.npz``, made by :func:`save_templates`), and Arial, Helvetica and Times
when the system has them. Both are scaled into one
square and compared by correlation; a mark much lower than the digits is a decimal point
(on the line) or a minus sign (in the middle). A word is a run of characters closer
than half their height; a number is a word of digits only.

The numbers are then checked against what an axis or a table must hold: tick labels grow
evenly along the axis (the values of most labelled ticks fall on one straight line of
their positions), and a row of numbers at risk stands under the ticks and never grows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import ndimage

from analysis.published.digitize_logscale import is_log_axis
from analysis.published.digitize_raster import Frame
from analysis.published.digitize_text import risk_row

SIZE = 24  # side of the square characters are compared in
CHARS = "0123456789%"
# typefaces R, ggplot2 and journals print numbers in, when the system has them (by file)
FONT_FILES = ("liberationsans-regular.ttf", "liberationserif-regular.ttf", "arial.ttf",
              "nimbussans-regular.otf", "helvetica.ttf", "times.ttf", "timesnewroman.ttf",
              "nimbusroman-regular.otf")  # fmt: skip
MATCH = 0.6  # correlation under which a mark is not taken for a digit


@dataclass(frozen=True)
class Word:
    """A printed word: its text (``?`` for a mark that is no digit), its box in pixels
    (``right`` and ``bottom`` exclusive) and how well its worst character matched."""

    text: str
    left: int
    right: int
    top: int
    bottom: int
    score: float

    @property
    def centre(self) -> float:
        return (self.left + self.right - 1) / 2

    @property
    def middle(self) -> float:
        return (self.top + self.bottom - 1) / 2

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def value(self) -> float | None:
        """The number the word prints (``12``, ``0.75``, ``80%``, ``-1``), else None."""
        t = self.text.rstrip("%")
        if not t or "?" in t or t.count(".") > 1 or "%" in t or "-" in t[1:]:
            return None
        if t.endswith(".") or t in ("-",) or (t.startswith(".") and not t[1:].isdigit()):
            return None  # ``.2`` is SPSS's 0.2, ``.`` before anything else is no number
        return float(t)


def _normalise(a: np.ndarray) -> np.ndarray:
    """An ink patch scaled (keeping its shape) and centred in the comparison square,
    then centred and scaled to unit length."""
    from PIL import Image

    h, w = a.shape
    s = (SIZE - 2) / max(h, w)
    size = (max(1, round(w * s)), max(1, round(h * s)))
    img = Image.fromarray(np.clip(a * 255, 0, 255).astype(np.uint8)).resize(
        size, Image.Resampling.BILINEAR
    )
    out = np.zeros((SIZE, SIZE))
    r0, c0 = (SIZE - size[1]) // 2, (SIZE - size[0]) // 2
    out[r0 : r0 + size[1], c0 : c0 + size[0]] = np.asarray(img, dtype=float) / 255
    v = out - out.mean()
    return v / max(float(np.linalg.norm(v)), 1e-9)


FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts",
             "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")  # fmt: skip


def _font_paths() -> list[Path]:
    """DejaVu Sans and Serif from matplotlib's own fonts (found without importing it),
    then the system's typefaces named in :data:`FONT_FILES`."""
    import importlib.util
    import os

    paths: list[Path] = []
    spec = importlib.util.find_spec("matplotlib")
    for root in (spec.submodule_search_locations or []) if spec else []:
        ttf = Path(root) / "mpl-data" / "fonts" / "ttf"
        paths += [ttf / n for n in ("DejaVuSans.ttf", "DejaVuSerif.ttf") if (ttf / n).exists()]
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        for dirpath, _dirs, files in os.walk(Path(folder).expanduser()):
            for f in files:
                if f.lower() in FONT_FILES:
                    found.setdefault(f.lower(), Path(dirpath) / f)
    return paths + [found[n] for n in FONT_FILES if n in found]


def _rendered(path: Path) -> list[tuple[str, float, np.ndarray]]:
    """Every digit and ``%`` of one typeface: (character, width / height, normalised
    image)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(path), 48)
    out = []
    for ch in CHARS:
        img = Image.new("L", (100, 100), 0)
        ImageDraw.Draw(img).text((15, 5), ch, fill=255, font=font)
        a = np.asarray(img, dtype=float) / 255
        rows, cols = np.nonzero(a > 0.3)
        patch = a[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
        out.append((ch, patch.shape[1] / patch.shape[0], _normalise(patch)))
    return out


def save_templates(path: Path | None = None) -> Path:
    """Write the digits of every typeface found here to ``path`` (by default the
    package's ``data/digit_glyphs.npz``, read by :func:`templates`), so machines without
    those typefaces (Liberation, Nimbus: R's and ggplot2's usual) still know them."""
    from importlib import resources

    target = path or Path(str(resources.files("analysis").joinpath("data", "digit_glyphs.npz")))
    fonts = _font_paths()
    rows = [(f.stem, *t) for f in fonts for t in _rendered(f)]
    np.savez_compressed(
        target,
        font=np.array([r[0] for r in rows]),
        char=np.array([r[1] for r in rows]),
        ratio=np.array([r[2] for r in rows]),
        image=np.stack([r[3] for r in rows]).astype(np.float32),
    )
    return target


@functools.cache
def templates() -> tuple[tuple[str, float, np.ndarray], ...]:
    """(character, width / height, normalised image) for every digit and ``%``: those
    shipped in ``data/digit_glyphs.npz`` (DejaVu, Liberation and Nimbus, Sans and Serif),
    then those of any other typeface of :data:`FONT_FILES` this machine has."""
    from importlib import resources

    out: list[tuple[str, float, np.ndarray]] = []
    shipped = resources.files("analysis").joinpath("data", "digit_glyphs.npz")
    known: set[str] = set()
    if shipped.is_file():
        with resources.as_file(shipped) as f, np.load(f) as z:
            known = {str(x) for x in z["font"]}
            out += [(str(c), float(r), im.astype(float))
                    for c, r, im in zip(z["char"], z["ratio"], z["image"], strict=True)]  # fmt: skip
    for path in _font_paths():
        if path.stem not in known:
            out += _rendered(path)
    return tuple(out)


def ink(rgb: np.ndarray) -> np.ndarray:
    """How far each pixel is from a white page (0 white, 1 black or a full colour: its
    weakest channel's darkness, so orange or blue text counts as fully inked)."""
    weakest = np.minimum(np.minimum(rgb[..., 0], rgb[..., 1]), rgb[..., 2])
    return np.clip(1 - weakest, 0, 1)


def _glyphs(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (top, bottom, left, right; exclusive ends) of the characters: connected marks,
    those one above the other (a ``%``'s circles and bar) merged."""
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    boxes = [
        [sl[0].start, sl[0].stop, sl[1].start, sl[1].stop]
        for sl in ndimage.find_objects(labels)
        if sl is not None
    ]
    boxes.sort(key=lambda b: b[2])
    # a mark far taller than the characters (a table's frame with its ticks) is no
    # character, and would take in those standing inside its box; the characters' height
    # taken over marks two pixels high and wide or more (a scan's grain, specks a pixel
    # across, outnumbering the characters, would make every character too tall), or,
    # where that is under 3 (specks two pixels across outnumbering them: no character is
    # that short), over marks three pixels high or more
    heights = [b[1] - b[0] for b in boxes if min(b[1] - b[0], b[3] - b[2]) >= 2]
    heights = heights or [b[1] - b[0] for b in boxes]
    typical = float(np.median(heights)) if heights else 0.0
    if typical < 3:
        high = [b[1] - b[0] for b in boxes if b[1] - b[0] >= 3 and b[3] - b[2] >= 2]
        typical = float(np.median(high)) if high else typical
    boxes = [b for b in boxes if b[1] - b[0] <= 4 * max(typical, 2)]
    # each merged box with its tallest piece: a mark joins one as tall as the pieces it
    # holds, not as the box grown by them (a turned axis title's letters, touching in a
    # blurred scan, would otherwise join one by one into a column the title's length)
    merged: list[list[int]] = []
    for b in boxes:
        for m in merged[-8:]:  # the last few, lest a line of text below intervene
            overlap = min(m[3], b[3]) - max(m[2], b[2])
            narrow = min(m[3] - m[2], b[3] - b[2])
            gap = max(b[0] - m[1], m[0] - b[1])  # rows between them (negative: overlap)
            taller = max(m[4], b[1] - b[0])
            near = gap <= 0.25 * taller and max(m[1], b[1]) - min(m[0], b[0]) <= 1.6 * taller
            if (overlap >= 0.5 * narrow and near) or _ring_of_percent(m, b, overlap):
                m[:] = [min(m[0], b[0]), max(m[1], b[1]), min(m[2], b[2]), max(m[3], b[3]), taller]
                break
        else:
            merged.append([*b, b[1] - b[0]])
    return [(a, b, c, d) for a, b, c, d, _ in merged]


def _ring_of_percent(m: list[int], b: list[int], overlap: int) -> bool:
    """Whether one mark is a ``%``'s ring beside its slash: about half the other's height,
    within its rows, their columns overlapping a little (the rings stand beside the
    slash's ends in Arial and Liberation Sans)."""
    tall, short = (m, b) if m[1] - m[0] >= b[1] - b[0] else (b, m)
    height = tall[1] - tall[0]
    inside = short[0] >= tall[0] - 1 and short[1] <= tall[1] + 1
    return overlap > 0 and inside and 0.3 * height <= short[1] - short[0] <= 0.6 * height


def _classify(patch: np.ndarray) -> tuple[str, float]:
    """The digit or ``%`` a character patch looks most like, and the correlation."""
    v = _normalise(patch)
    aspect = patch.shape[1] / patch.shape[0]
    best, score = "?", -1.0
    for ch, ratio, t in templates():
        s = float((v * t).sum()) - 0.3 * abs(np.log(max(aspect, 1e-3) / ratio))
        if s > score:
            best, score = ch, s
    return (best if score >= MATCH else "?"), score


def words(
    rgb: np.ndarray, region: tuple[int, int, int, int], touching: str = "",
    glyphs: list[tuple[int, int, int, int]] | None = None, level: float = 0.35,
) -> list[Word]:  # fmt: skip
    """The words printed in ``region`` (top, bottom, left, right) of the image, in image
    pixels, each read as digits where it can be; marks touching the region's edges named
    in ``touching`` (``"top"``, ``"bottom"``, ``"right"``, ``"left"``, space-separated: an
    axis's tick marks) left out. ``glyphs``: the characters'
    boxes (top, bottom, left, right within the region) when known (a drawing's outlined
    characters, a ``%`` in three pieces one box), else the connected marks. ``level``:
    the ink under which a pixel is paper (lower for small print, whose thin strokes
    anti-aliasing leaves faint)."""
    top, bottom, left, right = region
    top, left = max(top, 0), max(left, 0)
    strength = ink(rgb[top:bottom, left:right])
    if strength.size == 0:
        return []
    mask = strength > level
    edges = touching.split()
    if glyphs is None and "top" in edges:  # the marks touching the top (an x axis's tick
        mask = _off_edges(mask, ["top"])  # marks) go before characters are joined, lest a
        # tick take its label along (a y axis's blurred line may touch its labels: kept)
    found = _glyphs(mask) if glyphs is None else glyphs
    boxes = [b for b in found if min(b[1] - b[0], b[3] - b[2]) >= 2 or b[3] - b[2] >= 3]
    if "top" in edges:
        boxes = [b for b in boxes if b[0] > 0]
    if "bottom" in edges:
        boxes = [b for b in boxes if b[1] < strength.shape[0]]
    if "right" in edges:
        boxes = [b for b in boxes if b[3] < strength.shape[1]]
    if "left" in edges:
        boxes = [b for b in boxes if b[2] > 0]
    if not any(b[1] - b[0] >= 5 for b in boxes):  # nothing tall enough to read
        return []
    out: list[Word] = []
    inked = rgb[top:bottom, left:right]
    for line in _lines(boxes):
        out += _words_of_line(strength, line, top, left, inked)
    return out


def _off_edges(mask: np.ndarray, edges: list[str]) -> np.ndarray:
    """``mask`` without its connected marks touching the named edges (``"top"``,
    ``"bottom"``, ``"left"``, ``"right"``): an axis's tick marks, which would otherwise be
    joined to a label printed a pixel under them (small print at 96 dpi) as one character
    above the other, and taken away with it."""
    labels, _ = ndimage.label(mask, structure=np.ones((3, 3), bool))
    rims = {"top": labels[0], "bottom": labels[-1], "left": labels[:, 0], "right": labels[:, -1]}
    touching = np.unique(np.concatenate([rims[e] for e in edges if e in rims]))
    return mask & ~np.isin(labels, touching[touching > 0])


def _ink_colour(
    rgb: np.ndarray, strength: np.ndarray, box: tuple[int, int, int, int]
) -> np.ndarray:
    """The colour of a character's ink: the mean of its most strongly inked pixels."""
    a, b, c, d = box
    s = strength[a:b, c:d]
    return np.asarray(rgb[a:b, c:d][s >= 0.8 * s.max()].mean(axis=0))


def _lines(boxes: list[tuple[int, int, int, int]]) -> list[list[tuple[int, int, int, int]]]:
    """Characters grouped into lines of text, each left to right: a character joins the
    nearest line (sideways) whose tallest character spans its middle row, if that line
    is within two heights of it."""
    lines: list[list[tuple[int, int, int, int]]] = []
    for b in sorted(boxes, key=lambda b: -(b[1] - b[0])):
        mid = (b[0] + b[1]) / 2
        best, gap = None, np.inf
        for line in lines:
            t, u = line[0][0], line[0][1]  # the line's tallest character
            if t - 1 <= mid <= u + 1:
                d = min(max(x[2] - b[3], b[2] - x[3], 0) for x in line)
                if d < gap and d <= 2 * (u - t):
                    best, gap = line, d
        if best is None:
            lines.append([b])
        else:
            best.append(b)
    return [sorted(line, key=lambda b: b[2]) for line in lines]


def _words_of_line(
    strength: np.ndarray, line: list[tuple[int, int, int, int]], top: int, left: int,
    rgb: np.ndarray | None = None,
) -> list[Word]:  # fmt: skip
    """The words of a line of characters: runs of characters closer than half their
    height and printed in one colour (a table's black label and its coloured number
    printed close together are two words)."""
    height = max(b[1] - b[0] for b in line)
    line_top, line_bottom = min(b[0] for b in line), max(b[1] for b in line)
    groups: list[list[tuple[int, int, int, int]]] = []
    colours = [_ink_colour(rgb, strength, b) if rgb is not None else np.zeros(3) for b in line]
    for k, box in enumerate(line):
        same = k == 0 or np.abs(colours[k] - colours[k - 1]).max() <= 0.3
        if groups and same and box[2] - groups[-1][-1][3] <= max(0.45 * height, 1):
            groups[-1].append(box)
        else:
            groups.append([box])
    out = []
    first = [colours[line.index(g[0])] for g in groups]
    last = [colours[line.index(g[-1])] for g in groups]
    for g in groups:
        text, worst = "", 1.0
        g[:] = _rejoined(strength, g, height)
        for k, (a, b, c, d) in enumerate(g):
            h, w = b - a, d - c
            if h < 0.45 * height:
                centre = (a + b) / 2 - line_top
                low = centre > 0.6 * (line_bottom - line_top)
                text += "-" if w >= 1.8 * h else "." if low else "?"
                continue
            ch, s = _classify(strength[a:b, c:d])
            if (
                k
                and text[-1:].isdigit()
                and "." not in text
                and _point_between(strength, g[k - 1], (a, b, c, d), (line_top, line_bottom))
            ):
                text += "."
            text += ch
            worst = min(worst, s)
        out.append(Word(text, min(b[2] for b in g) + left, max(b[3] for b in g) + left,
                        min(b[0] for b in g) + top, max(b[1] for b in g) + top, worst))  # fmt: skip
    apart = [bool(np.abs(a - b).max() > 0.3) for a, b in zip(last[:-1], first[1:], strict=True)]
    return _faint_joined(out, strength, top, left, height, [False, *apart])


def _rejoined(
    strength: np.ndarray, group: list[tuple[int, int, int, int]], height: int
) -> list[tuple[int, int, int, int]]:
    """A word's characters with those broken into small pieces joined again: side by side
    pieces each under half the line's height (a ``%`` at 96 dpi, its faint strokes cut)
    that together make a mark as tall as the line and no wider than it, one character
    where the whole matches a digit or ``%`` (a point or a minus sign beside a digit is
    no such run)."""
    out: list[tuple[int, int, int, int]] = []
    run: list[tuple[int, int, int, int]] = []

    def close() -> None:
        box = (min(b[0] for b in run), max(b[1] for b in run), run[0][2],
               max(b[3] for b in run)) if run else None  # fmt: skip
        if (
            box is not None
            and len(run) >= 2
            and box[1] - box[0] >= 0.7 * height
            and box[3] - box[2] <= 1.2 * height
            and _classify(strength[box[0] : box[1], box[2] : box[3]])[0] != "?"
        ):
            out.append(box)
        else:
            out.extend(run)
        run.clear()

    for box in group:
        short = box[1] - box[0] < 0.45 * height
        if not short or (run and box[2] > max(b[3] for b in run) + 1):
            close()
        (run if short else out).append(box)
    close()
    return out


def _point_between(
    strength: np.ndarray,
    before: tuple[int, int, int, int],
    after: tuple[int, int, int, int],
    rows: tuple[int, int],
) -> bool:
    """Whether a decimal point too small to be a mark of its own (a pixel high at 96 dpi)
    sits between two characters: clear ink in the lowest third of the line in the
    columns between them, and none above it."""
    gap = strength[rows[0] : rows[1], before[3] : after[2]]
    if gap.shape[1] == 0:
        return False
    low = int(np.ceil(2 * gap.shape[0] / 3))
    return bool(gap[low:].max() > 0.5 and gap[:low].max() < 0.12)


def _faint_joined(
    found: list[Word], strength: np.ndarray, top: int, left: int, height: int,
    apart: list[bool] | None = None,
) -> list[Word]:  # fmt: skip
    """Numbers closer than a character's height are one number whose point or sign was
    too faint to see (``0 8`` at 96 dpi is ``0.8``): joined with ``.`` where faint ink
    sits low in the gap, else with ``?`` (so the word is no number rather than a wrong
    one); not when printed in other colours (``apart``: each word's colour differs from
    the one before)."""
    out: list[Word] = []
    for k, w in enumerate(found):
        last = out[-1] if out else None
        gap = w.left - last.right if last else height
        numbers = last is not None and last.value() is not None and w.value() is not None
        if apart is not None and apart[k]:
            numbers = False
        if last is None or gap > height or not (numbers and w.text[:1].isdigit()):
            out.append(w)
            continue
        rows = slice(w.top - top + int(0.6 * w.height), w.bottom - top)
        between = strength[rows, last.right - left : w.left - left]
        mark = "." if between.size and between.max() > 0.12 and "." not in last.text else "?"
        out[-1] = Word(last.text + mark + w.text, last.left, w.right, min(last.top, w.top),
                       max(last.bottom, w.bottom), min(last.score, w.score))  # fmt: skip
    return out


def evenly_labelled(ticks: np.ndarray, labels: list[Word | None]) -> tuple[np.ndarray, np.ndarray]:
    """The ticks whose labels' values fall on one straight line of the ticks' positions
    (the labels of an evenly divided axis), when at least three (or every tick, if
    fewer) and most of those read do; else empty arrays.
    Returns the positions and values, in the order of ``ticks``."""
    pos = np.asarray([t for t, w in zip(ticks, labels, strict=True) if w and w.value() is not None])
    val = np.asarray([w.value() for w in labels if w and w.value() is not None], dtype=float)
    if len(pos) < 2:
        return np.zeros(0), np.zeros(0)
    best: np.ndarray | None = None
    for i in range(len(pos)):
        for j in range(i + 1, len(pos)):
            if pos[j] == pos[i] or val[j] == val[i]:
                continue
            slope = (val[j] - val[i]) / (pos[j] - pos[i])
            step = abs(slope) * float(np.min(np.diff(np.sort(pos)))) if len(pos) > 1 else 1.0
            fits = np.abs(val - (val[i] + slope * (pos - pos[i]))) <= 0.05 * step
            if best is None or fits.sum() > best.sum():
                best = fits
    if best is None or best.sum() < min(3, len(ticks)) or best.sum() < 0.6 * len(pos):
        return _log_labelled(ticks, pos, val)
    return pos[best], val[best]


def _log_labelled(
    ticks: np.ndarray, pos: np.ndarray, val: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The labelled ticks of a logarithmic axis (0.5, 0.6, ..., 1.0 on unevenly spaced
    ticks: :func:`~analysis.published.digitize_logscale.is_log_axis`), when most ticks'
    labels were read and all of those fit it; else empty arrays."""
    order = np.argsort(pos)
    if len(pos) < max(3, 0.8 * len(ticks)) or np.any(np.diff(val[order]) == 0):
        return np.zeros(0), np.zeros(0)
    if is_log_axis(pos, (float(val[order][0]), float(val[order][-1])), val) is None:
        return np.zeros(0), np.zeros(0)
    return pos, val


def nearest_word(found: list[Word], position: float, axis: str, reach: float) -> Word | None:
    """The word labelling a tick: centred on it (x) or level with it (y), within
    ``reach`` pixels, the nearest to the axis."""
    if axis == "x":
        near = [w for w in found if abs(w.centre - position) <= reach]
        return min(near, key=lambda w: (w.top, abs(w.centre - position))) if near else None
    near = [w for w in found if abs(w.middle - position) <= reach]
    if axis == "y-right":
        return min(near, key=lambda w: w.left) if near else None
    return max(near, key=lambda w: w.right) if near else None


def risk_rows(found: list[Word], ticks: np.ndarray, times: np.ndarray) -> pd.DataFrame | None:
    """Rows of whole numbers each standing under a tick (centred, or aligned by either
    end), not growing over time: ``curve`` (rows top to bottom), ``time``, ``n_risk``."""
    if len(ticks) < 2:
        return None
    reach = 0.4 * float(np.min(np.diff(np.sort(ticks))))
    numbers = [w for w in found if (w.value() is not None and w.text.isdigit()) or _unread(w)]
    rows: list[list[Word]] = []
    for w in sorted(numbers, key=lambda w: w.middle):
        if rows and abs(rows[-1][0].middle - w.middle) <= 0.5 * w.height:
            rows[-1].append(w)
        else:
            rows.append([w])
    out: list[pd.DataFrame] = []
    for row in rows:
        counts: dict[int, int] = {}
        unread_first = False  # a count at time 0 printed but not read (``2?`` for 200)
        # each tick takes the word nearest it (a row label's digit, ``group = 0``, may
        # stand within reach of the first tick too, further than the count under it)
        for _gap, k, w in _nearest_first(row, ticks, reach):
            if _unread(w):
                unread_first |= k == 0
            else:
                counts[k] = int(w.text)
        need = max(2, int(np.ceil(0.6 * len(ticks))))
        if unread_first and 0 not in counts and len(counts) >= need:
            # the row is kept (and the rows under it keep their curves' numbers), its
            # unread first count left out; the counts after it must still never rise
            counts[0] = max(counts.values())
            table_row = risk_row(counts, times, len(out) + 1, need=need + 1)
            table_row = None if table_row is None else table_row.iloc[1:].reset_index(drop=True)
        else:
            table_row = risk_row(counts, times, len(out) + 1, need=need)
        if table_row is not None:
            out.append(table_row)
    return pd.concat(out, ignore_index=True) if out else None


def _nearest_first(
    row: list[Word], ticks: np.ndarray, reach: float
) -> list[tuple[float, int, Word]]:
    """The words of a row paired with the ticks they stand under (centred, or aligned by
    either end, within ``reach``), nearest pairs first, each tick and each word used once."""
    pairs = []
    for j, w in enumerate(row):
        gaps = [min(abs(w.centre - t), abs(w.right - 1 - t), abs(w.left - t)) for t in ticks]
        k = int(np.argmin(gaps))
        if gaps[k] <= reach:
            pairs.append((gaps[k], k, j))
    out, taken = [], set()
    for gap, k, j in sorted(pairs):
        if k not in taken:
            taken.add(k)
            out.append((gap, k, row[j]))
    return out


def _unread(w: Word) -> bool:
    """A word of digits with a mark that matched no digit (``2?``): a number misread."""
    return "?" in w.text and any(c.isdigit() for c in w.text) and set(w.text) <= set("0123456789?")


@dataclass(frozen=True)
class Labels:
    """What the printed numbers around a plot gave: the labelled ticks of each axis
    (positions in pixels, values as printed; empty when unread), the words under the
    x axis's labels (a numbers-at-risk table's, if any) and the labels read at the first
    and last y ticks, even when the axis's labels were not read evenly."""

    x_pos: np.ndarray
    x_val: np.ndarray
    y_pos: np.ndarray
    y_val: np.ndarray
    below: list[Word]
    y_ends: tuple[tuple[float, float], ...] = ()  # the end y ticks' labels read: (tick, value)


FAINT_PRINT = 0.25  # the ink level small print is read at when it is not read at 0.35


def read_labels(rgb: np.ndarray, frame: Frame, xt: np.ndarray, yt: np.ndarray) -> Labels:
    """The tick labels of both axes (see :func:`evenly_labelled`) and the words below the
    x axis's labels. An axis whose labels are not read evenly is read again taking
    fainter ink for print (``FAINT_PRINT``: digits a few pixels high at 96 dpi, their
    strokes anti-aliased to a mid grey and cut apart at the usual level)."""
    h, w = rgb.shape[:2]
    x_reach = 0.4 * float(np.min(np.diff(np.sort(xt)))) if len(xt) > 1 else 10.0
    under = words(rgb, (frame.bottom + 1, h, 0, w), touching="top")
    x_pos, x_val, line_bottom = _x_labels(under, frame, xt, x_reach)
    below = under if line_bottom is None else [u for u in under if u.top >= line_bottom]
    if len(x_pos) == 0:
        faint = words(rgb, (frame.bottom + 1, h, 0, w), touching="top", level=FAINT_PRINT)
        x_pos, x_val, _ = _x_labels(faint, frame, xt, x_reach)
    y_pos, y_val, y_words = _y_labels(rgb, frame, yt, 0.35)
    if len(y_pos) == 0:
        y_pos, y_val, faint_words = _y_labels(rgb, frame, yt, FAINT_PRINT)
        y_words = faint_words if len(y_pos) else y_words
    ends = tuple(
        (float(t), float(v))
        for t, u in zip(np.sort(yt), y_words, strict=True)
        if t in (yt.min(), yt.max()) and u is not None and (v := u.value()) is not None
    )
    return Labels(x_pos, x_val, y_pos, y_val, below, ends)


def _x_labels(
    under: list[Word], frame: Frame, xt: np.ndarray, reach: float
) -> tuple[np.ndarray, np.ndarray, int | None]:
    """The x axis's labelled ticks (positions, values) among the words ``under`` it, and
    the bottom row of their line (None when no number stands there)."""
    numbers = [u for u in under if u.value() is not None
               and frame.left - reach <= u.centre <= frame.right + reach]  # fmt: skip
    if not numbers:
        return np.zeros(0), np.zeros(0), None
    first = min(u.top for u in numbers)
    band = [u for u in numbers if u.top <= first + 0.5 * u.height]
    x_pos, x_val = evenly_labelled(xt, [nearest_word(band, t, "x", reach) for t in np.sort(xt)])
    return x_pos, x_val, max(u.bottom for u in band)


def _y_labels(
    rgb: np.ndarray, frame: Frame, yt: np.ndarray, level: float
) -> tuple[np.ndarray, np.ndarray, list[Word | None]]:
    """The y axis's labelled ticks (positions, values) read with ink over ``level``, and
    the word read at each tick (None where none)."""
    h, w = rgb.shape[:2]
    y_reach = 0.4 * float(np.min(np.diff(np.sort(yt)))) if len(yt) > 1 else 10.0
    edge = frame.left - frame.line if frame.line else frame.left
    rows = (frame.top - int(0.05 * h), frame.bottom + int(0.05 * h))
    if frame.y_right:  # the labels right of a y axis on the right
        edge = frame.right + frame.line + 1
        region = (*rows, edge, min(edge + int(0.35 * w), w))
        beside = words(rgb, region, touching="left", level=level)
    else:
        region = (*rows, max(edge - int(0.35 * w), 0), edge)
        beside = words(rgb, region, touching="right", level=level)
    beside = [u for u in beside if u.value() is not None]
    axis = "y-right" if frame.y_right else "y"
    y_words = [nearest_word(beside, t, axis, y_reach) for t in np.sort(yt)]
    y_pos, y_val = evenly_labelled(np.sort(yt), y_words)
    return y_pos, y_val, y_words


def words_under_lowest_tick(rgb: np.ndarray, frame: Frame, lowest: float) -> list[Word]:
    """The words printed inside the plot's frame under its lowest y tick (at pixel row
    ``lowest``): SAS's PROC LIFETEST prints the numbers at risk there, the y axis drawn on
    below 0 with no row labels. Marks touching the region's top (a curve along 0) or
    bottom (tick marks drawn inward from the x axis) are left out."""
    pad = frame.line + 1
    region = (int(np.ceil(lowest)) + 1, frame.bottom - frame.line, frame.left + pad,
              frame.right - pad + 1)  # fmt: skip
    if region[1] - region[0] < 10:
        return []
    return words(rgb, region, touching="top bottom left right")


def x_label_centres(rgb: np.ndarray, frame: Frame) -> np.ndarray:
    """Where the x axis's labels stand when it has neither tick marks nor vertical grid
    lines (a spreadsheet's chart): the centres of the numbers in the first line of words
    under the plot, when at least three are read."""
    h, w = rgb.shape[:2]
    reach = 0.05 * (frame.right - frame.left)
    under = words(rgb, (frame.bottom + 1, h, 0, w), touching="top")
    numbers = [u for u in under if u.value() is not None
               and frame.left - reach <= u.centre <= frame.right + reach]  # fmt: skip
    if not numbers:
        return np.zeros(0)
    first = min(u.top for u in numbers)
    band = sorted(u.centre for u in numbers if u.top <= first + 0.5 * u.height)
    return np.asarray(band) if len(band) >= 3 else np.zeros(0)


def text_boxes(rgb: np.ndarray, stroke: int = 2) -> list[tuple[int, int, int, int]]:
    """Boxes (top, bottom, left, right; exclusive ends) of the lines of words printed
    inside a plot (a legend's labels, a p-value): see :func:`_letters`."""
    h = rgb.shape[0]
    strength = ink(rgb)
    labels, _ = ndimage.label(strength > 0.35, structure=np.ones((3, 3), bool))
    boxes = []
    own: dict[tuple[int, int, int, int], np.ndarray] = {}  # each mark's own ink in its box
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        bh, bw = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        if 2 * stroke + 2 <= bh <= 0.08 * h and bw <= 1.5 * bh:
            boxes.append((sl[0].start, sl[0].stop, sl[1].start, sl[1].stop))
            own[boxes[-1]] = labels[sl] == i
    out: list[tuple[int, int, int, int]] = []
    rest: list[tuple[int, int, int, int]] = []  # marks in no line of words
    paper = float(np.median(strength)) if boxes else 0.0
    for line in _lines(boxes):
        height = max(b[1] - b[0] for b in line)
        run = [line[0]]
        for b in [*line[1:], None]:
            if b is not None and b[2] - run[-1][3] <= 0.6 * height:
                run.append(b)
                continue
            if (_letters(run, height) and not _thick(strength, run, height, paper)
                    and not _censor_ticks(own, run)):  # fmt: skip
                out.append((min(x[0] for x in run), max(x[1] for x in run),
                            run[0][2], run[-1][3]))  # fmt: skip
            else:
                rest += run
            run = [b] if b is not None else []
    return [_with_capitals(box, rest) for box in out]


def _with_capitals(
    box: tuple[int, int, int, int], rest: list[tuple[int, int, int, int]]
) -> tuple[int, int, int, int]:
    """A line of words' box taken on through the marks beside it that were too few to be
    words themselves but stand in its rows as tall as its letters (the ``II`` of ``Stage
    II``: met first as the line's tallest, they started a line of their own)."""
    top, bottom, left, right = box
    height = bottom - top
    grown = True
    while grown:
        grown = False
        for a, b, c, d in rest:
            near = c - right <= 0.6 * height and left - d <= 0.6 * height
            if (near and not (left <= c and d <= right) and top - 1 <= (a + b) / 2 <= bottom + 1
                    and b - a >= 0.5 * height):  # fmt: skip
                left, right, grown = min(left, c), max(right, d), True
    return top, bottom, left, right


def _thick(
    strength: np.ndarray, run: list[tuple[int, int, int, int]], height: int, paper: float = 0.0
) -> bool:
    """Whether the marks' strokes are thicker than a typeface's, bold ones too (over 0.3
    of the line's height): the dots and ticks of a thick dotted curve, not letters. The
    strokes are measured where their ink is half way from the ``paper``'s to their
    darkest (a scan's blur and grey paper widen them at a fixed level), never under 0.35."""
    top, bottom = min(x[0] for x in run), max(x[1] for x in run)
    marks = strength[top:bottom, run[0][2] : run[-1][3]]
    level = max(0.35, (paper + float(marks.max())) / 2)
    inked = np.pad(marks > level, 1)
    return bool(2 * ndimage.distance_transform_edt(inked).max() > 0.3 * height)


def _censor_ticks(
    own: dict[tuple[int, int, int, int], np.ndarray], run: list[tuple[int, int, int, int]]
) -> bool:
    """Whether marks in a row (``own``: each one's ink in its box, without another mark's
    reaching into it) are a black curve's censor ticks rather than letters: half
    of them or more a bar as tall as the mark with nothing else in its top and bottom
    quarters (``|``, ``+``, a tick on a dash's end), and either a quarter of them crossed
    by a stroke through their middle (the curve's line) or three quarters of them bars of
    one height (ticks drawn alike; letters' stems differ: ``i``, ``l``); or, the marks
    reaching well below the others' feet left out (a curve's last steps hanging off its
    first ticks, joined to them), half of those left bars and a quarter crossed; or
    bars among marks stroked at least twice as thick (:func:`_ticks_on_dots`)."""
    bottoms = np.array([x[1] for x in run])
    base, height = float(np.median(bottoms)), max(x[1] - x[0] for x in run)
    standing = [x for x in run if x[1] <= base + max(0.3 * height, 2)]
    if _ticks_alike(own, run) or _ticks_on_dots(own, run):
        return True
    return 0 < len(standing) < len(run) and _ticks_alike(own, standing, crossed_only=True)


def _ticks_alike(
    own: dict[tuple[int, int, int, int], np.ndarray],
    run: list[tuple[int, int, int, int]],
    crossed_only: bool = False,
) -> bool:
    """The test of :func:`_censor_ticks` on the marks ``run`` (``crossed_only``: a
    quarter of them crossed by the line, their heights aside)."""
    shapes = [_tick_shape(own[box]) for box in run]
    bars = [k for k, s in enumerate(shapes) if s]
    crossed = sum(s == "crossed" for s in shapes)
    if len(bars) < 0.5 * len(run):
        return False
    if crossed_only:
        return crossed >= 0.25 * len(run)
    heights = np.array([run[k][1] - run[k][0] for k in bars])
    alike = bool(np.ptp(heights) <= max(2, 0.1 * heights.max()))
    return crossed >= 0.25 * len(run) or (len(bars) >= 0.75 * len(run) and alike)


def _ticks_on_dots(
    own: dict[tuple[int, int, int, int], np.ndarray], run: list[tuple[int, int, int, int]]
) -> bool:
    """Whether marks in a row are thin censor ticks among a thick broken curve's dots and
    dashes (a tick on one, joined to it, too): some bars two pixels wide or more, three
    times as tall as wide and nearly as tall as the tallest mark; every other mark
    stroked at least twice as thick as the widest of them, and one of those a dot, under
    half as tall as the tallest mark and stroked two and a half times as thick. A line of
    words is written in strokes of one weight: its ``l``, ``I``, dots and joins alike."""
    tallest = max(box[1] - box[0] for box in run)
    bars, others, dots = [], [], []
    for box in run:
        mark = own[box]
        full = int((mark.sum(axis=0) >= 0.8 * mark.shape[0]).sum())
        if _tick_shape(mark) and mark.shape[0] >= 3 * full:
            if full < 2 or mark.shape[0] < 0.8 * tallest:
                return False
            bars.append(full)
        else:
            others.append(2 * float(ndimage.distance_transform_edt(np.pad(mark, 1)).max()))
            dots.append(others[-1] if mark.shape[0] <= 0.5 * tallest else 0.0)
    if not (bars and others):
        return False
    return min(others) >= 2 * max(bars) and max(dots) >= 2.5 * max(bars)


def _tick_shape(mark: np.ndarray) -> str:
    """``"bar"`` for a mark whose top and bottom quarters hold only columns inked over
    most of its height, ``"crossed"`` for such a mark with a stroke through its middle
    reaching out of the bars further than they are wide, else ``""``."""
    h = mark.shape[0]
    full = mark.sum(axis=0) >= 0.8 * h
    quarter = max(1, h // 4)
    ends = np.concatenate([mark[:quarter], mark[-quarter:]]).any(axis=0)
    if not full.any() or (ends & ~full).any():
        return ""
    middle = mark[int(0.3 * h) : int(0.7 * h) + 1][:, ~full]
    return "crossed" if middle.size and middle.sum(axis=1).max() >= 1.5 * full.sum() else "bar"


def _letters(run: list[tuple[int, int, int, int]], height: int) -> bool:
    """Whether marks in a row are letters: three or more, most standing on one baseline,
    of unequal sizes (a row of identical marks is censoring on a curve; a staircase's
    pieces do not share a baseline)."""
    if len(run) < 3:
        return False
    bottoms = np.array([x[1] for x in run])
    on_line = np.abs(bottoms - np.median(bottoms)) <= max(0.12 * height, 1)
    heights = [x[1] - x[0] for x in run]
    widths = [x[3] - x[2] for x in run]
    unequal = max(heights) >= 1.2 * min(heights) or max(widths) >= 1.5 * min(widths)
    return bool(on_line.mean() >= 0.6 and unequal)
