"""A Turkish hospital system's log of events (';', decimal commas, upper-case Turkish):
one row per event in a record-type column that names the visits (``PREOP
DEĞERLENDİRME``, ``KONTROL - 3. AY``), the operation (one row per level), a new fracture
(``YENİ KIRIK``, its level in the level column; a second operation for one, ``AMELİYAT 2 -
YENİ KIRIK``, is an operation) and a death (``EX``, dated by the death);
the age is the system's at each row's date."""

from __future__ import annotations

from pathlib import Path

from analysis.normalize.timepoints import timepoint_of
from analysis.spec import normalize_text
from tests.test_lao_register import loaded_without_errors
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_ROWS = [
    "Hasta Kodu;Cinsiyet;Yaş;Kayıt Tipi;İşlem No;Tarih;Seviye;İşlem;Çimento Miktarı (ml);VAS",
    "TR-1;E;85;PREOP DEĞERLENDİRME;1;28.02.2022;;;;8",
    "TR-1;E;85;AMELİYAT;1;01.03.2022;L1;Vertebroplasti;3;",
    "TR-1;E;85;AMELİYAT;1;01.03.2022;L2;Vertebroplasti;4,5;",
    "TR-1;E;85;KONTROL - 1. HAFTA;1;08.03.2022;;;;4",
    "TR-1;E;85;KONTROL - 3. AY;1;09.06.2022;;;;2",
    "TR-1;E;86;YENİ KIRIK;;08.11.2022;T12;;;",
    "TR-2;K;59;PREOP DEĞERLENDİRME;1;21.04.2023;;;;9",
    "TR-2;K;59;AMELİYAT;1;22.04.2023;T12;Kifoplasti;2,5;",
    "TR-2;K;59;KONTROL - 1. HAFTA;1;29.04.2023;;;;6",
    "TR-2;K;59;KONTROL - 1. AY;1;19.05.2023;;;;3",
    "TR-2;K;60;KONTROL - 12. AY;1;14.10.2023;;;;5",
    "TR-2;K;60;EX;;17.02.2024;;;;",
    "TR-3;K;70;PREOP DEĞERLENDİRME;1;10.01.2023;;;;7",
    "TR-3;K;70;AMELİYAT;1;11.01.2023;L4;Vertebroplasti;4;",
    "TR-3;K;70;KONTROL - 1. AY;1;10.02.2023;;;;2",
    "TR-3;K;70;KONTROL - 3. AY;1;12.04.2023;;;;1",
    "TR-3;K;70;KONTROL - 6. AY;1;11.07.2023;;;;1",
    "TR-3;K;70;AMELİYAT 2 - YENİ KIRIK;2;20.07.2023;L1;Vertebroplasti;3,5;",
]


def test_upper_case_turkish_matches_its_lower_case_spelling() -> None:
    assert normalize_text("YENİ KIRIK") == normalize_text("yeni kırık") == "yeni kirik"
    assert timepoint_of("PREOP DEĞERLENDİRME") == "pre"
    assert timepoint_of("Preop değerlendirme") == "pre"


def test_a_turkish_log_of_events_with_a_new_fracture_and_a_death(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("\ufeff" + "\n".join(_ROWS) + "\n", "utf-8")
    result, patients = loaded_without_errors(path)
    assert patients["died"].map(bool).to_dict() == {"TR-1": False, "TR-2": True, "TR-3": False}
    assert patients.loc["TR-2", "death_day"] == 301  # 2023-04-22 to 2024-02-17
    assert patients["age_years"].to_dict() == {"TR-1": 85, "TR-2": 59, "TR-3": 70}
    procs = result.cohort.procedures
    assert procs[["patient_id", "level", "cement_volume_ml"]].values.tolist() == [
        ["TR-1", "L1", 3.0],
        ["TR-1", "L2", 4.5],
        ["TR-2", "T12", 2.5],
        ["TR-3", "L4", 4.0],
        ["TR-3", "L1", 3.5],  # a second operation for a new fracture: no fracture's row
    ]
    fractures = result.cohort.fractures
    assert fractures[["patient_id", "level", "day"]].values.tolist() == [["TR-1", "T12", 252]]
    scores = result.cohort.assessments.set_index(["patient_id", "timepoint"])["value"]
    assert scores.to_dict() == {("TR-1", "pre"): 8.0, ("TR-1", "1w"): 4.0, ("TR-1", "3m"): 2.0, ("TR-2", "pre"): 9.0, ("TR-2", "1w"): 6.0, ("TR-2", "1m"): 3.0, ("TR-2", "12m"): 5.0, ("TR-3", "pre"): 7.0, ("TR-3", "1m"): 2.0, ("TR-3", "3m"): 1.0, ("TR-3", "6m"): 1.0}  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)
