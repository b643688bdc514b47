# ggplot2 (default grey theme) Kaplan-Meier plot of four coloured arms, percent y axis, "+" censor
# marks; arms 1 (Control) and 2 (Induction) cross twice. Written as SVG with svglite.
suppressMessages({library(survival); library(ggplot2)})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
set.seed(1608)

# piecewise-exponential event times: rates[j] on [cuts[j], cuts[j+1])
rpw <- function(n, cuts, rates) {
  out <- numeric(n)
  for (i in 1:n) {
    t <- 0; j <- 1
    repeat {
      e <- rexp(1, rates[j])
      end <- if (j < length(cuts)) cuts[j + 1] else Inf
      if (t + e < end) { out[i] <- t + e; break }
      t <- end; j <- j + 1
    }
  }
  out
}
arms <- c("Control", "Induction", "Maintenance", "Combination")
n <- c(220, 230, 180, 200)
ev <- list(
  rpw(n[1], c(0), c(0.030)),                                # Control: constant hazard
  rpw(n[2], c(0, 5, 30), c(0.11, 0.0015, 0.11)),           # Induction: early toxicity, plateau, late relapse
  rpw(n[3], c(0, 24), c(0.003, 0.02)),                      # Maintenance: low early, higher later
  rpw(n[4], c(0, 20), c(0.010, 0.004)))                     # Combination: best
ipd <- NULL
for (k in 1:4) {
  adm <- runif(n[k], 24, 48)
  lost <- rexp(n[k], 1 / 250)
  cens <- pmin(adm, lost)
  t <- round(pmin(ev[[k]], cens), 2)
  ipd <- rbind(ipd, data.frame(curve = k, time = t, event = as.integer(ev[[k]] <= cens)))
}

corners <- function(d) {
  f <- survfit(Surv(time, event) ~ 1, data = d)
  tt <- 0; vv <- 1; s <- 1
  for (i in seq_along(f$time)) if (f$n.event[i] > 0) {
    tt <- c(tt, f$time[i], f$time[i]); vv <- c(vv, s, f$surv[i]); s <- f$surv[i]
  }
  if (max(d$time) > tail(tt, 1)) { tt <- c(tt, max(d$time)); vv <- c(vv, s) }
  data.frame(time = tt, value = vv)
}
stepval <- function(cr, t) sapply(t, function(x) tail(cr$value[cr$time <= x], 1))

truth <- NULL; cens <- NULL
for (k in 1:4) {
  d <- ipd[ipd$curve == k, ]
  cr <- corners(d)
  truth <- rbind(truth, data.frame(curve = k, cr))
  ct <- sort(unique(d$time[d$event == 0]))
  cens <- rbind(cens, data.frame(curve = k, time = ct, value = stepval(cr, ct)))
}
truth$arm <- factor(arms[truth$curve], levels = arms)
cens$arm <- factor(arms[cens$curve], levels = arms)

# crossings of Control vs Induction on a fine grid (report only)
g <- seq(0.5, 47.5, by = 0.05)
dd <- stepval(truth[truth$curve == 1, ], g) - stepval(truth[truth$curve == 2, ], g)
sg <- sign(dd[dd != 0]); cat("sign changes Control-Induction:", sum(diff(sg) != 0), "\n")
print(g[which(diff(sign(dd)) != 0)])

cols <- c("#E41A1C", "#377EB8", "#4DAF4A", "#984EA3")
p <- ggplot(truth, aes(time, 100 * value, colour = arm)) +
  geom_path(linewidth = 0.7) +
  geom_point(data = cens, shape = 3, size = 1.6, stroke = 0.5, show.legend = FALSE) +
  scale_colour_manual(values = cols, name = "Arm") +
  scale_x_continuous(breaks = seq(0, 48, 12), limits = c(0, 48)) +
  scale_y_continuous(breaks = seq(0, 100, 25), limits = c(0, 100), labels = function(x) paste0(x, "%")) +
  labs(x = "Time from randomisation (months)", y = "Event-free survival",
       title = "Event-free survival by treatment arm") +
  theme_grey(base_size = 12) +
  theme(legend.position = c(0.01, 0.02),
        legend.justification = c(0, 0), legend.background = element_rect(fill = "white", colour = "grey60"),
        legend.key.width = unit(1.4, "lines"))
ggsave(file.path(here, "figure.svg"), p, width = 7.5, height = 5.2, device = svglite::svglite)

dir.create(file.path(here, "truth"), showWarnings = FALSE)
write.csv(truth[, c("curve", "time", "value")], file.path(here, "truth", "curves.csv"), row.names = FALSE)
write.csv(ipd, file.path(here, "truth", "ipd.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 48], "y_range": [0, 100], "n_curves": 4, "x_unit": "months",
 "style": "ggplot2 default grey theme, four coloured arms (Control and Induction cross twice), percent y axis, + censor marks, boxed legend inside lower left, SVG"}',
           file.path(here, "truth", "meta.json"))
print(aggregate(value ~ curve, truth, min)); print(aggregate(time ~ curve, ipd, max))
print(table(ipd$curve, ipd$event))
