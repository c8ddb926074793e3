/**
 * Playback of clips: the {@link dev.earmark.app.gui.player.AudioPlayer} seam the waveform and the
 * rubric screens talk to, its JavaFX {@code MediaPlayer} implementation, and {@link
 * dev.earmark.app.gui.player.PlayableAudio}, which turns formats JavaFX cannot play (FLAC, Vorbis,
 * 24-bit and float WAV) into a cached 16-bit WAV it can.
 */
package dev.earmark.app.gui.player;
