"""The README's examples are tests: every ```python block runs as written, top to bottom,
in one namespace, in a folder holding the ``registry.xlsx`` the README tells the reader to
make (its own ``vertebro synth ...`` line is run). A failure names the block and the
README line."""

from __future__ import annotations

import re
import shlex
import traceback
from pathlib import Path

import pytest

from analysis.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
SYNTH = re.compile(r"^vertebro synth .*--out registry\.xlsx$", re.M)


def python_blocks(text: str) -> list[tuple[int, str]]:
    """Each ```python block as (README line of its first code line, code)."""
    blocks: list[tuple[int, str]] = []
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if start is None and line.strip() == "```python":
            start, lines = number + 1, []
        elif start is not None and line.strip() == "```":
            blocks.append((start, "\n".join(lines) + "\n"))
            start = None
        elif start is not None:
            lines.append(line)
    if start is not None:
        raise ValueError(f"README: the ```python block opened at line {start - 1} is not closed")
    return blocks


def run_blocks(text: str, filename: str, namespace: dict[str, object]) -> None:
    """Execute every Python block of ``text`` in ``namespace``, in order.

    Raises
    ------
    AssertionError
        Naming the block, its first line and the line that failed, with the error.
    """
    for k, (start, code) in enumerate(python_blocks(text), start=1):
        # padded so that line numbers in tracebacks are README line numbers
        compiled = compile("\n" * (start - 1) + code, filename, "exec")
        try:
            exec(compiled, namespace)
        except Exception as exc:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
            line = frames[-1].lineno if frames else start
            source = text.splitlines()[line - 1].strip() if line else ""
            raise AssertionError(
                f"{Path(filename).name} Python block {k} (lines from {start}) failed at line "
                f"{line}: {source!r}: {type(exc).__name__}: {exc}"
            ) from exc


def test_blocks_are_found_with_their_line_numbers() -> None:
    text = "# t\n\n```python\nx = 1\n```\n\n```sh\nls\n```\n```python\ny = x + 1\n```\n"
    assert python_blocks(text) == [(4, "x = 1\n"), (11, "y = x + 1\n")]
    with pytest.raises(ValueError, match="opened at line 3 is not closed"):
        python_blocks("a\nb\n```python\nx = 1\n")


def test_a_failing_block_is_named_with_its_line() -> None:
    text = "intro\n```python\nx = 1\n```\ntext\n```python\ny = x + 1\nz = undefined_name\n```\n"
    with pytest.raises(AssertionError, match=r"block 2 \(lines from 7\) failed at line 8: "
                       r"'z = undefined_name': NameError"):  # fmt: skip
        run_blocks(text, "README.md", {})


def test_every_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    commands = SYNTH.findall(text.split("## From Python", 1)[-1])
    assert commands, "the README must say how registry.xlsx for its examples is made"
    monkeypatch.chdir(tmp_path)
    assert main(shlex.split(commands[0])[1:]) == 0
    assert len(python_blocks(text)) >= 4
    run_blocks(text, str(README), {"__name__": "__readme__"})
