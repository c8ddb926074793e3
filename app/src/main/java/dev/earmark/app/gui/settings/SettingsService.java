package dev.earmark.app.gui.settings;

import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.settings.SettingChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings tab's storage calls on behalf of the acting user: {@code ProjectSettings#all} and
 * {@code ProjectSettings#change}, as {@code earmark settings list|set} call them. Every method
 * blocks on the database: call it through the background executor. Thread-safe.
 */
public final class SettingsService {
  private final Project project;
  private final String userId;
  private final ProjectSettings settings;

  public SettingsService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
    this.settings = new ProjectSettings(project);
  }

  /** Every setting Earmark knows, in its declared order, with its value. */
  public List<SettingValue> list() {
    Map<String, String> stored = settings.all();
    List<SettingValue> values = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      String value = stored.get(setting.key());
      values.add(
          new SettingValue(setting, value == null ? setting.defaultValue() : value, value != null));
    }
    return values;
  }

  /** Changes one setting (leads only; checked and audited by storage). */
  public SettingChange change(Setting setting, String value) {
    return settings.change(project.users().actor(userId), setting.key(), value);
  }
}
