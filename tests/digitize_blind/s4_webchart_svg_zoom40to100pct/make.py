"""s4: a Kaplan-Meier chart as a browser charting library (Highcharts-like defaults) would
emit it as SVG: thin step lines with round joins/caps, light grid, grey 11px labels, legend
below with line+dot symbols, y axis zoomed to 40%-100%. The SVG is written by hand (text stays
text). Writes figure.svg and truth/*."""
import json, os, subprocess
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(1204)


def km_steps(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    s = 1.0; pts = [(0.0, 1.0)]
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        pts.append((u, s)); s *= 1 - d / n; pts.append((u, s))
    if t.max() > pts[-1][0]:
        pts.append((t.max(), s))
    return pts


specs = [("Low risk", 180, 0.0050), ("Intermediate-low", 150, 0.0090),
         ("Intermediate-high", 130, 0.0150), ("High risk", 110, 0.0180)]   # n, hazard/month
groups = []
for g, (name, n, lam) in enumerate(specs, start=1):
    ev = rng.exponential(1 / lam, n)
    c = np.minimum(rng.uniform(18, 48, n), rng.exponential(200, n))
    t = np.round(np.minimum(ev, c), 1); t = np.maximum(t, 0.1)
    e = (ev <= c).astype(int)
    groups.append((g, name, t, e))

W, H = 720, 450
L, R, T, B = 72, 700, 62, 352          # plot area
X0, X1, Y0, Y1 = 0.0, 48.0, 0.40, 1.00
px = lambda x: L + (x - X0) / (X1 - X0) * (R - L)
py = lambda y: B - (y - Y0) / (Y1 - Y0) * (B - T)
colors = ["#7cb5ec", "#434348", "#90ed7d", "#f7a35c"]
FONT = "'Lucida Grande', 'Lucida Sans Unicode', Arial, Helvetica, sans-serif"

out = []
o = out.append
o(f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="highcharts-root" width="{W}" height="{H}" '
  f'viewBox="0 0 {W} {H}" style="font-family:{FONT};font-size:12px;">')
o('<desc>Created with a JavaScript charting library</desc><defs><clipPath id="plot-clip">'
  f'<rect x="{L}" y="{T - 2}" width="{R - L}" height="{B - T + 4}" fill="none"/></clipPath></defs>')
o(f'<rect fill="#ffffff" x="0" y="0" width="{W}" height="{H}" rx="0" ry="0" class="highcharts-background"/>')
# grid
o('<g class="highcharts-grid highcharts-xaxis-grid" data-z-index="1">')
for x in range(0, 49, 6):
    o(f'<path fill="none" stroke="#f0f0f0" stroke-width="1" d="M {px(x) + 0.5:.1f} {T} L {px(x) + 0.5:.1f} {B}" opacity="1"/>')
o('</g><g class="highcharts-grid highcharts-yaxis-grid" data-z-index="1">')
for k in range(4, 11):
    y = k / 10
    o(f'<path fill="none" stroke="#e6e6e6" stroke-width="1" d="M {L} {py(y) + 0.5:.1f} L {R} {py(y) + 0.5:.1f}" opacity="1"/>')
o('</g>')
# x axis line + ticks
o(f'<path fill="none" class="highcharts-axis-line" stroke="#ccd6eb" stroke-width="1" d="M {L} {B + 0.5} L {R} {B + 0.5}"/>')
for x in range(0, 49, 6):
    o(f'<path fill="none" class="highcharts-tick" stroke="#ccd6eb" stroke-width="1" d="M {px(x) + 0.5:.1f} {B} L {px(x) + 0.5:.1f} {B + 10}"/>')
# series
curves, ipd = [], []
o('<g class="highcharts-series-group" data-z-index="3">')
for (g, name, t, e), col in zip(groups, colors):
    pts = km_steps(t, e)
    d = "M " + " L ".join(f"{px(x):.2f} {py(y):.2f}" for x, y in pts)
    o(f'<g class="highcharts-series highcharts-series-{g - 1} highcharts-line-series" clip-path="url(#plot-clip)">'
      f'<path fill="none" d="{d}" class="highcharts-graph" stroke="{col}" stroke-width="1.5" '
      f'stroke-linejoin="round" stroke-linecap="round"/></g>')
    curves += [(g, x, y) for x, y in pts]
    ipd += [(g, ti, ei) for ti, ei in zip(t, e)]
    assert min(y for _, y in pts) > Y0
o('</g>')
# axis labels
o(f'<g class="highcharts-axis-labels highcharts-xaxis-labels" data-z-index="7">')
for x in range(0, 49, 6):
    o(f'<text x="{px(x):.1f}" y="{B + 24}" text-anchor="middle" style="color:#666666;cursor:default;font-size:11px;fill:#666666;">{x}</text>')
o('</g><g class="highcharts-axis-labels highcharts-yaxis-labels" data-z-index="7">')
for k in range(4, 11):
    o(f'<text x="{L - 8}" y="{py(k / 10) + 4:.1f}" text-anchor="end" style="color:#666666;cursor:default;font-size:11px;fill:#666666;">{k * 10}%</text>')
o('</g>')
o(f'<text x="{(L + R) / 2:.0f}" y="{B + 46}" text-anchor="middle" class="highcharts-axis-title" style="color:#666666;fill:#666666;font-size:12px;">Months since enrolment</text>')
o(f'<text x="22" y="{(T + B) / 2:.0f}" text-anchor="middle" transform="rotate(270 22 {(T + B) / 2:.0f})" class="highcharts-axis-title" style="color:#666666;fill:#666666;font-size:12px;">Event-free survival</text>')
o(f'<text x="{W / 2:.0f}" y="26" text-anchor="middle" class="highcharts-title" style="color:#333333;font-size:18px;fill:#333333;">Event-free survival by risk group</text>')
o(f'<text x="{W / 2:.0f}" y="46" text-anchor="middle" class="highcharts-subtitle" style="color:#666666;fill:#666666;font-size:12px;">Kaplan-Meier estimates, registry cohort 2016-2020</text>')
# legend
widths = [21 + 7.3 * len(nm) for nm, _, _ in specs]
tot = sum(widths) + 20 * 3
x = (W - tot) / 2; ly = H - 28
o('<g class="highcharts-legend" data-z-index="7">')
for (g, name, t, e), col, w in zip(groups, colors, widths):
    o(f'<g class="highcharts-legend-item"><path fill="none" stroke="{col}" stroke-width="1.5" stroke-linecap="round" d="M {x:.1f} {ly} L {x + 16:.1f} {ly}"/>'
      f'<circle cx="{x + 8:.1f}" cy="{ly}" r="4" fill="{col}"/>'
      f'<text x="{x + 21:.1f}" y="{ly + 4}" style="color:#333333;cursor:pointer;font-size:12px;font-weight:bold;fill:#333333;">{name}</text></g>')
    x += w + 20
o('</g></svg>')
open(os.path.join(HERE, "figure.svg"), "w").write("\n".join(out) + "\n")

os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 48], "y_range": [40, 100], "n_curves": 4, "x_unit": "months",
           "style": "browser charting library SVG (Highcharts-like), zoomed percent y axis 40-100%"},
          open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)

if os.environ.get("CHECK"):   # rasterise the SVG (R rsvg), then draw the truth from disk over it
    from PIL import Image, ImageDraw
    sc = 3
    subprocess.run(["Rscript", "-e", f'rsvg::rsvg_png("{HERE}/figure.svg", "{os.environ["CHECK"]}", width={W * sc})'], check=True)
    im = Image.open(os.environ["CHECK"]).convert("RGB"); dr = ImageDraw.Draw(im)
    tc = pd.read_csv(os.path.join(HERE, "truth/curves.csv"))
    for c, dd in tc.groupby("curve"):
        xy = [(px(a) * sc, py(b) * sc) for a, b in zip(dd.time, dd.value)]
        dr.line(xy, fill=(255, 0, 0), width=1)
    im.save(os.environ["CHECK"])
