package dev.earmark.storage.fault;

import dev.earmark.storage.TestClocks;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;

/**
 * Child process of {@link UpgradeKillTest}: opens (and so upgrades) the embedded project in {@code
 * args[0]}; the parent sets a fault point that halts it part way.
 */
public final class OpenRun {
  private OpenRun() {}

  public static void main(String[] args) {
    try (Project project = Project.openEmbedded(Path.of(args[0]), false, TestClocks.FIXED)) {
      System.out.println("opened " + project.projectId());
    }
  }
}
