"""GEE with an exchangeable working correlation within clusters, in O(n) per step.

With ``R_i = (1 - a) I + a J`` for a cluster of ``n_i`` rows, ``R_i^-1`` has a closed form,
so the estimating equations, the moment estimates of scale and correlation and the
robust (sandwich) covariance are all sums over rows plus per-cluster sums
(``np.bincount``). Gaussian (identity link) and binomial (logit link) families, on
Pearson-scaled rows, as ``geepack::geeglm(corstr = "exchangeable")``: scale and
correlation by moments without a degrees-of-freedom correction (tested against geepack).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FloatArray = np.ndarray


@dataclass(frozen=True)
class GeeFit:
    """Coefficients, their robust covariance, the working correlation and the scale."""

    coef: FloatArray
    covariance: FloatArray
    correlation: float
    scale: float
    iterations: int


def _sums(codes: np.ndarray, values: FloatArray, g: int) -> FloatArray:
    if values.ndim == 1:
        return np.bincount(codes, weights=values, minlength=g)
    return np.column_stack([np.bincount(codes, weights=values[:, k], minlength=g) for k in range(values.shape[1])])  # fmt: skip


def fit_gee_exchangeable(
    y: FloatArray, x: FloatArray, codes: np.ndarray, family: str = "gaussian", max_iter: int = 100
) -> GeeFit:
    """Fit ``E[y] = link^-1(x b)`` by GEE; ``codes`` numbers the clusters 0..G-1.

    Raises
    ------
    ValueError
        When the iterations do not converge or the design is singular.
    """
    if family not in ("gaussian", "binomial"):
        raise ValueError(f"family {family!r}: gaussian or binomial")
    n, p = x.shape
    g = int(codes.max()) + 1
    n_i = np.bincount(codes, minlength=g).astype(float)
    pairs = float((n_i * (n_i - 1) / 2).sum())
    beta = np.zeros(p)
    corr = 0.0

    def state(beta: FloatArray) -> tuple[FloatArray, FloatArray]:
        eta = x @ beta
        if family == "gaussian":
            return x, y - eta
        mu = 1.0 / (1.0 + np.exp(-eta))
        w = np.sqrt(mu * (1.0 - mu))
        return x * w[:, None], (y - mu) / w

    def parts(xt: FloatArray, e: FloatArray, corr: float) -> tuple[FloatArray, FloatArray, FloatArray]:  # fmt: skip
        c = corr / (1.0 - corr + n_i * corr)
        sx, se = _sums(codes, xt, g), _sums(codes, e, g)
        bread = (xt.T @ xt - (sx * c[:, None]).T @ sx) / (1.0 - corr)
        per_cluster = (_sums(codes, xt * e[:, None], g) - sx * (c * se)[:, None]) / (1.0 - corr)
        return bread, per_cluster.sum(0), per_cluster

    iterations = 0
    for iteration in range(1, max_iter + 1):
        iterations = iteration
        xt, e = state(beta)
        scale = float(e @ e) / n
        se = _sums(codes, e, g)
        between = float(((se**2 - _sums(codes, e**2, g)) / 2).sum())
        corr = between / (scale * pairs) if pairs and scale > 0 else 0.0
        corr = min(max(corr, -1.0 / (n_i.max() - 1) + 1e-9 if n_i.max() > 1 else 0.0), 1.0 - 1e-9)
        bread, score, _ = parts(xt, e, corr)
        step = np.linalg.solve(bread, score)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-10 * (1.0 + np.max(np.abs(beta))):
            break
    else:
        raise ValueError("the GEE did not converge")
    xt, e = state(beta)
    bread, _, per_cluster = parts(xt, e, corr)
    inv = np.linalg.inv(bread)
    return GeeFit(
        beta, inv @ (per_cluster.T @ per_cluster) @ inv, corr, float(e @ e) / n, iterations
    )
