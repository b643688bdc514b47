# u5: rising cumulative incidence (1 - KM) for three groups, ggplot2 theme_classic, greyscale,
# curves told apart only by line type (solid / dashed / dot-dash), censor marks as small vertical
# ticks ('|'), legend inside top-left, y axis 0-0.5. PNG at 96 dpi. Run: Rscript make.R [--check]
suppressPackageStartupMessages({library(survival); library(ggplot2)})
args <- commandArgs(trailingOnly = TRUE)
here <- tryCatch(dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))),
                 error = function(e) getwd())
set.seed(1405)
ns <- c(185, 200, 170); lam <- c(0.016, 0.033, 0.055); shp <- c(1.2, 1.1, 1.0)
labs <- c("BMI < 25", "BMI 25-29.9", "BMI \u2265 30")
ipd <- do.call(rbind, lapply(1:3, function(k) {
  n <- ns[k]
  ev <- rweibull(n, shp[k], 1 / lam[k])
  acc <- runif(n, 0, 5)
  cens <- pmin(14 - acc, rexp(n, 1 / 40), 10)
  t <- pmax(round(pmin(ev, cens), 3), 0.01)
  data.frame(curve = k, time = t, event = as.integer(ev <= cens))
}))
corners <- function(x, y) {
  out <- data.frame(time = x[1], value = y[1])
  for (i in 2:length(x)) {
    out <- rbind(out, data.frame(time = x[i], value = y[i - 1]))
    if (y[i] != y[i - 1]) out <- rbind(out, data.frame(time = x[i], value = y[i]))
  }
  out[!duplicated(out), ]
}
S <- list(); C <- list(); CR <- list()
for (k in 1:3) {
  f <- survfit(Surv(time, event) ~ 1, data = ipd[ipd$curve == k, ])
  x <- c(0, f$time); y <- 1 - c(1, f$surv)
  S[[k]] <- data.frame(curve = k, time = x, ci = y)
  m <- f$n.censor > 0
  C[[k]] <- data.frame(curve = k, time = f$time[m], ci = 1 - f$surv[m])
  CR[[k]] <- cbind(curve = k, corners(x, y))
}
S <- do.call(rbind, S); C <- do.call(rbind, C); CR <- do.call(rbind, CR)
S$grp <- factor(labs[S$curve], levels = labs); C$grp <- factor(labs[C$curve], levels = labs)
stopifnot(max(CR$value) < 0.5, max(CR$time) <= 10)

p <- ggplot(S, aes(time, ci, linetype = grp, colour = grp)) +
  geom_step(linewidth = 0.7) +
  geom_point(data = C, shape = "|", size = 2.2, show.legend = FALSE) +
  scale_linetype_manual(values = c("solid", "dashed", "dotdash"), name = NULL) +
  scale_colour_manual(values = c("black", "grey25", "grey40"), name = NULL) +
  scale_x_continuous(breaks = 0:10, limits = c(0, 10), expand = expansion(add = c(0.1, 0.25))) +
  scale_y_continuous(breaks = seq(0, 0.5, 0.1), labels = sprintf("%.1f", seq(0, 0.5, 0.1)),
                     limits = c(0, 0.5), expand = expansion(add = c(0.005, 0.01))) +
  labs(x = "Years from baseline", y = "Cumulative incidence of type 2 diabetes") +
  theme_classic(base_size = 12) +
  theme(legend.position = c(0.03, 0.97), legend.justification = c(0, 1),
        legend.key.width = unit(3.2, "lines"), legend.text = element_text(size = 11),
        legend.background = element_blank(),
        axis.text = element_text(colour = "black"))

if ("--check" %in% args) {
  dir.create(file.path(here, "check"), showWarnings = FALSE)
  p <- p + geom_point(data = CR, aes(time, value), inherit.aes = FALSE, colour = "magenta", size = 0.5)
  png(file.path(here, "check", "check_overlay.png"), width = 7, height = 5, units = "in", res = 150)
  print(p); invisible(dev.off()); quit(save = "no")
}
png(file.path(here, "figure.png"), width = 7, height = 5, units = "in", res = 96)
print(p); invisible(dev.off())

dir.create(file.path(here, "truth"), showWarnings = FALSE)
write.csv(ipd, file.path(here, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
CR$time <- round(CR$time, 4); CR$value <- round(CR$value, 6)
write.csv(CR, file.path(here, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 10], "y_range": [0, 0.5], "n_curves": 3, "x_unit": "years", "style": "ggplot2 theme_classic, greyscale rising cumulative incidence (1-KM), solid/dashed/dot-dash line types, | censor ticks, legend inside top-left"}',
           file.path(here, "truth", "meta.json"))
