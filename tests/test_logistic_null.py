"""The logistic regression's likelihood-ratio test is against the intercept-only model
at its exact maximum (the share of events), as R's glm null deviance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats.outcomes.cement import logistic_model


def test_likelihood_ratio_against_the_closed_form_null_model() -> None:
    rng = np.random.default_rng(11)
    n = 4000
    x = rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.3 + 0.02 * x)))).astype(float)
    model = logistic_model(pd.DataFrame({"y": y, "x": x}), "y", ["x"])
    events = float(y.sum())
    null = events * np.log(events / n) + (n - events) * np.log((n - events) / n)
    assert model.likelihood_ratio == 2 * (model.log_likelihood - null)  # exactly
    # the null model's own fit by statsmodels reaches no higher a likelihood
    import statsmodels.api as sm

    fitted = sm.Logit(y, np.ones(n)).fit(disp=0, method="newton", tol=1e-14)
    assert fitted.llf == pytest.approx(null, rel=1e-13)
    assert model.tests["likelihood_ratio"].df == 1.0
