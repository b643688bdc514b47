# ggplot2 KM with median marked by dashed guide lines + numbers-at-risk table (seed 1802)
suppressMessages({library(survival); library(ggplot2); library(grid)})
args <- commandArgs(trailingOnly = FALSE)
HERE <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
set.seed(1802)
mk <- function(n, med, k) {
  T <- rweibull(n, shape = 1.3, scale = med / log(2)^(1/1.3))
  C <- pmin(runif(n, 1, 11), 10)
  data.frame(curve = k, time = round(pmin(T, C), 2), event = as.integer(T <= C))
}
d <- rbind(mk(160, 3.1, 1), mk(155, 5.4, 2))
d$time[d$time <= 0] <- 0.01
d$arm <- factor(c("Chemotherapy", "Chemotherapy + antibody")[d$curve],
                levels = c("Chemotherapy", "Chemotherapy + antibody"))
fit <- survfit(Surv(time, event) ~ curve, data = d)
s <- summary(fit, censored = TRUE)
# corners
cr <- do.call(rbind, lapply(1:2, function(k) {
  sub <- d[d$curve == k, ]; f <- survfit(Surv(time, event) ~ 1, data = sub)
  tt <- f$time[f$n.event > 0]; sv <- f$surv[f$n.event > 0]
  prev <- c(1, head(sv, -1))
  x <- c(0, as.vector(rbind(tt, tt))); y <- c(1, as.vector(rbind(prev, sv)))
  if (max(sub$time) > max(tt)) { x <- c(x, max(sub$time)); y <- c(y, tail(sv, 1)) }
  data.frame(curve = k, time = x, value = y)
}))
step_df <- do.call(rbind, lapply(1:2, function(k) {
  sub <- d[d$curve == k, ]; f <- survfit(Surv(time, event) ~ 1, data = sub)
  data.frame(curve = k, time = c(0, f$time), surv = c(1, f$surv), cens = c(0, f$n.censor))
}))
step_df$arm <- factor(levels(d$arm)[step_df$curve], levels = levels(d$arm))
cens <- step_df[step_df$cens > 0, ]
meds <- summary(fit)$table[, "median"]
cols <- c("#C0392B", "#1F5F8B")
guide <- rbind(data.frame(x = 0, xend = max(meds), y = 0.5, yend = 0.5),
               data.frame(x = meds, xend = meds, y = 0.5, yend = 0))
p <- ggplot(step_df, aes(time, surv, colour = arm)) +
  geom_segment(data = guide, aes(x = x, xend = xend, y = y, yend = yend), inherit.aes = FALSE,
               linetype = "dashed", colour = "grey35", linewidth = 0.45) +
  geom_step(linewidth = 0.8) +
  geom_point(data = cens, shape = 3, size = 1.6, stroke = 0.6, show.legend = FALSE) +
  annotate("text", x = meds + 0.12, y = 0.03, hjust = 0, size = 3.1, colour = "grey25",
           label = sprintf("%.1f y", meds)) +
  scale_colour_manual(values = cols, name = NULL) +
  scale_x_continuous(breaks = 0:10, limits = c(0, 10), expand = expansion(add = c(0.1, 0.35))) +
  scale_y_continuous(breaks = seq(0, 1, 0.25), limits = c(0, 1), expand = expansion(add = 0.02)) +
  labs(x = "Years from randomisation", y = "Progression-free survival") +
  theme_bw(base_size = 11) +
  theme(legend.position = c(0.72, 0.88), legend.background = element_blank(),
        panel.grid.minor = element_blank(), legend.key = element_blank())
chk <- Sys.getenv("CHECK")
if (nchar(chk)) {
  tr <- read.csv(file.path(HERE, "truth/curves.csv"))
  p <- p + geom_point(data = tr, aes(time, value), inherit.aes = FALSE, colour = "green3", shape = 4, size = 0.8)
}
times <- seq(0, 10, 2)
rs <- summary(fit, times = times, extend = TRUE)
ar <- data.frame(curve = as.integer(sub("curve=", "", rs$strata)), time = rs$time, n_at_risk = rs$n.risk)
ar$arm <- factor(levels(d$arm)[ar$curve], levels = levels(d$arm))
tab <- ggplot(ar, aes(time, arm, label = n_at_risk, colour = arm)) + geom_text(size = 3.3, show.legend = FALSE) +
  scale_colour_manual(values = cols) +
  scale_x_continuous(breaks = 0:10, limits = c(0, 10), expand = expansion(add = c(0.1, 0.35))) +
  scale_y_discrete(limits = rev(levels(d$arm))) + labs(x = NULL, y = NULL, title = "Number at risk") + coord_cartesian(clip = "off") +
  theme_void(base_size = 10) +
  theme(axis.text.y = element_text(hjust = 1, size = 9, margin = margin(r = 12)), plot.title = element_text(size = 9.5, face = "bold"))
pdf(NULL)
g1 <- ggplotGrob(p); g2 <- ggplotGrob(tab)
g <- rbind(g1, g2, size = "max")
pr <- which(g$layout$name == "panel")
g$heights[g$layout$t[pr]] <- unit(c(3.9, 0.9), "null")
invisible(dev.off())
draw <- function() {
  grid.draw(g)
}
if (nchar(chk)) { png(chk, width = 7, height = 6, units = "in", res = 150); draw(); dev.off(); quit() }
pdf(file.path(HERE, "figure.pdf"), width = 7, height = 6); draw(); invisible(dev.off())
write.csv(cr, file.path(HERE, "truth/curves.csv"), row.names = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(HERE, "truth/ipd.csv"), row.names = FALSE)
write.csv(ar[, c("curve", "time", "n_at_risk")], file.path(HERE, "truth/at_risk.csv"), row.names = FALSE)
writeLines(sprintf('{"kind": "survival", "x_range": [0, 10], "y_range": [0, 1], "n_curves": 2, "x_unit": "years", "style": "ggplot2 theme_bw step curves with + censor marks, dashed median guide lines (horizontal at 0.5, vertical drops; medians %.2f and %.2f y), numbers-at-risk table below"}', meds[1], meds[2]),
           file.path(HERE, "truth/meta.json"))
