/**
 * The waveform component of the labeling and adjudication screens: {@link
 * dev.earmark.app.gui.waveform.WaveformView} (a canvas control) bound to {@link
 * dev.earmark.app.gui.waveform.WaveformViewModel} (zoom, scroll, selection, loop, playhead), the
 * time/pixel mapping {@link dev.earmark.app.gui.waveform.Viewport}, the ruler, the spectrogram
 * colouring, the {@link dev.earmark.app.gui.waveform.TransportBar} and the default keys ({@link
 * dev.earmark.app.gui.waveform.WaveformActions}).
 *
 * <p>Wiring it into a screen (one executor and one player per window):
 *
 * <pre>{@code
 * BackgroundExecutor executor = new FxTaskExecutor(2);
 * AudioPlayer player = new EngineAudioPlayer(executor);
 * WaveformViewModel waveform = new WaveformViewModel(
 *     executor, player, PeakLoader.cached(new PeakCache(cacheDir.resolve("peaks"))),
 *     SpectrogramSettings.defaults());
 * VBox clipPane = new VBox(new WaveformView(waveform, executor), new TransportBar(waveform));
 * Keymap keys = WaveformActions.defaultKeymap().copy().bind("workbench.submit", ...);
 * keys.install(scene, action -> waveform.perform(action) || workbench.perform(action));
 * waveform.open(clipFile);               // later clips: open() again; the player follows
 * waveform.selectionProperty();          // -> "+ segment from selection"
 * waveform.heardFractionProperty();      // listening rigour: unlock a TTS rating at, e.g., 0.8
 * player.stateProperty(), player.messageProperty();  // status bar ("no audio output device ...")
 * }</pre>
 */
package dev.earmark.app.gui.waveform;
