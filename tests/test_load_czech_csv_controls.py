"""A Czech ward's CSV: saved by Czech Excel in Windows-1250 (not 1252), the date of each
control beside its score (``Kontrola 3 m`` then ``VAS 3 m``), ``x`` keyed in a note as
not applicable (``x = neplatí``) and ``viz výkon 1`` (see operation 1) on a repeat
operation's row."""

from analysis.io.code_pages import central_european
from analysis.load import load_cohort

HEAD = "ID studie;Pohlaví;Věk;Výkon č.;Datum výkonu;Ošetřené obratle;VAS před;Kontrola 3 m;VAS 3 m;Zemřel(a)"
ROWS = [
    "OV-001;Ž;76;1;9.3.2021;Th10;8;14.6.2021;3;ne",
    "OV-002;M;71;1;14.7.2022;L1;9;18.10.2022;4;ano – 25.4.2023",
    "OV-003;Ž;68;1;24.3.2022;L2;7;20.6.2021;2;ne",
    "OV-001;Ž;77;2 (reop.);1.2.2022;Th11;9;x;x;viz výkon 1",
]
NOTE = "Vysvětlivky: VAS 0–10; x = neplatí; † = pacient v té době již nežil"


def _csv(path, rows=ROWS, note=NOTE):
    pad = ";" * HEAD.count(";")  # Excel writes every row as wide as the header
    text = "\r\n".join([HEAD, *rows, pad, f'"{note}"{pad}']) + "\r\n"
    path.write_bytes(text.encode("cp1250"))
    return path


def test_windows_1250_is_told_from_1252_by_its_letters():
    assert central_european("Věk;Zemřel(a);Ošetřené obratle;Výkon č.".encode("cp1250"))
    # Western text keeps Windows-1252: French, Icelandic, Catalan
    for text in ("Âge;Décédé;Fuite: oui", "Aldur;Þjóðerni;Dáinn", "Nivell;Data intervenció;Sí"):
        assert not central_european(text.encode("cp1252"))


def test_a_windows_1250_csv_reads_its_czech_headers(tmp_path):
    result = load_cohort(_csv(tmp_path / "input.csv"))
    patients = result.cohort.patients.set_index("patient_id")
    assert patients.loc["OV-002", "age_years"] == 71
    assert patients["died"].to_dict() == {"OV-001": False, "OV-002": True, "OV-003": False}
    pre = result.cohort.assessments.query("timepoint == 'pre'")
    assert len(pre) == 4  # "VAS před": the pre-operative score of every operation


def test_a_controls_dates_are_that_visits_and_checked(tmp_path):
    result = load_cohort(_csv(tmp_path / "input.csv"))
    errors = [str(p) for p in result.errors]
    # OV-003's 3-month control dated before the operation: named on its cell
    assert any("!H4 [Kontrola 3 m]" in e and "before its procedure" in e for e in errors)
    months = result.cohort.assessments.query("timepoint == '3m'")
    # the dates are no score; the visit of the bad date is left out, as any visit date's
    assert sorted(months["value"]) == [3, 4]
    assert sorted(months["day"]) == [96, 97]


def test_not_applicable_and_see_operation_1_are_no_errors(tmp_path):
    result = load_cohort(_csv(tmp_path / "input.csv"))
    assert [p.cell for p in result.errors] == ["H4"]
