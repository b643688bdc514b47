# R base graphics KM, 3 black curves (solid/dashed/dotted), x in years 0-5, tied times,
# legend box bottom left, at-risk table; PNG 96 dpi. Usage: Rscript make.R OUTDIR
suppressPackageStartupMessages({library(survival); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(8606)
sim <- function(n, rate_yr) {
  tev <- rexp(n, rate_yr); tc <- pmin(runif(n, 1.5, 6), rexp(n, 1/12), 5)
  # follow-up recorded in whole months -> many tied times (events and censorings)
  m <- pmax(ceiling(pmin(tev, tc) * 12), 1)
  data.frame(time = m / 12, event = as.integer(tev <= tc))
}
d <- rbind(cbind(sim(150, 0.045), curve = 1L),   # single-level
           cbind(sim(120, 0.085), curve = 2L),   # two levels
           cbind(sim(60, 0.09), curve = 3L))     # three or more levels
fit <- survfit(Surv(time, event) ~ curve, data = d)
png(file.path(out, "figure.png"), width = 7 * 96, height = 5.6 * 96, res = 96)
par(mar = c(8.5, 7.5, 3, 1.5), las = 1, mgp = c(2.8, 0.7, 0))
plot(fit, lty = c(1, 2, 3), lwd = c(1.5, 1.5, 2), col = "black", mark.time = FALSE, xlim = c(0, 5), ylim = c(0, 1),
     xaxt = "n", xlab = "", ylab = "Cumulative fracture-free survival", xaxs = "i", yaxs = "i",
     main = "Figure 2. Freedom from new vertebral fracture by number of treated levels", cex.main = 0.95, font.main = 1)
axis(1, at = 0:5)
mtext("Years since vertebroplasty", side = 1, line = 2.3)
legend("bottomleft", c("1 level", "2 levels", "\u2265 3 levels"), lty = c(1, 2, 3), lwd = c(1.5, 1.5, 2),
       inset = 0.03, bg = "white", cex = 0.9, seg.len = 3.5, title = "Treated levels")
brk <- 0:5
rk <- do.call(rbind, lapply(1:3, function(k) {
  tk <- d$time[d$curve == k]
  data.frame(curve = k, time = brk, n_at_risk = sapply(brk, function(x) sum(tk >= x - 1e-9)))
}))
mtext("Number at risk", side = 1, line = 4, at = -0.22, adj = 1, cex = 0.85)
nm <- c("1 level", "2 levels", "\u2265 3 levels")
for (k in 1:3) {
  mtext(nm[k], side = 1, line = 4 + k, at = -0.22, adj = 1, cex = 0.85)
  mtext(rk$n_at_risk[rk$curve == k], side = 1, line = 4 + k, at = brk, cex = 0.85)
}
invisible(dev.off())
truth <- do.call(rbind, lapply(1:3, function(k) {
  s <- fit[k]; tt <- c(0, s$time); sv <- c(1, s$surv); ev <- c(TRUE, s$n.event > 0)
  tr <- data.frame(curve = k, time = round(tt[ev], 6), value = round(sv[ev], 6))
  if (max(tt) > max(tr$time) + 1e-9) tr <- rbind(tr, data.frame(curve = k, time = round(max(tt), 6), value = round(tail(sv, 1), 6)))
  tr
}))
write.csv(truth, file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(rk, file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
d$time <- round(d$time, 6)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines(toJSON(list(kind = "survival", x_range = c(0, 5), y_range = c(0, 1), n_curves = 3, x_unit = "years",
  style = "R base plot.survfit, 3 black curves solid/dashed/dotted, legend box bottom left, at-risk table, tied monthly times, 96 dpi"),
  auto_unbox = TRUE, pretty = TRUE), file.path(out, "truth/meta.json"))
