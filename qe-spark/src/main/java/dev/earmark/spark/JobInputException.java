package dev.earmark.spark;

/** A bad argument, model or input: {@link QeScoringJob} prints its one-line message and exits 2. */
public final class JobInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobInputException(String message) {
    super(message);
  }
}
