package dev.earmark.storage;

/** The acting user's roles do not allow the action; the message names the role needed. */
public class PermissionDeniedException extends StorageException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(message);
  }

  /**
   * The refusal for {@code userId} about to do {@code action} without any of the {@code allowed}
   * roles, e.g. "ann-1 cannot export a batch: that needs the lead role".
   */
  public static PermissionDeniedException lacking(
      String userId, String action, dev.earmark.storage.user.Role... allowed) {
    StringBuilder needed = new StringBuilder();
    for (int i = 0; i < allowed.length; i++) {
      needed.append(i == 0 ? "" : i == allowed.length - 1 ? " or " : ", ");
      needed.append(allowed[i].code());
    }
    return new PermissionDeniedException(
        userId + " cannot " + action + ": that needs the " + needed + " role");
  }
}
