"""The files :func:`analysis.published.digitize.digitize_km`'s reading is written to:
``curves.csv``, ``at_risk.csv`` when a numbers-at-risk table was read, ``censored.csv``
when censor marks were read (``curve``, ``time``), and ``overlay.png``, what was read drawn over the figure (or, from a drawing, replotted)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from analysis.published.digitize_logscale import to_pixel

if TYPE_CHECKING:
    from analysis.published.digitize import DigitizedFigure


def write_digitized(result: DigitizedFigure, out: str | Path) -> list[Path]:
    """Write ``curves.csv`` (and ``at_risk.csv`` when a risk table was read,
    ``censored.csv`` when censor marks were) and ``overlay.png``, what was read drawn
    over the figure, into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "curves.csv"]
    result.curves.to_csv(written[0], index=False, float_format="%.6g")
    if result.at_risk is not None:
        written.append(out / "at_risk.csv")
        result.at_risk.to_csv(written[-1], index=False)
    if result.censored is not None:
        written.append(out / "censored.csv")
        result.censored.to_csv(written[-1], index=False, float_format="%.6g")
    written.append(out / "overlay.png")
    if result.image is not None:
        _overlay(result, written[-1])
    else:
        _replot(result, written[-1])
    return written


def _replot(result: DigitizedFigure, path: Path) -> None:
    """The curves read from a drawing, replotted on the drawing's axis ranges."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 4.8), dpi=100)
    ax = fig.add_subplot()
    for k in range(1, result.n_curves + 1):
        c = result.curve(k)
        ax.plot(c["time"], c[result.measure], lw=1.2, label=f"curve {k}")
    ax.set_xlabel("time (x axis units)")
    ax.set_ylabel(result.measure)
    ax.legend()
    fig.savefig(path, dpi=100, metadata={"Software": None})


def _overlay(result: DigitizedFigure, path: Path) -> None:
    from matplotlib.figure import Figure

    assert result.image is not None
    h, w = result.image.shape[:2]
    fig = Figure(figsize=(w / 100, h / 100), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.imshow(result.image, interpolation="nearest")
    ax.set_axis_off()
    x0, x1, y0, y1 = result.ticks_px
    (u, v), (p, q) = result.x_range, result.y_range
    for k in range(1, result.n_curves + 1):
        c = result.curve(k)
        cols = to_pixel(c["time"].to_numpy(), (x0, x1), (u, v), result.log_axes[0])
        rows = to_pixel(c[result.measure].to_numpy(), (y0, y1), (p, q), result.log_axes[1])
        ax.plot(cols, rows, color=("#e7298a", "#00a0a0", "#7570b3", "#66a61e")[(k - 1) % 4],
                lw=1, ls="--")  # fmt: skip
        ax.annotate(str(k), (cols[-1], rows[-1]), color="#e7298a", fontsize=9)
    ax.set_xlim(-0.5, w - 0.5)
    ax.set_ylim(h - 0.5, -0.5)
    fig.savefig(path, dpi=100, metadata={"Software": None})
