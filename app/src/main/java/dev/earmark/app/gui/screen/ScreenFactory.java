package dev.earmark.app.gui.screen;

import dev.earmark.storage.user.Role;
import java.util.Set;

/**
 * Describes one screen for the shell's navigation and builds it on demand. Implementations are
 * stateless and listed in {@link dev.earmark.app.gui.Screens}.
 */
public interface ScreenFactory {

  /** A stable id (also the navigation button's id: {@code nav-ID}), e.g. {@code label}. */
  String id();

  /** The navigation button's text, e.g. "Label". */
  String title();

  /** Whether a user with {@code roles} may open this screen; hidden otherwise. */
  boolean availableTo(Set<Role> roles);

  /** Builds the screen for {@code context}; called on the JavaFX thread, must not block. */
  WorkbenchScreen create(WorkbenchContext context);
}
