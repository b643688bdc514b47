from __future__ import annotations

from pathlib import Path

import pytest

from analysis.schema import Cohort
from analysis.synth import synthesize

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def small_cohort() -> Cohort:
    return synthesize(60, seed=20261121)


@pytest.fixture(scope="session")
def demo_workbook() -> Path:
    return ROOT / "analysis" / "data" / "demo_registry.xlsx"
