# SAS PROC LIFETEST-like look with R base graphics (plot.survfit): boxed plot, blue/red curves,
# '+' censor marks, legend inside, at-risk table under the x axis with group names at the left.
# Vector PDF.
suppressMessages(library(survival))
args <- commandArgs(TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), showWarnings = FALSE, recursive = TRUE)
set.seed(1101)
mk <- function(n, rate, k) {
  ev <- rexp(n, rate); cs <- runif(n, 6, 48); cs[runif(n) < 0.3] <- 48
  t <- round(pmin(ev, cs), 2); t[t == 0] <- 0.01
  data.frame(curve = k, time = t, event = as.integer(ev <= cs))
}
d <- rbind(mk(180, 0.0055, 1), mk(170, 0.0110, 2))
for (k in 1:2) cat("curve", k, "events", sum(d$event[d$curve == k]), "/", sum(d$curve == k), "\n")
fit <- survfit(Surv(time, event) ~ curve, data = d)
labs <- c("Vertebroplasty", "Conservative care")
ticks <- seq(0, 48, 12)

pdf(file.path(out, "figure.pdf"), width = 7, height = 6, family = "Helvetica")
par(mar = c(9.5, 10, 3, 3), las = 1, cex.axis = 0.9)
plot(fit, col = c("blue", "red"), lty = 1, lwd = 1.3, mark.time = TRUE, mark = 3, cex = 0.7,
     xlim = c(0, 48), ylim = c(0, 1), xaxt = "n", yaxt = "n", bty = "o",
     xlab = "", ylab = "")
axis(1, at = ticks); axis(2, at = seq(0, 1, 0.2), labels = sprintf("%.1f", seq(0, 1, 0.2)))
box()
title(main = "Product-Limit Survival Estimates", font.main = 2, cex.main = 1.1)
mtext("Months after vertebroplasty", side = 1, line = 2.4)
mtext("Survival Probability", side = 2, line = 3, las = 0)
legend("bottomleft", inset = 0.03, legend = labs, col = c("blue", "red"), lty = 1, lwd = 1.3,
       pch = 3, pt.cex = 0.7, bty = "o", bg = "white", cex = 0.85, title = "Treatment")
nar <- sapply(1:2, function(k) sapply(ticks, function(t) sum(d$time[d$curve == k] >= t)))
mtext("Number at risk", side = 1, line = 4.2, at = par("usr")[1] - 2.5, adj = 1, cex = 0.85, font = 2)
for (k in 1:2) {
  mtext(labs[k], side = 1, line = 4.5 + 1.2 * k, at = par("usr")[1] - 2.5, adj = 1, cex = 0.85, col = c("blue", "red")[k])
  mtext(nar[, k], side = 1, line = 4.5 + 1.2 * k, at = ticks, cex = 0.85)
}
invisible(dev.off())

cur <- do.call(rbind, lapply(1:2, function(k) {
  dk <- d[d$curve == k, ]; f <- survfit(Surv(time, event) ~ 1, data = dk)
  i <- f$n.event > 0
  data.frame(curve = k, time = c(0, f$time[i], max(dk$time)),
             value = c(1, f$surv[i], tail(f$surv, 1)))
}))
write.csv(cur, file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
ar <- do.call(rbind, lapply(1:2, function(k) data.frame(curve = k, time = ticks, n_at_risk = nar[, k])))
write.csv(ar, file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(d, file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 48], "y_range": [0, 1], "n_curves": 2, "x_unit": "months", "style": "SAS LIFETEST-like: R base plot.survfit, boxed, blue/red, + censor marks, legend inside, at-risk table with group names at left, vector PDF"}',
           file.path(out, "truth/meta.json"))
print(ar)
