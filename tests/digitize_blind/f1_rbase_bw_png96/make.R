# R base graphics (plot.survfit), 2 curves, black & white (solid / dashed), + censor marks,
# numbers-at-risk table under the x axis, legend inside, integer-month (tied) times. PNG 96 dpi.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(20261)
gen <- function(n, rate, fu) {
  t <- rexp(n, rate); c <- runif(n, 6, fu * 1.4)
  time <- pmin(t, c, fu); ev <- as.integer(t <= pmin(c, fu))
  time <- pmax(1, ceiling(time))            # integer months -> many tied times
  data.frame(time = time, event = ev)
}
d <- rbind(cbind(curve = 1, gen(140, 0.006, 36)), cbind(curve = 2, gen(125, 0.014, 36)))
fit <- survfit(Surv(time, event) ~ curve, data = d)
png(file.path(out, "figure.png"), width = 7, height = 5.6, units = "in", res = 96)
par(mar = c(8.5, 7, 3, 1.5), las = 1, mgp = c(3.8, 0.8, 0))
plot(fit, lty = c(1, 2), lwd = 1.6, col = "black", mark.time = TRUE, mark = 3, cex = 0.8,
     xlim = c(0, 36), ylim = c(0, 1), xaxt = "n", yaxt = "n", bty = "l",
     xlab = "", ylab = "Probability free of new vertebral fracture",
     main = "Fracture-free survival after vertebroplasty", font.main = 1, cex.main = 1.1)
ticks <- seq(0, 36, 6)
axis(1, at = ticks); axis(2, at = seq(0, 1, 0.2), labels = format(seq(0, 1, 0.2), nsmall = 1))
mtext("Months after vertebroplasty", side = 1, line = 2.3)
legend("bottomleft", inset = 0.03, lty = c(1, 2), lwd = 1.6,
       legend = c("Cement augmentation", "Conservative treatment"), bty = "n")
nr <- sapply(1:2, function(k) sapply(ticks, function(t) sum(d$time[d$curve == k] >= t)))
mtext("No. at risk", side = 1, line = 3.6, adj = 0, at = -9.5, font = 2, cex = 0.85)
for (k in 1:2) {
  mtext(c("Cement", "Conservative")[k], side = 1, line = 3.6 + 1.1 * k, at = -9.5, adj = 0, cex = 0.85)
  mtext(nr[, k], side = 1, line = 3.6 + 1.1 * k, at = ticks, cex = 0.85)
}
dev.off()
# truth
rows <- list()
for (k in 1:2) {
  s <- summary(survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ]))
  tt <- c(0, s$time); vv <- c(1, s$surv)
  tmax <- max(d$time[d$curve == k])
  if (tmax > max(tt)) { tt <- c(tt, tmax); vv <- c(vv, tail(vv, 1)) }
  rows[[k]] <- data.frame(curve = k, time = tt, value = round(vv, 6))
}
write.csv(do.call(rbind, rows), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
ar <- do.call(rbind, lapply(1:2, function(k) data.frame(curve = k, time = ticks, n_at_risk = nr[, k])))
write.csv(ar, file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines(jsonlite::toJSON(list(kind = "survival", x_range = c(0, 36), y_range = c(0, 1), n_curves = 2,
  x_unit = "months", style = "R base plot.survfit, black-and-white solid/dashed, + censor marks, at-risk table, integer-month ties, PNG 96 dpi"),
  auto_unbox = TRUE, pretty = TRUE), file.path(out, "truth/meta.json"))
