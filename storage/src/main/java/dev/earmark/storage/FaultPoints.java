package dev.earmark.storage;

/**
 * Named points in the write paths where the crash tests kill the process (issue 19). A no-op unless
 * the system property {@value #PROPERTY} names the point; then the {@code n}-th time the point is
 * reached (system property {@value #HIT_PROPERTY}, default 1) the JVM halts at once with exit
 * status {@value #EXIT_STATUS}, running no finally block, shutdown hook or close, which is what
 * {@code kill -9} leaves behind. Points are named {@code path.step}, e.g. {@code
 * pack-export.committed}. Thread-safe.
 */
public final class FaultPoints {
  /** The system property naming the point to halt at. */
  public static final String PROPERTY = "earmark.fault.kill";

  /** The system property saying at which arrival (1 = the first) to halt. */
  public static final String HIT_PROPERTY = "earmark.fault.kill.hit";

  /** The exit status of a halt at a fault point. */
  public static final int EXIT_STATUS = 137;

  /**
   * The line written to standard error (followed by the point's name) just before a halt, so a test
   * can tell its own halt from a real {@code SIGKILL}, which exits with the same status.
   */
  public static final String HALT_LINE = "earmark fault point: halting at ";

  private static final String TARGET = System.getProperty(PROPERTY);
  private static final int HIT = Integer.getInteger(HIT_PROPERTY, 1);
  private static int arrivals;

  private FaultPoints() {}

  /** Marks that the write path reached {@code point}; halts the JVM when it is the chosen one. */
  public static void reach(String point) {
    if (TARGET == null || !TARGET.equals(point)) {
      return;
    }
    synchronized (FaultPoints.class) {
      arrivals++;
      if (arrivals >= HIT) {
        System.err.println(HALT_LINE + point);
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_STATUS);
      }
    }
  }
}
