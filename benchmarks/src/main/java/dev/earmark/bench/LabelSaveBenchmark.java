package dev.earmark.bench;

import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.label.SavedLabel;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P7: latency of one label save (autosave of a draft) on an embedded H2 project, as the workbench
 * does it: roles checked against the user table, the assignment row locked, the value validated
 * against its rubric version, the label written with its optimistic-lock version, the audit event
 * appended, and the transaction committed (H2 WRITE_DELAY=0) before the call returns. Target: p99 ≤
 * 5 ms. Sample-time mode reports the percentiles.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class LabelSaveBenchmark {
  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");
  private static final Actor LEAD = new Actor("lead-1", EnumSet.of(Role.LEAD));
  private static final Actor ANNOTATOR = new Actor("ann-1", EnumSet.of(Role.ANNOTATOR));
  private static final int CLIPS = 200;

  private Path dir;
  private Project project;
  private Labels labels;
  private long[] assignments;
  private int[] versions;
  private int next;

  @Setup(Level.Trial)
  public void createProject() throws IOException {
    dir = Files.createTempDirectory("earmark-p7");
    project = Project.openEmbedded(dir.resolve("project"), true, Clock.systemUTC());
    project.users().add(LEAD, "lead-1", "Lead", EnumSet.of(Role.LEAD));
    project.users().add(LEAD, "ann-1", "Annotator", EnumSet.of(Role.ANNOTATOR));
    Path manifest = writeClips(dir.resolve("clips"));
    new Importer(project)
        .run(LEAD, manifest, dir.resolve("clips/contract.json"), ImportListener.NONE);
    Policies policies = new Policies(project);
    policies.publishRubric(LEAD, RubricCatalog.builtIn().get(ASR));
    Assignments assigning = new Assignments(project, policies);
    assigning.assign(
        LEAD,
        new AssignmentPlan(ASR, Optional.empty(), List.of("ann-1"), 0, 0, 1),
        QueuePriority.byClipId());
    assignments =
        assigning.queue(ANNOTATOR, "ann-1").stream().mapToLong(QueueItem::assignmentId).toArray();
    versions = new int[assignments.length];
    labels = new Labels(project, policies, new ProjectSettings(project));
  }

  @TearDown(Level.Trial)
  public void deleteProject() throws IOException {
    project.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** One autosave of a draft, committed; round-robin over the annotator's assignments. */
  @Benchmark
  public SavedLabel saveDraft() {
    int i = next;
    next = (next + 1) % assignments.length;
    LabelInput input =
        new LabelInput(
            new LabelValue(
                ASR,
                Map.of(
                    "transcript",
                    new FieldValue.Text(
                        "the quick brown fox jumps over the lazy dog " + versions[i]),
                    "unsure",
                    new FieldValue.Flag(false))),
            Duration.ofSeconds(versions[i]),
            1.0);
    SavedLabel saved = labels.saveDraft(ANNOTATOR, assignments[i], input, versions[i]);
    versions[i] = saved.version();
    return saved;
  }

  private static Path writeClips(Path clips) throws IOException {
    Files.createDirectories(clips.resolve("audio"));
    Files.writeString(
        clips.resolve("contract.json"),
        "{\"dataset_id\": \"p7\", \"purpose\": \"benchmark\", \"owner\": \"o\", \"source\": \"s\","
            + " \"consent_scopes\": [{\"id\": \"full\", \"allowed_uses\": [\"labeling\"]}],"
            + " \"allowed_uses\": [\"labeling\"], \"retention_policy\": \"none\","
            + " \"language\": \"en\", \"domain\": \"bench\", \"acoustic_conditions\": [\"clean\"],"
            + " \"device_class\": [\"studio\"], \"known_gaps\": []}");
    StringBuilder manifest = new StringBuilder();
    for (int i = 0; i < CLIPS; i++) {
      String id = String.format("clip-%04d", i);
      writeTone(clips.resolve("audio/" + id + ".wav"), 200 + i);
      manifest.append(
          "{\"id\": \""
              + id
              + "\", \"audio_filepath\": \"audio/"
              + id
              + ".wav\","
              + " \"consent_scope\": \"full\"}\n");
    }
    return Files.writeString(clips.resolve("manifest.jsonl"), manifest);
  }

  /** A real 0.25 s, 16 kHz, 16-bit mono PCM WAV tone. */
  private static void writeTone(Path file, double hertz) throws IOException {
    int rate = 16000;
    int frames = rate / 4;
    ByteBuffer buffer = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put("RIFF".getBytes()).putInt(36 + frames * 2).put("WAVE".getBytes());
    buffer.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    buffer.putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    buffer.put("data".getBytes()).putInt(frames * 2);
    for (int i = 0; i < frames; i++) {
      buffer.putShort((short) (8000 * Math.sin(2 * Math.PI * hertz * i / rate)));
    }
    Files.write(file, buffer.array());
  }
}
