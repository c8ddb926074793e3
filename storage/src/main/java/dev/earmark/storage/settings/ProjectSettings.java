package dev.earmark.storage.settings;

import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Key/value settings of a project. Only a lead changes them, each change audited with its old and
 * new value; anyone may read them (they hold no label data). Known keys ({@link Setting}) are
 * checked for their kind of value; a key never set reads as its default. Thread-safe.
 */
public final class ProjectSettings {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,99}");

  private final Project project;

  public ProjectSettings(Project project) {
    this.project = project;
  }

  /** Sets {@code key} to {@code value} (lead only). */
  public void set(Actor actor, String key, String value) {
    Access.require(project, actor, "change project settings", Role.LEAD);
    if (key == null || !KEY.matcher(key).matches()) {
      throw new StorageException(
          "'" + key + "' is not a setting key: use lower-case letters, digits, '.', '_' or '-'");
    }
    if (value == null) {
      throw new StorageException("setting " + key + " needs a value");
    }
    Optional<Setting> known = Setting.forKey(key);
    if (known.isPresent()) {
      check(known.get(), value);
    }
    project
        .jdbi()
        .useTransaction(
            handle -> {
              Optional<String> previous = read(handle, key);
              OffsetDateTime at = StoredTime.now(project.clock());
              String sql =
                  previous.isPresent()
                      ? "UPDATE project_settings SET setting_value = :value, changed_at = :at,"
                          + " changed_by = :by WHERE setting_key = :key"
                      : "INSERT INTO project_settings (setting_key, setting_value, changed_at,"
                          + " changed_by) VALUES (:key, :value, :at, :by)";
              handle
                  .createUpdate(sql)
                  .bind("key", key)
                  .bind("value", value)
                  .bind("at", at)
                  .bind("by", actor.userId())
                  .execute();
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      AuditAction.SETTING_SET.changed(
                          key,
                          previous
                              .map(old -> AuditLog.json().createObjectNode().put("value", old))
                              .orElse(null),
                          AuditLog.json().createObjectNode().put("value", value)));
            });
  }

  /**
   * Changes a setting Earmark knows (lead only), as {@code earmark settings set} does: an unknown
   * key is refused naming the known ones, the value is checked for its kind and range, and setting
   * the value already stored changes nothing and writes no audit event.
   */
  public SettingChange change(Actor actor, String key, String value) {
    Access.require(project, actor, "change project settings", Role.LEAD);
    Setting setting =
        Setting.forKey(key)
            .orElseThrow(
                () ->
                    new StorageException(
                        "'"
                            + key
                            + "' is not a setting Earmark knows; known settings: "
                            + String.join(
                                ", ",
                                java.util.Arrays.stream(Setting.values())
                                    .map(Setting::key)
                                    .toList())));
    Optional<String> stored = get(key);
    String before = stored.orElse(setting.defaultValue());
    if (stored.isPresent() && stored.get().equals(value)) {
      check(setting, value);
      return new SettingChange(setting, before, value, false);
    }
    set(actor, key, value);
    return new SettingChange(setting, before, value, true);
  }

  /** Sets a known flag (lead only). */
  public void set(Actor actor, Setting setting, boolean on) {
    set(actor, setting.key(), Boolean.toString(on));
  }

  /** The stored value of {@code key}, if one was set. */
  public Optional<String> get(String key) {
    return project.jdbi().withHandle(handle -> read(handle, key));
  }

  /** The value of a known setting: the stored one or its default. */
  public String get(Setting setting) {
    return get(setting.key()).orElse(setting.defaultValue());
  }

  /** A known flag's value. */
  public boolean flag(Setting setting) {
    return flag(null, setting);
  }

  /** A known number's value. */
  public double number(Setting setting) {
    return Double.parseDouble(get(setting));
  }

  /**
   * A known flag's value read inside the transaction of {@code handle} (for services that decide on
   * it in the same transaction); a null handle opens its own.
   */
  public boolean flag(Handle handle, Setting setting) {
    Optional<String> stored = handle == null ? get(setting.key()) : read(handle, setting.key());
    return Boolean.parseBoolean(stored.orElse(setting.defaultValue()));
  }

  /** A known whole number's value. */
  public int wholeNumber(Setting setting) {
    return Integer.parseInt(get(setting));
  }

  /** Every stored setting, by key. */
  public Map<String, String> all() {
    Map<String, String> settings = new LinkedHashMap<>();
    project
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT setting_key, setting_value FROM project_settings ORDER BY"
                            + " setting_key")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(entry -> settings.put(entry.getKey(), entry.getValue())));
    return settings;
  }

  private static Optional<String> read(Handle handle, String key) {
    return handle
        .createQuery("SELECT setting_value FROM project_settings WHERE setting_key = :key")
        .bind("key", key)
        .mapTo(String.class)
        .findOne();
  }

  private static void check(Setting setting, String value) {
    switch (setting.kind()) {
      case FLAG -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw new StorageException(
              "setting " + setting.key() + " is on or off: use true or false, not '" + value + "'");
        }
      }
      case NUMBER -> {
        boolean finite;
        try {
          finite = Double.isFinite(Double.parseDouble(value));
        } catch (NumberFormatException e) {
          finite = false;
        }
        if (!finite) {
          throw new StorageException(
              "setting " + setting.key() + " needs a number such as 0.25, not '" + value + "'");
        }
      }
      case WHOLE_NUMBER -> {
        if (!value.matches("-?[0-9]{1,9}")) {
          throw new StorageException(
              "setting " + setting.key() + " needs a whole number such as 5, not '" + value + "'");
        }
      }
    }
    if (setting.kind() != Setting.Kind.FLAG) {
      double number = Double.parseDouble(value);
      boolean below = setting.min().map(min -> number < min).orElse(false);
      boolean above = setting.max().map(max -> number > max).orElse(false);
      if (below || above) {
        throw new StorageException(
            "setting " + setting.key() + " must be " + range(setting) + ", not '" + value + "'");
      }
    }
  }

  /** The accepted range of a number setting in words ("between 0 and 1", "at least 2"). */
  public static String range(Setting setting) {
    if (setting.min().isPresent() && setting.max().isPresent()) {
      return "between " + plain(setting.min().get()) + " and " + plain(setting.max().get());
    }
    if (setting.min().isPresent()) {
      return "at least " + plain(setting.min().get());
    }
    if (setting.max().isPresent()) {
      return "at most " + plain(setting.max().get());
    }
    return "a finite number";
  }

  private static String plain(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }
}
