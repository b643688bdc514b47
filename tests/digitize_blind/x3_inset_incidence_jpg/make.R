#!/usr/bin/env Rscript
# NEJM/Lancet-like cumulative incidence with a zoomed inset (main 0-100%, inset 0-20%), R base, JPEG.
# Run: Rscript make.R   (CHECK=1 also writes an overlay re-render to /tmp/blind17_check)
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
setwd(here); dir.create("truth", showWarnings = FALSE)
set.seed(17003)
sim <- function(n, scale, shape, cmax, admin) {
  te <- scale * rweibull(n, shape, 1); tc <- pmin(runif(n, 0, cmax), admin)
  t <- pmax(round(pmin(te, tc), 1), 0.1); e <- as.integer(te <= tc)
  data.frame(time = t, event = e)
}
d1 <- sim(260, 420, 0.9, 48, 36)   # control: higher incidence
d2 <- sim(255, 900, 0.9, 48, 36)   # treatment
d1$arm <- 1; d2$arm <- 2
dat <- rbind(d1, d2)
labs <- c("Placebo", "Dapagliflozin")
cols <- c("#BC3C29", "#0072B5")
fits <- lapply(1:2, function(k) survfit(Surv(time, event) ~ 1, data = dat[dat$arm == k, ]))

corners <- function(f) {
  S <- 1; x <- 0; y <- 1
  ev <- f$n.event > 0
  for (i in which(ev)) { x <- c(x, f$time[i], f$time[i]); y <- c(y, S, f$surv[i]); S <- f$surv[i] }
  if (max(f$time) > tail(x, 1)) { x <- c(x, max(f$time)); y <- c(y, S) }
  data.frame(time = x, value = 1 - y)
}
cr <- lapply(fits, corners)
ticks <- seq(0, 36, 6)

draw <- function(check = FALSE) {
  par(fig = c(0, 1, 0, 1), mar = c(9.5, 9, 1.5, 1.5), family = "sans", las = 1, cex.axis = 1.05, mgp = c(3.2, 0.8, 0))
  plot(NA, xlim = c(0, 36), ylim = c(0, 1), xaxs = "i", yaxs = "i", axes = FALSE, xlab = "", ylab = "")
  axis(1, at = ticks, lwd = 0, lwd.ticks = 1, tcl = -0.4); axis(2, at = seq(0, 1, 0.2), labels = seq(0, 100, 20), lwd = 0, lwd.ticks = 1, tcl = -0.4)
  box(bty = "l")
  mtext("Months since Randomization", side = 1, line = 2.4, cex = 1.1)
  mtext("Cumulative Incidence (%)", side = 2, line = 3.4, las = 0, cex = 1.1)
  for (k in 1:2) lines(cr[[k]]$time, cr[[k]]$value, col = cols[k], lwd = 2.2)
  if (check) for (k in 1:2) { lines(cr[[k]]$time, cr[[k]]$value, col = "green3", lwd = 0.6); points(cr[[k]]$time, cr[[k]]$value, col = "green3", pch = 16, cex = 0.15) }
  legend(0.3, 0.99, legend = labs, col = cols, lwd = 2.2, bty = "n", cex = 1.0, seg.len = 1.6)
  # numbers at risk
  mtext("No. at Risk", side = 1, line = 4.2, adj = 0, at = -10.5, font = 2, cex = 0.95)
  for (k in 1:2) {
    nr <- sapply(ticks, function(t) sum(dat$time[dat$arm == k] >= t))
    mtext(labs[k], side = 1, line = 4.2 + 1.3 * k, adj = 0, at = -10.5, col = cols[k], cex = 0.9)
    mtext(nr, side = 1, line = 4.2 + 1.3 * k, at = ticks, cex = 0.9)
  }
  # inset: zoom of y 0-20%
  par(fig = c(0.50, 0.97, 0.44, 0.97), new = TRUE, mar = c(2.2, 3.2, 0.6, 0.6), cex.axis = 0.85, mgp = c(2, 0.5, 0))
  plot(NA, xlim = c(0, 36), ylim = c(0, 0.2), xaxs = "i", yaxs = "i", axes = FALSE, xlab = "", ylab = "")
  rect(par("usr")[1], par("usr")[3], par("usr")[2], par("usr")[4], col = "white", border = NA)
  axis(1, at = ticks, lwd = 0, lwd.ticks = 1, tcl = -0.3); axis(2, at = seq(0, 0.2, 0.05), labels = seq(0, 20, 5), lwd = 0, lwd.ticks = 1, tcl = -0.3)
  box(bty = "l")
  for (k in 1:2) lines(cr[[k]]$time, cr[[k]]$value, col = cols[k], lwd = 1.8)
  if (check) for (k in 1:2) { lines(cr[[k]]$time, cr[[k]]$value, col = "green3", lwd = 0.5); points(cr[[k]]$time, cr[[k]]$value, col = "green3", pch = 16, cex = 0.15) }
}
jpeg("figure.jpg", width = 7, height = 6.2, units = "in", res = 200, quality = 82)
draw(); invisible(dev.off())

out <- do.call(rbind, lapply(1:2, function(k) data.frame(curve = k, time = cr[[k]]$time, value = round(cr[[k]]$value, 6))))
write.csv(out, "truth/curves.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = dat$arm, time = dat$time, event = dat$event), "truth/ipd.csv", row.names = FALSE, quote = FALSE)
ar <- do.call(rbind, lapply(1:2, function(k) data.frame(curve = k, time = ticks, n_at_risk = sapply(ticks, function(t) sum(dat$time[dat$arm == k] >= t)))))
write.csv(ar, "truth/at_risk.csv", row.names = FALSE, quote = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 36], "y_range": [0, 100], "n_curves": 2, "x_unit": "months", "style": "NEJM-like cumulative incidence (1-KM), percent axis 0-100 with inset panel zooming y 0-20%, numbers-at-risk table, R base JPEG"}', "truth/meta.json")
if (Sys.getenv("CHECK") == "1") { png("/tmp/blind17_check/x3.png", width = 7, height = 6.2, units = "in", res = 130); draw(TRUE); invisible(dev.off()) }
