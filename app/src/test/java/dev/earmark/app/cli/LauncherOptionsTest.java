package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The launcher script decides, before Java starts, whether the workbench opens (only global
 * options) or a headless command runs, because only the workbench maps the class-data archive. It
 * knows the global options that take a value by hand; this test holds that list against the options
 * picocli declares, so a new global option cannot silently turn the archive off (or make a command
 * start as the workbench).
 */
class LauncherOptionsTest {
  private static final Path LAUNCHER = Path.of("..", "earmark");

  @Test
  void everyGlobalOptionKeepsTheWorkbenchAndASubcommandAfterItRunsHeadless() throws Exception {
    List<OptionSpec> globals = new ArrayList<>();
    for (OptionSpec option : EarmarkCommand.commandLine().getCommandSpec().options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        globals.add(option);
      }
    }
    assertThat(globals).extracting(OptionSpec::longestName).contains("--project", "--debug");

    for (OptionSpec option : globals) {
      String name = option.longestName();
      if (option.arity().max() > 0) {
        assertThat(plan(name, "value")).as(name + " VALUE").isEqualTo("workbench");
        assertThat(plan(name + "=value")).as(name + "=VALUE").isEqualTo("workbench");
        assertThat(plan(name, "value", "status")).as(name + " VALUE status").isEqualTo("command");
      } else {
        assertThat(plan(name)).as(name).isEqualTo("workbench");
        assertThat(plan(name, "status")).as(name + " status").isEqualTo("command");
      }
    }
    assertThat(plan()).isEqualTo("workbench");
    assertThat(plan("status")).isEqualTo("command");
  }

  @Test
  void commandsGetAClassArchiveOfTheirFamilyAndShortFileCommandsALighterJit() throws Exception {
    assertThat(javaOptions("wer", "--input", "pairs.tsv", "--json"))
        .contains("-XX:+UseSerialGC")
        .doesNotContain("-XX:TieredStopAtLevel=1")
        .anyMatch(
            option ->
                option.matches("-XX:(SharedArchiveFile|ArchiveClassesAtExit)=.*/cds/wer\\.jsa.*"));
    assertThat(javaOptions("--project", "p", "agreement", "--input", "a.csv"))
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .anyMatch(option -> option.matches(".*/cds/agreement\\.jsa.*"));
    assertThat(javaOptions("audio", "peaks", "f.wav"))
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .anyMatch(option -> option.matches(".*/cds/audio\\.jsa.*"));
    assertThat(javaOptions("--project", "p", "import", "--manifest", "m.jsonl"))
        .contains("-XX:+UseSerialGC")
        .doesNotContain("-XX:TieredStopAtLevel=1")
        .anyMatch(option -> option.matches(".*/cds/import\\.jsa.*"));
    assertThat(javaOptions("status"))
        .as("a family nobody measured keeps the JVM's defaults, but gets its archive")
        .noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel") || option.endsWith("GC"))
        .anyMatch(option -> option.matches(".*/cds/status\\.jsa.*"));
    assertThat(javaOptions()).anyMatch(option -> option.matches(".*/workbench\\.jsa"));
    assertThat(javaOptions("--version")).noneMatch(option -> option.contains("jsa"));
    assertThat(run(Map.of("EARMARK_LAUNCH_PLAN", "java-options", "EARMARK_NO_CDS", "1"), "wer"))
        .doesNotContain("jsa")
        .contains("-XX:+UseSerialGC");
    assertThat(
            run(
                Map.of("EARMARK_LAUNCH_PLAN", "java-options", "EARMARK_JAVA_OPTS", "-XX:+UseG1GC"),
                "agreement"))
        .as("a collector chosen in EARMARK_JAVA_OPTS is not joined by a second one")
        .contains("-XX:+UseG1GC", "-XX:TieredStopAtLevel=1")
        .doesNotContain("UseSerialGC");
  }

  @Test
  void anArchiveOlderThanTheJarsIsWrittenAgainRatherThanMapped(@TempDir Path checkout)
      throws Exception {
    Path launcher = Files.copy(LAUNCHER, checkout.resolve("earmark"));
    Path lib = Files.createDirectories(checkout.resolve("app/target/lib"));
    Path archive = Files.createDirectories(checkout.resolve("app/target/cds")).resolve("wer.jsa");
    Files.writeString(checkout.resolve("app/target/app.jar"), "jar");
    Path engine = Files.writeString(lib.resolve("rubric-engine-0.1.0-SNAPSHOT.jar"), "jar");
    Files.writeString(archive, "archive");
    FileTime built = FileTime.from(Instant.parse("2026-12-01T10:00:00Z"));
    for (Path jar : List.of(checkout.resolve("app/target/app.jar"), engine)) {
      Files.setLastModifiedTime(jar, built);
    }
    Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-12-01T10:05:00Z")));
    assertThat(run(launcher, Map.of("EARMARK_LAUNCH_PLAN", "java-options"), "wer"))
        .contains("-XX:SharedArchiveFile=" + archive);

    // One module rebuilt with mvn after the archive was written: the archive no longer maps.
    Files.setLastModifiedTime(engine, FileTime.from(Instant.parse("2026-12-01T10:10:00Z")));
    assertThat(run(launcher, Map.of("EARMARK_LAUNCH_PLAN", "java-options"), "wer"))
        .doesNotContain("SharedArchiveFile")
        .contains("-XX:ArchiveClassesAtExit=" + archive);
    assertThat(archive).as("a plan changes nothing").exists();
  }

  private static List<String> javaOptions(String... args) throws Exception {
    return run(Map.of("EARMARK_LAUNCH_PLAN", "java-options"), args)
        .lines()
        .filter(line -> !line.isBlank())
        .toList();
  }

  private static String plan(String... args) throws IOException, InterruptedException {
    return run(Map.of("EARMARK_LAUNCH_PLAN", "1"), args);
  }

  private static String run(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    return run(LAUNCHER, environment, args);
  }

  private static String run(Path launcher, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("EARMARK_NO_CDS");
    builder.environment().remove("EARMARK_JAVA_OPTS");
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not answer within 30 s: " + command);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    assertThat(Files.isRegularFile(launcher)).isTrue();
    return out.strip();
  }
}
