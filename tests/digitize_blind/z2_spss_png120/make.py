"""z2: SPSS-like Kaplan-Meier output (grey plot area, '+' censor marks,
legend outside on the right, 'Cum Survival' y axis), PNG at 120 dpi.
Deterministic: fixed seed, no timestamps.  Run: /work/figenv/bin/python make.py"""
import os, json
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager as fm
from matplotlib.lines import Line2D

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 190002
DPI = 120
for p in ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"]:
    if os.path.exists(p):
        fm.fontManager.addfont(p)
FONT = "Liberation Sans"  # metric clone of Arial, SPSS's default chart font

GROUPS = ["Standard", "Experimental"]          # legend order = curve 1, 2
N = [86, 92]
XMAX = 140


# ---------------------------------------------------------------- helpers
def km_corners(t, e):
    """Every corner of the KM step curve: (0,1), (u,S-), (u,S) ..., last follow-up."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    xs, ys, s = [0.0], [1.0], 1.0
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s2 = s * (1.0 - d / n)
        xs += [u, u]; ys += [s, s2]; s = s2
    if t.max() > xs[-1]:
        xs.append(float(t.max())); ys.append(s)
    return np.array(xs), np.array(ys)


def surv_at(xs, ys, q):
    """Right-continuous value of the step curve at time q."""
    idx = np.searchsorted(xs, q, side="right") - 1
    return ys[idx]


def simulate():
    rng = np.random.default_rng(SEED)
    rows = []
    k, med0 = 1.15, 38.0                    # Weibull shape; control median ~38 weeks
    scale0 = med0 / np.log(2) ** (1 / k)
    hr = [1.0, 1 / 1.9]                     # experimental better, HR 1.9
    for g, (n, h) in enumerate(zip(N, hr), start=1):
        ev = scale0 * h ** (-1 / k) * rng.weibull(k, n)   # PH Weibull
        entry = rng.uniform(0, 70, n)                        # accrual 70 weeks
        admin = 136 - entry                                  # analysis at wk 136
        loss = rng.exponential(400, n)
        c = np.minimum(admin, loss)
        t = np.minimum(ev, c)
        e = (ev <= c).astype(int)
        t = np.round(np.maximum(t, 0.3), 1)
        for ti, ei in zip(t, e):
            rows.append((g, float(ti), int(ei)))
    return pd.DataFrame(rows, columns=["curve", "time", "event"])


def build(ipd):
    plt.rcParams.update({"font.family": FONT, "font.size": 10})
    fig = plt.figure(figsize=(6.6, 4.8), dpi=DPI, facecolor="white")
    ax = fig.add_axes([0.11, 0.12, 0.58, 0.76])
    ax.set_facecolor("#EFEFEF")
    for sp in ax.spines.values():
        sp.set_color("#8C8C8C"); sp.set_linewidth(1.0)
    cols = ["#3E58AC", "#2EB848"]   # SPSS default series colours
    handles_line, handles_cens = [], []
    for g in (1, 2):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        ax.plot(xs, ys, color=cols[g - 1], lw=1.2, solid_joinstyle="miter")
        ct = np.sort(d.time[d.event == 0].values)
        ax.plot(ct, surv_at(xs, ys, ct), ls="none", marker="+", ms=7, mew=1.0,
                color=cols[g - 1])
        handles_line.append(Line2D([], [], color=cols[g - 1], lw=1.2))
        handles_cens.append(Line2D([], [], color=cols[g - 1], ls="none",
                                   marker="+", ms=7, mew=1.0))
    ax.set_xlim(0, XMAX)
    ax.set_ylim(0, 1.0)
    ax.set_xticks(np.arange(0, XMAX + 1, 20))
    ax.set_yticks(np.arange(0, 1.01, 0.2))
    ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
    ax.tick_params(direction="out", length=4, color="#000000", width=0.8)
    ax.set_xlabel("Time to relapse (weeks)")
    ax.set_ylabel("Cum Survival")
    fig.suptitle("Survival Functions", x=0.40, y=0.95, fontsize=12, fontweight="bold")
    labels = GROUPS + [f"{g}-censored" for g in GROUPS]
    leg = fig.legend(handles_line + handles_cens, labels, title="Treatment arm",
                     loc="center left", bbox_to_anchor=(0.71, 0.55), frameon=False,
                     fontsize=9.5, title_fontsize=10, alignment="left",
                     handlelength=2.2)
    return fig, ax


def write_truth(ipd):
    tdir = os.path.join(HERE, "truth"); os.makedirs(tdir, exist_ok=True)
    rows = []
    for g in (1, 2):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        rows += [(g, round(float(x), 4), round(float(y), 6)) for x, y in zip(xs, ys)]
    pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(
        os.path.join(tdir, "curves.csv"), index=False)
    ipd.to_csv(os.path.join(tdir, "ipd.csv"), index=False)
    meta = {"kind": "survival", "x_range": [0, XMAX], "y_range": [0.0, 1.0],
            "n_curves": 2, "x_unit": "weeks",
            "style": "SPSS-like: grey plot area, '+' censor marks, legend outside right "
                     "(groups then '-censored' entries), 'Cum Survival' axis, PNG 120 dpi",
            "groups": GROUPS}
    with open(os.path.join(tdir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)


def main():
    ipd = simulate()
    write_truth(ipd)
    fig, ax = build(ipd)
    fig.savefig(os.path.join(HERE, "figure.png"), dpi=DPI)
    plt.close(fig)


if __name__ == "__main__":
    main()
