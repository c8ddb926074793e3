package dev.earmark.app.cli;

import dev.earmark.app.about.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code earmark --version}: Earmark's {@link Version} and the Java that runs it. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "earmark " + Version.current(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
