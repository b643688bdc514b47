"""A register typed from a paper book, every cell text with its unit or word: the unit or
the measure's name written before the number (``miaka 73`` years, ``ODI 64%``, cement
``ml 3.5, ml 4`` a vertebra each, ``jumla ml 7.5`` the session's total), a month's totals
row led by a total word and the month (``JUMLA FEBRUARI 2021``), a visit cell pointing to
the repeat operation's row (``tazama marudio``), and new fractures dated in a remarks
column beside a status column naming deaths (Swahili and English headers)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.load.records import _is_total_row
from analysis.normalize.cells import (
    WrittenTotal,
    is_missing,
    parse_number,
    parse_score,
    parse_volume,
    parse_volumes,
)
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = [
    "Na.",
    "Tarehe ya upasuaji / Date of op",
    "Namba ya utafiti / Study No.",
    "Umri / Age",
    "Jinsia / Sex",
    "Upasuaji / Procedure",
    "Pingili / Level",
    "Saruji / Cement",
    "Maumivu kabla / VAS pre",
    "Maumivu miezi 3 / VAS 3m",
    "ODI kabla / pre",
    "Hali / Status",
    "Maelezo / Remarks",
]
_ROWS = [
    [
        "16/02/2021",
        "ST-01",
        "miaka 73",
        "ME",
        "VP",
        "T12",
        "ml 4.5",
        "9/10",
        "tazama marudio",
        "ODI 58%",
        "hai",
        "kuvunjika kupya T11 tarehe 13/05/2021; amerudi kwa marudio",
    ],
    [
        "JUMLA FEBRUARI 2021",
        None,
        None,
        None,
        "VP 1, KP 0",
        "pingili 1",
        "ml 4.5",
        None,
        None,
        None,
        None,
        None,
    ],
    [
        "06/04/2021",
        "ST-02",
        "miaka 77",
        "ME",
        "VP",
        "L4, L5",
        "jumla ml 7.5",
        "6/10",
        "4/10",
        "ODI 78%",
        "alifariki 14/11/2021",
        "chemo inaendelea",
    ],
    [
        "30/05/2021",
        "ST-03",
        "miaka 64",
        "KE",
        "VP",
        "L2",
        "ml 55",
        "9/10",
        "hakuja",
        "ODI 54%",
        "hai",
        None,
    ],
    [
        "31/05/2021",
        "ST-01",
        "miaka 73",
        "ME",
        "VP - marudio (repeat)",
        "T11",
        "ml 3.5",
        "6/10",
        "4/10",
        "ODI 76%",
        "kama juu",
        "marudio ya mgonjwa wa 16/02/2021",
    ],
    [
        "JUMLA MEI 2021",
        None,
        None,
        None,
        "VP 2, KP 0",
        "pingili 2",
        "ml 9.0",
        None,
        None,
        None,
        None,
        None,
    ],
    [
        "25/07/2021",
        "ST-04",
        "miaka 63",
        "KE",
        "VP",
        "T9, T10",
        "ml 4, ml 6",
        "6/10",
        "3/10",
        "ODI 70%",
        "hai",
        "kuvunjika kupya L1 tarehe 14/11/2021; corset",
    ],
    [
        "01/09/2021",
        "ST-05",
        "miaka 80",
        "ME",
        "VP",
        "T7",
        "ml 3",
        "7/10",
        "2/10",
        "ODI 64%",
        "alifariki 06/12/2022",
        "radiotherapy baadae",
    ],
    *(
        [
            f"0{n}/10/2021",
            f"ST-0{n}",
            f"miaka 6{n}",
            "KE",
            "VP",
            "L1",
            f"ml {n}.5",
            "8/10",
            "hakuja",
            "ODI 60%",
            None,
            None,
        ]
        for n in range(6, 10)
    ),
]


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "REJISTA"
    ws.append(["REJISTA YA VERTEBROPLASTY / KYPHOPLASTY"])
    ws.append([])
    ws.append(_HEADER)
    number = 0
    for row in _ROWS:  # a running number on each operation's row, none on a totals row
        number += row[1] is not None
        ws.append([None if row[1] is None else str(number), *row])
    wb.save(path)
    return path


def test_a_unit_or_measure_name_before_the_number() -> None:
    assert parse_number("miaka 73") == 73
    spec = load_spec()
    assert parse_score("ODI 64%", spec.measures["odi"], None) == 64
    assert parse_score("ODI 64 %", spec.measures["odi"], None) == 64
    assert parse_score("VAS 7", spec.measures["pain_vas"], None) == 7


def test_cement_with_its_millilitres_written_first() -> None:
    assert parse_volume("ml 3.5") == 3.5
    assert parse_volume("ml 55") == 55
    assert parse_volumes("ml 4, ml 4.5") == (4.0, 4.5)
    total = parse_volume("jumla ml 7.5")
    assert total == 7.5 and isinstance(total, WrittenTotal)


def test_a_pointer_to_the_repeat_operation_is_no_value() -> None:
    assert is_missing("tazama marudio")


def test_a_total_word_with_its_month_leads_a_totals_row() -> None:
    assert _is_total_row([None, "JUMLA FEBRUARI 2021", None, "wagonjwa 1", "ml 4.5"])
    assert _is_total_row(["Total", 3, 4])
    assert not _is_total_row([None, "JUMLA", "ml 4.5"])  # no period: not said so
    assert not _is_total_row([None, "ST-01", "miaka 73"])


def test_a_register_of_text_cells(tmp_path: Path) -> None:
    path = _register(tmp_path / "rejista.xlsx")
    loaded = load_cohort(path)
    errors = [p for p in loaded.problems if p.severity == ERROR]
    # the one impossible cement (55 mL for one vertebra) is the only error; the totals
    # rows are no patients, "tazama marudio" no score, the ages and ODI read
    assert [(p.row, p.column) for p in errors] == [(7, "Saruji / Cement")]
    assert "0-30" in errors[0].message
    cohort = loaded.cohort
    patients = cohort.patients.set_index("patient_id")
    assert sorted(patients.index) == [f"ST-0{n}" for n in range(1, 10)]
    assert patients.loc["ST-02", "age_years"] == 77
    assert bool(patients.loc["ST-02", "died"]) and not bool(patients.loc["ST-04", "died"])
    procs = cohort.procedures.set_index(["patient_id", "level"])
    assert procs.loc[("ST-04", "T9"), "cement_volume_ml"] == 4
    assert procs.loc[("ST-04", "T10"), "cement_volume_ml"] == 6
    assert procs.loc[("ST-01", "T11"), "cement_volume_ml"] == 3.5
    assert procs.loc[("ST-02", "L4"), "session_cement_volume_ml"] == 7.5
    assert procs.loc[("ST-07", "L1"), "cement_volume_ml"] == 7.5
    odi = cohort.assessments[cohort.assessments["measure"] == "odi"]
    assert sorted(odi["value"]) == [54, 58, *[60] * 4, 64, 70, 76, 78]
    fractures = cohort.fractures.set_index("patient_id")
    assert sorted(fractures.index) == ["ST-01", "ST-04"]
    assert fractures.loc["ST-01", "level"] == "T11" and fractures.loc["ST-04", "level"] == "L1"
    _reproduced_by_its_mapping(path, tmp_path)
