"""Which test gives a printed P: an F with its degrees of freedom, and a 2 x 2 table.

Each check recomputes P from what the paper prints and returns a
:class:`~analysis.published.checks.Verdict` whose ``matches`` names the tests that agree
with the printed P at its printed precision (either rounding of a tie accepted), or,
for a P printed as a bound (``P < 0.05``), the tests whose P lies below it.
"""

from __future__ import annotations

import math

from scipy import stats

from analysis.published.checks import Verdict, _half_unit
from analysis.stats import two_by_two_test

_TWO_BY_TWO = (
    ("fisher", "Fisher's exact test"),
    ("chi_square", "chi-square without correction"),
    ("chi_square_yates", "chi-square with Yates' correction"),
)


def _agrees(low: float, high: float, p: float, half: float, below: bool) -> bool:
    """Does a P anywhere in [low, high] print as ``p`` (or lie below it)?"""
    if below:
        return low < p
    return low <= p + half + 1e-12 and high >= p - half - 1e-12


def _printed(p: float, decimals: int, below: bool) -> str:
    return f"P {'<' if below else '='} {p:.{decimals}f}"


def printed_f(
    f: float,
    df1: float,
    df2: float,
    p: float,
    decimals: int,
    epsilon: float | None = None,
    f_decimals: int | None = None,
    below: bool = False,
) -> Verdict:
    """Does a printed F with its numerator and denominator df give the printed P?

    For a one-way ANOVA (df ``k - 1`` and ``N - k``) or a repeated-measures ANOVA (df
    ``k - 1`` and ``(k - 1)(n - 1)``), P is the upper tail of the F distribution (R
    ``pf(f, df1, df2, lower.tail = FALSE)``).

    Parameters
    ----------
    f, df1, df2
        The printed F and its degrees of freedom. When the paper prints dfs already
        corrected for sphericity (``F(1.4, 12.6)``), give those and no ``epsilon``.
    p, decimals
        The printed P and the number of decimals it is printed to.
    epsilon
        A Greenhouse-Geisser or Huynh-Feldt epsilon (0 to 1) printed with a
        repeated-measures F: the corrected test has df ``epsilon * df1`` and
        ``epsilon * df2``. Both the uncorrected and the corrected P are then reported,
        and ``matches`` says which agree (``"uncorrected"``, ``"corrected"``).
    f_decimals
        The decimals F is printed to: P is then the range over every F that prints so.
        None takes F as exact.
    below
        The P is printed as a bound, ``P < p``.

    Returns
    -------
    Verdict
        ``numbers`` hold the P of each test (``p_uncorrected``, ``p_corrected``) with
        its range over the rounding of F (``..._min``, ``..._max``) and the dfs used.
    """
    if not (math.isfinite(f) and f >= 0):
        raise ValueError(f"F = {f!r} must be a number >= 0")
    if not (df1 > 0 and df2 > 0):
        raise ValueError(f"the degrees of freedom ({df1!r}, {df2!r}) must both be > 0")
    if epsilon is not None and not 0 < epsilon <= 1:
        raise ValueError(
            f"epsilon {epsilon!r} must lie in (0, 1]; a Huynh-Feldt estimate above 1 is used as 1"
        )
    half = _half_unit(decimals)
    half_f = 0.0 if f_decimals is None else _half_unit(f_decimals)
    tests = [("uncorrected", 1.0)] + ([] if epsilon is None else [("corrected", epsilon)])
    numbers: list[tuple[str, float]] = [("printed_p", p), ("f", f)]
    matches: list[str] = []
    parts = []
    for name, eps in tests:
        d1, d2 = eps * df1, eps * df2
        exact = float(stats.f.sf(f, d1, d2))
        low = float(stats.f.sf(f + half_f, d1, d2))
        high = float(stats.f.sf(max(f - half_f, 0.0), d1, d2))
        numbers += [(f"df1_{name}", d1), (f"df2_{name}", d2), (f"p_{name}", exact)]
        numbers += [(f"p_{name}_min", low), (f"p_{name}_max", high)]
        spread = f" ({low:.4g} to {high:.4g} over the rounding of F)" if half_f else ""
        parts.append(f"{name} F({d1:.4g}, {d2:.4g}) gives P = {exact:.4g}{spread}")
        if _agrees(low, high, p, half, below):
            matches.append(name)
    found = " and ".join(matches) if matches else "neither"
    if epsilon is None:
        found = "it agrees" if matches else "it does not agree"
    else:
        found = f"{found} {'agrees' if len(matches) == 1 else 'agree'}"
    text = f"Printed {_printed(p, decimals, below)} for F = {f:g}: {'; '.join(parts)}; {found}."
    if epsilon is not None:
        numbers.append(("epsilon", epsilon))
    return Verdict("printed F", bool(matches), text, tuple(numbers), matches=tuple(matches))


def printed_p_two_by_two(
    events_1: int, n_1: int, events_2: int, n_2: int, p: float, decimals: int, below: bool = False
) -> Verdict:
    """Which test gives a printed P for a 2 x 2 table (events of n in each group)?

    Tries Fisher's exact test (two-sided, as R ``fisher.test``) and Pearson's
    chi-square without and with Yates' continuity correction (R ``chisq.test`` with
    ``correct = FALSE`` and ``TRUE``). ``numbers`` hold each test's P (``fisher``,
    ``chi_square``, ``chi_square_yates``) and ``matches`` the tests whose P prints as
    the printed one at ``decimals`` places (or lies below it when ``below``).
    """
    half = _half_unit(decimals)
    numbers: list[tuple[str, float]] = [("printed_p", p)]
    matches: list[str] = []
    parts = []
    for name, label in _TWO_BY_TWO:
        value = two_by_two_test(events_1, n_1, events_2, n_2, test=name).p_value
        numbers.append((name, value))
        parts.append(f"{label} P = {value:.4g}")
        if _agrees(value, value, p, half, below):
            matches.append(label)
    found = " and ".join(matches) if matches else "none of the three tests"
    text = (
        f"Printed {_printed(p, decimals, below)} for {events_1}/{n_1} vs {events_2}/{n_2}: "
        f"{found} {'gives' if len(matches) < 2 else 'give'} it ({'; '.join(parts)})."
    )
    names = tuple(name for name, label in _TWO_BY_TWO if label in matches)
    return Verdict("printed p (2 x 2)", bool(matches), text, tuple(numbers), matches=names)
