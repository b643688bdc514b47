suppressMessages(library(survival))
args <- commandArgs(TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), showWarnings = FALSE, recursive = TRUE)
set.seed(706)
fu <- 60
sim <- function(n, rate) {
  T <- rexp(n, rate); C <- pmin(runif(n, fu * 0.4, fu), rexp(n, 0.01))
  t <- round(pmax(pmin(T, C), 0.05), 2); data.frame(time = t, event = as.integer(T <= C))
}
d <- rbind(cbind(curve = 1, sim(220, 0.006)), cbind(curve = 2, sim(200, 0.009)))
fit <- survfit(Surv(time, event) ~ curve, data = d)
jpeg(file.path(out, "figure.jpg"), width = 6.5, height = 5, units = "in", res = 150, quality = 85)
par(mar = c(9, 8, 2, 1), family = "serif")
plot(fit, lty = c(1, 5), lwd = 1.6, col = "black", mark.time = TRUE, pch = 3, cex = 0.6,
     xlim = c(0, fu), ylim = c(0, 1), xaxt = "n", yaxt = "n", xaxs = "i", yaxs = "i",
     xlab = "", ylab = "")
axis(1, at = seq(0, fu, 12)); axis(2, at = seq(0, 1, 0.2), las = 1)
mtext("Cumulative survival free of new fracture", side = 2, line = 3)
mtext("Months after vertebroplasty", side = 1, line = 2.3)
legend("bottomleft", c("Cemented (n=220)", "Non-cemented (n=200)"), lty = c(1, 5), lwd = 1.6, bty = "n", inset = 0.02)
tt <- seq(0, fu, 12); ar <- NULL
mtext("No. at risk", side = 1, line = 4, adj = 0, at = -16, font = 2, cex = 0.85)
labs <- c("Cemented", "Non-cemented")
for (k in 1:2) {
  n <- sapply(tt, function(u) sum(d$time[d$curve == k] >= u))
  mtext(labs[k], side = 1, line = 4.3 + 1.2 * k, adj = 0, at = -16, cex = 0.8)
  mtext(n, side = 1, line = 4.3 + 1.2 * k, at = tt, cex = 0.8)
  ar <- rbind(ar, data.frame(curve = k, time = tt, n_at_risk = n))
}
dev.off()
cv <- NULL
for (k in 1:2) {
  s <- survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ])
  ev <- s$n.event > 0
  cc <- data.frame(curve = k, time = c(0, s$time[ev]), value = c(1, s$surv[ev]))
  mx <- max(s$time); if (mx > max(cc$time)) cc <- rbind(cc, data.frame(curve = k, time = mx, value = tail(cc$value, 1)))
  cv <- rbind(cv, cc)
}
write.csv(cv, file.path(out, "truth/curves.csv"), row.names = FALSE)
write.csv(ar, file.path(out, "truth/at_risk.csv"), row.names = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 2, "x_unit": "months", "style": "R base plot.survfit, black and white, solid vs long-dashed, + censor marks, serif font, at-risk table, JPEG q85 150 dpi"}', file.path(out, "truth/meta.json"))
print(aggregate(event ~ curve, d, mean))
