"""The cohort description table (Table 1 style)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.formatting import (
    DEFAULT,
    FormatConfig,
    count_percent,
    mean_sd,
    median_iqr,
    value_range,
)
from analysis.safety import neutralize_frame
from analysis.stats import CohortSummary

LABELS = {
    "sex": "Sex",
    "etiology": "Fracture etiology",
    "steroid_use": "Chronic steroid use",
    "technique": "Technique (index vertebrae)",
    "cement_type": "Cement (index vertebrae)",
    "any_leakage": "Any cement leakage (index vertebrae)",
    "age_years": "Age, years",
    "bmd_t_score": "BMD T-score",
    "levels_per_index_procedure": "Levels per index procedure",
    "cement_volume_ml_initial": "Cement volume per vertebra, mL (initial)",
    "followup_days": "Follow-up, days",
}


def cohort_table(summary: CohortSummary, cfg: FormatConfig = DEFAULT) -> pd.DataFrame:
    """Display frame: characteristic, statistic, value (formatted), n."""
    rows = [
        {
            "characteristic": "Patients",
            "statistic": "n",
            "value": str(summary.n_patients),
            "n": summary.n_patients,
        },
        {
            "characteristic": "Procedures (sessions)",
            "statistic": "n",
            "value": str(summary.n_procedures),
            "n": summary.n_procedures,
        },
        {
            "characteristic": "Treated vertebrae",
            "statistic": "n",
            "value": str(summary.n_vertebrae),
            "n": summary.n_vertebrae,
        },
    ]
    for c in summary.continuous:
        label = LABELS.get(c.variable, c.variable)
        rows.append(
            {
                "characteristic": label,
                "statistic": "mean (SD)",
                "value": mean_sd(c.mean, c.sd, cfg),
                "n": c.n,
            }
        )
        rows.append(
            {
                "characteristic": label,
                "statistic": "median (IQR)",
                "value": median_iqr(c.median, c.q1, c.q3, cfg),
                "n": c.n,
            }
        )
        rows.append(
            {
                "characteristic": label,
                "statistic": "range",
                "value": value_range(c.minimum, c.maximum, cfg=cfg),
                "n": c.n,
            }
        )
    for r in summary.categorical:
        label = LABELS.get(r.variable, r.variable)
        rows.append(
            {
                "characteristic": f"{label}: {r.level}",
                "statistic": "n (%)",
                "value": count_percent(r.count, r.n, cfg),
                "n": r.n,
            }
        )
    return pd.DataFrame(rows, columns=["characteristic", "statistic", "value", "n"])


def to_markdown(frame: pd.DataFrame) -> str:
    """A display table as a Markdown pipe table."""
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    sep = "| " + " | ".join("---" for _ in frame.columns) + " |"
    body = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, sep, *body]) + "\n"


def write_table(frame: pd.DataFrame, stem: Path) -> list[Path]:
    """Write a display table as CSV and Markdown next to each other."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    csv_path, md_path = stem.with_suffix(".csv"), stem.with_suffix(".md")
    neutralize_frame(frame).to_csv(csv_path, index=False)
    md_path.write_text(to_markdown(frame), encoding="utf-8")
    return [csv_path, md_path]
