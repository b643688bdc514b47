# t4: R base graphics, Chinese-journal house style (CJK axis labels, legend and caption),
# two curves in the SAME colour told apart only by solid vs dotted line, drawn from the same
# hazard so they run very close and intertwine; zoomed y axis 0.5-1.0; '+' censor marks;
# years; PNG at 96 dpi.   Usage: Rscript make.R [check_dir]
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
here <- tryCatch(dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))),
                 error = function(e) getwd())
truth <- file.path(here, "truth"); dir.create(truth, showWarnings = FALSE)
set.seed(1304)

gen <- function(n, rate) {
  ev <- rexp(n, rate)
  cens <- pmin(runif(n, 2.5, 7.9), rexp(n, 1 / 40))
  t <- round(pmin(ev, cens), 2); t <- pmax(t, 0.02)
  data.frame(time = t, event = as.integer(ev <= cens))
}
sfun <- function(dd) stepfun(survfit(Surv(time, event) ~ 1, data = dd)$time,
                                c(1, survfit(Surv(time, event) ~ 1, data = dd)$surv))
# redraw (deterministically, from the fixed seed) until the two arms run very close together,
# cross a few times, stay above 0.55 and both end on a censored patient
tries <- 0
repeat {
  tries <- tries + 1
  d1 <- gen(142, 0.045); d1$grp <- 1      # 对照组 (control)     solid
  d2 <- gen(138, 0.045); d2$grp <- 2      # 观察组 (observation) dotted
  g <- seq(0, min(max(d1$time), max(d2$time)), by = 0.01)
  dif <- sfun(d1)(g) - sfun(d2)(g)
  sg <- sign(dif[abs(dif) > 0.004]); ncross <- sum(diff(sg) != 0)
  ok <- max(abs(dif)) < 0.03 && ncross >= 3 && min(sfun(d1)(g), sfun(d2)(g)) > 0.55 &&
        d1$event[which.max(d1$time)] == 0 && d2$event[which.max(d2$time)] == 0
  if (ok) break
}
cat("tries", tries, "maxdiff", max(abs(dif)), "crossings", ncross, "\n")
d <- rbind(d1, d2)
fit <- survfit(Surv(time, event) ~ grp, data = d)
sd <- survdiff(Surv(time, event) ~ grp, data = d)
pval <- 1 - pchisq(sd$chisq, 1)

# ---- truth ----
corn <- function(dd, k) {
  f <- survfit(Surv(time, event) ~ 1, data = dd)
  s <- 1; tt <- 0; vv <- 1
  for (i in seq_along(f$time)) if (f$n.event[i] > 0) {
    tt <- c(tt, f$time[i], f$time[i]); vv <- c(vv, s, f$surv[i]); s <- f$surv[i] }
  if (max(dd$time) > tail(tt, 1)) { tt <- c(tt, max(dd$time)); vv <- c(vv, s) }
  data.frame(curve = k, time = tt, value = vv)
}
cv <- rbind(corn(d1, 1), corn(d2, 2))
write.csv(cv, file.path(truth, "curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = d$grp, time = d$time, event = d$event), file.path(truth, "ipd.csv"),
          row.names = FALSE, quote = FALSE)
writeLines('{\n "kind": "survival",\n "x_range": [0, 8],\n "y_range": [0.5, 1.0],\n "n_curves": 2,\n "x_unit": "years",\n "style": "Chinese journal, R base graphics, CJK labels, same-colour solid vs dotted curves, zoomed y 0.5-1.0"\n}',
           file.path(truth, "meta.json"))

draw <- function(file, res, overlay = FALSE) {
  png(file, width = 7 * res, height = 5.4 * res, res = res, type = "cairo", family = "Noto Serif CJK SC")
  par(mar = c(6.2, 4.6, 1.2, 1.2), mgp = c(2.6, 0.6, 0), tcl = -0.35, family = "Noto Serif CJK SC")
  plot(fit, lty = c(1, 3), lwd = 1.8, col = "#1B2A6B", mark.time = TRUE, mark = 3, cex = 0.7,
       xlim = c(0, 8), ylim = c(0.5, 1), xaxt = "n", yaxt = "n", bty = "l",
       xlab = "随访时间（年）", ylab = "累积生存率", cex.lab = 1.05)
  axis(1, at = 0:8, cex.axis = 0.95)
  axis(2, at = seq(0.5, 1, 0.1), labels = sprintf("%.1f", seq(0.5, 1, 0.1)), las = 1, cex.axis = 0.95)
  legend("bottomleft", inset = c(0.03, 0.04), lty = c(1, 3), lwd = 1.8, col = "#1B2A6B", bty = "n",
         legend = c(sprintf("对照组 (n=%d)", nrow(d1)), sprintf("观察组 (n=%d)", nrow(d2))), cex = 0.95,
         seg.len = 3)
  text(8, 0.975, sprintf("Log-rank 检验: χ² = %.3f, P = %.3f", sd$chisq, pval), adj = 1, cex = 0.9)
  mtext("图 2  两组患者术后总生存率 Kaplan-Meier 曲线比较", side = 1, line = 4.6, cex = 1.0, font = 2)
  if (overlay) points(cv$time, cv$value, pch = 16, cex = 0.3, col = c("magenta", "orange")[cv$curve])
  dev.off()
}
draw(file.path(here, "figure.png"), 96)
if (length(args) > 0) { dir.create(args[1], showWarnings = FALSE); draw(file.path(args[1], "t4_check.png"), 200, TRUE) }
