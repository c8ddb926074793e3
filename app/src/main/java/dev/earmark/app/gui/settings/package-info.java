/**
 * The lead's Settings tab: every project setting ({@code storage.settings.Setting}) in a ControlsFX
 * {@code PropertySheet}, each with its meaning and the values it accepts. A change is saved through
 * {@code ProjectSettings#change}, the call {@code earmark settings set} makes, so the lead check,
 * the kind and range check and the audit event are the same; a refused value is put back and the
 * service's sentence shown.
 */
package dev.earmark.app.gui.settings;
