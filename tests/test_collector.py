"""Loading runs the garbage collector less often, and leaves its thresholds as found."""

from __future__ import annotations

import gc

import pytest

from analysis.load.collector import LOADING_THRESHOLD, fewer_collections


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_thresholds_raised_inside_and_restored_after(thresholds):
    with fewer_collections():
        assert gc.get_threshold() == (LOADING_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_after_an_error(thresholds):
    with pytest.raises(ValueError, match="bad input"), fewer_collections():
        raise ValueError("bad input")
    assert gc.get_threshold() == (700, 10, 10)


def test_overlapping_loads_leave_the_first_thresholds(thresholds):
    first, second = fewer_collections(), fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first load ends before the second
    second.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)
    with fewer_collections(), fewer_collections():
        pass
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_is_kept(thresholds):
    gc.set_threshold(LOADING_THRESHOLD * 2, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (LOADING_THRESHOLD * 2, 10, 10)
    assert gc.get_threshold() == (LOADING_THRESHOLD * 2, 10, 10)


def test_load_cohort_stages_and_assembles_with_fewer_collections(thresholds, tmp_path, monkeypatch):
    import analysis.load as load
    from analysis.synth import synthesize, write_redcap

    seen = []
    stage, assemble = load._stage, load.assemble

    def staging(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return stage(*args, **kwargs)

    def assembling(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return assemble(*args, **kwargs)

    monkeypatch.setattr(load, "_stage", staging)
    monkeypatch.setattr(load, "assemble", assembling)
    write_redcap(synthesize(5, seed=1), tmp_path)
    result = load.load_cohort(tmp_path)
    assert len(result.cohort.patients) == 5
    assert seen == [LOADING_THRESHOLD, LOADING_THRESHOLD]
    assert gc.get_threshold() == (700, 10, 10)
