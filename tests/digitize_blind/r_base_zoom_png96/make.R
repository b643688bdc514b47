# R base graphics (plot.survfit + lines.survfit), PNG at 96 dpi, two colour curves,
# zoomed y axis 0.6-1.0, light grid lines, "|" censor marks, legend inside top right.
# Usage: Rscript make.R OUTDIR
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "."
dir.create(file.path(outdir, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(96024)

gen_arm <- function(n, rate, fu_min, fu_max, drop_rate) {
  t_ev <- rexp(n, rate)
  cens <- pmin(runif(n, fu_min, fu_max), rexp(n, drop_rate))
  time <- round(pmin(t_ev, cens), 2)
  time <- pmax(time, 0.05)
  data.frame(time = time, event = as.integer(t_ev <= cens))
}
km_corners <- function(time, event) {
  f <- survfit(Surv(time, event) ~ 1)
  ev <- f$n.event > 0
  t <- c(0, f$time[ev]); s <- c(1, f$surv[ev])
  tmax <- max(f$time)
  if (tmax > max(t)) { t <- c(t, tmax); s <- c(s, s[length(s)]) }
  data.frame(time = t, value = s)
}

labs <- c("Vertebroplasty (n = 250)", "Kyphoplasty (n = 240)")
arms <- list(gen_arm(250, 0.0095, 12, 24, 1/80),
             gen_arm(240, 0.0120, 12, 24, 1/80))
ipd <- do.call(rbind, lapply(seq_along(arms), function(i) cbind(curve = i, arms[[i]])))
ipd$grp <- factor(ipd$curve)
fit <- survfit(Surv(time, event) ~ grp, data = ipd)
cols <- c("#C0392B", "#1F5FA8")

png(file.path(outdir, "figure.png"), width = 672, height = 480, res = 96)
par(mar = c(4.2, 4.6, 1.2, 1), las = 1)
plot(fit, lty = 0, mark.time = FALSE, xlim = c(0, 24), ylim = c(0.6, 1),
     xaxt = "n", yaxt = "n", xlab = "Months since procedure",
     ylab = "Proportion free of new fracture")
abline(h = seq(0.6, 1, 0.05), v = seq(0, 24, 3), col = "grey85", lty = 1)
axis(1, at = seq(0, 24, 6))
axis(2, at = seq(0.6, 1, 0.1), labels = sprintf("%.1f", seq(0.6, 1, 0.1)))
lines(fit, col = cols, lwd = 2, mark.time = TRUE, mark = "|", cex = 0.8)
box()
legend("topright", legend = labs, col = cols, lwd = 2, bg = "white", inset = 0.02, cex = 0.9)
invisible(dev.off())

cv <- do.call(rbind, lapply(seq_along(labs), function(i) {
  d <- ipd[ipd$curve == i, ]
  cbind(curve = i, km_corners(d$time, d$event))
}))
write.csv(cv, file.path(outdir, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(ipd[, c("curve", "time", "event")], file.path(outdir, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 24], "y_range": [0.6, 1.0], "n_curves": 2, "x_unit": "months", "style": "R base plot.survfit, red/blue curves, zoomed y 0.6-1.0, grey grid every 3 months/0.05, | censor marks, legend box inside, PNG 96 dpi, no risk table"}',
           file.path(outdir, "truth", "meta.json"))
for (i in seq_along(labs)) {
  d <- ipd[ipd$curve == i, ]
  cat(labs[i], "events =", sum(d$event), sprintf("(%.0f%%)", 100 * mean(d$event)),
      "max t =", max(d$time), "min S =", min(cv$value[cv$curve == i]), "\n")
}
