/**
 * Audio decoding and validation ({@code decode}), peak pyramids ({@code peaks}), spectrograms
 * ({@code spectrogram}) and acoustic features ({@code features}), shared by the workbench, the
 * command line, import and model training. No JavaFX. {@link dev.earmark.audio.AudioException} is
 * the module's unchecked root exception; its message is a sentence for the user.
 */
package dev.earmark.audio;
