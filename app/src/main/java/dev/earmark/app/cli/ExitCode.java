package dev.earmark.app.cli;

/** Exit codes of the command-line contract (PRODUCT.md §5). */
public final class ExitCode {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** The data failed a check (for example {@code verify} found tampering). */
  public static final int CHECK_FAILED = 1;

  /** Bad usage or unreadable input. */
  public static final int BAD_INPUT = 2;

  /** A defect in Earmark itself; the message asks the user to re-run with {@code --debug}. */
  public static final int INTERNAL_ERROR = 3;

  private ExitCode() {}
}
