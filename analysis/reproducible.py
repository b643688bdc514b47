"""Reproducible artefacts: the same input writes the same bytes, run after run.

Every timestamp a file format records is :func:`source_date`: the instant in the
environment variable ``SOURCE_DATE_EPOCH`` (whole seconds since 1970-01-01 UTC, the
reproducible-builds convention) when it is set, else the fixed instant 2000-01-01
00:00:00 UTC, never the time of the run. That covers the creation date of PDF and SVG
figures, the core properties (created, modified) of Word and Excel files, and the dates
of the members of their zip packages, which :func:`write_zip` also writes in a fixed
order with fixed permissions. Ids that would be random are fixed too: matplotlib's SVG
ids are hashed with :data:`SVG_HASH_SALT` (set only around saving, by the caller).

Nothing here changes global state; the environment is read on each call.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ENVIRONMENT_VARIABLE = "SOURCE_DATE_EPOCH"
DEFAULT_EPOCH = 946_684_800  # 2000-01-01T00:00:00Z, when SOURCE_DATE_EPOCH is not set
SVG_HASH_SALT = "vertebro"  # matplotlib's svg.hashsalt: SVG ids from content, not uuid4
_CONTENT_TYPES = "[Content_Types].xml"  # first in every Office package, by convention
_ZIP_FIRST, _ZIP_LAST = (1980, 1, 1, 0, 0, 0), (2107, 12, 31, 23, 59, 58)  # DOS date range


class SourceDateEpochError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set to something other than a whole number of seconds."""


def source_date() -> datetime:
    """The instant every written timestamp records (timezone-aware, UTC).

    Raises
    ------
    SourceDateEpochError
        When ``SOURCE_DATE_EPOCH`` is set but is not a non-negative whole number of
        seconds since 1970-01-01 UTC (an empty value counts as unset).
    """
    raw = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not raw:
        return datetime.fromtimestamp(DEFAULT_EPOCH, UTC)
    fix = "set it to whole seconds since 1970-01-01 UTC (as `date +%s` prints) or unset it"
    if not (raw.isascii() and raw.isdigit()):
        raise SourceDateEpochError(
            f"{ENVIRONMENT_VARIABLE}={raw!r} is not a whole number of seconds; {fix}"
        )
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except (OverflowError, OSError, ValueError):
        raise SourceDateEpochError(
            f"{ENVIRONMENT_VARIABLE}={raw!r} is beyond the dates a file can record; {fix}"
        ) from None


def office_date() -> datetime:
    """:func:`source_date` as the naive UTC datetime python-docx and openpyxl write."""
    return source_date().replace(tzinfo=None)


def _zip_date_time() -> tuple[int, int, int, int, int, int]:
    """:func:`source_date` as a zip member's date, kept inside the range zip can store."""
    when = source_date()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    return max(_ZIP_FIRST, min(stamp, _ZIP_LAST))


def _member_order(name: str) -> tuple[bool, str]:
    return name != _CONTENT_TYPES, name


def write_zip(data: bytes, path: Path, replace: Mapping[str, bytes] | None = None) -> Path:
    """Write the zip archive ``data`` to ``path`` reproducibly.

    The members and their bytes are kept (those named in ``replace`` get the bytes given
    there); each is deflated and dated :func:`source_date`, with permissions
    ``rw-r--r--`` as written on Unix, in order of name (``[Content_Types].xml`` first).
    """
    replace = replace or {}
    date_time = _zip_date_time()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: source.read(name) for name in source.namelist()}
    unknown = set(replace) - set(members)
    if unknown:
        raise ValueError(f"write_zip: no member(s) {sorted(unknown)} to replace in {path.name}")
    members.update(replace)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as target:
        for name in sorted(members, key=_member_order):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whichever system writes it
            info.external_attr = 0o100644 << 16
            target.writestr(info, members[name])
    return path


def save_docx(document: Any, path: Path) -> Path:
    """Save a python-docx ``document`` to ``path`` with its core properties dated
    :func:`source_date` (created, modified, and last printed where the template has
    it) and its package written by :func:`write_zip`."""
    when = office_date()
    properties = document.core_properties
    properties.created = when
    properties.modified = when
    if properties.last_printed is not None:
        properties.last_printed = when
    buffer = io.BytesIO()
    document.save(buffer)
    return write_zip(buffer.getvalue(), path)


def save_workbook(workbook: Any, path: Path) -> Path:
    """Save an openpyxl ``workbook`` to ``path`` with its properties created and
    modified at :func:`source_date` and its package written by :func:`write_zip`.

    openpyxl stamps ``modified`` with the time of saving, so the properties part is
    written again afterwards.
    """
    from openpyxl.xml.constants import ARC_CORE
    from openpyxl.xml.functions import tostring

    when = office_date()
    workbook.properties.created = when
    buffer = io.BytesIO()
    workbook.save(buffer)
    workbook.properties.modified = when
    core = tostring(workbook.properties.to_tree())
    return write_zip(buffer.getvalue(), path, {ARC_CORE: core})
