package dev.earmark.storage.export.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.importer.Checksums;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every writer shares: clip order, number formatting, id encoding and file writing. Stateless
 * and thread-safe.
 */
final class FormatFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FormatFiles() {}

  /** The clips sorted by id (UTF-16 code unit order), refusing duplicate ids. */
  static List<ExportClip> sorted(List<ExportClip> clips) {
    List<ExportClip> sorted = new ArrayList<>(clips);
    sorted.sort(Comparator.comparing(ExportClip::clipId));
    Set<String> seen = new HashSet<>();
    for (ExportClip clip : sorted) {
      if (!seen.add(clip.clipId())) {
        throw new StorageException(
            "Clip id " + clip.clipId() + " appears twice in one export; ids must be unique.");
      }
    }
    return sorted;
  }

  /**
   * Seconds with exactly three decimals (milliseconds), as {@code String.format(Locale.ROOT,
   * "%.3f", value)} prints them, byte for byte. Written by hand because the formatter (a format
   * string parsed per call) cost about 7% of a default-format export (issue 22): {@code %.3f}
   * rounds the shortest decimal form of the double half up, so a value whose thousandths are
   * clearly away from a tie rounds the same whether taken from that form or from the double itself,
   * and only values near a tie, negative values, and values too large for a long of milliseconds go
   * to the formatter. {@code FormatFilesTest} holds the two equal on edge values.
   */
  static String seconds(double value) {
    if (!(value >= 0) || value >= MAX_FAST_SECONDS || isNegativeZero(value)) {
      return String.format(Locale.ROOT, "%.3f", value); // NaN, infinities, negatives, huge
    }
    double thousandths = value * 1000.0;
    double whole = Math.floor(thousandths);
    double fraction = thousandths - whole;
    if (Math.abs(fraction - 0.5) < TIE_BAND) {
      return String.format(Locale.ROOT, "%.3f", value); // near a tie: the formatter decides
    }
    return millisAsSeconds((long) whole + (fraction > 0.5 ? 1 : 0));
  }

  /** Above this a double's thousandths are no longer exact enough for the fast path. */
  private static final double MAX_FAST_SECONDS = 1e9;

  /**
   * How close to a half thousandth a value must come to be left to the formatter. A double below
   * {@link #MAX_FAST_SECONDS} times 1,000 is off by at most a few 1e-4 thousandths at 1e9 s and far
   * less for clip times; its shortest decimal form lies within half an ulp of it. Both are far
   * inside this band, so outside it the two roundings agree.
   */
  private static final double TIE_BAND = 1e-3;

  private static boolean isNegativeZero(double value) {
    return Double.doubleToRawLongBits(value) == Long.MIN_VALUE;
  }

  /** Seconds as a JSON number with exactly three decimals. */
  static BigDecimal secondsNumber(double value) {
    return new BigDecimal(seconds(value));
  }

  /** Whole milliseconds, rounded half up. */
  static long millis(double seconds) {
    return Math.round(seconds * 1000.0);
  }

  /**
   * Milliseconds printed as seconds with three decimals, as {@code String.format(Locale.ROOT,
   * "%d.%03d", millis / 1000, millis % 1000)} prints them (negative values, which no clip time has,
   * still go through the formatter to keep its form).
   */
  static String millisAsSeconds(long millis) {
    if (millis < 0) {
      return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }
    long rest = millis % 1000;
    StringBuilder out = new StringBuilder(24).append(millis / 1000).append('.');
    if (rest < 100) {
      out.append(rest < 10 ? "00" : "0");
    }
    return out.append(rest).toString();
  }

  private static final java.util.regex.Pattern WHITESPACE_RUN =
      java.util.regex.Pattern.compile("\\s+");

  /**
   * Whitespace runs (including line breaks) become one space; leading and trailing go. The pattern
   * is compiled once: {@code String.replaceAll} compiled it for every line of a Kaldi {@code text}.
   */
  static String oneLine(String text) {
    return WHITESPACE_RUN.matcher(text.strip()).replaceAll(" ");
  }

  /**
   * Encodes {@code id} so it holds only ASCII letters, digits and the characters in {@code
   * alsoAllowed}; every other character becomes its UTF-8 bytes as {@code =HH}. {@code =} itself is
   * always encoded, so the encoding is injective (two different ids never meet).
   */
  static String encodeId(String id, String alsoAllowed) {
    StringBuilder out = new StringBuilder(id.length());
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      char c = (char) (b & 0xff);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || (c < 0x80 && c != '=' && alsoAllowed.indexOf(c) >= 0);
      if (plain) {
        out.append(c);
      } else {
        out.append('=').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  /** A file name for a per-clip file: the encoded id, never {@code .} or {@code ..}. */
  static String fileStem(String clipId) {
    String stem = encodeId(clipId, "._-");
    return stem.startsWith(".") ? "=2E" + stem.substring(1) : stem;
  }

  /** One JSON object on one line. */
  static String jsonLine(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A tree of plain values always serializes.", e);
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /**
   * Writes {@code lines}, each ended by {@code '\n'}, as UTF-8, streamed: joining them first held
   * the file three times over (builder, string, bytes), and a 1M-item export ran out of a 4 GB heap
   * there (issue 22).
   */
  static Path writeLines(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (String line : lines) {
          out.write(line);
          out.write('\n');
        }
      }
      return file;
    } catch (IOException e) {
      throw new StorageException(
          "Could not write " + file + " (" + e.getMessage() + "); check the disk and permissions.",
          e);
    }
  }

  /**
   * Writes one document per clip into {@code outDir}, in parallel on every core: each clip's
   * document is rendered, hashed and written by one task, and nothing is read back. The result is
   * in clip id order whatever the threads did, and when clips fail the first failure in that order
   * is thrown as it was raised (a clip whose segments a tier cannot hold, a file that cannot be
   * written), so the outcome does not depend on scheduling. Used by the TextGrid and EAF formats,
   * which write two of the three files per item of a default export (issue 22).
   *
   * @param fileName the file name of a clip's document inside {@code outDir}
   * @param render the clip's document
   */
  static List<WrittenFile> writePerClip(
      List<ExportClip> clips,
      Path outDir,
      java.util.function.Function<ExportClip, String> fileName,
      java.util.function.Function<ExportClip, String> render) {
    List<ExportClip> sorted = sorted(clips);
    try {
      Files.createDirectories(outDir.toAbsolutePath());
    } catch (IOException e) {
      throw new StorageException(
          "Could not create "
              + outDir
              + " ("
              + e.getMessage()
              + "); check the disk and permissions.",
          e);
    }
    WrittenFile[] written = new WrittenFile[sorted.size()];
    RuntimeException[] failures = new RuntimeException[sorted.size()];
    java.util.stream.IntStream.range(0, sorted.size())
        .parallel()
        .forEach(
            i -> {
              ExportClip clip = sorted.get(i);
              try {
                Path file = outDir.resolve(fileName.apply(clip));
                byte[] bytes = render.apply(clip).getBytes(StandardCharsets.UTF_8);
                String sha = Checksums.sha256(bytes);
                try {
                  Files.write(file, bytes);
                } catch (IOException e) {
                  throw new StorageException(
                      "Could not write "
                          + file
                          + " ("
                          + e.getMessage()
                          + "); check the disk and permissions.",
                      e);
                }
                written[i] = new WrittenFile(file, sha);
              } catch (RuntimeException e) {
                failures[i] = e;
              }
            });
    for (RuntimeException failure : failures) {
      if (failure != null) {
        throw failure;
      }
    }
    return java.util.Arrays.asList(written);
  }

  /** Writes {@code text} as UTF-8, creating the parent directory. */
  static Path writeText(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException(
          "Could not write " + file + " (" + e.getMessage() + "); check the disk and permissions.",
          e);
    }
  }

  /** The segments of a clip in time order (start, then end, then speaker, then text). */
  static List<ExportClip.Segment> timeOrdered(List<ExportClip.Segment> segments) {
    List<ExportClip.Segment> ordered = new ArrayList<>(segments);
    ordered.sort(
        Comparator.comparingDouble(ExportClip.Segment::startSeconds)
            .thenComparingDouble(ExportClip.Segment::endSeconds)
            .thenComparing(s -> s.speakerId() == null ? "" : s.speakerId())
            .thenComparing(ExportClip.Segment::text));
    return ordered;
  }

  /**
   * The audio path a file written directly into a format's directory ({@code BATCH/<format>/})
   * writes: {@code ../} + the path inside the batch when the audio travels with it (so it resolves
   * from where the file sits, wherever the batch is moved), else the absolute source path.
   */
  static String audioReference(ExportClip clip) {
    return clip.audioInBatch()
        ? "../" + clip.audioRelativePath()
        : clip.audioPath().toString().replace('\\', '/');
  }

  /**
   * The stretches of a clip that carry text, in time order: its segments when they carry the text,
   * else one stretch over the whole clip holding the transcript. Segments carry the text unless
   * they are speaker turns only (every segment text empty while the transcript is not); the whole
   * clip stretch then takes the speaker of the turns when they all share one.
   */
  static List<ExportClip.Segment> textSegments(ExportClip clip) {
    if (!clip.segments().isEmpty() && !turnsOnly(clip)) {
      return timeOrdered(clip.segments());
    }
    String speaker = clip.speakerId();
    Set<String> turnSpeakers = new java.util.TreeSet<>();
    for (ExportClip.Segment segment : clip.segments()) {
      turnSpeakers.add(speakerOf(clip, segment));
    }
    if (turnSpeakers.size() == 1) {
      speaker = turnSpeakers.iterator().next();
    }
    return List.of(new ExportClip.Segment(0, clip.durationSeconds(), speaker, clip.transcript()));
  }

  /** Whether the clip's segments are speaker turns without text of their own. */
  static boolean turnsOnly(ExportClip clip) {
    return !clip.segments().isEmpty()
        && !clip.transcript().isBlank()
        && clip.segments().stream().allMatch(segment -> segment.text().isBlank());
  }

  /** The speaker of a segment: its own, else the clip's, else the clip id. */
  static String speakerOf(ExportClip clip, ExportClip.Segment segment) {
    return segment.speakerId() != null ? segment.speakerId() : clip.effectiveSpeaker();
  }
}
