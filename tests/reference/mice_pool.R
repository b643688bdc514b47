# Rubin's rules as mice::pool + summary(pool(fit), conf.int = TRUE) report them, on m = 5
# data sets completed by mice (predictive mean matching for numbers, logistic regression
# for sex; the Nelson-Aalen cumulative hazard and the event indicator, not the time, in
# the imputation model, White & Royston 2009). Analyses: Cox (Efron ties), Cox with a
# cluster-robust variance (mice pools the robust SE), ANCOVA by lm, logistic glm, a mean
# change (lm on the paired difference with intercept only: the paired t-test), a two-group
# difference (lm on the group: the Student t-test), and a gaussian GEE (geepack). Every
# pooled column: estimate, std.error, statistic, df, p.value, conf.low, conf.high, riv,
# lambda, fmi, ubar, b, t, dfcom, m; and fmi_dfcom_inf, mice's fmi with dfcom = Inf (Rubin's
# large-sample fraction of missing information: with a finite dfcom mice's fmi cannot fall below
# 2 / (df + 3), even for a term with nothing missing, such as age here).
# Run: Rscript mice_pool.R (writes mice_pool_input.csv, the complete(imp, "long") sets, and
# mice_pool.csv).
suppressPackageStartupMessages({library(mice); library(survival); library(geepack)})
set.seed(20261121)
n <- 100
d <- data.frame(
  centre = sample(c("A", "B", "C", "D"), n, replace = TRUE),
  age_years = round(rnorm(n, 72, 9)),
  sex = factor(sample(c("female", "male"), n, replace = TRUE, prob = c(0.7, 0.3)), c("female", "male")),
  bmd_t = round(rnorm(n, -2.8, 0.9), 1),
  technique = factor(sample(c("vertebroplasty", "kyphoplasty"), n, replace = TRUE),
                     c("vertebroplasty", "kyphoplasty"))
)
d$vas_pre <- round(pmin(10, pmax(0, rnorm(n, 7.5, 1.2))), 1)
d$vas_1m <- round(pmin(10, pmax(0, 0.5 * d$vas_pre - 0.6 * (d$technique == "kyphoplasty") +
                                 0.04 * (d$age_years - 72) + rnorm(n, 0, 1.3))), 1)
haz <- 1 / 900 * exp(0.03 * (d$age_years - 72) - 0.5 * (d$bmd_t + 2.8) + 0.4 * (d$sex == "male"))
t_event <- rexp(n, haz)
t_cens <- runif(n, 200, 1500)
d$time <- pmax(1, round(pmin(t_event, t_cens)))
d$event <- as.integer(t_event <= t_cens)
d$leak <- rbinom(n, 1, plogis(-0.8 + 0.04 * (d$age_years - 72) - 0.4 * (d$bmd_t + 2.8)))
# missing at random: BMD more often missing in the old, the 1-month pain when baseline pain
# was low, sex now and then
d$bmd_t[runif(n) < plogis(-1.6 + 0.08 * (d$age_years - 72))] <- NA
d$vas_1m[runif(n) < plogis(-1.5 - 0.6 * (d$vas_pre - 7.5))] <- NA
d$sex[runif(n) < 0.08] <- NA
d$cumhaz <- nelsonaalen(d, time, event)
pred <- make.predictorMatrix(d)
pred[, c("time", "centre")] <- 0
imp <- mice(d, m = 5, maxit = 10, seed = 20261121, predictorMatrix = pred, printFlag = FALSE)
long <- complete(imp, "long", include = TRUE)  # .imp 0: the data with their missing values
write.csv(long[, c(".imp", ".id", setdiff(names(d), "cumhaz"))], "mice_pool_input.csv", row.names = FALSE)
# fit on the data as written (what the Python side reads)
back <- read.csv("mice_pool_input.csv")
back$sex <- factor(back$sex, c("female", "male"))
back$technique <- factor(back$technique, c("vertebroplasty", "kyphoplasty"))
back$cid <- as.integer(factor(back$centre))
sets <- split(back[back$.imp > 0, ], back$.imp[back$.imp > 0])
each <- function(f) as.mira(lapply(sets, f))
fits <- list(
  cox = each(function(x) coxph(Surv(time, event) ~ age_years + bmd_t + sex, data = x, ties = "efron")),
  cox_cluster = each(function(x) coxph(Surv(time, event) ~ age_years + bmd_t, data = x, cluster = centre)),
  ancova = each(function(x) lm(vas_1m ~ vas_pre + technique, data = x)),
  # iterated to full convergence (glm stops at a relative deviance change of 1e-8 by default)
  logistic = each(function(x) glm(leak ~ age_years + bmd_t + sex, family = binomial, data = x,
                                  control = glm.control(epsilon = 1e-14, maxit = 100))),
  mean_change = each(function(x) lm(I(vas_1m - vas_pre) ~ 1, data = x)),
  two_group = each(function(x) lm(vas_1m ~ technique, data = x)),
  gee = each(function(x) geeglm(vas_1m ~ vas_pre + technique, id = cid, data = x[order(x$cid), ],
                                family = gaussian, corstr = "exchangeable"))
)
cols <- c("estimate", "std.error", "statistic", "df", "p.value", "2.5 %", "97.5 %", "riv",
          "lambda", "fmi", "ubar", "b", "t", "dfcom", "m")
rows <- list()
for (a in names(fits)) {
  s <- summary(pool(fits[[a]]), conf.int = TRUE, type = "all")
  for (i in seq_len(nrow(s))) for (q in cols) {
    rows[[length(rows) + 1]] <- data.frame(analysis = a, term = as.character(s$term[i]),
      quantity = sub("2.5 %", "conf.low", sub("97.5 %", "conf.high", q, fixed = TRUE), fixed = TRUE),
      value = as.numeric(s[[q]][i]))
  }
  big <- summary(pool(fits[[a]], dfcom = Inf), type = "all")
  for (i in seq_len(nrow(big))) {
    rows[[length(rows) + 1]] <- data.frame(analysis = a, term = as.character(big$term[i]),
      quantity = "fmi_dfcom_inf", value = big$fmi[i])
  }
}
# the survival predictor of the imputation model, per subject
rows[[length(rows) + 1]] <- data.frame(analysis = "nelsonaalen", term = as.character(seq_len(n)),
                                       quantity = "cumhaz", value = d$cumhaz)
# the missing-data patterns: one row per pattern (its count), 1 observed / 0 missing per
# variable, the variables missing in it; the last row the missing values per variable
pat <- md.pattern(d[, setdiff(names(d), "cumhaz")], plot = FALSE)
for (i in seq_len(nrow(pat))) for (j in seq_len(ncol(pat))) {
  rows[[length(rows) + 1]] <- data.frame(analysis = "md.pattern",
    term = if (i < nrow(pat)) paste0("pattern", i, ":", rownames(pat)[i]) else "total",
    quantity = if (colnames(pat)[j] == "") "n_missing" else colnames(pat)[j], value = pat[i, j])
}
out <- do.call(rbind, rows)
con <- file("mice_pool.csv", "w")
writeLines(sprintf("# %s; mice %s; survival %s; geepack %s", R.version.string, packageVersion("mice"),
                   packageVersion("survival"), packageVersion("geepack")), con)
write.csv(within(out, value <- sprintf("%.17g", value)), con, row.names = FALSE, quote = c(1, 2, 3))
close(con)
