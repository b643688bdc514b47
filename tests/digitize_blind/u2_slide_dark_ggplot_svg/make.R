# u2: presentation-slide KM figure (ggplot2): light curves on a dark background, big fonts,
# title above, translucent stepped 95% CI bands, '+' censor marks. Writes figure.svg + truth/.
# Run: Rscript make.R [--check]
suppressPackageStartupMessages({library(survival); library(ggplot2)})
args <- commandArgs(trailingOnly = TRUE)
here <- tryCatch(dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))),
                 error = function(e) getwd())
set.seed(1402)
ns <- c(95, 120, 105); rates <- c(0.045, 0.028, 0.018); shapes <- c(0.9, 1.0, 1.2)
labs <- c("Chemo alone", "Chemo + anti-PD-1", "Chemo + anti-PD-1 + RT")
ipd <- do.call(rbind, lapply(1:3, function(k) {
  n <- ns[k]
  ev <- rweibull(n, shape = shapes[k], scale = 1 / rates[k])
  acc <- runif(n, 0, 30)
  cens <- pmin(60 - acc + 0.0, rexp(n, 1 / 120))
  cens <- pmin(cens, 59.5)
  t <- round(pmin(ev, cens), 2); t <- pmax(t, 0.05)
  data.frame(curve = k, time = t, event = as.integer(ev <= cens))
}))

corners <- function(x, y) {   # step-post corners of the drawn path
  out <- data.frame(time = x[1], value = y[1])
  for (i in 2:length(x)) {
    out <- rbind(out, data.frame(time = x[i], value = y[i - 1]))
    if (y[i] != y[i - 1]) out <- rbind(out, data.frame(time = x[i], value = y[i]))
  }
  out[!duplicated(out), ]
}

steps <- list(); ribs <- list(); cens <- list(); cr <- list()
for (k in 1:3) {
  f <- survfit(Surv(time, event) ~ 1, data = ipd[ipd$curve == k, ], conf.type = "log-log")
  x <- c(0, f$time); y <- c(1, f$surv)
  lo <- c(1, f$lower); hi <- c(1, f$upper)
  lo[is.na(lo)] <- tail(na.omit(lo), 1); hi[is.na(hi)] <- tail(na.omit(hi), 1)
  steps[[k]] <- data.frame(curve = k, time = x, surv = y)
  # stepped ribbon
  xr <- c(rbind(x, c(x[-1], x[length(x)])))
  ribs[[k]] <- data.frame(curve = k, time = xr, lo = rep(lo, each = 2), hi = rep(hi, each = 2))
  ci <- f$n.censor > 0
  cens[[k]] <- data.frame(curve = k, time = f$time[ci], surv = f$surv[ci])
  cr[[k]] <- cbind(curve = k, corners(x, y))
}
S <- do.call(rbind, steps); R <- do.call(rbind, ribs); C <- do.call(rbind, cens); CR <- do.call(rbind, cr)
for (d in c("S", "R", "C")) { z <- get(d); z$arm <- factor(labs[z$curve], levels = labs); assign(d, z) }

cols <- c("#7FDBFF", "#FFD866", "#FF8C82")
names(cols) <- labs
BG <- "#14213D"
p <- ggplot() +
  geom_ribbon(data = R, aes(time, ymin = lo, ymax = hi, fill = arm), alpha = 0.16, show.legend = FALSE) +
  geom_step(data = S, aes(time, surv, colour = arm), linewidth = 1.5, direction = "hv") +
  geom_point(data = C, aes(time, surv, colour = arm), shape = 3, size = 2.6, stroke = 1.0, show.legend = FALSE) +
  scale_colour_manual(values = cols, name = NULL) + scale_fill_manual(values = cols, guide = "none") +
  scale_x_continuous(breaks = seq(0, 60, 12), limits = c(0, 60), expand = expansion(mult = c(0.01, 0.02))) +
  scale_y_continuous(breaks = seq(0, 1, 0.2), labels = sprintf("%.1f", seq(0, 1, 0.2)), limits = c(0, 1),
                     expand = expansion(mult = c(0.01, 0.02))) +
  labs(title = "Overall survival by treatment arm", x = "Months since randomisation", y = "Overall survival") +
  theme_minimal(base_size = 22) +
  theme(plot.background = element_rect(fill = BG, colour = NA),
        panel.background = element_rect(fill = BG, colour = NA),
        panel.grid.major = element_line(colour = "#2E3E63", linewidth = 0.6),
        panel.grid.minor = element_blank(),
        text = element_text(colour = "#E8ECF4"),
        axis.text = element_text(colour = "#C9D2E3", size = 19),
        axis.title = element_text(colour = "#E8ECF4", size = 21),
        plot.title = element_text(face = "bold", size = 28, hjust = 0, margin = margin(b = 16)),
        legend.position = c(0.98, 0.98), legend.justification = c(1, 1),
        legend.background = element_rect(fill = BG, colour = NA),
        legend.text = element_text(size = 18, colour = "#E8ECF4"),
        legend.key.width = unit(2.2, "lines"),
        plot.margin = margin(22, 28, 16, 18))

if ("--check" %in% args) {
  dir.create(file.path(here, "check"), showWarnings = FALSE)
  CR$arm <- factor(labs[CR$curve], levels = labs)
  p2 <- p + geom_point(data = CR, aes(time, value), colour = "magenta", size = 0.9)
  png(file.path(here, "check", "check_overlay.png"), width = 13.33, height = 7.5, units = "in", res = 110)
  print(p2); invisible(dev.off()); quit(save = "no")
}
svg(file.path(here, "figure.svg"), width = 13.33, height = 7.5)
print(p); invisible(dev.off())

dir.create(file.path(here, "truth"), showWarnings = FALSE)
write.csv(ipd, file.path(here, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
CR$time <- round(CR$time, 4); CR$value <- round(CR$value, 6)
write.csv(CR[, c("curve", "time", "value")], file.path(here, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 3, "x_unit": "months", "style": "presentation slide, ggplot2 theme_minimal on dark navy background, light curves, CI bands, + censor marks, title above"}',
           file.path(here, "truth", "meta.json"))
