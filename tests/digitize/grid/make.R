# Kaplan-Meier figures whose scale is given by grid lines only (no tick marks), for
# tests/test_digitize.py: ggplot2 theme_minimal (no axis lines either; ggsave leaves its
# background transparent) and theme_bw with the ticks turned off. PNG at 120 dpi, and
# the theme_minimal one as SVG (svglite) too; and the same curves rising (1 - KM), in
# ggplot2's muted Dark2 orange and purple, legend with a title inside the plot (also as
# an SVG from R's own svg() device, percent axis).
# Usage: Rscript make.R [OUTDIR]
suppressPackageStartupMessages({library(survival); library(ggplot2)})
args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "."
set.seed(2929)
arm <- function(n, rate) {
  t_ev <- rexp(n, rate)
  cens <- runif(n, 12, 36)
  data.frame(time = round(pmin(t_ev, cens), 1), event = as.integer(t_ev <= cens))
}
corners <- function(d, k) {
  f <- survfit(Surv(time, event) ~ 1, data = d)
  ev <- f$n.event > 0
  t <- c(0, f$time[ev]); s <- c(1, f$surv[ev])
  if (max(f$time) > max(t)) { t <- c(t, max(f$time)); s <- c(s, s[length(s)]) }
  data.frame(curve = k, time = t, value = s)
}
cv <- rbind(corners(arm(90, 0.012), 1), corners(arm(90, 0.035), 2))
cv$grp <- factor(c("Kyphoplasty", "Conservative")[cv$curve], levels = c("Kyphoplasty", "Conservative"))
base <- ggplot(cv, aes(time, value, colour = grp)) +
  geom_step(linewidth = 0.8) +
  scale_colour_manual(values = c("#E41A1C", "#377EB8"), name = NULL) +
  scale_x_continuous(breaks = seq(0, 36, 6)) +
  coord_cartesian(xlim = c(0, 36), ylim = c(0, 1)) +
  labs(x = "Months", y = "Fracture-free survival")
ggsave(file.path(outdir, "minimal.png"), base + theme_minimal(base_size = 12) +
         theme(legend.position = "bottom"), width = 6, height = 4.5, dpi = 120)
ggsave(file.path(outdir, "bw_noticks.png"), base + theme_bw(base_size = 12) +
         theme(axis.ticks = element_blank(), legend.position = "bottom"),
       width = 6, height = 4.5, dpi = 120)
ggsave(file.path(outdir, "minimal.svg"), base + theme_minimal(base_size = 12) +
         theme(legend.position = "bottom"), width = 6, height = 4.5)
rising <- ggplot(transform(cv, value = 1 - value), aes(time, value, colour = grp)) +
  geom_step(linewidth = 0.8) +
  scale_colour_manual(values = c("#D95F02", "#7570B3"), name = "Treatment") +
  scale_x_continuous(breaks = seq(0, 36, 6)) +
  coord_cartesian(xlim = c(0, 36), ylim = c(0, 1)) +
  labs(x = "Months", y = "Cumulative incidence") +
  theme_minimal(base_size = 12) +
  theme(legend.position = c(0.02, 0.98), legend.justification = c(0, 1),
        legend.background = element_rect(colour = "grey60", linewidth = 0.3))
ggsave(file.path(outdir, "minimal_dark2_rising.png"), rising, width = 6, height = 4.5, dpi = 120)
# The rising plot on a zoomed percent axis (0%-80%) through R's svg() device: cairo
# writes every character as a glyph outline (<symbol> placed by <use>), no <text>.
svg(file.path(outdir, "rising_percent_cairo.svg"), width = 6, height = 4.5)
suppressMessages(print(rising + scale_y_continuous(labels = function(v) paste0(round(100 * v), "%")) +
        coord_cartesian(xlim = c(0, 36), ylim = c(0, 0.8))))
invisible(dev.off())
write.csv(cv[, c("curve", "time", "value")], file.path(outdir, "truth.csv"), row.names = FALSE, quote = FALSE)
