package dev.earmark.app.gui.settings;

import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;

/**
 * One setting as the project holds it.
 *
 * @param value the stored value, or the default while no lead has set it
 * @param stored whether a lead has set it
 */
public record SettingValue(Setting setting, String value, boolean stored) {

  /** The values the setting accepts, as {@code earmark settings list} says. */
  public String accepts() {
    return switch (setting.kind()) {
      case FLAG -> "on or off";
      case NUMBER -> "a number " + ProjectSettings.range(setting);
      case WHOLE_NUMBER -> "a whole number " + ProjectSettings.range(setting);
    };
  }

  /** The part of the key before its first dot ("routing", "qe"…), the sheet's category. */
  public String category() {
    String key = setting.key();
    int dot = key.indexOf('.');
    return dot < 0 ? "project" : key.substring(0, dot);
  }
}
