# ggplot2 (survminer-like layout built by hand), PNG at 300 dpi, two colour curves that
# cross, shaded step confidence bands, "|" censor marks, percent y axis, legend inside,
# numbers-at-risk table as a separate aligned panel under the x axis.
# Usage: Rscript make.R OUTDIR
suppressPackageStartupMessages({library(survival); library(ggplot2); library(grid); library(gridExtra)})
args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "."
dir.create(file.path(outdir, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(300300)
pdf(NULL)  # ggplotGrob needs an open device; avoid a stray Rplots.pdf

# piecewise-exponential event times: hazard h1 before month 6, h2 afterwards
gen_arm <- function(n, h1, h2, fu_min, fu_max, drop_rate) {
  E <- rexp(n, 1)
  t_ev <- ifelse(E < 6 * h1, E / h1, 6 + (E - 6 * h1) / h2)
  cens <- pmin(runif(n, fu_min, fu_max), rexp(n, drop_rate))
  time <- pmax(round(pmin(t_ev, cens), 2), 0.05)
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

labs <- c("Vertebroplasty", "Conservative treatment")
arms <- list(gen_arm(180, 0.024, 0.0020, 18, 48, 1/120),
             gen_arm(175, 0.010, 0.0100, 18, 48, 1/120))
ipd <- do.call(rbind, lapply(seq_along(arms), function(i) cbind(curve = i, arms[[i]])))
ipd$grp <- factor(labs[ipd$curve], levels = labs)

lines_df <- data.frame(); band_df <- data.frame(); cens_df <- data.frame()
for (i in seq_along(labs)) {
  d <- ipd[ipd$curve == i, ]
  f <- survfit(Surv(time, event) ~ 1, data = d)
  cc <- km_corners(d$time, d$event)
  lines_df <- rbind(lines_df, data.frame(grp = labs[i], time = cc$time, surv = cc$value))
  t_all <- c(0, f$time); lo <- c(1, f$lower); up <- c(1, f$upper)
  n <- length(t_all)
  band_df <- rbind(band_df, data.frame(grp = labs[i],
                                       x = c(t_all[1], rep(t_all[-1], each = 2)),
                                       ymin = c(rep(lo[-n], each = 2), lo[n]),
                                       ymax = c(rep(up[-n], each = 2), up[n])))
  ct <- f$time[f$n.censor > 0]
  cens_df <- rbind(cens_df, data.frame(grp = labs[i], time = ct,
                                       surv = f$surv[f$n.censor > 0]))
}
for (df in c("lines_df", "band_df", "cens_df")) {
  x <- get(df); x$grp <- factor(x$grp, levels = labs); assign(df, x)
}
cols <- c("#E7B800", "#2E9FDF")
names(cols) <- labs

p1 <- ggplot() +
  geom_ribbon(data = band_df, aes(x = x, ymin = ymin, ymax = ymax, fill = grp), alpha = 0.25) +
  geom_step(data = lines_df, aes(time, surv, colour = grp), linewidth = 0.9, direction = "hv") +
  geom_point(data = cens_df, aes(time, surv, colour = grp), shape = "|", size = 3) +
  scale_colour_manual(values = cols, name = NULL) +
  scale_fill_manual(values = cols, name = NULL) +
  scale_x_continuous(breaks = seq(0, 48, 12), limits = c(0, 48), expand = expansion(mult = 0.02)) +
  scale_y_continuous(breaks = seq(0, 1, 0.2), labels = seq(0, 100, 20), limits = c(0, 1)) +
  labs(x = "Months after vertebroplasty", y = "Fracture-free survival (%)") +
  theme_classic(base_size = 12) +
  theme(legend.position = c(0.26, 0.18), legend.background = element_blank(),
        legend.key.width = unit(1.4, "cm"))

risk_times <- seq(0, 48, 12)
nr <- do.call(rbind, lapply(seq_along(labs), function(i) {
  d <- ipd[ipd$curve == i, ]
  data.frame(curve = i, time = risk_times, n_at_risk = sapply(risk_times, function(t) sum(d$time >= t)))
}))
nr_plot <- transform(nr, grp = factor(labs[curve], levels = rev(labs)))
p2 <- ggplot(nr_plot, aes(time, grp, label = n_at_risk)) +
  geom_text(aes(colour = factor(labs[curve], levels = labs)), size = 3.8, show.legend = FALSE) +
  scale_colour_manual(values = cols) +
  scale_x_continuous(breaks = seq(0, 48, 12), limits = c(0, 48), expand = expansion(mult = 0.02)) +
  labs(title = "Number at risk", x = "Months after vertebroplasty", y = NULL) +
  theme_classic(base_size = 12) +
  theme(plot.title = element_text(size = 11), axis.line.y = element_blank(),
        axis.ticks.y = element_blank(), axis.text.y = element_text(face = "bold", colour = "black"))

g1 <- ggplotGrob(p1); g2 <- ggplotGrob(p2)
w <- unit.pmax(g1$widths, g2$widths); g1$widths <- w; g2$widths <- w
png(file.path(outdir, "figure.png"), width = 7, height = 6.3, units = "in", res = 300)
grid.arrange(g1, g2, heights = c(4.3, 1.6))
invisible(dev.off())

cv <- do.call(rbind, lapply(seq_along(labs), function(i) {
  d <- ipd[ipd$curve == i, ]; cbind(curve = i, km_corners(d$time, d$event))
}))
write.csv(cv, file.path(outdir, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(nr, file.path(outdir, "truth", "at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(ipd[, c("curve", "time", "event")], file.path(outdir, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 48], "y_range": [0, 100], "n_curves": 2, "x_unit": "months", "style": "ggplot2 survminer-like, yellow/blue crossing curves, shaded step CI bands, | censor marks, percent y axis, legend inside, separate numbers-at-risk panel, PNG 300 dpi"}',
           file.path(outdir, "truth", "meta.json"))
for (i in seq_along(labs)) {
  d <- ipd[ipd$curve == i, ]
  cat(labs[i], "events =", sum(d$event), sprintf("(%.0f%%)", 100 * mean(d$event)),
      "max t =", max(d$time), "min S =", min(cv$value[cv$curve == i]), "\n")
}
