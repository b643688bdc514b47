"""Consistency checks of printed summaries that explain their verdict.

Each check returns a :class:`Verdict`: whether the printed figures can be true, a
sentence saying why, and the numbers behind it. GRIM (Brown & Heathers 2017) asks
whether a mean of integer scores can have the printed value for the printed n;
GRIMMER (Anaya 2016, in Allard's analytic form, 2018) asks the same of the SD beside
it; DEBIT (Heathers & Brown 2019) asks it of the mean and SD of a yes/no variable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.published.summary import paired_t_range, two_sample_t


@dataclass(frozen=True)
class Verdict:
    """The outcome of one consistency check.

    Attributes
    ----------
    check
        Which check (``"GRIM"``, ``"SD bounds"``, ``"percentage"``, ``"printed p"``).
    consistent
        True when the printed figures can all be true together.
    explanation
        One sentence a reader can quote, with the numbers.
    numbers
        The quantities behind the verdict as (name, value) pairs.
    matches
        For checks that try several tests on a printed P, the tests whose P agrees with
        it at its printed precision (``consistent`` is then whether any does).
    flags
        Findings that leave the figures possible but call for a look, apart from
        ``consistent``: ``"ceiling"`` (an implied mean at the scale maximum, every
        patient there) or ``"floor"`` (at the minimum).
    """

    check: str
    consistent: bool
    explanation: str
    numbers: tuple[tuple[str, float], ...] = ()
    matches: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """One row per number, with the check and verdict repeated."""
        rows = [
            {"check": self.check, "consistent": self.consistent, "name": k, "value": v}
            for k, v in self.numbers
        ]
        return pd.DataFrame(rows, columns=["check", "consistent", "name", "value"])


def _half_unit(decimals: int) -> float:
    if decimals < 0:
        raise ValueError(f"decimals {decimals!r} must be 0 or more")
    return 0.5 * 10.0**-decimals


def grim(mean: float, n: int, decimals: int, items: int = 1, step: float = 1.0) -> Verdict:
    """GRIM: can a mean of ``n`` scores (``items`` per patient) print as ``mean``?

    Each score is a multiple of ``step`` (1 for whole numbers; 2 for the ODI in 2-point
    steps, 0.5 for a VAS read to half a point), so the mean is a multiple of
    ``step / (n * items)``; the printed mean is consistent when some such multiple
    rounds to it at ``decimals`` places (either rounding of a tie is accepted). The
    explanation names the fitting mean nearest the printed one.
    """
    if int(n) != n or n < 1 or items < 1:
        raise ValueError(f"n = {n!r} and items = {items!r} must be whole numbers >= 1")
    _check_step(step)
    half = _half_unit(decimals)
    count = n * items
    unit = step / count
    total = round(mean / unit)
    near = [t * unit for t in (total - 1, total, total + 1)]
    eps = 1e-9
    ok = [v for v in near if abs(v - mean) <= half + eps]
    closest = min(near, key=lambda v: abs(v - mean))
    scores = "integer scores" if step == 1 else f"scores in steps of {step:g}"
    if ok:
        best = min(ok, key=lambda v: abs(v - mean))
        text = (
            f"A mean of {n} {scores} can be {mean:.{decimals}f}: "
            f"{round(best * count, 9):.10g}/{count} = {best:.6g}."
        )
    else:
        text = (
            f"No mean of {n} {scores} rounds to {mean:.{decimals}f}: the nearest "
            f"possible means are {near[0]:.6g}, {near[1]:.6g} and {near[2]:.6g}."
        )
    return Verdict("GRIM", bool(ok), text, (("mean", mean), ("nearest_possible", closest)))


def _check_step(step: float) -> None:
    if not (math.isfinite(step) and step > 0):
        raise ValueError(
            f"step {step!r} must be a number > 0: the smallest difference between two "
            "scores (1 for whole numbers, 2 for the ODI in 2-point steps, 0.5 for half points)"
        )


def _sums(mean: float, n: int, decimals: int, step: float = 1.0) -> list[int]:
    """Sums of ``n`` scores, counted in ``step``s, whose mean rounds to ``mean`` (ties
    either way), nearest first."""
    half = _half_unit(decimals)
    centre = round(mean * n / step)
    sums = [t for t in range(centre - 2, centre + 3) if abs(t * step / n - mean) <= half + 1e-9]
    return sorted(sums, key=lambda t: abs(t * step / n - mean))


def grimmer(
    mean: float,
    sd: float,
    n: int,
    decimals: int,
    sd_decimals: int | None = None,
    step: float = 1.0,
) -> Verdict:
    """GRIMMER: can ``n`` scores have a mean and a sample SD printing as these?

    Beyond GRIM, a sample of integers has a whole-number sum of squares ``Q`` with the
    parity of its sum ``S`` (``x**2`` and ``x`` are both odd or both even), and
    ``SD**2 = (Q - S**2 / n) / (n - 1)``. The printed SD is consistent when, for some sum
    the mean allows, such a ``Q`` gives an SD that rounds to it (ties either way).
    Scores in steps of ``step`` (2 for the ODI, 0.5 for a VAS read to half a point) are
    integers once counted in steps. The explanation names the fitting sum nearest the
    printed mean and the sum of squares nearest the printed SD. Necessary, not
    sufficient: a bounded scale can rule out more (see :func:`sd_bounds`).
    """
    if int(n) != n or n < 2:
        raise ValueError(f"n = {n!r} must be a whole number of at least 2 for an SD")
    if sd < 0:
        raise ValueError(f"an SD cannot be negative ({sd!r})")
    _check_step(step)
    sd_decimals = decimals if sd_decimals is None else sd_decimals
    sums = _sums(mean, n, decimals, step)
    numbers: list[tuple[str, float]] = [("mean", mean), ("sd", sd)]
    scores = "integer scores" if step == 1 else f"scores in steps of {step:g}"
    if not sums:
        text = f"GRIM fails first: no mean of {n} {scores} rounds to {mean:.{decimals}f}."
        return Verdict("GRIMMER", False, text, tuple(numbers))
    half = _half_unit(sd_decimals)
    lo_sd, hi_sd = max(sd - half, 0.0) / step, (sd + half) / step
    for total in sums:
        lo_q = (n - 1) * lo_sd**2 + total**2 / n
        hi_q = (n - 1) * hi_sd**2 + total**2 / n
        q = _nearest_sum_of_squares(total, (n - 1) * (sd / step) ** 2 + total**2 / n, lo_q, hi_q)
        if q is not None:
            implied = step * math.sqrt(max(q - total**2 / n, 0.0) / (n - 1))
            s_, q_ = round(total * step, 9), round(q * step**2, 9)
            numbers += [("sum", s_), ("sum_of_squares", q_), ("implied_sd", implied)]
            text = (
                f"A mean of {mean:.{decimals}f} and an SD of {sd:.{sd_decimals}f} are possible "
                f"for {n} {scores}: a sum of {s_:.10g} and a sum of squares of {q_:.10g} "
                f"give SD {implied:.{sd_decimals + 3}f}."
            )
            return Verdict("GRIMMER", True, text, tuple(numbers))
    total = sums[0]
    lo_q, hi_q = ((n - 1) * x**2 + total**2 / n for x in (lo_sd, hi_sd))
    counted = "" if step == 1 else f"counted in steps of {step:g}, "
    text = (
        f"No {n} {scores} with a mean of {mean:.{decimals}f} have an SD printing as "
        f"{sd:.{sd_decimals}f}: {counted}with a sum of {total} the sum of squares would have "
        f"to be an {'even' if total % 2 == 0 else 'odd'} whole number between {lo_q:.3f} and "
        f"{hi_q:.3f}, and there is none."
    )
    return Verdict("GRIMMER", False, text, tuple(numbers))


def _nearest_sum_of_squares(total: int, target: float, low: float, high: float) -> int | None:
    """The whole number with the parity of ``total`` in [low, high] nearest ``target``
    (which lies in that range), or None."""
    below = math.floor(target + 1e-9)
    below -= (below - total) % 2
    candidates = [q for q in (below, below + 2) if low - 1e-9 <= q <= high + 1e-9]
    return min(candidates, key=lambda q: abs(q - target)) if candidates else None


def debit(mean: float, sd: float, n: int, decimals: int, sd_decimals: int | None = None) -> Verdict:  # fmt: skip
    """DEBIT: do the mean (a proportion, 0 to 1) and SD of a yes/no variable fit ``n``?

    With ``k`` of ``n`` scoring 1, the sample SD is ``sqrt(k (n - k) / (n (n - 1)))``;
    the printed pair is consistent when some ``k`` gives a mean and an SD that round to
    them. Papers that print the population SD (divisor ``n``) are accepted too, and the
    explanation says which divisor fits.
    """
    if int(n) != n or n < 2:
        raise ValueError(f"n = {n!r} must be a whole number of at least 2 for an SD")
    if not 0 <= mean <= 1:
        raise ValueError(f"the mean of a yes/no variable is a proportion from 0 to 1, not {mean!r}")
    sd_decimals = decimals if sd_decimals is None else sd_decimals
    half = _half_unit(sd_decimals)
    for k in _sums(mean, n, decimals):
        if not 0 <= k <= n:
            continue
        for divisor, label in ((n - 1, "sample"), (n, "population")):
            implied = math.sqrt(k * (n - k) / (n * divisor))
            if abs(implied - sd) <= half + 1e-9:
                text = (
                    f"{k} of {n} give a mean of {k / n:.{decimals + 3}f} and a {label} SD of "
                    f"{implied:.{sd_decimals + 3}f}, which print as printed."
                )
                return Verdict("DEBIT", True, text, (("count", k), ("implied_sd", implied)))
    k = min(range(n + 1), key=lambda c: abs(c / n - mean))
    implied = math.sqrt(k * (n - k) / (n * (n - 1)))
    text = (
        f"No count of {n} gives a mean of {mean:.{decimals}f} with an SD of {sd:.{sd_decimals}f}: "
        f"{k} of {n} (the nearest mean) give an SD of {implied:.{sd_decimals + 3}f}."
    )
    return Verdict("DEBIT", False, text, (("count", k), ("implied_sd", implied)))


def sd_bounds(sd: float, n: int, low: float, high: float, observed: bool = True) -> Verdict:
    """Is a printed SD possible for ``n`` values between ``low`` and ``high``?

    The largest sample SD puts half the values at each end. When ``observed`` (the
    printed range is the smallest and largest value seen), both ends occur, so the SD
    is at least ``(high - low) / sqrt(2 (n - 1))`` (the others at the midpoint).
    """
    if int(n) != n or n < 2:
        raise ValueError(f"n = {n!r} must be a whole number of at least 2")
    if high < low:
        raise ValueError(f"the range {low!r} to {high!r} is reversed; give low then high")
    width = high - low
    k = n // 2
    sd_max = width * math.sqrt(k * (n - k) / (n * (n - 1)))
    sd_min = width / math.sqrt(2 * (n - 1)) if observed else 0.0
    ok = sd_min - 1e-12 <= sd <= sd_max + 1e-12
    where = "possible" if ok else "impossible"
    text = (
        f"An SD of {sd:g} is {where} for {n} values in {low:g} to {high:g}: "
        f"it must lie between {sd_min:.4g} and {sd_max:.4g}."
    )
    numbers = (("sd", sd), ("sd_min", sd_min), ("sd_max", sd_max))
    return Verdict("SD bounds", ok, text, numbers)


def percentage(percent: float, count: int, denominator: int, decimals: int) -> Verdict:
    """Does ``count / denominator`` print as ``percent`` at ``decimals`` places?

    The explanation lists the counts that would give the printed percentage.
    """
    if denominator < 1 or not 0 <= count <= denominator:
        raise ValueError(f"count {count!r} must lie between 0 and the denominator {denominator!r}")
    half = _half_unit(decimals)
    exact = 100.0 * count / denominator
    ok = abs(exact - percent) <= half + 1e-9
    fits = [
        k for k in range(denominator + 1) if abs(100.0 * k / denominator - percent) <= half + 1e-9
    ]
    fits_text = ", ".join(str(k) for k in fits) if fits else "no count"
    text = (
        f"{count}/{denominator} = {exact:.{decimals + 2}f}%, "
        f"{'which prints' if ok else 'which does not print'} as {percent:.{decimals}f}%; "
        f"{fits_text} of {denominator} would."
    )
    numbers = (("exact_percent", exact), *(("fitting_count", float(k)) for k in fits))
    return Verdict("percentage", ok, text, numbers)


def printed_p(
    mean1: float,
    sd1: float,
    n1: int,
    mean2: float,
    sd2: float,
    n2: int,
    p: float,
    decimals: int,
) -> Verdict:
    """Which usual t-test gives a printed p from the printed means, SDs and ns?

    Tries Welch, Student and (when ``n1 == n2``) the paired t-test over every
    correlation in [-1, 1]. A test reproduces ``p`` when its p rounds to it.
    """
    half = _half_unit(decimals)
    welch = two_sample_t(mean1, sd1, n1, mean2, sd2, n2, equal_var=False).p_value
    student = two_sample_t(mean1, sd1, n1, mean2, sd2, n2, equal_var=True).p_value
    numbers: list[tuple[str, float]] = [("welch", welch), ("student", student)]
    matches = [name for name, v in numbers if abs(v - p) <= half]
    parts = [f"Welch p = {welch:.4g}", f"Student p = {student:.4g}"]
    if n1 == n2:
        rng = paired_t_range(mean2, sd2, mean1, sd1, n1)
        numbers += [("paired_min", rng.p_min), ("paired_max", rng.p_max)]
        parts.append(f"paired p = {rng.p_min:.3g} to {rng.p_max:.3g} over correlations -1 to 1")
        if rng.p_min - half <= p <= rng.p_max + half:
            matches.append("paired")
    found = ", ".join(matches) if matches else "none of the t-tests"
    text = f"Printed P = {p:.{decimals}f}: {found} gives it ({'; '.join(parts)})."
    numbers_ = (("printed_p", p), *numbers)
    return Verdict("printed p", bool(matches), text, numbers_, matches=tuple(matches))


def implied_baseline(
    mean_reduction: float, mean_after: float, scale: Sequence[float] | None = None
) -> Verdict:
    """The mean baseline fixed by a printed mean reduction and mean post score.

    Over the same patients, mean before = mean after + mean reduction. Outside the
    scale it is impossible (``consistent`` False); at the scale maximum every patient
    must have scored the maximum before, which is possible but rarely true: ``flags``
    is then ``("ceiling",)`` (``("floor",)`` at the minimum), with ``consistent`` True.
    """
    before = mean_after + mean_reduction
    numbers: tuple[tuple[str, float], ...] = (("implied_mean_before", before),)
    if scale is None:
        return Verdict(
            "implied means",
            True,
            f"The printed figures imply a mean baseline of {before:g}.",
            numbers,
        )
    lo, hi = float(min(scale)), float(max(scale))
    flags: tuple[str, ...] = ()
    if before > hi + 1e-9 or before < lo - 1e-9:
        ok, note = False, f"outside the scale {lo:g} to {hi:g}"
    elif math.isclose(before, hi):
        ok, note = True, f"the scale maximum: every patient must have scored {hi:g} before"
        flags = ("ceiling",)
    elif math.isclose(before, lo, abs_tol=1e-9):
        ok, note = True, f"the scale minimum: every patient must have scored {lo:g} before"
        flags = ("floor",)
    else:
        ok, note = True, f"within the scale {lo:g} to {hi:g}"
    text = f"The printed figures imply a mean baseline of {before:g}, {note}."
    return Verdict("implied means", ok, text, numbers, flags=flags)
