package dev.earmark.app.gui.project;

import dev.earmark.app.qe.QeNotes;
import dev.earmark.audio.qe.QeModelException;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.qe.QeInference;
import dev.earmark.storage.settings.ProjectSettings;
import java.util.List;

/**
 * After an import in the wizard, the same QE step as {@code earmark import}: hints for the new
 * clips with a hypothesis, then the drift check against the model's training data, told as the
 * command line tells it (a {@code QE DRIFT WARNING} line per shifted distribution, PSI above the
 * {@code qe.drift_psi_threshold} setting). A model that cannot be loaded leaves the import as it is
 * and says so. Stateless and thread-safe; runs in the background.
 */
public final class QeImportFollowUps implements ImportFollowUps {
  private final String userId;

  /** Computes hints and drift on behalf of {@code userId} (a lead; storage checks). */
  public QeImportFollowUps(String userId) {
    this.userId = userId;
  }

  @Override
  public List<String> after(Project project, ImportReport report) {
    ProjectSettings settings = new ProjectSettings(project);
    try {
      return QeNotes.afterImport(
          new QeInference(project, settings, new QeHints(project, settings))
              .afterImport(project.users().actor(userId), report));
    } catch (QeModelException e) {
      return List.of("QE hints not computed: " + e.getMessage() + " (the import itself succeeded)");
    }
  }
}
