package dev.earmark.bench;

import dev.earmark.app.demo.DemoCreation;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.AssignmentSummary;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Builds the project the P10 measurement opens (docs/BENCHMARKS.md): the demo project (users,
 * rubrics, label policy), plus a generated dataset of N clips (default 100,000) imported through
 * the real {@link Importer} and assigned to the three simulated annotators with 20% overlap, so
 * that each annotator's queue holds tens of thousands of clips. Each clip is its own 0.1 s WAV with
 * a distinct sample (distinct checksums, as in a real corpus). Not a JMH benchmark: run it once,
 * then measure the workbench on the result with benchmarks/scripts/workbench-start.sh.
 *
 * <p>Usage: {@code java -cp ... dev.earmark.bench.LargeWorkbenchProject DIR [CLIPS]}; the project
 * is made in DIR/project, the audio and manifest in DIR/data.
 */
public final class LargeWorkbenchProject {
  private LargeWorkbenchProject() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: LargeWorkbenchProject DIR [CLIPS]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    int clips = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path projectDir = dir.resolve("project");
    long start = System.nanoTime();
    DemoCreation.create(projectDir, "lead-demo", Clock.systemUTC());
    Path data = dir.resolve("data");
    Path manifest = writeData(data, clips);
    System.out.printf("demo project and %d clips written in %.1f s%n", clips, since(start));
    try (Project project = Project.openEmbedded(projectDir, false, Clock.systemUTC())) {
      Actor lead = project.users().actor("lead-demo");
      long importStart = System.nanoTime();
      ImportReport report =
          new Importer(project)
              .run(lead, manifest, data.resolve("contract.json"), ImportListener.NONE);
      System.out.printf(
          "imported %d clips (%d already present) in %.1f s%n",
          report.imported(), report.alreadyPresent(), since(importStart));
      long assignStart = System.nanoTime();
      AssignmentSummary summary =
          new Assignments(project, new Policies(project))
              .assign(
                  lead,
                  new AssignmentPlan(
                      VersionedId.parse("asr-transcript@1"),
                      Optional.of("bench-large"),
                      List.of("ann-alex", "ann-bea", "ann-cem"),
                      0.2,
                      0.0,
                      7),
                  QueuePriority.byClipId());
      System.out.printf("assigned: %s in %.1f s%n", summary, since(assignStart));
    }
  }

  /** Writes N distinct 0.1 s WAVs, their manifest and contract (dataset bench-large) into data. */
  static Path writeData(Path data, int clips) throws IOException {
    byte[] template = wav(1600);
    for (int i = 0; i < clips; i++) {
      ByteBuffer.wrap(template).order(ByteOrder.LITTLE_ENDIAN).putInt(44, i);
      Path folder = data.resolve("audio").resolve(Integer.toString(i / 1000));
      if (i % 1000 == 0) {
        Files.createDirectories(folder);
      }
      Files.write(folder.resolve("clip-" + i + ".wav"), template);
    }
    Path manifest = data.resolve("manifest.jsonl");
    try (Writer out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
      for (int i = 0; i < clips; i++) {
        out.write(
            "{\"id\": \"large-"
                + i
                + "\", \"audio_filepath\": \"audio/"
                + (i / 1000)
                + "/clip-"
                + i
                + ".wav\", \"duration\": 0.1, \"task_type\": \"asr-transcript\","
                + " \"text\": \"please transfer twenty one dollars to savings number "
                + i
                + "\", \"hypothesis\": \"please transfer twenty one dollars to saving number "
                + i
                + "\", \"consent_scope\": \"full\", \"retention_until\": \"2030-12-31\","
                + " \"split\": \"test\", \"source\": \"generated\", \"language\": \"en\","
                + " \"speaker_id\": \"s"
                + (i % 500)
                + "\", \"slices\": {\"noise\": \""
                + (i % 3 == 0 ? "street" : "clean")
                + "\", \"device\": \"mobile\"}}\n");
      }
    }
    Files.writeString(
        data.resolve("contract.json"),
        "{\"dataset_id\": \"bench-large\", \"purpose\": \"P10 benchmark\", \"owner\": \"earmark\","
            + " \"source\": \"generated\", \"consent_scopes\": [{\"id\": \"full\","
            + " \"allowed_uses\": [\"labeling\", \"evaluation\", \"training\"]}],"
            + " \"allowed_uses\": [\"labeling\", \"evaluation\", \"training\"],"
            + " \"retention_policy\": \"none\", \"language\": \"en\", \"domain\": \"bench\","
            + " \"acoustic_conditions\": \"clean\", \"device_class\": \"mobile\","
            + " \"known_gaps\": []}");
    return manifest;
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
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
