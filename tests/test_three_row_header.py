"""One row per patient with everything across under three header rows: outermost groups
naming the first procedure, its follow-up, a new fracture and a second procedure
(``PROĊEDURA 1``, ``KSUR ĠDID``, ``PROĊEDURA 2``), sub-groups naming vertebrae and
visits, and the columns' names repeated under them (``Data``, ``Livell``, ``VAS``).
Maltese words for causes, leaks and a cell pointing to the second procedure."""

from __future__ import annotations

from datetime import datetime

from analysis.load import load_cohort
from analysis.normalize import is_missing
from tests.test_any_workbook import _workbook

_GROUPS = ["PAZJENT", None, None, "PROĊEDURA 1", None, None, None, None, None, "SEGWITU", None, None, "KSUR ĠDID", None, "PROĊEDURA 2 (għal ksur ġdid)", None, None, None, None]  # fmt: skip
_SUBS = [None, None, None, None, None, "Vertebra A", None, "Vertebra B", None, "Qabel (pre-op)", None, "6 ġimgħat", None, None, None, None, None, None, None]  # fmt: skip
_NAMES = ["ID tal-Istudju", "Età", "Kawża (dijanjosi)", "Data", "Teknika", "Livell", "Tnixxija", "Livell", "Tnixxija", "VAS", "ODI", "VAS", "Data", "Livell", "Data", "Teknika", "Livell", "Volum (ml)", "VAS qabel"]  # fmt: skip


def _row(pid, cause, levels, leaks, second=None):
    first = [pid, 70, cause, datetime(2020, 2, 26), "VP", levels[0], leaks[0]]
    first += [levels[1], leaks[1]] if len(levels) > 1 else [None, None]
    first += [8, 60, 3]
    if second is None:
        return first + [None] * 7
    return [*first, datetime(2021, 2, 10), second, datetime(2021, 2, 18), "KP", second, 6, 9]


def test_three_header_rows(tmp_path):
    rows = [
        ["Reġistru"],
        _GROUPS,
        _SUBS,
        _NAMES,
        _row("VLT-1", "Ksur osteoporotiku", ["T12"], ["Xejn"], second="L1"),
        _row("VLT-2", "Majeloma multipla", ["L2", "L3"], ["diska", "venuża"]),
        _row("VLT-3", "Trawma", ["T9"], ["paravertebrali + diska"]),
    ]
    rows[6][11] = "ara Proċ. 2"
    merges = [("R", "A2:C2"), ("R", "D2:I2"), ("R", "J2:L2"), ("R", "M2:N2"), ("R", "O2:S2")]
    merges += [("R", "F3:G3"), ("R", "H3:I3"), ("R", "J3:K3")]
    loaded = load_cohort(_workbook(tmp_path / "v.xlsx", {"R": rows}, merges))
    assert loaded.errors == []
    procs = loaded.cohort.procedures
    got = {(p, lv): (d, t) for p, lv, d, t in zip(procs["patient_id"], procs["level"], procs["day"], procs["technique"], strict=True)}  # fmt: skip
    assert got[("VLT-1", "T12")] == (0, "vertebroplasty")
    assert got[("VLT-1", "L1")] == (358, "kyphoplasty")  # the second procedure, on its date
    assert ("VLT-2", "L3") in got  # Vertebra B
    leaks = dict(zip(procs["level"], procs["leakage"], strict=True))
    assert leaks["L2"] == "disc" and leaks["L3"] == "venous" and leaks["T12"] == "none"
    fractures = loaded.cohort.fractures
    assert list(zip(fractures["patient_id"], fractures["level"], strict=True)) == [("VLT-1", "L1")]
    causes = loaded.cohort.patients.set_index("patient_id")["etiology"]
    assert list(causes) == ["osteoporotic", "pathologic", "traumatic"]
    second = procs[(procs["patient_id"] == "VLT-1") & (procs["day"] == 358)]["procedure_id"]
    scores = loaded.cohort.assessments.set_index(["procedure_id", "measure", "timepoint"])
    assert scores.loc[(second.iloc[0], "pain_vas", "pre"), "value"] == 9  # VAS qabel of proc 2


def test_a_cell_pointing_to_the_second_procedure_is_missing():
    assert is_missing("ara Proċ. 2") and is_missing("Xejn") is False
