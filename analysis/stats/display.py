"""How a result shows itself: a few lines at the console, a small table in Jupyter.

Every result of :mod:`analysis.stats` inherits :class:`Displayed`. ``repr(result)``
gives one line per key number; ``result._repr_html_()`` (what Jupyter shows) gives the
same as two compact HTML tables: the result's own fields, then one row per estimate,
test or model term with its quantity, estimate and interval, statistic, df, P value, n
used and excluded, and method.

The summary is read off the dataclass fields, so a new field shows without code here:
an estimate or a mapping of estimates (``tests``) becomes rows; a nested result adds
its one-line headline and its rows, labelled by the field (``change: welch``); a
DataFrame is named with its size, never printed. Numbers are written by
:mod:`analysis.formatting`: the P value exactly as a table in the plain style prints
it, counts as whole numbers, other values to about three significant digits. Nothing
here is stored on a result: the text is made when asked for.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from numbers import Integral, Real
from typing import ClassVar, Protocol, TypeGuard

import numpy as np
import pandas as pd

from analysis import formatting as fmt

# fields whose rows need no field name: ``welch``, not ``tests: welch``
_TRANSPARENT = ("tests", "terms")
_MAX_VALUES = 12  # a longer sequence is counted, not listed


class EstimateLike(Protocol):
    """What a row of the estimates table reads (:class:`~analysis.stats.results.Estimate`)."""

    @property
    def quantity(self) -> str: ...
    @property
    def estimate(self) -> float: ...
    @property
    def ci_low(self) -> float: ...
    @property
    def ci_high(self) -> float: ...
    @property
    def ci_level(self) -> float: ...
    @property
    def statistic(self) -> float: ...
    @property
    def df(self) -> float: ...
    @property
    def p_value(self) -> float: ...
    @property
    def method(self) -> str: ...
    @property
    def n_used(self) -> int: ...
    @property
    def n_excluded(self) -> int: ...


@dataclass
class Summary:
    """What a result shows: a title, labelled facts (text) and labelled estimate rows."""

    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    rows: list[tuple[str, EstimateLike]] = field(default_factory=list)


class Displayed:
    """Mixin giving a result a short ``__repr__`` and a Jupyter ``_repr_html_``.

    A dataclass using it is declared with ``repr=False`` (else the generated repr,
    every field and float in full, would win). Subclasses may set ``_display_skip``
    (fields not shown, e.g. coefficients repeated in the terms), ``_display_extra``
    (properties shown after the fields), and override :meth:`_display_label` (the
    object's name among its siblings in a tuple) and :meth:`_display_headline` (its one
    line when nested in another result).
    """

    __slots__ = ()
    _display_skip: ClassVar[tuple[str, ...]] = ()
    _display_extra: ClassVar[tuple[str, ...]] = ()

    def _display_label(self) -> str | None:
        return None

    def _display_headline(self) -> str | None:
        return None

    def _display_summary(self) -> Summary:
        return summarize(self)

    def __repr__(self) -> str:
        return as_text(self._display_summary())

    def _repr_html_(self) -> str:
        return as_html(self._display_summary())


# ---------------------------------------------------------------- numbers


def _finite(x: object) -> bool:
    return isinstance(x, Real) and not isinstance(x, bool) and math.isfinite(float(x))


def decimals(*values: float) -> int:
    """Decimals giving about three significant digits of the largest value (1 to 4)."""
    sizes = [abs(float(v)) for v in values if _finite(v) and v != 0]
    if not sizes:
        return 1
    return min(4, max(1, 2 - math.floor(math.log10(max(sizes)))))


def num(x: float) -> str:
    """A float to about three significant digits; a whole value as a count; missing: –."""
    if not _finite(x):
        return fmt.number(x)
    v = float(x)
    if v == round(v) and abs(v) < 1e12:
        return fmt.count(v)
    return fmt.number(v, decimals(v))


def of(count: int, n: int) -> str:
    """``92 of 101 (91.1%)``."""
    share = f" ({fmt.percent(count / n)})" if n else ""
    return f"{fmt.count(count)} of {fmt.count(n)}{share}"


def distribution(n: int, n_missing: int, *stats: float) -> str:
    """``n 120 (3 missing), mean 7.94 (SD 1.00), median 8.00 [7.00, 9.00]`` from mean,
    SD, median, Q1, Q3 and, when given, minimum and maximum (``, range 1.00 to 9.00``),
    all to the same decimals."""
    d = decimals(*stats)
    mean, sd, median, q1, q3, *extremes = (fmt.number(x, d) for x in stats)
    missing = f" ({fmt.count(n_missing)} missing)" if n_missing else ""
    text = f"n {fmt.count(n)}{missing}, mean {mean} (SD {sd}), median {median} [{q1}, {q3}]"
    return text + (f", range {extremes[0]} to {extremes[1]}" if extremes else "")


def _scalar(label: str, x: object) -> str:
    if isinstance(x, bool | np.bool_):
        return "yes" if x else "no"
    if isinstance(x, Integral):
        return fmt.count(int(x))
    if isinstance(x, Real):
        return fmt.p_value(float(x)) if label.startswith("p_") else num(float(x))
    return str(x)


def values(label: str, seq: Sequence[object] | np.ndarray) -> str:
    """A short sequence written out (``(9, 0)``; text joined by commas), a long one
    counted (``5 x 5 values``); P values (a label starting ``p_``) as P values."""
    arr = np.asarray(seq, dtype=object)
    if arr.size > _MAX_VALUES:
        return " x ".join(str(n) for n in arr.shape) + " values"
    items = [values(label, v) if _is_sequence(v) else _scalar(label, v) for v in seq]
    if all(isinstance(v, str) for v in seq):
        return ("; " if any(" " in v for v in items) else ", ").join(items)
    return "(" + ", ".join(items) + ")"


def _is_sequence(x: object) -> TypeGuard[Sequence[object] | np.ndarray]:
    return isinstance(x, tuple | list | np.ndarray)


# ---------------------------------------------------------------- reading a result


def summarize(obj: Displayed) -> Summary:
    """The summary of a result read off its dataclass fields and ``_display_extra``."""
    out = Summary(type(obj).__name__)
    names: list[str] = [f.name for f in fields(obj)] if is_dataclass(obj) else []
    for name in [*names, *obj._display_extra]:
        if name not in obj._display_skip:
            _add(out, name, getattr(obj, name))
    return out


def _add(out: Summary, label: str, value: object) -> None:
    if isinstance(value, Displayed):
        _add_nested(out, label, value)
    elif isinstance(value, pd.DataFrame | pd.Series):
        shape = value.shape if isinstance(value, pd.DataFrame) else (len(value), 1)
        out.facts.append((label, f"table of {shape[0]} rows x {shape[1]} columns (.{label})"))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _add(out, f"{label}: {key}", item)
    elif _is_sequence(value):
        _add_sequence(out, label, value)
    elif value is not None:
        out.facts.append((label, _scalar(label, value)))


def _add_sequence(out: Summary, label: str, seq: Sequence[object] | np.ndarray) -> None:
    """Results in a tuple each under their own name; anything else as one fact."""
    results = [v for v in seq if isinstance(v, Displayed)]
    if len(seq) and len(results) == len(seq):
        for i, item in enumerate(results):
            _add(out, item._display_label() or f"{label}[{i}]", item)
    elif len(seq):
        out.facts.append((label, values(label, seq)))


def _add_nested(out: Summary, label: str, value: Displayed) -> None:
    inner = value._display_summary()
    headline = value._display_headline()
    if not headline and not inner.rows:  # nothing else would show: its first facts
        headline = "; ".join(f"{k} {v}" for k, v in inner.facts[:6])
    if headline:
        out.facts.append((label, headline))
    prefix = "" if label in _TRANSPARENT else label
    for name, row in inner.rows:
        out.rows.append((": ".join(p for p in (prefix, name) if p), row))


# ---------------------------------------------------------------- one estimate


def _quantity(row: EstimateLike) -> str:
    return row.quantity.split("[", 1)[0]


def _row_decimals(row: EstimateLike) -> int:
    """Three significant digits of the estimate (of the bounds when it is 0)."""
    if _finite(row.estimate) and row.estimate != 0:
        return decimals(row.estimate)
    return decimals(row.ci_low, row.ci_high)


def _has_ci(row: EstimateLike) -> bool:
    return _finite(row.ci_low) and _finite(row.ci_high)


def _estimate_ci(row: EstimateLike, with_level: bool = True) -> str:
    """``-3.33 (95% CI -4.65 to -2.02)``; without the level: ``-3.33 (-4.65 to -2.02)``."""
    d = _row_decimals(row)
    if not (with_level and _has_ci(row)):
        return fmt.estimate_ci(row.estimate, row.ci_low, row.ci_high, d)
    level = fmt.ci_label(row.ci_level) if _finite(row.ci_level) else "CI"
    return f"{fmt.number(row.estimate, d)} ({level} {fmt.ci(row.ci_low, row.ci_high, d)})"


def row_text(row: EstimateLike) -> str:
    """One estimate on one line: quantity, estimate with CI, test, n, method."""
    parts = []
    if _finite(row.estimate):
        parts.append(f"{_quantity(row)} {_estimate_ci(row)}")
    test = []
    if _finite(row.statistic):
        test.append(f"statistic {num(row.statistic)}")
    if _finite(row.df):
        test.append(f"df {num(row.df)}")
    if _finite(row.p_value):
        test.append(fmt.p_text(row.p_value))
    if test:
        parts.append(", ".join(test))
    n = f"n {fmt.count(row.n_used)}"
    parts.append(n + (f", {fmt.count(row.n_excluded)} excluded" if row.n_excluded else ""))
    parts.append(row.method)
    return "; ".join(parts)


# ---------------------------------------------------------------- text and HTML


def as_text(summary: Summary) -> str:
    """The summary as lines: the title, then ``label: value`` per fact and per row."""
    lines = [summary.title]
    lines += [f"  {label}: {text}" for label, text in summary.facts]
    lines += [f"  {label or _quantity(row)}: {row_text(row)}" for label, row in summary.rows]
    return "\n".join(lines)


_TABLE = "border-collapse:collapse;margin:0.3em 0"
_LEFT = "text-align:left"
_RIGHT = "text-align:right;white-space:nowrap"
_HEAD = ";border-bottom:1px solid currentColor"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _tr(cells: Iterable[tuple[str, bool]], tag: str = "td", extra: str = "") -> str:
    """One table row; each cell (text, right-aligned?) escaped and aligned inline."""
    inner = "".join(
        f'<{tag} style="{_RIGHT if right else _LEFT}{extra}">{_e(text)}</{tag}>'
        for text, right in cells
    )
    return f"<tr>{inner}</tr>"


def _estimate_columns(rows: Sequence[EstimateLike]) -> list[tuple[str, bool, list[str]]]:
    """(header, numeric, cells) of every column that has something to show."""
    # one level for every interval goes in the head; else each cell names its own
    levels = {r.ci_level if _finite(r.ci_level) else None for r in rows if _has_ci(r)}
    shared = next(iter(levels)) if len(levels) == 1 else None
    head = f"Estimate ({fmt.ci_label(shared)})" if shared is not None else "Estimate"
    estimates = [_estimate_ci(r, shared is None) if _finite(r.estimate) else "" for r in rows]
    columns = [
        ("Quantity", False, [_quantity(r) if _finite(r.estimate) else "" for r in rows]),
        (head, True, estimates),
        ("Statistic", True, [num(r.statistic) if _finite(r.statistic) else "" for r in rows]),
        ("df", True, [num(r.df) if _finite(r.df) else "" for r in rows]),
        ("p", True, [fmt.p_value(r.p_value) if _finite(r.p_value) else "" for r in rows]),
        ("n used", True, [fmt.count(r.n_used) for r in rows]),
        ("n excluded", True, [fmt.count(r.n_excluded) for r in rows]),
        ("Method", False, [r.method for r in rows]),
    ]
    return [c for c in columns if any(c[2])]


def as_html(summary: Summary) -> str:
    """The summary as an HTML fragment: a table of facts under the result's name, then
    a table with one row per estimate.

    Alignment is set on each cell (a notebook's own style right-aligns every cell, and
    its sanitiser may drop a ``<style>`` block); all text is escaped.
    """
    out = ['<div class="vertebro-result">', f'<table style="{_TABLE}">']
    out.append(f'<caption style="text-align:left;font-weight:bold">{_e(summary.title)}</caption>')
    out.append("<tbody>")
    out += [_tr([(label, False), (text, False)]) for label, text in summary.facts]
    out += ["</tbody>", "</table>"]
    if summary.rows:
        columns = _estimate_columns([row for _, row in summary.rows])
        out.append(f'<table style="{_TABLE}">')
        out.append("<thead>")
        out.append(_tr([("", False)] + [(h, right) for h, right, _ in columns], "th", _HEAD))
        out.append("</thead>")
        out.append("<tbody>")
        for i, (label, row) in enumerate(summary.rows):
            cells = [(label or _quantity(row), False)] + [(c[2][i], c[1]) for c in columns]
            out.append(_tr(cells))
        out += ["</tbody>", "</table>"]
    out.append("</div>")
    return "\n".join(out) + "\n"
