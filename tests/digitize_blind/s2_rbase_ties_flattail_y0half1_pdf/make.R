# s2: R base graphics plot.survfit of a single arm (default dashed 95% CI, '+' censor marks),
# progression assessed at 8-weekly scans -> heavy ties, cured fraction -> long flat tail.
# y axis labelled only at 0, 0.5 and 1. Writes figure.pdf and truth/*.
library(survival)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
set.seed(1202)
n <- 210
cured <- runif(n) < 0.42
true_t <- ifelse(cured, Inf, rexp(n, rate = log(2) / 14))       # weeks
scan_t <- ceiling(true_t / 8) * 8                                  # seen at next 8-weekly scan
symp <- runif(n) < 0.12                                            # a few found between scans
ev_t <- ifelse(symp, pmax(1, ceiling(true_t)), scan_t)
entry_fu <- sample(60:156, n, replace = TRUE)                      # administrative follow-up
lost <- ifelse(runif(n) < 0.15, sample(4:150, n, replace = TRUE), 999)
cens_t <- pmin(entry_fu, lost)
time <- pmin(ev_t, cens_t)
event <- as.integer(ev_t <= cens_t)
fit <- survfit(Surv(time, event) ~ 1, conf.type = "log")

pdf(file.path(here, "figure.pdf"), width = 6, height = 4.6, pointsize = 11)
par(mar = c(4.2, 4.2, 1.2, 1.2), mgp = c(2.6, 0.8, 0))
plot(fit, mark.time = TRUE, conf.int = TRUE, xlim = c(0, 156), xaxt = "n", yaxt = "n",
     xlab = "Weeks from start of treatment", ylab = "Progression-free survival")
axis(1, at = seq(0, 156, 26))
axis(2, at = c(0, 0.5, 1), las = 1)
dev.off()

# ---- truth ----
dir.create(file.path(here, "truth"), showWarnings = FALSE)
s_prev <- 1; tt <- 0; vv <- 1
for (i in seq_along(fit$time)) {
  if (fit$n.event[i] > 0) {
    tt <- c(tt, fit$time[i], fit$time[i]); vv <- c(vv, s_prev, fit$surv[i]); s_prev <- fit$surv[i]
  }
}
if (max(fit$time) > tail(tt, 1)) { tt <- c(tt, max(fit$time)); vv <- c(vv, s_prev) }
write.csv(data.frame(curve = 1, time = tt, value = vv), file.path(here, "truth/curves.csv"), row.names = FALSE)
write.csv(data.frame(curve = 1, time = time, event = event), file.path(here, "truth/ipd.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 156], "y_range": [0, 1], "n_curves": 1, "x_unit": "weeks",
 "style": "R base plot.survfit, one curve with dashed 95% CI and + censor marks, y labelled at 0/0.5/1 only"}',
           file.path(here, "truth/meta.json"))

if (nzchar(Sys.getenv("CHECK"))) {        # overlay truth read back from disk on a PNG re-render
  tc <- read.csv(file.path(here, "truth/curves.csv"))
  png(Sys.getenv("CHECK"), width = 1800, height = 1380, res = 300)
  par(mar = c(4.2, 4.2, 1.2, 1.2), mgp = c(2.6, 0.8, 0))
  plot(fit, mark.time = TRUE, conf.int = TRUE, xlim = c(0, 156), xaxt = "n", yaxt = "n",
       xlab = "Weeks from start of treatment", ylab = "Progression-free survival")
  axis(1, at = seq(0, 156, 26)); axis(2, at = c(0, 0.5, 1), las = 1)
  lines(tc$time, tc$value, col = "green", lwd = 0.5); points(tc$time, tc$value, col = "red", cex = 0.3)
  dev.off()
}
