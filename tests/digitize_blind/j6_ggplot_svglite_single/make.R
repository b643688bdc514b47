# ggplot2 single KM curve with "+" censor marks, zoomed percent y axis (50-100%),
# heavy censoring and tied (whole-month) times, theme_bw grid. SVG via svglite.
suppressMessages({library(survival); library(ggplot2); library(svglite)})
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(606)
n <- 260
t <- rexp(n, 1/110)
c <- pmin(runif(n, 1, 60), rexp(n, 1/30))          # heavy censoring: staggered entry + dropout
time <- pmax(ceiling(pmin(t, c)), 1)                   # whole months -> ties
event <- as.integer(t <= c)
d <- data.frame(time = time, event = event)
fit <- survfit(Surv(time, event) ~ 1, data = d)

tt <- c(0, fit$time); sv <- c(1, fit$surv)
line <- data.frame(x = tt, y = sv)
cens <- data.frame(x = fit$time[fit$n.censor > 0], y = fit$surv[fit$n.censor > 0])
p <- ggplot(line, aes(x, y)) +
  geom_step(direction = "hv", linewidth = 0.7, colour = "#1b3a6b") +
  geom_point(data = cens, shape = 3, size = 2, colour = "#1b3a6b") +
  scale_x_continuous(breaks = seq(0, 60, 12), limits = c(0, 60)) +
  scale_y_continuous(breaks = seq(0.5, 1, 0.1), labels = paste0(seq(50, 100, 10), "%")) +
  coord_cartesian(ylim = c(0.5, 1)) +
  labs(x = "Months after vertebroplasty", y = "Fracture-free survival (%)",
       title = "Freedom from new vertebral fracture (n = 260)") +
  theme_bw(base_size = 11)
svglite(file.path(out, "figure.svg"), width = 6, height = 4.5)
print(p)
invisible(dev.off())

ev <- fit$n.event > 0
t2 <- c(0, fit$time[ev]); v2 <- c(1, fit$surv[ev])
if (tail(t2, 1) < max(fit$time)) { t2 <- c(t2, max(fit$time)); v2 <- c(v2, tail(v2, 1)) }
write.csv(data.frame(curve = 1, time = t2, value = round(v2, 6)), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = 1, time = d$time, event = d$event), file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 60], "y_range": [50, 100], "n_curves": 1, "x_unit": "months", "style": "one line"}',
           file.path(out, "truth/meta.json"))
