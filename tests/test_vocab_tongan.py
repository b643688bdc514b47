"""Tongan headers and words beside English (a unit in Tonga): the sex under
``Tangata/Fefine`` (tangata, fefine), the age under ``Ta'u``, the date of birth under
``'Aho fā'ele'i`` kept as an identifier, leakage ``'ikai``, died ``'io``/``'ikai``, pain
(``mamahi``) before (``kimu'a``) and ``uike 2``/``mahina 3`` after, and a missed visit
``na'e 'ikai ha'u``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook

ROWS = [
    [
        "ID",
        "Hingoa (Name)",
        "Tangata/Fefine",
        "Ta'u (Age)",
        "'Aho fā'ele'i (DOB)",
        "'Aho tafa",
        "Level",
        "Mafola sima? (leak)",
        "Mamahi kimu'a",
        "Mamahi uike 2",
        "Mamahi mahina 3",
        "Pekia? (died)",
    ],
    [
        "T01",
        "Siaosi Latu",
        "tangata",
        78,
        "08/11/1942",
        date(2021, 6, 8),
        "L2",
        "'ikai",
        9,
        4,
        "na'e 'ikai ha'u",
        "'ikai",
    ],
    [
        "T02",
        "Vika Kioa",
        "fefine",
        79,
        "15/02/1942",
        date(2021, 11, 19),
        "L1",
        "'ikai",
        10,
        4,
        2,
        "'io",
    ],
]


def test_a_tongan_register(tmp_path: Path) -> None:
    result = load_cohort(_workbook(tmp_path / "lisi.xlsx", {"Lisi": ROWS}))
    assert not result.errors
    pat = result.cohort.patients.set_index("patient_id")
    assert pat["sex"].to_dict() == {"T01": "male", "T02": "female"}
    assert pat["age_years"].to_dict() == {"T01": 78, "T02": 79}
    assert pat["died"].to_dict() == {"T01": False, "T02": True}
    assert result.cohort.procedures["leakage"].tolist() == ["none", "none"]
    pain = result.cohort.assessments.query("measure == 'pain_vas'")
    got = {(p, t): v for p, t, v in zip(pain["patient_id"], pain["timepoint"], pain["value"], strict=True)}  # fmt: skip
    assert got == {
        ("T01", "pre"): 9.0,
        ("T01", "2w"): 4.0,
        ("T02", "pre"): 10.0,
        ("T02", "2w"): 4.0,
        ("T02", "3m"): 2.0,
    }
    shown = result.cohort.patients.to_csv() + "".join(str(p) for p in result.problems)
    assert "Siaosi" not in shown and "1942" not in shown
