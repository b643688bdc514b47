"""A patient card's follow-up rows led by a word for the session and its number
(``Séance 2 avant``, ``Séance 2, 1 mois``, perhaps in two languages) are that session's
visits; a new-fracture label beside a word for none in two languages (``គ្មាន /
Aucune``) says the patient had none, so the cards that name a fracture with its date
are read."""

from __future__ import annotations

from analysis.load import inspect_input, load_cohort
from analysis.normalize.timepoints import session_named_first
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook


def test_a_visit_led_by_a_numbered_session_word_is_that_sessions():
    assert session_named_first("Séance 2, 1 mois") == ("1m", 2)
    assert session_named_first("Session 2 pre-op") == ("pre", 2)
    assert session_named_first("វគ្គ២ មុនវះ / Séance 2 avant") == ("pre", 2)
    assert session_named_first("Session 2") is None
    assert session_named_first("Session 12 months") is None


def _card(study: str, second: bool, fracture: str) -> list[list[object]]:
    rows: list[list[object]] = [
        ["Fiche de suivi", None, None, None],
        ["Code", study, None, None],
        ["Sexe", "F", None, None],
        [None] * 4,
        ["Séance", "Date", "Niveau", "Volume (ml)"],
        [1, "10/07/2020", "T9", 3.0],
    ]
    if second:
        rows.append([2, "17/03/2021", "T8", 4.0])
    rows += [
        [None] * 4,
        ["Moment", "Date", "VAS (0-10)", "ODI (%)"],
        ["មុនវះ / Avant", "10/07/2020", 8, 60],
        ["១ខែ / 1 mois", "14/08/2020", 4, 40],
    ]
    if second:
        rows += [
            ["វគ្គ២ មុនវះ / Séance 2 avant", "17/03/2021", 6, 58],
            ["វគ្គ២ ១ខែ / Séance 2, 1 mois", "16/04/2021", 1, 45],
        ]
    rows += [[None] * 4, ["បាក់ឆ្អឹងថ្មី / Nouvelle fracture", fracture, None, None]]
    return rows


def test_second_session_visits_and_bilingual_none_on_cards(tmp_path):
    cards = {
        "SR-01": _card("SR-01", True, "T8 — 18/03/2021"),
        "SR-02": _card("SR-02", False, "គ្មាន / Aucune"),
        "SR-03": _card("SR-03", False, "គ្មាន / Aucune"),
        "SR-04": _card("SR-04", True, "T7 — 21/02/2021"),
        "SR-05": _card("SR-05", False, "L2 — 17/06/2021"),
        "SR-06": _card("SR-06", False, "L1 — 19/09/2020"),
    }
    path = _workbook(tmp_path / "cards.xlsx", cards)
    loaded = load_cohort(path)
    a = loaded.cohort.assessments
    second = a[(a["procedure_id"] == "SR-01-2") & (a["measure"] == "pain_vas")]
    assert sorted(zip(second["timepoint"], second["value"], strict=True)) == [("1m", 1.0), ("pre", 6.0)]  # fmt: skip
    fractures = loaded.cohort.fractures
    assert sorted(fractures["level"]) == ["L1", "L2", "T7", "T8"]
    assert not [p for p in loaded.problems if p.severity == ERROR]
    how = " ".join(inspect_input(path).to_frame()["how"].astype(str))
    assert "led by its session's number" in how
    assert any("2 new-fracture label(s) with a word for none" in str(p) for p in loaded.problems)
