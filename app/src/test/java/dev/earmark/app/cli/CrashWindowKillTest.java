package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.storage.FaultPoints;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19's crash windows, through the real command line: a child JVM runs {@code earmark} and
 * halts at a named {@link FaultPoints fault point} of a write path (what {@code kill -9} leaves);
 * then the project opens, {@code audit verify} passes, and nothing half-written is accepted: a pack
 * that reached its name is one the project recorded (its label pack comes back), a batch that
 * verifies has its batch row (exporting the same name again gives the same batch), and an
 * interrupted project creation is started over by running the command again.
 */
class CrashWindowKillTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Flags for short child runs: the client compiler only, class-data sharing when available, the
   * serial collector and a small heap; each child runs one command for a few seconds.
   */
  private static final List<String> SHORT_RUN_FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC", "-Xmx256m");

  /**
   * Built once: the demo project each kill point starts from (copied, never used in place), the
   * assignment pack the import path imports, and the export arguments with their waivers.
   */
  @TempDir static Path shared;

  static Path source;
  static Path assignmentPack;
  static List<String> waivers;
  @TempDir Path dir;

  @BeforeAll
  static void buildTheSourceProjectOnce() throws Exception {
    source = shared.resolve("demo");
    DemoCreation.create(source, "maria", TestClocks.FIXED);
    Path scratch = copyOf(source, shared.resolve("scratch"));
    assignmentPack = shared.resolve("alex.pack");
    var exported =
        run(
            "pack",
            "export",
            "--project",
            scratch.toString(),
            "--user",
            "maria",
            "--annotator",
            "ann-alex",
            "--out",
            assignmentPack.toString());
    assertThat(exported.code()).as(exported.err()).isZero();
    var blocked =
        run(
            "export",
            "--project",
            scratch.toString(),
            "--user",
            "maria",
            "--batch",
            "crash",
            "--out",
            shared.resolve("blocked").toString(),
            "--timestamp",
            "2026-11-21T12:00:00Z",
            "--json");
    List<String> allow = new ArrayList<>();
    for (JsonNode blocker : JSON.readTree(blocked.out()).path("blockers")) {
      allow.addAll(
          List.of("--allow", blocker.path("code").asText(), "--reason", "crash test waiver"));
    }
    waivers = List.copyOf(allow);
  }

  /** A private copy of {@code project} at {@code target}: no case sees another case's state. */
  private static Path copyOf(Path project, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(project)) {
      for (Path from : walk.toList()) {
        Path to = target.resolve(project.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    return target;
  }

  /** This case's own copy of the lead's project. */
  private Path lead() throws IOException {
    return copyOf(source, dir.resolve("lead"));
  }

  /**
   * Runs {@code earmark ARGS} in a child JVM that halts at {@code point}; asserts it halted there
   * (its own announcement, not just status 137, which a real SIGKILL also gives).
   */
  private void killedAt(String point, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(SHORT_RUN_FLAGS);
    command.add("-D" + FaultPoints.PROPERTY + "=" + point);
    command.add("-Duser.name=" + EarmarkCommandTest.OS_ACCOUNT.name());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.earmark.app.Main");
    command.addAll(List.of(args));
    Path log = dir.resolve("child.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(log)).isEqualTo(FaultPoints.EXIT_STATUS);
    assertThat(Files.readString(log)).contains(FaultPoints.HALT_LINE + point);
  }

  private static void assertAuditIntact(Path project) {
    var audit = run("audit", "verify", "--project", project.toString(), "--user", "maria");
    assertThat(audit.code()).as(audit.out() + audit.err()).isZero();
  }

  private static List<Path> partials(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().contains("-partial-")).toList();
    }
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(
      strings = {
        "publish.before-rename",
        "pack-export.written",
        "pack-export.committed",
        "publish.renamed"
      })
  void aKilledPackExportLeavesNoPackOrOneTheProjectTakesLabelsBackFrom(String point)
      throws Exception {
    Path lead = lead();
    Path pack = dir.resolve("alex.pack");
    killedAt(
        point,
        "pack",
        "export",
        "--project",
        lead.toString(),
        "--user",
        "maria",
        "--annotator",
        "ann-alex",
        "--out",
        pack.toString());
    assertAuditIntact(lead); // opening the project finishes a recorded pack's rename
    for (Path partial : partials(dir)) {
      var refused = run("pack", "import", partial.toString(), "--project", dir.resolve("w0") + "");
      assertThat(refused.code()).as(refused.err()).isNotZero();
      assertThat(dir.resolve("w0")).doesNotExist();
    }
    boolean recorded = !point.equals("pack-export.written");
    assertThat(Files.exists(pack))
        .as(Files.readString(dir.resolve("child.log")))
        .isEqualTo(recorded);
    if (!recorded) {
      return;
    }
    Path work = dir.resolve("alex-laptop");
    var imported = run("pack", "import", pack.toString(), "--project", work.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    Path labels = dir.resolve("alex-labels.pack");
    var exported =
        run(
            "pack",
            "export-labels",
            "--project",
            work.toString(),
            "--user",
            "ann-alex",
            "--out",
            labels.toString());
    assertThat(exported.code()).as(exported.err()).isZero();
    var merged =
        run("pack", "import", labels.toString(), "--project", lead.toString(), "--user", "maria");
    assertThat(merged.code()).as(merged.out() + merged.err()).isZero();
  }

  private static String[] exportArgs(Path lead, Path out) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--project",
                lead.toString(),
                "--user",
                "maria",
                "--batch",
                "crash",
                "--out",
                out.toString(),
                "--timestamp",
                "2026-11-21T12:00:00Z",
                "--json"));
    args.addAll(waivers);
    return args.toArray(String[]::new);
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(
      strings = {"export.written", "export.committed", "publish.before-rename", "publish.renamed"})
  void aKilledExportLeavesNoBatchOrARecordedOneThatExportsAgainTheSame(String point)
      throws Exception {
    Path lead = lead();
    Path out = dir.resolve("crash");
    String[] args = exportArgs(lead, out);
    killedAt(point, args);
    assertAuditIntact(lead);
    boolean recorded = !point.equals("export.written");
    var verify = run("verify", out.toString());
    if (recorded) {
      assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    } else {
      assertThat(out).doesNotExist();
      assertThat(verify.code()).isNotZero();
    }
    for (Path partial : partials(dir)) {
      assertThat(run("verify", partial.toString()).code()).isNotZero();
    }
    if (!recorded) {
      var fresh = run(args);
      assertThat(fresh.code()).as(fresh.out() + fresh.err()).isZero();
      assertThat(JSON.readTree(fresh.out()).path("reproduced").asBoolean(true)).isFalse();
      return;
    }
    String sha =
        JSON.readTree(out.resolve("manifest.json").toFile()).path("manifest_sha256").asText();
    Path again = dir.resolve("crash-again");
    var rerun = run(exportArgs(lead, again));
    assertThat(rerun.code()).as(rerun.out() + rerun.err()).isZero();
    assertThat(
            JSON.readTree(again.resolve("manifest.json").toFile()).path("manifest_sha256").asText())
        .as("the same batch name exports the same batch, not a second one")
        .isEqualTo(sha);
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(
      strings = {
        "create.marked",
        "migrate.done",
        "pack-import.users-stored",
        "pack-import.clips-stored",
        "create.before-finish"
      })
  void aKilledPackImportIntoANewDirectoryIsStartedOverByRunningItAgain(String point)
      throws Exception {
    Path work = dir.resolve("alex-laptop");
    String[] args = {"pack", "import", assignmentPack.toString(), "--project", work.toString()};
    killedAt(point, args);

    var open = run("audit", "verify", "--project", work.toString(), "--user", "ann-alex");
    assertThat(open.code()).as("an unfinished project is no project").isNotZero();
    assertThat(open.err()).contains("still being created").doesNotContain("Validate failed");

    var again = run(args);
    assertThat(again.code()).as(again.out() + again.err()).isZero();
    var audit = run("audit", "verify", "--project", work.toString(), "--user", "ann-alex");
    assertThat(audit.code()).as(audit.out() + audit.err()).isZero();
  }
}
