"""Every word of the language vocabulary files is read as what it is declared to mean, and no
word means two things: data_schema/vocabulary-languages-hy-am-si-ur-mn-bg-sk-sl-zh.yaml (the
fifth blind batch's languages), data_schema/vocabulary-languages-world.yaml (the next) and
the Somali, Tok Pisin, Lingala and Tajik files after them."""

from __future__ import annotations

from importlib import resources

import pytest

from analysis.load.roles import sheet_role
from analysis.normalize import match_header, parse_cell
from analysis.normalize.cells import is_missing, not_assessed, parse_boolean
from analysis.normalize.headers import header_candidates
from analysis.normalize.timepoints import timepoint_of
from analysis.spec import load_spec, normalize_text, read_yaml

FILES = (
    "vocabulary-languages-hy-am-si-ur-mn-bg-sk-sl-zh.yaml",
    "vocabulary-languages-world.yaml",
    "vocabulary-languages-so.yaml",
    "vocabulary-languages-tpi.yaml",
    "vocabulary-languages-ln.yaml",
    "vocabulary-languages-tg.yaml",
)
# A number of each unit that names a schema time point ("24 ժամ", "2 tedna", "3 сар").
_UNIT_NUMBER = {"hours": (24, "24h"), "days": (7, "1w"), "weeks": (2, "2w"), "months": (3, "3m"), "years": (1, "12m")}  # fmt: skip


def _raw(name: str) -> dict:
    folder = resources.files("analysis").joinpath("data_schema")
    return read_yaml(folder.joinpath(name).read_text("utf-8"))


def _entries(kind: str) -> list[tuple[str, str, str]]:
    """(file, field, word) of one kind of entry in every language file."""
    out = []
    for name in FILES:
        raw = _raw(name)
        if kind == "header":
            for field, spec in raw.get("extend", {}).items():
                out += [(name, field, w) for w in spec.get("synonyms", ())]
        elif kind == "value":
            for field, spec in raw.get("extend", {}).items():
                for value, words in (spec.get("values") or {}).items():
                    out += [(name, f"{field}={value}", w) for w in words]
        elif kind == "date":
            for date_kind, words in raw.get("date_columns", {}).items():
                out += [(name, date_kind, w) for w in words]
        elif kind == "unit":
            for unit, words in raw.get("timepoints", {}).get("units", {}).items():
                out += [(name, unit, w) for w in words]
        else:
            out += [(name, kind, w) for w in raw.get(kind, ())]
    return out


def test_every_header_word_names_its_field():
    wrong = [
        (f, field, w, None if (t := match_header(w)) is None else t.label)
        for f, field, w in _entries("header")
        if (t := match_header(w)) is None or t.label != field
    ]
    assert wrong == []


def test_every_value_word_reads_as_its_value():
    spec = load_spec()
    wrong = []
    for f, key, w in _entries("value"):
        field, value = key.split("=")
        table, column = field.split(".")
        col = spec.column(table, column)
        got = parse_cell(w, col)
        if got != value and not (column == "leakage" and got == "none" and value == "none"):
            wrong.append((f, key, w, got))
    assert wrong == []


def test_every_date_header_names_its_date():
    wrong = [
        (f, kind, w)
        for f, kind, w in _entries("date")
        if getattr(match_header(w), "column", None) != kind
    ]
    assert wrong == []


def test_every_time_unit_reads_with_a_number():
    wrong = []
    for f, unit, w in _entries("unit"):
        n, point = _UNIT_NUMBER[unit]
        if timepoint_of(f"{n} {w}") != point:
            wrong.append((f, unit, w, timepoint_of(f"{n} {w}")))
    assert wrong == []


def test_every_before_word_is_the_baseline():
    words = [w for name in FILES for w in _raw(name).get("timepoints", {}).get("before", ())]
    assert [w for w in words if timepoint_of(w) != "pre"] == []


def test_every_follow_up_word_leaves_the_interval_it_stands_beside():
    """A word for a check or a visit carries no meaning of its own: "Eftirlit 2 vikur",
    "Kontrole 1 nedēļa" and "Lawatan susulan 3 bulan" are the interval they name."""
    words = [w for name in FILES for w in _raw(name).get("timepoints", {}).get("fillers", ())]
    assert len(words) > 50
    assert [w for w in words if timepoint_of(f"{w} 2 weeks") != "2w"] == []
    world = _raw(FILES[1])["timepoints"]["fillers"]
    assert [w for w in world if timepoint_of(w) is not None] == []  # alone, no time point


def test_every_mobility_word_names_the_measure():
    words = [w for name in FILES for w in _raw(name).get("measures", {}).get("mobility", ())]
    assert words
    wrong = [(w, t) for w in words if (t := match_header(w)) is None or t.label != "mobility@?"]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("Eftirlit 1 mán. eftir aðgerð 2", "1m"),  # a visit after the second procedure
        ("1 month after 2nd procedure", "1m"),
        ("6 weeks after procedure 2", "6w"),
        ("fu2_1m_arm_1", "1m"),  # an event's name, its visit word numbered by the procedure
        ("FU2 3m", "3m"),
        ("fu2_arm_1", None),
        ("Kontrole 1 nedēļa", "1w"),
        ("Aðgerð 2", None),  # the second procedure itself: no interval
        ("procedure 2", None),
        ("Level 2", None),
    ],
)
def test_a_visit_named_after_a_numbered_session(text, point):
    assert timepoint_of(text) == point


def test_every_yes_no_missing_and_death_word_reads_so():
    booleans = {name: _raw(name).get("booleans", {}) for name in FILES}
    for words in booleans.values():
        assert [w for w in words.get("true", ()) if parse_boolean(w) is not True] == []
        assert [w for w in words.get("false", ()) if parse_boolean(w) is not False] == []
    assert [w for _, _, w in _entries("missing_tokens") if not is_missing(w)] == []
    assert [w for _, _, w in _entries("not_assessed") if not not_assessed(w)] == []


def test_pain_words_name_the_pain_score():
    words = [w for name in FILES for w in _raw(name).get("measures", {}).get("pain_vas", ())]
    assert [w for w in words if getattr(match_header(w), "measure", None) != "pain_vas"] == []


def test_no_word_means_yes_or_no_and_also_a_sex_or_a_missing_cell():
    """A word of these files for "no" that is "yes", "female" or "missing" in another
    language (of any file) is never declared for every column: it would belong in
    value_conventions, read only beside its partner."""
    spec = load_spec()

    def folded(words) -> set[str]:
        return {normalize_text(w) for w in words}

    sexes = folded(spec.column("patients", "sex").value_lookup())
    yes, no = folded(spec.true_tokens), folded(spec.false_tokens)
    missing = folded(spec.missing_tokens)
    ours_yes = folded(w for name in FILES for w in _raw(name).get("booleans", {}).get("true", ()))
    ours_no = folded(w for name in FILES for w in _raw(name).get("booleans", {}).get("false", ()))
    ours_sex = folded(w for _, key, w in _entries("value") if key.startswith("patients.sex="))
    ours_missing = folded(w for _, _, w in _entries("missing_tokens"))
    assert ours_yes & no == set()
    assert ours_no & yes == set()
    assert (ours_yes | ours_no) & (sexes | missing) == set()
    assert ours_sex & (yes | no | missing) == set()
    assert ours_missing & (yes | no | sexes) == set()


@pytest.mark.parametrize(
    ("value", "column", "canonical"),
    [
        ("naine", "sex", "female"),  # Estonian
        ("mees", "sex", "male"),
        ("femër", "sex", "female"),  # Albanian
        ("owesifazane", "sex", "female"),  # Zulu
        ("ស្រី", "sex", "female"),  # Khmer
        ("metastāzes", "etiology", "pathologic"),  # Latvian
        ("prometna nesreća", "etiology", "traumatic"),  # Croatian
        ("Mwasi", "sex", "female"),  # Lingala
        ("Mobali", "sex", "male"),
        ("Lésion lytique secondaire (néo pulmonaire)", "etiology", "pathologic"),
    ],
)
def test_values_of_the_next_languages(value, column, canonical):
    assert parse_cell(value, load_spec().column("patients", column)) == canonical


def test_tajik_and_russian_card_words():
    """A Tajik card's birth date (``Санаи таваллуд``), its outcome line (``Натиҷа``: died),
    and a table titled as new fractures in Tajik with a Russian gloss."""
    assert match_header("Санаи таваллуд").label == "identifier:birth_date"
    assert match_header("Натиҷа (охири мушоҳида)").label == "patients.died"
    assert sheet_role("ШИКАСТИ НАВ (новый перелом)") == "fractures"
    assert sheet_role("Новый перелом") == "fractures"


def test_french_and_lingala_clinic_shorthand():
    """``RAS`` (rien à signaler) is no leak; ``n.f.`` (non fait) and ``ayaki te`` (did not
    come) are missing scores; ``akufi`` (has died) is a score not taken for a death."""
    assert parse_cell("RAS", load_spec().column("procedures", "leakage")) == "none"
    assert is_missing("n.f.") and is_missing("ayaki te")
    assert not_assessed("akufi")


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("2 tjedna", "2w"),  # Croatian
        ("3 kuud", "3m"),  # Estonian
        ("6 mēneši", "6m"),  # Latvian
        ("miezi 3", "3m"),  # Swahili
        ("3 ខែ", "3m"),  # Khmer
        ("၃ လ", "3m"),  # Burmese, with its own digit
        ("੬ ਮਹੀਨੇ", "6m"),  # Punjabi, Gurmukhi digit
        ("24 ժամ", "24h"),  # Armenian
        ("1 ամիս հետո", "1m"),
        ("ফলো-আপ ৩ মাস", "3m"),  # Bengali: follow-up, with a Bengali digit
        ("ফলো-আপ ১ সপ্তাহ", "1w"),
        ("սեպտեմբեր", None),  # a month's name is no interval
    ],
)
def test_time_points_of_the_next_languages(text, point):
    assert timepoint_of(text) == point


@pytest.mark.parametrize(
    ("header", "not_named"),
    [
        ("Value", "pain_vas@?"),  # Estonian 'valu' (pain) would name it by its stem
        ("Mail", "procedures.level"),  # Basque 'maila' (level)
        ("Seen on", "date:visit_date"),  # 'date seen' would take a new fracture's date
    ],
)
def test_everyday_headers_are_not_taken_by_a_word_of_another_language(header, not_named):
    assert not_named not in {t.label for t, _ in header_candidates(header)}


def test_a_latvian_unit_reads_its_sex_codes_cements_leakage_and_new_fractures(tmp_path):
    """S and V (sieviete, vīrietis) read only beside each other; 'nav' (none) is no leakage
    and no new fracture; 'kalcija fosfāts' is calcium phosphate; a new fracture's level and
    date in one cell under 'Jauni lūzumi'; the date of death by its header."""
    import openpyxl

    from analysis.load import load_cohort

    wb = openpyxl.Workbook()
    patients = wb.active
    patients.title = "Pacienti"
    for row in [
        ["Pētījuma Nr.", "Dzimums", "Vecums (gadi)", "Miris", "Miršanas datums", "Jauni lūzumi"],
        ["R1", "S", 80, "nē", None, "L2 (01.08.2021)"],
        ["R2", "V", 70, "jā", "20.03.2022", "nav"],
        ["R3", "S", 75, "nē", None, "nav"],
        ["R4", "S", 85, "nē", None, "Th11 (11.11.2021)"],
        ["R5", "V", 66, "nē", None, "L1 (05.01.2022)"],
    ]:
        patients.append(row)
    procedures = wb.create_sheet("Procedūras")
    for row in [
        ["Pētījuma Nr.", "Datums", "Skriemelis", "Cements", "Tilpums, ml", "Cementa noplūde"],
        ["R1", "01.06.2021", "Th12", "kalcija fosfāts", 3.5, "nav"],
        ["R2", "01.07.2021", "L1", "PMMA", 4, "diskā"],
        ["R3", "01.09.2021", "L3", "kalcija fosfāts", 2.5, "nav"],
        ["R4", "01.10.2021", "L4", "PMMA", 3, "vēnās"],
        ["R5", "01.12.2021", "L2", "PMMA", 5, "nav"],
    ]:
        procedures.append(row)
    path = tmp_path / "lv.xlsx"
    wb.save(path)
    result = load_cohort(path)
    assert result.errors == []
    c = result.cohort
    assert dict(zip(c.patients["patient_id"], c.patients["sex"], strict=True)) == {
        "R1": "female",
        "R2": "male",
        "R3": "female",
        "R4": "female",
        "R5": "male",
    }
    assert list(c.procedures["cement_type"]) == ["calcium phosphate", "PMMA", "calcium phosphate", "PMMA", "PMMA"]  # fmt: skip
    assert list(c.procedures["leakage"]) == ["none", "disc", "none", "venous", "none"]
    assert [(p, str(lv), int(d)) for p, lv, d in zip(c.fractures["patient_id"], c.fractures["level"], c.fractures["day"], strict=True)] == [("R1", "L2", 61), ("R4", "T11", 41), ("R5", "L1", 35)]  # fmt: skip
    died = c.patients.set_index("patient_id")
    assert bool(died.loc["R2", "died"]) and int(died.loc["R2", "death_day"]) == 262


def test_an_albanian_row_per_patient_with_its_second_session_marked_s2(tmp_path):
    """'Data S2', 'Vertebra S2', 'VAS para S2': a second session's columns marked after
    their field; Albanian 'Teknika', 'Rrjedhje', 'Vdekur', 'pas 24 orëve', 'fosfat
    kalciumi', 's/b' (not done) and a new fracture's 'Niveli i frakturës së re' / 'Data e
    frakturës'."""
    from analysis.load import load_cohort

    header = (
        "Nr. studimi;Data e ndërhyrjes;Teknika;Vertebra;Vol. (ml);Rrjedhje;Çimento;VAS para;"
        "VAS pas 24 orëve;Niveli i frakturës së re;Data e frakturës;Data S2;Teknika S2;"
        "Vertebra S2;Vol. S2 (ml);Rrjedhje S2;Çimento S2;VAS para S2;Vdekur\n"
    )
    rows = [
        "TR-1;01.03.2021;VP;L1;4;jo;PMMA;8;3;L2;20.05.2021;"
        "01.06.2021;KP;L2;5;po - venoze;PMMA;9;jo",
        "TR-2;01.04.2021;KP;T12;3,5;jo;fosfat kalciumi;7;2;;;;;;;;;;po",
        "TR-3;01.05.2021;VP;L3;6;po - epidurale;PMMA;9;s/b;;;;;;;;;;jo",  # s/b: not done
        "TR-4;01.07.2021;VP;T8;2,5;jo;fosfat kalciumi;6;1;T9;01.10.2021;"
        "15.10.2021;VP;T9;3;jo;PMMA;7;jo",
    ]
    path = tmp_path / "tirane.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    result = load_cohort(path)
    assert result.errors == []
    c = result.cohort
    procs = c.procedures.sort_values(["patient_id", "day"])
    got = [
        (p, int(d), str(lv), t, float(v), cem, leak)
        for p, d, lv, t, v, cem, leak in zip(
            procs["patient_id"], procs["day"], procs["level"], procs["technique"],
            procs["cement_volume_ml"], procs["cement_type"], procs["leakage"], strict=True,
        )
    ]  # fmt: skip
    assert got == [
        ("TR-1", 0, "L1", "vertebroplasty", 4.0, "PMMA", "none"),
        ("TR-1", 92, "L2", "kyphoplasty", 5.0, "PMMA", "venous"),
        ("TR-2", 0, "T12", "kyphoplasty", 3.5, "calcium phosphate", "none"),
        ("TR-3", 0, "L3", "vertebroplasty", 6.0, "PMMA", "epidural"),
        ("TR-4", 0, "T8", "vertebroplasty", 2.5, "calcium phosphate", "none"),
        ("TR-4", 106, "T9", "vertebroplasty", 3.0, "PMMA", "none"),
    ]
    a = c.assessments.merge(c.procedures[["procedure_id", "day"]].drop_duplicates(), on="procedure_id")  # fmt: skip
    pain = {(p, int(d), t): v for p, d, t, v in zip(a["patient_id"], a["day_y"], a["timepoint"], a["value"], strict=True)}  # fmt: skip
    assert pain[("TR-1", 92, "pre")] == 9 and pain[("TR-4", 106, "pre")] == 7
    assert pain[("TR-1", 0, "24h")] == 3 and pain[("TR-1", 0, "pre")] == 8
    assert ("TR-3", 0, "24h") not in pain and pain[("TR-3", 0, "pre")] == 9
    assert dict(zip(c.patients["patient_id"], c.patients["died"], strict=True)) == {
        "TR-1": False,
        "TR-2": True,
        "TR-3": False,
        "TR-4": False,
    }
    fractures = [(p, str(lv), int(d)) for p, lv, d in zip(c.fractures["patient_id"], c.fractures["level"], c.fractures["day"], strict=True)]  # fmt: skip
    assert fractures == [("TR-1", "L2", 80), ("TR-4", "T9", 92)]


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("VAS 1 mj.", "1m"),  # Croatian 'mj.' for mjesec
        ("VAS 6 mj.", "6m"),
        ("VAS 1 haftadan keyin", "1w"),  # Uzbek: 'after 1 week' (ablative -dan)
        ("VAS 1 oydan keyin", "1m"),
        ("VAS 6 oydan keyin", "6m"),
    ],
)
def test_abbreviated_and_inflected_intervals_name_their_time_point(text, point):
    target = match_header(text)
    assert target is not None and target.measure == "pain_vas" and target.timepoint == point


@pytest.mark.parametrize(
    ("column", "word", "value"),
    [
        (("patients", "sex"), "аёл", "female"),
        (("patients", "sex"), "эркак", "male"),
        (("procedures", "cement_type"), "kalsiy fosfat", "calcium phosphate"),
        (("procedures", "leakage"), "yo'q", "none"),
        (("procedures", "leakage"), "disk ichiga", "disc"),
        (("procedures", "leakage"), "venoz", "venous"),
    ],
)
def test_uzbek_values_in_both_scripts(column, word, value):
    assert parse_cell(word, load_spec().column(*column)) == value


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("सिमेन्ट मात्रा (ml)", "procedures.cement_volume_ml"),
        ("नयाँ फ्र्याक्चर (New #)", "fractures.level"),
        ("नयाँ फ्र्याक्चर मिति (Date)", "date:fracture_date"),
    ],
)
def test_nepali_headers(header, label):
    target = match_header(header)
    assert target is not None and target.label == label


def test_nepali_none_is_no_leakage_and_no():
    assert parse_cell("छैन", load_spec().column("procedures", "leakage")) == "none"
    assert parse_boolean("छैन") is False


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("Operatsiya sanasi", "date:procedure_date"),
        ("Usul (VP / KP)", "procedures.technique"),
        ("Umurtqa darajasi", "procedures.level"),
        ("Sement hajmi (jami)", "procedures.cement_volume_ml"),
        ("Sement turi", "procedures.cement_type"),
        ("Sement oqishi", "procedures.leakage"),
        ("Yangi sinish (daraja)", "fractures.level"),
        ("Yangi sinish sanasi", "date:fracture_date"),
    ],
)
def test_uzbek_headers(header, label):
    target = match_header(header)
    assert target is not None and target.label == label


def test_an_albanian_and_serbian_cards_status_age_and_cause():
    """A card's outcome line (``Statusi në fund / Ishod``: alive ``Gjallë``, ``Živ(a)``;
    died ``Ndërroi jetë më 14.08.2022``: passed away on that date), the age with its
    word for years (``64 vjeç``, ``61 god.``) and a cause in Serbian Cyrillic."""
    from datetime import date

    from analysis.normalize.deaths import death_in_remark, names_death

    spec = load_spec()
    assert match_header("Statusi në fund / Ishod:").label == "patients.died"
    died = spec.column("patients", "died")
    assert [parse_cell(v, died) for v in ("Gjallë", "Živ(a)", "Жив(а)")] == [False] * 3
    assert names_death("Ndërroi jetë më 14.08.2022")
    assert death_in_remark("Ndërroi jetë më 14.08.2022") == date(2022, 8, 14)
    assert not names_death("Gjallë më 14.08.2022")
    assert not names_death("02/06/2022 09:48:22")  # a timestamp: a date and a time, no words
    age = spec.column("patients", "age_years")
    assert [parse_cell(v, age) for v in ("64 vjeç", "61 god.", "78 год.")] == [64, 61, 78]
    assert parse_cell("Трауматски прелом", spec.column("patients", "etiology")) == "traumatic"


def test_swahili_none_is_no_new_fracture():
    """``Hakuna`` (there is none) in a new fracture's column of levels and dates."""
    from analysis.normalize.content import column_fit
    from analysis.normalize.headers import LEVEL_DATE

    assert parse_boolean("Hakuna") is False
    cells = ["Hakuna", "L1 - 15/10/2021", "Hakuna", "T11 - 03/09/2022 (kikao cha 2)"]
    fit = column_fit(cells, LEVEL_DATE)
    assert (fit.n_values, fit.n_parsed) == (2, 2)
