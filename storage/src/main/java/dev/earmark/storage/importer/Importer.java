package dev.earmark.storage.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.audio.AudioException;
import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.decode.AudioValidation;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.engine.contract.Eligibility;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Imports a manifest under a dataset contract (PRODUCT.md §3.1). Each clip is checked against the
 * contract (consent, retention), its audio validated by the audio module and checksummed, then
 * stored as active, quarantined or excluded with its reason. Manifest lines are handled in chunks:
 * the audio of a chunk is checked on the common pool's workers while the importing thread commits
 * the chunk before it (and then helps with the checks), and each chunk is committed in one
 * transaction with its audit events, in manifest order. A killed import therefore keeps every
 * committed chunk, and re-running the same manifest skips the clips already stored, which makes
 * imports both idempotent and resumable.
 *
 * <p>An importer made by {@link #measuringFeatures} also measures the QE features of each clip it
 * makes active with an ASR hypothesis, in the same pass as the clip's header check and checksum
 * (the file is still in the page cache, and the work shares the check's threads); {@link
 * dev.earmark.storage.qe.QeInference#afterImport(Actor, ImportReport, Map)} then predicts from them
 * instead of decoding every clip again.
 *
 * <p>Not thread-safe: one import at a time per instance.
 */
public final class Importer {
  /** Manifest lines per transaction. */
  static final int CHUNK = 256;

  /** Declared and measured durations further apart than this are reported as a warning. */
  static final double DURATION_TOLERANCE_S = 0.1;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSERT_CLIP =
      "INSERT INTO clips (dataset_id, clip_key, status, status_code, status_reason,"
          + " audio_path, sha256, size_bytes, codec, sample_rate, channels, bits_per_sample,"
          + " frames, duration_s, task_type, reference, hypothesis, slices_json, speaker_id,"
          + " consent_scope, retention_until, split, source, language, payload_json,"
          + " import_run_id, manifest_line, created_at) VALUES (:dataset, :key, :status,"
          + " :code, :reason, :path, :sha, :size, :codec, :rate, :channels, :bits, :frames,"
          + " :duration, :task, :reference, :hypothesis, :slices, :speaker, :consent,"
          + " :retention, :split, :source, :language, :payload, :run, :line, :at)";
  private static final ObjectMapper REPORT_JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Project project;
  private final Clock clock;
  private final SegmentCutter segmentCutter;
  private final boolean measureFeatures;
  private Map<String, MeasuredFeatures> measured = Map.of();

  public Importer(Project project) {
    this(project, false);
  }

  private Importer(Project project, boolean measureFeatures) {
    this.project = project;
    this.clock = project.clock();
    this.segmentCutter = new SegmentCutter(project.directory().orElse(null));
    this.measureFeatures = measureFeatures;
  }

  /**
   * An importer that also measures the acoustic features ({@link FeatureExtractor}) of every clip a
   * run makes active that has an ASR hypothesis, for {@link #measuredFeatures}.
   */
  public static Importer measuringFeatures(Project project) {
    return new Importer(project, true);
  }

  /**
   * The features measured by the last {@link #run}, by manifest clip id (empty unless this importer
   * was made by {@link #measuringFeatures}). Clips the run found already present are not in it.
   */
  public Map<String, MeasuredFeatures> measuredFeatures() {
    return Collections.unmodifiableMap(measured);
  }

  /**
   * Runs one import.
   *
   * @throws dev.earmark.engine.contract.ContractException when the contract is incomplete
   * @throws StorageException when a file cannot be read or the actor is not a lead
   */
  public ImportReport run(Actor actor, Path manifest, Path contractFile, ImportListener listener) {
    return run(actor, ManifestSource.manifest(manifest), contractFile, listener);
  }

  /**
   * Runs one import of clips from {@code source} (a manifest, or another format read record by
   * record).
   *
   * @throws dev.earmark.engine.contract.ContractException when the contract is incomplete
   * @throws StorageException when a file cannot be read or the actor is not a lead
   */
  public ImportReport run(
      Actor actor, ManifestSource source, Path contractFile, ImportListener listener) {
    Access.require(project, actor, "import clips", Role.LEAD);
    DatasetContract contract =
        DatasetContract.parse(readJson(contractFile), contractFile.toString());
    Path manifest = source.path();
    String manifestHash = source.sha256();
    long totalLines = source.size();
    long runId = startRun(actor, contract, manifest, manifestHash);
    Map<String, Existing> existing = existingClips(contract.datasetId());
    Run run = new Run(runId, actor, contract, existing, LocalDate.now(clock));
    measured = new HashMap<>();
    // The chunk being read, and the one whose checks run on the pool meanwhile (committed once the
    // next one is full, so the database work of one chunk overlaps the audio checks of the next).
    Chunk[] reading = {new Chunk()};
    CheckedChunk[] checking = {null};
    boolean[] stopped = {false};
    try {
      source.read(
          contract,
          line -> {
            if (stopped[0]) {
              return;
            }
            Chunk chunk = reading[0];
            if (line instanceof ManifestLine.Error error) {
              chunk.errors.add(
                  new ClipOutcome(error.line(), null, "malformed-line", error.message()));
            } else if (line instanceof ManifestLine.Note note) {
              chunk.warnings.add(
                  new ClipOutcome(note.line(), note.clipId(), note.code(), note.message()));
            } else {
              chunk.entries.add((ManifestLine.Entry) line);
            }
            if (chunk.entries.size() == CHUNK) {
              CheckedChunk started = new CheckedChunk(run, chunk);
              reading[0] = new Chunk();
              CheckedChunk previous = checking[0];
              checking[0] = started;
              if (previous != null) {
                stopped[0] = commitAndReport(run, previous, listener, totalLines);
                if (stopped[0]) {
                  checking[0] = null;
                  started.abandon();
                }
              }
            }
          });
      if (checking[0] != null) {
        CheckedChunk previous = checking[0];
        checking[0] = null;
        stopped[0] = commitAndReport(run, previous, listener, totalLines);
      }
      if (!stopped[0]) {
        commit(run, new CheckedChunk(run, reading[0]));
      }
    } finally {
      if (checking[0] != null) {
        checking[0].abandon(); // a failed commit: no check keeps running after run returns
      }
    }
    listener.progress(totalLines, totalLines);
    ImportReport report =
        new ImportReport(
            runId,
            contract.datasetId(),
            manifest.toString(),
            run.imported,
            run.alreadyPresent,
            run.quarantined,
            run.excluded,
            run.errors,
            run.warnings);
    finishRun(run, report, stopped[0]);
    return report;
  }

  /** The report of an earlier run, as stored. */
  public Optional<String> storedReport(long runId) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT report_json FROM import_runs WHERE id = :id")
                    .bind("id", runId)
                    .mapTo(String.class)
                    .findOne());
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new StorageException(
          file
              + " is not valid JSON ("
              // Jackson's bounds (nesting over 1000 levels...) carry no location
              + (e.getLocation() == null
                  ? e.getOriginalMessage()
                  : "line " + e.getLocation().getLineNr())
              + "): fix it and retry",
          e);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private long startRun(Actor actor, DatasetContract contract, Path manifest, String manifestHash) {
    AuditLog audit = project.audit();
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              recordContract(handle, actor, contract);
              long id =
                  handle
                      .createUpdate(
                          "INSERT INTO import_runs (dataset_id, manifest_path, manifest_sha256,"
                              + " actor, started_at) VALUES (:dataset, :path, :sha, :actor, :at)")
                      .bind("dataset", contract.datasetId())
                      .bind("path", manifest.toAbsolutePath().toString())
                      .bind("sha", manifestHash)
                      .bind("actor", actor.userId())
                      .bind("at", StoredTime.now(clock))
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one();
              ObjectNode after = JSON.createObjectNode();
              after.put("manifest", manifest.toAbsolutePath().toString());
              after.put("manifest_sha256", manifestHash);
              after.put("contract_hash", contract.contentHash());
              audit.append(
                  handle, actor, AuditAction.IMPORT_START.created(Long.toString(id), after));
              return id;
            });
  }

  /** Stores the dataset's contract, or replaces it when its content changed; audited either way. */
  private void recordContract(Handle handle, Actor actor, DatasetContract contract) {
    Optional<String> stored =
        handle
            .createQuery("SELECT contract_json FROM datasets WHERE id = :id")
            .bind("id", contract.datasetId())
            .mapTo(String.class)
            .findOne();
    JsonNode before = stored.map(Importer::readTree).orElse(null);
    if (before != null && ContentHash.of(before).equals(contract.contentHash())) {
      return;
    }
    String sql =
        before == null
            ? "INSERT INTO datasets (id, contract_json, contract_hash, created_at, updated_at)"
                + " VALUES (:id, :json, :hash, :at, :at)"
            : "UPDATE datasets SET contract_json = :json, contract_hash = :hash, updated_at = :at"
                + " WHERE id = :id";
    handle
        .createUpdate(sql)
        .bind("id", contract.datasetId())
        .bind("json", ContentHash.canonicalJson(contract.document()))
        .bind("hash", contract.contentHash())
        .bind("at", StoredTime.now(clock))
        .execute();
    project
        .audit()
        .append(
            handle,
            actor,
            (before == null ? AuditAction.DATASET_CREATE : AuditAction.DATASET_CONTRACT_UPDATE)
                .changed(contract.datasetId(), before, contract.document()));
  }

  private Map<String, Existing> existingClips(String datasetId) {
    Map<String, Existing> existing = new HashMap<>();
    project
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, clip_key, status, status_code, sha256 FROM clips"
                            + " WHERE dataset_id = :d")
                    .bind("d", datasetId)
                    .map(
                        (rs, ctx) ->
                            new Existing(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5)))
                    .forEach(clip -> existing.put(clip.key(), clip)));
    return existing;
  }

  /**
   * Commits a chunk, reports progress up to its last line and asks whether to stop; true when the
   * listener cancelled.
   */
  private boolean commitAndReport(
      Run run, CheckedChunk chunk, ImportListener listener, long totalLines) {
    commit(run, chunk);
    List<ManifestLine.Entry> entries = chunk.chunk.entries;
    listener.progress(entries.get(entries.size() - 1).line(), totalLines);
    return listener.cancelled();
  }

  /**
   * Waits for (and helps with) a chunk's audio checks, then stores it in one transaction. The
   * chunk's malformed lines and notes join the report first, where reading them used to put them.
   */
  private void commit(Run run, CheckedChunk chunk) {
    List<Checked> checked = chunk.await();
    run.errors.addAll(chunk.chunk.errors);
    run.warnings.addAll(chunk.chunk.warnings);
    if (checked.isEmpty()) {
      return;
    }
    project
        .jdbi()
        .useTransaction(
            handle -> {
              PreparedBatch inserts = handle.prepareBatch(INSERT_CLIP);
              List<AuditLog.Pending> events = new ArrayList<>();
              for (Checked clip : checked) {
                store(handle, inserts, events, run, clip);
              }
              if (!events.isEmpty()) {
                inserts.execute();
                project.audit().appendAll(handle, run.actor, events);
              }
            });
  }

  private Checked check(Run run, ManifestEntry entry) {
    Existing before = run.existing.get(entry.id());
    if (before != null && !before.status().equals("quarantined")) {
      return new Checked(entry, null, null, null, null, true, false, null);
    }
    Eligibility eligibility =
        Eligibility.forLabeling(
            run.contract,
            run.contract.consentScopeFor(entry.consentScope()),
            entry.retentionUntil(),
            run.today);
    if (eligibility instanceof Eligibility.Excluded excluded) {
      return new Checked(entry, null, null, null, excluded, false, false, null);
    }
    AudioValidation validation = AudioDecoder.validate(entry.audioPath());
    if (entry.segment() != null
        && validation instanceof AudioValidation.Valid whole
        && !SegmentCutter.isWholeFile(entry.segment(), whole.info())) {
      SegmentCutter.Cut cut = segmentCutter.cut(run.contract.datasetId(), entry, whole.info());
      if (cut instanceof SegmentCutter.Cut.Refused refused) {
        return new Checked(
            entry,
            null,
            null,
            null,
            new Eligibility.Excluded(refused.code(), refused.reason()),
            false,
            true,
            null);
      }
      entry = ((SegmentCutter.Cut.Written) cut).entry();
      validation = AudioDecoder.validate(entry.audioPath());
    }
    String sha = null;
    long size = -1;
    if (validation instanceof AudioValidation.Valid) {
      try {
        sha = Checksums.sha256(entry.audioPath());
        size = Files.size(entry.audioPath());
      } catch (IOException e) {
        validation =
            new AudioValidation.Invalid(
                dev.earmark.audio.decode.InvalidReason.UNREADABLE,
                "the file could not be read for its checksum: " + e.getMessage());
      }
    }
    MeasuredFeatures features = null;
    if (measureFeatures
        && validation instanceof AudioValidation.Valid
        && entry.hypothesis() != null
        && !entry.hypothesis().isEmpty()) {
      features = measure(entry.audioPath());
    }
    return new Checked(entry, validation, sha, size, null, false, false, features);
  }

  /** As {@code QeInference} measures a stored clip: the same extractor on the same file. */
  private static MeasuredFeatures measure(Path audio) {
    try {
      return new MeasuredFeatures(FeatureExtractor.extract(audio).vector(), null);
    } catch (AudioException e) {
      return new MeasuredFeatures(null, e.getMessage());
    }
  }

  private void store(
      Handle handle, PreparedBatch inserts, List<AuditLog.Pending> events, Run run, Checked clip) {
    ManifestEntry entry = clip.entry();
    if (clip.alreadyPresent()) {
      run.alreadyPresent++;
      return;
    }
    String status;
    String code = null;
    String reason = null;
    AudioInfo info = null;
    if (clip.excluded() != null && clip.segmentRefused()) {
      status = "quarantined";
      code = clip.excluded().code();
      reason = clip.excluded().reason();
      run.quarantined.add(new ClipOutcome(entry.line(), entry.id(), code, reason));
    } else if (clip.excluded() != null) {
      status = "excluded";
      code = clip.excluded().code();
      reason = clip.excluded().reason();
      run.excluded.add(new ClipOutcome(entry.line(), entry.id(), code, reason));
    } else if (clip.validation() instanceof AudioValidation.Invalid invalid) {
      status = "quarantined";
      code = invalid.reason().id();
      reason = invalid.message();
      run.quarantined.add(new ClipOutcome(entry.line(), entry.id(), code, reason));
    } else {
      status = "active";
      info = ((AudioValidation.Valid) clip.validation()).info();
      run.imported++;
      warnAbout(run, entry, info, clip.sha256());
      if (clip.features() != null) {
        measured.put(entry.id(), clip.features());
      }
    }
    Existing previous = run.existing.get(entry.id());
    if (previous != null
        && status.equals(previous.status())
        && java.util.Objects.equals(code, previous.code())) {
      return; // still quarantined for the same reason: reported again, nothing to rewrite
    }
    if (previous != null) {
      handle.execute("DELETE FROM clips WHERE id = ?", previous.id());
    }
    inserts
        .bind("dataset", run.contract.datasetId())
        .bind("key", entry.id())
        .bind("status", status)
        .bind("code", code)
        .bind("reason", reason)
        .bind("path", entry.audioPath().toString())
        .bind("sha", clip.sha256())
        .bind("size", clip.size())
        .bind("codec", info == null ? null : info.codec().id())
        .bind("rate", info == null ? null : info.sampleRate())
        .bind("channels", info == null ? null : info.channels())
        .bind("bits", info == null ? null : info.bitsPerSample())
        .bind("frames", info == null ? null : info.frames())
        .bind("duration", info == null ? null : info.durationSeconds())
        .bind("task", entry.taskType())
        .bind("reference", entry.reference())
        .bind("hypothesis", entry.hypothesis())
        .bind("slices", json(JSON.valueToTree(entry.slices())))
        .bind("speaker", entry.speakerId())
        .bind("consent", run.contract.consentScopeFor(entry.consentScope()))
        .bind("retention", entry.retentionUntil())
        .bind("split", entry.split())
        .bind("source", entry.source())
        .bind("language", entry.language())
        .bind("payload", json(entry.payload()))
        .bind("run", run.runId)
        .bind("line", entry.line())
        .bind("at", StoredTime.now(clock))
        .add();
    ObjectNode after = JSON.createObjectNode();
    after.put("dataset", run.contract.datasetId());
    after.put("status", status);
    after.put("sha256", clip.sha256());
    after.put("code", code);
    events.add(
        (previous == null ? AuditAction.CLIP_IMPORT : AuditAction.CLIP_REIMPORT)
            .created(run.contract.datasetId() + "/" + entry.id(), after));
  }

  private static void warnAbout(Run run, ManifestEntry entry, AudioInfo info, String sha) {
    Double declared = entry.declaredDuration();
    if (declared != null && Math.abs(declared - info.durationSeconds()) > DURATION_TOLERANCE_S) {
      run.warnings.add(
          new ClipOutcome(
              entry.line(),
              entry.id(),
              "duration-mismatch",
              String.format(
                  java.util.Locale.ROOT,
                  "the manifest says %.3f s but the audio lasts %.3f s",
                  declared,
                  info.durationSeconds())));
    }
    String twin = run.clipBySha.putIfAbsent(sha, entry.id());
    if (twin != null) {
      run.warnings.add(
          new ClipOutcome(
              entry.line(),
              entry.id(),
              "duplicate-audio",
              "the audio is identical to clip " + twin + " (check for split leakage)"));
    }
  }

  private void finishRun(Run run, ImportReport report, boolean cancelled) {
    String json;
    try {
      json = REPORT_JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the import report could not be written as JSON", e);
    }
    project
        .jdbi()
        .useTransaction(
            handle -> {
              handle
                  .createUpdate(
                      "UPDATE import_runs SET finished_at = :at, report_json = :report WHERE id = :id")
                  .bind("at", StoredTime.now(clock))
                  .bind("report", json)
                  .bind("id", run.runId)
                  .execute();
              ObjectNode after = JSON.createObjectNode();
              after.put("imported", report.imported());
              after.put("already_present", report.alreadyPresent());
              after.put("quarantined", report.quarantined().size());
              after.put("excluded", report.excluded().size());
              after.put("errors", report.errors().size());
              after.put("cancelled", cancelled);
              project
                  .audit()
                  .append(
                      handle,
                      run.actor,
                      AuditAction.IMPORT_FINISH.created(Long.toString(run.runId), after));
            });
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  private static String json(JsonNode node) {
    return ContentHash.canonicalJson(node);
  }

  private record Existing(long id, String key, String status, String code, String sha256) {}

  private record Checked(
      ManifestEntry entry,
      AudioValidation validation,
      String sha256,
      Long size,
      Eligibility.Excluded excluded,
      boolean alreadyPresent,
      boolean segmentRefused,
      MeasuredFeatures features) {}

  /**
   * Manifest lines read since the previous chunk was full: its clips, malformed lines and notes.
   */
  private static final class Chunk {
    final List<ManifestLine.Entry> entries = new ArrayList<>(CHUNK);
    final List<ClipOutcome> errors = new ArrayList<>();
    final List<ClipOutcome> warnings = new ArrayList<>();
  }

  /**
   * The audio checks of one chunk, started on the common pool's workers when it is made; the
   * importing thread joins in from {@link #await}. Each result has its line's place, so the order
   * of the checks never shows. {@link #check} touches no mutable state of the run.
   */
  private final class CheckedChunk {
    final Chunk chunk;
    private final Run run;
    private final Checked[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch finished;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    CheckedChunk(Run run, Chunk chunk) {
      this.run = run;
      this.chunk = chunk;
      this.results = new Checked[chunk.entries.size()];
      this.finished = new CountDownLatch(results.length);
      int helpers = Math.min(ForkJoinPool.getCommonPoolParallelism(), results.length);
      for (int i = 0; i < helpers; i++) {
        ForkJoinPool.commonPool().execute(this::work);
      }
    }

    private void work() {
      int i;
      while ((i = next.getAndIncrement()) < results.length) {
        try {
          results[i] = check(run, chunk.entries.get(i).entry());
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        } finally {
          finished.countDown();
        }
      }
    }

    /** The checks in line order, once all are done (the calling thread checks clips meanwhile). */
    List<Checked> await() {
      work();
      waitForWorkers();
      Throwable failed = failure.get();
      if (failed instanceof RuntimeException e) {
        throw e;
      }
      if (failed instanceof Error e) {
        throw e;
      }
      return Arrays.asList(results);
    }

    /** Hands out no more checks and waits for those under way; the results are dropped. */
    void abandon() {
      int claimed = Math.min(next.getAndSet(results.length), results.length);
      for (int i = claimed; i < results.length; i++) {
        finished.countDown();
      }
      waitForWorkers();
    }

    private void waitForWorkers() {
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the checks under way finish quickly; keep the flag for the caller
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Mutable state of one run, touched only by the importing thread. */
  private static final class Run {
    final long runId;
    final Actor actor;
    final DatasetContract contract;
    final Map<String, Existing> existing;
    final LocalDate today;
    final Map<String, String> clipBySha = new HashMap<>();
    final List<ClipOutcome> quarantined = new ArrayList<>();
    final List<ClipOutcome> excluded = new ArrayList<>();
    final List<ClipOutcome> errors = new ArrayList<>();
    final List<ClipOutcome> warnings = new ArrayList<>();
    int imported;
    int alreadyPresent;

    Run(
        long runId,
        Actor actor,
        DatasetContract contract,
        Map<String, Existing> existing,
        LocalDate today) {
      this.runId = runId;
      this.actor = actor;
      this.contract = contract;
      this.existing = existing;
      this.today = today;
      existing
          .values()
          .forEach(
              clip -> {
                if (clip.sha256() != null) {
                  clipBySha.putIfAbsent(clip.sha256(), clip.key());
                }
              });
    }
  }
}
