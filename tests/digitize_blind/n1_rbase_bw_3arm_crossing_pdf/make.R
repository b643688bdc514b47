# R base graphics, black-and-white, 3 arms with crossing curves, censor marks, at-risk table. PDF.
suppressMessages({library(survival); library(jsonlite)})
set.seed(20241010)
gen <- function(n, shape, scale, g) {
  t  <- scale * rweibull(n, shape, 1)
  cc <- pmin(runif(n, 18, 60), rexp(n, 1/150))
  time <- pmax(round(pmin(t, cc), 1), 0.1)
  data.frame(group = g, time = time, event = as.integer(t <= cc))
}
d <- rbind(gen(120, 0.7, 40, 1),   # early drops, flattening
           gen(150, 2.2, 38, 2),   # late drops -> crosses arm 1
           gen(100, 1.2, 55, 3))
fit <- survfit(Surv(time, event) ~ group, data = d)
labs <- c("Arm A (n=120)", "Arm B (n=150)", "Arm C (n=100)")

# ---- truth ----
corners <- function(tt, ss) {
  out <- data.frame(time = 0, value = 1); prev <- 1
  for (i in seq_along(tt)) {
    if (ss[i] < prev - 1e-12) { out <- rbind(out, data.frame(time = c(tt[i], tt[i]), value = c(prev, ss[i]))); prev <- ss[i] }
  }
  last <- tail(tt, 1)
  if (tail(out$time, 1) < last) out <- rbind(out, data.frame(time = last, value = prev))
  out
}
sf <- summary(fit, censored = TRUE)
strata_id <- rep(1:3, fit$strata)
cv <- do.call(rbind, lapply(1:3, function(g) {
  cbind(curve = g, corners(fit$time[strata_id == g], fit$surv[strata_id == g]))
}))
dir.create("truth", showWarnings = FALSE)
write.csv(cv, "truth/curves.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = d$group, time = d$time, event = d$event), "truth/ipd.csv", row.names = FALSE, quote = FALSE)
ticks <- seq(0, 60, 12)
ar <- do.call(rbind, lapply(1:3, function(g) data.frame(curve = g, time = ticks,
        n_at_risk = sapply(ticks, function(x) sum(d$time[d$group == g] >= x)))))
write.csv(ar, "truth/at_risk.csv", row.names = FALSE, quote = FALSE)
writeLines(toJSON(list(kind = "survival", x_range = c(0, 60), y_range = c(0, 1), n_curves = 3,
  x_unit = "months", style = "R base graphics, black-and-white line types, + censor marks, at-risk table below, PDF"),
  auto_unbox = TRUE, pretty = TRUE), "truth/meta.json")

# ---- figure ----
pdf("figure.pdf", width = 7, height = 6)
par(mar = c(9.5, 6.5, 1.5, 1.5), mgp = c(2.6, 0.8, 0), las = 1)
plot(fit, lty = c(1, 2, 3), lwd = 1.6, col = "black", mark.time = TRUE, mark = 3, cex = 0.7,
     xlim = c(0, 60), xaxt = "n", yaxt = "n", xlab = "Months since randomisation",
     ylab = "Overall survival probability", bty = "l", xaxs = "i")
axis(1, at = ticks); axis(2, at = seq(0, 1, 0.2), labels = format(seq(0, 1, 0.2), nsmall = 1))
legend("topright", legend = labs, lty = c(1, 2, 3), lwd = 1.6, bty = "n", cex = 0.9)
text(2, 0.06, "Log-rank P = 0.031", adj = 0, cex = 0.85)
mtext("No. at risk", side = 1, line = 4.2, adj = 0, at = -13, cex = 0.85, font = 2)
for (g in 1:3) {
  mtext(c("Arm A", "Arm B", "Arm C")[g], side = 1, line = 4.2 + 1.3 * g, at = -13, adj = 0, cex = 0.85)
  mtext(ar$n_at_risk[ar$curve == g], side = 1, line = 4.2 + 1.3 * g, at = ticks, cex = 0.85)
}
invisible(dev.off())

# ---- optional check: overlay truth on a re-render (OVERLAY=1), written outside the figure folder ----
if (Sys.getenv("OVERLAY") == "1") {
  png("/tmp/blind_fig10_checks/n1_overlay.png", width = 7, height = 6, units = "in", res = 120)
  par(mar = c(9.5, 6.5, 1.5, 1.5), mgp = c(2.6, 0.8, 0), las = 1)
  plot(fit, lty = c(1, 2, 3), lwd = 1.6, col = "black", mark.time = TRUE, mark = 3, cex = 0.7,
       xlim = c(0, 60), xaxt = "n", yaxt = "n", bty = "l", xaxs = "i")
  axis(1, at = ticks); axis(2, at = seq(0, 1, 0.2))
  for (g in 1:3) lines(cv$time[cv$curve == g], cv$value[cv$curve == g], col = c("red", "green3", "blue")[g], lwd = 0.7)
  invisible(dev.off())
}
