# ggplot2 + svglite, SVG, rising cumulative incidence (1 - Kaplan-Meier) of new vertebral
# fracture, three colour curves, theme_bw grid lines, zoomed y axis 0-0.4, legend inside.
# Usage: Rscript make.R OUTDIR
suppressPackageStartupMessages({library(survival); library(ggplot2)})
args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "."
dir.create(file.path(outdir, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(4444)

gen_arm <- function(n, rate, fu_min, fu_max, drop_rate) {
  t_ev <- rexp(n, rate)
  cens <- pmin(runif(n, fu_min, fu_max), rexp(n, drop_rate))
  time <- pmax(round(pmin(t_ev, cens), 1), 0.1)
  data.frame(time = time, event = as.integer(t_ev <= cens))
}
km_corners <- function(time, event) {
  f <- survfit(Surv(time, event) ~ 1)
  ev <- f$n.event > 0
  t <- c(0, f$time[ev]); s <- c(1, f$surv[ev])
  tmax <- max(f$time)
  if (tmax > max(t)) { t <- c(t, tmax); s <- c(s, s[length(s)]) }
  data.frame(time = t, value = s)
}

labs <- c("T-score > -2.5", "T-score -2.5 to -3.5", "T-score < -3.5")
arms <- list(gen_arm(60, 0.0050, 12, 36, 1/200),
             gen_arm(80, 0.0090, 12, 36, 1/200),
             gen_arm(45, 0.0160, 12, 36, 1/200))
ipd <- do.call(rbind, lapply(seq_along(arms), function(i) cbind(curve = i, arms[[i]])))

cv <- do.call(rbind, lapply(seq_along(labs), function(i) {
  d <- ipd[ipd$curve == i, ]
  cc <- km_corners(d$time, d$event)
  data.frame(curve = i, time = cc$time, value = 1 - cc$value)
}))
plot_df <- transform(cv, grp = factor(labs[curve], levels = labs))
cols <- c("#1B9E77", "#D95F02", "#7570B3")

p <- ggplot(plot_df, aes(time, value, colour = grp)) +
  geom_step(linewidth = 0.8, direction = "hv") +
  scale_colour_manual(values = cols, name = "Baseline BMD") +
  scale_x_continuous(breaks = seq(0, 36, 6)) +
  scale_y_continuous(breaks = seq(0, 0.4, 0.1), labels = sprintf("%.1f", seq(0, 0.4, 0.1))) +
  coord_cartesian(xlim = c(0, 36), ylim = c(0, 0.4)) +
  labs(title = "Cumulative incidence of new vertebral fracture",
       x = "Months after vertebroplasty", y = "Cumulative incidence") +
  theme_bw(base_size = 12) +
  theme(legend.position = c(0.02, 0.98), legend.justification = c(0, 1),
        legend.background = element_rect(colour = "grey60", linewidth = 0.3))
ggsave(file.path(outdir, "figure.svg"), p, width = 7, height = 5)

write.csv(cv, file.path(outdir, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(ipd[, c("curve", "time", "event")], file.path(outdir, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 36], "y_range": [0.0, 0.4], "n_curves": 3, "x_unit": "months", "style": "ggplot2 theme_bw, rising 1-KM cumulative incidence, green/orange/purple, grid lines, zoomed y 0-0.4, legend with title inside top left, SVG (svglite)"}',
           file.path(outdir, "truth", "meta.json"))
for (i in seq_along(labs)) {
  d <- ipd[ipd$curve == i, ]
  cat(labs[i], "events =", sum(d$event), sprintf("(%.0f%%)", 100 * mean(d$event)),
      "max t =", max(d$time), "max CI =", max(cv$value[cv$curve == i]), "\n")
}
