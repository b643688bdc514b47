"""A new-fracture column holding "no" on most rows and a level with its date on one or two
(``none``, ``T8 (26/12/2021)``) is read as the fractures' level and date, not dismissed as
a yes/no flag; a column of "no" and "yes" only (even written in two languages, ``Na / No``,
``Do / Yes``) stays a flag, with a warning."""

from __future__ import annotations

from pathlib import Path

from analysis.load import inspect_input, load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

HEADER = ["Study ID", "Sex", "Age", "Date of procedure", "Level", "VAS pre", "New fracture"]


def _rows(fractures: dict[int, str], no: str = "none") -> list[list[object]]:
    return [
        [f"P-{k:02d}", "F", 70 + k, f"2021-0{k}-01", "L1", 7, fractures.get(k, no)]
        for k in range(1, 8)
    ]


def test_one_level_and_date_among_noes_is_a_new_fracture(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "r.xlsx", {"Sheet": [HEADER, *_rows({6: "T8 (26/12/2021)"})]})
    result = load_cohort(path)
    assert not result.errors
    fx = result.cohort.fractures
    assert list(zip(fx["patient_id"], fx["level"].astype(str), strict=True)) == [("P-06", "T8")]
    assert fx["day"].tolist() == [208]  # 2021-06-01 to 2021-12-26
    readings = {c.header: c for c in inspect_input(path).columns}
    assert "a level and a date" in readings["New fracture"].reason
    _reproduced_by_its_mapping(path, tmp_path)


def test_yes_and_no_in_two_languages_stay_a_flag(tmp_path: Path) -> None:
    rows = _rows({2: "Do / Yes", 5: "Do / Yes"}, no="Na / No")
    result = load_cohort(_workbook(tmp_path / "r.xlsx", {"Sheet": [HEADER, *rows]}))
    assert not result.errors
    assert result.cohort.fractures.empty
    assert any("a yes/no flag" in p.message for p in result.problems)
