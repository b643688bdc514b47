"""Words an SVG drawing prints as outlines: each character a filled path (matplotlib
writes its text so by default, the glyphs kept in ``<defs>`` and placed by ``<use>``;
R's cairo ``svg()`` device too, each glyph a ``<symbol>``).

No text is left to read, so the outlines are drawn into pixels, the small filled shapes
only, large enough for a digit to stand some thirty pixels tall, and read there by the
digit reader of raster figures (:mod:`analysis.published.digitize_ocr`, which compares
each character with the digits of common typefaces). The words come back in the
drawing's units, as :func:`analysis.published.digitize_vector.svg_words` gives a drawing's
text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from analysis.published import digitize_text as text

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"[MmLlHhVvZzCcSsQqTtAa]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "Z": 0, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7}
_STEPS = 6  # points along each curved piece of an outline
HEIGHT = 32.0  # pixels the drawing's usual character is drawn at
PIXELS = 6e6  # the most pixels the outlines are drawn in
SMALL = 0.08  # an outline taller or wider than this share of the drawing is no character


def _bezier(points: list[np.ndarray]) -> list[np.ndarray]:
    """Points along a quadratic or cubic Bezier piece (its start left out)."""
    t = np.linspace(0, 1, _STEPS + 1)[1:, None]
    if len(points) == 3:
        p0, p1, p2 = points
        return list((1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t**2 * p2)
    p0, p1, p2, p3 = points
    return list((1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2 + t**3 * p3)


def _piece(
    cmd: str, v: np.ndarray, pos: np.ndarray, last_control: np.ndarray | None
) -> tuple[list[np.ndarray], np.ndarray | None]:
    """The points one drawing command adds after ``pos`` (its end last), and its last
    control point (for a smooth curve after it)."""
    up = cmd.upper()
    base = pos if cmd.islower() else np.zeros(2)
    mirrored = 2 * pos - last_control if last_control is not None else pos
    if up in "HV":
        end = pos.copy()
        k = 0 if up == "H" else 1
        end[k] = v[0] + (pos[k] if cmd.islower() else 0)
        return [end], None
    end = base + v[-2:]
    if up == "Q":
        return _bezier([pos, base + v[:2], end]), base + v[:2]
    if up == "T":
        return _bezier([pos, mirrored, end]), mirrored
    if up == "C":
        return _bezier([pos, base + v[:2], base + v[2:4], end]), base + v[2:4]
    if up == "S":
        return _bezier([pos, mirrored, base + v[:2], end]), base + v[:2]
    return [end], None  # a line, or an arc by its end


def commands(d: str) -> Iterator[tuple[str, list[float]]]:
    """The drawing commands of SVG path data with their numbers: a command repeated
    where its numbers run on (a lineto after a moveto's first pair), ``z`` with none."""
    tokens = _TOKEN.findall(d)
    cmd, i = "M", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
            if cmd in "Zz":
                yield cmd, []
                continue
        n = _ARGS[cmd.upper()]
        if n == 0:  # numbers after a closepath: not path data
            i += 1
            continue
        v = [float(t) for t in tokens[i : i + n]]
        i += n
        if len(v) < n:
            return
        yield cmd, v
        if cmd in "Mm":
            cmd = "l" if cmd == "m" else "L"


def contours(d: str) -> list[np.ndarray]:
    """The closed contours of an SVG path as polygons, curved pieces followed closely
    (unlike the corners-only polylines a stroke is read as)."""
    out: list[list[np.ndarray]] = []
    pos = np.zeros(2)
    last_control: np.ndarray | None = None
    for cmd, values in commands(d):
        v = np.asarray(values)
        if cmd in "Zz":
            if out and out[-1]:
                pos = out[-1][0]
        elif cmd in "Mm":
            pos = v + (pos if cmd == "m" else 0)
            out.append([pos])
        else:
            if not out:
                out.append([pos])
            points, control = _piece(cmd, v, pos, last_control)
            out[-1] += points
            pos, last_control = points[-1], control
    return [np.asarray(c) for c in out if len(c) >= 3]


def style(el: object) -> dict[str, str]:
    """An SVG element's presentation attributes and ``style`` declarations."""
    get = el.get  # type: ignore[attr-defined]
    keys = ("stroke", "fill", "stroke-dasharray", "stroke-width", "stroke-opacity", "opacity",
            "color", "font-size", "text-anchor")  # fmt: skip
    out = {k: get(k) for k in keys if get(k) is not None}
    for item in (get("style") or "").split(";"):
        if ":" in item:
            key, value = item.split(":", 1)
            out[key.strip()] = value.strip()
    return out


def matrix(text: str | None) -> np.ndarray:
    """An SVG ``transform`` (translate, scale, rotate, matrix) as a 3 x 3 matrix."""
    m = np.eye(3)
    for name, args in re.findall(r"(\w+)\s*\(([^)]*)\)", text or ""):
        v = [float(x) for x in _NUMBER.findall(args)]
        t = np.eye(3)
        if name == "translate":
            t[0, 2], t[1, 2] = v[0], v[1] if len(v) > 1 else 0.0
        elif name == "scale":
            t[0, 0], t[1, 1] = v[0], v[1] if len(v) > 1 else v[0]
        elif name == "rotate" and v:
            a = np.radians(v[0])
            t[:2, :2] = [[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]
            if len(v) == 3:  # about (cx, cy)
                t[:2, 2] = np.asarray(v[1:]) - t[:2, :2] @ np.asarray(v[1:])
        elif name == "matrix" and len(v) == 6:
            t[:2] = [[v[0], v[2], v[4]], [v[1], v[3], v[5]]]
        m = m @ t
    return m


def _fill(shape: dict[str, str]) -> bool:
    """A shape filled with ink and not stroked (a character's outline)."""
    fill = shape.get("fill", "#000000").replace(" ", "").lower()
    stroke = shape.get("stroke", "none").strip().lower()
    white = fill in ("#fff", "#ffffff", "white")
    return fill not in ("none", "") and not white and stroke in ("none", "")


def _tag(el: object) -> str:
    """An element's tag without its namespace."""
    return str(el.tag).rsplit("}", 1)[-1]  # type: ignore[attr-defined]


def outlines(path: Path) -> list[list[np.ndarray]]:
    """Every filled, unstroked path of an SVG drawing (and every ``<use>`` of one, or of a
    ``<symbol>`` holding them, as R's cairo devices write glyphs) as its contours in the
    drawing's coordinates, transforms applied (the glyph's own, its placement's and its
    groups')."""
    from defusedxml import ElementTree

    root = ElementTree.parse(path).getroot()
    defs = {
        el.get("id"): el for el in root.iter() if _tag(el) in ("path", "symbol") and el.get("id")
    }
    found: list[list[np.ndarray]] = []

    def place(d: str, m: np.ndarray) -> None:
        shapes = [(m @ np.column_stack([c, np.ones(len(c))]).T).T[:, :2] for c in contours(d)]
        if shapes:
            found.append(shapes)

    def walk(el: object, m: np.ndarray, inherited: dict[str, str]) -> None:
        m = m @ matrix(el.get("transform"))  # type: ignore[attr-defined]
        shape = {**inherited, **style(el)}
        tag = _tag(el)
        if tag in ("defs", "clipPath", "symbol", "marker", "mask", "pattern"):
            return
        if tag == "path" and _fill(shape):
            place(el.get("d") or "", m)  # type: ignore[attr-defined]
        elif tag == "use":
            ref = el.get("{http://www.w3.org/1999/xlink}href") or el.get("href") or ""  # type: ignore[attr-defined]
            target = defs.get(ref.lstrip("#"))
            shift = np.eye(3)
            shift[0, 2] = float(el.get("x") or 0)  # type: ignore[attr-defined]
            shift[1, 2] = float(el.get("y") or 0)  # type: ignore[attr-defined]
            if target is not None and _tag(target) == "symbol":  # cairo's glyphs
                at = m @ shift @ matrix(target.get("transform"))
                for part in target.iter():
                    if _tag(part) == "path" and _fill({**shape, **style(part)}):
                        place(part.get("d") or "", at @ matrix(part.get("transform")))
            elif target is not None and _fill({**style(target), **shape}):
                place(target.get("d") or "", m @ shift @ matrix(target.get("transform")))
        for child in el:  # type: ignore[attr-defined]
            walk(child, m, {k: v for k, v in shape.items() if k in ("stroke", "fill")})

    walk(root, np.eye(3), {})
    return found


def pdf_outlines(objects: list[dict], extent: tuple[float, float]) -> list[list[np.ndarray]]:
    """The filled, unstroked paths among a PDF page's objects (pdfplumber's curves and
    rects: a journal's text converted to outlines, no text objects left), not white and
    small beside the page's ``extent``, as characters' contours in points from the
    top-left corner, curved pieces followed closely. The page's paths come one contour
    each (pdfminer splits a path at each moveto), so a contour inside another's box is
    taken as part of that character (the hole of an ``0``, the counter of a ``6``)."""
    found = [
        c for o in objects
        if o.get("fill") and not o.get("stroke") and not _white(o.get("non_stroking_color"))
        and len(c := _pdf_contour(o.get("path") or [])) >= 3
        and np.all(np.ptp(c, axis=0) <= SMALL * np.asarray(extent))
    ]  # fmt: skip
    found.sort(key=lambda c: -float(np.prod(np.ptp(c, axis=0))))  # the largest first
    shapes: list[tuple[np.ndarray, np.ndarray, list[np.ndarray]]] = []
    for c in found:
        lo, hi = c.min(axis=0), c.max(axis=0)
        owner = next((s for s in shapes if np.all(lo >= s[0]) and np.all(hi <= s[1])), None)
        if owner is None:
            shapes.append((lo, hi, [c]))
        else:
            owner[2].append(c)
    return [s[2] for s in shapes]


def _white(colour: object) -> bool:
    """A PDF fill colour that is white (grey 1, RGB 1 1 1 or CMYK 0 0 0 0)."""
    items = list(colour) if isinstance(colour, tuple | list) else [colour]
    v = [float(x) for x in items if isinstance(x, int | float)]
    if not v or len(v) != len(items):
        return False
    return all(x >= 0.99 for x in v) if len(v) in (1, 3) else all(x <= 0.01 for x in v)


def _pdf_contour(path: list[tuple]) -> np.ndarray:
    """A pdfplumber path (``m``, ``l``, ``c``, ``v``, ``y``, ``h`` with their points) as
    one polygon, curved pieces followed closely."""
    out: list[np.ndarray] = []
    for cmd, *points in path:
        pts = [np.asarray(p, dtype=float) for p in points]
        if cmd in ("m", "l") and pts:
            out.append(pts[0])
        elif cmd in ("c", "v", "y") and out and len(pts) >= 2:
            c1, c2, end = (
                pts if cmd == "c" else [out[-1], *pts] if cmd == "v" else [pts[0], pts[1], pts[1]]
            )
            out += _bezier([out[-1], c1, c2, end])
    return np.asarray(out) if out else np.zeros((0, 2))


def outline_words(path: Path) -> list[text.Word]:
    """The words an SVG drawing prints as outlined characters, with their boxes in the
    drawing's units (the digits read; other characters as ``?``). Empty when the
    drawing has no small filled shapes."""
    return shape_words(outlines(path))


def shape_words(shapes: list[list[np.ndarray]]) -> list[text.Word]:
    """The words filled shapes (each a character's contours) print, read from the small
    shapes drawn into pixels, with their boxes in the shapes' units."""
    from PIL import Image, ImageDraw

    from analysis.published import digitize_ocr as ocr

    if not shapes:
        return []
    every = np.vstack([c for s in shapes for c in s])
    extent = np.ptp(every, axis=0)
    lows = np.asarray([np.vstack(s).min(axis=0) for s in shapes])
    highs = np.asarray([np.vstack(s).max(axis=0) for s in shapes])
    size = highs - lows
    small = np.all(size <= SMALL * np.maximum(extent, 1e-9), axis=1) & (size.max(axis=1) > 0)
    if not small.any():
        return []
    span = highs[small].max(axis=0) - lows[small].min(axis=0) + 1
    most = np.sqrt(PIXELS / float(np.prod(span)))  # a drawing of many tiny shapes stays small
    scale = float(np.clip(HEIGHT / np.median(size[small].max(axis=1)), 0.5, max(most, 0.5)))
    origin = lows[small].min(axis=0) - 4 / scale
    width, height = np.ceil((highs[small].max(axis=0) - origin) * scale + 4).astype(int)
    canvas = np.zeros((height, width), bool)
    boxes: list[tuple[int, int, int, int]] = []  # each character's, its pieces together
    for k in np.nonzero(small)[0]:
        lo = np.floor((lows[k] - origin) * scale).astype(int)
        hi = np.ceil((highs[k] - origin) * scale).astype(int) + 1
        glyph = np.zeros((hi[1] - lo[1], hi[0] - lo[0]), bool)
        for c in shapes[k]:  # even-odd: a contour inside another is a hole
            img = Image.new("1", (glyph.shape[1], glyph.shape[0]), 0)
            xy = [tuple(p) for p in (c - origin) * scale - lo]
            ImageDraw.Draw(img).polygon(xy, fill=1)
            glyph ^= np.asarray(img, dtype=bool)
        canvas[lo[1] : hi[1], lo[0] : hi[0]] |= glyph
        rows, cols = np.nonzero(glyph)
        if rows.size:
            boxes.append((lo[1] + rows.min(), lo[1] + rows.max() + 1,
                          lo[0] + cols.min(), lo[0] + cols.max() + 1))  # fmt: skip
    rgb = np.repeat((~canvas).astype(np.float32)[..., None], 3, axis=2)
    return [
        (w.text, w.left / scale + origin[0], w.right / scale + origin[0],
         w.top / scale + origin[1], w.bottom / scale + origin[1])
        for w in ocr.words(rgb, (0, height, 0, width), glyphs=boxes)
    ]  # fmt: skip
