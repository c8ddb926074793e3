/**
 * Playback of clips in the window: the {@link dev.earmark.app.gui.player.AudioPlayer} seam the
 * waveform and the rubric screens talk to, and {@link
 * dev.earmark.app.gui.player.EngineAudioPlayer}, its implementation on the audio module's playback
 * engine (pitch-kept speed, solo / mute, honest about a missing sound device).
 */
package dev.earmark.app.gui.player;
