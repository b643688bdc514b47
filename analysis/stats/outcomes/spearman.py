"""Spearman's rank correlation test as R's ``cor.test(method = "spearman")`` computes it:
the statistic S = (n^3 - n)(1 - rho) / 6 and its p-value, exact by algorithm AS 89
(Best and Roberts 1975, R's ``prho``: every permutation counted up to n = 9, an Edgeworth
series above) for n < 1290 without ties, otherwise the t approximation."""

from __future__ import annotations

import math
from itertools import permutations

import numpy as np
from scipy import stats

# AS 89's Edgeworth coefficients
_C = (0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4)  # fmt: skip
_ENUMERATED = 9  # up to this n every permutation is counted (R's n_small)
EXACT_LIMIT = 1290  # R's default: exact below this n


def _sums_of_squares(n: int) -> np.ndarray:
    """sum (i - pi(i))^2 over every permutation pi of n items."""
    perms = np.array(list(permutations(range(n))), dtype=np.int64)
    return ((perms - np.arange(n)) ** 2).sum(axis=1)


def prho(n: int, s: float, lower_tail: bool) -> float:
    """P(S >= s), or P(S < s) when ``lower_tail``, under independence (AS 89, as R)."""
    pv = 0.0 if lower_tail else 1.0
    if n <= 1 or s <= 0:
        return pv
    n3 = n * (n * n - 1) / 3  # the largest S
    if s > n3:
        return 1 - pv
    if n <= _ENUMERATED:
        total = math.factorial(n)
        upper = 1 if s == n3 else int((_sums_of_squares(n) >= s).sum())
        return (total - upper if lower_tail else upper) / total
    b = 1 / n
    x = (6 * (s - 1) * b / (n * n - 1) - 1) * math.sqrt(n - 1)
    y = x * x
    c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12 = _C
    u = x * b * (c1 + b * (c2 + c3 * b) + y * (-c4 + b * (c5 + c6 * b) - y * b * (c7 + c8 * b - y * (c9 - c10 * b + y * b * (c11 - c12 * y)))))  # fmt: skip
    y = u / math.exp(y / 2)
    tail = float(stats.norm.cdf(x) if lower_tail else stats.norm.sf(x))
    return min(1.0, max(0.0, (-y if lower_tail else y) + tail))


def spearman_p(rho: float, n: int, exact: bool) -> tuple[float, float]:
    """S and the two-sided p-value of ``cor.test(method = "spearman", exact = exact)``
    (``exact`` already resolved; R uses AS 89 only up to n = 1290)."""
    q = (n**3 - n) * (1 - rho) / 6
    lower = q <= (n**3 - n) / 6
    if exact and n <= EXACT_LIMIT:
        p = prho(n, round(q) + 2 * lower, lower)
    elif abs(rho) >= 1:
        p = 0.0
    else:
        t = rho / math.sqrt((1 - rho * rho) / (n - 2))
        p = float(stats.t.sf(abs(t), n - 2))
    return float(q), min(2 * p, 1.0)
