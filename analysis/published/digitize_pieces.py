"""Curves a drawing holds as many short pieces: each step's run cut into separate line
segments (a figure passed through an editor or a converter that breaks paths up), and a
"dashed" curve made by leaving gaps between pieces rather than by a dash pattern.

The pieces are put back together before curves are looked for: first those of one
colour, dash and width whose ends meet (one piece's end the next one's start; with the
short pieces, the long level or upright ones of their look: an office chart draws each
run and each drop of a step as its own piece, however long), when that joins most of
them (a look's censor marks, each ``+`` two strokes, do not meet end to start), then
the short chains of two pieces or more of a broken line (a line left whole is no dash;
a lone piece may be a censor mark) across their gaps, each joined to the nearest that
carries it on in its direction (each the other's nearest).
A gap is bridged as a step: the drop where the chain before it ends falling or the one
after it starts falling, else halfway; cuts along a run are no corners.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from analysis.published.digitize_vector import Stroke

SHORT = 0.05  # a piece at most this share of the plot's size across
FEWEST = 5  # pieces of one look for them to be taken as a curve cut up
JOINED = 0.5  # at most this many chains per piece for a look's pieces to be a curve cut up
GAP = 3.0  # a gap bridged: at most this many times the typical chain's length


def joined(lines: list[Stroke], box: tuple[float, float, float, float]) -> list[Stroke]:
    """``lines`` with the short pieces inside the plot put back together into the
    polylines they were cut from (unchanged when there are none)."""
    left, right, top, bottom = box
    size = max(right - left, bottom - top)
    groups: dict[tuple[str, str, float], list[int]] = defaultdict(list)
    runs: dict[tuple[str, str, float], list[int]] = defaultdict(list)  # long level or upright
    for i, s in enumerate(lines):
        lo, hi = s.points.min(axis=0), s.points.max(axis=0)
        if not (
            left - 1 <= lo[0] and hi[0] <= right + 1 and top - 1 <= lo[1] <= hi[1] <= bottom + 1
        ):
            continue
        look = (s.colour, s.dash, round(s.width, 3))
        if np.max(hi - lo) <= SHORT * size:
            groups[look].append(i)
        elif len(s.points) == 2 and np.min(hi - lo) <= 1e-4 * size:
            runs[look].append(i)
    used: set[int] = set()
    out: list[Stroke] = []
    for look, short in groups.items():
        if len(short) < FEWEST:
            continue
        members = short + runs.get(look, [])  # a step's long run is cut from the curve too
        chains = _chains([lines[i].points for i in members], 1e-4 * size)
        if len(chains) > JOINED * len(members):
            continue  # not a curve cut up (censor marks: no piece carries another on)
        dash = [len(c) >= 3 and np.max(np.ptp(c, axis=0)) <= SHORT * size for c in chains]
        chains = [c for c, d in zip(chains, dash, strict=True) if not d] + _across_gaps(
            [c for c, d in zip(chains, dash, strict=True) if d], size
        )
        used.update(members)
        first = lines[members[0]]
        out += [dataclasses.replace(first, points=_corners(c, 1e-4 * size)) for c in chains]
    if not used:
        return lines
    return [s for i, s in enumerate(lines) if i not in used] + out


def _corners(points: np.ndarray, tol: float) -> np.ndarray:
    """A joined polyline's corners: the points between two pieces running on in one
    line, level or upright, left out (a run's cuts are no steps)."""
    if len(points) < 3:
        return points
    a, b, c = points[:-2], points[1:-1], points[2:]
    level = (np.abs(a[:, 1] - b[:, 1]) <= tol) & (np.abs(b[:, 1] - c[:, 1]) <= tol)
    upright = (np.abs(a[:, 0] - b[:, 0]) <= tol) & (np.abs(b[:, 0] - c[:, 0]) <= tol)
    keep = np.concatenate([[True], ~(level | upright), [True]])
    return points[keep]


def _chains(pieces: list[np.ndarray], tol: float) -> list[np.ndarray]:
    """Pieces joined where one's end is the one next one's start (and only that one's)."""

    def key(p: np.ndarray) -> tuple[int, int]:
        return (round(float(p[0]) / tol), round(float(p[1]) / tol))

    starts: dict[tuple[int, int], list[int]] = defaultdict(list)
    ends: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, p in enumerate(pieces):
        starts[key(p[0])].append(i)
        ends[key(p[-1])].append(i)
    nxt: dict[int, int] = {}
    for i, p in enumerate(pieces):
        after = [j for j in starts.get(key(p[-1]), []) if j != i]
        if len(after) == 1 and len(ends[key(p[-1])]) == 1:
            nxt[i] = after[0]
    return _runs(pieces, nxt, lambda a, b: b[1:])


def _across_gaps(chains: list[np.ndarray], size: float) -> list[np.ndarray]:
    """Chains of a broken line joined across their gaps: each chain's end to the nearest
    chain starting after it, on the side the line runs to (down, or up when most chains
    climb), within :data:`GAP` lengths of the longer of the two chains (or of the
    typical chain), when that chain has it as its nearest end too."""
    if len(chains) < FEWEST:
        return chains
    climb = np.array([c[-1, 1] - c[0, 1] for c in chains])
    sign = -1.0 if np.sum(climb < 0) > np.sum(climb > 0) else 1.0  # page rows grow down
    lengths = np.array([float(np.sum(np.hypot(*np.diff(c, axis=0).T))) for c in chains])
    typical = float(np.median(lengths))
    starts = np.array([c[0] for c in chains])
    best_next: dict[int, tuple[float, int]] = {}
    best_prev: dict[int, tuple[float, int]] = {}
    for i, c in enumerate(chains):
        d = starts - c[-1]
        reach = GAP * np.maximum(typical, np.maximum(lengths, lengths[i]))  # a gap as its dashes
        back = 0.01 * size  # a start a little behind the end: the pieces overlap
        ok = (d[:, 0] >= -back) & (sign * d[:, 1] >= -back) & (np.hypot(d[:, 0], d[:, 1]) <= reach)
        ok[i] = False
        for j in np.nonzero(ok)[0]:
            dist = float(np.hypot(*d[j]))
            if dist < best_next.get(i, (np.inf, -1))[0]:
                best_next[i] = (dist, int(j))
            if dist < best_prev.get(int(j), (np.inf, -1))[0]:
                best_prev[int(j)] = (dist, i)
    nxt = {i: j for i, (_, j) in best_next.items() if best_prev.get(j, (0, -1))[1] == i}
    return _runs(chains, nxt, lambda a, b: np.vstack([_bridge(a, b, 1e-4 * size), b]))


def _runs(
    parts: list[np.ndarray], nxt: dict[int, int],
    join: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> list[np.ndarray]:  # fmt: skip
    """The parts followed from each that none leads into along ``nxt`` (part -> the one
    after it), each next one added as ``join(previous, next)`` gives it; parts in a
    closed loop left as they are."""
    has_prev = set(nxt.values())
    out = []
    seen: set[int] = set()
    for first in range(len(parts)):
        if first in has_prev or first in seen:
            continue
        run = [parts[first]]
        seen.add(first)
        at = first
        while at in nxt and nxt[at] not in seen:
            prev, at = parts[at], nxt[at]
            seen.add(at)
            run.append(join(prev, parts[at]))
        out.append(np.vstack(run))
    return out + [parts[k] for k in range(len(parts)) if k not in seen]


def _bridge(a: np.ndarray, b: np.ndarray, tol: float) -> np.ndarray:
    """The corners a step takes across the gap from chain ``a``'s end to ``b``'s start:
    none when they are level or in line; when ``a`` ends falling and ``b`` starts
    falling (two drops, the run between them in the gap), the run halfway down; the
    drop at ``a``'s end when only ``a`` ends falling, at ``b``'s start when only ``b``
    starts so, else halfway across."""
    (x0, y0), (x1, y1) = a[-1], b[0]
    if abs(y1 - y0) <= tol or abs(x1 - x0) <= tol:
        return np.zeros((0, 2))
    a_falls = len(a) >= 2 and abs(a[-1, 0] - a[-2, 0]) <= tol
    b_falls = len(b) >= 2 and abs(b[1, 0] - b[0, 0]) <= tol
    if a_falls and b_falls:
        mid = (y0 + y1) / 2
        return np.array([[x0, mid], [x1, mid]])
    if a_falls:
        return np.array([[x0, y1]])
    if b_falls:
        return np.array([[x1, y0]])
    mid = (x0 + x1) / 2
    return np.array([[mid, y0], [mid, y1]])
