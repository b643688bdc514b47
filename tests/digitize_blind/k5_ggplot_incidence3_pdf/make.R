suppressMessages({library(survival); library(ggplot2)})
args <- commandArgs(TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), showWarnings = FALSE, recursive = TRUE)
set.seed(705)
fu <- 48
sim <- function(n, rate) {  # follow-up recorded in whole months -> many tied times
  T <- rexp(n, rate); C <- runif(n, 18, fu)
  t <- pmax(ceiling(pmin(T, C)), 1); data.frame(time = t, event = as.integer(T <= C))
}
d <- rbind(cbind(curve = 1, sim(300, 0.004)), cbind(curve = 2, sim(250, 0.008)), cbind(curve = 3, sim(150, 0.012)))
labs <- c("T-score > -2.5", "T-score -2.5 to -3.5", "T-score < -3.5")
cv <- NULL
for (k in 1:3) {
  s <- survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ])
  ev <- s$n.event > 0
  cc <- data.frame(curve = k, time = c(0, s$time[ev]), value = c(0, 1 - s$surv[ev]))
  mx <- max(s$time); if (mx > max(cc$time)) cc <- rbind(cc, data.frame(curve = k, time = mx, value = tail(cc$value, 1)))
  cv <- rbind(cv, cc)
}
pd <- cv; pd$group <- factor(labs[pd$curve], levels = labs)
p <- ggplot(pd, aes(time, 100 * value, colour = group)) +
  geom_step(linewidth = 0.8, direction = "hv") +
  scale_x_continuous(breaks = seq(0, fu, 12), limits = c(0, fu), expand = c(0, 0)) +
  scale_y_continuous(breaks = seq(0, 60, 10), limits = c(0, 60), expand = c(0, 0),
                     labels = function(x) paste0(x, "%")) +
  scale_colour_manual(values = c("#1B9E77", "#7570B3", "#D95F02")) +
  labs(x = "Months after vertebroplasty", y = "Cumulative incidence of new vertebral fracture",
       colour = "Baseline bone density", title = "Cumulative incidence of new fracture by baseline T-score") +
  theme_bw(base_size = 11) +
  theme(legend.position = c(0.02, 0.98), legend.justification = c(0, 1),
        legend.background = element_rect(colour = "grey70", linewidth = 0.3),
        panel.grid.minor = element_blank(), plot.title = element_text(size = 11, face = "bold"))
ggsave(file.path(out, "figure.pdf"), p, width = 6.5, height = 4.8)
write.csv(cv, file.path(out, "truth/curves.csv"), row.names = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 48], "y_range": [0, 60], "n_curves": 3, "x_unit": "months", "style": "ggplot2 theme_bw rising cumulative incidence (1-KM), three colour curves, percent y axis, legend box inside top-left, whole-month tied times, vector PDF"}', file.path(out, "truth/meta.json"))
print(aggregate(event ~ curve, d, mean)); print(aggregate(value ~ curve, cv, max))
