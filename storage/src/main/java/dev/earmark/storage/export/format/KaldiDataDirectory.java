package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kaldi data directory: {@code wav.scp}, {@code text}, {@code utt2spk}, {@code spk2utt} and, when
 * any clip has segments, {@code segments}.
 *
 * <p>Ids: Kaldi ids cannot hold whitespace and its scripts need the utterance order and the speaker
 * order to agree under C-locale sorting. Speaker ids are therefore encoded to ASCII letters,
 * digits, {@code .} and {@code _} (every other byte of the UTF-8 id, {@code -} included, becomes
 * {@code =HH}); an utterance id is {@code SPEAKER-CLIP} (the clip id encoded the same way, {@code
 * -} allowed), so the separator {@code -} sorts before every character a speaker id can hold and
 * sorting by utterance also sorts by speaker. A clip without speaker is its own speaker (its clip
 * id). With segments an utterance id is {@code SPEAKER-CLIP-NNNN} (the segment's 1-based number in
 * time order) and the recording id in {@code wav.scp} is the encoded clip id; clips without
 * segments then get one segment spanning the clip, because Kaldi expects all or none.
 *
 * <p>Audio: {@code wav.scp} holds the absolute path for {@code .wav} files whose path has no
 * whitespace; any other file is piped through {@code sox PATH -t wav - |} (path shell-quoted), so
 * sox must be installed where Kaldi runs. Sample rate and channels are left as they are. Lossy:
 * hypotheses, slices and language are dropped; transcripts become one line (whitespace runs are one
 * space). Stateless, thread-safe.
 */
public final class KaldiDataDirectory implements ExportFormat {
  @Override
  public String id() {
    return "kaldi";
  }

  /** The Kaldi speaker id of a speaker (or clip id): see the class comment. */
  public static String speakerId(String speaker) {
    return FormatFiles.encodeId(speaker, "._");
  }

  /** The Kaldi utterance id of a clip without segments. */
  public static String utteranceId(ExportClip clip) {
    return speakerId(clip.effectiveSpeaker()) + "-" + recordingId(clip);
  }

  /** The Kaldi recording id of a clip (its encoded clip id). */
  public static String recordingId(ExportClip clip) {
    return FormatFiles.encodeId(clip.clipId(), "._-");
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<ExportClip> sorted = FormatFiles.sorted(clips);
    boolean segmented = sorted.stream().anyMatch(clip -> !clip.segments().isEmpty());
    Map<String, String> wavs = new TreeMap<>();
    Map<String, String> texts = new TreeMap<>();
    Map<String, String> speakers = new TreeMap<>();
    Map<String, String> segmentLines = new TreeMap<>();
    for (ExportClip clip : sorted) {
      if (!segmented) {
        String utterance = utteranceId(clip);
        wavs.put(utterance, wavEntry(clip.audioPath()));
        texts.put(utterance, clip.transcript());
        speakers.put(utterance, speakerId(clip.effectiveSpeaker()));
        continue;
      }
      String recording = recordingId(clip);
      wavs.put(recording, wavEntry(clip.audioPath()));
      List<ExportClip.Segment> segments =
          clip.segments().isEmpty()
              ? List.of(new ExportClip.Segment(0, clip.durationSeconds(), null, clip.transcript()))
              : FormatFiles.timeOrdered(clip.segments());
      for (int i = 0; i < segments.size(); i++) {
        ExportClip.Segment segment = segments.get(i);
        String speaker = speakerId(FormatFiles.speakerOf(clip, segment));
        String utterance =
            speaker + "-" + recording + "-" + String.format(Locale.ROOT, "%04d", i + 1);
        texts.put(utterance, segment.text());
        speakers.put(utterance, speaker);
        segmentLines.put(
            utterance,
            recording
                + " "
                + FormatFiles.seconds(segment.startSeconds())
                + " "
                + FormatFiles.seconds(segment.endSeconds()));
      }
    }
    List<Path> written = new ArrayList<>();
    written.add(FormatFiles.writeLines(outDir.resolve("wav.scp"), keyed(wavs)));
    List<String> textLines = new ArrayList<>();
    texts.forEach(
        (utterance, text) -> {
          String line = FormatFiles.oneLine(text);
          textLines.add(line.isEmpty() ? utterance : utterance + " " + line);
        });
    written.add(FormatFiles.writeLines(outDir.resolve("text"), textLines));
    written.add(FormatFiles.writeLines(outDir.resolve("utt2spk"), keyed(speakers)));
    Map<String, List<String>> bySpeaker = new TreeMap<>();
    speakers.forEach(
        (utterance, speaker) ->
            bySpeaker.computeIfAbsent(speaker, key -> new ArrayList<>()).add(utterance));
    List<String> spk2utt = new ArrayList<>();
    bySpeaker.forEach(
        (speaker, utterances) -> spk2utt.add(speaker + " " + String.join(" ", utterances)));
    written.add(FormatFiles.writeLines(outDir.resolve("spk2utt"), spk2utt));
    if (segmented) {
      written.add(FormatFiles.writeLines(outDir.resolve("segments"), keyed(segmentLines)));
    }
    return written;
  }

  private static List<String> keyed(Map<String, String> sortedByKey) {
    List<String> lines = new ArrayList<>(sortedByKey.size());
    sortedByKey.forEach((key, value) -> lines.add(key + " " + value));
    return lines;
  }

  /** The {@code wav.scp} value for an audio file: its path, or a sox pipe. */
  static String wavEntry(Path audio) {
    String path = audio.toString();
    boolean plainWav =
        path.toLowerCase(Locale.ROOT).endsWith(".wav") && !path.matches(".*[\\s|'\"\\\\$`].*");
    if (plainWav) {
      return path;
    }
    return "sox " + shellQuoted(path) + " -t wav - |";
  }

  private static String shellQuoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
