# coxph.fit (Efron ties) on 1,000 subjects whose fit converges in two Newton steps with
# a log likelihood, at the second, equal to the first's to the last bits: coxph.fit
# tests convergence before it considers halving a step, so it returns the second
# Newton iterate. The input (whole-day times with many ties, one normal covariate) was
# written by numpy (default_rng(445): x normal, time ceiling(exponential(3)), event
# uniform < 0.8), the covariate to 17 significant digits.
# Run: Rscript cox_convergence.R (reads cox_convergence_input.csv, writes
# cox_convergence.csv).
suppressPackageStartupMessages(library(survival))
d <- read.csv("cox_convergence_input.csv")
fit <- coxph.fit(as.matrix(d[, "x", drop = FALSE]), Surv(d$time, d$event), strata = NULL,
                 offset = NULL, init = NULL, control = coxph.control(), weights = NULL,
                 method = "efron", rownames = NULL)
out <- data.frame(
  quantity = c("coef", "variance", "loglik_null", "loglik", "iterations"),
  value = c(unname(fit$coefficients), fit$var[1, 1], fit$loglik, fit$iter)
)
header <- sprintf("# %s; survival %s", R.version.string, packageVersion("survival"))
writeLines(header, "cox_convergence.csv")
suppressWarnings(write.table(format(out, digits = 17), "cox_convergence.csv", sep = ",", row.names = FALSE,
            append = TRUE, quote = FALSE))
