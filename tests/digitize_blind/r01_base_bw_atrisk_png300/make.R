# R base graphics (plot.survfit), black-and-white, + censor marks, numbers-at-risk table, PNG 300 dpi
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
suppressPackageStartupMessages(library(survival))
set.seed(20261201)
sim <- function(n, hazard, fu, drop = 0.01, round_to = 0.1) {
  te <- rexp(n, hazard)
  tc <- pmin(runif(n, 0.3 * fu, fu), rexp(n, drop))
  t <- pmin(te, tc); e <- as.integer(te <= tc)
  t <- pmax(round(t / round_to) * round_to, round_to)
  data.frame(time = t, event = e)
}
curve_truth <- function(d, id, incid = FALSE, xmax = Inf) {
  f <- survfit(Surv(time, event) ~ 1, data = d)
  ev <- f$n.event > 0 & f$time <= xmax
  tt <- c(0, f$time[ev]); vv <- c(1, f$surv[ev])
  end <- min(max(d$time), xmax)
  if (end > max(tt)) { tt <- c(tt, end); vv <- c(vv, tail(vv, 1)) }
  if (incid) vv <- 1 - vv
  data.frame(curve = id, time = tt, value = round(vv, 6))
}
atrisk <- function(d, id, times) data.frame(curve = id, time = times,
  n_at_risk = sapply(times, function(t) sum(d$time >= t)))

fu <- 48
d1 <- sim(180, 0.0060, fu); d2 <- sim(175, 0.0120, fu)
d <- rbind(cbind(d1, grp = "Vertebroplasty"), cbind(d2, grp = "Conservative"))
d$grp <- factor(d$grp, levels = c("Vertebroplasty", "Conservative"))
fit <- survfit(Surv(time, event) ~ grp, data = d)
ticks <- seq(0, 48, 12)

png(file.path(out, "figure.png"), width = 6.5, height = 5.2, units = "in", res = 300, pointsize = 10)
par(mar = c(8.5, 9.5, 1.5, 1.5), mgp = c(2.6, 0.7, 0), las = 1)
plot(fit, lty = c(1, 2), lwd = 1.4, col = "black", mark.time = TRUE, mark = 3, cex = 0.6,
     xlim = c(0, 48), ylim = c(0, 1), xaxt = "n", yaxt = "n", xaxs = "i",
     xlab = "Months after vertebroplasty", ylab = "Probability free of new vertebral fracture")
axis(1, at = ticks); axis(2, at = seq(0, 1, 0.2), labels = sprintf("%.1f", seq(0, 1, 0.2)))
legend("bottomleft", legend = levels(d$grp), lty = c(1, 2), lwd = 1.4, bty = "n", inset = 0.03)
pv <- 1 - pchisq(survdiff(Surv(time, event) ~ grp, data = d)$chisq, 1)
text(40, 0.12, sprintf("Log-rank P = %.3f", pv), cex = 0.9)
mtext("No. at risk", side = 1, line = 4.3, adj = 0, at = -13, font = 2, cex = 0.85)
ar <- rbind(atrisk(d1, 1, ticks), atrisk(d2, 2, ticks))
for (i in 1:2) {
  mtext(levels(d$grp)[i], side = 1, line = 4.3 + 1.2 * i, adj = 0, at = -13, cex = 0.8)
  mtext(ar$n_at_risk[ar$curve == i], side = 1, line = 4.3 + 1.2 * i, at = ticks, cex = 0.8)
}
invisible(dev.off())

write.csv(rbind(curve_truth(d1, 1), curve_truth(d2, 2)), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(ar, file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(rbind(cbind(curve = 1, d1), cbind(curve = 2, d2)), file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 48], "y_range": [0, 1], "n_curves": 2, "x_unit": "months", "style": "R base plot.survfit, black solid vs dashed, + censor marks, legend inside bottom-left, numbers-at-risk table, PNG 300 dpi"}',
           file.path(out, "truth/meta.json"))
