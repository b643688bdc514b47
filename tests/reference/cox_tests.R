# The three global tests coxph prints (likelihood ratio, Wald, score), each with df and p.
# Run: Rscript cox_tests.R (reads survival_input.csv, writes cox_tests.csv).
suppressPackageStartupMessages(library(survival))
d <- read.csv("survival_input.csv")
d$fx <- as.integer(d$status %in% c(1, 2))
fit <- coxph(Surv(time, fx) ~ age + bmd + steroid + volume, data = d, ties = "efron")
sm <- summary(fit)
wald <- unname(fit$wald.test)  # summary() rounds the Wald statistic to 2 decimals
out <- data.frame(test = c("likelihood_ratio", "wald", "score"),
                  statistic = c(sm$logtest["test"], wald, sm$sctest["test"]),
                  df = c(sm$logtest["df"], sm$waldtest["df"], sm$sctest["df"]),
                  p_value = c(sm$logtest["pvalue"], pchisq(wald, sm$waldtest["df"], lower.tail = FALSE), sm$sctest["pvalue"]))
writeLines(sprintf("# %s; survival %s", R.version.string, packageVersion("survival")), "cox_tests.csv")
suppressWarnings(write.table(out, "cox_tests.csv", sep = ",", row.names = FALSE, append = TRUE))
# Harrell's concordance and its standard error (infinitesimal jackknife), as concordance()
cc <- concordance(fit)
conc <- data.frame(test = c("concordance", "concordance_se"), statistic = c(cc$concordance, sqrt(cc$var)),
                   df = NA, p_value = NA)
suppressWarnings(write.table(conc, "cox_tests.csv", sep = ",", row.names = FALSE, col.names = FALSE, append = TRUE))
