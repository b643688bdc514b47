"""GEE with an exchangeable working correlation within clusters, in O(n) per step.

With ``R_i = (1 - a) I + a J`` for a cluster of ``n_i`` rows, ``R_i^-1`` has a closed form,
so the estimating equations, the moment estimates of scale and correlation and the
robust (sandwich) covariance are all sums over rows plus per-cluster sums
(``np.bincount``). Gaussian (identity link), binomial (logit link) and poisson (log link)
families, on Pearson-scaled rows, as ``geepack::geeglm(corstr = "exchangeable")``: scale
and correlation by moments without a degrees-of-freedom correction; the naive covariance
is the scale times the inverse of the model-based information (geepack's
``vbeta.naiv``). Tested against geepack.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FloatArray = np.ndarray


@dataclass(frozen=True)
class GeeFit:
    """Coefficients, their robust covariance, the working correlation and the scale;
    ``naive_covariance`` is the model-based one (working correlation taken as true)."""

    coef: FloatArray
    covariance: FloatArray
    correlation: float
    scale: float
    iterations: int
    naive_covariance: FloatArray


FAMILIES = ("gaussian", "binomial", "poisson")


def _sums(codes: np.ndarray, values: FloatArray, g: int) -> FloatArray:
    if values.ndim == 1:
        return np.bincount(codes, weights=values, minlength=g)
    return np.column_stack([np.bincount(codes, weights=values[:, k], minlength=g) for k in range(values.shape[1])])  # fmt: skip


def _mean_and_weight(family: str, eta: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The mean and sqrt(variance) (= d mu / d eta / sqrt(variance) for canonical links)."""
    if family == "poisson":
        mu = np.exp(eta)
        return mu, np.sqrt(mu)
    mu = 1.0 / (1.0 + np.exp(-eta))
    return mu, np.sqrt(mu * (1.0 - mu))


def _deviance(family: str, y: FloatArray, mu: FloatArray) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        if family == "poisson":
            part = np.where(y > 0, y * np.log(y / mu), 0.0) - (y - mu)
        else:
            part = np.where(y > 0, y * np.log(y / mu), 0.0) + np.where(
                y < 1, (1 - y) * np.log((1 - y) / (1 - mu)), 0.0
            )
    return float(2 * part.sum())


def glm_start(y: FloatArray, x: FloatArray, family: str, max_iter: int = 25) -> FloatArray:
    """Independence (GLM) coefficients as R's ``glm.fit`` finds them: the same starting
    means (``(y + 0.5) / 2`` binomial, ``y + 0.1`` poisson), iteratively reweighted least
    squares, stopping when the deviance changes by less than 1e-8 relative."""
    if family == "gaussian":
        return np.linalg.lstsq(x, y, rcond=None)[0]
    mu = (y + 0.5) / 2 if family == "binomial" else y + 0.1
    eta = np.log(mu / (1 - mu)) if family == "binomial" else np.log(mu)
    dev_old = _deviance(family, y, mu)
    beta = np.zeros(x.shape[1])
    for _ in range(max_iter):
        w = mu * (1 - mu) if family == "binomial" else mu  # (d mu / d eta)^2 / variance
        z = eta + (y - mu) / w
        root = np.sqrt(w)
        beta = np.linalg.lstsq(x * root[:, None], z * root, rcond=None)[0]
        eta = x @ beta
        mu = _mean_and_weight(family, eta)[0]
        dev = _deviance(family, y, mu)
        if abs(dev - dev_old) / (abs(dev) + 0.1) < 1e-8:
            break
        dev_old = dev
    return beta


def fit_gee_exchangeable(
    y: FloatArray,
    x: FloatArray,
    codes: np.ndarray,
    family: str = "gaussian",
    max_iter: int = 100,
    epsilon: float | None = None,
) -> GeeFit:
    """Fit ``E[y] = link^-1(x b)`` by GEE; ``codes`` numbers the clusters 0..G-1.

    ``epsilon=None`` iterates from zero until the coefficients stop changing (relative
    1e-10). A number follows geepack's schedule instead (``geese.control(epsilon)``):
    start from the GLM fit (:func:`glm_start`) with correlation 0; each iteration takes
    one scoring step of the coefficients, then the scale and the correlation at the new
    coefficients, and stops when none of them changed by more than ``epsilon`` (geepack's
    default 1e-4, at most ``max_iter`` iterations, geepack's 25), so the values equal
    ``geeglm``'s as printed, not only at full convergence.

    Raises
    ------
    ValueError
        When the iterations do not converge or the design is singular.
    """
    if family not in FAMILIES:
        raise ValueError(f"family {family!r}: gaussian, binomial or poisson")
    n, p = x.shape
    g = int(codes.max()) + 1
    n_i = np.bincount(codes, minlength=g).astype(float)
    pairs = float((n_i * (n_i - 1) / 2).sum())

    def state(beta: FloatArray) -> tuple[FloatArray, FloatArray]:
        eta = x @ beta
        if family == "gaussian":
            return x, y - eta
        mu, w = _mean_and_weight(family, eta)
        return x * w[:, None], (y - mu) / w

    def parts(xt: FloatArray, e: FloatArray, corr: float) -> tuple[FloatArray, FloatArray, FloatArray]:  # fmt: skip
        c = corr / (1.0 - corr + n_i * corr)
        sx, se = _sums(codes, xt, g), _sums(codes, e, g)
        bread = (xt.T @ xt - (sx * c[:, None]).T @ sx) / (1.0 - corr)
        per_cluster = (_sums(codes, xt * e[:, None], g) - sx * (c * se)[:, None]) / (1.0 - corr)
        return bread, per_cluster.sum(0), per_cluster

    def moments(e: FloatArray) -> tuple[float, float]:
        """Scale and working correlation by moments (no degrees-of-freedom correction)."""
        scale = float(e @ e) / n
        se = _sums(codes, e, g)
        between = float(((se**2 - _sums(codes, e**2, g)) / 2).sum())
        corr = between / (scale * pairs) if pairs and scale > 0 else 0.0
        return scale, min(max(corr, -1.0 / (n_i.max() - 1) + 1e-9 if n_i.max() > 1 else 0.0), 1.0 - 1e-9)  # fmt: skip

    if epsilon is None:
        beta, corr, iterations = np.zeros(p), 0.0, 0
        for iteration in range(1, max_iter + 1):
            iterations = iteration
            xt, e = state(beta)
            corr = moments(e)[1]
            bread, score, _ = parts(xt, e, corr)
            step = np.linalg.solve(bread, score)
            beta = beta + step
            if np.max(np.abs(step)) < 1e-10 * (1.0 + np.max(np.abs(beta))):
                break
        else:
            raise ValueError("the GEE did not converge")
    else:
        beta = glm_start(y, x, family)
        corr, scale = 0.0, float(np.mean(state(beta)[1] ** 2))
        for iterations in range(1, max_iter + 1):  # noqa: B007 (the count is reported)
            xt, e = state(beta)
            bread, score, _ = parts(xt, e, corr)
            step = np.linalg.solve(bread, score)
            beta = beta + step
            new_scale, new_corr = moments(state(beta)[1])
            change = max(np.max(np.abs(step)), abs(new_scale - scale), abs(new_corr - corr))
            scale, corr = new_scale, new_corr
            if change <= epsilon:
                break
        else:
            raise ValueError("the GEE did not converge")
    xt, e = state(beta)
    bread, _, per_cluster = parts(xt, e, corr)
    inv = np.linalg.inv(bread)
    scale = float(e @ e) / n
    robust = inv @ (per_cluster.T @ per_cluster) @ inv
    return GeeFit(beta, robust, corr, scale, iterations, scale * inv)
