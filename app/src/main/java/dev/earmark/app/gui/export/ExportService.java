package dev.earmark.app.gui.export;

import dev.earmark.app.about.Version;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.export.BatchExporter;
import dev.earmark.storage.export.BatchVerification;
import dev.earmark.storage.export.BatchVerifier;
import dev.earmark.storage.export.ExportOutcome;
import dev.earmark.storage.export.ExportRequest;
import dev.earmark.storage.export.format.ExportFormats;
import dev.earmark.storage.listening.TtsReports;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage calls of the Export wizard, on behalf of the acting user: the same {@link
 * BatchExporter#export} as {@code earmark export} (lead role, release checks, overrides with
 * reasons, audit) and the same {@link BatchVerifier#verify} as {@code earmark verify}. Blocks: call
 * through the background executor. Thread-safe.
 */
public class ExportService {
  private final Project project;
  private final String userId;

  public ExportService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
  }

  /** The interchange formats a batch can be written in, in their usual order. */
  public List<String> formats() {
    return ExportFormats.standard(project.clock().instant()).ids();
  }

  /**
   * The listening-test designs (tts-rating, tts-mushra, tts-preference) with submitted labels,
   * which a batch can carry screened; none when the acting user may not read the listening-test
   * report. A single query: the report itself is built only when a batch carries a design.
   */
  public List<String> listeningDesigns() {
    try {
      return new TtsReports(project, new Policies(project))
          .designsWithLabels(project.users().actor(userId)).stream().map(TaskType::id).toList();
    } catch (PermissionDeniedException denied) {
      return List.of();
    }
  }

  /**
   * Exports batch {@code name} into {@code directory}, waiving the {@code allowed} blockers with
   * their reasons, with the {@code listening} tests' screened labels and reports; nothing is
   * written when other blockers remain.
   */
  public ExportOutcome export(
      String name,
      Path directory,
      List<String> formats,
      Map<String, String> allowed,
      DataUse use,
      boolean withAudio,
      List<String> listening) {
    return new BatchExporter(project, new Policies(project))
        .export(
            project.users().actor(userId),
            new ExportRequest(
                name,
                directory,
                formats,
                allowed,
                Optional.empty(),
                use,
                Version.current(),
                withAudio,
                false,
                listening.stream().map(TaskType::fromId).toList()));
  }

  /** Re-checks the batch in {@code directory} against its manifest. */
  public BatchVerification verify(Path directory) {
    return BatchVerifier.verify(directory);
  }
}
