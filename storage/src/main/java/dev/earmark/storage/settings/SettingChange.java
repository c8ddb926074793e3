package dev.earmark.storage.settings;

/**
 * The outcome of {@link ProjectSettings#change}: a known setting's value before (stored or default)
 * and after. Immutable.
 *
 * @param changed false when the value was already stored (nothing was written)
 */
public record SettingChange(Setting setting, String before, String after, boolean changed) {}
