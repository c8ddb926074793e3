package dev.earmark.app.gui.assign;

import dev.earmark.storage.assign.AssignRequest;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.util.List;

/**
 * The storage calls of the Assign screen, on behalf of the acting user: the same {@link
 * AssignRequest#run} as {@code earmark assign} (storage checks the lead role, validates the plan
 * and audits). Blocks: call through the background executor. Thread-safe.
 */
public class AssignService {
  private final Project project;
  private final String userId;

  public AssignService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
  }

  /** The project's active annotators, by id. */
  public List<String> annotators() {
    return project.users().list().stream()
        .filter(User::active)
        .filter(user -> user.roles().contains(Role.ANNOTATOR))
        .map(User::id)
        .sorted()
        .toList();
  }

  /** Runs {@code request}: a preview (nothing written) when {@code dryRun}, else for real. */
  public AssignRequest.Outcome run(AssignRequest request, boolean dryRun) {
    return request.run(project, project.users().actor(userId), dryRun);
  }
}
