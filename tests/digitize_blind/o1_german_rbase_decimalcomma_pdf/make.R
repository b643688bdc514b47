# o1: R base graphics, German/European journal style, decimal-comma y ticks,
# black-and-white line types, '+' censor marks, numbers at risk under the plot. PDF.
suppressPackageStartupMessages(library(survival))
set.seed(1101)
out <- commandArgs(trailingOnly = TRUE)
check <- length(out) > 0 && out[1] == "check"

gen <- function(n, rate, grp) {
  t_ev <- rexp(n, rate)
  entry_fu <- runif(n, 30, 60)          # administrative follow-up
  drop <- rexp(n, 1/150)                # random loss to follow-up
  cen <- pmin(entry_fu, drop)
  time <- round(pmin(t_ev, cen), 1)
  time[time <= 0] <- 0.1
  data.frame(group = grp, time = time, event = as.integer(t_ev <= cen))
}
d <- rbind(gen(160, log(2)/40, 1), gen(145, log(2)/22, 2))
fit <- survfit(Surv(time, event) ~ group, data = d)

# ---- truth ----
corners <- function(fit) {
  res <- NULL
  st <- if (is.null(fit$strata)) c("1" = length(fit$time)) else fit$strata
  idx <- rep(seq_along(st), st)
  for (k in seq_along(st)) {
    tt <- fit$time[idx == k]; ss <- fit$surv[idx == k]; ne <- fit$n.event[idx == k]
    rows <- data.frame(curve = k, time = 0, value = 1); prev <- 1
    for (i in seq_along(tt)) if (ne[i] > 0) {
      rows <- rbind(rows, data.frame(curve = k, time = tt[i], value = c(prev, ss[i])))
      prev <- ss[i]
    }
    if (max(tt) > rows$time[nrow(rows)]) rows <- rbind(rows, data.frame(curve = k, time = max(tt), value = prev))
    res <- rbind(res, rows)
  }
  res
}
cv <- corners(fit)
dir.create("truth", showWarnings = FALSE)
write.csv(cv, "truth/curves.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = d$group, time = d$time, event = d$event), "truth/ipd.csv", row.names = FALSE, quote = FALSE)
xt <- seq(0, 60, 12)
ar <- do.call(rbind, lapply(1:2, function(k) data.frame(curve = k, time = xt, n_at_risk = sapply(xt, function(t) sum(d$group == k & d$time >= t)))))
write.csv(ar, "truth/at_risk.csv", row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 2, "x_unit": "months", "style": "R base graphics, German journal, decimal-comma y ticks, B&W solid/dashed, + censor marks, numbers at risk"}', "truth/meta.json")

# ---- figure ----
draw <- function() {
  par(mar = c(8.5, 5.5, 1.5, 1), family = "serif", las = 1, cex.axis = 0.95)
  plot(fit, lty = c(1, 2), lwd = 1.3, mark.time = TRUE, mark = 3, cex = 0.7,
       xlim = c(0, 60), ylim = c(0, 1), xaxs = "i", yaxs = "r", axes = FALSE,
       xlab = "", ylab = "")
  yt <- seq(0, 1, 0.2)
  axis(2, at = yt, labels = formatC(yt, format = "f", digits = 1, decimal.mark = ","))
  axis(1, at = xt)
  box(bty = "l")
  mtext("Gesamtüberleben (Wahrscheinlichkeit)", side = 2, line = 3.6, las = 0)
  mtext("Zeit seit Randomisierung (Monate)", side = 1, line = 2.3)
  legend("bottomleft", inset = c(0.02, 0.03), lty = c(1, 2), lwd = 1.3, bty = "n",
         legend = c("Kombinationstherapie (n = 160)", "Standardtherapie (n = 145)"))
  sd <- survdiff(Surv(time, event) ~ group, data = d); pv <- 1 - pchisq(sd$chisq, 1)
  text(58, 0.93, paste0("Log-Rang-Test: p = ", formatC(pv, format = "f", digits = 3, decimal.mark = ",")), adj = 1, cex = 0.9)
  mtext("Patienten unter Risiko", side = 1, line = 3.9, adj = 0, at = -9, cex = 0.85, font = 2)
  for (k in 1:2) {
    mtext(c("Kombination", "Standard")[k], side = 1, line = 4.9 + k, at = -2.5, adj = 1, cex = 0.8)
    mtext(ar$n_at_risk[ar$curve == k], side = 1, line = 4.9 + k, at = xt, cex = 0.8)
  }
  if (check) {
    for (k in 1:2) { c1 <- cv[cv$curve == k, ]; lines(c1$time, c1$value, col = "red", lwd = 0.6); points(c1$time, c1$value, col = "red", pch = ".") }
  }
}
if (check) { png("/tmp/o1_check.png", 1400, 1100, res = 150); draw(); invisible(dev.off()) } else {
  pdf("figure.pdf", width = 6.3, height = 5.2); draw(); invisible(dev.off())
}
