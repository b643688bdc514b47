#!/usr/bin/env python3
"""SAS PROC LIFETEST ODS-graphics-like KM, 3 strata, SVG. Run: /work/figenv/bin/python make.py"""
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
from matplotlib.lines import Line2D

rng = np.random.default_rng(170217)
arms = [('Stage=I', 120, 14, 1.1, 14, 10), ('Stage=II', 140, 7, 1.0, 14, 10), ('Stage=III', 100, 3.2, 0.9, 14, 10)]
ipd, curves, gw = [], [], []
for name, n, sc, sh, cm, ad in arms:
    t, e = simulate(rng, n, sc, sh, cm, ad, dec=2)
    ipd.append((t, e)); curves.append(km(t, e)); gw.append(km_greenwood(t, e))

plt.rcParams.update({'font.family': 'Liberation Sans', 'font.size': 10, 'svg.fonttype': 'none'})
cols = ['#445694', '#A23A2E', '#01665E']  # SAS HTMLBlue GraphData1-3
fig = plt.figure(figsize=(6.4, 5.6))
ax = fig.add_axes([0.12, 0.21, 0.83, 0.66])
ticks = [0, 2, 4, 6, 8, 10]
for (xs, ys), g, c in zip(curves, gw, cols):
    tt = np.append(g[:, 0], xs[-1]); lo = np.append(g[:, 2], g[-1, 2]); hi = np.append(g[:, 3], g[-1, 3])
    ax.fill_between(tt, lo, hi, step='post', color=c, alpha=0.18, lw=0)
for (xs, ys), (t, e), c in zip(curves, ipd, cols):
    ax.step(xs, ys, where='post', color=c, lw=1.3)
    ct = t[e == 0]
    ax.plot(ct, [surv_at(xs, ys, x) for x in ct], '+', color=c, ms=6, mew=0.9)
# numbers at risk inside the plot area, along its bottom
atr = []
for k, ((t, e), c) in enumerate(zip(ipd, cols)):
    yrow = -0.06 - 0.055 * k
    for x, nr in zip(ticks, at_risk(t, ticks)):
        ax.text(x, yrow, str(nr), color=c, ha='center', va='center', fontsize=8.5)
        atr.append((k + 1, x, nr))
ax.set_xlim(-0.3, 10.5); ax.set_ylim(-0.22, 1.03)
ax.set_xticks(ticks); ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
ax.set_yticklabels(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0'])
ax.set_xlabel('Years'); ax.set_ylabel('Survival Probability')
for s in ax.spines.values():
    s.set_color('#6F6F6F'); s.set_linewidth(0.8)
ax.tick_params(color='#6F6F6F', length=4)
fig.text(0.535, 0.955, 'Product-Limit Survival Estimates', ha='center', fontsize=12, fontweight='bold')
fig.text(0.535, 0.915, 'With Number of Subjects at Risk and 95% Confidence Limits', ha='center', fontsize=10)
ax.legend([Line2D([], [], ls='none', marker='+', color='black', ms=7)], ['Censored'], loc='upper right',
          frameon=True, edgecolor='#9F9F9F', fancybox=False, fontsize=9, handletextpad=0.3)
handles = [Line2D([], [], color=c, lw=1.3) for c in cols]
fig.legend(handles, [a[0] for a in arms], loc='lower center', bbox_to_anchor=(0.535, 0.01), ncol=3, title='Stratum',
           frameon=True, edgecolor='#9F9F9F', fancybox=False, fontsize=9, title_fontsize=9.5)
fig.savefig(os.path.join(HERE, 'figure.svg'))

write_truth(curves, ipd, {"kind": "survival", "x_range": [0, 10], "y_range": [0, 1], "n_curves": 3,
            "x_unit": "years", "style": "SAS PROC LIFETEST ODS graphics: Greenwood log-log bands, + censor marks, at-risk numbers inside plot bottom, Stratum legend box below"},
            atrisk=atr)
if CHECK:
    overlay_truth(ax)
    fig.savefig(os.path.join(CHECKDIR, 'x2.png'), dpi=150)
