package dev.earmark.storage.export;

import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.rubric.TaskType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the lead asks to export. Immutable.
 *
 * @param batchName the batch's unique name; exporting an existing name again reproduces that batch
 *     (byte-identical) or is refused when the project's data changed since
 * @param outDir the directory to create; it must not exist or be empty
 * @param formats the interchange format ids to write, each into its own sub-directory; empty means
 *     every format
 * @param allowed release blocker codes the lead waives, each with the reason recorded in the
 *     manifest and the batch row
 * @param timestamp the batch's creation time; empty means now (or, for an existing batch, its
 *     recorded time)
 * @param use what the batch is released for, checked against each clip's consent scope
 * @param appVersion the Earmark version written into the manifest
 * @param withAudio whether each exported clip's audio file is copied into the batch's {@code
 *     audio/} directory, listed with its SHA-256 like every other file; every format then points at
 *     the copies by relative paths
 * @param normalize whether the formats that score text (STM, CTM, Kaldi, trn) get the transcripts
 *     and hypotheses normalized by the ASR policy's rule set, recorded in the manifest
 * @param listening listening-test designs ({@code tts-rating}, {@code tts-mushra}, {@code
 *     tts-preference}) whose screened labels and report go into the batch's {@code listening/}
 *     directory (docs/formats/listening-tests.md)
 */
public record ExportRequest(
    String batchName,
    Path outDir,
    List<String> formats,
    Map<String, String> allowed,
    Optional<Instant> timestamp,
    DataUse use,
    String appVersion,
    boolean withAudio,
    boolean normalize,
    List<TaskType> listening) {
  public ExportRequest {
    Objects.requireNonNull(batchName, "batchName");
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(use, "use");
    Objects.requireNonNull(appVersion, "appVersion");
    formats = List.copyOf(formats);
    allowed = Collections.unmodifiableMap(new TreeMap<>(allowed));
    timestamp = timestamp == null ? Optional.empty() : timestamp;
    listening = List.copyOf(listening);
  }

  /**
   * A plain request: no audio copied into the batch, raw transcripts in every format, no listening
   * tests.
   */
  public static ExportRequest plain(
      String batchName,
      Path outDir,
      List<String> formats,
      Map<String, String> allowed,
      Optional<Instant> timestamp,
      DataUse use,
      String appVersion) {
    return new ExportRequest(
        batchName, outDir, formats, allowed, timestamp, use, appVersion, false, false, List.of());
  }
}
