"""A Galician register written as CSV: the score before the operation headed 'EVA previa' /
'ODI previo', 'non acudiu' for a visit missed, 'hemanxioma' for an etiology, and birth
dates with a two-digit year ('22/7/48') that would lie in the future in this century."""

from __future__ import annotations

from datetime import date

from analysis.load import load_cohort
from analysis.normalize.dates import _year

CSV = """\
"Nº","NHC","Apelidos, Nome","Data nac.","Idade","Sexo","Etioloxía","Data intervención","Técnica","Niveis","EVA previa","EVA 3 meses","ODI previo","ODI 3 meses"
1,"1506812","Iglesias Sotelo, Ramón","22/7/48",73,"home","hemanxioma","19/10/21","CP","D9","8,6 cm","2,5",54,20
2,"3652872","Rodríguez Lema, Dolores","23/7/45",76,"muller","osteoporótica","8/11/21","VP","L4","8 cm","non acudiu (chamada sen resposta)",72,"non acudiu"
"""


def _loaded(tmp_path):
    path = tmp_path / "input.csv"
    path.write_text(CSV, "utf-8")
    return load_cohort(path)


def test_the_score_before_is_read_from_previa_and_previo(tmp_path):
    scores = _loaded(tmp_path).cohort.assessments
    pre = scores[scores["timepoint"] == "pre"]
    got = {(p, m): v for p, m, v in zip(pre["patient_id"], pre["measure"], pre["value"], strict=True)}  # fmt: skip
    assert got == {("1", "pain_vas"): 8.6, ("1", "odi"): 54, ("2", "pain_vas"): 8, ("2", "odi"): 72}


def test_a_visit_not_come_to_and_a_haemangioma_raise_no_error(tmp_path):
    loaded = _loaded(tmp_path)
    assert loaded.errors == []
    etiology = loaded.cohort.patients.set_index("patient_id")["etiology"].to_dict()
    assert etiology["1"] == "other"


def test_a_two_digit_birth_year_to_come_is_of_the_last_century(tmp_path):
    loaded = _loaded(tmp_path)
    assert not [p for p in loaded.problems if p.column == "Data nac."]
    ages = loaded.cohort.patients.set_index("patient_id")["age_years"].to_dict()
    assert ages == {"1": 73, "2": 76}
    this_year = date.today().year % 100
    assert _year(f"{this_year:02d}") == 2000 + this_year
    assert _year(f"{this_year + 1:02d}") == 1901 + this_year
