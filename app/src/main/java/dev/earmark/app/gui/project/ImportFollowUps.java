package dev.earmark.app.gui.project;

import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.project.Project;
import java.util.List;

/**
 * What the import wizard shows under the report once an import has finished: notes computed from
 * the imported clips, one sentence each. This is the seam for QE drift warnings (the quality
 * estimator's features of the new clips compared with the data it was trained on), which storage
 * computes on import; the wizard only shows the sentences. Called in the background, after the
 * import, with the project still open.
 */
@FunctionalInterface
public interface ImportFollowUps {

  /** Notes about the clips {@code report} brought in; empty when there is nothing to say. */
  List<String> after(Project project, ImportReport report);

  /** No notes (the workbench uses {@link QeImportFollowUps}; this is for tests). */
  ImportFollowUps NONE = (project, report) -> List.of();
}
