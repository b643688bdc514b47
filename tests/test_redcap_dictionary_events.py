"""A REDCap export with its dictionary whose procedures span an event's rows: the
procedure's form on the event's own row, its treated levels on repeating-instrument rows,
two procedure events, a pre-operative event before the second, coded scores and REDCap's
missing-data codes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from analysis.levels import LevelError, parse_levels
from analysis.load import inspect_input, load_cohort
from analysis.load.header_columns import HeaderColumn
from analysis.load.header_sessions import _fracture_block
from analysis.normalize import Target
from analysis.normalize.timepoints import timepoint_of
from tests.test_load_visit_rows import _reproduced_by_its_mapping

DICTIONARY = """\
Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Text Validation Type OR Show Slider Number,Identifier?
record_id,demographie,,text,No. étude / Study ID,,,
sexe,demographie,,radio,Sexe / Sex,"1, Femme / Female | 2, Homme / Male",,
date_eval,evaluation,,text,Date de l'évaluation,,date_ymd,
eva_douleur,evaluation,,text,EVA douleur (0-10),,integer,
mobilite,evaluation,,dropdown,Mobilité / Mobility,"0, Autonome / Independent | 1, Canne / Cane | 2, Marchette / Walker | 3, Fauteuil / Wheelchair | 4, Alité(e) / Bed-bound",,
nouvelle_fracture,evaluation,,yesno,Nouvelle fracture?,,,
niveau_nouvelle_fx,evaluation,,text,Niveau de la nouvelle fracture,,,
date_intervention,intervention,,text,Date de l'intervention,,date_ymd,
technique,intervention,,radio,Technique,"1, Vertébroplastie | 2, Cyphoplastie",,
niveau_vert,niveaux_traites,,text,Niveau vertébral traité,,,
volume_ml,niveaux_traites,,text,Volume de ciment (mL),,number_comma_decimal,
"""
HEADER = (
    "record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,sexe,"
    "demographie_complete,date_eval,eva_douleur,mobilite,nouvelle_fracture,"
    "niveau_nouvelle_fx,evaluation_complete,date_intervention,technique,"
    "intervention_complete,niveau_vert,volume_ml,niveaux_traites_complete"
)
ROWS = [
    "1,inclusion_arm_1,,,1,2,2022-06-11,9,3,,,2,,,,,,",
    "1,intervention_1_arm_1,,,,,,,,,,,2022-06-13,1,2,,,",
    "1,intervention_1_arm_1,niveaux_traites,1,,,,,,,,,,,,T12,2,2",
    '1,intervention_1_arm_1,niveaux_traites,2,,,,,,,,,,,,L1,"4,5",2',
    "1,suivi_6_sem_arm_1,,,,,2022-07-25,4,NASK,0,,2,,,,,,",
    "1,suivi_3_mois_arm_1,,,,,2022-09-14,3,1,1,L3,2,,,,,,",
    "1,preop_2e_interv_arm_1,,,,,2022-10-01,8,4,,,2,,,,,,",
    "1,intervention_2_arm_1,,,,,,,,,,,2022-10-03,2,2,,,",
    "1,intervention_2_arm_1,niveaux_traites,1,,,,,,,,,,,,L3,3,2",
    "1,suivi_1m_post_int2_arm_1,,,,,2022-11-02,2,UNK,0,,2,,,,,,",
]


def _write(folder: Path) -> Path:
    folder.mkdir()
    (folder / "PROJ_DataDictionary_2024-01-15.csv").write_text(DICTIONARY, "utf-8")
    rows = "\n".join([HEADER, *ROWS]) + "\n"
    (folder / "PROJ_DATA_2024-01-15_1032.csv").write_text(rows, "utf-8")
    return folder


def test_procedure_form_and_levels_on_an_events_rows_with_the_dictionary(tmp_path):
    """The procedure's date and technique on the event's own row are read on each of its
    treated levels (repeat-instrument rows); each procedure event is a session."""
    result = load_cohort(_write(tmp_path / "export"))
    assert result.errors == []
    procs = result.cohort.procedures
    read = {
        str(r.level): (r.procedure_id, r.day, r.technique, r.cement_volume_ml)
        for r in procs.itertuples()
    }
    # 2022-06-13 and 2022-10-03: the second procedure's event is the second session
    assert read == {
        "T12": ("1-1", 0, "vertebroplasty", 2.0),
        "L1": ("1-1", 0, "vertebroplasty", 4.5),
        "L3": ("1-2", 112, "kyphoplasty", 3.0),
    }
    assert result.rows_in == result.rows_loaded + result.rows_reported


def _scores(result) -> dict[tuple[str, str, str], float]:
    a = result.cohort.assessments
    return {(r.procedure_id, r.measure, r.timepoint): r.value for r in a.itertuples()}


def test_events_in_french_give_time_points_and_sessions(tmp_path):
    """``suivi_3_mois``, ``suivi_6_sem`` and ``suivi_1m_post_int2`` name their visits,
    ``inclusion`` is the baseline, and the pre-operative event before the second
    procedure's event is that procedure's baseline."""
    scores = _scores(load_cohort(_write(tmp_path / "export")))
    first, second = "1-1", "1-2"
    assert scores[(first, "pain_vas", "pre")] == 9
    assert scores[(first, "pain_vas", "6w")] == 4
    assert scores[(first, "pain_vas", "3m")] == 3
    assert scores[(second, "pain_vas", "pre")] == 8
    assert scores[(second, "pain_vas", "1m")] == 2
    assert timepoint_of("suivi 12 mois") == "12m"
    assert timepoint_of("inclusion") == "pre"


def test_coded_score_reads_its_code_and_missing_data_codes_are_missing(tmp_path):
    """A dropdown score coded 0-4 with labels in words is the code; REDCap's missing-data
    codes (``NASK``, ``UNK``) are missing, not an unknown code."""
    result = load_cohort(_write(tmp_path / "export"))
    assert result.errors == []
    scores = _scores(result)
    assert scores[("1-1", "mobility", "pre")] == 3
    assert scores[("1-1", "mobility", "3m")] == 1
    assert scores[("1-2", "mobility", "pre")] == 4
    assert ("1-1", "mobility", "6w") not in scores


def test_new_fracture_found_at_a_visit(tmp_path):
    result = load_cohort(_write(tmp_path / "export"))
    fx = result.cohort.fractures
    assert list(fx["level"].astype(str)) == ["L3"]


def test_inspect_says_how_events_were_read_and_its_mapping_loads_the_same(tmp_path):
    folder = _write(tmp_path / "export")
    readings = _reproduced_by_its_mapping(folder, tmp_path)
    (sheet,) = inspect_input(folder).sheets
    assert "each treated-vertebra row of its record and event" in sheet.note
    assert "coded score field(s) 'mobilite' read by their codes" in sheet.note
    assert "'intervention_1_arm_1', 'intervention_2_arm_1' hold procedures" in sheet.note
    assert readings["date_intervention"].label == "date:procedure_date"


def test_a_named_procedure_date_is_no_twin_of_a_guessed_date():
    """A column its whole header names as the procedure's date, right after a new
    fracture's columns, stays the procedure's date when the earlier date column was only
    guessed from a word of its header."""
    proc_date = Target("date", column="procedure_date")
    level = Target("column", "fractures", "level")
    columns = [
        HeaderColumn(1, "date_eval", proc_date, 0.75, reason="header words"),
        HeaderColumn(2, "niveau_nouvelle_fx", level, 0.75, reason="header words"),
        HeaderColumn(3, "date_intervention", proc_date, 1.0, reason="header"),
    ]
    read = _fracture_block(columns)
    assert read[2].target == proc_date
    named = [HeaderColumn(1, "Date", proc_date, 1.0, reason="header"), *columns[1:]]
    assert _fracture_block(named)[2].target == Target("date", column="fracture_date")


def _phone_log(path: Path) -> None:
    """A coordinator's telephone log beside the export: the only record of deaths."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Calls"
    ws.append(["Telephone follow-up (coordinator log)"])
    ws.append(["Record ID", "Call date", "Reached?", "Vital status", "Date of death"])
    ws.append([1, datetime(2023, 6, 1), "N", None, None])
    ws.append([1, datetime(2023, 6, 5), "Y", "Deceased", datetime(2023, 5, 20)])
    wb.save(path)


def test_workbook_beside_the_export_is_read_and_joined_on_the_study_id(tmp_path):
    """Files beside a REDCap export and its dictionary are read as the unit's own exports
    (never dropped unsaid): the log's death joins the record; a call's date is no
    procedure's, and a call's Y/N no vertebral level."""
    folder = _write(tmp_path / "export")
    _phone_log(folder / "calls.xlsx")
    result = load_cohort(folder)
    assert result.errors == []
    (patient,) = result.cohort.patients.itertuples()
    assert bool(patient.died) is True
    assert patient.death_day == 341  # 2023-05-20, from the first procedure on 2022-06-13
    assert len(result.cohort.procedures) == 3  # the export's three levels only
    assert result.rows_in == result.rows_loaded + result.rows_reported == len(ROWS) + 2
    readings = _reproduced_by_its_mapping(folder, tmp_path)
    assert readings["Call date"].label == "date:other_date"
    assert [s.sheet for s in inspect_input(folder).sheets][-1] == "Calls"


def test_a_conjunction_alone_is_no_vertebral_level():
    """``Y`` (Spanish "and" between levels) alone, a yes answer, names no level."""
    assert parse_levels("T12 y L1") == ("T12", "L1")
    for cell in ("Y", "/", "Y /"):
        with pytest.raises(LevelError, match="is not a vertebral level"):
            parse_levels(cell)
