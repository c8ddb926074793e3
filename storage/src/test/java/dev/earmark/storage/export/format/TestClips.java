package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Realistic export clips shared by the format tests; their audio stays outside the batch. */
final class TestClips {
  private TestClips() {}

  /** An unsegmented English clip with a speaker, a hypothesis and two slices. */
  static ExportClip plain() {
    return new ExportClip(
        "clip-001",
        Path.of("/data/project/audio/clip-001.wav"),
        null,
        2.5,
        16000,
        1,
        "spk_a",
        "the quick brown fox",
        List.of(),
        "the quick brown box",
        Map.of("device", "phone", "accent", "us"),
        "en");
  }

  /**
   * A segmented Swiss German clip whose id, speaker and path hold non-ASCII, spaces and slashes,
   * with quotes and sclite-special characters in its text.
   */
  static ExportClip segmented() {
    return new ExportClip(
        "Zürich interview/02",
        Path.of("/data/project/audio/Zürich interview 02.flac"),
        null,
        4.0,
        44100,
        2,
        "Anne-Marie Ø",
        "Grüezi mitenand \"so\" (lacht) {ja}",
        List.of(
            new ExportClip.Segment(1.5, 3.25, "Bob", "\"so\" (lacht) {ja}"),
            new ExportClip.Segment(0.0, 1.2, null, "Grüezi mitenand")),
        "grüezi mit enand so lacht ja",
        Map.of("accent", "ch", "transcription", "verbatim"),
        "gsw");
  }

  /** A clip with no speaker, an empty transcript and no hypothesis. */
  static ExportClip empty() {
    return new ExportClip(
        "empty",
        Path.of("/data/project/audio/empty.wav"),
        null,
        1.0,
        16000,
        1,
        null,
        "",
        List.of(),
        null,
        Map.of(),
        null);
  }

  static List<ExportClip> all() {
    return List.of(plain(), segmented(), empty());
  }

  /** The same clips in a different order. */
  static List<ExportClip> shuffled(List<ExportClip> clips, long seed) {
    List<ExportClip> copy = new ArrayList<>(clips);
    Collections.reverse(copy);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }
}
