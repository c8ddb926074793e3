package dev.earmark.app.gui.shell;

import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the workbench window knows, without the window: the open project and who acts in it, the
 * user a project is opened or created for while none is open, the screens created so far and the
 * one in front, and what to do once the project being opened is open. {@link WorkbenchShell} draws
 * it; plain Java, used on the JavaFX thread.
 */
final class ShellModel {
  private final List<ScreenFactory> factories;
  private final Map<String, WorkbenchScreen> screens = new LinkedHashMap<>();
  private OpenedProject opened;
  private String activeId;
  private String userId;
  private Runnable afterOpen;

  /**
   * @param factories the screens on offer, in navigation order
   * @param userId who acts until a project says otherwise
   */
  ShellModel(List<ScreenFactory> factories, String userId) {
    this.factories = List.copyOf(factories);
    this.userId = userId;
  }

  /** The open project, if any. */
  Optional<OpenedProject> opened() {
    return Optional.ofNullable(opened);
  }

  /** Records {@code project} as the open one. */
  void opened(OpenedProject project) {
    this.opened = project;
  }

  /** Closes the open project, if any; the screens must be closed first. */
  void closeProject() {
    if (opened != null) {
      opened.project().close();
      opened = null;
    }
  }

  /** The user the next project is opened or created for. */
  String userId() {
    return userId;
  }

  void userId(String user) {
    this.userId = user;
  }

  /** Who acts: the open project's user, else the user the next project is opened for. */
  String actingUser() {
    return opened == null ? userId : opened.userId();
  }

  /** The acting user's roles in the open project; empty when none is open. */
  Set<Role> roles() {
    return opened == null ? Set.of() : opened.roles();
  }

  /** The users of the open project, who may be acted as; empty when none is open. */
  List<User> users() {
    return opened == null ? List.of() : opened.users();
  }

  /** Whether the acting user leads the open project (and so may import). */
  boolean leads() {
    return roles().contains(Role.LEAD);
  }

  /** Whether "act as" applies: only in an open training sandbox (the demo). */
  boolean mayActAs() {
    return opened != null && opened.sandbox();
  }

  /** The screens the acting user's roles allow, in navigation order; none with no project. */
  List<ScreenFactory> available() {
    if (opened == null) {
      return List.of();
    }
    return factories.stream().filter(f -> f.availableTo(opened.roles())).toList();
  }

  /**
   * Puts screen {@code screenId} in front, creating it with {@code create} the first time; empty
   * (and nothing changes) when no project is open or the acting user's roles do not allow it.
   */
  Optional<WorkbenchScreen> bringToFront(
      String screenId, Function<ScreenFactory, WorkbenchScreen> create) {
    Optional<ScreenFactory> factory =
        available().stream().filter(f -> f.id().equals(screenId)).findFirst();
    if (factory.isEmpty()) {
      return Optional.empty();
    }
    WorkbenchScreen screen = screens.computeIfAbsent(screenId, id -> create.apply(factory.get()));
    activeId = screenId;
    return Optional.of(screen);
  }

  /** No screen in front (the import wizard or a pack takes the centre). */
  void noneInFront() {
    activeId = null;
  }

  /** The screen in front, if any. */
  Optional<WorkbenchScreen> activeScreen() {
    return Optional.ofNullable(activeId).map(screens::get);
  }

  /** The screen {@code screenId} if it has been created. */
  Optional<WorkbenchScreen> screen(String screenId) {
    return Optional.ofNullable(screens.get(screenId));
  }

  /** The screens with edits not stored yet, in the order they were created. */
  List<WorkbenchScreen> unsaved() {
    return screens.values().stream().filter(WorkbenchScreen::hasUnsavedWork).toList();
  }

  /** Closes every screen created so far; none is in front afterwards. */
  void closeScreens() {
    for (WorkbenchScreen screen : screens.values()) {
      screen.close();
    }
    screens.clear();
    activeId = null;
  }

  /** What to run once the project being opened is open (replacing what was set). */
  void afterOpen(Runnable next) {
    this.afterOpen = next;
  }

  /** What to run now that the project is open, at most once. */
  Optional<Runnable> takeAfterOpen() {
    Runnable next = afterOpen;
    afterOpen = null;
    return Optional.ofNullable(next);
  }

  /** "user · role, role" for the bar; the roles in their declared order, lower case. */
  String who() {
    return opened.userId() + " · " + roleNames(opened.roles());
  }

  /** Roles as the window names them: "no role", or lower-case names in declared order. */
  static String roleNames(Set<Role> roles) {
    if (roles.isEmpty()) {
      return "no role";
    }
    return roles.stream()
        .sorted()
        .map(role -> role.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
