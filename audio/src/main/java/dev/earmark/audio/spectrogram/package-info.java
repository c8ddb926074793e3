/**
 * Short-time Fourier analysis: our radix-2 {@link dev.earmark.audio.spectrogram.Fft}, and {@link
 * dev.earmark.audio.spectrogram.Spectrogram}, which computes log-magnitude tiles of a file on
 * demand so a long clip is only analysed where the user looks.
 */
package dev.earmark.audio.spectrogram;
