/**
 * Waveform peaks: a {@link dev.earmark.audio.peaks.PeakPyramid} of exact 16-bit min/max per block
 * at several resolutions, built in one streaming pass; {@link dev.earmark.audio.peaks.PeakCache}
 * keeps it on disk so reopening a clip is instant; {@link
 * dev.earmark.audio.peaks.AudiowaveformFormat} writes peaks in BBC audiowaveform's .dat and JSON
 * layouts.
 */
package dev.earmark.audio.peaks;
