#!/usr/bin/env python3
"""Three arms in black and two greys, same solid line style; lifelines plotting + at-risk table, PNG 200 dpi.
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
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts

rng = np.random.default_rng(17006)
arms = [('Low risk', 110, 80, 1.3, 70, 50), ('Intermediate risk', 130, 42, 1.1, 70, 50), ('High risk', 95, 18, 0.9, 70, 50)]
greys = ['#000000', '#707070', '#B4B4B4']
ipd, curves, fitters = [], [], []
plt.rcParams.update({'font.family': 'DejaVu Sans', 'font.size': 10})
fig = plt.figure(figsize=(6.5, 5.2))
ax = fig.add_axes([0.25, 0.34, 0.71, 0.62])
for (name, n, sc, sh, cm, ad), g in zip(arms, greys):
    t, e = simulate(rng, n, sc, sh, cm, ad, dec=2)
    kmf = KaplanMeierFitter(label=name).fit(t, e)
    kmf.plot_survival_function(ax=ax, ci_show=False, show_censors=True, color=g, lw=1.8,
                               censor_styles={'marker': '|', 'ms': 7, 'mew': 1.0})
    ipd.append((t, e)); curves.append(km(t, e)); fitters.append(kmf)
ticks = [0, 12, 24, 36, 48]
ax.set_xlim(0, 51); ax.set_ylim(0, 1.02)
ax.set_xticks(ticks); ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
ax.grid(True, color='#E3E3E3', lw=0.6); ax.set_axisbelow(True)
ax.set_xlabel('Months from diagnosis'); ax.set_ylabel('Overall survival probability')
ax.legend(loc='lower left', frameon=True, framealpha=1, edgecolor='#CCCCCC', title='Risk group')
add_at_risk_counts(*fitters, ax=ax, rows_to_show=['At risk'], fig=fig)
fig.savefig(os.path.join(HERE, 'figure.png'), dpi=200)

# numbers at risk as lifelines printed them (read back off the table axes), checked against t >= tick
atr = []
tabs = [a for a in fig.axes if a is not ax]
printed = [l.get_text() for l in tabs[0].get_xticklabels()]
for k, (t, e) in enumerate(ipd, 1):
    for x, nr in zip(ticks, at_risk(t, ticks)):
        atr.append((k, x, nr))
first = [int(r.split()[-1]) for r in printed[0].strip().split('\n')[1:]]
rest = [[int(v) for v in lab.strip().split('\n')] for lab in printed[1:]]
table = [[first[k]] + [col[k] for col in rest] for k in range(len(ipd))]
assert table == [at_risk(t, ticks) for t, e in ipd], (table, printed)
write_truth(curves, ipd, {"kind": "survival", "x_range": [0, 48], "y_range": [0, 1], "n_curves": 3,
            "x_unit": "months", "style": "lifelines plot: three arms black / mid grey / light grey, identical solid lines, | censor marks, light grid, legend inside lower left, lifelines at-risk table"},
            atrisk=atr)
if CHECK:
    overlay_truth(ax)
    fig.savefig(os.path.join(CHECKDIR, 'x6.png'), dpi=130)
