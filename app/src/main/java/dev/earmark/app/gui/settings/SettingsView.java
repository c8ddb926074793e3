package dev.earmark.app.gui.settings;

import dev.earmark.storage.settings.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The settings tab: a ControlsFX {@link PropertySheet}, one row per setting by key; each editor
 * shows the setting's meaning and the values it accepts under it. A number is saved when the lead
 * presses Enter or leaves the field; a flag when it is ticked. Refusals show above the sheet.
 */
public final class SettingsView extends BorderPane {
  private final SettingsViewModel model;
  private final PropertySheet sheet = new PropertySheet();

  public SettingsView(SettingsViewModel model) {
    this.model = model;
    setId("settingsView");
    getStylesheets()
        .add(SettingsView.class.getResource("controlsfx-atlantafx.css").toExternalForm());
    setPadding(new Insets(12));
    Label title = new Label("Settings");
    title.getStyleClass().add("title-3");
    Label hint =
        new Label(
            "Every project setting with its meaning; a change is checked and audited, the same as"
                + " 'earmark settings set KEY VALUE'. Press Enter to save a number.");
    hint.setWrapText(true);
    hint.getStyleClass().add("text-muted");
    Label problem = new Label();
    problem.setId("settingsProblem");
    problem.getStyleClass().add("danger");
    problem.setWrapText(true);
    problem.textProperty().bind(model.problemProperty());
    problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    Label status = new Label();
    status.setId("settingsStatus");
    status.getStyleClass().add("text-muted");
    status.textProperty().bind(model.statusProperty());
    VBox top = new VBox(6, title, hint, problem, status);
    top.setPadding(new Insets(0, 0, 8, 0));
    setTop(top);
    sheet.setId("settingsSheet");
    // By name: every setting and its meaning in view at once (keys start with their area).
    sheet.setMode(PropertySheet.Mode.NAME);
    sheet.setModeSwitcherVisible(false);
    sheet.setSearchBoxVisible(true);
    sheet.setPropertyEditorFactory(item -> ((SettingItem) item).editor());
    VBox.setVgrow(sheet, Priority.ALWAYS);
    setCenter(sheet);
    model.values().addListener((ListChangeListener<SettingValue>) change -> rebuild());
    rebuild();
  }

  private void rebuild() {
    List<PropertySheet.Item> items = new ArrayList<>();
    model.values().forEach(value -> items.add(new SettingItem(value)));
    sheet.getItems().setAll(items);
  }

  /** The sheet (for tests). */
  public PropertySheet sheet() {
    return sheet;
  }

  /** One setting as a sheet row; setting its value saves through the view-model. */
  final class SettingItem implements PropertySheet.Item {
    private final SettingValue value;

    SettingItem(SettingValue value) {
      this.value = value;
    }

    Setting setting() {
      return value.setting();
    }

    @Override
    public Class<?> getType() {
      return String.class;
    }

    @Override
    public String getCategory() {
      return value.category();
    }

    @Override
    public String getName() {
      return value.setting().key();
    }

    @Override
    public String getDescription() {
      return value.setting().meaning() + "; " + value.accepts() + ".";
    }

    @Override
    public Object getValue() {
      return value.value();
    }

    @Override
    public void setValue(Object newValue) {
      model.change(value.setting(), newValue == null ? null : newValue.toString());
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
      return Optional.empty();
    }

    PropertyEditor<?> editor() {
      return value.setting().kind() == Setting.Kind.FLAG
          ? new FlagEditor(this)
          : new NumberEditor(this);
    }

    String defaultNote() {
      return value.stored() ? "" : " (default)";
    }
  }

  /** A check box with the meaning under it; ticking saves. */
  private static final class FlagEditor extends AbstractPropertyEditor<String, VBox> {
    private CheckBox box;
    private StringProperty committed;

    FlagEditor(SettingItem item) {
      super(item, new VBox(2));
      box.setId(nodeId("setting-", item));
      box.setText("on");
      box.selectedProperty().addListener((obs, old, now) -> committed().set(Boolean.toString(now)));
      getEditor().getChildren().setAll(box, meaning(item));
    }

    private StringProperty committed() {
      if (committed == null) {
        committed = new SimpleStringProperty();
        box = new CheckBox();
      }
      return committed;
    }

    @Override
    protected ObservableValue<String> getObservableValue() {
      return committed();
    }

    @Override
    public void setValue(String value) {
      committed().set(value);
      box.setSelected(Boolean.parseBoolean(value));
    }
  }

  /** A text field with the meaning under it; Enter or leaving the field saves. */
  private static final class NumberEditor extends AbstractPropertyEditor<String, VBox> {
    private TextField field;
    private StringProperty committed;

    NumberEditor(SettingItem item) {
      super(item, new VBox(2));
      field.setId(nodeId("setting-", item));
      field.setPromptText(item.setting().defaultValue());
      field.setOnAction(event -> committed().set(field.getText()));
      field
          .focusedProperty()
          .addListener(
              (obs, was, now) -> {
                if (!now) {
                  committed().set(field.getText());
                }
              });
      getEditor().getChildren().setAll(field, meaning(item));
    }

    private StringProperty committed() {
      if (committed == null) {
        committed = new SimpleStringProperty();
        field = new TextField();
      }
      return committed;
    }

    @Override
    protected ObservableValue<String> getObservableValue() {
      return committed();
    }

    @Override
    public void setValue(String value) {
      committed().set(value);
      field.setText(value);
    }
  }

  /** A node id for CSS lookups: {@code prefix} and the key with '.' as '-'. */
  static String nodeId(String prefix, SettingItem item) {
    return prefix + item.setting().key().replace('.', '-');
  }

  private static Node meaning(SettingItem item) {
    Label meaning = new Label(item.getDescription() + item.defaultNote());
    meaning.setWrapText(true);
    meaning.getStyleClass().addAll("text-muted", "text-small");
    meaning.setId(nodeId("meaning-", item));
    return meaning;
  }
}
