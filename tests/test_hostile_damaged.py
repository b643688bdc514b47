"""Damaged workbooks: a truncated file, bit flips, a sheet whose deflate stream or CRC
is broken, a wrong magic number. Each is one clear message ("damaged workbook") and exit
2, or, when the damage leaves the workbook readable, an ordinary load (0 or 1): never an
internal error (exit 3), never a traceback."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.io import read_workbook
from analysis.problems import InputFormatError
from tests.hostile.corpus import _rows, _xlsx


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A small workbook, byte for byte the same on every run (fixed member times)."""
    folder = tmp_path_factory.mktemp("wb")
    written = _xlsx(folder / "written.xlsx", _rows(6))
    path = folder / "base.xlsx"
    with zipfile.ZipFile(written) as src, zipfile.ZipFile(path, "w") as z:
        for name in src.namelist():
            info = zipfile.ZipInfo(name, date_time=(2021, 3, 1, 0, 0, 0))
            body = src.read(name)
            if name == "docProps/core.xml":  # openpyxl stamps the time of writing
                body = re.sub(rb"\d{4}-\d\d-\d\dT[\d:]+Z", b"2021-03-01T00:00:00Z", body)
            z.writestr(info, body, zipfile.ZIP_DEFLATED)
    return path.read_bytes()


def _sheet_member_offset(data: bytes) -> tuple[int, int]:
    """Where the compressed bytes of the first worksheet lie in the file."""
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    return start, start + info.compress_size


def _damaged(path: Path, capsys) -> str:
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr()
    assert "internal error" not in out.err and "Traceback" not in out.err
    return out.err


def test_a_sheet_failing_its_deflate_stream_is_a_damaged_workbook(
    workbook: bytes, tmp_path: Path, capsys
) -> None:
    start, end = _sheet_member_offset(workbook)
    data = bytearray(workbook)
    assert end - start > 8
    data[start : start + 8] = b"\xff" * 8  # the zip directory intact, the stream broken
    path = tmp_path / "deflate.xlsx"
    path.write_bytes(bytes(data))
    err = _damaged(path, capsys)
    assert err.startswith("vertebro: input: damaged workbook: not a readable Excel workbook")
    with pytest.raises(InputFormatError, match=r"damaged workbook.*save it again as \.xlsx"):
        read_workbook(path)


def test_a_sheet_failing_its_crc_is_a_damaged_workbook(
    workbook: bytes, tmp_path: Path, capsys
) -> None:
    import io

    with zipfile.ZipFile(io.BytesIO(workbook)) as z:
        members = {n: z.read(n) for n in z.namelist()}
    path = tmp_path / "crc.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    data = bytearray(path.read_bytes())
    at = data.find(b"S03")  # a cell of the stored sheet: the CRC no longer matches
    data[at : at + 3] = b"S93"
    path.write_bytes(bytes(data))
    assert "checksum" in _damaged(path, capsys)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("truncated", lambda d: d[: len(d) // 2], "truncated, damaged or is not an .xlsx"),
        ("csv_renamed", lambda d: b"Study ID,Sex\nS1,F\n", "not a readable Excel workbook"),
        ("pdf_renamed", lambda d: b"%PDF-1.4\n" + d[:500], "damaged workbook"),
    ],
)
def test_a_broken_container_is_named(workbook, tmp_path: Path, capsys, name, data, says) -> None:
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(data(workbook))
    assert says in _damaged(path, capsys)


def test_seeded_fuzz_of_truncated_and_bit_flipped_workbooks(
    workbook: bytes, tmp_path: Path, capsys
) -> None:
    rng = random.Random(20261121)
    codes: list[int] = []
    for k in range(90):
        data = bytearray(workbook)
        if k % 3 == 0:
            data = data[: rng.randrange(1, len(data))]
        else:
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(len(data))
                data[i] ^= 1 << rng.randrange(8)
        path = tmp_path / f"fuzz{k}.xlsx"
        path.write_bytes(bytes(data))
        code = main(["validate", str(path)])
        out = capsys.readouterr()
        assert code in (0, 1, 2), (k, out.err)
        assert "internal error" not in out.err and "Traceback" not in out.err, (k, out.err)
        if code == 2:  # a flipped size field may claim a size above the limit
            ours = ("damaged workbook", "no sheet has", "would expand to")
            assert any(text in out.err for text in ours), (k, out.err)
        if k % 10 == 1:
            assert main(["normalize", str(path), "--out", str(tmp_path / f"n{k}")]) == code
            assert "internal error" not in capsys.readouterr().err
        codes.append(code)
    # most damage is caught (a flipped bit fails its member's CRC); a flip in a part that
    # is never read (a timestamp, docProps) leaves the workbook loading as before
    assert codes.count(2) >= 60 and codes.count(0) + codes.count(1) >= 1
