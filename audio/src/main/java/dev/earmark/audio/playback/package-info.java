/**
 * Playback without JavaFX: a clip decoded into memory ({@link dev.earmark.audio.playback.PcmClip}),
 * pitch-preserving speed change by WSOLA ({@link dev.earmark.audio.playback.TimeStretcher}), solo
 * and mute per channel ({@link dev.earmark.audio.playback.ChannelSelection}), and {@link
 * dev.earmark.audio.playback.PlaybackEngine}, which streams the result to a Java Sound output line
 * in real time and says plainly when no device can play.
 */
package dev.earmark.audio.playback;
