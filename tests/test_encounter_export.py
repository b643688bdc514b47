"""A hospital system's encounter report: one row per encounter, every patient's rows
interleaved in date order, the demographics repeated on each; each visit dated twice, on the
Hijri (Umm al-Qura) calendar and the Gregorian; the procedure's details in a template of
``key: value`` fields (``Procedure: Vertebroplasty | Levels: T7 2ml, T8 4ml | Cement: PMMA |
Leakage: T8 venous``), in English or Arabic; the scores of each visit in one cell (``VAS
7/10; ODI 44%``, in Arabic-Indic digits too); new fractures in a notes column; the
patient's vital status on every row (``حي Alive``, ``متوفى Deceased 1445/07/07 هـ``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hijridate import Gregorian

from analysis.load import inspect_input, load_cohort
from analysis.load.events import _fracture_levels
from analysis.normalize.cells import fold_width, one_language, parse_cell
from analysis.normalize.dates import date_inside
from analysis.normalize.deaths import names_death, says_alive
from analysis.normalize.notes import read_note
from analysis.normalize.scores import named_scores
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def test_a_hijri_date_is_read_on_the_umm_al_qura_calendar():
    # the tabular Islamic calendar puts 1444/10/28 on 19 May 2023; Umm al-Qura, on the 18th
    assert date_inside("1444/10/28 هـ") == date(2023, 5, 18)
    assert date_inside("١٤٤٦/٠٦/٢٥ هـ") == date(2024, 12, 26)


def test_a_template_of_fields_is_an_operative_note():
    note = read_note("Procedure: Vertebroplasty | Levels: T12 4ml, L1 2.5ml | Cement: KyphX HV-R | Leakage: T12 foraminal, L1 disc+paravertebral")  # fmt: skip
    assert note is not None
    assert (note.levels, note.volumes, note.technique, note.cement_type) == (("T12", "L1"), ("4ml", "2.5ml"), "vertebroplasty", "PMMA")  # fmt: skip
    assert note.leaks == (("T12", "foraminal"), ("L1", "disc+paravertebral"))
    arabic = read_note("الإجراء: رأب الفقرات؛ المستويات: T11 4ml؛ الإسمنت: PMMA؛ التسرب: لا يوجد")
    assert arabic is not None
    assert (arabic.levels, arabic.technique, arabic.no_leak) == (("T11",), "vertebroplasty", True)


def test_a_leak_site_joined_by_a_prefixed_and():
    leakage = load_spec().column("procedures", "leakage")
    assert parse_cell("وريدي وفوق الجافية", leakage) == "epidural;venous"
    assert parse_cell("تسرب وريدي", leakage) == "venous"


def test_a_vital_status_in_two_scripts_a_space_apart():
    assert says_alive("حي Alive") and not names_death("حي Alive")
    assert names_death("متوفى Deceased 1445/07/07 هـ")
    assert (
        parse_cell("متوفى Deceased 1445/07/07 هـ", load_spec().column("patients", "died")) is True
    )
    # one language (accents and all) or a level after a word is no pair of translations
    assert one_language("sí venosa") == "sí venosa"
    assert parse_cell("وريدي T10", load_spec().column("procedures", "leakage")) == "venous"


def test_a_score_out_of_ten_in_arabic_digits_is_no_decimal():
    assert fold_width("٧/١٠") == "7/10"
    assert fold_width("۳/۵") == "3.5"  # a Persian decimal still
    assert named_scores("VAS ٧/١٠؛ ODI ٤٤٪") == (("pain_vas", "٧/١٠"), ("odi", "٤٤٪"))
    assert named_scores("VAS: --; ODI 40%") == (("pain_vas", "--"), ("odi", "40%"))
    assert named_scores("Vertebroplasty") is None


def test_a_remark_naming_a_new_fracture_with_a_word_between():
    assert _fracture_levels("X-ray: new compression fracture T6 — booked") == ("T6",)


START = date(2023, 1, 8)
HEADER = ["No", "MRN", "Study No", "Gender", "Age", "Visit Date (H)", "Visit Date (G)"]
HEADER += ["Encounter Type", "Visit Description", "Procedure Details", "Scores", "Notes", "Patient Status"]  # fmt: skip
DETAILS = {
    "EN-01": "Procedure: Vertebroplasty | Levels: T7 2ml, T8 4ml | Cement: PMMA | Leakage: T8 venous",
    "EN-02": (
        "الإجراء: رأب الحدبة بالبالون؛ المستويات: L1 5ml, L2 22ml؛ الإسمنت: PMMA؛ "
        "التسرب: L1 وريدي وفوق الجافية"
    ),
    "EN-03": "Procedure: Balloon Kyphoplasty | Levels: T12 3.5ml | Cement: PMMA | Leakage: none",
}
AGES = {"EN-01": 70, "EN-02": 64, "EN-03": 81}
STATUS = {"EN-01": "حي Alive", "EN-02": "حي Alive", "EN-03": "متوفى Deceased 1445/07/07 هـ"}
VISITS = [("Pre-procedure", 0, 8, 60), ("2-week FU", 14, 5, 40), ("3-month FU", 91, 3, 30)]


def _dates(day: date, arabic: bool) -> tuple[str, str]:
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    hijri = f"{h.year}/{h.month:02d}/{h.day:02d} هـ"
    return (hijri.translate(ARABIC_DIGITS) if arabic else hijri), f"{day:%d/%m/%Y} م"


def _rows() -> list[list[object]]:
    """Three patients' encounters in date order: EN-02's scores in Arabic-Indic digits, its
    L2 given 22 mL and its 2-week visit dated before its procedure; EN-03's 3-month VAS 13/10
    and a new fracture noted at the 3-month visit of EN-01."""
    events = []
    for k, pid in enumerate(DETAILS):
        start = START + timedelta(days=9 * k)
        for label, day, vas, odi in VISITS:
            when = start + timedelta(days=day if not (pid == "EN-02" and day == 14) else -19)
            scores = f"VAS {vas}/10; ODI {odi}%"
            if pid == "EN-02":
                scores = f"VAS {vas}/10؛ ODI {odi}٪".translate(ARABIC_DIGITS)
            if pid == "EN-03" and day == 91:
                scores = "VAS 13/10; ODI 30%"
            note = "X-ray: new compression fracture T6 — booked" if pid == "EN-01" and day == 91 else None  # fmt: skip
            kind = "Pre-op Assessment" if day == 0 else "OPD Follow-up"
            events.append((when, 0 if day == 0 else 2, pid, kind, label, None, scores, note))
            if day == 0:
                events.append((when, 1, pid, "Day Surgery Procedure", "Procedure", DETAILS[pid], None, None))  # fmt: skip
    rows: list[list[object]] = [["Encounter report"], [], HEADER]
    for n, (when, _, pid, kind, label, details, scores, note) in enumerate(sorted(events), 1):
        hijri, gregorian = _dates(when, arabic=pid == "EN-02")
        sex = "female" if pid != "EN-02" else "male"
        rows.append([n, f"90{n:05d}", pid, sex, AGES[pid], hijri, gregorian, kind, label, details, scores, note, STATUS[pid]])  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = _workbook(tmp_path_factory.mktemp("encounters") / "report.xlsx", {"Report": _rows()})
    return path, load_cohort(path)


def test_the_encounters_read_into_sessions_scores_and_fractures(report):
    _, loaded = report
    procedures = loaded.cohort.procedures.set_index(["patient_id", "level"])
    assert procedures.loc[("EN-01", "T8"), ["technique", "cement_volume_ml", "leakage"]].tolist() == ["vertebroplasty", 4.0, "venous"]  # fmt: skip
    assert procedures.loc[("EN-02", "L1"), ["technique", "leakage"]].tolist() == ["kyphoplasty", "epidural;venous"]  # fmt: skip
    assert procedures.loc[("EN-03", "T12"), "cement_volume_ml"] == 3.5
    scores = loaded.cohort.assessments.set_index(["patient_id", "timepoint", "measure"])["value"]
    assert scores[("EN-02", "3m", "pain_vas")] == 3.0  # ٣/١٠: three out of ten
    assert scores[("EN-01", "2w", "odi")] == 40.0
    assert scores[("EN-03", "3m", "odi")] == 30.0  # read beside the VAS in error
    assert ("EN-03", "3m", "pain_vas") not in scores.index
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["died"].to_dict() == {"EN-01": False, "EN-02": False, "EN-03": True}
    assert patients["age_years"].to_dict() == AGES
    fractures = loaded.cohort.fractures
    assert fractures[["patient_id", "level", "day"]].values.tolist() == [["EN-01", "T6", 91]]


def test_the_encounters_mistakes_are_named_on_their_cells(report):
    _, loaded = report
    errors = {(p.cell, p.rule) for p in loaded.errors}
    early = next(i for i, r in enumerate(_rows(), 1) if len(r) > 8 and r[2] == "EN-02" and r[8] == "2-week FU")  # fmt: skip
    assert {(f"F{early}", "visit_date"), (f"G{early}", "visit_date")} <= errors  # both calendars
    volume = next(p for p in loaded.errors if p.rule == "range" and "22 mL" in p.message)
    assert volume.cell is not None and volume.cell.startswith("J")  # the note's cell
    vas = next(p for p in loaded.errors if "13/10" in p.message)
    assert vas.cell is not None and vas.cell.startswith("K")


def test_inspect_says_how_each_column_was_read_and_its_mapping_loads_the_same(report, tmp_path):
    path, _ = report
    read = {c.letter: (c.label, c.reason) for c in inspect_input(path).columns}
    assert read["J"][0] == "note:procedure"
    assert read["K"] == ("scores:measures", "cell contents: scores, each after its measure's name")  # fmt: skip
    assert read["G"][0] == "twin:date:visit_date"  # both headers name a visit date
    assert "in another calendar" in read["G"][1]
    assert read["M"][0] == "patients.died"
    _reproduced_by_its_mapping(path, tmp_path)
