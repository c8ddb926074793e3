package dev.earmark.engine.agreement;

/**
 * Why a statistic has no value for some data. Each reason carries the sentence a user sees; none of
 * them is an error in the input, they are properties of the data.
 */
public enum UndefinedReason {
  EMPTY_INPUT("there are no ratings"),
  ONE_ANNOTATOR("only one annotator rated anything, so there is nobody to agree with"),
  NO_PAIRABLE_ITEMS("no item has ratings from two or more annotators, so nothing can be compared"),
  ONE_CATEGORY(
      "every comparable rating has the same value, so agreement cannot be told apart from chance"),
  NO_GOLD_ITEMS("the annotator rated none of the gold items");

  private final String explanation;

  UndefinedReason(String explanation) {
    this.explanation = explanation;
  }

  /** A lower-case sentence fragment saying why there is no value, for messages and reports. */
  public String explanation() {
    return explanation;
  }
}
