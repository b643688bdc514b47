"""REDCap exports: checkboxes, follow-up wherever it is kept, codes and dictionaries that
do not match, and the synthetic export of the issue's 300-patient cohort."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import stats
from analysis.config import LoadOptions
from analysis.load import inspect_input, load_cohort
from analysis.synth import synthesize, write_redcap, write_tidy
from tests.test_load_visit_rows import _reproduced_by_its_mapping as reproduced_by_its_mapping

DICT_HEADER = (
    '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label",'
    '"Choices, Calculations, OR Slider Labels","Identifier?"\n'
)
FIELDS = (
    "record_id,patient,,text,Study ID,,\n"
    'sex,patient,,radio,Sex,"1, Female | 2, Male",\n'
    "proc_date,procedure,,text,Date of procedure,,\n"
    "proc_level,procedure,,text,Treated level,,\n"
    'leak,procedure,,checkbox,Cement leakage,"1, Disc | 2, Venous | 3, Epidural",\n'
    'steroid_box,patient,,checkbox,Steroid use,"1, Yes",\n'
    "contact,follow_up,,text,Date of last contact,,\n"
    "died,follow_up,,yesno,Died,,\n"
    "death_date,follow_up,,text,Date of death,,\n"
)
COLUMNS = (
    "record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,sex,"
    "steroid_box___1,proc_date,proc_level,leak___1,leak___2,leak___3,procedure_complete,"
    "contact,died,death_date\n"
)


def _export(tmp_path, rows, fields=FIELDS, columns=COLUMNS):
    (tmp_path / "proj_DataDictionary.csv").write_text(DICT_HEADER + fields)
    (tmp_path / "proj_records.csv").write_text(columns + "".join(r + "\n" for r in rows))
    return load_cohort(tmp_path)


def _by_level(result):
    procs = result.cohort.procedures
    return dict(zip(procs["level"].astype(str), procs["leakage"].astype(object), strict=True))


def test_unticked_checkbox_on_an_answered_form_is_none(tmp_path):
    result = _export(
        tmp_path,
        [
            "R1,baseline_arm_1,,,1,0,,,0,0,0,,,,",
            "R1,baseline_arm_1,procedure,1,,0,2021-03-01,L1,0,0,0,2,,,",
            "R1,baseline_arm_1,procedure,2,,0,2021-03-01,L2,1,0,1,2,,,",
            # only the checkbox and the form status: the form was saved, all boxes 0
            "R1,baseline_arm_1,procedure,3,,0,2021-03-01,L3,0,0,0,2,,,",
        ],
    )
    assert result.errors == []
    assert _by_level(result) == {"L1": "none", "L2": "disc;epidural", "L3": "none"}
    # the base row has no procedure form filled: its zeros are not a leakage answer
    assert result.rows_in == result.rows_loaded + result.rows_reported == 4


def test_unticked_checkbox_on_an_unanswered_form_stays_missing(tmp_path):
    fields = FIELDS.replace(
        '"1, Disc | 2, Venous | 3, Epidural"', '"1, Disc | 2, Venous | 3, Epidural | 9, None"'
    )
    columns = COLUMNS.replace("leak___3,", "leak___3,leak___9,")
    result = _export(
        tmp_path,
        [
            "R1,baseline_arm_1,procedure,1,,0,2021-03-01,L1,0,0,0,0,2,,,",
            "R1,baseline_arm_1,procedure,2,,0,2021-03-01,L2,0,0,0,1,2,,,",
        ],
        fields,
        columns,
    )
    assert result.errors == []
    # an explicit 'None' box left unticked is no answer; ticked it is 'none'
    leak = _by_level(result)
    assert pd.isna(leak["L1"]) and leak["L2"] == "none"


def test_single_box_checkbox_for_a_yes_no_column(tmp_path):
    result = _export(
        tmp_path,
        [
            "R1,baseline_arm_1,,,1,1,2021-03-01,L1,0,0,0,,,,",
            "R2,baseline_arm_1,,,2,0,2021-03-01,L1,0,0,0,,,,",
        ],
    )
    assert result.errors == []
    steroid = result.cohort.patients.set_index("patient_id")["steroid_use"]
    assert steroid.to_dict() == {"R1": True, "R2": False}


def test_follow_up_and_death_read_from_repeating_contacts_and_events(tmp_path):
    result = _export(
        tmp_path,
        [
            "R1,baseline_arm_1,,,1,0,2021-01-01,L1,0,0,0,,,,",
            "R1,follow_up_arm_1,follow_up,1,,0,,,0,0,0,,2021-04-01,0,",
            "R1,follow_up_arm_1,follow_up,2,,0,,,0,0,0,,2021-12-31,0,",
            "R1,follow_up_arm_1,follow_up,3,,0,,,0,0,0,,2021-07-01,0,",
            "R2,baseline_arm_1,,,2,0,2021-01-01,L2,0,0,0,,,,",
            "R2,month_3_arm_1,,,,0,,,0,0,0,,2021-04-02,0,",
            "R2,month_12_arm_1,,,,0,,,0,0,0,,2021-06-01,1,2021-06-01",
            # a repeating event: instance without an instrument
            "R3,baseline_arm_1,,,2,0,2021-01-01,L3,0,0,0,,,,",
            "R3,contact_arm_1,,1,,0,,,0,0,0,,2021-02-01,0,",
            "R3,contact_arm_1,,2,,0,,,0,0,0,,2021-03-01,0,",
        ],
    )
    assert result.errors == []
    pts = result.cohort.patients.set_index("patient_id")
    assert pts.loc["R1", "followup_days"] == 364  # the latest contact, not the last row
    assert not pts.loc["R1", "died"]
    assert pts.loc["R2", "followup_days"] == 151
    assert pts.loc["R2", "died"] and pts.loc["R2", "death_day"] == 151
    assert pts.loc["R3", "followup_days"] == 59 and not pts.loc["R3", "died"]
    assert result.rows_in == result.rows_loaded == 10


def test_follow_up_in_two_fields_takes_the_latest_of_both(tmp_path):
    fields = FIELDS + "last_fu,patient,,text,Date of last follow-up,,\n"
    columns = COLUMNS.replace("\n", ",last_fu\n")
    result = _export(
        tmp_path,
        [
            "R1,baseline_arm_1,,,1,0,2021-01-01,L1,0,0,0,,,,,2021-05-01",
            "R1,month_3_arm_1,,,,0,,,0,0,0,,2021-04-01,0,,",
        ],
        fields,
        columns,
    )
    assert result.errors == []
    assert result.cohort.patients["followup_days"].tolist() == [120]
    assert not [p for p in result.problems if p.rule == "duplicate_header"]


def test_unknown_checkbox_and_radio_codes_are_reported_not_fatal(tmp_path):
    columns = COLUMNS.replace("leak___3,", "leak___3,leak___7,")
    result = _export(
        tmp_path,
        [
            "R1,baseline_arm_1,,,5,0,,,0,0,0,0,,,,",
            "R1,baseline_arm_1,procedure,1,,0,2021-03-01,L1,1,0,0,1,2,,,",
            "R1,baseline_arm_1,procedure,2,,0,2021-03-01,L2,1,0,0,0,2,,,",
        ],
        columns=columns,
    )
    msgs = [p.message for p in result.problems]
    assert any("box 7 ticked, which is not a choice" in m for m in msgs)
    assert any("code(s) 7 not among the field's choices" in m for m in msgs)
    assert any("code 5 is not a choice of field 'sex'" in m for m in msgs)
    assert _by_level(result)["L2"] == "disc"
    assert pd.isna(_by_level(result)["L1"])  # the unknown box makes the cell unknown
    assert pd.isna(result.cohort.patients["sex"].iloc[0])
    assert result.rows_in == result.rows_loaded + result.rows_reported == 3


def test_records_not_described_by_the_dictionary(tmp_path):
    columns = COLUMNS.replace("contact,", "extra_note,contact,")
    result = _export(
        tmp_path, ["R1,baseline_arm_1,,,1,0,2021-03-01,L1,0,0,0,2,free text,,,"], columns=columns
    )
    warning = [p for p in result.problems if p.rule == "redcap_dictionary"]
    assert len(warning) == 1 and warning[0].severity == "warning"
    assert "'extra_note'" in warning[0].message
    other = "record_id,patient,,text,Study ID,,\nweight,patient,,text,Weight,,\n"
    result = _export(tmp_path, ["R1,baseline_arm_1,,,1,0,2021-03-01,L1,0,0,0,2,,,"], fields=other)
    errors = [p for p in result.errors if p.rule == "redcap_dictionary"]
    assert len(errors) == 1
    assert "does not describe this export" in errors[0].message


def test_synthetic_redcap_export_of_the_issue_carries_follow_up(tmp_path):
    """`vertebro synth --patients 300 --seed 7 --format redcap`, then the loader: before the
    fix follow-up was lost for 268 of 300 patients and leakage for 374 of 449 vertebrae."""
    cohort = synthesize(300, seed=7)
    write_redcap(cohort, tmp_path / "redcap", 7)
    write_tidy(cohort, tmp_path / "tidy")
    redcap = load_cohort(tmp_path / "redcap").cohort
    tidy = load_cohort(tmp_path / "tidy").cohort
    assert redcap.patients["followup_days"].notna().sum() == 300
    assert redcap.procedures["leakage"].notna().sum() == len(cohort.procedures) == 449
    km_redcap = stats.fracture_free_survival(redcap).at([365])
    km_tidy = stats.fracture_free_survival(tidy).at([365])
    pd.testing.assert_frame_equal(km_redcap, km_tidy)
    assert km_redcap["survival"].iloc[0] == pytest.approx(0.905, abs=5e-4)


def test_repeating_follow_up_export_equals_the_event_export(tmp_path, small_cohort):
    write_redcap(small_cohort, tmp_path / "a", followup="event")
    write_redcap(small_cohort, tmp_path / "b", followup="repeating")
    a, b = load_cohort(tmp_path / "a"), load_cohort(tmp_path / "b")
    assert a.errors == [] and b.errors == []
    pd.testing.assert_frame_equal(a.cohort.patients, b.cohort.patients)
    with pytest.raises(ValueError, match="followup is 'event' or 'repeating'"):
        write_redcap(small_cohort, tmp_path / "c", followup="visits")  # type: ignore[arg-type]


def test_checkbox_policy_row_excludes_the_row_with_an_unknown_box(tmp_path):
    columns = COLUMNS.replace("leak___3,", "leak___3,leak___7,")
    (tmp_path / "proj_DataDictionary.csv").write_text(DICT_HEADER + FIELDS)
    (tmp_path / "proj_records.csv").write_text(
        columns
        + "R1,baseline_arm_1,procedure,1,,0,2021-03-01,L1,1,0,0,1,2,,,\n"
        + "R2,baseline_arm_1,procedure,1,,0,2021-03-02,L2,1,0,0,0,2,,,\n"
    )
    result = load_cohort(tmp_path, LoadOptions(policy="row"))
    # the row cannot be read whole: excluded, and with it its patient's timeline
    assert list(result.cohort.procedures["patient_id"]) == ["R2"]
    assert result.rows_in == 2 and result.rows_loaded == 1 and result.rows_reported == 1


def test_vital_status_and_survey_timestamps(tmp_path):
    fields = FIELDS.replace(
        "died,follow_up,,yesno,Died,,\n",
        'vital,follow_up,,radio,Vital status,"1, Alive | 2, Dead",\n',
    )
    columns = COLUMNS.replace(",died,", ",vital,").replace("\n", ",follow_up_timestamp\n")
    result = _export(
        tmp_path,
        [
            "R1,baseline_arm_1,,,1,0,2021-01-01,L1,0,0,0,,,,,",
            "R1,month_3_arm_1,,,,0,,,0,0,0,,2021-04-01,1,,2021-04-01 10:00",
            "R1,month_12_arm_1,,,,0,,,0,0,0,,2021-09-01,2,2021-09-01,2021-09-01 09:30",
            "R2,baseline_arm_1,,,2,0,2021-01-01,L2,0,0,0,,,,,",
            "R2,month_12_arm_1,,,,0,,,0,0,0,,2021-12-01,1,,",
        ],
        fields,
        columns,
    )
    assert result.errors == []
    assert not [p for p in result.problems if p.rule == "redcap_dictionary"]
    pts = result.cohort.patients.set_index("patient_id")
    assert pts["died"].to_dict() == {"R1": True, "R2": False}
    assert pts.loc["R1", "death_day"] == pts.loc["R1", "followup_days"] == 243


def test_record_id_of_any_name_and_outcomes_without_a_time_point(tmp_path):
    fields = (
        "participant,patient,,text,Participant,,\n"
        "proc_level,procedure,,text,Treated level,,\n"
        "vas,pain,,text,Pain VAS,,\n"
    )
    columns = "participant,redcap_event_name,proc_level,vas\n"
    result = _export(
        tmp_path,
        [
            "P-1,baseline_arm_1,L1,8",
            "P-1,month_1_arm_1,,3",
            "P-1,unscheduled_arm_1,,5",
            "P-1,unscheduled_arm_1,,6",
        ],
        fields,
        columns,
    )
    assert result.errors == []
    assert list(result.cohort.patients["patient_id"]) == ["P-1"]
    assert sorted(result.cohort.assessments["value"]) == [3.0, 8.0]
    (warning,) = [p for p in result.problems if p.rule == "no_timepoint"]
    assert "2 value(s) of 'vas' in event 'unscheduled_arm_1' are not read" in warning.message


def test_events_named_by_abbreviated_visit_and_procedure_give_their_time_points(
    tmp_path, small_cohort
):
    """An event's unique name may abbreviate its visit and say which procedure it follows
    (``seg_1m_p1_arm_1``): the interval among its first words is its time point, and the
    export loads as the one with plain event names."""
    records, _ = write_redcap(small_cohort, tmp_path / "plain")
    renamed = {
        "24_hours_arm_1": "seg_24h_p1_arm_1",
        "1_month_arm_1": "fu_1m_p1_arm_1",
        "3_months_arm_1": "seguimiento_3m_proc1_arm_1",
        "12_months_arm_1": "control_12m_p1_arm_1",
    }
    (tmp_path / "short").mkdir()
    for path in (tmp_path / "plain").iterdir():
        text = path.read_text()
        if path == records:
            for plain, short in renamed.items():
                text = text.replace(f",{plain},", f",{short},")
        (tmp_path / "short" / path.name).write_text(text)
    plain, short = load_cohort(tmp_path / "plain"), load_cohort(tmp_path / "short")
    assert short.errors == []
    assert not [p for p in short.problems if p.rule == "no_timepoint"]
    assert set(short.cohort.assessments["timepoint"]) >= {"24h", "1m", "3m", "12m"}
    pd.testing.assert_frame_equal(plain.cohort.assessments, short.cohort.assessments)
    # inspect reads the directory as it is loaded and names each event's time point
    readings = reproduced_by_its_mapping(tmp_path / "short", tmp_path)
    (sheet,) = inspect_input(tmp_path / "short").sheets
    assert "decoded with its data dictionary 'VertebroRegistry_DataDictionary.csv'" in sheet.note
    assert (
        "time points: 'baseline_arm_1' pre, 'seg_24h_p1_arm_1' 24h, 'fu_1m_p1_arm_1' 1m"
        in sheet.note
    )
    assert sheet.note.endswith("events naming no time point: 'follow_up_arm_1'")
    assert readings["sex"].label == "patients.sex"  # decoded by the dictionary
    # the records file alone (no dictionary): its events' time points said too
    (alone,) = inspect_input(tmp_path / "short" / records.name).sheets
    assert "without its data dictionary" in alone.note
    assert "Events read as time points: 'baseline_arm_1' pre, 'seg_24h_p1_arm_1' 24h" in alone.note


def test_birth_date_flagged_as_identifier_gives_the_age_and_is_not_kept(tmp_path):
    fields = FIELDS + "dob,patient,,text,Date of birth,,y\n"
    columns = COLUMNS.replace(",death_date\n", ",death_date,dob\n")
    result = _export(
        tmp_path,
        ["R1,baseline_arm_1,,,1,0,2021-03-01,L1,0,0,0,2,,,,1944-07-15"],
        fields,
        columns,
    )
    assert result.errors == []
    assert result.cohort.patients["age_years"].tolist() == [76]
    shown = " ".join(str(p) for p in result.problems)
    assert "1944" not in shown and "dob" not in result.cohort.patients.columns
