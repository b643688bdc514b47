# Rising cumulative incidence (1 - KM) drawn with ggplot2 geom_step and written by R's svg()
# device (cairo: text becomes glyph outlines). Two colour curves, percent y axis 0-40%,
# theme_bw grid, legend inside the plot, '|' censor marks.
suppressMessages({library(survival); library(ggplot2)})
args <- commandArgs(TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), showWarnings = FALSE, recursive = TRUE)
set.seed(4040)
mk <- function(n, rate, k) {
  ev <- rweibull(n, shape = 0.9, scale = 1 / rate)
  cs <- runif(n, 12, 36); cs[runif(n) < 0.2] <- 36
  t <- round(pmin(ev, cs), 2); t[t == 0] <- 0.01
  data.frame(curve = k, time = t, event = as.integer(ev <= cs))
}
d <- rbind(mk(260, 0.0060, 1), mk(240, 0.0100, 2))
for (k in 1:2) cat("curve", k, "events", sum(d$event[d$curve == k]), "/", sum(d$curve == k), "\n")
labs <- c("Vertebroplasty", "Sham procedure")
cur <- do.call(rbind, lapply(1:2, function(k) {
  dk <- d[d$curve == k, ]; f <- survfit(Surv(time, event) ~ 1, data = dk)
  i <- f$n.event > 0
  data.frame(curve = k, time = c(0, f$time[i], max(dk$time)),
             value = 1 - c(1, f$surv[i], tail(f$surv, 1)))
}))
stopifnot(max(cur$value) < 0.4)
cur$group <- factor(labs[cur$curve], levels = labs)
cm <- do.call(rbind, lapply(1:2, function(k) {
  dk <- d[d$curve == k & d$event == 0, ]; ck <- cur[cur$curve == k, ]
  ts <- unique(dk$time)
  v <- sapply(ts, function(u) ck$value[max(which(ck$time <= u))])
  data.frame(time = ts, value = v, group = factor(labs[k], levels = labs))
}))
p <- ggplot(cur, aes(time, 100 * value, colour = group)) +
  geom_step(linewidth = 0.8) +
  geom_point(data = cm, shape = "|", size = 2.2) +
  scale_colour_manual(values = c("#0072B2", "#D55E00"), name = NULL) +
  scale_x_continuous(breaks = seq(0, 36, 6), limits = c(0, 36), expand = expansion(mult = c(0.01, 0.02))) +
  scale_y_continuous(breaks = seq(0, 40, 10), labels = function(x) paste0(x, "%"), limits = c(0, 40),
                     expand = expansion(mult = c(0, 0.02))) +
  labs(x = "Months after vertebroplasty", y = "Cumulative incidence of new fracture",
       title = "Cumulative incidence of new vertebral fracture") +
  theme_bw(base_size = 12) +
  theme(legend.position = c(0.03, 0.97), legend.justification = c(0, 1),
        legend.background = element_rect(colour = "grey70"), plot.title = element_text(size = 12))
svg(file.path(out, "figure.svg"), width = 7, height = 5)
print(p)
invisible(dev.off())
write.csv(cur[, c("curve", "time", "value")], file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(d, file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 36], "y_range": [0, 40], "n_curves": 2, "x_unit": "months", "style": "ggplot2 rising cumulative incidence, 2 colour curves, | censor marks, theme_bw grid, legend inside top-left, percent y axis 0-40%, SVG from R svg() (cairo, text as glyph paths)"}',
           file.path(out, "truth/meta.json"))
print(tapply(cur$value, cur$curve, max))
