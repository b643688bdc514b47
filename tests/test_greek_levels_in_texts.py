"""Greek levels written inside texts, and a second session's column read by its cells.

A Cypriot register writes thoracic levels with Θ (θωρακικός) and lumbar ones with the
Greek capital omicron Ο (οσφυϊκός), inside a leakage cell naming each level's sites
(``Θ9 παρασπονδυλική, Θ10 όχι``) and inside a new fracture's cell beside its date
(``Θ12 – 31/12/21 (→ 2η επέμβαση)``); ``Δ/Α`` (not recorded) leaves a cell empty. Its
procedures sheet has a block per session under merged ``1η επέμβαση`` / ``2η επέμβαση``
groups, and the cement brand's header (``Τσιμέντο``) names no field the loader knows, so
the column is read by its cells: in the second block it is the second session's.
"""

from __future__ import annotations

from datetime import datetime

from analysis.levels import latin_twin_levels
from analysis.load import inspect_input, load_cohort
from analysis.normalize.dates import split_level_dates
from analysis.normalize.leakage_levels import sites_by_level
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def test_a_lookalike_capital_glued_to_a_number_is_a_level_letter_and_words_stay():
    assert latin_twin_levels("Θ12 – 31/12/21") == "T12 – 31/12/21"
    assert latin_twin_levels("Ο1 όχι, ΟΧΙ Ο 2") == "L1 όχι, ΟΧΙ Ο 2"


def test_a_greek_level_beside_a_fracture_date():
    found = split_level_dates("Θ12 – 31/12/21 (→ 2η επέμβαση)", "dmy")
    assert found == [("T12", datetime(2021, 12, 31).date())]


def test_greek_levels_each_with_their_leak_sites():
    leakage = load_spec().column("procedures", "leakage")
    pairs = sites_by_level("Θ9 παρασπονδυλική, Θ10 όχι", leakage)
    assert pairs == (("T9", "paravertebral"), ("T10", "none"))
    assert sites_by_level("Ο1 όχι, Ο2 φλεβική", leakage) == (("L1", "none"), ("L2", "venous"))


def _register(path):
    patients = [
        ["Κωδικός", "Φύλο (Α/Γ)", "Ηλικία", "Νέο κάταγμα"],
        ["ΣΠ-01", "Γ", 78, "Όχι"],
        ["ΣΠ-02", "Α", 71, "Θ12 – 31/12/21 (→ 2η επέμβαση)"],
        ["ΣΠ-03", "Γ", 70, "Όχι"],
    ]
    fields = ["Ημερομηνία", "Τεχνική", "Επίπεδο/α", "Όγκος τσιμέντου (ml)", "Τσιμέντο", "Διαφυγή τσιμέντου"]  # fmt: skip
    procedures = [
        [
            "Κωδικός",
            "1η επέμβαση",
            None,
            None,
            None,
            None,
            None,
            "2η επέμβαση",
            None,
            None,
            None,
            None,
            None,
        ],
        [None, *fields, *fields],
        [
            "ΣΠ-01",
            datetime(2021, 10, 4),
            "Σπονδυλοπλαστική",
            "Θ9, Θ10",
            "6,9",
            "Osteopal V",
            "Θ9 παρασπονδυλική, Θ10 όχι",
            datetime(2022, 2, 1),
            "Σπονδυλοπλαστική",
            "Θ8",
            3,
            "Osteopal V",
            "Όχι",
        ],
        [
            "ΣΠ-02",
            datetime(2021, 5, 30),
            "Σπονδυλοπλαστική",
            "Ο1",
            4,
            "Kyphon HV-R",
            "Δ/Α",
            datetime(2022, 1, 7),
            "Κυφοπλαστική",
            "Θ12",
            "3,6",
            "Kyphon HV-R",
            "Όχι",
        ],
        [
            "ΣΠ-03",
            datetime(2021, 12, 9),
            "Σπονδυλοπλαστική",
            "Ο1, Ο2",
            9,
            "Vertecem V+",
            "Ο1 όχι, Ο2 φλεβική",
            datetime(2022, 3, 9),
            "Κυφοπλαστική",
            "Ο3",
            4,
            "Φωσφορικό ασβέστιο",
            "Όχι",
        ],
    ]
    merges = [("Επεμβάσεις", r) for r in ("A1:A2", "B1:G1", "H1:M1")]
    return _workbook(path, {"Ασθενείς": patients, "Επεμβάσεις": procedures}, merges)


def test_a_greek_register_reads_its_levels_in_texts_and_its_second_block(tmp_path):
    path = _register(tmp_path / "nicosia.xlsx")
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    procs = loaded.cohort.procedures
    got = {
        (p, lv): (
            leak if isinstance(leak, str) else None,
            cement if isinstance(cement, str) else None,
        )
        for p, lv, leak, cement in procs[
            ["procedure_id", "level", "leakage", "cement_type"]
        ].itertuples(index=False)
    }
    assert got == {
        ("ΣΠ-01-1", "T9"): ("paravertebral", "PMMA"),
        ("ΣΠ-01-1", "T10"): ("none", "PMMA"),
        ("ΣΠ-01-2", "T8"): ("none", "PMMA"),
        ("ΣΠ-02-1", "L1"): (None, "PMMA"),
        ("ΣΠ-02-2", "T12"): ("none", "PMMA"),
        ("ΣΠ-03-1", "L1"): ("none", "PMMA"),
        ("ΣΠ-03-1", "L2"): ("venous", "PMMA"),
        ("ΣΠ-03-2", "L3"): ("none", "calcium phosphate"),
    }
    fx = loaded.cohort.fractures
    assert fx[["patient_id", "level", "day"]].values.tolist() == [["ΣΠ-02", "T12", 215]]
    hows = {c.letter: c.reason for c in inspect_input(path).columns if c.sheet == "Επεμβάσεις"}
    assert "the second session's" in hows["L"] and "the second session's" not in hows["F"]
    _reproduced_by_its_mapping(path, tmp_path)
