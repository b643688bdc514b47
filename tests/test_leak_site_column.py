"""A column of leak sites beside a yes/no leakage column (``Zementaustritt`` ``Ja`` /
``Nein``, then ``Lokalisation``): codes a key on a cover sheet explains (``D = diskal``),
words, or levels with their sites (``BWK 9: D``) are read as the session's leakage; a
level the session did not treat is an error at its cell."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.io import RawSheet
from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.legend import read_key_lines
from analysis.normalize.headers import LEAK_LEVEL
from analysis.normalize.leakage_levels import SESSION_SITES, leak_site_pairs, with_codes
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_leak_level_column import _leaks

COVER = [
    ["Legende"],
    ["Zementaustritt Lokalisation: D = diskal, E = epidural, V = venös, P = paravertebral"],
]
HEADER = ["Pat.-Nr.", "Datum Eingriff", "Höhe(n)", "Zement total (ml)", "Zementaustritt", "Lokalisation"]  # fmt: skip
ROWS = [
    ["ZH-01", date(2021, 3, 1), "BWK 9, BWK 10", 7, "Ja", "BWK 9: D"],
    ["ZH-02", date(2021, 4, 2), "LWK 1", 5, "Ja", "V, P"],
    ["ZH-03", date(2021, 5, 3), "LWK 2", 4, "oui", "paravertébrale"],
    ["ZH-04", date(2021, 6, 4), "LWK 3", 4, "Nein", None],
    ["ZH-05", date(2021, 7, 5), "BWK 12", 3, "Ja", "E"],
]
EXPECTED = {
    ("ZH-01", "T9"): "disc",
    ("ZH-01", "T10"): "none",
    ("ZH-02", "L1"): "venous;paravertebral",
    ("ZH-03", "L2"): "paravertebral",
    ("ZH-04", "L3"): "none",
    ("ZH-05", "T12"): "epidural",
}
CODES = {"D": "disc", "E": "epidural", "V": "venous", "P": "paravertebral"}


@pytest.mark.parametrize(
    ("cell", "pairs"),
    [
        ("BWK 9: D", (("T9", "disc"),)),
        ("V, P", ((SESSION_SITES, "venous;paravertebral"),)),
        ("paravertébrale", ((SESSION_SITES, "paravertebral"),)),
        ("BWK 12: fuite discale", (("T12", "disc"),)),
        ("L3", None),  # a level alone: the leak level column's own reading
        ("Biopsie", None),
    ],
)
def test_a_leak_site_cell(cell, pairs):
    assert leak_site_pairs(cell, load_spec().column("procedures", "leakage"), CODES) == pairs


def test_codes_are_read_as_words_of_their_own():
    assert with_codes("BWK 9: D; D10: V", CODES) == "BWK 9: disc; D10: venous"


def test_a_key_line_on_a_cover_sheet_codes_the_data_sheets_column():
    cover = RawSheet("f.xlsx", "Deckblatt", [list(r) for r in COVER])
    data = RawSheet("f.xlsx", "Daten", [HEADER, *ROWS])
    assert read_key_lines(cover) is None  # no header of its own, no data sheet given
    legend = read_key_lines(cover, [data])
    assert legend is not None
    assert legend.columns == {"Zementaustritt": {**CODES}}


def test_the_sites_beside_a_yes_no_leakage(tmp_path):
    path = _workbook(tmp_path / "sites.xlsx", {"Deckblatt": COVER, "Daten": [HEADER, *ROWS]})
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert _leaks(loaded) == EXPECTED
    inspection = inspect_input(path)
    column = next(c for c in inspection.columns if c.letter == "F")
    assert column.label == LEAK_LEVEL.label
    assert "beside the leakage column 'Zementaustritt'" in column.reason
    written = tmp_path / "mapping.yaml"
    written.write_text(inspection.mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written)))
    assert mapped.cohort.procedures.equals(loaded.cohort.procedures)


def test_a_leak_at_a_level_not_treated_is_an_error_at_its_cell(tmp_path):
    rows = [HEADER, *ROWS[:2], ["ZH-06", date(2021, 8, 6), "LWK 1, LWK 2", 6, "Ja", "LWK 4: V"]]
    loaded = load_cohort(_workbook(tmp_path / "sites.xlsx", {"Deckblatt": COVER, "Daten": rows}))
    wrong = [(p.cell, p.column) for p in loaded.errors]
    assert wrong == [("F4", "Lokalisation")]
    assert "names leakage at L4, a level this session did not treat (L1, L2)" in loaded.errors[0].message  # fmt: skip
    leaks = _leaks(loaded)
    assert leaks[("ZH-06", "L1")] == leaks[("ZH-06", "L2")] == "None"
