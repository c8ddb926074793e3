package dev.earmark.app.gui.labeling;

import dev.earmark.storage.clip.StoredClip;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the clip header shows about one clip, and where its audio is. Holds no label and no
 * reference transcript (blind labeling); the ASR hypothesis is only used to pre-fill the form when
 * the project allows it. Immutable.
 */
public record ClipDetails(
    long clipId,
    String clipKey,
    Path audio,
    double durationSeconds,
    int sampleRate,
    int channels,
    Optional<String> hypothesis,
    Map<String, String> slices) {
  /** How many slices the header names; the rest would crowd out the clip id. */
  private static final int HEADER_SLICES = 4;

  private static final List<String> FIRST_SLICES =
      List.of("noise", "device", "accent", "speed", "domain");

  public ClipDetails {
    slices = Map.copyOf(slices);
  }

  /** The header facts of a clip read through storage's read model. */
  public static ClipDetails of(StoredClip clip) {
    return new ClipDetails(
        clip.id(),
        clip.clipKey(),
        clip.audioPath(),
        clip.durationSeconds(),
        clip.sampleRate(),
        clip.channels(),
        clip.hypothesis(),
        clip.slices());
  }

  /** "clip-0007 · 4.2 s · 16 kHz mono · noise: street · device: mobile". */
  public String header() {
    StringBuilder text = new StringBuilder(clipKey);
    if (durationSeconds > 0) {
      text.append(" · ").append(String.format(Locale.ROOT, "%.1f s", durationSeconds));
    }
    if (sampleRate > 0) {
      double khz = sampleRate / 1000.0;
      text.append(" · ")
          .append(
              khz == Math.rint(khz)
                  ? String.format(Locale.ROOT, "%d kHz", (int) khz)
                  : String.format(Locale.ROOT, "%.1f kHz", khz));
    }
    if (channels > 0) {
      text.append(channels == 1 ? " mono" : channels == 2 ? " stereo" : " " + channels + " ch");
    }
    slices.entrySet().stream()
        .sorted(
            Comparator.comparingInt((Map.Entry<String, String> slice) -> rank(slice.getKey()))
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(HEADER_SLICES)
        .forEach(
            slice ->
                text.append(" · ").append(slice.getKey()).append(": ").append(slice.getValue()));
    return text.toString();
  }

  /** The slices an annotator cares about most come first: noise, device, accent, speed. */
  private static int rank(String slice) {
    int index = FIRST_SLICES.indexOf(slice);
    return index < 0 ? FIRST_SLICES.size() : index;
  }
}
