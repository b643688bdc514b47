"""Statistics: pure functions from a cohort or DataFrame to frozen result objects."""

from analysis.stats.describe import CohortSummary, describe_cohort

__all__ = ["CohortSummary", "describe_cohort"]
