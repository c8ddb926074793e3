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
 * <p>Durations: {@code utt2dur} (utterance durations) and {@code reco2dur} (recording durations) in
 * seconds, three decimals, as {@code utils/data/get_utt2dur.sh} would write them.
 *
 * <p>Audio: {@code wav.scp} holds the path ({@code ../audio/NAME} when the audio travels with the
 * batch, else the absolute source) of 16-bit PCM {@code .wav} files at the set's sample rate (the
 * most frequent one) whose path has no shell metacharacters; any other file (FLAC, 24-bit or float
 * WAV, another rate) is piped through {@code sox PATH -t wav [-r RATE] -b 16 -e signed-integer - |}
 * (path shell-quoted), so sox must be installed where Kaldi runs. Channels are left as they are.
 * Lossy: hypotheses, slices and language are dropped; transcripts become one line (whitespace runs
 * are one space). Stateless, thread-safe.
 */
public final class KaldiDataDirectory implements ExportFormat {
  @Override
  public boolean scoresWords() {
    return true;
  }

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
    boolean segmented =
        sorted.stream()
            .anyMatch(clip -> !clip.segments().isEmpty() && !FormatFiles.turnsOnly(clip));
    int setRate = setSampleRate(sorted);
    Map<String, String> wavs = new TreeMap<>();
    Map<String, String> texts = new TreeMap<>();
    Map<String, String> speakers = new TreeMap<>();
    Map<String, String> durations = new TreeMap<>();
    Map<String, String> recordingDurations = new TreeMap<>();
    Map<String, String> segmentLines = new TreeMap<>();
    // The WAV headers are read on every core first: one open and read per clip's source file.
    boolean[] pcm16 = new boolean[sorted.size()];
    java.util.stream.IntStream.range(0, sorted.size())
        .parallel()
        .forEach(
            i -> pcm16[i] = isWav(sorted.get(i)) && WavHeader.isPcm16(sorted.get(i).audioPath()));
    for (int c = 0; c < sorted.size(); c++) {
      ExportClip clip = sorted.get(c);
      List<ExportClip.Segment> segments = FormatFiles.textSegments(clip);
      String wav = wavEntry(clip, setRate, pcm16[c]);
      String clipDuration = FormatFiles.seconds(clip.durationSeconds());
      if (!segmented) {
        ExportClip.Segment whole = segments.get(0);
        String speaker = speakerId(FormatFiles.speakerOf(clip, whole));
        String utterance = speaker + "-" + recordingId(clip);
        wavs.put(utterance, wav);
        texts.put(utterance, whole.text());
        speakers.put(utterance, speaker);
        durations.put(utterance, clipDuration);
        recordingDurations.put(utterance, clipDuration);
        continue;
      }
      String recording = recordingId(clip);
      wavs.put(recording, wav);
      recordingDurations.put(recording, clipDuration);
      for (int i = 0; i < segments.size(); i++) {
        ExportClip.Segment segment = segments.get(i);
        String speaker = speakerId(FormatFiles.speakerOf(clip, segment));
        String utterance =
            speaker + "-" + recording + "-" + String.format(Locale.ROOT, "%04d", i + 1);
        String start = FormatFiles.seconds(segment.startSeconds());
        String end = FormatFiles.seconds(segment.endSeconds());
        texts.put(utterance, segment.text());
        speakers.put(utterance, speaker);
        // From the printed times, so utt2dur and segments agree to the millisecond.
        durations.put(
            utterance,
            new java.math.BigDecimal(end)
                .subtract(new java.math.BigDecimal(start))
                .toPlainString());
        segmentLines.put(utterance, recording + " " + start + " " + end);
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
    written.add(FormatFiles.writeLines(outDir.resolve("utt2dur"), keyed(durations)));
    written.add(FormatFiles.writeLines(outDir.resolve("reco2dur"), keyed(recordingDurations)));
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

  /**
   * The sample rate of the set: the most frequent one among the clips (the lower rate on a tie), to
   * which off-rate files are converted.
   */
  static int setSampleRate(List<ExportClip> clips) {
    Map<Integer, Integer> counts = new TreeMap<>();
    clips.forEach(clip -> counts.merge(clip.sampleRate(), 1, Integer::sum));
    int best = 0;
    int bestCount = 0;
    for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
      if (entry.getValue() > bestCount) {
        best = entry.getKey();
        bestCount = entry.getValue();
      }
    }
    return best;
  }

  /**
   * The {@code wav.scp} value of a clip: the path of a 16-bit PCM WAV file at the set's rate and
   * without shell metacharacters; else a {@code sox} pipe that converts it (16-bit, and resampled
   * to the set's rate when the file's rate differs), as Kaldi recipes write for other encodings.
   */
  static String wavEntry(ExportClip clip, int setRate) {
    return wavEntry(clip, setRate, isWav(clip) && WavHeader.isPcm16(clip.audioPath()));
  }

  /** Whether the clip's audio reference names a {@code .wav} file. */
  private static boolean isWav(ExportClip clip) {
    return FormatFiles.audioReference(clip).toLowerCase(Locale.ROOT).endsWith(".wav");
  }

  /** {@link #wavEntry(ExportClip, int)} with the header's verdict already read. */
  private static String wavEntry(ExportClip clip, int setRate, boolean pcm16) {
    String path = FormatFiles.audioReference(clip);
    boolean wav = path.toLowerCase(Locale.ROOT).endsWith(".wav");
    boolean plainPath = !SHELL_METACHARACTER.matcher(path).matches();
    boolean offRate = clip.sampleRate() != setRate;
    if (wav && plainPath && !offRate && pcm16) {
      return path;
    }
    StringBuilder pipe = new StringBuilder("sox ").append(shellQuoted(path)).append(" -t wav");
    if (offRate) {
      pipe.append(" -r ").append(setRate);
    }
    pipe.append(" -b 16 -e signed-integer - |");
    return pipe.toString();
  }

  /** Compiled once; {@code String.matches} compiled it for every clip (issue 22). */
  private static final java.util.regex.Pattern SHELL_METACHARACTER =
      java.util.regex.Pattern.compile(".*[\\s|'\"\\\\$`;&<>()*?].*");

  private static String shellQuoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
