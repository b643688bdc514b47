# Stata "sts graph, risktable" look with R base graphics: grey-blue outer background, white
# plot region, horizontal grid lines, horizontal y labels, 3 black curves told apart only by
# line style (solid, dashed, thin dotted), zoomed y axis 0.60-1.00, heavy censoring,
# risk table with group names at the left. PNG 150 dpi.
suppressMessages(library(survival))
args <- commandArgs(TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), showWarnings = FALSE, recursive = TRUE)
set.seed(5155)
mk <- function(n, rate, k) {
  ev <- rexp(n, rate)
  cs <- pmin(rexp(n, 1 / 30), runif(n, 24, 48))   # heavy early loss to follow-up
  t <- round(pmin(ev, cs), 1); t[t == 0] <- 0.1
  data.frame(curve = k, time = t, event = as.integer(ev <= cs))
}
d <- rbind(mk(130, 0.0060, 1), mk(120, 0.0085, 2), mk(110, 0.0110, 3))
for (k in 1:3) cat("curve", k, "events", sum(d$event[d$curve == k]), "/", sum(d$curve == k),
                   "censored", mean(d$event[d$curve == k] == 0), "\n")
labs <- c("PMMA", "Calcium phosphate", "No augmentation")
ticks <- seq(0, 48, 12)
ltys <- c("solid", "44", "13"); lwds <- c(1.6, 1.6, 1.0)

png(file.path(out, "figure.png"), width = 7 * 150, height = 5.6 * 150, res = 150)
par(bg = "#EAF2F3", mar = c(9, 9.5, 3.2, 2), las = 1, cex.axis = 0.85, mgp = c(3, 0.6, 0), tcl = -0.35)
fit <- survfit(Surv(time, event) ~ curve, data = d)
plot(NA, xlim = c(0, 48), ylim = c(0.6, 1), xaxt = "n", yaxt = "n", xlab = "", ylab = "", bty = "n")
rect(par("usr")[1], par("usr")[3], par("usr")[2], par("usr")[4], col = "white", border = NA)
abline(h = seq(0.6, 1, 0.1), col = "#DCE6EA", lwd = 1)
for (k in 1:3) {
  f <- survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ])
  lines(f, conf.int = FALSE, lty = ltys[k], lwd = lwds[k], col = "black", mark.time = FALSE)
}
axis(1, at = ticks); axis(2, at = seq(0.6, 1, 0.1), labels = sprintf("%.2f", seq(0.6, 1, 0.1)))
title(main = "Kaplan-Meier survival estimates", font.main = 1, cex.main = 1.15)
mtext("analysis time (months after vertebroplasty)", side = 1, line = 2.2, cex = 0.9)
legend("bottomleft", inset = c(0.02, 0.03), legend = labs, lty = ltys, lwd = lwds, bg = "white",
       box.col = "grey60", cex = 0.8, seg.len = 3)
nar <- sapply(1:3, function(k) sapply(ticks, function(t) sum(d$time[d$curve == k] >= t)))
mtext("Number at risk", side = 1, line = 3.6, at = par("usr")[1], adj = 0, cex = 0.8)
for (k in 1:3) {
  mtext(labs[k], side = 1, line = 3.7 + 1.05 * k, at = par("usr")[1] - 2, adj = 1, cex = 0.8)
  mtext(nar[, k], side = 1, line = 3.7 + 1.05 * k, at = ticks, cex = 0.8)
}
invisible(dev.off())

cur <- do.call(rbind, lapply(1:3, function(k) {
  dk <- d[d$curve == k, ]; f <- survfit(Surv(time, event) ~ 1, data = dk)
  i <- f$n.event > 0
  data.frame(curve = k, time = c(0, f$time[i], max(dk$time)),
             value = c(1, f$surv[i], tail(f$surv, 1)))
}))
stopifnot(min(cur$value) > 0.6)
write.csv(cur, file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
ar <- do.call(rbind, lapply(1:3, function(k) data.frame(curve = k, time = ticks, n_at_risk = nar[, k])))
write.csv(ar, file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(d, file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 48], "y_range": [0.6, 1.0], "n_curves": 3, "x_unit": "months", "style": "Stata sts graph-like: R base, tinted background, horizontal grid, 3 black curves by line style (solid/dashed/thin dotted), zoomed y 0.60-1.00, heavy censoring, risk table with names at left, PNG 150 dpi"}',
           file.path(out, "truth/meta.json"))
print(ar); print(tapply(cur$value, cur$curve, min))
