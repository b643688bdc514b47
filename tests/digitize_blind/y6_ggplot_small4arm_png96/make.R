# Small (400x300 px, 96 dpi) ggplot2 KM with four arms, percent y axis zoomed to 50-100% (seed 1806)
suppressMessages({library(survival); library(ggplot2)})
args <- commandArgs(trailingOnly = FALSE)
HERE <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
set.seed(1806)
arms <- c("Stage I", "Stage II", "Stage IIIA", "Stage IIIB")
ns <- c(84, 112, 97, 90); rates <- c(0.0035, 0.0065, 0.0105, 0.0150)
d <- do.call(rbind, lapply(1:4, function(k) {
  T <- rexp(ns[k], rates[k]); C <- pmin(runif(ns[k], 6, 60), 48)
  data.frame(curve = k, time = round(pmin(T, C), 1), event = as.integer(T <= C))
}))
d$time[d$time <= 0] <- 0.1
cr <- do.call(rbind, lapply(1:4, function(k) {
  f <- survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ])
  tt <- f$time[f$n.event > 0]; sv <- f$surv[f$n.event > 0]; prev <- c(1, head(sv, -1))
  x <- c(0, as.vector(rbind(tt, tt))); y <- c(1, as.vector(rbind(prev, sv)))
  if (max(f$time) > max(tt)) { x <- c(x, max(f$time)); y <- c(y, tail(sv, 1)) }
  data.frame(curve = k, time = x, value = y)
}))
st <- do.call(rbind, lapply(1:4, function(k) {
  f <- survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ])
  data.frame(curve = k, time = c(0, f$time), surv = c(1, f$surv), nc = c(0, f$n.censor))
}))
st$arm <- factor(arms[st$curve], levels = arms)
p <- ggplot(st, aes(time, surv, colour = arm)) + geom_step(linewidth = 0.55) +
  geom_point(data = st[st$nc > 0, ], shape = 3, size = 0.8, show.legend = FALSE) +
  scale_y_continuous(labels = function(v) paste0(v * 100, "%"), breaks = seq(0.5, 1, 0.1)) +
  scale_x_continuous(breaks = seq(0, 48, 12)) +
  coord_cartesian(ylim = c(0.5, 1), xlim = c(0, 48)) +
  labs(x = "Months", y = "Overall survival", colour = NULL) +
  theme_classic(base_size = 8) +
  theme(legend.position = c(0.18, 0.25), legend.key.height = unit(7, "pt"),
        legend.text = element_text(size = 6.5), legend.background = element_blank())
chk <- Sys.getenv("CHECK")
if (nchar(chk)) {
  tr <- read.csv(file.path(HERE, "truth/curves.csv"))
  p <- p + geom_point(data = tr, aes(time, value), inherit.aes = FALSE, colour = "black", size = 0.25)
  png(chk, width = 800, height = 600, res = 192); print(p); invisible(dev.off()); quit()
}
png(file.path(HERE, "figure.png"), width = 400, height = 300, res = 96); print(p); invisible(dev.off())
write.csv(cr, file.path(HERE, "truth/curves.csv"), row.names = FALSE)
write.csv(d, file.path(HERE, "truth/ipd.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 48], "y_range": [50, 100], "n_curves": 4, "x_unit": "months", "style": "small 400x300 px ggplot2 theme_classic, four default-hue arms, tiny + censor marks, percent y axis zoomed to 50-100%, legend inside lower left"}',
           file.path(HERE, "truth/meta.json"))
