"""a5_spanish_incidence_pdf: vector PDF in Spanish, rising cumulative incidence (1-KM) for two
groups with dotted 95% CI step lines in each curve's colour, decimal-comma y ticks, and a
'Pacientes en riesgo' table under the axis."""
import os, json
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from matplotlib import font_manager

# ---- shared KM helpers (copied verbatim into every make.py) ----
def km_corners(times, events):
    """Step corners of the KM survival curve: (0,1), before/after each event drop,
    and the last follow-up time at the final level."""
    t = np.asarray(times, float); e = np.asarray(events, int)
    ev_times = np.unique(t[e == 1])
    s = 1.0
    pts = [(0.0, 1.0)]
    for u in ev_times:
        n = int((t >= u).sum()); d = int(((t == u) & (e == 1)).sum())
        s_new = s * (1.0 - d / n)
        pts.append((float(u), s)); pts.append((float(u), s_new)); s = s_new
    tmax = float(t.max())
    if len(ev_times) == 0 or tmax > ev_times[-1]:
        pts.append((tmax, s))
    return pts

def step_value(pts, x):
    """Right-continuous value of the step curve defined by corners at time x."""
    v = pts[0][1]
    for (tt, vv) in pts:
        if tt <= x:
            v = vv
        else:
            break
    return v

def n_at_risk(times, x):
    return int((np.asarray(times, float) >= x).sum())

def check_with_lifelines(times, events, pts):
    from lifelines import KaplanMeierFitter
    kmf = KaplanMeierFitter().fit(np.asarray(times, float), np.asarray(events, int))
    sf = kmf.survival_function_
    worst = 0.0
    ev = np.unique(np.asarray(times, float)[np.asarray(events, int) == 1])
    assert len(pts) in (1 + 2 * len(ev), 2 + 2 * len(ev))
    for k, u in enumerate(ev):
        tb, vb = pts[1 + 2 * k]; ta, va = pts[2 + 2 * k]
        assert tb == u and ta == u
        after = float(kmf.survival_function_at_times(u).iloc[0])
        before = float(sf[sf.index < u].iloc[-1, 0])
        worst = max(worst, abs(after - va), abs(before - vb))
    # the final corner must equal lifelines at the last time
    assert abs(float(kmf.survival_function_at_times(pts[-1][0]).iloc[0]) - pts[-1][1]) < 1e-12
    assert worst < 1e-12, worst
    return worst
# ---- end shared helpers ----

def write_truth(ipd, curves_pts, meta, at_risk=None, incidence=False):
    """ipd: DataFrame curve,time,event; curves_pts: {curve: corners (survival)}."""
    os.makedirs('truth', exist_ok=True)
    ipd.to_csv('truth/ipd.csv', index=False)
    rows = []
    for c, pts in curves_pts.items():
        for (tt, vv) in pts:
            rows.append((c, tt, (1.0 - vv) if incidence else vv))
    pd.DataFrame(rows, columns=['curve', 'time', 'value']).to_csv('truth/curves.csv', index=False)
    if at_risk is not None:
        at_risk.to_csv('truth/at_risk.csv', index=False)
    with open('truth/meta.json', 'w') as f:
        json.dump(meta, f, indent=2, ensure_ascii=False)
        f.write('\n')
# ---- end truth writer ----

os.chdir(os.path.dirname(os.path.abspath(__file__)))
rng = np.random.default_rng(20205)

# ---------------- simulate patients (months) ----------------
groups = ['Cirugía sola', 'Cirugía + quimioterapia']
ns = [124, 131]
rows = []
for i, (n, lam) in enumerate(zip(ns, [1 / 75.0, 1 / 170.0]), start=1):
    ev_t = rng.exponential(1 / lam, n)
    admin = rng.uniform(18.0, 60.0, n)
    drop = rng.exponential(200.0, n)
    cens = np.minimum(admin, drop)
    t = np.minimum(ev_t, cens)
    e = (ev_t <= cens).astype(int)
    t = np.clip(np.round(t, 1), 0.1, 60.0)
    rows += [(i, float(a), int(b)) for a, b in zip(t, e)]
ipd = pd.DataFrame(rows, columns=['curve', 'time', 'event'])
curves = {}
from lifelines import KaplanMeierFitter
cis = {}
for c in (1, 2):
    d = ipd[ipd.curve == c]
    curves[c] = km_corners(d.time.values, d.event.values)
    check_with_lifelines(d.time.values, d.event.values, curves[c])
    kmf = KaplanMeierFitter(alpha=0.05).fit(d.time.values, d.event.values)
    cis[c] = kmf.confidence_interval_survival_function_
from lifelines.statistics import logrank_test
d1, d2 = ipd[ipd.curve == 1], ipd[ipd.curve == 2]
pval = logrank_test(d1.time, d2.time, d1.event, d2.event).p_value

risk_times = [0, 12, 24, 36, 48, 60]
ar = []
for c in (1, 2):
    tt = ipd[ipd.curve == c].time.values
    ar += [(c, x, n_at_risk(tt, x)) for x in risk_times]
at_risk = pd.DataFrame(ar, columns=['curve', 'time', 'n_at_risk'])

# ---------------- draw ----------------
for p in ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
          '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf']:
    if os.path.exists(p):
        font_manager.fontManager.addfont(p)
plt.rcParams['font.family'] = ['Liberation Sans', 'DejaVu Sans']
plt.rcParams['pdf.fonttype'] = 42
fig = plt.figure(figsize=(7.0, 6.0))
ax = fig.add_axes([0.30, 0.33, 0.66, 0.60])
colors = ['#1F4E79', '#C0392B']
ax.set_xlim(0, 60); ax.set_ylim(0, 1.0)
ax.set_xticks(risk_times)
yt = np.round(np.arange(0, 1.001, 0.1), 1)
ax.set_yticks(yt)
ax.set_yticklabels([f'{v:.1f}'.replace('.', ',') for v in yt])
for k in ('top', 'right'):
    ax.spines[k].set_visible(False)
ax.tick_params(labelsize=10)
for c, col, g in zip((1, 2), colors, groups):
    xs, ys = zip(*curves[c])
    ax.plot(xs, 1 - np.array(ys), color=col, lw=1.6, label=g)
    ci = cis[c]
    tmax = float(ipd[ipd.curve == c].time.max())
    tt = np.append(ci.index.values, tmax)
    lo = np.append(1 - ci.iloc[:, 1].values, 1 - ci.iloc[-1, 1])   # 1 - upper S
    hi = np.append(1 - ci.iloc[:, 0].values, 1 - ci.iloc[-1, 0])   # 1 - lower S
    ax.plot(tt, lo, color=col, lw=0.9, ls=':', drawstyle='steps-post')
    ax.plot(tt, hi, color=col, lw=0.9, ls=':', drawstyle='steps-post')
ax.set_xlabel('Meses', fontsize=11)
ax.set_ylabel('Incidencia acumulada', fontsize=11)
ax.legend(loc='upper left', frameon=False, fontsize=10)
ax.text(0.98, 0.03, ('Log-rank: p = ' + f'{pval:.3f}'.replace('.', ',')) if pval >= 0.001
        else 'Log-rank: p < 0,001', transform=ax.transAxes, ha='right', fontsize=10)
fig.text(0.02, 0.195, 'Pacientes en riesgo', fontsize=10.5, fontweight='bold')
for k, c in enumerate((1, 2)):
    yfig = 0.15 - 0.045 * k
    fig.text(0.02, yfig, groups[c - 1], fontsize=9, va='center', color=colors[c - 1])
    for _, r in at_risk[at_risk.curve == c].iterrows():
        fig.text(0.30 + 0.66 * r.time / 60, yfig, f'{int(r.n_at_risk)}', fontsize=10,
                 va='center', ha='center', color=colors[c - 1])
fig.savefig('figure.pdf', metadata={'CreationDate': None})
plt.close(fig)

meta = {"kind": "incidence", "x_range": [0, 60], "y_range": [0, 1.0], "n_curves": 2,
        "x_unit": "months",
        "style": "vector PDF in Spanish: rising cumulative incidence (1-KM), two coloured curves with dotted 95% CI steps in the same colour, decimal-comma y ticks 0,0-1,0, 'Pacientes en riesgo' table below",
        "groups": groups}
write_truth(ipd, curves, meta, at_risk=at_risk, incidence=True)
print('a5 done; events', ipd.groupby('curve').event.sum().tolist(),
      'final inc', [round(1 - curves[c][-1][1], 3) for c in curves], 'p', pval)
print(at_risk.pivot(index='curve', columns='time', values='n_at_risk'))
print('max CI upper inc', [float(1 - cis[c].iloc[:, 0].min()) for c in cis])
