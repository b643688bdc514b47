# Reference values for analysis.stats (paired, groups, proportions, cement, timecourse).
# Run from this directory: Rscript outcomes.R  -> writes outcomes.csv
# Inputs: paired_input.csv, groups_input.csv, mixed_input.csv, logistic_input.csv.
suppressPackageStartupMessages(library(nlme))
out <- data.frame(topic = character(), case = character(), quantity = character(),
                  value = numeric(), stringsAsFactors = FALSE)
put <- function(topic, case, quantity, value) {
  if (length(value) == 0) return(invisible())
  out[nrow(out) + 1, ] <<- list(topic, case, quantity, as.numeric(value))
}
htest <- function(topic, case, h) {
  put(topic, case, "statistic", h$statistic)
  if (!is.null(h$parameter)) put(topic, case, "df", h$parameter[1])
  put(topic, case, "p_value", h$p.value)
  if (!is.null(h$conf.int)) {
    put(topic, case, "ci_low", h$conf.int[1]); put(topic, case, "ci_high", h$conf.int[2])
    put(topic, case, "ci_level", attr(h$conf.int, "conf.level"))
  }
  if (!is.null(h$estimate)) put(topic, case, "estimate", h$estimate[1])
}
quiet <- function(expr) suppressWarnings(expr)

# Paired: t-test and Wilcoxon signed-rank with Hodges-Lehmann (tol.root tightened so the
# normal-approximation limits are exact to machine precision).
paired <- read.csv("paired_input.csv")
for (cs in unique(paired$case)) {
  d <- paired[paired$case == cs, ]
  htest("paired_t", cs, t.test(d$after, d$before, paired = TRUE))
  htest("signed_rank", cs, quiet(wilcox.test(d$after, d$before, paired = TRUE, conf.int = TRUE, tol.root = 1e-12)))
  diff <- d$after - d$before
  diff <- diff[diff != 0]
  w <- outer(diff, diff, "+") / 2
  put("signed_rank", cs, "walsh_median", median(w[!lower.tri(w)]))
}

# Two groups: Welch, Student, Mann-Whitney with Hodges-Lehmann shift; ANCOVA.
groups <- read.csv("groups_input.csv")
for (cs in c("exact_small", "ties_small", "large")) {
  d <- groups[groups$case == cs, ]
  lv <- unique(d$group)
  x <- d$value[d$group == lv[1]]; y <- d$value[d$group == lv[2]]
  htest("welch", cs, t.test(x, y))
  put("welch", cs, "mean_difference", mean(x) - mean(y))
  htest("student", cs, t.test(x, y, var.equal = TRUE))
  put("student", cs, "mean_difference", mean(x) - mean(y))
  htest("rank_sum", cs, quiet(wilcox.test(x, y, conf.int = TRUE, tol.root = 1e-12)))
  put("smd", cs, "estimate", (mean(x) - mean(y)) / sqrt((var(x) + var(y)) / 2))
}
d <- groups[groups$case == "large", ]
d$group <- relevel(factor(d$group), ref = "pathologic")
fit <- summary(lm(value ~ baseline + group, data = d))
co <- fit$coefficients["grouposteoporotic", ]
put("ancova", "large", "estimate", co[1]); put("ancova", "large", "statistic", co[3])
put("ancova", "large", "p_value", co[4]); put("ancova", "large", "df", fit$df[2])
ci <- confint(lm(value ~ baseline + group, data = d))["grouposteoporotic", ]
put("ancova", "large", "ci_low", ci[1]); put("ancova", "large", "ci_high", ci[2])
d3 <- groups[groups$case == "three", ]
a <- oneway.test(value ~ group, data = d3, var.equal = TRUE)
put("anova", "three", "statistic", a$statistic); put("anova", "three", "p_value", a$p.value)
a <- oneway.test(value ~ group, data = d3, var.equal = FALSE)
put("welch_anova", "three", "statistic", a$statistic); put("welch_anova", "three", "p_value", a$p.value)
put("welch_anova", "three", "df", a$parameter[2])
a <- kruskal.test(value ~ group, data = d3)
put("kruskal", "three", "statistic", a$statistic); put("kruskal", "three", "p_value", a$p.value)

# Proportions: Clopper-Pearson (binom.test) and Wilson (prop.test without correction),
# for the counts printed in the seed papers.
counts <- list(c(5, 6), c(29, 124), c(25, 29), c(17, 29), c(12, 29), c(10, 29), c(34, 124),
               c(217, 300), c(270, 300), c(10, 1800), c(0, 12), c(12, 12))
for (cn in counts) {
  cs <- paste0(cn[1], "/", cn[2])
  b <- binom.test(cn[1], cn[2])
  put("clopper_pearson", cs, "ci_low", b$conf.int[1]); put("clopper_pearson", cs, "ci_high", b$conf.int[2])
  p <- quiet(prop.test(cn[1], cn[2], correct = FALSE))
  put("wilson", cs, "ci_low", p$conf.int[1]); put("wilson", cs, "ci_high", p$conf.int[2])
}
# Newcombe (1998) method 10 from the Wilson limits, written out.
newcombe <- function(x1, n1, x2, n2) {
  w <- function(x, n) quiet(prop.test(x, n, correct = FALSE))$conf.int
  p1 <- x1 / n1; p2 <- x2 / n2; l1 <- w(x1, n1); l2 <- w(x2, n2)
  d <- p1 - p2
  c(d, d - sqrt((p1 - l1[1])^2 + (l2[2] - p2)^2), d + sqrt((l1[2] - p1)^2 + (p2 - l2[1])^2))
}
for (cn in list(c(12, 29, 10, 29), c(25, 29, 17, 29), c(5, 6, 1, 6))) {
  cs <- paste(cn, collapse = "_")
  r <- newcombe(cn[1], cn[2], cn[3], cn[4])
  put("newcombe", cs, "estimate", r[1]); put("newcombe", cs, "ci_low", r[2]); put("newcombe", cs, "ci_high", r[3])
}

# 2x2 tables: chi-square with and without Yates, Fisher, Wald RR and OR.
for (cn in list(c(12, 29, 10, 29), c(3, 6, 0, 6), c(31, 330, 8, 115))) {
  cs <- paste(cn, collapse = "_")
  tab <- matrix(c(cn[1], cn[3], cn[2] - cn[1], cn[4] - cn[3]), 2)
  for (cor in c(FALSE, TRUE)) {
    h <- quiet(chisq.test(tab, correct = cor))
    nm <- if (cor) "chisq_yates" else "chisq"
    put(nm, cs, "statistic", h$statistic); put(nm, cs, "p_value", h$p.value)
  }
  htest("fisher", cs, fisher.test(tab))
  if (all(tab > 0)) {
    a <- tab[1, 1]; b <- tab[1, 2]; c <- tab[2, 1]; dd <- tab[2, 2]
    rr <- (a / (a + b)) / (c / (c + dd)); se <- sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + dd))
    put("risk_ratio", cs, "estimate", rr)
    put("risk_ratio", cs, "ci_low", rr * exp(-qnorm(0.975) * se)); put("risk_ratio", cs, "ci_high", rr * exp(qnorm(0.975) * se))
    or <- a * dd / (b * c); se <- sqrt(1 / a + 1 / b + 1 / c + 1 / dd)
    put("odds_ratio", cs, "estimate", or)
    put("odds_ratio", cs, "ci_low", or * exp(-qnorm(0.975) * se)); put("odds_ratio", cs, "ci_high", or * exp(qnorm(0.975) * se))
  }
}

# McNemar (analgesic use before/after): table rows = before (no, yes), cols = after.
mc <- matrix(c(10, 4, 15, 21), 2)
h <- mcnemar.test(mc)
put("mcnemar", "10_15_4_21", "statistic", h$statistic); put("mcnemar", "10_15_4_21", "p_value", h$p.value)

# Logistic regression of leakage on volume and technique.
lg <- read.csv("logistic_input.csv")
lg$technique <- factor(lg$technique, levels = c("vertebroplasty", "kyphoplasty"))
g <- glm(leak ~ volume + technique, family = binomial, data = lg,
         control = glm.control(epsilon = 1e-14, maxit = 100))
co <- summary(g)$coefficients
for (term in c("volume", "techniquekyphoplasty")) {
  put("logistic", term, "estimate", exp(co[term, 1]))
  put("logistic", term, "ci_low", exp(co[term, 1] - qnorm(0.975) * co[term, 2]))
  put("logistic", term, "ci_high", exp(co[term, 1] + qnorm(0.975) * co[term, 2]))
  put("logistic", term, "statistic", co[term, 3]); put("logistic", term, "p_value", co[term, 4])
}
put("logistic", "likelihood_ratio", "statistic", g$null.deviance - g$deviance)
put("logistic", "likelihood_ratio", "p_value",
    pchisq(g$null.deviance - g$deviance, g$df.null - g$df.residual, lower.tail = FALSE))

# Linear mixed model, random intercept per patient, REML.
mx <- read.csv("mixed_input.csv")
mx$timepoint <- factor(mx$timepoint, levels = c("pre", "24h", "1m", "3m", "12m"))
# converged tightly, so that the reference is the REML optimum itself
m <- lme(value ~ timepoint, random = ~ 1 | patient_id, data = mx, method = "REML",
         control = lmeControl(msTol = 1e-14, tolerance = 1e-14, msMaxIter = 500, maxIter = 500,
                              niterEM = 200))
tt <- summary(m)$tTable
for (i in seq_len(nrow(tt))) {
  term <- sub("timepoint", "", rownames(tt)[i]); if (term == "(Intercept)") term <- "intercept"
  put("mixed", term, "estimate", tt[i, "Value"]); put("mixed", term, "std_error", tt[i, "Std.Error"])
}
put("mixed", "variance", "random_intercept", getVarCov(m)[1, 1]); put("mixed", "variance", "residual", m$sigma^2)
put("mixed", "fit", "log_likelihood", logLik(m))

con <- file("outcomes.csv", "w")
writeLines(sprintf("# %s; nlme %s; written by outcomes.R", R.version.string, packageVersion("nlme")), con)
write.csv(out, con, row.names = FALSE)
close(con)
