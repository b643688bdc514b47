# Rubin's rules for the fixed effects of a linear mixed model (random intercept per patient,
# REML), as mice::pool + summary(pool(fit), conf.int = TRUE, type = "all") report them for
# lme4::lmer fits. mice reads an lmer fit through broom.mixed's tidy(effects = "fixed") and
# glance(); broom.mixed is not installed here, so the two methods are registered below with
# what broom.mixed returns: term, estimate and std.error of each fixed effect, and
# df.residual = lme4's df.residual (observations minus the fixed effects, the random-intercept
# variance and the residual variance), which mice takes as dfcom. pool.scalar on the same
# estimates and variances is written beside as a second check of the arithmetic.
# Data: 60 patients, pain before and at 1, 3 and 12 months, follow-up scores missing at random
# (given age and baseline pain), imputed by mice in the wide layout (pmm, m = 5), then each
# completed set fitted in the long layout. lmer is converged tightly (bobyqa, rhoend 1e-12),
# so its fits are the REML optimum (they agree with nlme::lme to 1e-8).
# Run: Rscript mice_pool_mixed.R (writes mice_pool_mixed_input.csv, the completed sets in
# the long layout with .imp 0 the data with their missing values, and mice_pool_mixed.csv).
suppressPackageStartupMessages({library(mice); library(lme4)})
set.seed(20261205)
n <- 60
w <- data.frame(patient_id = sprintf("P%03d", seq_len(n)), age_years = round(rnorm(n, 72, 9)))
u <- rnorm(n, 0, 1.2)
w$pain_pre <- round(7.5 + u + rnorm(n, 0, 1), 1)
w$pain_1m <- round(3.0 + u + 0.03 * (w$age_years - 72) + rnorm(n, 0, 1), 1)
w$pain_3m <- round(2.6 + u + rnorm(n, 0, 1), 1)
w$pain_12m <- round(2.4 + u + rnorm(n, 0, 1), 1)
w$pain_1m[runif(n) < plogis(-1.5 + 0.08 * (w$age_years - 72))] <- NA
w$pain_3m[runif(n) < plogis(-1.2 - 0.5 * (w$pain_pre - 7.5))] <- NA
w$pain_12m[runif(n) < plogis(-0.8 + 0.05 * (w$age_years - 72))] <- NA
w$pain_pre[runif(n) < 0.05] <- NA
pred <- make.predictorMatrix(w); pred[, "patient_id"] <- 0
meth <- make.method(w); meth["patient_id"] <- ""
imp <- mice(w, m = 5, maxit = 10, seed = 20261205, predictorMatrix = pred, method = meth,
            printFlag = FALSE)
long <- complete(imp, "long", include = TRUE)
tps <- c("pre", "1m", "3m", "12m")
melted <- do.call(rbind, lapply(tps, function(tp) data.frame(.imp = long$.imp,
  patient_id = long$patient_id, timepoint = tp, value = long[[paste0("pain_", tp)]])))
melted <- melted[order(melted$.imp, melted$patient_id, match(melted$timepoint, tps)), ]
write.csv(melted, "mice_pool_mixed_input.csv", row.names = FALSE)
# fit on the data as written (what the Python side reads)
back <- read.csv("mice_pool_mixed_input.csv")
back$timepoint <- factor(back$timepoint, levels = tps)
sets <- split(back[back$.imp > 0, ], back$.imp[back$.imp > 0])
ctl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 0.2, rhoend = 1e-12, maxfun = 1e5))
fits <- lapply(sets, function(x) lmer(value ~ timepoint + (1 | patient_id), data = x,
                                      REML = TRUE, control = ctl))
# broom.mixed's tidy(effects = "fixed") and glance() of an lmerMod, as mice calls them
registerS3method("tidy", "lmerMod", function(x, ...) {
  data.frame(term = names(fixef(x)), estimate = unname(fixef(x)),
             std.error = unname(sqrt(diag(as.matrix(vcov(x))))))
}, envir = asNamespace("generics"))
registerS3method("glance", "lmerMod", function(x, ...) {
  data.frame(nobs = nobs(x), sigma = sigma(x), df.residual = df.residual(x))
}, envir = asNamespace("generics"))
s <- summary(pool(as.mira(fits)), conf.int = TRUE, type = "all")
cols <- c("estimate", "std.error", "statistic", "df", "p.value", "2.5 %", "97.5 %", "riv",
          "lambda", "fmi", "ubar", "b", "t", "dfcom", "m")
rows <- list()
put <- function(analysis, term, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, term = term, quantity = quantity,
                                          value = value)
}
for (i in seq_len(nrow(s))) for (q in cols) {
  put("lmer", as.character(s$term[i]),
      sub("2.5 %", "conf.low", sub("97.5 %", "conf.high", q, fixed = TRUE), fixed = TRUE),
      as.numeric(s[[q]][i]))
}
# the large-sample fraction of missing information: mice's fmi with dfcom = Inf
big <- summary(pool(as.mira(fits), dfcom = Inf), type = "all")
for (i in seq_len(nrow(big))) put("lmer", as.character(big$term[i]), "fmi_dfcom_inf", big$fmi[i])
# pool.scalar on the same estimates and variances, dfcom = n - k
dfcom <- df.residual(fits[[1]])
for (term in names(fixef(fits[[1]]))) {
  q <- sapply(fits, function(f) fixef(f)[[term]])
  u <- sapply(fits, function(f) as.matrix(vcov(f))[term, term])
  ps <- pool.scalar(q, u, n = dfcom + 1, k = 1)
  put("pool.scalar", term, "qbar", ps$qbar); put("pool.scalar", term, "t", ps$t)
  put("pool.scalar", term, "df", ps$df); put("pool.scalar", term, "fmi", ps$fmi)
}
out <- do.call(rbind, rows)
con <- file("mice_pool_mixed.csv", "w")
writeLines(sprintf("# %s; mice %s; lme4 %s", R.version.string, packageVersion("mice"),
                   packageVersion("lme4")), con)
write.csv(within(out, value <- sprintf("%.17g", value)), con, row.names = FALSE, quote = c(1, 2, 3))
close(con)
