# R base graphics (plot.survfit fun="event"), rising cumulative incidence, 3 colour curves, grid, at-risk table, JPEG quality 75
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
suppressPackageStartupMessages(library(survival))
set.seed(20261203)
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


fu <- 60
d1 <- sim(140, 0.0058, fu); d2 <- sim(120, 0.0085, fu); d3 <- sim(90, 0.0140, fu)
labs <- c("Single level", "Two levels", "Three or more levels")
d <- rbind(cbind(d1, grp = labs[1]), cbind(d2, grp = labs[2]), cbind(d3, grp = labs[3]))
d$grp <- factor(d$grp, levels = labs)
fit <- survfit(Surv(time, event) ~ grp, data = d)
cols <- c("#1f4e9c", "#d2691e", "#2e8b57")
ticks <- seq(0, 60, 12)
jpeg(file.path(out, "figure.jpg"), width = 7, height = 5.6, units = "in", res = 150, quality = 75, pointsize = 10)
par(mar = c(9, 11, 2.5, 1.5), las = 1, mgp = c(2.8, 0.7, 0))
plot(NA, xlim = c(0, 60), ylim = c(0, 0.6), xaxt = "n", yaxt = "n", xaxs = "i", yaxs = "i",
     xlab = "", ylab = "Cumulative incidence of adjacent fracture")
abline(h = seq(0.1, 0.6, 0.1), v = ticks, col = "grey85", lwd = 0.8)
lines(fit, fun = "event", col = cols, lwd = 2, mark.time = FALSE, conf.int = FALSE)
box()
axis(1, at = ticks); axis(2, at = seq(0, 0.6, 0.1), labels = sprintf("%.1f", seq(0, 0.6, 0.1)))
mtext("Time since vertebroplasty (months)", side = 1, line = 2.4)
legend("topleft", legend = labs, col = cols, lwd = 2, bg = "white", box.col = "grey60", inset = 0.02,
       title = "Treated levels")
ar <- rbind(atrisk(d1, 1, ticks), atrisk(d2, 2, ticks), atrisk(d3, 3, ticks))
mtext("Number at risk", side = 1, line = 4, adj = 0, at = -17, font = 2, cex = 0.85)
for (i in 1:3) {
  mtext(labs[i], side = 1, line = 4 + 1.3 * i, adj = 0, at = -17, cex = 0.8, col = cols[i])
  mtext(ar$n_at_risk[ar$curve == i], side = 1, line = 4 + 1.3 * i, at = ticks, cex = 0.8, col = cols[i])
}
invisible(dev.off())
write.csv(rbind(curve_truth(d1, 1, TRUE), curve_truth(d2, 2, TRUE), curve_truth(d3, 3, TRUE)),
          file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(ar, file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(rbind(cbind(curve = 1, d1), cbind(curve = 2, d2), cbind(curve = 3, d3)), file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 60], "y_range": [0, 0.6], "n_curves": 3, "x_unit": "months", "style": "R base lines.survfit fun=event, rising cumulative incidence, 3 colour curves, grey grid, boxed legend with title inside top-left, coloured at-risk table, JPEG q75 150 dpi"}',
           file.path(out, "truth/meta.json"))
