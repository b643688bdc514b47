# R base graphics plot.survfit(fun = "event"): 1 rising cumulative-incidence curve with dashed
# 95% confidence limits, | censor marks, heavy censoring, y axis 0-0.4 only. Vector PDF, no at-risk table.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(20263)
FU <- 48; n <- 320
t <- rexp(n, 0.0075); c <- ifelse(runif(n) < 0.7, runif(n, 0.5, 24), runif(n, 24, 70))  # heavy loss to follow-up
time <- round(pmin(t, c, FU), 1); ev <- as.integer(t <= pmin(c, FU))
d <- data.frame(curve = 1, time = time, event = ev)
fit <- survfit(Surv(time, event) ~ 1, data = d)
pdf(file.path(out, "figure.pdf"), width = 6, height = 4.6, pointsize = 11)
par(mar = c(4.2, 4.6, 2.5, 1), las = 1)
plot(fit, fun = "event", conf.int = TRUE, mark.time = TRUE, mark = "|", cex = 0.6, lwd = c(1.8, 1, 1),
     col = "darkred", xlim = c(0, 48), ylim = c(0, 0.4), xaxt = "n", yaxt = "n", bty = "l",
     xlab = "Months after vertebroplasty", ylab = "Cumulative incidence of new fracture")
axis(1, at = seq(0, 48, 12)); axis(2, at = seq(0, 0.4, 0.1), labels = sprintf("%.1f", seq(0, 0.4, 0.1)))
title("Adjacent-level vertebral fracture", adj = 0, font.main = 2, cex.main = 1)
dev.off()
s <- summary(fit); tt <- c(0, s$time); vv <- c(0, 1 - s$surv)
tmax <- max(d$time); if (tmax > max(tt)) { tt <- c(tt, tmax); vv <- c(vv, tail(vv, 1)) }
write.csv(data.frame(curve = 1, time = tt, value = round(vv, 6)), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(d, file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines(jsonlite::toJSON(list(kind = "incidence", x_range = c(0, 48), y_range = c(0, 0.4), n_curves = 1,
  x_unit = "months", style = "R base plot.survfit fun=event, rising curve, dashed CI limits, | censor marks, heavy censoring, zoomed y 0-0.4, vector PDF"),
  auto_unbox = TRUE, pretty = TRUE), file.path(out, "truth/meta.json"))
