"""The report process keeps the memory it frees (glibc's allocator, set at start-up)."""

from __future__ import annotations

import ctypes
import platform
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="the setting is made only where the C library is glibc",
)

# In a fresh process: a 64 MB block allocated, how much of it was mapped on its own
# (mallinfo2's hblkhd) and, once freed, how much free memory the heap keeps (fordblks).
PROBE = """
import ctypes, sys
from analysis.cli_heap import keep_freed_memory

class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
accepted = keep_freed_memory() if sys.argv[1] == "keep" else None
block = bytearray(64 << 20)
mapped = libc.mallinfo2().hblkhd
del block
print(accepted, mapped >> 20, libc.mallinfo2().fordblks >> 20)
"""


def _probe(mode: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def test_large_blocks_come_from_the_heap_and_stay_there_once_freed() -> None:
    accepted, mapped_mb, kept_mb = _probe("keep")
    assert accepted == "True"
    assert int(mapped_mb) == 0  # not mapped on its own
    assert int(kept_mb) >= 64  # freed, kept for the next array


def test_without_the_setting_a_large_block_is_mapped_and_given_back() -> None:
    accepted, mapped_mb, kept_mb = _probe("default")
    assert accepted == "None"
    assert int(mapped_mb) >= 64
    assert int(kept_mb) < 64


@pytest.mark.parametrize(
    ("argv", "made"),
    [
        (None, True),  # the process's own command line: `vertebro report ...`
        (["report"], False),  # main() called from Python code: the caller's process is left alone
    ],
)
def test_only_the_report_command_line_makes_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argv: list[str] | None, made: bool
) -> None:
    import analysis.cli_heap
    from analysis.cli import main

    calls: list[bool] = []

    def keep() -> bool:
        calls.append(True)
        return True

    monkeypatch.setattr(analysis.cli_heap, "keep_freed_memory", keep)
    args = ["report", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "out")]
    monkeypatch.setattr(sys, "argv", ["vertebro", *args])
    assert main(None if argv is None else args) == 2  # no such input
    assert calls == ([True] if made else [])
    calls.clear()
    monkeypatch.setattr(sys, "argv", ["vertebro", "validate", args[1]])
    main(None if argv is None else ["validate", args[1]])
    assert calls == []  # other commands leave the allocator as it is


def test_nothing_is_done_without_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    from analysis.cli_heap import keep_freed_memory

    def no_library(name: object) -> None:
        raise OSError("no C library")

    monkeypatch.setattr(ctypes, "CDLL", no_library)
    assert keep_freed_memory() is False
