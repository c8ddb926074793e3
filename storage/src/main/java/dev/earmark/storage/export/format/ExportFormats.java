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
                        + "."));
  }
}
