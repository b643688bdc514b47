"""A workbook whose cells are numeric codes explained on a legend sheet, and the row
counter beside its study IDs: written from a synthetic cohort whose truth the generator
knows."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import yaml

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.legend import read_legend
from analysis.normalize import parse_cell
from analysis.schema import Cohort
from analysis.spec import load_spec
from analysis.synth import synthesize
from tests.test_any_workbook import _workbook

START = date(2021, 3, 1)


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(12, seed=20261121)


def _vertebra_rows(truth: Cohort) -> list[dict[str, object]]:
    """One row per treated vertebra of the first session, the patient's cells repeated."""
    patients = truth.patients.set_index("patient_id")
    procs = truth.procedures[truth.procedures["day"] == 0].sort_values(["patient_id", "level"])
    rows = []
    for p in procs.to_dict("records"):
        pid = str(p["patient_id"])
        rows.append({"pid": pid, "sex": str(patients.loc[pid, "sex"]), "age": int(patients.loc[pid, "age_years"]), "died": bool(patients.loc[pid, "died"]), "level": str(p["level"]), "technique": str(p["technique"])})  # fmt: skip
    return rows


def test_a_row_counter_with_a_note_under_it_yields_the_study_id_to_its_named_column(tmp_path, truth):  # fmt: skip
    """``No`` (1, 2, 3 ... down the rows, a note line under them) and ``ID patient`` both
    name the study ID: the counter is not it, though the note breaks its count."""
    rows: list[list[object]] = [["No", "ID patient", "Sex", "Age", "Date", "Level"]]
    for k, r in enumerate(_vertebra_rows(truth), 1):
        rows.append([k, r["pid"], r["sex"], r["age"], START, r["level"]])
    rows += [[], ["Note: blank cells were not assessed."]]
    path = _workbook(tmp_path / "counter.xlsx", {"Data": rows})
    readings = {c.letter: c.label for c in inspect_input(path).columns}
    assert readings["A"] is None
    assert readings["B"] == "patients.patient_id"
    cohort = load_cohort(path).cohort
    assert set(cohort.patients["patient_id"]) == {r["pid"] for r in _vertebra_rows(truth)}


SEX = {"male": 1, "female": 2}
TECHNIQUE = {"vertebroplasty": 1, "kyphoplasty": 2}
# headers in Swahili with their English beside, legend words in three languages
HEADERS = ["Nambari", "Jinsia (sex)", "Study ID", "Procedure date", "Level", "Mbinu (technique)", "VAS pre", "Alikufa (died)"]  # fmt: skip

# one legend, written in three layouts units use
BLOCKS = {  # field -> (code, meaning) pairs
    "Jinsia (sex)": [(1, "Gabo / homme / male"), (2, "Gore / femme / female")],
    "Mbinu (technique)": [
        (1, "Vertébroplastie (VP)"),
        (2, "Cyphoplastie / kyphoplasty (KP, ballon)"),
    ],
    "Alikufa (died)": [(1, "Yego / oui / yes"), (2, "Oya / non / no")],
    "Tous": [(99, "Ntibyakozwe / non fait")],
}


def _legend(layout: str) -> list[list[object]]:
    if layout == "pairs":  # "field | 1 = x; 2 = y"
        return [["Variable", "Codes"]] + [
            [field, "; ".join(f"{c} = {m.replace(', ', ' ')}" for c, m in pairs)]
            for field, pairs in BLOCKS.items()
        ]
    rows: list[list[object]] = [["Variable", "Code", "Ibisobanuro"]]
    for field, pairs in BLOCKS.items():
        if layout == "blocks":  # the field's name alone over "code | meaning" rows
            rows.append([field])
            rows += [[c, m] for c, m in pairs]
            rows.append([])
        else:  # "field | code | meaning", the field named on its first row only
            rows += [[field if k == 0 else None, c, m] for k, (c, m) in enumerate(pairs)]
    return rows


def _coded(truth: Cohort, layout: str, *, legend: bool = True) -> dict[str, list[list[object]]]:
    """One row per vertebra, sex, technique and death as codes, 99 where pain was not
    assessed; the codes explained on a legend sheet."""
    pain = truth.assessments[(truth.assessments["measure"] == "pain_vas") & (truth.assessments["timepoint"] == "pre")]  # fmt: skip
    pre = dict(zip(pain["patient_id"].astype(str), pain["value"], strict=True))
    rows: list[list[object]] = [["Rejista ya vertebroplasty 2021"], [], HEADERS]
    for k, r in enumerate(_vertebra_rows(truth), 1):
        score = pre.get(str(r["pid"]), 99)
        died = 1 if r["died"] else 2
        rows.append([k, SEX[str(r["sex"])], r["pid"], START, r["level"], TECHNIQUE[str(r["technique"])], score, died])  # fmt: skip
    sheets = {"Data": rows}
    if legend:
        sheets["Legend"] = _legend(layout)
    return sheets


def _loaded(truth: Cohort, cohort: Cohort) -> None:
    """The coded cells read as the truth's values; a pain not assessed is missing."""
    got = cohort.patients.set_index("patient_id")
    want = truth.patients.set_index("patient_id").loc[got.index]
    assert list(got["sex"].astype(str)) == list(want["sex"].astype(str))
    assert list(got["died"].astype(bool)) == list(want["died"].astype(bool))
    procs = cohort.procedures.sort_values(["patient_id", "level"])
    techniques = [str(r["technique"]) for r in _vertebra_rows(truth)]
    assert list(procs["technique"].astype(str)) == techniques
    assert not (cohort.assessments["value"] == 99).any()


@pytest.mark.parametrize("layout", ["rows", "blocks", "pairs"])
def test_a_legend_sheet_gives_the_codes_of_the_columns_it_names(tmp_path, truth, layout):
    path = _workbook(tmp_path / f"{layout}.xlsx", _coded(truth, layout))
    result = load_cohort(path)
    _loaded(truth, result.cohort)
    assert not result.errors
    assert any(p.rule == "legend" and "3 column(s)" in p.message and "99" in p.message for p in result.problems)  # fmt: skip


def test_a_legend_is_shown_in_inspect_and_written_in_the_mapping(tmp_path, truth):
    """inspect names the legend; the mapping it writes holds the codes by column, and
    passed back unedited, loads the same cohort, even from the data without their legend."""
    path = _workbook(tmp_path / "coded.xlsx", _coded(truth, "rows"))
    inspection = inspect_input(path)
    legend = next(s for s in inspection.sheets if s.sheet == "Legend")
    assert legend.status == "legend"
    assert "the codes of 3 column(s)" in legend.note
    columns = {c.letter: c for c in inspection.columns}
    assert columns["B"].label == "patients.sex"
    assert set(columns["B"].examples) == {"male", "female"}
    written = inspection.mapping()
    assert written["missing"] == ["99"]
    data = written["tables"][0]["columns"]  # type: ignore[index]
    assert data["B"]["values"] == {"1": "male", "2": "female"}
    assert data["F"]["values"] == {"1": "vertebroplasty", "2": "kyphoplasty"}
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(inspection.mapping_yaml(), "utf-8")
    unaided = load_cohort(path).cohort
    bare = _workbook(tmp_path / "bare.xlsx", _coded(truth, "rows", legend=False))
    for source in (path, bare):
        mapped = load_cohort(source, options_from_mapping(read_mapping(mapping))).cohort
        for table in ("patients", "procedures", "assessments", "fractures"):
            pd.testing.assert_frame_equal(getattr(mapped, table), getattr(unaided, table))
    assert yaml.safe_load(mapping.read_text("utf-8"))["missing"] == ["99"]


def test_a_code_the_legend_does_not_list_is_an_error_on_its_cell(tmp_path, truth):
    sheets = _coded(truth, "rows")
    sheets["Data"][5][1] = 7  # Excel row 6, column B
    result = load_cohort(_workbook(tmp_path / "seven.xlsx", sheets))
    bad = [p for p in result.errors if p.row == 6]
    assert [(p.column, p.value, p.rule) for p in bad] == [("Jinsia (sex)", "7", "code")]
    assert bad[0].message.startswith("code 7 is not among the codes given for this column (1 = male, 2 = female)")  # fmt: skip


def test_a_score_beside_a_value_map_is_no_code(tmp_path, truth):
    """Only a coded field's cells are codes: a number out of range elsewhere keeps its
    own message though its column has a value map."""
    sheets = _coded(truth, "rows")
    sheets["Data"][5][6] = 15  # pain 15 on a 0-10 scale
    options = LoadOptions(value_maps={"VAS pre": {"11": "10"}})
    result = load_cohort(_workbook(tmp_path / "fifteen.xlsx", sheets), options)
    bad = [p for p in result.errors if p.row == 6]
    assert [(p.column, p.rule) for p in bad] == [("VAS pre", "range")]


def test_a_calcium_phosphate_written_short_is_read():
    column = load_spec().column("procedures", "cement_type")
    assert parse_cell("Ca-phosphate", column) == "calcium phosphate"


def test_a_short_sheet_of_scores_is_no_legend(tmp_path, truth):
    """A sheet of one score a row (study ID, score, time point) reads like codes beside
    meanings under each patient's ID; it names no header of another sheet, so it is
    read as data."""
    rows = _vertebra_rows(truth)
    data: list[list[object]] = [["Study ID", "Sex", "Age", "Procedure date", "Level"]]
    data += [[r["pid"], r["sex"], r["age"], START, r["level"]] for r in rows]
    pids = sorted({str(r["pid"]) for r in rows})
    visits: list[list[object]] = [["Study ID", "VAS", "Visit"]]
    visits += [[pid, score, point] for pid in pids for score, point in ((8, "pre"), (3, "1 month"))]  # fmt: skip
    path = _workbook(tmp_path / "scores.xlsx", {"Data": data, "VAS": visits})
    assert read_legend(RawSheet("scores.xlsx", "VAS", visits)) is not None  # codes-like
    result = load_cohort(path)
    assert not any(p.rule == "legend" for p in result.problems)
    assert len(result.cohort.assessments) == 2 * len(pids)


def test_a_legend_among_a_units_exports_gives_their_codes(tmp_path, truth):
    """A directory of exports: the data as one CSV, the legend as another."""
    sheets = _coded(truth, "rows")
    folder = tmp_path / "exports"
    folder.mkdir()
    for name, rows in sheets.items():
        lines = [",".join("" if c is None else str(c) for c in row) for row in rows]
        (folder / f"{name.lower()}.csv").write_text("\n".join(lines) + "\n", "utf-8")
    result = load_cohort(folder)
    _loaded(truth, result.cohort)
    assert any(p.rule == "legend" for p in result.problems)
    assert "legend" in {s.status for s in inspect_input(folder).sheets}


def test_a_codebook_of_variables_labels_and_codes(tmp_path, truth):
    """An export's codebook: one row per variable (short name, label, codes or unit),
    ``999`` meaning no data in every numeric column; the variables' short names over the
    labels of the data sheet. A session number's codes ("1 = first, 2 = repeat") are no
    values: its column keeps its numbers."""
    names = ["pt_kod", "seans", "tarix", "feqere", "cins", "yas", "texnika", "vas0", "etiol"]
    labels = ["Study ID", "Session", "Procedure date", "Level", "Sex", "Age", "Technique", "VAS pre", "Etiology"]  # fmt: skip
    rows: list[list[object]] = [names, labels]
    for r in _vertebra_rows(truth):
        vas = 999 if r["pid"].endswith("1") else 6
        cause = 2 if r["pid"].endswith("2") else 1
        rows.append([r["pid"], 1, START, r["level"], SEX[r["sex"]], r["age"], TECHNIQUE[r["technique"]], vas, cause])  # fmt: skip
    codebook = [
        ["Variable", "Label", "Codes / unit"],
        ["pt_kod", "Study code", "XX-nn"],
        ["seans", "Session", "1 = first operation, 2 = repeat operation"],
        ["tarix", "Date of operation", "yyyy-mm-dd"],
        ["cins", "Sex", "1 = male, 2 = female"],
        ["yas", "Age", "years"],
        ["texnika", "Technique", "1 = vertebroplasty (VP), 2 = kyphoplasty (KP, balloon)"],
        ["vas0", "Pain before", "0-10"],
        ["etiol", "Cause of the fracture", "1 = osteoporosis, 2 = metastasis"],
        [],
        ["999", "no data", "in every numeric column"],
    ]
    path = _workbook(tmp_path / "codebook.xlsx", {"Data": rows, "Codebook": codebook})
    loaded = load_cohort(path)
    assert [p for p in loaded.errors] == []
    cohort = loaded.cohort
    sex = cohort.patients.set_index("patient_id")["sex"].astype(str).to_dict()
    assert sex == {r["pid"]: r["sex"] for r in _vertebra_rows(truth)}
    techniques = set(zip(cohort.procedures["level"].astype(str), cohort.procedures["technique"].astype(str), strict=True))  # fmt: skip
    assert techniques == {(r["level"], r["technique"]) for r in _vertebra_rows(truth)}
    sessions = cohort.procedures.groupby("patient_id")["procedure_id"].nunique()
    assert sessions.eq(1).all()
    assert not cohort.procedures["procedure_id"].astype(str).str.contains("operation").any()
    causes = cohort.patients.set_index("patient_id")["etiology"].astype(str).to_dict()
    assert causes == {r["pid"]: "pathologic" if r["pid"].endswith("2") else "osteoporotic" for r in _vertebra_rows(truth)}  # fmt: skip
    pain = cohort.assessments.set_index("patient_id")["value"].to_dict()
    assert pain == {r["pid"]: 6.0 for r in _vertebra_rows(truth) if not r["pid"].endswith("1")}


# a codes sheet of a unit writing its meanings twice, in its own language and in English
_CODES_HEADER = ["variable", "code", "മലയാളം", "English"]
_CODED_HEADER = ["record_id", "proc_date", "sex", "age", "cause", "technique"]
_CODED_DATA = [
    [*_CODED_HEADER, "level_1", "leak_1", "level_2", "leak_2"],
    ["KL-1", START, 2, 81, 1, 1, "L1", 0, "L2", 2],
    ["KL-2", START, 1, 74, 4, 2, "T12", 1, None, None],
    ["KL-3", START, 2, 69, 2, 1, "L3", "1,2", "L4", "3"],
]


def _codes_book(tmp_path, codes: list[list[object]], data=None) -> Cohort:
    path = _workbook(tmp_path / "codes.xlsx", {"data": data or _CODED_DATA, "codes": [_CODES_HEADER, *codes]})  # fmt: skip
    result = load_cohort(path)
    assert result.errors == []
    assert any(p.rule == "legend" and p.sheet == "codes" for p in result.problems)
    return result.cohort


def _uncaused(rows: list[list[object]]) -> list[list[object]]:
    """The data without their cause and technique columns."""
    return [row[:4] + row[6:] for row in rows]


def _leaks(cohort: Cohort) -> dict[tuple[str, str], str]:
    procs = cohort.procedures
    return {(str(p), str(lv)): str(k) for p, lv, k in zip(procs["patient_id"], procs["level"], procs["leakage"], strict=True)}  # fmt: skip


def test_a_codes_meaning_written_in_a_column_per_language_is_read_by_the_one_the_field_knows(tmp_path):  # fmt: skip
    """``cause | 1 | ഓസ്റ്റിയോപൊറോസിസ് | osteoporosis``: the unit's own word is no etiology
    the vocabulary knows, its English beside it is."""
    codes = [
        ["sex", 1, "പുരുഷൻ", "male"], ["sex", 2, "സ്ത്രീ", "female"],
        ["cause", 1, "ഓസ്റ്റിയോപൊറോസിസ്", "osteoporosis"], ["cause", 2, "മെറ്റാസ്റ്റാസിസ്", "metastasis"],
        ["cause", 4, "അപകടം / വീഴ്ച", "trauma"],
        ["technique", 1, "വെർട്ടിബ്രോപ്ലാസ്റ്റി", "vertebroplasty"], ["technique", 2, "കൈഫോപ്ലാസ്റ്റി", "kyphoplasty"],
    ]  # fmt: skip
    data = [row[:7] for row in _CODED_DATA]
    cohort = _codes_book(tmp_path, codes, data)
    patients = cohort.patients.set_index("patient_id")
    assert patients["etiology"].astype(str).to_dict() == {"KL-1": "osteoporotic", "KL-2": "traumatic", "KL-3": "pathologic"}  # fmt: skip
    assert patients["sex"].astype(str).to_dict() == {"KL-1": "female", "KL-2": "male", "KL-3": "female"}  # fmt: skip
    techniques = dict(zip(cohort.procedures["patient_id"], cohort.procedures["technique"].astype(str), strict=True))  # fmt: skip
    assert techniques == {"KL-1": "vertebroplasty", "KL-2": "kyphoplasty", "KL-3": "vertebroplasty"}


def test_a_codes_entry_naming_its_columns_as_a_numbered_range_codes_each_of_them(tmp_path):
    """``leak_1..2``: the codes of ``leak_1`` and ``leak_2``."""
    codes = [["sex", 1, "male"], ["sex", 2, "female"]]
    codes += [["leak_1..2", k, meaning] for k, meaning in enumerate(["no leak", "disc", "venous", "paravertebral"])]  # fmt: skip
    data = [row if row[0] != "KL-3" else [*row[:7], 2, "L4", 3] for row in _CODED_DATA]
    cohort = _codes_book(tmp_path, codes, _uncaused(data))
    assert _leaks(cohort) == {
        ("KL-1", "L1"): "none", ("KL-1", "L2"): "venous", ("KL-2", "T12"): "disc",
        ("KL-3", "L3"): "venous", ("KL-3", "L4"): "paravertebral",
    }  # fmt: skip


def test_a_cell_listing_several_codes_reads_each_code(tmp_path):
    """``1,2`` in a leak column whose codes are 1 disc and 2 venous: both leaks."""
    codes = [["sex", 1, "male"], ["sex", 2, "female"]]
    for column in ("leak_1", "leak_2"):
        codes += [[column, k, meaning] for k, meaning in enumerate(["no leak", "disc", "venous", "paravertebral"])]  # fmt: skip
    cohort = _codes_book(tmp_path, codes, _uncaused(_CODED_DATA))
    assert _leaks(cohort)[("KL-3", "L3")] == "disc;venous"
    assert _leaks(cohort)[("KL-3", "L4")] == "paravertebral"
