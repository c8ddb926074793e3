package dev.earmark.storage.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.DisputeState;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.engine.release.ReleaseCheck;
import dev.earmark.engine.release.ReleaseClip;
import dev.earmark.engine.release.ReleaseLabel;
import dev.earmark.engine.release.ReleaseReport;
import dev.earmark.engine.release.ReleaseRules;
import dev.earmark.engine.release.Split;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.FaultPoints;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditAnchor;
import dev.earmark.storage.audit.AuditAnchors;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.export.format.ExportClip;
import dev.earmark.storage.export.format.ExportFormat;
import dev.earmark.storage.export.format.ExportFormats;
import dev.earmark.storage.export.format.WrittenFile;
import dev.earmark.storage.importer.Checksums;
import dev.earmark.storage.listening.TtsReports;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PublishedVersion;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.project.Publications;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Exports a batch: the final label of every active clip of the ASR policy's task type that has a
 * submitted label, the listening tests asked for ({@link ListeningExport}), the release check over
 * all their clips, the chosen interchange formats and {@code manifest.json}
 * (docs/formats/batch-manifest.md).
 *
 * <p>A batch may hold listening tests only: when no asr-transcript item is exported and the request
 * carries listening tests, the interchange formats (all of them about transcripts) are not written
 * and the manifest says so under {@code formats_not_written}; a project without an asr-transcript
 * policy (and without labelled asr-transcript clips) exports such batches with {@code policy}
 * {@code null}.
 *
 * <p>The final label of a clip is the adjudicated value where a dispute on it was decided, else the
 * label all submitted labels agree on after the policy's normalization (or the only label). A clip
 * with an open or escalated dispute, or whose labels disagree without a decision, counts for the
 * {@code unresolved-disputes} blocker; when the lead allows that blocker such clips are left out of
 * the files and listed under {@code excluded} in the manifest.
 *
 * <p>Files are written into a hidden temporary directory next to the target ({@code
 * .NAME.export-partial-*}, which {@link BatchVerifier} never accepts), the manifest last; then the
 * batch row, its audit event and a publication intent commit together, and only then is the
 * directory renamed into place ({@link Publications}), so a killed export never leaves a directory
 * that verifies without its batch row, and opening the project finishes a rename a crash cut off.
 * Output is deterministic: the same project data and request give byte-identical files. Stateless
 * apart from the project; thread-safe as far as the project is.
 */
public final class BatchExporter {
  /** The manifest's file name inside a batch directory. */
  public static final String MANIFEST = BatchManifest.FILE_NAME;

  /** The {@code format} member of every manifest. */
  public static final String MANIFEST_FORMAT = BatchManifest.FORMAT;

  /** The directory inside a batch that {@code --with-audio} copies the clips' audio into. */
  public static final String AUDIO_DIRECTORY = "audio";

  /** Suffix part of the temporary directory's name; {@link BatchVerifier} refuses such names. */
  public static final String PARTIAL_MARKER = ".export-partial-";

  /** The manifest member naming the formats a batch of listening tests only did not write. */
  public static final String NOT_WRITTEN = "formats_not_written";

  /** Its {@code reason}: the batch holds no asr-transcript item. */
  public static final String NO_ASR_ITEMS = "no-asr-items";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final Policies policies;

  public BatchExporter(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /**
   * Exports {@code request} as the acting lead.
   *
   * @return {@link ExportOutcome.Blocked} (and nothing written) when release blockers remain after
   *     the allowed ones, else {@link ExportOutcome.Exported}
   * @throws dev.earmark.storage.PermissionDeniedException unless the actor is a lead
   * @throws StorageException when the request cannot be carried out (no ASR policy, unknown format,
   *     an allowed code with a blank reason, a non-empty target, a batch name reused for different
   *     data); the message says what to do
   * @throws dev.earmark.engine.EngineException when an allowed code is not a blocker code
   */
  public ExportOutcome export(Actor actor, ExportRequest request) {
    Access.require(project, actor, "export a batch", Role.LEAD);
    refuseIncomplete(request);
    Path target = request.outDir().toAbsolutePath().normalize();
    checkTarget(target);

    Optional<ExistingBatch> existing = existingBatch(request.batchName());
    Instant createdAt =
        request
            .timestamp()
            .or(() -> existing.map(ExistingBatch::createdAt))
            .orElseGet(() -> project.clock().instant())
            .truncatedTo(ChronoUnit.MILLIS);
    String createdBy = existing.map(ExistingBatch::createdBy).orElse(actor.userId());
    Optional<ChosenPolicy> chosenPolicy = chosenPolicy(request);
    Normalizer normalizer =
        chosenPolicy.map(ChosenPolicy::normalizer).orElse(Normalizer.identity());
    List<ExportFormat> formats = ExportFormats.standard(createdAt).chosen(request.formats());

    List<TtsReports.Screened> listening =
        request.listening().stream()
            .distinct()
            .map(type -> new TtsReports(project, policies).screened(actor, type))
            .toList();
    // In a (read) transaction: the PostgreSQL driver streams a fetch-sized result only there.
    BatchData data = project.jdbi().inTransaction(handle -> BatchData.load(handle, normalizer));
    if (chosenPolicy.isEmpty() && !data.items().isEmpty()) {
      throw new StorageException(
          "The project has no label policy for asr-transcript but "
              + data.items().size()
              + " asr-transcript clip(s) have labels; set one before exporting.");
    }
    Map<String, List<BatchData.Clip>> listeningClips = new TreeMap<>();
    project
        .jdbi()
        .useHandle(
            handle -> {
              for (TtsReports.Screened screened : listening) {
                TaskType type = screened.design().taskType();
                listeningClips.put(
                    type.id(), ListeningExport.releasedClips(handle, type, data.contracts()));
              }
            });
    ReleaseReport report =
        releaseCheck(
            data,
            listeningClips,
            request.use(),
            chosenPolicy.map(chosen -> chosen.policy().rubric()),
            createdAt);
    List<ReleaseBlocker> remaining = report.remainingAfter(request.allowed().keySet());
    if (!remaining.isEmpty()) {
      return new ExportOutcome.Blocked(remaining);
    }
    Map<String, String> overrides = new TreeMap<>();
    for (ReleaseBlocker blocker : report.blockers()) {
      overrides.put(blocker.code(), request.allowed().get(blocker.code()));
    }
    List<BatchData.Item> items = data.items();
    List<BatchData.Item> exported = items.stream().filter(item -> !item.unresolved()).toList();
    // A batch of listening tests only: the formats are all about transcripts, and a format with no
    // item would leave its directory empty, so none is written and the manifest says why.
    List<ExportFormat> written = exported.isEmpty() && !listening.isEmpty() ? List.of() : formats;
    Optional<ParentBatch> parent = existing.isPresent() ? existing.get().parent() : latestBatch();
    // The audit head, anchored outside the database; a re-export carries its first anchor.
    Optional<AuditAnchor> anchor =
        existing.isPresent()
            ? existingAnchor(existing.get().id(), request.batchName())
            : Optional.of(project.audit().head("batch " + request.batchName()));
    BatchManifest head =
        new BatchManifest(
            new BatchManifest.Batch(
                request.batchName(),
                project.projectId(),
                createdAt,
                createdBy,
                request.appVersion(),
                request.use().id(),
                anchor,
                parent.map(p -> new BatchManifest.Parent(p.name(), p.manifestSha256()))),
            chosenPolicy.map(ChosenPolicy::pinned));

    Path temp = temporaryBeside(target);
    boolean committed = false;
    try {
      Files.createDirectories(temp);
      Map<String, String> fileHashes = writeFiles(temp, exported, written, request, normalizer);
      ListeningExport.write(temp, project.projectId(), listening, fileHashes);
      ObjectNode manifest = head.start();
      describeContents(
          manifest,
          data,
          exported,
          formats,
          written,
          request,
          chosenPolicy,
          report,
          overrides,
          listening,
          listeningClips,
          fileHashes);
      String manifestSha256 = ManifestHash.of(manifest); // ContentHash.of without a sorted copy
      manifest.put("manifest_sha256", manifestSha256);
      LongFunction<ExportOutcome> outcome =
          batchId ->
              new ExportOutcome.Exported(
                  batchId,
                  request.batchName(),
                  target,
                  exported.size(),
                  items.size() - exported.size(),
                  manifestSha256,
                  List.copyOf(fileHashes.keySet()),
                  existing.isPresent());

      if (existing.isPresent()) {
        refuseChangedReexport(existing.get(), manifestSha256, request.batchName());
        writeManifest(temp, manifest);
        moveIntoPlace(temp, target);
        auditReexport(actor, existing.get().id(), request.batchName(), target);
        return outcome.apply(existing.get().id());
      }

      // Issue 19's order: the files are complete under the temporary name (step 1), the batch
      // row, its audit event and the publication intent commit together (step 2), and only then
      // is the directory renamed into place (step 3); opening the project finishes step 3.
      writeManifest(temp, manifest);
      FaultPoints.reach("export.written");
      Recorded recorded =
          project
              .jdbi()
              .inTransaction(
                  handle -> {
                    long id =
                        record(
                            handle,
                            actor,
                            request,
                            parent,
                            chosenPolicy.map(ChosenPolicy::policy),
                            data.qeModel(),
                            manifestSha256,
                            exported,
                            overrides,
                            createdAt,
                            anchor);
                    return new Recorded(
                        id,
                        Publications.intend(
                            handle,
                            Publications.BATCH,
                            Long.toString(id),
                            temp,
                            target,
                            createdAt));
                  });
      committed = true; // from here on the temporary directory is what recovery publishes
      anchor.ifPresent(a -> project.anchors().ifPresent(file -> file.record(a)));
      FaultPoints.reach("export.committed");
      Publications.publish(project.jdbi(), recorded.publication(), temp, target);
      return outcome.apply(recorded.batchId());
    } catch (IOException e) {
      throw new StorageException(
          "Could not write batch " + request.batchName() + " to " + target + ": " + e.getMessage(),
          e);
    } finally {
      if (!committed) {
        deleteQuietly(temp);
      }
    }
  }

  /** The batch row and the publication intent committed with it. */
  private record Recorded(long batchId, long publication) {}

  /**
   * The project's asr-transcript policy, its published versions and the normalizer its rule set
   * makes.
   */
  private record ChosenPolicy(
      LabelPolicy policy,
      PublishedVersion rubric,
      Optional<PublishedVersion> ruleSet,
      Normalizer normalizer) {
    BatchManifest.Policy pinned() {
      return new BatchManifest.Policy(
          TaskType.ASR_TRANSCRIPT.id(),
          new BatchManifest.Pinned(rubric.id(), rubric.contentHash()),
          ruleSet.map(set -> new BatchManifest.Pinned(set.id(), set.contentHash())));
    }
  }

  private static void refuseIncomplete(ExportRequest request) {
    if (request.batchName().isBlank()) {
      throw new StorageException("A batch needs a name; pass --batch NAME.");
    }
    request
        .allowed()
        .forEach(
            (code, reason) -> {
              if (reason == null || reason.isBlank()) {
                throw new StorageException(
                    "Allowing release blocker " + code + " needs a reason; pass --reason TEXT.");
              }
            });
  }

  /**
   * The asr-transcript policy; empty for a batch of listening tests only from a project that has
   * none.
   */
  private Optional<ChosenPolicy> chosenPolicy(ExportRequest request) {
    Optional<LabelPolicy> asrPolicy = policies.policy(TaskType.ASR_TRANSCRIPT);
    if (asrPolicy.isEmpty()) {
      if (request.listening().isEmpty()) {
        throw new StorageException(
            "The project has no label policy for asr-transcript; set one before exporting, or"
                + " export listening tests only with --listening TASK.");
      }
      if (request.normalize()) {
        throw new StorageException(
            "--normalize needs a rule set in the asr-transcript policy, and the project has no"
                + " asr-transcript policy; export without --normalize.");
      }
      return Optional.empty();
    }
    LabelPolicy policy = asrPolicy.get();
    PublishedVersion rubric = policies.publishedRubric(policy.rubric()).orElseThrow();
    Optional<PublishedVersion> ruleSet = policy.ruleSet().flatMap(policies::ruleSet);
    Normalizer normalizer = new FinalLabels(project, policies).normalizer(policy);
    if (request.normalize() && ruleSet.isEmpty()) {
      throw new StorageException(
          "--normalize needs a rule set in the asr-transcript policy; set one with 'earmark"
              + " policy set', or export without --normalize.");
    }
    return Optional.of(new ChosenPolicy(policy, rubric, ruleSet, normalizer));
  }

  /**
   * The engine's release check over every labelled clip and every clip the listening tests release,
   * on the batch's own day. Listening clips are checked for source, consent, retention and leakage
   * like any clip; their labels are under their designs' own rubrics (listed in the manifest), so
   * they take no part in the rubric-version check.
   */
  private static ReleaseReport releaseCheck(
      BatchData data,
      Map<String, List<BatchData.Clip>> listeningClips,
      DataUse use,
      Optional<VersionedId> rubric,
      Instant createdAt) {
    ReleaseRules rules = releaseRules(data.contracts(), use, rubric);
    List<ReleaseClip> releaseClips = new ArrayList<>();
    List<ReleaseLabel> releaseLabels = new ArrayList<>();
    List<DisputeState> disputeStates = new ArrayList<>();
    for (BatchData.Item item : data.items()) {
      releaseClips.add(releaseClip(item.clip()));
      for (BatchData.SubmittedLabel label : item.labels()) {
        releaseLabels.add(new ReleaseLabel(item.clip().key(), label.rubric()));
      }
      if (item.unresolved()) {
        disputeStates.add(new DisputeState(item.clip().key(), false));
      }
    }
    listeningClips.values().stream()
        .flatMap(List::stream)
        .forEach(clip -> releaseClips.add(releaseClip(clip)));
    return new ReleaseCheck(rules, Clock.fixed(createdAt, ZoneOffset.UTC))
        .check(releaseClips, releaseLabels, disputeStates);
  }

  private static ReleaseClip releaseClip(BatchData.Clip clip) {
    return new ReleaseClip(
        clip.key(),
        clip.sha256(),
        clip.source(),
        clip.consentScope(),
        clip.retentionUntil(),
        split(clip),
        clip.speakerId());
  }

  private static Path temporaryBeside(Path target) {
    return target.resolveSibling(
        "." + target.getFileName() + PARTIAL_MARKER + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Writes the audio copies (when asked) and every chosen format into {@code temp}; returns each
   * written file's SHA-256 by its path relative to {@code temp}.
   */
  private static Map<String, String> writeFiles(
      Path temp,
      List<BatchData.Item> exported,
      List<ExportFormat> formats,
      ExportRequest request,
      Normalizer normalizer)
      throws IOException {
    Map<String, String> fileHashes = new TreeMap<>();
    if (request.withAudio()) {
      // First, so the formats point at the copies (relative paths), never at the project.
      copyAudio(exported, temp, fileHashes);
    }
    List<ExportClip> exportClips = new ArrayList<>();
    for (BatchData.Item item : exported) {
      exportClips.add(item.toExportClip(temp, request.withAudio()));
    }
    List<ExportClip> normalizedClips =
        request.normalize() ? normalized(exportClips, normalizer) : exportClips;
    // The formats write at once, each on its own task (the per-clip ones spread their clips over
    // every core as well): one format's files never depend on another's. A failure is thrown as it
    // was raised, the first in format order, whatever the threads did.
    List<ExportFormat> ordered = List.copyOf(formats);
    Object[] outcomes = new Object[ordered.size()];
    java.util.stream.IntStream.range(0, ordered.size())
        .parallel()
        .forEach(
            i -> {
              ExportFormat format = ordered.get(i);
              List<ExportClip> clips = format.scoresWords() ? normalizedClips : exportClips;
              try {
                outcomes[i] = format.writeHashed(clips, temp.resolve(format.id()));
              } catch (RuntimeException e) {
                outcomes[i] = e;
              }
            });
    List<WrittenFile> written = new ArrayList<>();
    for (Object outcome : outcomes) {
      if (outcome instanceof RuntimeException failure) {
        throw failure;
      }
      @SuppressWarnings("unchecked")
      List<WrittenFile> files = (List<WrittenFile>) outcome;
      written.addAll(files);
    }
    // Files a writer did not hash on the way (the corpus-wide ones, linked audio) are read back.
    List<Path> unhashed = new ArrayList<>();
    for (WrittenFile file : written) {
      if (file.sha256() == null) {
        unhashed.add(file.path());
      }
    }
    List<Checksums.Hashed> hashes = Checksums.sha256All(unhashed, file -> true);
    Map<Path, String> readBack = new java.util.HashMap<>();
    for (int i = 0; i < unhashed.size(); i++) {
      if (hashes.get(i).failure() != null) {
        throw hashes.get(i).failure();
      }
      readBack.put(unhashed.get(i), hashes.get(i).sha256());
    }
    for (WrittenFile file : written) {
      String sha = file.sha256() != null ? file.sha256() : readBack.get(file.path());
      fileHashes.put(relative(temp, file.path()), sha);
    }
    return fileHashes;
  }

  /**
   * Adds everything after the manifest's head, in the documented order: QE model, datasets, formats
   * (and the formats not written, only in a batch of listening tests only), audio and normalization
   * (only when asked, so other batches keep their manifests), overrides, agreement, annotators,
   * items, excluded items, listening tests (only when asked) and file hashes.
   *
   * @param formats the formats asked for
   * @param written the formats written: all asked for, or none in a batch of listening tests only
   */
  private void describeContents(
      ObjectNode manifest,
      BatchData data,
      List<BatchData.Item> exported,
      List<ExportFormat> formats,
      List<ExportFormat> written,
      ExportRequest request,
      Optional<ChosenPolicy> chosenPolicy,
      ReleaseReport report,
      Map<String, String> overrides,
      List<TtsReports.Screened> listening,
      Map<String, List<BatchData.Clip>> listeningClips,
      Map<String, String> fileHashes) {
    List<BatchData.Item> items = data.items();
    Optional<String> qeModel = data.qeModel();
    if (qeModel.isPresent()) {
      manifest.put("qe_model", qeModel.get());
    } else {
      manifest.putNull("qe_model");
    }
    ArrayNode datasets = manifest.putArray("datasets");
    for (DatasetContract contract : data.contracts().values()) {
      ObjectNode dataset = datasets.addObject();
      dataset.put("id", contract.datasetId());
      dataset.put("contract_hash", contract.contentHash());
      dataset.set("contract", contract.document());
    }
    ArrayNode formatIds = manifest.putArray("formats");
    written.forEach(format -> formatIds.add(format.id()));
    if (written.size() != formats.size()) {
      ObjectNode notWritten = manifest.putObject(NOT_WRITTEN);
      notWritten.put("reason", NO_ASR_ITEMS);
      notWritten.put(
          "detail",
          "The batch holds no asr-transcript item, only listening tests; the interchange formats"
              + " carry transcripts, so none was written.");
      ArrayNode ids = notWritten.putArray("formats");
      formats.forEach(format -> ids.add(format.id()));
    }
    if (request.withAudio()) {
      manifest.put("audio_directory", AUDIO_DIRECTORY);
    }
    if (request.normalize()) {
      PublishedVersion ruleSet = chosenPolicy.orElseThrow().ruleSet().orElseThrow();
      ObjectNode normalization = manifest.putObject("normalization");
      normalization.put("rule_set", ruleSet.id().toString());
      normalization.put("content_hash", ruleSet.contentHash());
      ArrayNode normalizedFormats = normalization.putArray("formats");
      written.stream()
          .filter(ExportFormat::scoresWords)
          .forEach(format -> normalizedFormats.add(format.id()));
    }
    ArrayNode overrideNodes = manifest.putArray("overrides");
    for (ReleaseBlocker blocker : report.blockers()) {
      ObjectNode override = overrideNodes.addObject();
      override.put("code", blocker.code());
      override.put("reason", overrides.get(blocker.code()));
      override.put("blocker", blocker.reason());
    }
    ObjectNode agreement = manifest.putObject("agreement");
    agreement.put("items", exported.size());
    agreement.put("single_label", count(exported, "single"));
    agreement.put("agreed", count(exported, "consensus"));
    agreement.put("adjudicated", count(exported, "adjudicated"));
    agreement.put("excluded_unresolved", items.size() - exported.size());
    if (chosenPolicy.isPresent()) {
      manifest.set(
          "annotators",
          project
              .jdbi()
              .withHandle(
                  handle ->
                      GoldLineage.annotators(
                          handle,
                          chosenPolicy.get().policy().rubric(),
                          exported,
                          chosenPolicy.get().normalizer())));
    } else {
      manifest.putArray("annotators"); // no transcript labels, so no annotator lineage
    }
    ArrayNode itemNodes = manifest.putArray("items");
    for (BatchData.Item item : exported) {
      itemNodes.add(item.toManifest());
    }
    ArrayNode excludedNodes = manifest.putArray("excluded");
    for (BatchData.Item item : items) {
      if (item.unresolved()) {
        ObjectNode excluded = excludedNodes.addObject();
        excluded.put("clip_id", item.clip().key());
        excluded.put("reason", "unresolved-disputes");
      }
    }
    if (!listening.isEmpty()) {
      manifest.set("listening", ListeningExport.describe(listening, listeningClips));
    }
    ObjectNode files = manifest.putObject("files");
    fileHashes.forEach(files::put);
  }

  private static void refuseChangedReexport(
      ExistingBatch existing, String manifestSha256, String batchName) {
    if (!manifestSha256.equals(existing.manifestSha256())) {
      throw new StorageException(
          "Batch "
              + batchName
              + " already exists and the project's data or the options differ from when it"
              + " was exported; choose a new batch name.");
    }
  }

  private void auditReexport(Actor actor, long batchId, String batchName, Path target) {
    project
        .jdbi()
        .useTransaction(
            handle ->
                project
                    .audit()
                    .append(
                        handle,
                        actor,
                        AuditAction.BATCH_REEXPORTED.created(
                            Long.toString(batchId),
                            AuditLog.json()
                                .createObjectNode()
                                .put("name", batchName)
                                .put("directory", target.toString()))));
  }

  /**
   * Copies each exported clip's audio to {@code audio/<file name>} and lists it with its SHA-256,
   * which must still be the clip's {@code audio_sha256}: a batch never carries audio that differs
   * from what was labeled.
   */
  private static void copyAudio(
      List<BatchData.Item> exported, Path temp, Map<String, String> fileHashes) throws IOException {
    Path audioDir = temp.resolve(AUDIO_DIRECTORY);
    Files.createDirectories(audioDir);
    Map<String, String> clipByFile = new TreeMap<>();
    for (BatchData.Item item : exported) {
      Path source = Path.of(item.clip().audioPath()).toAbsolutePath().normalize();
      String name = source.getFileName().toString();
      String relative = AUDIO_DIRECTORY + "/" + name;
      String previous = clipByFile.putIfAbsent(relative, item.clip().key());
      if (previous != null) {
        if (fileHashes.get(relative).equals(item.clip().sha256())) {
          continue; // the same audio serves two clips
        }
        throw new StorageException(
            "Clips "
                + previous
                + " and "
                + item.clip().key()
                + " have different audio files both named "
                + name
                + "; --with-audio needs distinct file names.");
      }
      Path target = audioDir.resolve(name);
      try {
        Files.copy(source, target);
      } catch (IOException e) {
        throw new StorageException(
            "The audio of clip "
                + item.clip().key()
                + " cannot be copied from "
                + source
                + ": "
                + e.getMessage(),
            e);
      }
      String sha = Checksums.sha256(target);
      if (!sha.equals(item.clip().sha256())) {
        throw new StorageException(
            "The audio of clip "
                + item.clip().key()
                + " at "
                + source
                + " no longer matches the checksum stored at import; restore the file or"
                + " re-import the clip.");
      }
      fileHashes.put(relative, sha);
    }
  }

  /**
   * The clips with transcript, segment texts and hypothesis replaced by their words under {@code
   * normalizer}, joined by single spaces.
   */
  private static List<ExportClip> normalized(List<ExportClip> clips, Normalizer normalizer) {
    List<ExportClip> out = new ArrayList<>(clips.size());
    for (ExportClip clip : clips) {
      List<ExportClip.Segment> segments = new ArrayList<>();
      for (ExportClip.Segment segment : clip.segments()) {
        segments.add(
            new ExportClip.Segment(
                segment.startSeconds(),
                segment.endSeconds(),
                segment.speakerId(),
                words(normalizer, segment.text())));
      }
      out.add(
          new ExportClip(
              clip.clipId(),
              clip.audioPath(),
              clip.audioRelativePath(),
              clip.durationSeconds(),
              clip.sampleRate(),
              clip.channels(),
              clip.speakerId(),
              words(normalizer, clip.transcript()),
              segments,
              clip.hypothesis() == null ? null : words(normalizer, clip.hypothesis()),
              clip.slices(),
              clip.language()));
    }
    return out;
  }

  private static String words(Normalizer normalizer, String text) {
    return String.join(" ", normalizer.normalize(text).words());
  }

  private static long count(List<BatchData.Item> items, String finalKind) {
    return items.stream().filter(item -> item.finalKind().equals(finalKind)).count();
  }

  private static Split split(BatchData.Clip clip) {
    String split = clip.split() == null ? "" : clip.split().strip().toLowerCase(Locale.ROOT);
    return switch (split) {
      case "dev", "validation" -> Split.DEV;
      case "test", "eval", "evaluation" -> Split.TEST;
      default -> Split.TRAIN;
    };
  }

  private static ReleaseRules releaseRules(
      Map<String, DatasetContract> contracts, DataUse use, Optional<VersionedId> rubric) {
    Set<String> sources = new HashSet<>();
    Map<String, Set<DataUse>> scopes = new TreeMap<>();
    for (DatasetContract contract : contracts.values()) {
      sources.addAll(contract.declaredSources());
      contract
          .consentScopes()
          .forEach(
              (id, scope) -> {
                Set<DataUse> uses = EnumSet.noneOf(DataUse.class);
                scope.allowedUses().forEach(allowed -> uses.add(DataUse.fromId(allowed.code())));
                scopes.merge(
                    id,
                    uses,
                    (left, right) -> {
                      Set<DataUse> both = EnumSet.noneOf(DataUse.class);
                      both.addAll(left);
                      both.retainAll(right);
                      return both;
                    });
              });
    }
    return new ReleaseRules(sources, scopes, use, rubric);
  }

  private long record(
      Handle handle,
      Actor actor,
      ExportRequest request,
      Optional<ParentBatch> parent,
      Optional<LabelPolicy> policy,
      Optional<String> qeModel,
      String manifestSha256,
      List<BatchData.Item> exported,
      Map<String, String> overrides,
      Instant createdAt,
      Optional<AuditAnchor> anchor) {
    ObjectNode overridesJson = JSON.createObjectNode();
    overrides.forEach(overridesJson::put);
    long id =
        handle
            .createUpdate(
                "INSERT INTO batches (name, parent_batch_id, rubric_version, rule_set_version,"
                    + " qe_model_id, manifest_sha256, items, overrides_json, created_at,"
                    + " created_by) VALUES (:name, :parent, :rubric, :ruleSet, :qe, :sha, :items,"
                    + " :overrides, :at, :by)")
            .bind("name", request.batchName())
            .bind("parent", parent.map(ParentBatch::id).orElse(null))
            .bind("rubric", policy.map(p -> p.rubric().toString()).orElse(null))
            .bind(
                "ruleSet",
                policy.flatMap(LabelPolicy::ruleSet).map(VersionedId::toString).orElse(null))
            .bind("qe", qeModel.orElse(null))
            .bind("sha", manifestSha256)
            .bind("items", exported.size())
            .bind("overrides", ContentHash.canonicalJson(overridesJson))
            .bind("at", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
            .bind("by", actor.userId())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    insertItems(handle, id, exported);
    ObjectNode after = AuditLog.json().createObjectNode();
    after.put("name", request.batchName());
    after.put("items", exported.size());
    after.put("manifest_sha256", manifestSha256);
    after.put("directory", request.outDir().toAbsolutePath().normalize().toString());
    after.set("overrides", overridesJson);
    anchor.ifPresent(a -> after.set("audit_anchor", AuditAnchors.toJson(a)));
    project
        .audit()
        .append(handle, actor, AuditAction.BATCH_EXPORTED.created(Long.toString(id), after));
    return id;
  }

  /** Rows per multi-row INSERT of {@code batch_items}. */
  private static final int ITEM_ROWS = 500;

  /**
   * Inserts the batch's items {@link #ITEM_ROWS} rows per statement: one JDBC batch of single-row
   * INSERTs costs a statement per item on the server (issue 22: batch rows and the audit event were
   * 8% of a 9,000-item export); the rows are the same.
   */
  private static void insertItems(Handle handle, long batchId, List<BatchData.Item> exported) {
    for (int from = 0; from < exported.size(); from += ITEM_ROWS) {
      List<BatchData.Item> rows =
          exported.subList(from, Math.min(exported.size(), from + ITEM_ROWS));
      StringBuilder sql =
          new StringBuilder("INSERT INTO batch_items (batch_id, clip_id, label_sha256) VALUES ");
      for (int i = 0; i < rows.size(); i++) {
        sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
      }
      var insert = handle.createUpdate(sql.toString());
      int position = 0;
      for (BatchData.Item item : rows) {
        insert.bind(position++, batchId);
        insert.bind(position++, item.clip().id());
        insert.bind(position++, item.finalHash());
      }
      insert.execute();
    }
  }

  /** The anchor batch {@code id} carried when first exported (none before anchors existed). */
  private Optional<AuditAnchor> existingAnchor(long id, String name) {
    return project.audit().eventsFor("batch", Long.toString(id)).stream()
        .filter(event -> AuditAction.BATCH_EXPORTED.is(event) && event.afterJson() != null)
        .findFirst()
        .flatMap(
            event ->
                AuditAnchors.fromJson(
                    BatchData.readJson(event.afterJson()).get("audit_anchor"), "batch " + name));
  }

  private record ParentBatch(long id, String name, String manifestSha256) {}

  private record ExistingBatch(
      long id,
      Instant createdAt,
      String createdBy,
      String manifestSha256,
      Optional<ParentBatch> parent) {}

  private Optional<ParentBatch> latestBatch() {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, name, manifest_sha256 FROM batches ORDER BY id DESC LIMIT 1")
                    .map(
                        (rs, ctx) ->
                            new ParentBatch(
                                rs.getLong("id"),
                                rs.getString("name"),
                                rs.getString("manifest_sha256")))
                    .findOne());
  }

  private Optional<ExistingBatch> existingBatch(String name) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT b.id, b.created_at, b.created_by, b.manifest_sha256,"
                            + " p.id AS parent_id, p.name AS parent_name,"
                            + " p.manifest_sha256 AS parent_sha FROM batches b LEFT JOIN batches p"
                            + " ON p.id = b.parent_batch_id WHERE b.name = :name")
                    .bind("name", name)
                    .map(
                        (rs, ctx) -> {
                          long parentId = rs.getLong("parent_id");
                          Optional<ParentBatch> parent =
                              rs.wasNull()
                                  ? Optional.empty()
                                  : Optional.of(
                                      new ParentBatch(
                                          parentId,
                                          rs.getString("parent_name"),
                                          rs.getString("parent_sha")));
                          return new ExistingBatch(
                              rs.getLong("id"),
                              rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                              rs.getString("created_by"),
                              rs.getString("manifest_sha256"),
                              parent);
                        })
                    .findOne());
  }

  private static void checkTarget(Path target) {
    if (target.getParent() == null) {
      throw new StorageException("Export into a named directory, not " + target + ".");
    }
    if (Files.exists(target)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(target)) {
        empty = entries.findAny().isEmpty();
      } catch (IOException e) {
        throw new StorageException(target + " exists and cannot be read: " + e.getMessage(), e);
      }
      if (!empty) {
        throw new StorageException(
            target + " already exists and is not empty; choose a new --out directory.");
      }
    }
  }

  private static void writeManifest(Path directory, ObjectNode manifest) {
    try {
      Files.write(directory.resolve(MANIFEST), BatchManifest.bytes(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void moveIntoPlace(Path temp, Path target) {
    try {
      Files.deleteIfExists(target); // only an empty directory gets here (checkTarget)
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new StorageException(
            "The file system cannot rename " + temp + " to " + target + " atomically.", e);
      }
    } catch (IOException e) {
      throw new StorageException(
          "Could not move the finished batch into " + target + ": " + e.getMessage(), e);
    }
  }

  private static String relative(Path base, Path file) {
    return base.relativize(file).toString().replace('\\', '/');
  }

  private static void deleteQuietly(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A left-over partial directory never verifies; nothing more to do here.
    }
  }

  static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new StorageException("Stored JSON could not be read: " + e.getMessage(), e);
    }
  }
}
