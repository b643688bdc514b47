"""A cell of volumes joined by bare commas where a point marks the decimals (``1.8,4.4,4.3``
beside ``T12,L1,L2``), or with more commas than one decimal comma (``3,4,5``): one volume
per level in order; a lone ``2,5`` stays a decimal comma. The header ``Cement vol per
level (mL)`` is the vertebra's volume. Cebuano words beside English: ``wala niabot`` (a
missed visit), ``patay`` (died) in a visit's cell, ``Oo``/``Dili`` (yes/no)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import parse_volumes


@pytest.mark.parametrize(
    ("cell", "volumes"),
    [
        ("1.8,4.4,4.3", (1.8, 4.4, 4.3)),
        ("4.7,4,5", (4.7, 4.0, 5.0)),
        ("3,2.7", (3.0, 2.7)),
        ("3,4,5", (3.0, 4.0, 5.0)),
        ("2,5", None),
        ("3.5", None),
    ],
)
def test_bare_commas_between_point_decimals(cell: str, volumes: tuple[float, ...] | None) -> None:
    assert parse_volumes(cell) == volumes


CSV = """Study No,Sex,Age,Date of Procedure,Level(s),Cement vol per level (mL),VAS Pre,VAS 24hr,VAS 3mos,Namatay? (Oo/Dili)
D-01,F,70,2022-03-01,"T12,L1,L2","1.8,4.4,4.3",8,4,wala niabot,Dili
D-02,M,75,2022-04-05,L1,3.5,9,5,patay,Oo
D-03,F,66,2022-05-09,"T11,T12","3,2.7",7,3,2,Dili
"""


def test_a_csv_of_volumes_per_level_and_cebuano_words(tmp_path: Path) -> None:
    path = tmp_path / "input.csv"
    path.write_text(CSV, encoding="utf-8")
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures
    got = dict(zip(zip(procs["patient_id"], procs["level"], strict=True), procs["cement_volume_ml"], strict=True))  # fmt: skip
    assert got == {
        ("D-01", "T12"): 1.8,
        ("D-01", "L1"): 4.4,
        ("D-01", "L2"): 4.3,
        ("D-02", "L1"): 3.5,
        ("D-03", "T11"): 3.0,
        ("D-03", "T12"): 2.7,
    }
    assert result.cohort.patients.set_index("patient_id")["died"].to_dict() == {
        "D-01": False,
        "D-02": True,
        "D-03": False,
    }
    pain = result.cohort.assessments.query("measure == 'pain_vas' and timepoint == '3m'")
    assert dict(zip(pain["patient_id"], pain["value"], strict=True)) == {"D-03": 2.0}
