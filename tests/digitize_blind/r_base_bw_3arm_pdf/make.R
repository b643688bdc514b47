# R base graphics (plot.survfit), vector PDF, 3 black-and-white curves told apart by
# line type only, "+" censor marks, integer-month (tied) times, numbers-at-risk table.
# Usage: Rscript make.R OUTDIR
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "."
dir.create(file.path(outdir, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(20261205)

gen_arm <- function(n, scale, shape, fu_min, fu_max, drop_rate) {
  t_ev <- rweibull(n, shape = shape, scale = scale)
  admin <- runif(n, fu_min, fu_max)
  dropout <- rexp(n, drop_rate)
  cens <- pmin(admin, dropout)
  time <- pmin(t_ev, cens)
  event <- as.integer(t_ev <= cens)
  # follow-up visits recorded in whole months -> many tied times
  data.frame(time = ceiling(time), event = event)
}

km_corners <- function(time, event) {
  f <- survfit(Surv(time, event) ~ 1)
  ev <- f$n.event > 0
  t <- c(0, f$time[ev]); s <- c(1, f$surv[ev])
  tmax <- max(f$time)
  if (tmax > max(t)) { t <- c(t, tmax); s <- c(s, s[length(s)]) }
  data.frame(time = t, value = s)
}

labs <- c("Vertebroplasty", "Kyphoplasty", "Conservative care")
arms <- list(
  gen_arm(120, scale = 190, shape = 0.8, fu_min = 24, fu_max = 60, drop_rate = 1/150),
  gen_arm(150, scale = 260, shape = 0.8, fu_min = 24, fu_max = 60, drop_rate = 1/150),
  gen_arm(90,  scale = 110, shape = 0.9, fu_min = 24, fu_max = 60, drop_rate = 1/150)
)
ipd <- do.call(rbind, lapply(seq_along(arms), function(i) cbind(curve = i, arms[[i]])))
ipd$grp <- factor(labs[ipd$curve], levels = labs)

fit <- survfit(Surv(time, event) ~ grp, data = ipd)
risk_times <- seq(0, 60, 12)

pdf(file.path(outdir, "figure.pdf"), width = 7, height = 6.2, pointsize = 11)
par(mar = c(9.5, 9, 3, 1.5), mgp = c(3, 0.7, 0), tcl = -0.4)
plot(fit, lty = c(1, 2, 3), lwd = 1.6, col = "black", mark.time = TRUE, mark = 3, cex = 0.7,
     xlim = c(0, 60), ylim = c(0, 1), xaxt = "n", yaxt = "n", bty = "l",
     xlab = "", ylab = "")
axis(1, at = risk_times)
axis(2, at = seq(0, 1, 0.2), labels = sprintf("%.1f", seq(0, 1, 0.2)), las = 1)
mtext("Months after vertebroplasty", side = 1, line = 2.3)
mtext("Probability of fracture-free survival", side = 2, line = 3)
title(main = "Fracture-free survival by treatment group", font.main = 1, cex.main = 1.1)
legend("bottomleft", legend = labs, lty = c(1, 2, 3), lwd = 1.6, bty = "n", inset = 0.02)
# numbers at risk table
mtext("No. at risk", side = 1, line = 4.2, at = -2, adj = 1, font = 2, cex = 0.85)
nr <- data.frame()
for (i in seq_along(labs)) {
  d <- ipd[ipd$curve == i, ]
  n <- sapply(risk_times, function(t) sum(d$time >= t))
  mtext(labs[i], side = 1, line = 4.2 + 1.2 * i, at = -2, adj = 1, cex = 0.85)
  mtext(n, side = 1, line = 4.2 + 1.2 * i, at = risk_times, cex = 0.85)
  nr <- rbind(nr, data.frame(curve = i, time = risk_times, n_at_risk = n))
}
invisible(dev.off())

# ---- truth ----
cv <- do.call(rbind, lapply(seq_along(labs), function(i) {
  d <- ipd[ipd$curve == i, ]
  cbind(curve = i, km_corners(d$time, d$event))
}))
write.csv(cv, file.path(outdir, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(nr, file.path(outdir, "truth", "at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(ipd[, c("curve", "time", "event")], file.path(outdir, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 3, "x_unit": "months", "style": "R base plot.survfit, black-and-white solid/dashed/dotted, + censor marks, integer-month ties, numbers at risk under axis, vector PDF"}',
           file.path(outdir, "truth", "meta.json"))
for (i in seq_along(labs)) {
  d <- ipd[ipd$curve == i, ]
  cat(labs[i], "n =", nrow(d), "events =", sum(d$event), sprintf("(%.0f%%)", 100 * mean(d$event)),
      "max t =", max(d$time), "\n")
}
