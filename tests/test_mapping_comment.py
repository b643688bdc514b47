"""The comment ``inspect --write-mapping`` writes above a mapping documents every key the
mapping format has, and every shape the loader can name."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from analysis.load import inspect_input


def _schema() -> dict[str, object]:
    text = resources.files("analysis").joinpath("data_schema", "mapping.schema.json").read_text("utf-8")  # fmt: skip
    return dict(json.loads(text))


def _comment(tmp_path: Path) -> str:
    path = tmp_path / "unit.csv"
    path.write_text("Study ID;Sex;Age;Date;Level\nP1;F;70;01.03.2021;L1\n", encoding="utf-8")
    text = inspect_input(path).mapping_yaml()
    return "\n".join(line for line in text.splitlines() if line.startswith("#"))


def test_the_comment_names_every_key_of_the_format(tmp_path: Path) -> None:
    comment = _comment(tmp_path)
    schema = _schema()
    defs = schema["$defs"]
    assert isinstance(defs, dict)
    keys = (
        set(schema["properties"])  # type: ignore[arg-type]
        | set(defs["table"]["properties"])
        | set(defs["column"]["properties"])
    )
    missing = sorted(k for k in keys if f"{k}:" not in comment and f"{k}," not in comment and f"{k} " not in comment)  # fmt: skip
    assert not missing, missing
    assert "fill: {procedures.cement_type: PMMA}" in comment


def test_the_comment_names_every_shape(tmp_path: Path) -> None:
    comment = _comment(tmp_path)
    shapes = _schema()["$defs"]["table"]["properties"]["shape"]["enum"]  # type: ignore[index]
    assert "none" in shapes
    for shape in shapes:
        assert shape in comment, shape
    assert "shape: none" in comment
