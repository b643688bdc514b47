# m5: ggplot2 theme_bw-like chart: two crossing KM curves with shaded (stepped) 95% confidence
# bands, light grid, legend inside the panel, numbers-at-risk table under the axis. SVG.
suppressMessages({library(survival); library(ggplot2); library(grid)})
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), showWarnings = FALSE, recursive = TRUE)
set.seed(9505)
# piecewise-exponential event times: hazard h1 before cut, h2 after
pw <- function(n, h1, h2, cut) {
  t1 <- rexp(n, h1)
  ifelse(t1 < cut, t1, cut + rexp(n, h2))
}
sim <- function(n, h1, h2, cut, fu = 60) {
  tev <- pw(n, h1, h2, cut)
  cen <- pmin(runif(n, 30, fu), rexp(n, 1 / 150))
  data.frame(time = round(pmin(tev, cen), 2), event = as.integer(tev <= cen))
}
d1 <- sim(150, 0.035, 0.002, 6); d1$curve <- 1     # early failures, then plateau
d2 <- sim(160, 0.002, 0.011, 6); d2$curve <- 2     # few early, more late
d <- rbind(d1, d2)
labs <- c("Early surgery", "Delayed surgery")
d$arm <- factor(labs[d$curve], levels = labs)
fit <- survfit(Surv(time, event) ~ curve, data = d)

# step data for lines and ribbons, drawn to the last follow-up time of each arm
steps <- NULL; rows <- NULL
for (g in 1:2) {
  s <- fit[g]
  tt <- c(0, s$time); sv <- c(1, s$surv); lo <- c(1, s$lower); hi <- c(1, s$upper)
  # carry last non-NA bounds forward
  for (i in seq_along(lo)) { if (is.na(lo[i])) lo[i] <- lo[i - 1]; if (is.na(hi[i])) hi[i] <- hi[i - 1] }
  steps <- rbind(steps, data.frame(curve = g, arm = labs[g], time = tt, surv = sv, lower = lo, upper = hi))
  k <- s$n.event > 0
  r <- data.frame(curve = g, time = c(0, s$time[k]), value = c(1, s$surv[k]))
  if (max(s$time) > max(r$time)) r <- rbind(r, data.frame(curve = g, time = max(s$time), value = tail(s$surv, 1)))
  rows <- rbind(rows, r)
}
steps$arm <- factor(steps$arm, levels = labs)
# ribbon as explicit staircase polygon (geom_ribbon cannot step)
rib <- do.call(rbind, lapply(split(steps, steps$curve), function(s) {
  n <- nrow(s); i <- rep(seq_len(n), each = 2)[-1]; j <- rep(seq_len(n), each = 2)[-2 * n]
  data.frame(arm = s$arm[1], time = s$time[i], lower = s$lower[j], upper = s$upper[j])
}))
cols <- c("#F8766D", "#00BFC4")
p <- ggplot() +
  geom_ribbon(data = rib, aes(time, ymin = lower, ymax = upper, fill = arm), alpha = 0.25) +
  geom_step(data = steps, aes(time, surv, colour = arm), linewidth = 0.8) +
  scale_colour_manual(values = cols, name = NULL) +
  scale_fill_manual(values = cols, name = NULL) +
  scale_x_continuous(breaks = seq(0, 60, 12), limits = c(0, 60)) +
  scale_y_continuous(breaks = seq(0, 1, 0.25), limits = c(0, 1)) +
  labs(x = "Months after vertebroplasty", y = "Fracture-free survival probability") +
  theme_bw(base_size = 11) +
  theme(legend.position = c(0.2, 0.18),
        legend.background = element_rect(colour = "grey60"), panel.grid.minor = element_blank())
ticks <- seq(0, 60, 12)
ar <- NULL
for (g in 1:2) {
  dd <- d[d$curve == g, ]
  ar <- rbind(ar, data.frame(curve = g, arm = labs[g], time = ticks, n_at_risk = sapply(ticks, function(x) sum(dd$time >= x))))
}
ar$arm <- factor(ar$arm, levels = rev(labs))
tab <- ggplot(ar, aes(time, arm, label = n_at_risk)) + geom_text(size = 3.4) +
  scale_x_continuous(breaks = ticks, limits = c(0, 60)) +
  labs(x = NULL, y = NULL, title = "Number at risk") +
  theme_bw(base_size = 11) +
  theme(panel.grid = element_blank(), panel.border = element_blank(), axis.ticks = element_blank(),
        axis.text.x = element_blank(), plot.title = element_text(size = 10),
        axis.text.y = element_text(face = "bold"))
svglite::svglite(file.path(out, "figure.svg"), width = 7, height = 5.6)
g1 <- ggplotGrob(p); g2 <- ggplotGrob(tab)
w <- unit.pmax(g1$widths, g2$widths); g1$widths <- w; g2$widths <- w
gg <- rbind(g1, g2, size = "first")
panels <- grep("panel", gg$layout$name)
gg$heights[gg$layout$t[panels]] <- unit(c(4, 0.9), "null")
grid.newpage(); grid.draw(gg)
invisible(dev.off())

write.csv(rows, file.path(out, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(ar[order(ar$curve, ar$time), c("curve", "time", "n_at_risk")], file.path(out, "truth", "at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 2, "x_unit": "months", "style": "ggplot2 theme_bw: two crossing curves, shaded stepped 95% CI bands, light grid, legend inside, at-risk table (SVG)"}',
           file.path(out, "truth", "meta.json"))
cat(tapply(d$event, d$curve, mean), "\n")
