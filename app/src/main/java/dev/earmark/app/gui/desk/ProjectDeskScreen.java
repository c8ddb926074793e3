package dev.earmark.app.gui.desk;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.policy.PolicyService;
import dev.earmark.app.gui.policy.PolicyView;
import dev.earmark.app.gui.policy.PolicyViewModel;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.app.gui.settings.SettingsService;
import dev.earmark.app.gui.settings.SettingsView;
import dev.earmark.app.gui.settings.SettingsViewModel;
import dev.earmark.app.gui.status.StatusView;
import dev.earmark.app.gui.team.TeamService;
import dev.earmark.app.gui.team.TeamView;
import dev.earmark.app.gui.team.TeamViewModel;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The Project screen: a tab pane of Status, Team, Policy and Settings, each calling the storage
 * service its {@code earmark} command calls. The tab in front is read again each time it is
 * selected or the screen is shown. Use on the JavaFX thread.
 */
public final class ProjectDeskScreen implements WorkbenchScreen {
  /** The tabs, by id ({@code tab-ID}). */
  public enum Part {
    STATUS("status", "Status"),
    TEAM("team", "Team"),
    POLICY("policy", "Policy"),
    SETTINGS("settings", "Settings");

    private final String id;
    private final String title;

    Part(String id, String title) {
      this.id = id;
      this.title = title;
    }

    public String id() {
      return id;
    }
  }

  private final WorkbenchContext context;
  private final TabPane tabs = new TabPane();
  private final StatusView status;
  private final TeamViewModel team;
  private final TeamView teamView;
  private final PolicyViewModel policy;
  private final PolicyView policyView;
  private final SettingsViewModel settings;
  private final SettingsView settingsView;

  public ProjectDeskScreen(WorkbenchContext context) {
    this.context = context;
    this.status = new StatusView(context.project(), context.userId(), context.executor());
    this.team =
        new TeamViewModel(new TeamService(context.project(), context.userId()), context.executor());
    this.teamView = new TeamView(team);
    this.policy =
        new PolicyViewModel(
            new PolicyService(context.project(), context.userId()), context.executor());
    this.policyView = new PolicyView(policy);
    this.settings =
        new SettingsViewModel(
            new SettingsService(context.project(), context.userId()), context.executor());
    this.settingsView = new SettingsView(settings);
    tabs.setId("projectTabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getTabs().add(tab(Part.STATUS, status));
    tabs.getTabs().add(tab(Part.TEAM, teamView));
    tabs.getTabs().add(tab(Part.POLICY, policyView));
    tabs.getTabs().add(tab(Part.SETTINGS, settingsView));
    tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> loadShown());
  }

  private static Tab tab(Part part, javafx.scene.Node content) {
    Tab tab = new Tab(part.title, content);
    tab.setId("tab-" + part.id);
    return tab;
  }

  /** Brings {@code part} to the front (reading it again). */
  public void select(Part part) {
    tabs.getSelectionModel().select(part.ordinal());
  }

  private void loadShown() {
    switch (Part.values()[Math.max(0, tabs.getSelectionModel().getSelectedIndex())]) {
      case STATUS -> status.load();
      case TEAM -> team.load();
      case POLICY -> {
        if (policy.previewProperty().get() == null) {
          policy.load();
        }
      }
      case SETTINGS -> settings.load();
    }
  }

  @Override
  public TabPane view() {
    return tabs;
  }

  @Override
  public Keymap keymap() {
    return new Keymap();
  }

  @Override
  public boolean perform(String action) {
    return false;
  }

  @Override
  public void shown() {
    loadShown();
  }

  /** The open project (for tests that check what the tabs stored). */
  public dev.earmark.storage.project.Project project() {
    return context.project();
  }

  public TeamViewModel team() {
    return team;
  }

  public TeamView teamView() {
    return teamView;
  }

  public PolicyViewModel policy() {
    return policy;
  }

  public PolicyView policyView() {
    return policyView;
  }

  public SettingsViewModel settings() {
    return settings;
  }

  @Override
  public void close() {
    // the shared executor belongs to the shell
  }
}
