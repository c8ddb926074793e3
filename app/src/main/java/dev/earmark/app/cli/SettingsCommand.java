package dev.earmark.app.cli;

import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.settings.SettingChange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark settings list|get|set}: the project's switches and thresholds ({@link Setting}).
 * Anyone may read them; only a lead changes them, each change checked for its kind and range and
 * audited.
 */
@Command(
    name = "settings",
    description = "List, read and change project settings (changes: leads only).",
    mixinStandardHelpOptions = true,
    subcommands = {
      SettingsCommand.ListSettings.class,
      SettingsCommand.Get.class,
      SettingsCommand.SetSetting.class
    })
public final class SettingsCommand {
  private SettingsCommand() {}

  static String accepts(Setting setting) {
    return switch (setting.kind()) {
      case FLAG -> "true or false";
      case NUMBER -> "a number " + ProjectSettings.range(setting);
      case WHOLE_NUMBER -> "a whole number " + ProjectSettings.range(setting);
    };
  }

  static Map<String, Object> json(Setting setting, Optional<String> stored) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("key", setting.key());
    row.put("value", stored.orElse(setting.defaultValue()));
    row.put("default", setting.defaultValue());
    row.put("is_default", stored.isEmpty());
    row.put("kind", setting.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    row.put("accepts", accepts(setting));
    row.put("meaning", setting.meaning());
    return row;
  }

  /** {@code earmark settings list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Every setting with its value, default, accepted values and meaning.")
  static final class ListSettings implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (Project project = ProjectAccess.openExisting(ProjectAccess.global(spec))) {
        ProjectSettings settings = new ProjectSettings(project);
        Map<String, String> stored = settings.all();
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Setting setting : Setting.values()) {
          Optional<String> value = Optional.ofNullable(stored.get(setting.key()));
          if (json.enabled()) {
            rows.add(json(setting, value));
          } else {
            out.printf(
                "%-32s %-7s %s%n",
                setting.key(),
                value.orElse(setting.defaultValue()),
                value.isPresent() ? "(default " + setting.defaultValue() + ")" : "(default)");
            out.println("    " + setting.meaning() + "; " + accepts(setting));
          }
        }
        if (json.enabled()) {
          JsonOutput.print(out, Map.of("settings", rows));
        }
        out.flush();
        return ExitCode.OK;
      }
    }
  }

  /** {@code earmark settings get KEY}. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Print one setting's value (its default while no lead has set it).")
  static final class Get implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "KEY", description = "The setting, e.g. routing.transcript_wer.")
    String key;

    @Override
    public Integer call() {
      Setting setting =
          Setting.forKey(key)
              .orElseThrow(
                  () ->
                      new InputException(
                          "'"
                              + key
                              + "' is not a setting Earmark knows; 'earmark settings list' shows"
                              + " them"));
      try (Project project = ProjectAccess.openExisting(ProjectAccess.global(spec))) {
        Optional<String> stored = new ProjectSettings(project).get(key);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
          JsonOutput.print(out, json(setting, stored));
        } else {
          out.println(stored.orElse(setting.defaultValue()));
          out.flush();
        }
        return ExitCode.OK;
      }
    }
  }

  /** {@code earmark settings set KEY VALUE}. */
  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Change a setting (leads only); the value is checked for its kind and range.")
  static final class SetSetting implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY", description = "The setting.")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The new value.")
    String value;

    @Override
    public Integer call() {
      GlobalOptions global = ProjectAccess.global(spec);
      try (Project project = ProjectAccess.openExisting(global)) {
        SettingChange change =
            new ProjectSettings(project).change(ProjectAccess.actor(project, global), key, value);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
          Map<String, Object> report = new LinkedHashMap<>();
          report.put("key", change.setting().key());
          report.put("before", change.before());
          report.put("value", change.after());
          report.put("changed", change.changed());
          JsonOutput.print(out, report);
        } else {
          out.println(
              change.changed()
                  ? change.setting().key() + ": " + change.before() + " -> " + change.after()
                  : change.setting().key() + " is already " + change.after() + "; no change");
          out.flush();
        }
        return ExitCode.OK;
      }
    }
  }
}
