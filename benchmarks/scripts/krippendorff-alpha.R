# Krippendorff's alpha in plain R (no packages), written from Krippendorff (2011),
# "Computing Krippendorff's Alpha-Reliability": coincidence matrix, then
# alpha = 1 - (n - 1) * sum(o * d2) / sum(n_c n_k d2). Independent of Earmark's Java code;
# used by agreement-vs-independent.sh and to check values pinned in Earmark's tests.
# Usage: Rscript krippendorff-alpha.R FILE.csv LEVEL   (long CSV item_id,annotator_id,label)
kripp_alpha <- function(item, value, level) {
  keep <- !is.na(value)
  item <- item[keep]; value <- value[keep]
  m <- table(item)
  pairable <- names(m)[m >= 2]
  sel <- item %in% pairable
  item <- item[sel]; value <- value[sel]
  cats <- sort(unique(value))
  k <- length(cats)
  # n_uc: items x categories counts
  nuc <- unclass(table(factor(item), factor(value, levels = cats)))
  mu <- rowSums(nuc)
  # coincidence matrix o_ck = sum_u n_uc (n_uk - [c==k]) / (m_u - 1)
  w <- nuc / (mu - 1)
  o <- crossprod(nuc, w) - diag(colSums(w), k)
  nc <- colSums(o)
  n <- sum(nc)
  if (level == "nominal") {
    d2 <- 1 - diag(k)
  } else if (level == "interval") {
    d2 <- outer(cats, cats, function(a, b) (a - b)^2)
  } else if (level == "ratio") {
    d2 <- outer(cats, cats, function(a, b) ifelse(a + b == 0, 0, ((a - b) / (a + b))^2))
  } else if (level == "ordinal") {
    cum <- c(0, cumsum(nc))
    d2 <- matrix(0, k, k)
    for (c in 1:k) for (j in 1:k) {
      lo <- min(c, j); hi <- max(c, j)
      d2[c, j] <- (cum[hi + 1] - cum[lo] - (nc[c] + nc[j]) / 2)^2
    }
  } else stop("unknown level")
  1 - (n - 1) * sum(o * d2) / sum(outer(nc, nc) * d2)
}

args <- commandArgs(trailingOnly = TRUE)
if (length(args) >= 2 && !identical(args[1], "--source")) {
  d <- read.csv(args[1], colClasses = c("character", "character", "numeric"))
  cat(sprintf("%.6f\n", kripp_alpha(d$item_id, d$label, args[2])))
}
