"""A form tool's response sheet (Google Forms, downloaded as CSV): one row per
submission, headed by the submission's time (``타임스탬프``, ``Timestamp``). A later
submission of one patient's visit (same visit, same date) replaces the earlier one, said
in a warning; the study ID spelling shaped as the sheet's IDs usually are is kept; a leak's level
column headed in Korean (``누출 부위``) gives each vertebra its own leak."""

from __future__ import annotations

import csv
from pathlib import Path

from analysis.load import load_cohort
from analysis.load.resubmissions import submission_time
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = ["타임스탬프", "연구번호", "방문 종류", "방문일(시술일)", "성별", "나이"]
HEADER += ["시술 방법", "시술 부위", "골시멘트 총량(cc)", "시멘트 누출", "누출 부위"]
HEADER += ["VAS 통증 점수 (0-10)", "비고"]
PROC = ["여", "77", "척추성형술(PVP)"]
NONE = [""] * 7


def _form(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "responses.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


def _rows() -> list[list[str]]:
    return [
        [
            "2022. 2. 13 오전 9:49:22",
            "US06",
            "시술",
            "2022. 2. 13",
            *PROC,
            "T7",
            "6",
            "없음",
            "",
            "8",
            "",
        ],
        [
            "2022. 2. 14 오전 11:49:22",
            "US06",
            "시술",
            "2022. 2. 13",
            *PROC,
            "T8",
            "6",
            "없음",
            "",
            "8",
            "다시 제출",
        ],
        ["2022. 2. 14 오후 2:06:58", "US-06", "술후 1일", "2022. 2. 14", *NONE, "4", ""],
        # listed out of the order submitted: the time, not the row, says which is later
        ["2022. 5. 20 오후 6:19:03", "US-06", "술후 3개월", "2022. 5. 15", *NONE, "3", "수정 제출"],
        ["2022. 5. 20 오후 12:19:03", "US-06", "술후 3개월", "2022. 5. 15", *NONE, "7", ""],
        ["2022. 8. 17 오후 1:49:51", "US-06", "술후 6개월", "2022. 8. 17", *NONE, "2", ""],
        [
            "2022. 9. 2 오후 2:19:44",
            "US-07",
            "시술",
            "2022. 9. 2",
            *PROC,
            "T12, L1",
            "8",
            "척추주위 연부조직",
            "L1",
            "9",
            "",
        ],
        ["2022. 9. 3 오후 4:04:42", "US-07", "술후 1일", "2022. 9. 3", *NONE, "5", ""],
    ]


def test_a_submission_time_is_read_on_a_12_hour_clock_in_its_words():
    assert str(submission_time("2022. 3. 4 오후 2:05:33")) == "2022-03-04 14:05:33"
    assert str(submission_time("2022. 3. 4 오전 12:05:33")) == "2022-03-04 00:05:33"
    assert str(submission_time("2022-03-04 14:05")) == "2022-03-04 14:05:00"
    assert submission_time("3/4/2022 14:05:33") is None  # month or day first: not guessed
    assert submission_time("2022. 3. 4 오후 14:05:33 PM") is None


def test_a_later_submission_of_a_visit_replaces_the_earlier_one(tmp_path):
    path = _form(tmp_path, _rows())
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    c = loaded.cohort
    six = c.procedures[c.procedures.patient_id == "US-06"]
    assert six.level.tolist() == ["T8"]
    assert six.session_cement_volume_ml.tolist() == [6.0]
    vas = {(r.patient_id, r.timepoint): r.value for r in c.assessments.itertuples()}
    assert vas[("US-06", "3m")] == 3.0  # submitted at 6:19 pm, after the 12:19 pm one
    replaced = [p for p in loaded.problems if p.rule == "resubmitted"]
    assert [p.row for p in replaced] == [2, 6]
    assert all("row 3" in p.message or "row 5" in p.message for p in replaced)
    assert loaded.rows_in == 8 and loaded.rows_reported == 2
    assert not [p for p in loaded.problems if p.rule == "no_data"]
    _reproduced_by_its_mapping(path, tmp_path)


def test_rows_of_other_visits_or_dates_are_not_resubmissions(tmp_path):
    rows = _rows()
    rows[4][3] = "2022. 5. 16"  # another date: two visits, not one submitted twice
    loaded = load_cohort(_form(tmp_path, rows))
    assert [p.row for p in loaded.problems if p.rule == "resubmitted"] == [2]
    header = ["Study ID" if h == "타임스탬프" else h for h in HEADER]  # no submission time
    path = tmp_path / "plain.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *[["", *r[1:]] for r in _rows()]])
    assert not [p for p in load_cohort(path).problems if p.rule == "resubmitted"]


def test_the_study_id_spelling_of_the_sheets_usual_shape_is_kept(tmp_path):
    loaded = load_cohort(_form(tmp_path, _rows()))
    assert sorted(loaded.cohort.patients.patient_id) == ["US-06", "US-07"]
    said = [p.message for p in loaded.problems if p.rule == "study_id_spelling"]
    assert said and "'US06' taken as patient 'US-06'" in said[0]


def test_a_leak_level_column_headed_in_korean_gives_each_vertebra_its_leak(tmp_path):
    c = load_cohort(_form(tmp_path, _rows())).cohort
    seven = c.procedures[c.procedures.patient_id == "US-07"]
    assert dict(zip(seven.level, seven.leakage, strict=True)) == {
        "T12": "none",
        "L1": "paravertebral",
    }
