"""What a regression table prints beside a model's terms: subjects and events per level
of each categorical or yes/no covariate (shared by the Cox and logistic models)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def _zero_one(col: pd.Series) -> bool:
    """Whether every recorded value is 0 or 1 (a yes/no covariate coded as numbers)."""
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        v = col.to_numpy(dtype=float, na_value=np.nan)
        v = v[~np.isnan(v)]
        return bool(np.all((v == 0.0) | (v == 1.0)))
    return bool(pd.to_numeric(col.dropna(), errors="coerce").isin([0, 1]).all())


def _as_text(col: pd.Series) -> pd.Series:
    """``col.astype(str)``, each distinct value converted once."""
    if col.isna().any():
        return col.astype(str)
    codes, distinct = pd.factorize(col)
    names = pd.Series(distinct).astype(str).to_numpy(dtype=object)
    return pd.Series(names[codes], index=col.index)


def level_counts(used: pd.DataFrame, covariates: Sequence[str], event: str) -> pd.DataFrame:
    """Subjects and events per level of each categorical or yes/no covariate.

    ``used`` holds the rows the model used; ``event`` is its 0/1 (or boolean) outcome.
    Numeric covariates get no rows. Columns: covariate, level, n_subjects, n_events.
    """
    rows = []
    ev = used[event].astype(float) > 0
    for c in covariates:
        col = used[c]
        categorical = (
            isinstance(col.dtype, pd.CategoricalDtype)
            or col.dtype == object
            or str(col.dtype) in ("string", "boolean", "bool")
            or _zero_one(col)
        )
        if not categorical:
            continue
        label = _as_text(col)
        tally = ev.groupby(label, sort=True).agg(["size", "sum"])
        for level, (n, events) in tally.iterrows():
            rows.append({"covariate": c, "level": str(level), "n_subjects": int(n), "n_events": int(events)})  # fmt: skip
    return pd.DataFrame(rows, columns=["covariate", "level", "n_subjects", "n_events"])
