"""Display labels: every schema field and measure labelled, levels named, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.labels import load_labels
from analysis.spec import load_spec


def test_every_schema_column_and_measure_has_a_label() -> None:
    spec, labels = load_spec(), load_labels()
    for table in spec.tables.values():
        for name, col in table.columns.items():
            entry = labels.variables[table.name].get(name)
            assert entry is not None, f"{table.name}.{name} has no label"
            if col.type in ("category", "multi_category"):
                assert set(col.allowed) <= set(entry.levels), f"{name}: levels without a name"
                assert entry.reference in col.allowed, f"{name}: no documented reference level"
            if col.type == "boolean":
                assert set(entry.levels) == {"yes", "no"} and entry.reference == "no"
    assert set(spec.measures) <= set(labels.measures)


def test_display_texts() -> None:
    labels = load_labels()
    assert labels.display("age_years") == "Age, years"
    assert labels.display("cement_volume_ml") == "Cement volume per vertebra, mL"
    assert (
        labels.display("index_cement_volume_ml")
        == "Cement volume, total over the levels treated, mL"
    )
    assert labels.level("etiology", "pathologic") == "Pathologic (malignant)"
    assert labels.level("steroid_use", True) == "Yes"
    assert labels.reference("etiology") == "osteoporotic"
    assert labels.timepoint("1m") == "1 month"
    assert labels.display("day", "fractures") == "Time to new fracture, days"
    assert labels.display("not_declared_anywhere") == "Not declared anywhere"


def test_overrides_by_argument_and_file(tmp_path: Path) -> None:
    labels = load_labels(
        {
            "age_years": "Age at treatment, years",
            "etiology": {"levels": {"pathologic": "Metastatic"}},
        }
    )
    assert labels.display("age_years") == "Age at treatment, years"
    assert labels.level("etiology", "pathologic") == "Metastatic"
    assert labels.level("etiology", "traumatic") == "Traumatic"  # the others are kept
    assert load_labels().display("age_years") == "Age, years"  # the shipped ones untouched
    path = tmp_path / "labels.yaml"
    path.write_text("pain_vas: {label: Back pain, unit: NRS 0-10}\n", "utf-8")
    assert load_labels(path).measure("pain_vas").display == "Back pain, NRS 0-10"


def test_bad_overrides_are_named() -> None:
    with pytest.raises(ValueError, match=r"unknown key.*'lable'"):
        load_labels({"age_years": {"lable": "Age"}})
    with pytest.raises(TypeError, match="must be a text or a mapping"):
        load_labels({"age_years": 3})


def test_a_label_note_is_read_and_can_be_overridden() -> None:
    from analysis.labels import load_labels

    assert "partly counts the levels treated" in load_labels().get("index_cement_volume_ml").note
    assert load_labels().get("age_years").note == ""
    mine = load_labels({"index_cement_volume_ml": {"note": "Summed over levels."}})
    assert mine.get("index_cement_volume_ml").note == "Summed over levels."
    assert (
        mine.display("index_cement_volume_ml") == "Cement volume, total over the levels treated, mL"
    )
