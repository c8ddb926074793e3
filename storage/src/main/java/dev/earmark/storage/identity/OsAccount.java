package dev.earmark.storage.identity;

/**
 * Where the name of the OS account running Earmark comes from. Production reads the JVM's {@code
 * user.name}; tests pass {@link #fixed} so that no outcome depends on who runs the suite.
 */
@FunctionalInterface
public interface OsAccount {
  /** The OS login name, e.g. {@code maria}. */
  String name();

  /** The account the JVM runs as ({@code user.name}). */
  static OsAccount system() {
    return () -> System.getProperty("user.name", "");
  }

  /** Always {@code name}. */
  static OsAccount fixed(String name) {
    return () -> name;
  }
}
