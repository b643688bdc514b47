"""A Nepali register: dates of the Bikram Sambat calendar (``२०७९/०१/०१``, the header marked
``(वि.सं.)``), Devanagari digits, a second session's columns after ``दोस्रो सत्र:``, and
the cement named in a footnote under the table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import CellError
from analysis.normalize.dates import _parse_text, calendar_named
from analysis.normalize.headers import match_header
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("text", "gregorian"),
    [
        ("2077/01/01", date(2020, 4, 13)),  # Nepali new year 2077
        ("२०७९/०१/०१", date(2022, 4, 14)),  # new year 2079, in Devanagari digits
        ("2080-01-01", date(2023, 4, 14)),
        ("2021/04/13", date(2021, 4, 13)),  # a Gregorian year stays Gregorian
    ],
)
def test_bikram_sambat_dates_by_their_year(text: str, gregorian: date) -> None:
    assert _parse_text(text, None) == gregorian


def test_a_day_the_bikram_sambat_month_has_not_is_an_error() -> None:
    with pytest.raises(CellError, match="Bikram Sambat"):
        _parse_text("2079/04/33", None)
    assert calendar_named("२०७९/०४/१२") == "Bikram Sambat (Nepali)"
    assert calendar_named("2021/04/12") is None


@pytest.mark.parametrize("header", ["प्रक्रिया मिति (वि.सं.)", "Date (E.C.)", "Date (B.E.)"])
def test_a_calendars_era_mark_is_set_aside_in_a_date_header(header: str) -> None:
    found = match_header(header)
    assert found is not None and found.label == "date:procedure_date"


# fmt: off
_HEADER = ("अध्ययन नं.|बिरामीको नाम|उमेर (वर्ष)|लिङ्ग|कारण|प्रक्रिया मिति (वि.सं.)|तह (भर्टिब्रा)|प्रविधि|"
           "जम्मा सिमेन्ट (ml)|VAS अघि|VAS १ महिना|दोस्रो सत्र: तह|दोस्रो सत्र: मिति (वि.सं.)|"
           "दोस्रो सत्र: सिमेन्ट (ml)|मृत्यु")
_ROWS = [
    "N-01|राम|७१|पुरुष|अस्टियोपोरोसिस|२०७९/०१/०१|L1, L2|VP (भर्टिब्रोप्लास्टी)|८.५|८|३||||छैन",
    "N-02|सीता|66|महिला|मेटास्टेसिस (क्यान्सर)|2079/02/10|T12|KP (काइफोप्लास्टी)|5|7|आएनन्|L3|2079/03/10|4|भयो",
    "N-03|गीता|80|महिला|चोट (दुर्घटना)|2080/01/01|L4|VP (भर्टिब्रोप्लास्टी)|4.5|9|2||||छैन",
]
# fmt: on


def _write(path: Path) -> Path:
    rows = [[v or None for v in line.split("|")] for line in (_HEADER, *_ROWS)]
    note = "नोट: मिति विक्रम सम्वत् (वि.सं.) मा। सिमेन्ट PMMA (बोन सिमेन्ट)।"
    return _workbook(path, {"दर्ता": [["भर्टिब्रोप्लास्टी बिरामी दर्ता"], [], *rows, [], [note]]})


def test_a_nepali_register_loads_exactly(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "register.xlsx"))
    assert result.errors == []
    cohort = result.cohort
    patients = cohort.patients.assign(patient_id=lambda d: d["patient_id"].astype(str))
    patients = patients.set_index("patient_id")
    assert patients["etiology"].astype(str).to_dict() == {
        "N-01": "osteoporotic",
        "N-02": "pathologic",
        "N-03": "traumatic",
    }
    assert patients["age_years"].to_dict() == {"N-01": 71, "N-02": 66, "N-03": 80}
    assert patients["died"].map(bool).to_dict() == {"N-01": False, "N-02": True, "N-03": False}
    procs = cohort.procedures.assign(patient_id=lambda d: d["patient_id"].astype(str))
    second = procs[procs["patient_id"] == "N-02"].sort_values("day")
    # BS 2079/02/10 is 24 May 2022 and 2079/03/10 is 24 June 2022: 31 days apart
    assert list(second["level"].astype(str)) == ["T12", "L3"]
    assert list(second["day"]) == [0, 31]
    assert set(procs["cement_type"].astype(str)) == {"PMMA"}
    first = procs[procs["patient_id"] == "N-01"]
    assert list(first["session_cement_volume_ml"]) == [8.5, 8.5]
    pain = cohort.assessments.assign(patient_id=lambda d: d["patient_id"].astype(str))
    assert len(pain[pain["patient_id"] == "N-02"]) == 1  # आएनन्: did not come
    how = {c.header: c.reason for c in inspect_input(path).columns}
    assert "Bikram Sambat" in how["प्रक्रिया मिति (वि.सं.)"]
    _reproduced_by_its_mapping(path, tmp_path)
