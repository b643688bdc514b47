#!/usr/bin/env Rscript
# Presentation slide: dark background, light thick curves, large fonts; ggplot2, PNG at 96 dpi (1280x720).
# Run: Rscript make.R   (CHECK=1 also writes an overlay re-render to /tmp/blind17_check)
suppressMessages({library(survival); library(ggplot2)})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
setwd(here); dir.create("truth", showWarnings = FALSE)
set.seed(1705)
sim <- function(n, scale, shape, cmax, admin) {
  te <- scale * rweibull(n, shape, 1); tc <- pmin(runif(n, 0, cmax), admin)
  t <- pmax(round(pmin(te, tc), 2), 0.01); e <- as.integer(te <= tc)
  data.frame(time = t, event = e)
}
labs <- c("Nivolumab + ipilimumab", "Chemotherapy")
dat <- rbind(cbind(sim(230, 4.2, 0.8, 7, 5), arm = 1), cbind(sim(225, 1.9, 1.1, 7, 5), arm = 2))
corners <- function(f) {
  S <- 1; x <- 0; y <- 1
  for (i in which(f$n.event > 0)) { x <- c(x, f$time[i], f$time[i]); y <- c(y, S, f$surv[i]); S <- f$surv[i] }
  if (max(f$time) > tail(x, 1)) { x <- c(x, max(f$time)); y <- c(y, S) }
  data.frame(time = x, value = y)
}
cr <- do.call(rbind, lapply(1:2, function(k) {
  f <- survfit(Surv(time, event) ~ 1, data = dat[dat$arm == k, ]); d <- corners(f); d$curve <- k; d }))
cr$arm <- factor(labs[cr$curve], levels = labs)
cens <- do.call(rbind, lapply(1:2, function(k) {
  d <- dat[dat$arm == k & dat$event == 0, ]; c2 <- cr[cr$curve == k, ]
  d$value <- sapply(d$time, function(t) c2$value[max(which(c2$time <= t))]); d }))
cens$arm <- factor(labs[cens$arm], levels = labs)
cols <- c("#8BE9FD", "#FFB86C")
p <- ggplot(cr, aes(time, value * 100, colour = arm)) +
  geom_path(linewidth = 2.2, lineend = "butt", linejoin = "mitre") +
  geom_point(data = cens, shape = 124, size = 4, stroke = 1) +
  scale_colour_manual(values = cols, name = NULL) +
  scale_x_continuous("Years since randomization", breaks = 0:5, limits = c(0, 5.05), expand = c(0.01, 0)) +
  scale_y_continuous("Overall survival (%)", breaks = seq(0, 100, 25), limits = c(0, 100), expand = c(0.02, 0)) +
  labs(title = "Overall survival: 5-year follow-up") +
  theme_minimal(base_size = 24) +
  theme(plot.background = element_rect(fill = "#1B2838", colour = NA),
        panel.background = element_rect(fill = "#1B2838", colour = NA),
        panel.grid.major = element_line(colour = "#3A4A5E", linewidth = 0.6), panel.grid.minor = element_blank(),
        text = element_text(colour = "#E8EEF4"), axis.text = element_text(colour = "#E8EEF4", size = 22),
        plot.title = element_text(face = "bold", size = 30),
        legend.position = c(0.74, 0.86), legend.text = element_text(size = 22), legend.key.width = unit(1.6, "cm"),
        plot.margin = margin(20, 40, 20, 20))
ggsave("figure.png", p, width = 1280 / 96, height = 720 / 96, dpi = 96, bg = "#1B2838")

write.csv(data.frame(curve = cr$curve, time = cr$time, value = round(cr$value, 6)), "truth/curves.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = dat$arm, time = dat$time, event = dat$event), "truth/ipd.csv", row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 5], "y_range": [0, 100], "n_curves": 2, "x_unit": "years", "style": "presentation slide: dark navy background, light thick cyan/orange curves, large fonts, gridlines, legend inside plot, percent axis, ggplot2 PNG 96 dpi"}', "truth/meta.json")
if (Sys.getenv("CHECK") == "1") {
  tr <- read.csv("truth/curves.csv")
  q <- p + geom_path(data = tr, aes(time, value * 100, group = curve), colour = "red", linewidth = 0.4, inherit.aes = FALSE) +
    geom_point(data = tr, aes(time, value * 100), colour = "red", size = 0.4, inherit.aes = FALSE)
  ggsave("/tmp/blind17_check/x5.png", q, width = 1280 / 96, height = 720 / 96, dpi = 96, bg = "#1B2838")
}
