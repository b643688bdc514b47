# R base graphics KM, 4 arms, days 0-800 with ticks every 90 days (last label 720),
# y axis zoomed to 0.4-1.0, numbers-at-risk table under the plot, JPEG.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
dir.create(file.path(here, "truth"), showWarnings = FALSE)
set.seed(15009)
ns <- c(120, 95, 110, 85); rates <- c(0.00035, 0.0006, 0.0008, 0.0009)  # per day
d <- NULL
for (k in 1:4) {
  ev <- rexp(ns[k], rates[k])
  cens <- pmin(runif(ns[k], 300, 800), rexp(ns[k], 1/3000))
  t <- pmax(round(pmin(ev, cens)), 1)       # whole days
  d <- rbind(d, data.frame(curve = k, time = t, event = as.integer(ev <= cens)))
}
write.csv(d, file.path(here, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
labs <- c("Placebo", "10 mg", "20 mg", "40 mg")
# arms listed in legend in order curve 1..4; curve 1 has the best survival
fit <- survfit(Surv(time, event) ~ curve, data = d)
cr <- NULL
for (k in 1:4) {
  f <- survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ])
  s <- 1; cr <- rbind(cr, data.frame(curve = k, time = 0, value = 1))
  for (i in which(f$n.event > 0)) {
    cr <- rbind(cr, data.frame(curve = k, time = f$time[i], value = c(s, f$surv[i]))); s <- f$surv[i]
  }
  mx <- max(d$time[d$curve == k]); if (mx > max(cr$time[cr$curve == k])) cr <- rbind(cr, data.frame(curve = k, time = mx, value = s))
}
write.csv(cr, file.path(here, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
ticks <- seq(0, 720, 90)
ar <- NULL
for (k in 1:4) for (tk in ticks) ar <- rbind(ar, data.frame(curve = k, time = tk, n_at_risk = sum(d$time[d$curve == k] >= tk)))
write.csv(ar, file.path(here, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)

cols <- c("black", "firebrick3", "royalblue3", "darkgreen"); ltys <- c(1, 2, 4, 3)
jpeg(file.path(here, "figure.jpg"), width = 7.5, height = 6, units = "in", res = 150, quality = 80)
par(mar = c(10, 5, 2, 2), las = 1, family = "sans")
plot(fit, col = cols, lty = ltys, lwd = 1.6, xlim = c(0, 800), ylim = c(0.4, 1), xaxs = "i",
     xaxt = "n", yaxt = "n", mark.time = TRUE, cex = 0.7,
     xlab = "", ylab = "Proportion event-free")
axis(1, at = ticks); axis(2, at = seq(0.4, 1, 0.1), labels = sprintf("%.1f", seq(0.4, 1, 0.1)))
mtext("Days since randomisation", side = 1, line = 2.5)
legend("bottomleft", legend = labs, col = cols, lty = ltys, lwd = 1.6, bty = "n", inset = 0.02, cex = 0.9)
mtext("Number at risk", side = 1, line = 4, adj = 0, at = -110, cex = 0.8, font = 2)
for (k in 1:4) {
  mtext(labs[k], side = 1, line = 4 + k, at = -110, adj = 0, cex = 0.8, col = cols[k])
  mtext(ar$n_at_risk[ar$curve == k], side = 1, line = 4 + k, at = ticks, cex = 0.8, col = cols[k])
}
invisible(dev.off())
writeLines('{"kind": "survival", "x_range": [0, 720], "y_range": [0.4, 1.0], "n_curves": 4, "x_unit": "days", "style": "R base graphics plot.survfit, 4 arms with colour+line type, zoomed y axis, risk table, JPEG"}',
           file.path(here, "truth/meta.json"))
print(aggregate(event ~ curve, d, mean)); print(tapply(cr$value, cr$curve, min))
