package dev.earmark.storage.agreement;

import dev.earmark.engine.rubric.FieldSpec;
import java.util.Optional;

/** How agreement on one rubric field is measured; fields of other types are not compared. */
public enum FieldKind {
  /** An anchored 1–N scale: ordinal alpha, quadratic-weighted Cohen, percent agreement. */
  SCALE,
  /** One option of a list: nominal alpha, Fleiss, unweighted Cohen, percent agreement. */
  CATEGORICAL,
  /** Set or not set on every submitted label: as a two-option categorical field. */
  FLAG,
  /** Free text: pairwise WER after normalization, and identical-after-normalization agreement. */
  TRANSCRIPT;

  /** The kind of {@code field}, or empty for tags, word marks and segments (not compared). */
  public static Optional<FieldKind> of(FieldSpec field) {
    if (field instanceof FieldSpec.ScaleField) {
      return Optional.of(SCALE);
    }
    if (field instanceof FieldSpec.CategoricalField) {
      return Optional.of(CATEGORICAL);
    }
    if (field instanceof FieldSpec.FlagField) {
      return Optional.of(FLAG);
    }
    if (field instanceof FieldSpec.TextField) {
      return Optional.of(TRANSCRIPT);
    }
    return Optional.empty();
  }

  /** True for kinds compared as ratings in a table (everything but transcripts). */
  public boolean rated() {
    return this != TRANSCRIPT;
  }
}
