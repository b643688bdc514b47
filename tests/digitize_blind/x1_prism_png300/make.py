#!/usr/bin/env python3
"""GraphPad Prism-like KM, 2 arms, PNG 300 dpi. Run: /work/figenv/bin/python make.py"""
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
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt

rng = np.random.default_rng(1701)
arms = [('Drug A', 160, 70, 1.2, 110, 60), ('Vehicle', 150, 30, 1.0, 110, 60)]
ipd, curves = [], []
for name, n, sc, sh, cm, ad in arms:
    t, e = simulate(rng, n, sc, sh, cm, ad, dec=1)
    ipd.append((t, e)); curves.append(km(t, e))

plt.rcParams.update({'font.family': 'DejaVu Sans', 'font.weight': 'bold', 'font.size': 12})
fig = plt.figure(figsize=(5.2, 4.0))
ax = fig.add_axes([0.17, 0.20, 0.64, 0.72])
cols = ['black', '#D62728']
for (xs, ys), (t, e), c in zip(curves, ipd, cols):
    ax.step(xs, ys * 100, where='post', color=c, lw=2.2, solid_joinstyle='miter')
    ct = np.sort(t[e == 0])
    cy = np.array([surv_at(xs, ys, x) for x in ct]) * 100
    ax.vlines(ct, cy, cy + 3.0, color=c, lw=1.3)   # Prism censor tick: short upward
for (xs, ys), (name, *_), c in zip(curves, arms, cols):
    ax.text(xs[-1] + 1.5, ys[-1] * 100, name, color=c, va='center', ha='left', fontsize=12, fontweight='bold', clip_on=False)
for s in ['top', 'right']:
    ax.spines[s].set_visible(False)
for s in ['left', 'bottom']:
    ax.spines[s].set_linewidth(2.5)
    ax.spines[s].set_position(('outward', 10))
ax.tick_params(direction='out', width=2.5, length=7, labelsize=12)
ax.set_xlim(0, 60); ax.set_ylim(0, 103)
ax.spines['left'].set_bounds(0, 100); ax.spines['bottom'].set_bounds(0, 60)
ax.set_xticks(range(0, 61, 12)); ax.set_yticks([0, 25, 50, 75, 100])
ax.set_xlabel('Months', fontweight='bold', fontsize=13)
ax.set_ylabel('Percent survival', fontweight='bold', fontsize=13)
ax.set_title('Overall survival', fontweight='bold', fontsize=14, loc='center')
fig.savefig(os.path.join(HERE, 'figure.png'), dpi=300)

write_truth(curves, ipd, {"kind": "survival", "x_range": [0, 60], "y_range": [0, 100], "n_curves": 2,
            "x_unit": "months", "style": "GraphPad Prism: offset thick black axes, outward ticks, no box, upward-tick censor marks, labels at curve ends; percent axis"})
if CHECK:
    overlay_truth(ax, 100)
    fig.savefig(os.path.join(CHECKDIR, 'x1.png'), dpi=150)
