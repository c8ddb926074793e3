package dev.earmark.storage.export.format;

import dev.earmark.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A clip's transcript as one tier per speaker of non-overlapping intervals in whole milliseconds,
 * for the formats that draw tiers (TextGrid, EAF): one interval per segment. A clip without
 * segments is one tier (its speaker, or its clip id) with one interval over the whole clip. When
 * the segments are speaker turns without text ({@link FormatFiles#turnsOnly}), a further tier named
 * {@code transcript} (plus {@code _} while a speaker has that name) holds the whole transcript.
 *
 * @param endMillis the end of the time axis: the clip's duration, or the last segment end if later
 * @param tiers intervals by speaker name, speakers sorted, intervals in time order
 */
record SpeakerTiers(long endMillis, Map<String, List<Interval>> tiers) {

  /** The tier holding the whole transcript of a clip whose segments are speaker turns only. */
  static final String TRANSCRIPT_TIER = "transcript";

  /** One annotated stretch. */
  record Interval(long startMillis, long endMillis, String text) {}

  static SpeakerTiers of(ExportClip clip) {
    long end = FormatFiles.millis(clip.durationSeconds());
    Map<String, List<Interval>> tiers = new TreeMap<>();
    if (clip.segments().isEmpty()) {
      tiers.put(clip.effectiveSpeaker(), List.of(new Interval(0, end, clip.transcript())));
      return new SpeakerTiers(end, tiers);
    }
    for (ExportClip.Segment segment : FormatFiles.timeOrdered(clip.segments())) {
      long start = FormatFiles.millis(segment.startSeconds());
      long stop = FormatFiles.millis(segment.endSeconds());
      String speaker = FormatFiles.speakerOf(clip, segment);
      List<Interval> tier = tiers.computeIfAbsent(speaker, key -> new ArrayList<>());
      long previousEnd = tier.isEmpty() ? 0 : tier.get(tier.size() - 1).endMillis();
      if (stop <= start || start < previousEnd) {
        throw new StorageException(
            "Clip "
                + clip.clipId()
                + ": the segment of speaker "
                + speaker
                + " at "
                + FormatFiles.seconds(segment.startSeconds())
                + " s overlaps another of the same speaker or is shorter than a millisecond;"
                + " tiers cannot hold it. Fix the segments of this clip.");
      }
      tier.add(new Interval(start, stop, segment.text()));
      end = Math.max(end, stop);
    }
    if (FormatFiles.turnsOnly(clip)) {
      // Speaker turns without text of their own: the transcript gets a tier over the whole clip.
      String name = TRANSCRIPT_TIER;
      while (tiers.containsKey(name)) {
        name = name + "_";
      }
      tiers.put(name, List.of(new Interval(0, end, clip.transcript())));
    }
    return new SpeakerTiers(end, tiers);
  }
}
