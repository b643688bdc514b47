# Vertebra-level comparisons that allow for several vertebrae per patient: GEE with an
# exchangeable working correlation and robust (sandwich) standard errors.
# Run: Rscript gee.R (reads gee_input.csv, writes gee.csv).
suppressPackageStartupMessages(library(geepack))
d <- read.csv("gee_input.csv")
d$id <- as.integer(factor(d$patient_id, levels = unique(d$patient_id)))
vol <- geeglm(cement_volume_ml ~ repeated, id = id, data = d, family = gaussian, corstr = "exchangeable")
leak <- geeglm(any_leakage ~ kyphoplasty, id = id, data = d[!is.na(d$any_leakage), ],
               family = binomial, corstr = "exchangeable")
row <- function(name, fit, term) {
  s <- summary(fit)$coefficients
  data.frame(model = name, term = term, estimate = s[term, "Estimate"], std_error = s[term, "Std.err"],
             p_value = s[term, "Pr(>|W|)"])
}
out <- rbind(row("volume", vol, "repeated"), row("leakage", leak, "kyphoplasty"))
header <- sprintf("# %s; geepack %s", R.version.string, packageVersion("geepack"))
writeLines(header, "gee.csv")
suppressWarnings(write.table(out, "gee.csv", sep = ",", row.names = FALSE, append = TRUE))
