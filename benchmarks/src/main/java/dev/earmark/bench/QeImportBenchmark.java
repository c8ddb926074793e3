package dev.earmark.bench;

import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.qe.QeInference;
import dev.earmark.storage.qe.QeRun;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What QE adds to an import: {@link QeInference#afterImport} (decode and measure every new clip
 * with a hypothesis, predict with the shipped model, store the hints in one transaction, check and
 * store drift) on {@code clips} freshly imported clips of {@code seconds} seconds each (16 kHz mono
 * WAV, QeBenchmark's voiced signal at SNRs from 5 to 30 dB). The import itself runs in the
 * iteration's setup and is measured by {@link ImportBenchmark}; this one shot divided by {@code
 * clips} is the QE cost per imported clip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class QeImportBenchmark {
  private static final Actor BENCH = new Actor("bench", EnumSet.of(Role.LEAD));

  @Param({"200"})
  int clips;

  @Param({"3.0"})
  double seconds;

  Path data;
  Path manifest;
  Path contract;
  Project project;
  ImportReport report;
  int iteration;

  @Setup(Level.Trial)
  public void writeClips() throws IOException {
    data = Files.createTempDirectory("earmark-qe-import-bench");
    Files.createDirectories(data.resolve("audio"));
    manifest = data.resolve("manifest.jsonl");
    try (Writer out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
      for (int i = 0; i < clips; i++) {
        double snr = 5 + 25.0 * i / Math.max(1, clips - 1);
        Files.write(
            data.resolve("audio/clip-" + i + ".wav"), QeBenchmark.wav(16000, seconds, snr, i));
        out.write(
            "{\"id\": \"clip-"
                + i
                + "\", \"audio_filepath\": \"audio/clip-"
                + i
                + ".wav\", \"hypothesis\": \"one two three\", \"consent_scope\": \"full\"}\n");
      }
    }
    contract =
        Files.writeString(
            data.resolve("contract.json"),
            "{\"dataset_id\": \"bench\", \"purpose\": \"benchmark\", \"owner\": \"earmark\","
                + " \"source\": \"generated\", \"consent_scopes\": [{\"id\": \"full\","
                + " \"allowed_uses\": [\"labeling\", \"evaluation\", \"training\"]}],"
                + " \"allowed_uses\": [\"labeling\", \"evaluation\", \"training\"],"
                + " \"retention_policy\": \"none\", \"language\": \"en\", \"domain\": \"bench\","
                + " \"acoustic_conditions\": \"clean\", \"device_class\": \"mobile\","
                + " \"known_gaps\": []}");
  }

  @Setup(Level.Iteration)
  public void importIntoFreshProject() {
    project = Project.openEmbedded(data.resolve("project-" + iteration++), true, Clock.systemUTC());
    project.users().add(Actor.system(), BENCH.userId(), "Bench", BENCH.roles());
    report = new Importer(project).run(BENCH, manifest, contract, ImportListener.NONE);
    if (report.imported() != clips) {
      throw new IllegalStateException("imported " + report.imported() + " of " + clips);
    }
  }

  @Benchmark
  public QeRun hintsAndDriftAfterImport() {
    ProjectSettings settings = new ProjectSettings(project);
    QeRun run =
        new QeInference(project, settings, new QeHints(project, settings))
            .afterImport(BENCH, report);
    if (run.hints().size() != clips) {
      throw new IllegalStateException("hinted " + run.hints().size() + " of " + clips);
    }
    return run;
  }

  @TearDown(Level.Iteration)
  public void closeProject() {
    project.close();
  }

  @TearDown(Level.Trial)
  public void deleteClips() throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(QeImportBenchmark::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
