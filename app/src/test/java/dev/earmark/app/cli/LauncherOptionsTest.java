package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The launcher script decides, before Java starts, whether the workbench opens (only global
 * options) or a headless command runs, and which JVM options each gets. It knows the global options
 * that take a value by hand; this test holds that list against the options picocli declares, so a
 * new global option cannot silently make a command start as the workbench. It also holds the
 * launcher's class-data archive plan: one archive dumped from the committed class list, mapped by
 * every start (the first one included), dumped again when it is older than a jar or the list, and
 * never mapped half-written.
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
  void everyStartMapsTheOneClassArchiveAndShortFileCommandsGetALighterJit() throws Exception {
    String archive = "-XX:SharedArchiveFile=.*/app/target/cds/earmark-[0-9]+\\.jsa";
    assertThat(javaOptions("wer", "--input", "pairs.tsv", "--json"))
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UseTransparentHugePages")
        .anyMatch(option -> option.matches(archive));
    assertThat(javaOptions("--project", "p", "agreement", "--input", "a.csv"))
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .anyMatch(option -> option.matches(archive));
    assertThat(javaOptions("audio", "peaks", "f.wav"))
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .anyMatch(option -> option.matches(archive));
    assertThat(javaOptions("--project", "p", "import", "--manifest", "m.jsonl"))
        .contains("-XX:+UseSerialGC")
        .doesNotContain("-XX:TieredStopAtLevel=1")
        .anyMatch(option -> option.matches(archive));
    assertThat(javaOptions("status"))
        .as("a family nobody measured keeps the JVM's defaults, but maps the archive")
        .noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel") || option.endsWith("GC"))
        .anyMatch(option -> option.matches(archive));
    List<String> workbench = javaOptions();
    assertThat(workbench).anyMatch(option -> option.matches(archive));
    assertThat(javaOptions("--version")).as("one archive for all").containsAll(workbench);
    assertThat(javaOptions("--project", "p", "import", "--manifest", "m.jsonl"))
        .as("no run writes an archive when it exits (the first start would pay for it)")
        .noneMatch(option -> option.contains("ArchiveClassesAtExit"));
    assertThat(run(Map.of("EARMARK_LAUNCH_PLAN", "java-options", "EARMARK_NO_CDS", "1"), "wer"))
        .doesNotContain("jsa")
        .contains("-XX:+UseSerialGC");
    assertThat(run(Map.of("EARMARK_LAUNCH_PLAN", "archive", "EARMARK_NO_CDS", "1")))
        .isEqualTo("off");
    assertThat(
            run(
                Map.of("EARMARK_LAUNCH_PLAN", "java-options", "EARMARK_JAVA_OPTS", "-XX:+UseG1GC"),
                "agreement"))
        .as("a collector chosen in EARMARK_JAVA_OPTS is not joined by a second one")
        .contains("-XX:+UseG1GC", "-XX:TieredStopAtLevel=1")
        .doesNotContain("UseSerialGC");
  }

  @Test
  void theArchiveIsDumpedWhenMissingOrOlderThanAJarOrTheClassListAndMappedOtherwise(
      @TempDir Path checkout) throws Exception {
    Path launcher = Files.copy(LAUNCHER, checkout.resolve("earmark"));
    Path lib = Files.createDirectories(checkout.resolve("app/target/lib"));
    Path appJar = Files.writeString(checkout.resolve("app/target/app.jar"), "jar");
    Path engine = Files.writeString(lib.resolve("rubric-engine-0.1.0-SNAPSHOT.jar"), "jar");
    Path classList =
        Files.writeString(
            Files.createDirectories(checkout.resolve("packaging/src/cds"))
                .resolve("earmark.classlist"),
            "java/lang/Object\n");
    FileTime built = FileTime.from(Instant.parse("2026-12-01T10:00:00Z"));
    for (Path file : List.of(appJar, engine, classList)) {
      Files.setLastModifiedTime(file, built);
    }
    Map<String, String> archivePlan = Map.of("EARMARK_LAUNCH_PLAN", "archive");

    String missing = run(launcher, archivePlan, "wer");
    assertThat(missing).as("no archive yet: dumped before this start").startsWith("dump ");
    Path archive = Path.of(missing.substring("dump ".length()));
    assertThat(archive.getParent()).isEqualTo(checkout.resolve("app/target/cds"));
    assertThat(run(launcher, Map.of("EARMARK_LAUNCH_PLAN", "java-options"), "wer"))
        .as("the start after the dump maps it: the first start is not without it")
        .contains("-XX:SharedArchiveFile=" + archive);

    Files.createDirectories(archive.getParent());
    Files.writeString(archive, "archive");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-12-01T10:05:00Z")));
    assertThat(run(launcher, archivePlan, "wer")).isEqualTo("map " + archive);
    assertThat(run(launcher, archivePlan))
        .as("the workbench maps the same")
        .isEqualTo("map " + archive);

    // One module rebuilt with mvn after the archive was dumped: the JVM would refuse the archive.
    Files.setLastModifiedTime(engine, FileTime.from(Instant.parse("2026-12-01T10:10:00Z")));
    assertThat(run(launcher, archivePlan, "wer")).isEqualTo("dump " + archive);
    Files.setLastModifiedTime(engine, built);
    // A newer class list (pulled from the repository) is dumped again, too.
    Files.setLastModifiedTime(classList, FileTime.from(Instant.parse("2026-12-01T10:10:00Z")));
    assertThat(run(launcher, archivePlan, "wer")).isEqualTo("dump " + archive);
    Files.setLastModifiedTime(classList, built);
    assertThat(archive).as("a plan changes nothing").hasContent("archive");

    // A dump that failed for these jars is not retried on every start, and nothing is mapped.
    Files.delete(archive);
    Path failed = Files.writeString(archive.resolveSibling(archive.getFileName() + ".failed"), "");
    Files.setLastModifiedTime(failed, FileTime.from(Instant.parse("2026-12-01T10:05:00Z")));
    assertThat(run(launcher, archivePlan, "wer")).isEqualTo("failed " + archive);
    assertThat(run(launcher, Map.of("EARMARK_LAUNCH_PLAN", "java-options"), "status"))
        .doesNotContain("jsa");
  }

  @Test
  void anotherJavaGetsAnArchiveOfItsOwn(@TempDir Path tools) throws Exception {
    // An archive maps only into the JVM that dumped it; a JDK update must not map the old one.
    Path otherJava = tools.resolve("java");
    Files.writeString(otherJava, "#!/bin/sh\nexit 0\n");
    assertThat(otherJava.toFile().setExecutable(true)).isTrue();
    String usual = run(Map.of("EARMARK_LAUNCH_PLAN", "archive"));
    String other =
        run(
            Map.of(
                "EARMARK_LAUNCH_PLAN",
                "archive",
                "PATH",
                tools + File.pathSeparator + System.getenv("PATH")));
    assertThat(usual).matches("(map|dump) .*/cds/earmark-[0-9]+\\.jsa");
    assertThat(other).matches("dump .*/cds/earmark-[0-9]+\\.jsa");
    assertThat(other.substring(other.indexOf(' ')))
        .isNotEqualTo(usual.substring(usual.indexOf(' ')));
  }

  @Test
  void twoFirstStartsAtOnceDumpOnceAndNeverMapAHalfWrittenArchive(@TempDir Path checkout)
      throws Exception {
    // A checkout whose app.jar holds a stand-in Main, with a short class list: the dump is real
    // and quick, and the test needs no packaged jars.
    Path launcher = Files.copy(LAUNCHER, checkout.resolve("earmark"));
    Path lib = Files.createDirectories(checkout.resolve("app/target/lib"));
    Path sources = Files.createDirectories(checkout.resolve("src/dev/earmark/app"));
    Path classes = Files.createDirectories(checkout.resolve("classes"));
    Files.writeString(
        sources.resolve("Main.java"),
        "package dev.earmark.app; public class Main { public static void main(String[] args) {"
            + " System.out.println(\"earmark stand-in\"); } }");
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                sources.resolve("Main.java").toString());
    assertThat(compiled).isZero();
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(checkout.resolve("app/target/app.jar")))) {
      jar.putNextEntry(new JarEntry("dev/earmark/app/Main.class"));
      jar.write(Files.readAllBytes(classes.resolve("dev/earmark/app/Main.class")));
      jar.closeEntry();
    }
    Files.delete(sources.resolve("Main.java")); // no source newer than the build: no Maven run
    Files.writeString(lib.resolve(".complete"), "");
    Files.writeString(
        Files.createDirectories(checkout.resolve("packaging/src/cds")).resolve("earmark.classlist"),
        "java/lang/Object\njava/lang/String\ndev/earmark/app/Main\n");
    List<Process> starts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ProcessBuilder builder =
          new ProcessBuilder("bash", launcher.toString(), "--version").redirectErrorStream(true);
      builder.environment().remove("EARMARK_NO_CDS");
      builder.environment().remove("EARMARK_JAVA_OPTS");
      builder.environment().put("EARMARK_JAVA_OPTS", "-Xshare:on"); // a bad archive fails the run
      starts.add(builder.start());
    }
    List<String> outputs = new ArrayList<>();
    for (Process start : starts) {
      assertThat(start.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String out = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(start.exitValue()).as(out).isZero();
      outputs.add(out);
    }
    assertThat(outputs).allMatch(out -> out.contains("earmark stand-in"));
    assertThat(String.join("", outputs))
        .as("the second launcher waited for the first one's dump instead of dumping too")
        .containsOnlyOnce("preparing the class-data archive");
    try (var files = Files.list(checkout.resolve("app/target/cds"))) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .filteredOn(name -> !name.startsWith("."))
          .hasSize(2)
          .anyMatch(name -> name.matches("earmark-[0-9]+\\.jsa"))
          .contains("dump.log")
          .noneMatch(name -> name.endsWith(".tmp"));
    }
    assertThat(run(launcher, Map.of("EARMARK_LAUNCH_PLAN", "archive"))).startsWith("map ");
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
