"""Missing data: how much is missing and where, multiple imputation by chained equations,
and Rubin's rules pooling of the analyses of the completed data sets.

A typical run::

    from analysis import stats

    stats.missing_values(frame, by="technique").table      # per variable and group
    stats.missing_patterns(frame).to_frame()               # as mice::md.pattern
    stats.missingness_model(frame, "bmd_t", ["age_years", "sex"])

    imp = stats.impute(frame, m=20, seed=20261121, time="days", event="fracture",
                       passive={"pain_change": ("pain_1m", "pain_pre")})
    fits = [stats.cox_ph(f, "days", "fracture", ["age_years", "bmd_t"]) for f in imp]
    pooled = stats.pool(fits)                              # as mice::pool + summary
    stats.complete_case_comparison(stats.cox_ph(frame, "days", "fracture",
                                                ["age_years", "bmd_t"]), pooled)

Modules: :mod:`describe` (missing values, patterns, predictors of missingness),
:mod:`impute` (chained equations) with :mod:`draws` (its univariate models), :mod:`pool`
(Rubin's rules for model terms and estimates) and :mod:`pool_curves` (Kaplan-Meier
survival and proportions on transformed scales).
"""
