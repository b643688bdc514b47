"""The report as a person reads it: report.html rendered in headless Chromium, report.docx
converted to PDF by LibreOffice and its pages rasterised. Each test says plainly when it
is skipped for lack of the program (``.ci/run`` installs them where it can)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from analysis.cli import main

BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)  # fmt: skip
OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
RASTER = shutil.which("pdftoppm")
PLANTED = "<script>document.title='ran'</script>"

# Appended to a copy of the page in the test only: the report itself carries no script.
PROBE = """<script>window.addEventListener('load', () => {
  const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length;
  document.body.setAttribute('data-images', document.images.length);
  document.body.setAttribute('data-broken', broken);
});</script>"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report of a small workbook with a script in a Notes cell and another as the
    header of a column the loader cannot place (headers are quoted in the problems)."""
    folder = tmp_path_factory.mktemp("render")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Study ID", "Sex", "Age", "Etiology", "Level", "Date", "Follow-up days",
               "VAS pre", "VAS 1m", "New fracture level", "New fracture date", "Notes", PLANTED])  # fmt: skip
    for i in range(24):
        fracture = ("L2", f"2024-0{3 + i % 5}-1{i % 9}") if i % 4 == 0 else (None, None)
        ws.append([f"S{i:02d}", "F" if i % 3 else "M", 60 + i, "osteoporotic" if i % 5 else "metastasis",
                   "L1", f"2024-01-{1 + i:02d}", 300 + 10 * i, 8, 2 + i % 5, *fracture,
                   PLANTED if i == 0 else "ok", 1])  # fmt: skip
    wb.save(folder / "in.xlsx")
    main(["report", str(folder / "in.xlsx"), "--out", str(folder / "out")])
    return folder / "out"


def _not_blank(png: Path) -> bool:
    import matplotlib.image as mpimg

    pixels = np.asarray(mpimg.imread(str(png)))
    return bool(pixels.size) and float(pixels[..., :3].std()) > 0.01


@pytest.mark.skipif(BROWSER is None, reason="no Chromium on this machine: report.html not rendered")
def test_report_html_renders_in_a_browser(report: Path, tmp_path: Path) -> None:
    page = (report / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.replace("&lt;script", "")
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    flags = [
        str(BROWSER),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--virtual-time-budget=10000",
    ]
    dom = subprocess.run([*flags, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120).stdout  # fmt: skip
    images = re.search(r'data-images="(\d+)"', dom)
    broken = re.search(r'data-broken="(\d+)"', dom)
    assert images and broken, "the page did not finish loading in the browser"
    assert int(images[1]) >= 4 and int(broken[1]) == 0  # every figure loaded
    assert dom.count('class="vertebro-table"') == page.count('class="vertebro-table"') >= 3
    assert "<title>ran</title>" not in dom  # no planted script ran ...
    assert "document.title" not in dom  # ... the header is named by its column, not echoed
    assert dom.count("<script") == 1  # the probe's own
    shot = tmp_path / "page.png"
    subprocess.run([*flags, "--window-size=1200,3000", f"--screenshot={shot}", (report / "report.html").as_uri()],
                   capture_output=True, timeout=120, cwd=tmp_path)  # fmt: skip
    assert shot.is_file() and _not_blank(shot)


@pytest.mark.skipif(OFFICE is None or RASTER is None,
                    reason="no LibreOffice or pdftoppm on this machine: report.docx not converted")  # fmt: skip
def test_report_docx_converts_to_pdf_pages(report: Path, tmp_path: Path) -> None:
    from docx import Document

    doc = Document(str(report / "report.docx"))
    assert len(doc.tables) >= 3 and doc.inline_shapes  # real Word tables and the figures
    subprocess.run([str(OFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(report / "report.docx")], capture_output=True, timeout=240,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})  # fmt: skip
    pdf = tmp_path / "report.pdf"
    assert pdf.is_file(), "LibreOffice did not convert report.docx"
    subprocess.run([str(RASTER), "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)  # fmt: skip
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    assert all(_not_blank(p) for p in pages[:3])
