package dev.earmark.bench;

import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * P6: import of a large manifest into a fresh embedded H2 project (PRODUCT.md §7: 100k clips ≤ 30
 * s, header checks, no full decode). Every clip is its own 16 kHz mono 16-bit WAV file of 0.1 s, so
 * the run does what a real import does per clip: read the header, validate, SHA-256 the file, check
 * consent and retention, insert the clip and its audit event. One shot per iteration, each into a
 * new project; the files stay in the OS page cache after the first iteration, as they would on a
 * re-run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ImportBenchmark {
  @Param({"100000"})
  int clips;

  Path data;
  Path manifest;
  Path contract;
  Project project;
  int iteration;

  @Setup(Level.Trial)
  public void writeClips() throws IOException {
    data = Files.createTempDirectory("earmark-import-bench");
    byte[] template = wav(1600);
    for (int i = 0; i < clips; i++) {
      // A distinct sample per file, so checksums differ as in a real corpus.
      ByteBuffer.wrap(template).order(ByteOrder.LITTLE_ENDIAN).putInt(44, i);
      Path dir = data.resolve("audio").resolve(Integer.toString(i / 1000));
      if (i % 1000 == 0) {
        Files.createDirectories(dir);
      }
      Files.write(dir.resolve("clip-" + i + ".wav"), template);
    }
    manifest = data.resolve("manifest.jsonl");
    try (Writer out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
      for (int i = 0; i < clips; i++) {
        out.write(
            "{\"id\": \"clip-"
                + i
                + "\", \"audio_filepath\": \"audio/"
                + (i / 1000)
                + "/clip-"
                + i
                + ".wav\", \"duration\": 0.1, \"text\": \"a fifteen word reference sentence for"
                + " the import benchmark of earmark number "
                + i
                + "\", \"consent_scope\": \"full\", \"split\": \"test\", \"speaker_id\": \"s"
                + (i % 500)
                + "\", \"slices\": {\"noise\": \"clean\", \"device\": \"mobile\"}}\n");
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
  public void freshProject() {
    project = Project.openEmbedded(data.resolve("project-" + iteration++), true, Clock.systemUTC());
    // The importer checks the lead role against the user table.
    project.users().add(Actor.system(), "bench", "Bench", EnumSet.of(Role.LEAD));
  }

  @Benchmark
  public ImportReport importManifest() {
    ImportReport report =
        new Importer(project)
            .run(
                new Actor("bench", EnumSet.of(Role.LEAD)), manifest, contract, ImportListener.NONE);
    if (report.imported() != clips) {
      throw new IllegalStateException("imported " + report.imported() + " of " + clips);
    }
    return report;
  }

  @TearDown(Level.Iteration)
  public void closeProject() {
    project.close();
  }

  @TearDown(Level.Trial)
  public void deleteClips() throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(ImportBenchmark::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] wav(int frames) {
    ByteBuffer buffer = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 2);
    buffer.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    buffer.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    buffer.putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000);
    buffer.putShort((short) 2).putShort((short) 16);
    buffer.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 2);
    for (int i = 0; i < frames; i++) {
      buffer.putShort((short) (3000 * Math.sin(i * 0.1)));
    }
    return buffer.array();
  }
}
