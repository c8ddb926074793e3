package dev.earmark.app.gui.settings;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.storage.settings.Setting;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The settings tab's state: the settings with their values, the last refusal, the status line.
 * {@link #change} saves through the service; on a refusal the list is read again, so the sheet
 * shows the value still in force. Use on the JavaFX thread (or one test thread with a synchronous
 * executor).
 */
public final class SettingsViewModel {
  private final SettingsService service;
  private final BackgroundExecutor executor;
  private final ObservableList<SettingValue> values = FXCollections.observableArrayList();
  private final StringProperty problem = new SimpleStringProperty("");
  private final StringProperty status = new SimpleStringProperty("");

  public SettingsViewModel(SettingsService service, BackgroundExecutor executor) {
    this.service = service;
    this.executor = executor;
  }

  /** Reads every setting. */
  public void load() {
    executor.inBackground(
        "read the settings",
        service::list,
        values::setAll,
        failure -> problem.set(FailureSentence.of(failure)));
  }

  /**
   * Saves {@code value} for {@code setting} unless it is the value shown already (the sheet echoes
   * values back to its items when it builds its editors: that must not store a default).
   */
  public void change(Setting setting, String value) {
    String shown =
        values.stream()
            .filter(v -> v.setting() == setting)
            .map(SettingValue::value)
            .findFirst()
            .orElse(null);
    if (value == null || value.strip().equals(shown)) {
      return;
    }
    problem.set("");
    executor.inBackground(
        "change " + setting.key(),
        () -> {
          var change = service.change(setting, value.strip());
          return new Saved(change.before(), change.after(), service.list());
        },
        saved -> {
          values.setAll(saved.values());
          status.set(setting.key() + ": " + saved.before() + " → " + saved.after() + " (saved).");
        },
        failure -> {
          problem.set(FailureSentence.of(failure));
          load();
        });
  }

  private record Saved(String before, String after, java.util.List<SettingValue> values) {}

  public ObservableList<SettingValue> values() {
    return values;
  }

  public StringProperty problemProperty() {
    return problem;
  }

  public StringProperty statusProperty() {
    return status;
  }
}
