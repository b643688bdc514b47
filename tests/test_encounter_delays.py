"""A hospital system's encounter export, one row per encounter (the intervention, a phone
call, a consultation), the patient's identity repeated on each: the visit named in a
column headed ``Délai`` in a letter glued to its number (``J1``, ``S6``, ``M3``: jour,
semaine, mois), the encounter dated under ``Date venue`` and the patient's birth date under
``Né(e) le`` (the age derived from it); and a course log's second-session rows named by a
prefix ending in the word for the operation (``再手術前評価``: the assessment before the
re-operation)."""

from __future__ import annotations

from analysis.load import inspect_input, load_cohort
from analysis.normalize.headers import VISIT, match_header
from analysis.normalize.timepoints import column_letters, timepoint_of, visit_point
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def test_a_letter_no_unit_alone_is_read_in_the_notation_of_its_columns_other_cells():
    letters = column_letters(["J0", "J1", "S6", "M3", "M12", None, 4])
    assert letters == frozenset({"j", "m"})  # J0 names no visit alone; S6 not either
    assert timepoint_of("S6") is None
    assert visit_point("S6", letters) == "6w"
    assert visit_point("M3", letters) == "3m"
    # alone, or among letters of no notation, an S is a sacral level, a side or a session
    assert visit_point("S6", frozenset()) is None
    assert visit_point("S6", column_letters(["S1", "S2"])) is None


HEADER = ["N° étude", "Né(e) le", "Sexe", "Date venue", "Type de venue", "Délai"]
HEADER += ["Intervention de référence", "Niveaux", "Volume (ml)", "EVA (mm)", "ODI (%)"]


def _encounters() -> list[list[object]]:
    rows: list[list[object]] = [["Extraction DPI — EVA en mm (0-100)"], [], HEADER]
    for pid, born, sex, day in (("HC-1", "06.11.1945", "M", 13), ("HC-2", "25.09.1950", "F", 16)):  # fmt: skip
        done = f"{day}/05/2021"
        visits = (
            (done, "Hospitalisation — cimentoplastie", "J0", "L1", "3,5", 80, 60),
            (f"{day + 1}.05.2021", "Appel téléphonique", "J1", None, None, 50, "n.d."),
            (f"{day + 11}/06/2021", "Consultation de suivi", "S6", None, None, 30, 40),
            (f"{day}/08/2021", "Consultation de suivi", "M3", None, None, 20, 32),
        )
        for when, kind, delay, level, volume, eva, odi in visits:
            rows.append([pid, born, sex, when, kind, delay, done, level, volume, eva, odi])
    return rows


def test_an_encounter_export_reads_its_delays_and_the_age_from_the_birth_date(tmp_path):
    path = _workbook(tmp_path / "extraction.xlsx", {"Extraction": _encounters()})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    c = loaded.cohort
    assert sorted(c.patients.age_years.tolist()) == [70, 75]
    scores = c.assessments[c.assessments.patient_id == "HC-1"]
    at = {(r.timepoint, r.measure): r.value for r in scores.itertuples()}
    assert at[("6w", "pain_vas")] == 3.0 and at[("6w", "odi")] == 40
    assert at[("pre", "pain_vas")] == 8.0 and at[("3m", "odi")] == 32
    assert at[("24h", "pain_vas")] == 5.0
    assert set(c.assessments.day[c.assessments.timepoint == "6w"]) == {42}
    columns = {col.header: col for col in inspect_input(path).columns}
    assert columns["Délai"].label == "visit:timepoint"
    assert "'S6' as 6w, in the notation of the column's other visits (J/M)" in columns["Délai"].reason  # fmt: skip
    assert columns["Date venue"].label == "date:visit_date"
    assert columns["Né(e) le"].label == "identifier:birth_date"
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_visit_after_a_second_session_prefix_keeps_the_word_for_the_operation():
    assert timepoint_of("再手術前評価") == "pre"  # 再手術 | 前評価: before the re-operation
    assert timepoint_of("再手術前") == "pre"
    assert timepoint_of("再次手术前") == "pre"
    assert timepoint_of("再手術後1ヶ月") == "1m"
    assert timepoint_of("2回目前") is None  # no word for the operation to keep


def test_a_course_logs_assessment_before_the_reoperation_is_the_second_sessions(tmp_path):
    header = [
        "症例ID",
        "性別",
        "手術時年齢",
        "記録日",
        "区分",
        "椎体",
        "注入量(ml)",
        "VAS",
        "ODI(%)",
    ]
    rows = [header]
    for pid, age in (("K-1", 80), ("K-2", 72), ("K-3", 75), ("K-4", 66)):
        rows += [
            [pid, "女", None, "2020/1/6", "術前評価", None, None, 8, 70],
            [pid, "女", age, "2020/1/7", "手術", "L1", 3.0, None, None],
            [pid, "女", None, "2020/1/8", "術後1日", None, None, 5, 60],
            [pid, "女", None, "2020/2/7", "術後1ヶ月", None, None, 3, 40],
            [pid, "女", None, "2020/4/7", "術後3ヶ月", None, None, 3, 40],
            [pid, "女", None, "2020/9/1", "新規骨折", "T12", None, None, None],
            [pid, "女", None, "2020/9/4", "再手術前評価", None, None, 9, 74],
            [pid, "女", None, "2020/9/5", "再手術（2回目）", "T12", 3.5, None, None],
            [pid, "女", None, "2020/10/6", "再手術後1ヶ月", None, None, 4, 48],
        ]
    path = _workbook(tmp_path / "log.xlsx", {"経過記録": rows})
    c = load_cohort(path).cohort
    a = c.assessments[c.assessments.patient_id == "K-1"]
    second = a[a.procedure_id == "K-1-2"]
    at = {(r.timepoint, r.measure): r.value for r in second.itertuples()}
    assert at == {("pre", "pain_vas"): 9, ("pre", "odi"): 74, ("1m", "pain_vas"): 4, ("1m", "odi"): 48}  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_delay_beside_a_qualifier_in_the_same_letters_is_no_translated_header():
    assert match_header("Délai") == VISIT
    # "/ 1ère (jours)": the days since the first session, no translation of "Délai"
    assert match_header("Délai / 1ère (jours)") is None
    assert match_header("Âge / 1ère") is None
    # an English field beside its name in a language written in accented Latin letters
    assert match_header("Sex / Giới tính") == match_header("Sex")
