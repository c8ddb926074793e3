package dev.earmark.storage.export.format;

import dev.earmark.storage.StorageException;
import java.time.Instant;
import java.util.List;

/**
 * The interchange formats Earmark writes, by id, for the export command and the batch manifest.
 * Immutable, thread-safe.
 */
public final class ExportFormats {
  private final List<ExportFormat> formats;

  private ExportFormats(List<ExportFormat> formats) {
    this.formats = List.copyOf(formats);
  }

  /**
   * Every format, in a fixed order.
   *
   * @param exportTime the batch's (pinned) creation time, written where a format wants a date
   */
  public static ExportFormats standard(Instant exportTime) {
    return new ExportFormats(
        List.of(
            new EarmarkJsonl(),
            new NemoManifest(),
            new AudioFolderMetadata(),
            new KaldiDataDirectory(),
            new StmReferences(),
            new CtmHypotheses(),
            new PraatTextGrid(),
            new ElanEaf(exportTime),
            new RttmTurns(),
            new WebVttSubtitles(),
            new SrtSubtitles(),
            new AudacityLabels(),
            new LhotseManifests(),
            new LabelStudioTasks(),
            DelimitedTable.csv(),
            DelimitedTable.tsv(),
            new TrnTranscripts()));
  }

  /** The keyword that selects every format. */
  public static final String ALL = "all";

  /**
   * What an export writes when no format is named: the formats a training or evaluation batch is
   * consumed in (Earmark's own JSONL, NeMo, Hugging Face, Kaldi, STM/CTM, TextGrid, EAF). The
   * others are written when asked for by id, or with {@link #ALL}; each per-clip format adds a file
   * per clip to the batch, so the default stays lean (P8).
   */
  public static final List<String> DEFAULT_IDS =
      List.of("earmark-jsonl", "nemo", "hf-audiofolder", "kaldi", "stm", "ctm", "textgrid", "eaf");

  /**
   * The formats to write for the ids a user asked for: {@link #DEFAULT_IDS} when none, every format
   * for {@link #ALL}, in the order of {@link #standard}.
   *
   * @throws StorageException naming the known ids for an unknown one
   */
  public List<ExportFormat> chosen(java.util.Collection<String> requested) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (String id : requested.isEmpty() ? DEFAULT_IDS : requested) {
      if (id.equals(ALL)) {
        ids.addAll(ids());
      } else {
        ids.add(byId(id).id());
      }
    }
    return formats.stream().filter(format -> ids.contains(format.id())).toList();
  }

  /** All formats, in the order of {@link #standard}. */
  public List<ExportFormat> all() {
    return formats;
  }

  /** The ids, in the order of {@link #all}. */
  public List<String> ids() {
    return formats.stream().map(ExportFormat::id).toList();
  }

  /**
   * The format with {@code id}.
   *
   * @throws StorageException naming the known ids when there is none
   */
  public ExportFormat byId(String id) {
    return formats.stream()
        .filter(format -> format.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new StorageException(
                    "Unknown export format "
                        + id
                        + "; use one of "
                        + String.join(", ", ids())
                        + ", or "
                        + ALL
                        + "."));
  }
}
