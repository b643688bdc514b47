# SPSS-style default Kaplan-Meier chart ("Survival Functions"), drawn with R base graphics.
# Writes figure.png (96 dpi) and truth/ from a fixed seed.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
set.seed(160202)

# ---------- data: 2 arms, time in weeks ----------
gen <- function(n, shape, scale) {
  ev <- scale * rweibull(n, shape, 1)
  adm <- runif(n, 40, 104)              # staggered entry, study closes at 104 weeks
  lost <- rexp(n, 1 / 400)
  cens <- pmin(adm, lost)
  t <- round(pmin(ev, cens), 0)
  t[t < 1] <- 1
  data.frame(time = t, event = as.integer(ev <= cens))
}
d1 <- gen(95, 1.1, 70);  d1$curve <- 1L
d2 <- gen(105, 0.95, 140); d2$curve <- 2L
ipd <- rbind(d1, d2)[, c("curve", "time", "event")]

corners <- function(d) {
  f <- survfit(Surv(time, event) ~ 1, data = d)
  out <- data.frame(time = 0, value = 1); s <- 1
  for (i in seq_along(f$time)) {
    if (f$n.event[i] > 0) {
      out <- rbind(out, data.frame(time = c(f$time[i], f$time[i]), value = c(s, f$surv[i])))
      s <- f$surv[i]
    }
  }
  if (max(d$time) > tail(out$time, 1)) out <- rbind(out, data.frame(time = max(d$time), value = s))
  list(pts = out, fit = f)
}

cols <- c("#3E58AC", "#2EB848")        # SPSS default chart palette: blue, green
labs <- c("Drug A", "Drug B")
png(file.path(here, "figure.png"), width = 820, height = 580, res = 96, family = "Liberation Sans")
par(mar = c(3.8, 4.4, 3.2, 11.0), mgp = c(2.4, 0.6, 0), las = 1, tcl = -0.35, cex.axis = 0.9)
plot(NA, xlim = c(0, 104), ylim = c(0, 1), xaxs = "r", yaxs = "r", axes = FALSE, xlab = "", ylab = "")
axis(1, at = seq(0, 100, 20), lwd = 0, lwd.ticks = 1)
axis(2, at = seq(0, 1, 0.2), labels = sprintf("%.1f", seq(0, 1, 0.2)), lwd = 0, lwd.ticks = 1)
box(lwd = 1)
title(xlab = "Time to relapse (weeks)", cex.lab = 1.0)
title(ylab = "Cum Survival", cex.lab = 1.0)
title(main = "Survival Functions", cex.main = 1.25, font.main = 2, line = 1.4)
truth <- NULL
for (k in 1:2) {
  d <- ipd[ipd$curve == k, ]
  r <- corners(d)
  lines(r$pts$time, r$pts$value, col = cols[k], lwd = 1.3)
  # "+" censor marks at the survival value in force at each censored time
  ct <- sort(unique(d$time[d$event == 0]))
  sv <- summary(r$fit, times = ct, extend = TRUE)$surv
  points(ct, sv, pch = 3, col = cols[k], cex = 0.9, lwd = 1)
  truth <- rbind(truth, data.frame(curve = k, time = r$pts$time, value = r$pts$value))
}
# legend outside right, titled by the grouping variable, with "-censored" entries
par(xpd = NA)
usr <- par("usr")
legend(x = usr[2] + 0.04 * (usr[2] - usr[1]), y = 0.78, title = "Treatment", title.adj = 0,
       legend = c(labs, paste0(labs, "-censored")),
       col = c(cols, cols), lty = c(1, 1, NA, NA), pch = c(NA, NA, 3, 3), lwd = 1.3,
       bty = "n", cex = 0.95, seg.len = 2.2, y.intersp = 1.35)
dev.off()

dir.create(file.path(here, "truth"), showWarnings = FALSE)
write.csv(truth, file.path(here, "truth", "curves.csv"), row.names = FALSE)
write.csv(ipd, file.path(here, "truth", "ipd.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 100], "y_range": [0, 1], "n_curves": 2, "x_unit": "weeks",
 "style": "SPSS default Kaplan-Meier chart: title Survival Functions, Cum Survival y axis, legend right titled Treatment with -censored entries, + censor marks"}',
           file.path(here, "truth", "meta.json"))
print(aggregate(event ~ curve, ipd, function(x) c(n = length(x), ev = sum(x))))
print(aggregate(value ~ curve, truth, min))
