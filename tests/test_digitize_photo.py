"""A phone photo of a printed Kaplan-Meier figure: uneven light, a page seen at a slant."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from analysis.published import digitize_photo as photo
from analysis.published.digitize import digitize_km
from tests.digitize.figures import Spec, arms, draw, grid_errors

TRUTH = arms(20261121, hazards=(0.02, 0.045))
SPEC = Spec(style="rbase", dpi=150)


def _photographed(figure: Path, out: Path, slant: float, light: float) -> Path:
    """The figure printed on a page with a margin, seen at a slant (the top edge
    ``slant`` narrower, the page turned 1.2 degrees) under light falling off by ``light``
    from the upper right to the lower left, a strip of dark desk at the left, saved as a
    JPEG."""
    rgb = np.asarray(Image.open(figure).convert("RGB"), dtype=np.float64) / 255
    page = np.pad(rgb, ((60, 60), (80, 80), (0, 0)), constant_values=0.97)
    h, w = page.shape[:2]
    r, c = np.mgrid[0:h, 0:w].astype(np.float64)
    # where each photo pixel comes from on the page: the page's corners seen with its top
    # edge narrower (a projective map, as a camera sees a plane), then turned a little
    inset = slant * w / 2
    seen_corners = [(0, inset), (0, w - 1 - inset), (h - 1, w - 1), (h - 1, 0)]
    page_corners = [(0, 0), (0, w - 1), (h - 1, w - 1), (h - 1, 0)]
    rows = []
    for (y, x), (py, px) in zip(seen_corners, page_corners, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -px * x, -px * y, px])
        rows.append([0, 0, 0, x, y, 1, -py * x, -py * y, py])
    m = np.array(rows)
    coef = np.linalg.solve(m[:, :8], m[:, 8])
    turn = np.radians(1.2)
    dr, dc = r - h / 2, c - w / 2
    tr = h / 2 + dr * np.cos(turn) - dc * np.sin(turn)
    tc = w / 2 + dr * np.sin(turn) + dc * np.cos(turn)
    den = coef[6] * tc + coef[7] * tr + 1
    src_c = (coef[0] * tc + coef[1] * tr + coef[2]) / den
    src_r = (coef[3] * tc + coef[4] * tr + coef[5]) / den
    seen = np.stack(
        [
            ndimage.map_coordinates(page[..., k], [src_r, src_c], order=1, cval=0.3)
            for k in range(3)
        ],
        axis=-1,
    )
    lighting = 1 - light * ((1 - c / w) * 0.6 + (r / h) * 0.4) ** 1.5
    warm = np.array([1.0, 0.96, 0.88])
    seen = seen * lighting[..., None] * warm
    seen[:, :25] = [0.28, 0.22, 0.16]  # the desk
    path = out.with_suffix(".jpg")
    Image.fromarray(np.clip(seen * 255, 0, 255).astype(np.uint8)).save(path, quality=90)
    return path


def _worst_median(result) -> float:
    worst = 0.0
    for k, arm in enumerate(TRUTH, start=1):
        c = result.curve(k)
        err = grid_errors(c["time"].to_numpy(), c["survival"].to_numpy(), arm, False)
        worst = max(worst, float(np.median(err)))
    return worst


def test_a_photographed_page_is_read_flat_and_square(tmp_path: Path) -> None:
    """Light falling off across the page and a keystone: the lighting divided out, the
    axes squared and the slant taken out so the ticks stand evenly, said in a warning."""
    figure = draw(TRUTH, SPEC, tmp_path / "km")
    shot = _photographed(figure, tmp_path / "shot", slant=0.04, light=0.3)
    result = digitize_km(shot, SPEC.x_range(), SPEC.y_range(), curves=2)
    note = next(w for w in result.warnings if w.startswith("a photographed page"))
    assert "lighting divided out" in note and "desk" in note
    assert "axes squared" in note and "slant taken out" in note
    assert result.n_curves == 2
    assert _worst_median(result) <= 0.005


def test_the_slant_is_what_keeps_a_photo_s_reading_within_the_target(tmp_path: Path) -> None:
    """A stronger keystone: only squared (rotated and sheared), the photo reads its
    survival about 0.009 off; with its slant taken out its ticks stand evenly again and
    it reads within the target."""
    figure = draw(TRUTH, SPEC, tmp_path / "km")
    shot = _photographed(figure, tmp_path / "shot", slant=0.08, light=0.3)
    result = digitize_km(shot, SPEC.x_range(), SPEC.y_range(), curves=2)
    assert _worst_median(result) <= 0.005
    rgb = np.asarray(Image.open(shot).convert("RGB"), dtype=np.float32) / 255
    flat = photo.flattened_photo(rgb)
    assert flat is not None and "slant taken out" in flat.note
    frame = photo.raster.find_frame(flat.rgb)
    assert frame is not None
    xt, yt = photo.raster.find_ticks(flat.rgb, frame)
    for ticks in (np.sort(xt), np.sort(yt)):
        assert len(ticks) >= 4
        assert np.ptp(np.diff(ticks)) <= 2.0  # evenly spaced again, within JPEG's blur


def test_spacing_in_perspective_is_fitted_and_even_spacing_kept_even() -> None:
    i = np.arange(6, dtype=float)
    seen = (-128.0 * i + 835.0) / (0.007 * i + 1)
    a, b, c = photo._projective(np.round(seen * 2) / 2)  # type: ignore[misc]
    assert a == pytest.approx(-128.0, rel=0.01) and c == pytest.approx(0.007, rel=0.1)
    assert b == pytest.approx(835.0, abs=0.5)
    assert photo._projective(172.0 * i + 481.0) == pytest.approx((172.0, 481.0, 0.0))
    assert photo._projective(np.array([0.0, 100.0, 150.0, 400.0])) is None  # not ticks
    assert photo._projective(i[:3]) is None


@pytest.mark.parametrize(
    "spec",
    [
        Spec(style="rbase", dpi=150),
        Spec(style="ggplot", dpi=120, percent=True),  # a grey panel: a tint with edges
        Spec(style="lifelines", dpi=96, fmt="jpg"),  # confidence bands
    ],
    ids=["rbase", "ggplot-panel", "lifelines-bands"],
)
def test_a_figure_not_photographed_is_left_as_it_is(tmp_path: Path, spec: Spec) -> None:
    figure = draw(TRUTH, spec, tmp_path / "km")
    rgb = np.asarray(Image.open(figure).convert("RGB"), dtype=np.float32) / 255
    assert photo.flattened_photo(rgb) is None
    result = digitize_km(figure, spec.x_range(), spec.y_range())
    assert not any("photographed" in w for w in result.warnings)


def test_even_light_on_a_slanted_page_is_not_taken_for_a_photo(tmp_path: Path) -> None:
    """A page seen at a slant but evenly lit (paper of one grey) is read as before."""
    figure = draw(TRUTH, SPEC, tmp_path / "km")
    shot = _photographed(figure, tmp_path / "shot", slant=0.04, light=0.0)
    rgb = np.asarray(Image.open(shot).convert("RGB"), dtype=np.float32) / 255
    assert photo.flattened_photo(rgb) is None
