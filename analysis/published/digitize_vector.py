"""Kaplan-Meier curves read exactly from a vector figure: an SVG drawing or a PDF (as
matplotlib, R's ``svg()``/``pdf()`` and ggplot2's ``ggsave`` write them).

Every stroked path is read as polylines in the drawing's coordinates (``<use>`` copies
of markers and ``transform`` attributes applied, the groups' too), in the colour it shows
on white paper (``currentColor`` resolved, a see-through stroke mixed with white). The axes are the lowest long
horizontal stroke and the leftmost long vertical one, or else the largest filled
rectangle but the page's background (a ggplot2 panel; one spanning a quarter of the
drawing each way when the major grid lines could frame it instead, so a legend's box is
none), or else the span of the major grid lines (or, with an x axis line and no y axis
line, d3's, the axis and the grid drawn across); tick marks are short strokes leaving those edges outwards (where there are
none, the major grid lines: the widest light grey strokes across the plot, or on a
dark slide, or white on a tinted panel, the one colour drawing nothing but lines across
it both ways and boxes; a spreadsheet's grid drawn one way only stands for that axis's
ticks, and where an axis has neither, the x labels' centres do); curves are
the stroked polylines with several corners inside the plot. Each corner is kept as
drawn, so nothing is lost to pixels. Tick labels and numbers at risk are the drawing's
text; an SVG whose characters are outlines (matplotlib's, or R's cairo ``svg()`` glyph
symbols) has them drawn into pixels and read there (:mod:`analysis.published.digitize_outlines`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.published import digitize as dg
from analysis.published import digitize_marker_ids as ids
from analysis.published import digitize_marks as marks
from analysis.published import digitize_pieces as pieces
from analysis.published import digitize_text as text
from analysis.published import digitize_vector_panels as vp
from analysis.published.digitize_outlines import commands, outline_words, pdf_outlines, shape_words
from analysis.published.digitize_outlines import matrix as _matrix
from analysis.published.digitize_outlines import style as _style

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Stroke:
    """A stroked polyline: its points, colour and dash pattern ("" when solid)."""

    points: np.ndarray
    colour: str
    dash: str
    width: float = 0.0  # the stroke's width (0 when not given)

    @property
    def dashed(self) -> bool:
        return self.dash != ""


_NAMED = {"black": "#000000", "white": "#ffffff", "red": "#ff0000", "blue": "#0000ff",
          "green": "#008000", "gray": "#808080", "grey": "#808080"}  # fmt: skip


def _colour(text: str) -> str:
    """An SVG colour (``#rgb``, ``#rrggbb``, ``rgb(r, g, b)`` in 0-255 or %, a few
    names) as ``#rrggbb``; anything else as given, lower case."""
    t = text.strip().lower()
    if t in _NAMED:
        return _NAMED[t]
    if re.fullmatch(r"#[0-9a-f]{3}", t):
        return "#" + "".join(c * 2 for c in t[1:])
    m = re.fullmatch(r"rgb\(([^)]*)\)", t)
    if m:
        parts = [x.strip() for x in m.group(1).split(",")]
        if len(parts) == 3:
            v = [float(x[:-1]) * 2.55 if x.endswith("%") else float(x) for x in parts]
            return "#" + "".join(f"{round(min(max(c, 0), 255)):02x}" for c in v)
    return t


def _polylines(d: str) -> list[np.ndarray]:
    """Subpaths of an SVG path as polylines (curves by their end points)."""
    lines: list[list[tuple[float, float]]] = []
    x = y = 0.0
    for cmd, v in commands(d):
        rel = cmd.islower()
        up = cmd.upper()
        if up == "Z":
            if lines and lines[-1]:
                lines[-1].append(lines[-1][0])
            continue
        if up == "H":
            x = v[0] + (x if rel else 0)
        elif up == "V":
            y = v[0] + (y if rel else 0)
        else:
            x, y = v[-2] + (x if rel else 0), v[-1] + (y if rel else 0)
        if up == "M":
            lines.append([(x, y)])
        else:
            lines[-1].append((x, y))
    return [np.asarray(line) for line in lines if len(line) >= 2]


_SHAPES = ("polyline", "polygon", "line", "rect")


def _shape_path(el: object, tag: str) -> str | None:
    """An SVG shape (``polyline``, ``polygon``, ``line``, ``rect``, as R's svglite writes
    them) as path data."""
    get = el.get  # type: ignore[attr-defined]
    try:
        if tag in ("polyline", "polygon"):
            v = _NUMBER.findall(get("points") or "")
            pairs = " L ".join(f"{a} {b}" for a, b in zip(v[::2], v[1::2], strict=False))
            return f"M {pairs}" + (" Z" if tag == "polygon" else "") if pairs else None
        if tag == "line":
            x1, y1, x2, y2 = (float(get(k) or 0) for k in ("x1", "y1", "x2", "y2"))
            return f"M {x1} {y1} L {x2} {y2}"
        x, y = float(get("x") or 0), float(get("y") or 0)
        w, h = (get("width") or "0"), (get("height") or "0")
        if w.endswith("%") or h.endswith("%"):
            return None
        return f"M {x} {y} H {x + float(w)} V {y + float(h)} H {x} Z"
    except ValueError:
        return None


_INHERITED = ("stroke", "fill", "stroke-width", "stroke-opacity", "color")


def _alpha(style: dict[str, str], keys: tuple[str, ...] = ("opacity", "stroke-opacity")) -> float:
    """A stroke's opacity: its ``stroke-opacity`` times the ``opacity`` of it and of the
    groups holding it (``keys`` without ``stroke-opacity``: what a group passes on)."""
    out = float(style.get("_alpha", "1"))
    for key in keys:
        m = _NUMBER.search(style.get(key, "1"))
        out *= min(max(float(m.group()), 0.0), 1.0) if m else 1.0
    return out


def _stroke_colour(style: dict[str, str]) -> str:
    """The colour a stroke shows on white paper: ``currentColor`` is the ``color`` it
    inherits (black by default, as d3's axes draw in it), and a see-through stroke is its
    colour mixed with the white under it (d3's grid: black at opacity 0.1, a light grey)."""
    stroke = style["stroke"]
    if stroke.strip().lower() == "currentcolor":
        stroke = style.get("color", "black")
    colour = _colour(stroke)
    alpha = _alpha(style)
    if alpha >= 1 or not re.fullmatch(r"#[0-9a-f]{6}", colour):
        return colour
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(alpha * c + (1 - alpha) * 255):02x}" for c in rgb)


def _css_stroke(root: object) -> str:
    """The stroke a style sheet gives shapes without their own (svglite: black), else
    none, as SVG's default is."""
    css = " ".join(el.text or "" for el in root.iter() if str(el.tag).endswith("style"))  # type: ignore[attr-defined]
    m = re.search(r"(?:line|path)[^{]*\{[^}]*?stroke:\s*([^;}\s]+)", css)
    return _colour(m.group(1)) if m else "none"


def _upright(transform: str) -> bool:
    """No transform, or a turn by 0 degrees (matplotlib writes ``rotate(-0 x y)`` on
    every text it keeps as text)."""
    if not transform.strip():
        return True
    turn = re.fullmatch(r"\s*rotate\(\s*(-?[\d.]+)(?:[\s,]+[-\d.eE]+){0,2}\s*\)\s*", transform)
    return turn is not None and float(turn.group(1)) == 0


def svg_words(path: Path) -> list[text.Word]:
    """The upright words of an SVG drawing with approximate boxes (from their anchor,
    font size and ``textLength``), placed by their own ``transform`` and their groups'
    (d3 puts each tick in a translated group), the font size and anchor inherited from
    the groups and a ``dy`` shift applied."""
    from defusedxml import ElementTree

    out: list[text.Word] = []

    def walk(el: object, m: np.ndarray, inherited: dict[str, str]) -> None:
        transform = el.get("transform") or ""  # type: ignore[attr-defined]
        style = {**inherited, **_style(el)}
        if str(el.tag).endswith("text"):  # type: ignore[attr-defined]
            if _upright(transform) or re.fullmatch(r"\s*translate\([^)]*\)\s*", transform):
                out.extend(_text_words(el, m @ _matrix(transform), style))
            return
        m = m @ _matrix(transform)
        for child in el:  # type: ignore[attr-defined]
            walk(child, m, {k: v for k, v in style.items() if k in ("font-size", "text-anchor")})

    walk(ElementTree.parse(path).getroot(), np.eye(3), {})
    return out


def _text_words(el: object, m: np.ndarray, style: dict[str, str]) -> list[text.Word]:
    """A ``<text>``'s words, its anchor placed by ``m`` (its transform and its groups'):
    none unless ``m`` keeps it upright and unmirrored."""
    line = (el.text or "").strip()  # type: ignore[attr-defined]
    if not line or abs(m[0, 1]) > 1e-9 or abs(m[1, 0]) > 1e-9 or m[0, 0] <= 0 or m[1, 1] <= 0:
        return []
    get = el.get  # type: ignore[attr-defined]
    size_m = _NUMBER.search(style.get("font-size", "") or "10")
    size = float(size_m.group()) if size_m else 10.0
    try:
        x, y = float(get("x") or 0), float(get("y") or 0)
    except ValueError:
        return []
    dy = (get("dy") or "").strip()
    dy_m = _NUMBER.match(dy)
    if dy_m:  # a shift down, in ems or units (d3 centres its labels by one)
        y += float(dy_m.group()) * (size if dy.endswith("em") else 1.0)
    length_m = _NUMBER.search(get("textLength") or "")
    width = float(length_m.group()) if length_m else 0.55 * size * len(line)
    x, y = (m @ np.array([x, y, 1.0]))[:2]
    size, width = size * m[1, 1], width * m[0, 0]
    anchor = style.get("text-anchor", "start")
    x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return _spaced_words(line, x0, width, y - 0.75 * size, y)


def _spaced_words(line: str, x0: float, width: float, top: float, bottom: float) -> list[text.Word]:
    """A text's words set apart by two spaces or more (a row's label and its first count,
    ``"All patients   260"``), each with its share of the text's width."""
    parts = [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]
    if len(parts) <= 1:
        return [(line, x0, x0 + width, top, bottom)]
    per = width / len(line)
    return [(w, x0 + per * i, x0 + per * (i + len(w)), top, bottom) for i, w in parts]


def strokes(path: Path) -> tuple[list[Stroke], list[np.ndarray]]:
    """Stroked polylines and filled rectangles' corners of an SVG file."""
    from defusedxml import ElementTree

    root = ElementTree.parse(path).getroot()
    default_stroke = _css_stroke(root)
    defs = {el.get("id"): el for el in root.iter() if el.tag.endswith("path") and el.get("id")}
    out: list[Stroke] = []
    fills: list[np.ndarray] = []

    def walk(el: object, m: np.ndarray, inherited: dict[str, str]) -> None:
        m = m @ _matrix(el.get("transform"))  # type: ignore[attr-defined]
        style = {**inherited, **_style(el)}
        tag = el.tag.rsplit("}", 1)[-1]  # type: ignore[attr-defined]
        if tag in ("defs", "clipPath", "symbol", "marker"):
            return
        d = None
        if tag == "path":
            d = el.get("d")  # type: ignore[attr-defined]
        elif tag in _SHAPES:
            d = _shape_path(el, tag)
            style = {"stroke": default_stroke, **style}
        elif tag == "use":
            ref = el.get("{http://www.w3.org/1999/xlink}href") or el.get("href") or ""  # type: ignore[attr-defined]
            target = defs.get(ref.lstrip("#"))
            if target is not None:
                d = target.get("d")
                style = {**_style(target), **style}
                shift = np.eye(3)
                shift[0, 2] = float(el.get("x") or 0)  # type: ignore[attr-defined]
                shift[1, 2] = float(el.get("y") or 0)  # type: ignore[attr-defined]
                m = m @ shift
        if d:
            for line in _polylines(d):
                pts = (m @ np.column_stack([line, np.ones(len(line))]).T).T[:, :2]
                if (
                    style.get("stroke", "none") not in ("none", "")
                    and style.get("stroke-width", "1") != "0"
                ):
                    dash = style.get("stroke-dasharray", "none")
                    pattern = "" if dash in ("none", "") else re.sub(r"[\s,]+", " ", dash).strip()
                    width_m = _NUMBER.search(style.get("stroke-width", "1"))
                    width = float(width_m.group()) if width_m else 1.0
                    out.append(Stroke(pts, _stroke_colour(style), pattern, width))
                elif style.get("fill", "#000000") not in ("none", "") and len(pts) in (4, 5):
                    fills.append(pts)
        kept = {k: v for k, v in style.items() if k in _INHERITED}
        kept["_alpha"] = str(_alpha(style, ("opacity",)))  # a group's opacity: all it holds
        for child in el:  # type: ignore[attr-defined]
            walk(child, m, kept)

    walk(root, np.eye(3), {})
    return out, fills


def pdf_strokes(path: Path) -> tuple[list[Stroke], list[np.ndarray], int, list[text.Word]]:
    """Stroked polylines and filled rectangles of a PDF's first page (pdfplumber reads
    the page's paths, forms included, in points from the top-left corner); the
    number of pages; and the page's words: its text, or when it prints no number as
    text (a journal's text converted to outlines) the words its small filled shapes
    print (:func:`analysis.published.digitize_outlines.pdf_outlines`)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        objects = page.lines + page.curves + page.rects
        pages = len(pdf.pages)
        words = text.page_words(page)
        if not any(text.number(w[0]) is not None for w in words):
            extent = (float(page.width), float(page.height))
            words += shape_words(pdf_outlines(page.curves + page.rects, extent))
    out: list[Stroke] = []
    fills: list[np.ndarray] = []
    for o in objects:
        pts = np.asarray(o["pts"], dtype=float)
        if o.get("stroke") and len(pts) >= 2 and (o.get("linewidth") or 1) > 0:
            dash = o.get("dash")
            pattern = str(dash) if dash and any(dash[0] if isinstance(dash, tuple) else []) else ""
            out.append(Stroke(pts, _hex(o.get("stroking_color")), pattern,
                              float(o.get("linewidth") or 0.0)))  # fmt: skip
        elif o.get("fill") and len(pts) in (4, 5):
            fills.append(pts)
    return out, fills, pages, words


def _hex(colour: object) -> str:
    """A PDF colour (grey, RGB or CMYK numbers) as ``#rrggbb``."""
    values = (
        list(colour)
        if isinstance(colour, tuple | list)
        else [colour if colour is not None else 0.0]
    )
    v = [float(x) for x in values if isinstance(x, int | float)] or [0.0]
    if len(v) == 1:
        rgb = [v[0]] * 3
    elif len(v) == 4:
        rgb = [(1 - v[i]) * (1 - v[3]) for i in range(3)]
    else:
        rgb = v[:3]
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in rgb)


def _segments(lines: list[Stroke], dark: bool = False, grey: bool = False) -> list[np.ndarray]:
    """The straight pieces of the short polylines (axes, boxes, ticks; not curves), as
    2 x 2 arrays; only black ones if ``dark``, only black to mid-grey ones if ``grey``."""
    out = []
    for s in lines:
        if (
            len(s.points) <= 5
            and (not dark or s.colour == "#000000")
            and (not grey or _greyish(s.colour))
        ):
            out += [s.points[i : i + 2] for i in range(len(s.points) - 1)]
    return out


def _greyish(colour: str) -> bool:
    """Black to a mid grey (#999999, axis lines drawn grey), no hue."""
    if len(colour) != 7 or not colour.startswith("#"):
        return False
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return max(rgb) - min(rgb) <= 12 and max(rgb) <= 0.7 * 255


def _frame(lines: list[Stroke], fills: list[np.ndarray]) -> tuple[float, float, float, float]:
    """(left, right, top, bottom) of the plot in drawing units: the y axis's line (left,
    or right when there is none at the left) and the x axis's; in black, or else in a
    grey."""
    extent = np.ptp(np.vstack([s.points for s in lines]), axis=0) if lines else np.zeros(2)
    hx: list[np.ndarray] = []
    vy: list[np.ndarray] = []
    for segments in (_segments(lines, dark=True), _segments(lines, grey=True)):
        hx = [p for p in segments if np.ptp(p[:, 1]) < 1e-6 and np.ptp(p[:, 0]) >= 0.25 * extent[0]]
        vy = [p for p in segments if np.ptp(p[:, 0]) < 1e-6 and np.ptp(p[:, 1]) >= 0.25 * extent[1]]
        if hx and vy:
            break
    if hx and vy:
        longest_h = max(np.ptp(p[:, 0]) for p in hx)
        longest_v = max(np.ptp(p[:, 1]) for p in vy)
        yaxis = min((p for p in vy if np.ptp(p[:, 1]) >= 0.9 * longest_v), key=lambda p: p[0, 0])
        # the x axis meets the y axis's foot (or, detached, lies nearest it): a panel
        # under the plot (an at-risk table's) has an axis line of its own further down
        foot = float(yaxis[:, 1].max())
        xaxis = min((p for p in hx if np.ptp(p[:, 0]) >= 0.9 * longest_h),
                    key=lambda p: (abs(p[0, 1] - foot), -p[0, 1]))  # fmt: skip
        xaxis = _x_axis_at_foot(hx, xaxis, float(yaxis[0, 0]), foot)
        x0, x1 = float(xaxis[:, 0].min()), float(xaxis[:, 0].max())
        if abs(yaxis[0, 0] - x1) < abs(yaxis[0, 0] - x0) and yaxis[0, 0] > x0 + 0.5 * (x1 - x0):
            return (x0, float(yaxis[0, 0]), float(yaxis[:, 1].min()), float(xaxis[0, 1]))
        return (float(yaxis[0, 0]), x1, float(yaxis[:, 1].min()), float(xaxis[0, 1]))
    panels = [f for f in fills if np.abs(f.min(axis=0)).max() > 1]  # not the page, at 0, 0
    wide = [f for f in panels if np.all(np.ptp(f, axis=0) >= 0.25 * extent)]
    grid = _grid(lines)
    if hx and not vy and not wide and len(grid[0]) == 0 and len(grid[1]) >= 2:
        return _x_axis_and_rows(hx, grid[1])
    if not wide and len(grid[0]) >= 2 and len(grid[1]) >= 2:
        return grid[2]  # no axis lines, no panel (a legend's box is none): the grid's span
    if fills:  # the largest fill but the page's background
        f = max(panels or fills, key=lambda f: float(np.ptp(f[:, 0]) * np.ptp(f[:, 1])))
        return (float(f[:, 0].min()), float(f[:, 0].max()), float(f[:, 1].min()),
                float(f[:, 1].max()))  # fmt: skip
    raise dg.DigitizeError("no plot found: no axis lines, no panel and no grid in the drawing")


def _x_axis_at_foot(hx: list[np.ndarray], xaxis: np.ndarray, at: float, foot: float) -> np.ndarray:
    """The x axis: the long horizontal line ``xaxis`` taken, or, when it does not meet
    the y axis's foot (at ``at``, ``foot``) but a shorter long line does (a boxed legend
    under the plot, wider than it, draws longer lines: Stata's), the longest of those
    leaving the foot."""
    if abs(xaxis[0, 1] - foot) <= 1:
        return xaxis
    meeting = [
        p for p in hx
        if abs(p[0, 1] - foot) <= 1 and min(abs(p[:, 0].min() - at), abs(p[:, 0].max() - at)) <= 1
    ]  # fmt: skip
    return max(meeting, key=lambda p: float(np.ptp(p[:, 0]))) if meeting else xaxis


def _x_axis_and_rows(hx: list[np.ndarray], rows: np.ndarray) -> tuple[float, float, float, float]:
    """The plot of a drawing with an x axis line, no y axis line and a grid drawn across
    only (d3's y axis with its domain line removed, its ticks stretched over the plot):
    the x axis's span, from the top grid line down to the axis, the long horizontal
    line nearest the lowest grid line."""
    longest = max(np.ptp(p[:, 0]) for p in hx)
    foot = float(rows.max())
    xaxis = min((p for p in hx if np.ptp(p[:, 0]) >= 0.9 * longest),
                key=lambda p: (abs(p[0, 1] - foot), -p[0, 1]))  # fmt: skip
    return (float(xaxis[:, 0].min()), float(xaxis[:, 0].max()), float(rows.min()),
            float(xaxis[0, 1]))  # fmt: skip


def _across(s: Stroke, extent: np.ndarray) -> int | None:
    """0 for a straight vertical stroke across half the drawing's height or more, 1 for
    a horizontal one across half its width, else None."""
    p = s.points
    for axis in (0, 1):  # a vertical line keeps its x (axis 0), a horizontal its y
        if (
            len(p) == 2
            and abs(p[0, axis] - p[1, axis]) < 1e-6
            and np.ptp(p[:, 1 - axis]) >= 0.5 * extent[1 - axis]
        ):
            return axis
    return None


def _light_grey(colour: str) -> bool:
    """A light grey without hue (a grid's on white paper)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)] if len(colour) == 7 else []
    return bool(rgb) and max(rgb) - min(rgb) <= 12 and 150 < min(rgb) < 250


def _grid_colour(lines: list[Stroke], extent: np.ndarray) -> str | None:
    """The colour of a grid drawn in another colour than light grey (a slide's: a shade
    a little lighter than its dark page): the solid colour that draws two or more
    straight lines each way across the drawing and nothing else but closed outlines (a
    curve's colour also draws its curve and legend sample, the axes' colour their ticks;
    a legend's box may be edged in the grid's colour, as seaborn's white grid on a tinted
    panel); the one drawing most such lines when several do."""
    counts: dict[str, list[int]] = {}
    other: set[str] = set()
    for s in lines:
        axis = _across(s, extent)
        if axis is None and _closed(s.points) and not s.dashed:
            continue
        if axis is None or s.dashed:
            other.add(s.colour)
        else:
            counts.setdefault(s.colour, [0, 0])[axis] += 1
    fits = {c: n for c, n in counts.items() if c not in other and min(n) >= 2}
    return max(fits, key=lambda c: sum(fits[c])) if fits else None


def _closed(p: np.ndarray) -> bool:
    """A closed outline of four corners or more (a box), ending where it began."""
    return len(p) >= 5 and bool(np.allclose(p[0], p[-1])) and np.ptp(p, axis=0).min() > 0


def _grid(lines: list[Stroke]) -> tuple[np.ndarray, np.ndarray, tuple[float, float, float, float]]:
    """The major grid lines: x of the vertical ones, y of the horizontal ones (light
    grey straight strokes across most of the drawing, the widest of them: the minor
    ones are thinner; or, where none is light grey, those of :func:`_grid_colour`),
    and the box they span. A grid drawn one way only (a spreadsheet's chart: horizontal
    lines, none upright) gives that axis's lines, the other's none, and no box."""
    extent = np.ptp(np.vstack([s.points for s in lines]), axis=0) if lines else np.ones(2)
    colour = _grid_colour(lines, extent)
    tried: list[list[list[Stroke]]] = []
    for grid_like in (_light_grey, lambda c: c == colour):
        found: list[list[Stroke]] = [[], []]  # vertical, horizontal
        for s in lines:
            axis = _across(s, extent)
            if axis is not None and grid_like(s.colour):
                found[axis].append(s)
        if all(found):
            break
        tried.append(found)
    else:
        found = tried[0]  # in light grey one way only, or none
    major = [_on_step([s for s in group if s.width >= 0.9 * max(g.width for g in group)], axis)
             if group else [] for axis, group in enumerate(found)]  # fmt: skip
    at = [np.unique(np.round([s.points[0, axis] for s in group], 4))
          for axis, group in enumerate(major)]  # fmt: skip
    if not all(major):
        return at[0], at[1], (0.0, 0.0, 0.0, 0.0)
    pts = np.vstack([s.points for group in found for s in group])
    box = (float(pts[:, 0].min()), float(pts[:, 0].max()), float(pts[:, 1].min()),
           float(pts[:, 1].max()))  # fmt: skip
    return at[0], at[1], box


def _on_step(group: list[Stroke], axis: int) -> list[Stroke]:
    """Grid lines less a lone line of another grey among them (an axis line drawn darker
    than a spreadsheet's grid) unless it stands a grid step from the nearest of them, on
    the grid's spacing (the axis's first value, where the grid draws no line of its own)."""
    colours = [s.colour for s in group]
    common = max(set(colours), key=colours.count, default="")
    grid = np.sort([s.points[0, axis] for s in group if s.colour == common])
    if len(grid) < 2 or len(grid) == len(group) or len(group) - len(grid) > 1:
        return group
    step = float(np.median(np.diff(grid)))
    lone = next(s for s in group if s.colour != common)
    gap = float(np.min(np.abs(grid - lone.points[0, axis])))
    return group if abs(gap - step) <= 0.1 * step else [s for s in group if s is not lone]


def _ticks(
    lines: list[Stroke], box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """Tick marks leaving the axes outwards: short strokes square to an axis, one end on
    its line (within a unit: d3 draws the line half a unit off its ticks' start)."""
    left, right, top, bottom = box
    size = max(right - left, bottom - top)
    xt, yt, right_yt = [], [], []
    for p in _segments(lines):
        if np.hypot(*(p[1] - p[0])) > 0.05 * size:
            continue
        x_tick = abs(p[0, 0] - p[1, 0]) < 1e-6 and left - 1 <= p[0, 0] <= right + 1
        if x_tick and abs(p[:, 1].min() - bottom) < 1 and p[:, 1].max() > bottom + 1:
            xt.append(p[0, 0])  # a short vertical stroke leaving the x axis downwards
        y_tick = abs(p[0, 1] - p[1, 1]) < 1e-6 and top - 1 <= p[0, 1] <= bottom + 1
        if y_tick and abs(p[:, 0].max() - left) < 1 and p[:, 0].min() < left - 1:
            yt.append(p[0, 1])  # a short horizontal stroke leaving the y axis leftwards
        elif y_tick and abs(p[:, 0].min() - right) < 1 and p[:, 0].max() > right + 1:
            right_yt.append(p[0, 1])  # or rightwards, from a y axis on the right
    if len(yt) < 2 and len(right_yt) >= 2:
        yt = right_yt
    return np.unique(np.round(xt, 4)), np.unique(np.round(yt, 4))


def _inward_ticks(
    lines: list[Stroke], box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """Tick marks drawn into the plot (matplotlib's ``direction="in"``, SPSS, many
    journals): short straight strokes square to an axis with one end on it, the other
    inside the plot; on each axis the three or more of one length (a curve's drop or a
    censor mark reaching the axis is not that regular)."""
    left, right, top, bottom = box
    size = max(right - left, bottom - top)
    found: tuple[list[float], list[float]] = ([], [])  # x ticks, y ticks
    lengths: tuple[list[float], list[float]] = ([], [])
    for p in _segments(lines):
        length = float(np.hypot(*(p[1] - p[0])))
        square = abs(p[0, 0] - p[1, 0]) < 1e-6, abs(p[0, 1] - p[1, 1]) < 1e-6
        if not 1e-3 * size <= length <= 0.05 * size:
            continue
        if (
            square[0]
            and left - 1 <= p[0, 0] <= right + 1
            and abs(p[:, 1].max() - bottom) < 0.5
            and p[:, 1].min() < bottom - 0.5
        ):
            found[0].append(float(p[0, 0]))  # up from the x axis
            lengths[0].append(round(length, 2))
        elif (
            square[1]
            and top - 1 <= p[0, 1] <= bottom + 1
            and abs(p[:, 0].min() - left) < 0.5
            and p[:, 0].max() > left + 0.5
        ):
            found[1].append(float(p[0, 1]))  # right from the y axis
            lengths[1].append(round(length, 2))
    out = []
    for at, sizes in zip(found, lengths, strict=True):
        values, counts = np.unique(sizes, return_counts=True)
        common = values[np.argmax(counts)] if len(counts) and counts.max() >= 3 else None
        kept = [a for a, n in zip(at, sizes, strict=True) if n == common]
        out.append(np.unique(np.round(kept, 4)))
    return out[0], out[1]


def _tick_marks(
    lines: list[Stroke], box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """Each axis's ticks: the tick marks outside it, or where there are none the major
    grid lines, or where there are none of those either the tick marks drawn inwards."""
    xt, yt = _ticks(lines, box)
    if len(xt) < 2 or len(yt) < 2:  # no tick marks: the major grid lines stand for them
        grid_x, grid_y, _ = _grid(lines)
        xt, yt = (grid_x if len(xt) < 2 else xt), (grid_y if len(yt) < 2 else yt)
    if len(xt) < 2 or len(yt) < 2:  # no grid either: ticks drawn into the plot
        in_x, in_y = _inward_ticks(lines, box)
        xt, yt = (in_x if len(xt) < 2 else xt), (in_y if len(yt) < 2 else yt)
    return xt, yt


def _without_bands(curves: list[Stroke]) -> tuple[list[Stroke], list[Stroke]]:
    """Curves less the confidence bands drawn as lines: two lines of one dash pattern, of
    a solid curve's colour, one above it and one below it wherever they overlap. Returns
    the curves kept and the solid curves whose band was left out."""
    dropped: list[int] = []
    banded = []
    for i, solid in enumerate(curves):
        if solid.dashed:
            continue
        above: list[int] = []
        below: list[int] = []
        for j, other in enumerate(curves):
            if j == i or not other.dashed or other.colour != solid.colour or j in dropped:
                continue
            side = _side(other.points, solid.points)
            if side < 0:
                above.append(j)
            elif side > 0:
                below.append(j)
        pairs = [(a, b) for a in above for b in below if curves[a].dash == curves[b].dash]
        if pairs:
            dropped += list(pairs[0])
            banded.append(solid)
    return [c for k, c in enumerate(curves) if k not in dropped], banded


def _side(p: np.ndarray, q: np.ndarray) -> int:
    """-1 if polyline ``p`` is above ``q`` (smaller y) wherever both run, 1 if below,
    0 if they cross or barely overlap."""
    lo, hi = max(p[0, 0], q[0, 0]), min(p[-1, 0], q[-1, 0])
    if hi - lo < 0.5 * (q[-1, 0] - q[0, 0]):
        return 0
    grid = np.linspace(lo, hi, 200)
    yp = p[np.clip(np.searchsorted(p[:, 0], grid, side="right") - 1, 0, len(p) - 1), 1]
    yq = q[np.clip(np.searchsorted(q[:, 0], grid, side="right") - 1, 0, len(q) - 1), 1]
    if np.all(yp <= yq + 1e-6):
        return -1
    return 1 if np.all(yp >= yq - 1e-6) else 0


def _on_frame(p: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    """Every piece of the polyline lies along an edge of the plot (R's ``bty = "l"`` box
    drawn as one path: the y axis's line down to the corner, then the x axis's)."""
    left, right, top, bottom = box
    tol = 1e-3 * max(right - left, bottom - top)
    for a, b in itertools.pairwise(p):
        on_x = any(abs(a[0] - e) <= tol and abs(b[0] - e) <= tol for e in (left, right))
        on_y = any(abs(a[1] - e) <= tol and abs(b[1] - e) <= tol for e in (top, bottom))
        if not (on_x or on_y):
            return False
    return True


def _table_top(bottom: float, yt: np.ndarray) -> float:
    """Where a numbers-at-risk table may begin: under the x axis, or inside the plot under
    its lowest y tick when the axis reaches well below that tick (SAS prints the numbers
    at risk there, the y axis running on below 0)."""
    if len(yt) and bottom - float(np.max(yt)) > 12:
        return float(np.max(yt))
    return bottom + 12


def _monotone(p: np.ndarray) -> bool:
    """A curve runs left to right and only up or only down (a legend's box does not)."""
    dx, dy = np.diff(p[:, 0]), np.diff(p[:, 1])
    return bool(np.all(dx >= -1e-9) and (np.all(dy >= -1e-9) or np.all(dy <= 1e-9)))


def _steps(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A polyline as (first x, change xs..., last x) and its plateau heights."""
    xs, levels = [p[0, 0]], [p[0, 1]]
    for a, b in itertools.pairwise(p):
        if abs(b[1] - a[1]) > 1e-9:
            xs.append(b[0])
            levels.append(b[1])
    xs.append(p[-1, 0])
    return np.asarray(xs), np.asarray(levels)


def read_vector(
    path: Path, x_range: tuple[float, float] | None, y_range: tuple[float, float] | None,
    n_curves: int | None, panel: int | str | None = None,
) -> dg.DigitizedFigure:  # fmt: skip
    """The curves of an SVG or PDF Kaplan-Meier plot (see
    :func:`analysis.published.digitize.digitize_km`); of a drawing of several plots, plot
    ``panel`` (:func:`_one_panel`)."""
    warnings: list[str] = []
    pdf = path.suffix.lower() == ".pdf"
    try:
        words: list[text.Word] = []
        if pdf:
            lines, fills, pages, words = pdf_strokes(path)
            if pages > 1:
                warnings.append(f"the PDF has {pages} pages; only the first was read")
        else:
            lines, fills = strokes(path)
    except Exception as exc:  # a broken file is the user's to fix, named as such
        kind = "PDF" if pdf else "SVG drawing"
        raise dg.DigitizeError(f"{path.name}: not a readable {kind} ({exc})") from exc
    words = words if pdf else _svg_words(path)
    lines, fills, words, notes = _one_panel(path.name, lines, fills, words, panel)
    warnings[:0] = notes
    try:
        box = _frame(lines, fills)
    except dg.DigitizeError as exc:
        raise dg.DigitizeError(f"{path.name}: {exc}") from None
    left, right, _top, bottom = box
    xt, yt = _tick_marks(lines, box)
    given = (x_range, y_range)
    at_risk = None
    if len(xt) < 2:  # nor vertical grid lines: the x labels stand where the ticks would
        xt = text.x_label_centres(words, box)
    printed: tuple[np.ndarray | None, np.ndarray | None] = (None, None)
    if words:
        xp, xv = text.tick_labels(xt, words, "x", box)
        yp, yv = text.tick_labels(yt, words, "y", box)
        xt, x_range = _labelled(xt, x_range, xp, xv)
        yt, y_range = _labelled(yt, y_range, yp, yv)
        printed = (xv if xt is xp else None, yv if yt is yp else None)
        if len(xp):
            at_risk = text.at_risk_table(xp, xv, words, _table_top(bottom, yt))
    scale = dg._scale(path.name, xt, yt, x_range, y_range, warnings, values=printed)
    lines = pieces.joined(lines, box)
    inside = [
        s for s in lines
        if len(s.points) >= 3 and s.colour != "#ffffff"
        and np.ptp(s.points[:, 0]) > 0.1 * (right - left)
        and left - 1 <= s.points[:, 0].min() and s.points[:, 0].max() <= right + 1
        and _monotone(s.points) and not _on_frame(s.points, box)
    ]  # fmt: skip
    if not inside:
        raise dg.DigitizeError(f"{path.name}: a plot was found but no curve in it")
    rising = sum(s.points[0, 1] > s.points[-1, 1] for s in inside) > len(inside) / 2
    inside, banded = _without_bands(inside)
    read: list[tuple[np.ndarray, np.ndarray, list[str]]] = []
    for s in inside:
        xs, levels = _steps(s.points)
        note = ["the dashed lines of its colour above and below it were left out, taken as "
                "its confidence band"] if any(s is b for b in banded) else []  # fmt: skip
        read.append((scale.time(xs), scale.value(levels), note))
    shapes = [s.points for s in lines if not any(s is c for c in inside)]
    ranks = _legend(inside, lines, box, warnings)
    if len({(c.colour, c.dash) for c in inside}) < len(inside):  # told apart by markers?
        by_markers = ids.marker_ranks([c.points for c in inside], shapes, box)
        if by_markers is not None:
            entries, used = by_markers
            ranks = _entry_ranks(entries, box, warnings)
            shapes = [p for i, p in enumerate(shapes) if i not in set(used)]
    result = dg._result(read, scale, *given, n_curves, warnings, bool(rising), None,
                        source="vector", at_risk=at_risk, ranks=ranks)  # fmt: skip
    found = marks.small_shapes(shapes, box) + marks.glyph_words(words, box)
    return dg.with_marks(result, scale, found)


def _one_panel(
    name: str, lines: list[Stroke], fills: list[np.ndarray], words: list[text.Word],
    panel: int | str | None,
) -> tuple[list[Stroke], list[np.ndarray], list[text.Word], list[str]]:  # fmt: skip
    """The strokes, fills and words of the plot to read: all of them in a drawing of one
    plot frame; in one of several (panels a and b), those of plot ``panel`` (its printed
    letter or its number; the first when None), said in a warning
    (:mod:`analysis.published.digitize_vector_panels`)."""
    extent = np.ptp(np.vstack([s.points for s in lines]), axis=0) if lines else np.zeros(2)
    frames: list[vp.Box] = []
    for segments in (_segments(lines, dark=True), _segments(lines, grey=True)):
        frames = vp.find_frames(segments, extent)
        if frames:
            break
    marked = vp.panel_letters(words, frames)
    letters = [vp.letter(w) if w else None for w in marked]
    k, notes = dg.choose_panel(name, panel, letters, len(frames), frames=frames)
    if len(frames) < 2:
        return lines, fills, words, notes
    shown = [w for w in words if not any(w is m for m in marked)]
    # what is stroked and printed is ink; fills are not (the page's and the axes'
    # backgrounds, white, cover every strip)
    boxes = [vp.points_box(s.points) for s in lines] + [w[1:] for w in shown]
    part = vp.region(frames, k - 1, boxes)
    frame = frames[k - 1]
    lines = [s for s in lines if vp.within(vp.points_box(s.points), part)]
    fills = [
        f for f in fills if vp.within(vp.points_box(f), part) or vp.covers(vp.points_box(f), frame)
    ]
    words = [w for w in shown if vp.within(w[1:], part)]
    where = (f"x {frame.left:.1f}-{frame.right:.1f}, y {frame.top:.1f}-{frame.bottom:.1f} "
             "in the drawing's units")  # fmt: skip
    note = dg.panels_note(len(frames), k, letters[k - 1], where)
    return lines, fills, words, [note, *notes]


def _labelled(
    ticks: np.ndarray, given: tuple[float, float] | None, pos: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, tuple[float, float] | None]:
    """An axis's ticks and range: its labelled ticks and their first and last values when
    no range is given, or when the range given is those values (a tick mark past the last
    label, d3's at the axis's end, is then not taken for the last labelled tick)."""
    if not len(pos):
        return ticks, given
    read = (float(values[0]), float(values[-1]))
    if given is None or np.allclose(read, given, rtol=1e-9, atol=1e-9):
        return pos, read
    return ticks, given


def _svg_words(path: Path) -> list[text.Word]:
    """An SVG drawing's words: its text elements, or, when it prints no number as text
    (matplotlib draws each character as an outline), its outlined words."""
    words = svg_words(path)
    if not any(text.number(w[0]) is not None for w in words):
        words += outline_words(path)
    return words


def _legend(
    curves: list[Stroke], lines: list[Stroke], box: tuple[float, float, float, float],
    warnings: list[str],
) -> list[int | None]:  # fmt: skip
    """Each curve's place in the legend: the one short horizontal stroke of its colour
    (and dash) inside the plot, the legend's samples ranked from the top (and, in a row,
    from the left; a grid column by column); when no curve has one inside, the same
    outside the plot (a legend below it or beside it, a grid read row by row, with a
    warning: :func:`analysis.published.digitize.legend_order`)."""
    left, right, top, bottom = box

    def sample(c: Stroke, inside: bool) -> tuple[float, float] | None:
        found = [
            (float(s.points[0, 1]), float(s.points[:, 0].min())) for s in lines
            if s.colour == c.colour and s.dash == c.dash and np.ptp(s.points[:, 1]) < 1e-6
            and 0.02 * (right - left) <= np.ptp(s.points[:, 0]) <= 0.15 * (right - left)
            and (not inside or (left <= s.points[:, 0].min() and top <= s.points[0, 1] <= bottom))
        ]  # fmt: skip
        return found[0] if len(found) == 1 else None

    rows = [sample(c, inside=True) for c in curves]
    outside = all(r is None for r in rows)
    if outside:
        rows = [sample(c, inside=False) for c in curves]
    placed = [r for r in rows if r is not None]
    if len(placed) < len(rows) or len({(c.colour, c.dash) for c in curves}) < len(curves):
        return [None] * len(curves)
    return _entry_ranks(placed, box, warnings, outside=outside)


def _entry_ranks(
    entries: list[tuple[float, float]], box: tuple[float, float, float, float],
    warnings: list[str], *, outside: bool | None = None,
) -> list[int | None]:  # fmt: skip
    """Each curve's place in the legend from where its entry (row, column) stands:
    :func:`analysis.published.digitize.legend_order`, row by row when the legend is
    outside the plot (``outside``; by default, when no entry stands inside it)."""
    left, right, top, bottom = box
    if outside is None:
        outside = not any(left <= x <= right and top <= y <= bottom for y, x in entries)
    ys, xs = (list(v) for v in zip(*entries, strict=True))
    gaps = (0.1, 0.01 * (right - left))
    ranks = dg.legend_order(ys, xs, *gaps, by_row=outside)
    if ranks is not None and outside and dg.legend_grid(ys, xs, *gaps):
        warnings.append(dg._ROW_BY_ROW)
    return [None] * len(entries) if ranks is None else list(ranks)
