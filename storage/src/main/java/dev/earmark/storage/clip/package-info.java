/**
 * The read model of imported clips: {@link dev.earmark.storage.clip.Clips} serves {@link
 * dev.earmark.storage.clip.StoredClip} records with their slice tags parsed once, by {@link
 * dev.earmark.storage.clip.SliceTags}, so every screen and command reads the same clip the same
 * way.
 */
package dev.earmark.storage.clip;
