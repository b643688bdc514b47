"""Print how much of each gallery workbook is read right without a mapping.

Run ``python -m tests.gallery.score``: one line per workbook (columns read as the site
meant them, patients and vertebrae loaded against written), then the overall share.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from analysis.load import inspect_input, load_cohort
from analysis.problems import InputFormatError
from tests.gallery.sites import Written, build


@dataclass(frozen=True)
class Score:
    site: str
    columns: int
    right: int
    wrong: tuple[str, ...]
    patients: tuple[int, int]  # loaded, written
    vertebrae: tuple[int, int]

    @property
    def share(self) -> float:
        return self.right / self.columns if self.columns else 0.0


def score(site: str, path: Path, truth: Written) -> Score:
    """Compare the loader's reading of one workbook with what the site wrote."""
    readings = {(c.sheet, c.index): c for c in inspect_input(path).columns}
    right, wrong = 0, []
    for key, label in truth.labels.items():
        got = readings.get(key)
        read = None if got is None else got.label
        if read == label or (label == "ignore" and read is None):
            right += 1
        else:
            header = got.header if got is not None else "?"
            wrong.append(f"{key[0]}!{header}: read as {read}, holds {label}")
    try:
        cohort = load_cohort(path).cohort
        loaded = (cohort.patients["patient_id"].nunique(), len(cohort.procedures))
    except InputFormatError as exc:
        loaded = (0, 0)
        wrong.append(f"nothing loaded: {exc}")
    return Score(
        site,
        len(truth.labels),
        right,
        tuple(wrong),
        (loaded[0], len(truth.patients)),
        (loaded[1], len(truth.vertebrae)),
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        scores = [score(name, path, truth) for name, (path, truth) in build(Path(tmp)).items()]
    for s in scores:
        print(
            f"{s.site:14s} columns {s.right:2d}/{s.columns:2d} ({s.share:.0%})  "
            f"patients {s.patients[0]}/{s.patients[1]}  vertebrae {s.vertebrae[0]}/{s.vertebrae[1]}"
        )
        for w in s.wrong:
            print(f"{'':16s}{w}")
    total = sum(s.columns for s in scores)
    right = sum(s.right for s in scores)
    print(f"overall: {right} of {total} columns read right without a mapping ({right / total:.1%})")


if __name__ == "__main__":
    main()
