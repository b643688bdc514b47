# R base graphics (plot.survfit), single curve with dashed 95% CI lines, percent y axis zoomed 60-100%, vector PDF
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
suppressPackageStartupMessages(library(survival))
set.seed(20261202)
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


fu <- 36
d1 <- sim(320, 0.0075, fu, drop = 0.008)
fit <- survfit(Surv(time, event) ~ 1, data = d1)
pdf(file.path(out, "figure.pdf"), width = 5.5, height = 4.5, pointsize = 10)
par(mar = c(4.5, 4.8, 3, 1), las = 1, mgp = c(3, 0.7, 0))
plot(fit, fun = function(s) 100 * s, conf.int = TRUE, lty = c(1, 2, 2), lwd = c(1.6, 0.8, 0.8),
     mark.time = FALSE, xlim = c(0, 36), ylim = c(60, 100), xaxt = "n", yaxt = "n", bty = "l",
     xlab = "Months after vertebroplasty", ylab = "Fracture-free survival (%)")
axis(1, at = seq(0, 36, 6)); axis(2, at = seq(60, 100, 10))
title("Freedom from new vertebral fracture after vertebroplasty", font.main = 1, cex.main = 1.05)
invisible(dev.off())
# fix the PDF dates (same byte length, so the xref table stays valid) for byte-identical reruns
pf <- file.path(out, "figure.pdf"); b <- readBin(pf, "raw", file.info(pf)$size)
for (pos in grepRaw("Date (D:", b, fixed = TRUE, all = TRUE)) b[pos + 8:21] <- charToRaw("20260101000000")
writeBin(b, pf)
write.csv(curve_truth(d1, 1), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(cbind(curve = 1, d1), file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 36], "y_range": [60, 100], "n_curves": 1, "x_unit": "months", "style": "R base plot.survfit, one black curve with dashed 95% CI lines, percent y axis zoomed 60-100, title, no legend, vector PDF"}',
           file.path(out, "truth/meta.json"))
