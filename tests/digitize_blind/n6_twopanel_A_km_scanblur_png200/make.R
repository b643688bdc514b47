# Two-panel figure (A: KM with dashed 95% CI lines and at-risk table, years; B: subgroup forest plot),
# R base graphics, 200 dpi PNG, then degraded like a scan (blur, noise, off-white paper) with PIL.
suppressMessages({library(survival); library(jsonlite)})
set.seed(10106)
gen <- function(n, rate, g) {
  t  <- rexp(n, rate); cc <- pmin(runif(n, 3, 10), rexp(n, 0.03))
  data.frame(group = g, time = pmax(round(pmin(t, cc), 2), 0.01), event = as.integer(t <= cc))
}
d <- rbind(gen(210, 0.09, 1), gen(205, 0.16, 2))
fit <- survfit(Surv(time, event) ~ group, data = d)
sid <- rep(1:2, fit$strata)
corners <- function(tt, ss) {
  out <- data.frame(time = 0, value = 1); prev <- 1
  for (i in seq_along(tt)) if (ss[i] < prev - 1e-12) { out <- rbind(out, data.frame(time = c(tt[i], tt[i]), value = c(prev, ss[i]))); prev <- ss[i] }
  last <- tail(tt, 1); if (tail(out$time, 1) < last) out <- rbind(out, data.frame(time = last, value = prev)); out
}
cv <- do.call(rbind, lapply(1:2, function(g) cbind(curve = g, corners(fit$time[sid == g], fit$surv[sid == g]))))
write.csv(cv, "truth/curves.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = d$group, time = d$time, event = d$event), "truth/ipd.csv", row.names = FALSE, quote = FALSE)
ticks <- seq(0, 10, 2)
ar <- do.call(rbind, lapply(1:2, function(g) data.frame(curve = g, time = ticks,
        n_at_risk = sapply(ticks, function(x) sum(d$time[d$group == g] >= x)))))
write.csv(ar, "truth/at_risk.csv", row.names = FALSE, quote = FALSE)
writeLines(toJSON(list(kind = "survival", x_range = c(0, 10), y_range = c(0, 1), n_curves = 2, x_unit = "years",
  style = "two-panel figure, KM is panel A (left) with dashed CI lines and at-risk table; panel B forest plot; R base; scan-like blurred PNG 200 dpi"),
  auto_unbox = TRUE, pretty = TRUE), "truth/meta.json")

cols <- c("#1F4E9A", "#B22222")
draw <- function(overlay = FALSE) {
  layout(matrix(1:2, 1), widths = c(1.25, 1))
  par(mar = c(8.5, 5.5, 2.5, 1), mgp = c(2.4, 0.7, 0), las = 1, cex = 0.9)
  plot(fit, col = cols, lwd = 1.8, conf.int = TRUE, lty = 1, mark.time = FALSE, xlim = c(0, 10),
       xaxt = "n", yaxt = "n", xlab = "Years from diagnosis", ylab = "Disease-specific survival", bty = "l", xaxs = "i")
  axis(1, at = ticks); axis(2, at = seq(0, 1, 0.25), labels = c("0", "0.25", "0.50", "0.75", "1.00"))
  abline(h = seq(0, 1, 0.25), col = "grey88", lwd = 0.6)
  legend("bottomleft", c("Stage II (n=210)", "Stage III (n=205)"), col = cols, lwd = 1.8, bty = "n", inset = c(0.02, 0.02))
  mtext("A", side = 3, line = 0.8, adj = -0.13, font = 2, cex = 1.5)
  mtext("Number at risk", side = 1, line = 3.8, at = -1.7, adj = 0, font = 2, cex = 0.8)
  for (g in 1:2) {
    mtext(c("Stage II", "Stage III")[g], side = 1, line = 3.8 + 1.2 * g, at = -1.7, adj = 0, cex = 0.8, col = cols[g])
    mtext(ar$n_at_risk[ar$curve == g], side = 1, line = 3.8 + 1.2 * g, at = ticks, cex = 0.8, col = cols[g])
  }
  if (overlay) for (g in 1:2) lines(cv$time[cv$curve == g], cv$value[cv$curve == g], col = "green3", lwd = 0.6)
  # panel B: subgroup forest plot
  sub <- c("Age < 65", "Age >= 65", "Male", "Female", "ECOG 0", "ECOG 1-2", "Overall")
  hr <- c(1.62, 2.05, 1.88, 1.71, 1.55, 2.21, 1.80); lo <- hr * exp(-c(.35, .33, .30, .38, .36, .32, .2)); hi <- hr * exp(c(.35, .33, .30, .38, .36, .32, .2))
  par(mar = c(8.5, 6.5, 2.5, 1))
  y <- rev(seq_along(sub))
  plot(hr, y, log = "x", xlim = c(0.5, 4), ylim = c(0.5, length(sub) + 0.5), pch = c(rep(15, 6), 18), cex = c(rep(1.1, 6), 1.8),
       yaxt = "n", xlab = "Hazard ratio (Stage III vs II)", ylab = "", bty = "l", xaxt = "n")
  axis(1, at = c(0.5, 1, 2, 4), labels = c("0.5", "1", "2", "4")); axis(2, at = y, labels = sub, cex.axis = 0.85)
  segments(lo, y, hi, y, lwd = 1.4); abline(v = 1, lty = 2, col = "grey40")
  mtext("B", side = 3, line = 0.8, adj = -0.45, font = 2, cex = 1.5)
}
png("raw_tmp.png", width = 10, height = 4.8, units = "in", res = 200); draw(); invisible(dev.off())
system2("/work/figenv/bin/python", c("-c", shQuote(paste(
  "from PIL import Image, ImageFilter; import numpy as np",
  "im = Image.open('raw_tmp.png').convert('RGB').filter(ImageFilter.GaussianBlur(1.6))",
  "a = np.asarray(im).astype(float); rng = np.random.default_rng(6)",
  "paper = np.array([246., 243., 232.]); a = a * paper / 255 * 0.97 + rng.normal(0, 5, a.shape[:2])[..., None]",
  "a = np.clip(a, 0, 255).astype('uint8')",
  "Image.fromarray(a).save('figure.png', dpi=(200, 200))", sep = "\n"))))
invisible(file.remove("raw_tmp.png"))
if (Sys.getenv("OVERLAY") == "1") { png("/tmp/blind_fig10_checks/n6_overlay.png", width = 10, height = 4.8, units = "in", res = 90); draw(TRUE); invisible(dev.off()) }
