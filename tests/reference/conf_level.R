# Intervals at a 90% confidence level (conf_level = 0.9 in analysis.stats), one case of
# each kind: paired t and Wilcoxon signed-rank (Hodges-Lehmann), Welch and Mann-Whitney,
# ANCOVA, Wilson and Clopper-Pearson proportions, prop.test's difference, logistic
# regression (Wald), Kaplan-Meier (log-log), Cox (Efron) and GEE (robust Wald).
# Run: Rscript conf_level.R (reads the *_input.csv beside it, writes conf_level.csv).
suppressPackageStartupMessages({library(survival); library(geepack)})
level <- 0.9
rows <- list()
put <- function(topic, case, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(topic = topic, case = case, quantity = quantity, value = unname(value))
}
interval <- function(topic, case, estimate, ci) {
  put(topic, case, "estimate", estimate); put(topic, case, "ci_low", ci[1]); put(topic, case, "ci_high", ci[2])
}
quiet <- function(x) suppressWarnings(x)

p <- read.csv("paired_input.csv"); p <- p[p$case == "n30_continuous", ]
h <- t.test(p$after, p$before, paired = TRUE, conf.level = level)
interval("paired_t", "n30_continuous", h$estimate, h$conf.int)
h <- quiet(wilcox.test(p$after, p$before, paired = TRUE, conf.int = TRUE, conf.level = level, tol.root = 1e-12))
interval("signed_rank", "n30_continuous", h$estimate, h$conf.int)

g <- read.csv("groups_input.csv")
for (cs in c("exact_small", "large")) {
  d <- g[g$case == cs, ]; lv <- unique(d$group)
  x <- d$value[d$group == lv[1]]; y <- d$value[d$group == lv[2]]
  h <- t.test(x, y, conf.level = level)
  interval("welch", cs, mean(x) - mean(y), h$conf.int)
  h <- quiet(wilcox.test(x, y, conf.int = TRUE, conf.level = level, tol.root = 1e-12))
  interval("rank_sum", cs, h$estimate, h$conf.int)
}
d <- g[g$case == "large", ]
d$group <- relevel(factor(d$group), ref = "pathologic")
fit <- lm(value ~ baseline + group, data = d)
interval("ancova", "large", coef(fit)["grouposteoporotic"], confint(fit, level = level)["grouposteoporotic", ])

for (cn in list(c(12, 40), c(3, 25), c(0, 10))) {
  cs <- sprintf("%d_%d", cn[1], cn[2])
  interval("wilson", cs, cn[1] / cn[2], quiet(prop.test(cn[1], cn[2], correct = FALSE, conf.level = level))$conf.int)
  interval("clopper_pearson", cs, cn[1] / cn[2], binom.test(cn[1], cn[2], conf.level = level)$conf.int)
}
for (correct in c(FALSE, TRUE)) {
  h <- quiet(prop.test(c(12, 20), c(40, 41), correct = correct, conf.level = level))
  interval(if (correct) "prop_test_difference_corrected" else "prop_test_difference", "12_40_20_41",
           h$estimate[1] - h$estimate[2], h$conf.int)
}

lg <- read.csv("logistic_input.csv")
lg$technique <- factor(lg$technique, levels = c("vertebroplasty", "kyphoplasty"))
fit <- glm(leak ~ volume + technique, family = binomial, data = lg, control = glm.control(epsilon = 1e-14, maxit = 100))
ci <- exp(confint.default(fit, level = level))
for (term in c("volume", "techniquekyphoplasty")) interval("logistic", term, exp(coef(fit)[term]), ci[term, ])

s <- read.csv("survival_input.csv")
s$fx <- as.integer(s$status %in% c(1, 2))
km <- summary(survfit(Surv(time, fx) ~ group, data = s, conf.type = "log-log", conf.int = level), times = c(90, 180, 365))
for (i in seq_along(km$time)) {
  cs <- sprintf("%s_%g", sub("group=", "", km$strata[i]), km$time[i])
  interval("kaplan_meier", cs, km$surv[i], c(km$lower[i], km$upper[i]))
}
cx <- summary(coxph(Surv(time, fx) ~ age + bmd + steroid + volume, data = s, ties = "efron"), conf.int = level)
for (nm in rownames(cx$conf.int)) interval("cox", nm, cx$conf.int[nm, "exp(coef)"], cx$conf.int[nm, 3:4])

ge <- read.csv("gee_input.csv")
ge$id <- as.integer(factor(ge$patient_id, levels = unique(ge$patient_id)))
leak <- geeglm(any_leakage ~ kyphoplasty, id = id, data = ge[!is.na(ge$any_leakage), ], family = binomial, corstr = "exchangeable")
co <- summary(leak)$coefficients["kyphoplasty", ]
interval("gee", "kyphoplasty", co[["Estimate"]], co[["Estimate"]] + c(-1, 1) * qnorm(1 - (1 - level) / 2) * co[["Std.err"]])

header <- sprintf("# %s; survival %s; geepack %s; conf.level %g", R.version.string, packageVersion("survival"),
                  packageVersion("geepack"), level)
writeLines(header, "conf_level.csv")
suppressWarnings(write.table(do.call(rbind, rows), "conf_level.csv", sep = ",", row.names = FALSE, append = TRUE))
