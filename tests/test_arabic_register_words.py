"""Arabic as an Omani register writes it: leaks level by level apart by the Arabic
semicolon (``T10: تسرب جانب الفقرة؛ T11: تسرب وريدي``), multiple myeloma and Kümmell's
disease as causes, alive and died with its date as the patient's status."""

from __future__ import annotations

import pytest

from analysis.normalize.cells import CellError, parse_cell
from analysis.normalize.deaths import names_death, says_alive
from analysis.normalize.leakage_levels import sites_by_level
from analysis.spec import load_spec


def test_leaks_level_by_level_apart_by_the_arabic_semicolon():
    leakage = load_spec().column("procedures", "leakage")
    assert sites_by_level("T10: تسرب جانب الفقرة؛ T11: تسرب وريدي", leakage) == (
        ("T10", "paravertebral"),
        ("T11", "venous"),
    )
    assert sites_by_level("T11: تسرب إلى القرص", leakage) == (("T11", "disc"),)


@pytest.mark.parametrize(
    ("cell", "cause"),
    [("ورم نقيي متعدد", "pathologic"), ("مرض كوميل (نخر عظمي)", "other")],
)
def test_causes(cell, cause):
    assert parse_cell(cell, load_spec().column("patients", "etiology")) == cause


def test_alive_and_died_with_its_date():
    died = load_spec().column("patients", "died")
    assert parse_cell("على قيد الحياة", died) is False and says_alive("على قيد الحياة")
    assert parse_cell("توفي", died) is True and names_death("توفي 01/12/2020")
    with pytest.raises(CellError, match="not a yes/no value"):
        parse_cell("قيد", died)
