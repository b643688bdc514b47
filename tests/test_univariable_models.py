"""The regression table's univariable Cox models: those of fracture_risk_model, without
the concordance and proportional-hazards test the table does not print."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from analysis.report.publication import univariable_models
from analysis.stats import fracture_risk_model, time_to_fracture
from analysis.synth import synthesize
from analysis.tables import regression_table
from analysis.tables.survival_tables import covariates_of


def test_univariable_models_give_the_same_table() -> None:
    cohort = synthesize(400, seed=20261121)
    pts = cohort.patients.copy()
    pts.loc[pts.index[::7], "bmd_t_score"] = np.nan  # some patients left out of one model
    cohort = dataclasses.replace(cohort, patients=pts)
    multi = fracture_risk_model(cohort)
    full = [fracture_risk_model(cohort, (c,)) for c in covariates_of(multi)]
    lean = univariable_models(time_to_fracture(cohort), covariates_of(multi), 0.05)
    for f, m in zip(full, lean, strict=True):
        assert np.isnan(m.concordance) and m.ph_test.empty
        assert not np.isnan(f.concordance) and not f.ph_test.empty
        same = {k for k in f.__dataclass_fields__ if k not in {"concordance", "concordance_se", "ph_test"}}  # fmt: skip
        for k in same:
            got, expected = getattr(m, k), getattr(f, k)
            if isinstance(expected, pd.DataFrame):
                pd.testing.assert_frame_equal(got, expected)
            else:
                assert got == expected or (got != got and expected != expected), k  # NaN
    a, b = regression_table(multi, full), regression_table(multi, lean)
    assert (a.rows, a.columns, a.footnotes, a.title) == (b.rows, b.columns, b.footnotes, b.title)
