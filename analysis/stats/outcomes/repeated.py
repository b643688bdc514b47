"""Repeated-measures ANOVA of a score over time points, with sphericity corrections and
paired post-hoc comparisons, as papers in this field print them.

The F test is the within-subject test of ``aov(value ~ time + Error(id / time))`` on the
patients with every time point. Sphericity is not assumed: the Greenhouse-Geisser
epsilon is (tr M)^2 / ((k - 1) tr M^2) with M the covariance of orthonormal contrasts, and
the Huynh-Feldt epsilon follows R's ``anova.mlm``
(((n - 1 + 1) p e - 2) / (p (n - 1 - p e)), at most 1, p = k - 1); each scales both
degrees of freedom. Post-hoc comparisons are paired t-tests of every pair of time points
with Holm and Bonferroni adjustment (R's ``pairwise.t.test(paired = TRUE)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from analysis.stats.display import Displayed
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.timecourse import holm
from analysis.stats.results import NAN, Estimate, FTest, Tests, Tidy


@dataclass(frozen=True, repr=False)
class RepeatedMeasures(Displayed, Tidy):
    """The within-subject F test, uncorrected and corrected, and the post-hoc pairs.

    ``tests`` holds ``uncorrected``, ``greenhouse_geisser`` and ``huynh_feldt``, each an
    :class:`~analysis.stats.results.FTest` (``df`` the numerator df and
    ``df_denominator`` the denominator df, both scaled by the epsilon); ``posthoc`` one
    row per pair of time points with ``mean_difference`` (second minus first),
    ``statistic``, ``p_value``, ``p_holm`` and ``p_bonferroni``. ``epsilon_hf`` is capped
    at 1 as R applies it; ``epsilon_hf_uncapped`` is the value R prints.
    """

    timepoints: tuple[str, ...]
    tests: Tests
    epsilon_gg: float
    epsilon_hf: float
    n_used: int
    n_excluded: int
    posthoc: pd.DataFrame
    epsilon_hf_uncapped: float = NAN

    def to_frame(self) -> pd.DataFrame:
        """The three F tests, one row each, with ``df_denominator`` and the epsilon."""
        frame = self.tests.frame({"timepoints": ", ".join(self.timepoints)})
        frame["df_denominator"] = [getattr(t, "df_denominator", NAN) for t in self.tests.values()]
        frame["epsilon"] = [1.0, self.epsilon_gg, self.epsilon_hf]
        return frame

    def _glance(self) -> dict[str, object]:
        """The time points, n used and excluded, the epsilons and each F test's
        denominator df (``df_denominator_<test>``; the numerator's is ``df`` in tidy)."""
        return {
            "timepoints": ", ".join(self.timepoints),
            **super()._glance(),
            **{
                f"df_denominator_{k}": getattr(t, "df_denominator", NAN)
                for k, t in self.tests.items()
            },
        }


def rm_anova(
    wide: pd.DataFrame, alpha: float = 0.05, *, conf_level: float = 0.95
) -> RepeatedMeasures:
    """Repeated-measures ANOVA of a subjects x time points frame (see module docstring).

    Subjects missing any time point are excluded and counted.

    The F tests have no interval: ``alpha`` and ``conf_level`` (default 0.95) are taken
    so every function reads alike, checked (:func:`~analysis.stats.levels.confidence_alpha`) and not used.
    """
    confidence_alpha(alpha, conf_level)
    cols = list(wide.columns)
    if len(cols) < 2:
        raise ValueError("a repeated-measures ANOVA needs at least two time points")
    data = wide.apply(pd.to_numeric, errors="coerce").astype(float)
    complete = data.dropna()
    n, k = len(complete), len(cols)
    if n < 3:
        raise ValueError(
            f"a repeated-measures ANOVA needs at least 3 patients with every time point (got {n})"
        )
    y = complete.to_numpy()
    grand = y.mean()
    ss_time = n * ((y.mean(axis=0) - grand) ** 2).sum()
    ss_subject = k * ((y.mean(axis=1) - grand) ** 2).sum()
    ss_error = ((y - grand) ** 2).sum() - ss_time - ss_subject
    df1, df2 = k - 1, (k - 1) * (n - 1)
    f = (ss_time / df1) / (ss_error / df2)
    contrasts = np.linalg.qr(np.column_stack([np.ones(k), np.eye(k)[:, : k - 1]]))[0][:, 1:]
    m = contrasts.T @ np.cov(y, rowvar=False) @ contrasts
    gg = float(np.trace(m) ** 2 / (df1 * np.trace(m @ m)))
    rdf = n - 1
    hf_uncapped = ((rdf + 1) * df1 * gg - 2) / (df1 * (rdf - df1 * gg))
    hf = min(1.0, hf_uncapped)

    def test(name: str, eps: float) -> tuple[str, Estimate]:
        p = float(stats.f.sf(f, eps * df1, eps * df2))
        method = f"Repeated-measures ANOVA, {name}" + (f" (epsilon {eps:.4f})" if eps < 1 else "")
        return name.lower().replace("-", "_").replace(" ", "_"), FTest(
            "time_effect", NAN, NAN, NAN, NAN, method, n, len(data) - n, float(f), eps * df1, p,
            df_denominator=float(eps * df2),
        )  # fmt: skip

    tests = Tests(
        (test("uncorrected", 1.0), test("Greenhouse-Geisser", gg), test("Huynh-Feldt", hf))
    )
    rows = []
    for i, j in combinations(range(k), 2):
        d = y[:, j] - y[:, i]
        t = stats.ttest_1samp(d, 0.0)
        rows.append({"pair": f"{cols[i]} vs {cols[j]}", "mean_difference": float(d.mean()),
                     "statistic": float(t.statistic), "df": float(n - 1), "p_value": float(t.pvalue)})  # fmt: skip
    post = pd.DataFrame(rows)
    post["p_holm"] = holm(post["p_value"].tolist())
    post["p_bonferroni"] = np.minimum(1.0, post["p_value"] * len(post))
    return RepeatedMeasures(
        tuple(str(c) for c in cols), tests, gg, hf, n, len(data) - n, post, float(hf_uncapped)
    )
