# Cox model with a factor level that has no events (monotone likelihood, infinite
# coefficient). coxph warns "Loglik converged before variable ...; coefficient may be
# infinite". Run: Rscript cox_edges.R (writes cox_edges_input.csv and cox_edges.csv).
suppressPackageStartupMessages(library(survival))
set.seed(20261121)
n <- 60
d <- data.frame(
  time = round(rexp(n, 1 / 300)) + 1,
  age = round(rnorm(n, 72, 9)),
  site = factor(rep(c("a", "b", "c"), length.out = n))
)
d$event <- as.integer(runif(n) < 0.5)
d$event[d$site == "c"] <- 0L
write.csv(d, "cox_edges_input.csv", row.names = FALSE)
w <- NULL
fit <- withCallingHandlers(coxph(Surv(time, event) ~ age + site, data = d, ties = "efron"),
                           warning = function(m) { w <<- conditionMessage(m); invokeRestart("muffleWarning") })
out <- data.frame(term = names(coef(fit)), coef = unname(coef(fit)),
                  se = unname(sqrt(diag(vcov(fit)))), warning = ifelse(is.null(w), "", w))
header <- sprintf("# %s; survival %s", R.version.string, packageVersion("survival"))
writeLines(header, "cox_edges.csv")
suppressWarnings(write.table(out, "cox_edges.csv", sep = ",", row.names = FALSE, append = TRUE))
