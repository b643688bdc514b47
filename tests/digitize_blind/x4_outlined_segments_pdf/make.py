#!/usr/bin/env python3
"""Journal PDF: text as outlines, curves as many short segments, zoomed y axis, B/W. Needs rsvg-convert.
Run: /work/figenv/bin/python make.py"""
# ---- shared helpers (copied into each make.py so it stands alone) ----
import os, json
import numpy as np, pandas as pd
HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, 'truth'); os.makedirs(TRUTH, exist_ok=True)
CHECK = os.environ.get('CHECK') == '1'
CHECKDIR = '/tmp/blind17_check'

def simulate(rng, n, scale, shape, cens_max, admin, dec=2):
    """Weibull event times, uniform censoring, administrative cut-off; rounded."""
    te = scale * rng.weibull(shape, n)
    tc = np.minimum(rng.uniform(0, cens_max, n), admin)
    t = np.round(np.minimum(te, tc), dec)
    t = np.maximum(t, 10.0 ** -dec)
    e = (te <= tc).astype(int)
    return t, e

def km(t, e):
    """Step corners of the KM curve: (0,1), then (t,S_before),(t,S_after) at each event
    time, then (last follow-up, S_last) if follow-up extends past the last event."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    S = 1.0; xs = [0.0]; ys = [1.0]
    for u in np.unique(t[e == 1]):
        n = (t >= u).sum(); d = ((t == u) & (e == 1)).sum()
        Sn = S * (1 - d / n)
        xs += [u, u]; ys += [S, Sn]; S = Sn
    if t.max() > xs[-1]:
        xs.append(t.max()); ys.append(S)
    return np.array(xs), np.array(ys)

def km_greenwood(t, e, z=1.959964):
    """Event times, S, and log-log Greenwood limits (SAS default CONFTYPE=LOGLOG)."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    S = 1.0; v = 0.0; out = [(0.0, 1.0, 1.0, 1.0)]
    for u in np.unique(t[e == 1]):
        n = (t >= u).sum(); d = ((t == u) & (e == 1)).sum()
        S *= (1 - d / n)
        if n > d: v += d / (n * (n - d))
        if S > 0 and S < 1:
            se = np.sqrt(v) / abs(np.log(S))
            lo = S ** np.exp(z * se); hi = S ** np.exp(-z * se)
        else:
            lo = hi = S
        out.append((u, S, lo, hi))
    return np.array(out)

def surv_at(xs, ys, x):
    """Right-continuous value of the step function at x."""
    i = np.searchsorted(xs, x, side='right') - 1
    return ys[i]

def at_risk(t, times):
    t = np.asarray(t)
    return [int((t >= x).sum()) for x in times]

def write_truth(curves, ipd, meta, atrisk=None, incidence=False):
    rows = []
    for k, (xs, ys) in enumerate(curves, 1):
        for x, y in zip(xs, ys):
            rows.append((k, round(float(x), 4), round(float(1 - y if incidence else y), 6)))
    pd.DataFrame(rows, columns=['curve', 'time', 'value']).to_csv(os.path.join(TRUTH, 'curves.csv'), index=False)
    rows = []
    for k, (t, e) in enumerate(ipd, 1):
        rows += [(k, float(a), int(b)) for a, b in zip(t, e)]
    pd.DataFrame(rows, columns=['curve', 'time', 'event']).to_csv(os.path.join(TRUTH, 'ipd.csv'), index=False)
    if atrisk is not None:
        pd.DataFrame(atrisk, columns=['curve', 'time', 'n_at_risk']).to_csv(os.path.join(TRUTH, 'at_risk.csv'), index=False)
    with open(os.path.join(TRUTH, 'meta.json'), 'w') as f:
        json.dump(meta, f, indent=1)

def overlay_truth(ax, yscale=1.0):
    """Re-render check: draw truth/curves.csv over the figure in thin red."""
    df = pd.read_csv(os.path.join(TRUTH, 'curves.csv'))
    for k, g in df.groupby('curve'):
        ax.plot(g.time, g.value * yscale, color='red', lw=0.6, zorder=50)
        ax.plot(g.time, g.value * yscale, 'o', ms=1.2, color='red', zorder=51)
# ---- end helpers ----
import subprocess
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from matplotlib.collections import LineCollection
from lifelines import KaplanMeierFitter

rng = np.random.default_rng(1704)
arms = [('Combination', 140, 420, 1.1, 150, 104), ('Monotherapy', 135, 190, 1.0, 150, 104)]
ipd, curves = [], []
for name, n, sc, sh, cm, ad in arms:
    t, e = simulate(rng, n, sc, sh, cm, ad, dec=1)
    xs, ys = km(t, e)
    kmf = KaplanMeierFitter().fit(t, e)       # cross-check against lifelines
    assert np.allclose([surv_at(xs, ys, x) for x in kmf.timeline], kmf.survival_function_.values[:, 0])
    ipd.append((t, e)); curves.append((xs, ys))

def pieces(xs, ys, dx=0.6, dy=0.0025):
    """Chop the step polyline into many short separate segments."""
    segs = []
    for (x0, y0), (x1, y1) in zip(zip(xs[:-1], ys[:-1]), zip(xs[1:], ys[1:])):
        if x0 == x1 and y0 == y1:
            continue
        if y0 == y1:
            k = max(1, int(np.ceil((x1 - x0) / dx)))
        else:
            k = max(1, int(np.ceil(abs(y1 - y0) / dy)))
        px = np.linspace(x0, x1, k + 1); py = np.linspace(y0, y1, k + 1)
        segs += [[(px[i], py[i]), (px[i + 1], py[i + 1])] for i in range(k)]
    return segs

plt.rcParams.update({'font.family': 'Liberation Serif', 'font.size': 9, 'svg.fonttype': 'path'})
fig = plt.figure(figsize=(4.6, 3.5))
ax = fig.add_axes([0.14, 0.14, 0.82, 0.80])
for i, ((xs, ys), (t, e)) in enumerate(zip(curves, ipd)):
    segs = pieces(xs, ys)
    if i == 1:   # 'dashed' arm: the gaps are real gaps between separate segments
        segs = [s for j, s in enumerate(segs) if (j // 3) % 2 == 0]
    ax.add_collection(LineCollection(segs, colors='black', linewidths=1.0, capstyle='butt'))
    ct = t[e == 0]
    cy = np.array([surv_at(xs, ys, x) for x in ct])
    ax.vlines(ct, cy - 0.008, cy + 0.008, color='black', lw=0.6)
ax.set_xlim(0, 106); ax.set_ylim(0.5, 1.005)
ax.set_xticks([0, 13, 26, 39, 52, 65, 78, 91, 104])
ax.set_yticks([0.5, 0.6, 0.7, 0.8, 0.9, 1.0]); ax.set_yticklabels(['0.5', '0.6', '0.7', '0.8', '0.9', '1.0'])
ax.spines['top'].set_visible(False); ax.spines['right'].set_visible(False)
ax.tick_params(direction='in', length=3, width=0.6)
for s in ax.spines.values(): s.set_linewidth(0.6)
ax.set_xlabel('Weeks after randomisation'); ax.set_ylabel('Progression-free survival (probability)')
from matplotlib.lines import Line2D
ax.legend([Line2D([], [], color='k', lw=1.0), Line2D([], [], color='k', lw=1.0, ls=(0, (3, 3)))],
          [a[0] for a in arms], loc='lower left', frameon=False, fontsize=8.5)
svg = os.path.join('/tmp', 'x4_fig17.svg')
fig.savefig(svg)
subprocess.run(['rsvg-convert', '-f', 'pdf', '-o', os.path.join(HERE, 'figure.pdf'), svg], check=True)

write_truth(curves, ipd, {"kind": "survival", "x_range": [0, 104], "y_range": [0.5, 1.0], "n_curves": 2,
            "x_unit": "weeks", "style": "journal PDF, text converted to outlines, curves as many short segments (dashed arm by gaps), zoomed y 0.5-1.0, black and white, tick censor marks"})
if CHECK:
    overlay_truth(ax)
    fig.savefig(os.path.join(CHECKDIR, 'x4.png'), dpi=200)
    # axes box in figure fraction, for an overlay on the rasterised PDF
    json.dump({'pos': list(ax.get_position().bounds), 'xlim': ax.get_xlim(), 'ylim': ax.get_ylim(), 'size': [4.6, 3.5]},
              open(os.path.join(CHECKDIR, 'x4_map.json'), 'w'))
