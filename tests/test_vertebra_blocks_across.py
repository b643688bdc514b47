"""One row per patient, each treated vertebra in its own numbered block of columns
(``Vertebra 1``: level, volume, leakage; ``Vertebra 2``: the same), under a header of
three rows whose cells are merged down over the rows below them (``Study ID`` over all
three, ``Pre`` over the lower two under its ``VAS`` group); a Malay register's words, its
key line defining a marker of a missed visit (``TH = tidak hadir``); a Bengali register's
vertebra blocks (``কশেরুকা ২``) and the ditto word on a patient's later row (``ঐ``)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from analysis.io import RawSheet
from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.header_sessions import _slot_target
from analysis.load.legend import read_key_lines
from analysis.normalize import Target
from tests.test_any_workbook import _workbook

_TOP = ["Study ID", "Age", "Procedure", None, None, None, None, None, None, None, "VAS", None]
_MIDDLE = [None, None, "Date", "Technique", "Vertebra 1", None, None, "Vertebra 2", None, None, "Pre", "1 month"]  # fmt: skip
_LEAVES = [None, None, None, None, "Level", "Volume (ml)", "Leakage", "Level", "Volume (ml)", "Leakage", None, None]  # fmt: skip
_MERGES = ["A1:A3", "B1:B3", "C1:J1", "C2:C3", "D2:D3", "E2:G2", "H2:J2", "K1:L1", "K2:K3", "L2:L3"]  # fmt: skip


def _volumes(loaded) -> dict[tuple[str, str], tuple[float, str | None]]:
    procs = loaded.cohort.procedures
    cells = zip(procs["patient_id"], procs["level"], procs["cement_volume_ml"], procs["leakage"], strict=True)  # fmt: skip
    return {(p, lv): (v, None if pd.isna(lk) else lk) for p, lv, v, lk in cells}


def _scores(loaded) -> dict[tuple[str, str, int], float]:
    """(patient, time point, session by date) -> the score."""
    procs = loaded.cohort.procedures.drop_duplicates("procedure_id")
    order = procs.sort_values(["patient_id", "day"]).groupby("patient_id").cumcount() + 1
    session = {pid: int(order[i]) for i, pid in procs["procedure_id"].items()}
    a = loaded.cohort.assessments
    cells = zip(a["patient_id"], a["timepoint"], a["procedure_id"], a["value"], strict=True)
    return {(p, t, session[s]): v for p, t, s, v in cells}


def test_vertebra_blocks_under_a_three_row_header_merged_down(tmp_path):
    rows = [
        _TOP,
        _MIDDLE,
        _LEAVES,
        ["VB-1", 71, datetime(2022, 3, 1), "VP", "T12", 4.5, "none", "L1", 5, "disc", 8, 3],
        ["VB-2", 80, datetime(2022, 4, 2), "KP", "L2", 6, "venous", None, None, None, 7, 2],
        ["VB-3", 66, datetime(2022, 5, 3), "VP", "T8", 3, "none", None, None, None, 9, 4],
    ]
    path = _workbook(tmp_path / "v.xlsx", {"Register": rows}, [("Register", m) for m in _MERGES])
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert _volumes(loaded) == {
        ("VB-1", "T12"): (4.5, "none"),
        ("VB-1", "L1"): (5.0, "disc"),
        ("VB-2", "L2"): (6.0, "venous"),
        ("VB-3", "T8"): (3.0, "none"),
    }
    ages = dict(zip(loaded.cohort.patients["patient_id"], loaded.cohort.patients["age_years"], strict=True))  # fmt: skip
    assert ages == {"VB-1": 71, "VB-2": 80, "VB-3": 66}
    scores = _scores(loaded)
    assert scores[("VB-1", "pre", 1)] == 8 and scores[("VB-2", "1m", 1)] == 2
    inspection = inspect_input(path)
    assert inspection.sheets[0].header_row == 3
    written = tmp_path / "mapping.yaml"
    written.write_text(inspection.mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written)))
    assert mapped.cohort.procedures.equals(loaded.cohort.procedures)
    assert mapped.cohort.assessments.equals(loaded.cohort.assessments)


_TITLE = 'Daftar VP/KP.  TH = tidak hadir;  "-" = tiada data.  Sel kuning = kebocoran simen.'
_MS_TOP = ["No. Kajian", "Umur", "Sesi 1", None, None, None, None, None, None, None, "Skor VAS (0-10)", None, "VAS Sesi 2", None, "Sesi 2 (fraktur baru)", None, None]  # fmt: skip
_MS_MIDDLE = [None, None, "Tarikh", "Teknik", "Vertebra 1", None, None, "Vertebra 2", None, None, "Pra", "1 bln", "Pra", "1 mgg", "Tarikh", "Aras", "Isipadu (ml)"]  # fmt: skip
_MS_LEAVES = [None, None, None, None, "Aras", "Isipadu (ml)", "Kebocoran", "Aras", "Isipadu (ml)", "Kebocoran", None, None, None, None, None, None, None]  # fmt: skip
_MS_MERGES = ["A2:A4", "B2:B4", "C2:J2", "C3:C4", "D3:D4", "E3:G3", "H3:J3", "K2:L2", "K3:K4", "L3:L4", "M2:N2", "M3:M4", "N3:N4", "O2:Q2", "O3:O4", "P3:P4", "Q3:Q4"]  # fmt: skip
_MS_ROWS = [
    ["PG-1", 71, "01/03/2022", "VP", "T12", 4.5, "Tiada", "L1", 5, "Cakera", 8, "TH", None, None, None, None, None],
    ["PG-2", 80, "2-Apr-22", "KP", "L2", 6, "Paravertebra, Vena", "-", None, None, 7, 2, 6, 3, "20/06/2022", "L3", 4],
    ["PG-3", 66, "03/05/2022", "VP", "T8", 3, "Tiada", "-", None, None, 9, 4, None, None, None, None, None],
]  # fmt: skip


def test_a_malay_register_of_vertebra_blocks(tmp_path):
    rows = [[_TITLE], _MS_TOP, _MS_MIDDLE, _MS_LEAVES, *_MS_ROWS]
    merges = [("Daftar", m) for m in _MS_MERGES]
    loaded = load_cohort(_workbook(tmp_path / "m.xlsx", {"Daftar": rows}, merges))
    assert loaded.errors == []
    assert _volumes(loaded) == {
        ("PG-1", "T12"): (4.5, "none"),
        ("PG-1", "L1"): (5.0, "disc"),
        ("PG-2", "L2"): (6.0, "venous;paravertebral"),
        ("PG-2", "L3"): (4.0, None),
        ("PG-3", "T8"): (3.0, "none"),
    }
    scores = _scores(loaded)
    assert ("PG-1", "1m", 1) not in scores  # TH: did not attend
    assert scores[("PG-2", "1m", 1)] == 2 and scores[("PG-2", "1w", 2)] == 3
    assert scores[("PG-2", "pre", 2)] == 6
    said = [p.message for p in loaded.problems if p.rule == "legend"]
    assert said == ["a key line on the sheet read: TH read as missing in every column"]


def test_a_key_line_defines_the_sheets_missing_markers():
    sheet = RawSheet("f.xlsx", "Daftar", [[_TITLE], ["No. Kajian", "Kebocoran"], ["PG-1", "TH"]])
    legend = read_key_lines(sheet)
    assert legend is not None and legend.missing == ("TH",) and legend.columns == {}
    coded = RawSheet("f.xlsx", "D", [["Kebocoran: D = disc, V = vena"], ["Kebocoran"], ["D"]])
    legend = read_key_lines(coded)
    assert legend is not None and legend.missing == ()  # codes of a column, no marker


def test_a_session_named_between_the_measure_and_its_time_point():
    pre = Target("measure", measure="pain_vas", timepoint="pre")
    assert _slot_target("VAS Sesi 2 Pra", {}) == (pre, 0, 2)
    assert _slot_target("VAS pre-op (2nd)", {}) == (pre, 0, 2)


_BN_GROUPS = ["রোগীর তথ্য", None, None, None, "প্রসিডিউর", None, None, "কশেরুকা ১", None, None, "কশেরুকা ২", None, None, "ব্যথা VAS (0-10)", None]  # fmt: skip
_BN_SUBS = ["স্টাডি আইডি", "বয়স", "লিঙ্গ", "রোগ নির্ণয়", "সেশন", "তারিখ", "পদ্ধতি", "লেভেল", "সিমেন্ট (ml)", "লিকেজ", "লেভেল", "সিমেন্ট (ml)", "লিকেজ", "প্রি-অপ", "১ মাস"]  # fmt: skip

_BN_ROWS = [
    ["CMC-1", 74, "মহিলা", "অস্টিওপোরোটিক", "১ম", "14/12/2022", "VP", "L1", 2, "নেই", "L2", "৫", "ডিস্ক", 8, "আসেননি"],
    ["CMC-1", "ঐ", "ঐ", "ঐ", "২য় (নতুন ফ্র্যাকচার)", "13/03/2023", "VP", "D9", 3.5, "নেই", None, None, None, 7, 2],
    ["CMC-2", 68, "পুরুষ", "হেমানজিওমা", "১ম", "12/11/2022", "KP", "D10", 4, "নেই", None, None, None, 9, 3],
]  # fmt: skip


def test_a_bengali_register_of_vertebra_blocks_and_ditto_rows(tmp_path):
    rows = [_BN_GROUPS, _BN_SUBS, *_BN_ROWS]
    merges = [("R", m) for m in ("A1:D1", "E1:G1", "H1:J1", "K1:M1", "N1:O1")]
    loaded = load_cohort(_workbook(tmp_path / "b.xlsx", {"R": rows}, merges))
    assert loaded.errors == []
    assert _volumes(loaded) == {
        ("CMC-1", "L1"): (2.0, "none"),
        ("CMC-1", "L2"): (5.0, "disc"),
        ("CMC-1", "T9"): (3.5, "none"),
        ("CMC-2", "T10"): (4.0, "none"),
    }
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients.loc["CMC-1", "sex"] == "female" and patients.loc["CMC-1", "age_years"] == 74
    assert patients.loc["CMC-2", "etiology"] == "other"
    scores = _scores(loaded)
    assert ("CMC-1", "1m", 1) not in scores and scores[("CMC-1", "1m", 2)] == 2
    ditto = [p for p in loaded.problems if p.rule == "same_as_before"]
    assert len(ditto) == 3 and all("(rows 4)" in p.message for p in ditto)
