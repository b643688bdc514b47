# Tall journal figure page drawn with R base graphics: a long wrapped title on top, the KM plot in
# the upper part only, a numbers-at-risk table with the arm names at the left under it, then
# footnotes; black-and-white line types. Writes figure.png (300 dpi) and truth/.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
set.seed(160608)

arms <- c("Chemotherapy", "Chemo + targeted", "Targeted alone")
n <- c(150, 145, 120)
med <- c(14, 24, 19)                      # median PFS, months (exponential)
ipd <- NULL
for (k in 1:3) {
  ev <- rexp(n[k], log(2) / med[k])
  adm <- runif(n[k], 30, 60)
  lost <- rexp(n[k], 1 / 200)
  cens <- pmin(adm, lost)
  t <- round(pmin(ev, cens), 1); t[t < 0.1] <- 0.1
  ipd <- rbind(ipd, data.frame(curve = k, time = t, event = as.integer(ev <= cens)))
}
corners <- function(d) {
  f <- survfit(Surv(time, event) ~ 1, data = d)
  tt <- 0; vv <- 1; s <- 1
  for (i in seq_along(f$time)) if (f$n.event[i] > 0) {
    tt <- c(tt, f$time[i], f$time[i]); vv <- c(vv, s, f$surv[i]); s <- f$surv[i]
  }
  if (max(d$time) > tail(tt, 1)) { tt <- c(tt, max(d$time)); vv <- c(vv, s) }
  data.frame(time = tt, value = vv)
}
xt <- seq(0, 60, 12)
truth <- NULL; ar <- NULL
for (k in 1:3) {
  d <- ipd[ipd$curve == k, ]
  truth <- rbind(truth, data.frame(curve = k, corners(d)))
  ar <- rbind(ar, data.frame(curve = k, time = xt, n_at_risk = sapply(xt, function(x) sum(d$time >= x))))
}

png(file.path(here, "figure.png"), width = 6.5, height = 8.5, units = "in", res = 300, family = "Liberation Sans")
par(oma = c(0, 0, 0, 0))
# long title in the top band
par(fig = c(0, 1, 0.86, 1), mar = c(0, 0, 0, 0))
plot.new()
ttl <- paste("Figure 3. Kaplan-Meier estimates of progression-free survival in",
             "the intention-to-treat population according to randomised treatment",
             "group: chemotherapy alone, chemotherapy plus the targeted agent,",
             "or the targeted agent alone (data cut-off 31 March)", sep = "\n")
text(0.04, 0.55, ttl, adj = c(0, 0.5), cex = 0.95, font = 2)
# KM plot in the upper part; its bottom margin holds the numbers-at-risk table
par(fig = c(0, 1, 0.30, 0.86), new = TRUE, mar = c(11.5, 10.5, 1, 1.5), mgp = c(2.6, 0.7, 0), las = 1, tcl = -0.4)
plot(NA, xlim = c(0, 60), ylim = c(0, 1), xaxs = "i", yaxs = "i", axes = FALSE, xlab = "", ylab = "")
axis(1, at = xt); axis(2, at = seq(0, 1, 0.2), labels = sprintf("%.1f", seq(0, 1, 0.2)))
box(bty = "l")
mtext("Months since randomisation", side = 1, line = 2.6)
mtext("Progression-free survival", side = 2, line = 3.2, las = 0)
ltys <- c(1, 2, 3)
for (k in 1:3) {
  cr <- truth[truth$curve == k, ]
  lines(cr$time, cr$value, lty = ltys[k], lwd = 2, col = "black")
}
legend("topright", legend = arms, lty = ltys, lwd = 2, bty = "n", seg.len = 3.5, cex = 0.95, inset = c(0.02, 0.02))
# numbers at risk
mtext("No. at risk", side = 1, line = 4.8, at = -26, adj = 0, font = 2, cex = 0.9)
for (k in 1:3) {
  ln <- 4.8 + 1.6 * k
  mtext(arms[k], side = 1, line = ln, at = -26, adj = 0, cex = 0.9)
  mtext(ar$n_at_risk[ar$curve == k], side = 1, line = ln, at = xt, cex = 0.9)
}
# footnotes in the lower band
par(fig = c(0, 1, 0, 0.30), new = TRUE, mar = c(0, 0, 0, 0))
plot.new()
fn <- paste("Tick marks for censored patients are not shown. Hazard ratio for progression or death,",
            "chemotherapy plus targeted agent vs chemotherapy alone, 0.61 (95% CI 0.45-0.82);",
            "targeted agent alone vs chemotherapy alone, 0.78 (95% CI 0.57-1.06).",
            "Median follow-up was 38 months (interquartile range 27-49).", sep = "\n")
text(0.04, 0.80, fn, adj = c(0, 1), cex = 0.8)
dev.off()

dir.create(file.path(here, "truth"), showWarnings = FALSE)
write.csv(truth, file.path(here, "truth", "curves.csv"), row.names = FALSE)
write.csv(ipd, file.path(here, "truth", "ipd.csv"), row.names = FALSE)
write.csv(ar, file.path(here, "truth", "at_risk.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 3, "x_unit": "months",
 "style": "R base, tall page: four-line bold title above, plot in the upper part only, numbers-at-risk table with arm names at left, footnotes below; black solid/dashed/dotted lines, no censor marks"}',
           file.path(here, "truth", "meta.json"))
print(ar); print(aggregate(time ~ curve, ipd, max)); print(aggregate(value ~ curve, truth, min))
