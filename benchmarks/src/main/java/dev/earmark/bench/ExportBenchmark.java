package dev.earmark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.export.BatchExporter;
import dev.earmark.storage.export.BatchVerification;
import dev.earmark.storage.export.BatchVerifier;
import dev.earmark.storage.export.ExportOutcome;
import dev.earmark.storage.export.ExportRequest;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * P8: export 100k submitted labels (50k clips x 2 agreeing annotators) from an embedded H2 project
 * into earmark-jsonl with manifest and per-file checksums, and verify the batch. Targets: export ≤
 * 10 s, verify ≤ 5 s. The project is filled with SQL in setup (the import path has its own target);
 * every export invocation writes a new batch into a fresh directory.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ExportBenchmark {
  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");
  private static final Actor LEAD = new Actor("lead-1", EnumSet.of(Role.LEAD));
  static final int CLIPS = 50_000;

  private Path dir;
  private Project project;
  private BatchExporter exporter;
  private Path verified;
  private int next;

  @Setup(Level.Trial)
  public void createProject() throws IOException {
    dir = Files.createTempDirectory("earmark-p8");
    project = Project.openEmbedded(dir.resolve("project"), true, Clock.systemUTC());
    fill(project, dir);
    exporter = new BatchExporter(project, new Policies(project));
    verified = dir.resolve("verified");
    ExportOutcome outcome = exporter.export(LEAD, request("verified", verified));
    if (!(outcome instanceof ExportOutcome.Exported)) {
      throw new IllegalStateException("the benchmark batch is blocked: " + outcome);
    }
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

  private static ExportRequest request(String name, Path out) {
    return ExportRequest.plain(
        name,
        out,
        List.of("earmark-jsonl"),
        Map.of(),
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
        DataUse.TRAINING,
        "bench");
  }

  /** Exports all 100k labels as a new batch. */
  @Benchmark
  public ExportOutcome export() {
    String name = "batch-" + next++;
    return exporter.export(LEAD, request(name, dir.resolve(name)));
  }

  /** Verifies the 100k-label batch written in setup. */
  @Benchmark
  public BatchVerification verify() {
    BatchVerification result = BatchVerifier.verify(verified);
    if (!result.intact()) {
      throw new IllegalStateException("the benchmark batch does not verify: " + result.problems());
    }
    return result;
  }

  /** Users, policy, one dataset, {@link #CLIPS} clips and two agreeing labels per clip. */
  static void fill(Project project, Path dir) throws IOException {
    project.users().add(Actor.system(), "lead-1", "Lead", EnumSet.of(Role.LEAD));
    project.users().add(LEAD, "ann-1", "Annotator 1", EnumSet.of(Role.ANNOTATOR));
    project.users().add(LEAD, "ann-2", "Annotator 2", EnumSet.of(Role.ANNOTATOR));
    Policies policies = new Policies(project);
    policies.publishRubric(LEAD, RubricCatalog.builtIn().get(ASR));
    ObjectMapper json = new ObjectMapper();
    policies.publishRuleSet(
        LEAD, RuleSets.EN_ASR_1, json.readTree(RuleSetJson.write(RuleSets.enAsr1())));
    policies.setPolicy(LEAD, ASR, RuleSets.EN_ASR_1);
    Path audio = dir.resolve("tone.wav");
    Files.write(audio, tone());
    String contract =
        "{\"dataset_id\": \"p8\", \"purpose\": \"benchmark\", \"owner\": \"o\", \"source\": \"s\","
            + " \"consent_scopes\": [{\"id\": \"full\", \"allowed_uses\": [\"labeling\","
            + " \"training\", \"evaluation\"]}], \"allowed_uses\": [\"labeling\", \"training\","
            + " \"evaluation\"], \"retention_policy\": \"none\", \"language\": \"en\","
            + " \"domain\": \"bench\", \"acoustic_conditions\": [\"clean\"],"
            + " \"device_class\": [\"studio\"], \"known_gaps\": []}";
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    project
        .jdbi()
        .useTransaction(
            handle -> {
              handle.execute(
                  "INSERT INTO datasets (id, contract_json, contract_hash, created_at, updated_at)"
                      + " VALUES ('p8', ?, 'sha256:0', ?, ?)",
                  contract,
                  now,
                  now);
              handle.execute(
                  "INSERT INTO import_runs (id, dataset_id, manifest_path, manifest_sha256, actor,"
                      + " started_at) VALUES (1, 'p8', 'bench', 'sha256:0', 'lead-1', ?)",
                  now);
              var clips =
                  handle.prepareBatch(
                      "INSERT INTO clips (id, dataset_id, clip_key, status, audio_path, sha256,"
                          + " duration_s, sample_rate, channels, task_type, slices_json,"
                          + " speaker_id, consent_scope, split, source, language, payload_json,"
                          + " import_run_id, manifest_line, created_at) VALUES (:id, 'p8', :key,"
                          + " 'active', :audio, :sha, 1.0, 16000, 1, 'asr-transcript', '{}',"
                          + " :speaker, 'full', 'train', 's', 'en', '{}', 1, :line, :now)");
              var assignments =
                  handle.prepareBatch(
                      "INSERT INTO assignments (id, clip_id, annotator_id, rubric_version, is_gold,"
                          + " priority, state, created_at, created_by) VALUES (:id, :clip, :ann,"
                          + " 'asr-transcript@1', FALSE, 0, 'submitted', :now, 'lead-1')");
              var labels =
                  handle.prepareBatch(
                      "INSERT INTO labels (assignment_id, clip_id, annotator_id, rubric_version,"
                          + " value_json, time_spent_ms, listened_coverage, state, row_version,"
                          + " created_at, updated_at, submitted_at, last_modified_by) VALUES"
                          + " (:id, :clip, :ann, 'asr-transcript@1', :value, 1000, 1.0,"
                          + " 'submitted', 1, :now, :now, :now, :ann)");
              for (int i = 1; i <= CLIPS; i++) {
                clips
                    .bind("id", i)
                    .bind("key", String.format("clip-%06d", i))
                    .bind("audio", audio.toString())
                    .bind("sha", String.format("sha256:%064x", i))
                    .bind("speaker", "spk-" + (i % 500))
                    .bind("line", i)
                    .bind("now", now)
                    .add();
                for (int a = 1; a <= 2; a++) {
                  long id = 2L * i + a;
                  String value =
                      "{\"fields\":{\"transcript\":\""
                          + (a == 1 ? "The" : "the")
                          + " quick brown fox number "
                          + i
                          + " jumps over the lazy dog\"},\"rubric\":\"asr-transcript@1\"}";
                  assignments.bind("id", id).bind("clip", i).bind("ann", "ann-" + a);
                  assignments.bind("now", now).add();
                  labels.bind("id", id).bind("clip", i).bind("ann", "ann-" + a);
                  labels.bind("value", value).bind("now", now).add();
                }
                if (i % 5_000 == 0) {
                  clips.execute();
                  assignments.execute();
                  labels.execute();
                }
              }
            });
  }

  private static byte[] tone() {
    int frames = 16_000;
    ByteBuffer wav = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes()).putInt(36 + frames * 2).put("WAVE".getBytes());
    wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    wav.putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16);
    wav.put("data".getBytes()).putInt(frames * 2);
    for (int i = 0; i < frames; i++) {
      wav.putShort((short) (Math.sin(2 * Math.PI * 440 * i / 16_000.0) * 8000));
    }
    return wav.array();
  }
}
