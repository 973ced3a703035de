# Reference values for tests/unit/test_score_reference.cpp, computed with an
# established statistics package: R's psych::alpha (Debian r-cran-psych).
#
#   Rscript tests/data/score/bfi-reference.R
#
# Writes tests/data/score/bfi-200.csv (the first 200 rows of psych's `bfi`
# data set, agreeableness and conscientiousness items, NA as an empty cell)
# and prints the reference values with 17 significant digits.
#
# Data: psych::bfi, 25 personality items from the International Personality
# Item Pool (ipip.ori.org), collected in the Synthetic Aperture Personality
# Assessment (SAPA) project; Revelle, W., Wilt, J. and Rosenthal, A. (2010),
# "Individual differences in cognition: new methods for examining the
# personality-cognition link". Items are answered on a 1-6 scale; A1, C4 and
# C5 are reverse-keyed.
suppressMessages(library(psych))
x <- bfi[1:200, c("A1", "A2", "A3", "A4", "A5", "C1", "C2", "C3", "C4", "C5", "gender")]
out <- data.frame(id = rownames(x), x)
write.csv(out, "tests/data/score/bfi-200.csv", row.names = FALSE, na = "", quote = FALSE)
show <- function(name, value) cat(sprintf("%s %.17g\n", name, value))
cat(sprintf("R %s, psych %s\n", getRversion(), packageVersion("psych")))
a <- psych::alpha(x[, c("A1", "A2", "A3", "A4", "A5")], keys = c("A1"))
show("agreeableness.raw_alpha", a$total$raw_alpha)
show("agreeableness.mean", a$total$mean)
show("agreeableness.sd", a$total$sd)
c <- psych::alpha(x[, c("C1", "C2", "C3", "C4", "C5")], keys = c("C4", "C5"))
show("conscientiousness.raw_alpha", c$total$raw_alpha)
show("conscientiousness.mean", c$total$mean)
show("conscientiousness.sd", c$total$sd)
# Without the respondents who skipped an item (listwise), for comparison.
cc <- psych::alpha(na.omit(x[, c("C1", "C2", "C3", "C4", "C5")]), keys = c("C4", "C5"))
show("conscientiousness.complete.raw_alpha", cc$total$raw_alpha)
show("conscientiousness.complete.n", nrow(na.omit(x[, c("C1", "C2", "C3", "C4", "C5")])))
show("missing.A", sum(is.na(x[, 1:5])))
show("missing.C", sum(is.na(x[, 6:10])))
