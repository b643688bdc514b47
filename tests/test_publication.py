"""The demo's publication tables and figures: every format written, nothing identifying."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.report.publication import Publication, write_publication


@pytest.fixture(scope="module")
def publication(tmp_path_factory: pytest.TempPathFactory, demo_workbook: Path) -> tuple[Path, Publication]:  # fmt: skip
    out = tmp_path_factory.mktemp("publication")
    return out, write_publication(load_cohort(demo_workbook), out)


def test_every_table_in_every_format_and_every_figure(publication: tuple[Path, Publication]) -> None:  # fmt: skip
    out, pub = publication
    assert pub.not_made == []
    assert [t.title.split(".")[0] for t in pub.tables] == [f"Table {i}" for i in range(1, 8)]
    for i, t in enumerate(pub.tables, 1):
        for fmt in ("csv", "md", "html", "tex", "xlsx", "docx"):
            assert (out / "tables" / f"table{i}_{t.name}.{fmt}").is_file()
    for name, _, _ in pub.figures:
        for fmt in ("png", "svg", "pdf"):
            assert (out / "figures" / f"{name}.{fmt}").is_file()
    assert {n for n, _, _ in pub.figures} >= {"flow", "incidence_new_fracture_by_group", "cumulative_incidence", "forest_risk_model", "swimmer_repeat"}  # fmt: skip
    import openpyxl

    assert len(openpyxl.load_workbook(out / "tables" / "all_tables.xlsx").sheetnames) == len(
        pub.tables
    )


def test_no_identifier_leaves(publication: tuple[Path, Publication], demo_workbook: Path) -> None:
    out, _ = publication
    ids = set(load_cohort(demo_workbook).cohort.patients["patient_id"].astype(str))
    texts = [p.read_text("utf-8", errors="ignore") for p in out.rglob("*") if p.suffix in (".html", ".md", ".csv", ".tex", ".svg")]  # fmt: skip
    for text in texts:
        assert not any(pid in text for pid in ids)
