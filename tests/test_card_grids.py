"""Patient cards whose follow-up is a grid of time points across (``| Basale | 1 mese |
6 mesi``) with a row of the visits' dates (``Data``) over the score rows, a second grid
under a title naming the second session (``FOLLOW-UP dopo 2ª seduta``), new fractures
written as label-value pairs under their title (``Data | 14/04/2023 | Livello | D8``), and
an index sheet listing the cards. Each visit's date is that visit's (checked against its
procedure), the second grid's scores and dates are the second session's, the pairs are
the fracture's, and the mapping ``inspect`` writes loads the same cohort."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping

_POINTS = ("Basale", "1 mese", "6 mesi")


def _card(ws: openpyxl.worksheet.worksheet.Worksheet, pid: str, k: int, second: bool) -> None:
    rows: list[list[object]] = [
        ["SCHEDA PAZIENTE"],
        [],
        ["Codice studio", pid],
        ["Sesso", "F" if k % 2 else "M"],
        ["Eziologia", "Osteoporosi"],
        ["Esito", "Vivente"],
        [],
        ["PROCEDURE"],
        ["Seduta", "Data", "Livello", "Tecnica", "Cemento (ml)", "Stravaso"],
        ["1ª", f"{13 + k}/03/2022", "L1", "vertebroplastica", "3,5", "assente"],
    ]
    if second:
        rows.append(["2ª", f"{13 + k}/09/2022", "D10", "vertebroplastica", "2,5", "discale"])
    first_visits = [f"{13 + k}/03/2022", f"{13 + k}/04/2022", f"{13 + k}/08/2022"]
    if k == 2:
        first_visits[1] = f"{13 + k}/02/2022"  # a month after, dated before the procedure
    rows += [
        [],
        ["FOLLOW-UP"],
        [None, *_POINTS],
        ["Data", *first_visits],
        ["VAS (0-10)", 8, 4 + k, 2],
        ["ODI (%)", 60, 40, 30 + k],
        [],
    ]
    if second:
        rows += [
            ["FOLLOW-UP dopo 2ª seduta"],
            [None, *_POINTS],
            ["Data", f"{13 + k}/09/2022", f"{13 + k}/10/2022", f"{13 + k}/03/2023"],
            ["VAS (0-10)", 7, 3, 1],
            ["ODI (%)", 70, 36, 20],
            [],
            ["NUOVE FRATTURE"],
            ["Data", f"2{k}/08/2022", "Livello", "D10"],
        ]
    else:
        rows += [["NUOVE FRATTURE"], ["nessuna"]]
    for row in rows:
        ws.append(row)


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    index = wb.active
    index.title = "Elenco"
    index.append(["Registro"])
    index.append(["Codice", "Data procedura", "Tecnica"])
    for k in range(3):
        pid = f"NR-0{k + 1}"
        index.append([pid, f"{13 + k}/03/2022", "vertebroplastica"])
        _card(wb.create_sheet(pid), pid, k, second=k == 0)
    wb.save(path)
    return path


def test_grid_dates_second_session_grid_and_fracture_pairs(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "cards.xlsx")
    result = load_cohort(path)
    cohort = result.cohort
    assert sorted(cohort.patients["patient_id"].astype(str)) == ["NR-01", "NR-02", "NR-03"]
    # the third card's 1-month visit is dated before its procedure: named on its cell
    (late,) = [p for p in result.errors if p.sheet == "NR-03"]
    assert (late.row, late.cell) == (14, "C14")
    a = cohort.assessments
    first = a[a["patient_id"].astype(str) == "NR-01"]
    by_session = first.groupby("procedure_id", observed=True).size()
    assert len(by_session) == 2 and set(by_session) == {6}  # VAS and ODI at 3 visits each
    procs = cohort.procedures[cohort.procedures["patient_id"].astype(str) == "NR-01"]
    second_id = str(procs.sort_values("day")["procedure_id"].iloc[-1])
    assert int(procs["day"].max()) == 184  # 13/09/2022, the second session's
    second = first[first["procedure_id"].astype(str) == second_id]
    vas = second[second["measure"] == "pain_vas"].set_index("timepoint")
    assert vas["value"].to_dict() == {"pre": 7.0, "1m": 3.0, "6m": 1.0}
    assert vas["day"].to_dict() == {"pre": 0, "1m": 30, "6m": 181}  # days from the 2nd
    frac = cohort.fractures
    assert list(frac["level"].astype(str)) == ["T10"]
    assert list(cohort.patients["died"]) == [False, False, False]
    report = inspect_input(path)
    dated = [c for c in report.columns if c.label.startswith("date:visit_date")]
    assert len(dated) == 6 and all("a visit's date under its time point" in c.reason for c in dated)
    written = tmp_path / "mapping.yaml"
    written.write_text(report.mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert getattr(mapped, table).equals(getattr(cohort, table)), table
