package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ratings CSV read from bytes: plain rows (split in the buffer) and the same rows written so
 * that they are read as text (quoted, padded with spaces) give the same ratings on the same line
 * numbers, across line ends, buffer refills and long lines; errors name the file and line.
 */
class RatingsCsvTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> shown(List<RatingsCsv.Line> lines) {
    return lines.stream()
        .map(l -> l.number() + ":" + l.item() + "|" + l.annotator() + "|" + l.label())
        .toList();
  }

  /** A seeded file of many rows, some labels empty, some blank lines, each row shaped by form. */
  private static String rows(long seed, String lineEnd, UnaryOperator<String[]> form) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder("item_id,annotator_id,label").append(lineEnd);
    for (int i = 0; i < 30_000; i++) {
      if (random.nextInt(50) == 0) {
        text.append(lineEnd);
        continue;
      }
      String label = random.nextInt(10) == 0 ? "" : Integer.toString(random.nextInt(5));
      String[] fields = {
        "item-" + random.nextInt(8_000),
        "a" + random.nextInt(7),
        random.nextBoolean() ? label : label
      };
      text.append(String.join(",", form.apply(fields))).append(lineEnd);
    }
    return text.toString();
  }

  @Test
  void plainRowsReadAsTheSameRowsQuotedOrPaddedWouldBe() throws IOException {
    for (String lineEnd : List.of("\n", "\r\n", "\r")) {
      List<String> plain = shown(RatingsCsv.read(write("plain.csv", rows(7, lineEnd, f -> f))));
      String[] quoted = new String[3];
      List<String> asQuoted =
          shown(
              RatingsCsv.read(
                  write(
                      "quoted.csv",
                      rows(
                          7,
                          lineEnd,
                          f -> {
                            for (int i = 0; i < 3; i++) {
                              quoted[i] = "\"" + f[i] + "\"";
                            }
                            return quoted;
                          }))));
      List<String> padded =
          shown(
              RatingsCsv.read(
                  write(
                      "padded.csv",
                      rows(7, lineEnd, f -> new String[] {" " + f[0], f[1] + "\t", f[2]}))));
      assertThat(plain)
          .as("line end %s", lineEnd.replace("\r", "CR").replace("\n", "LF"))
          .hasSizeGreaterThan(25_000)
          .isEqualTo(asQuoted)
          .isEqualTo(padded);
    }
  }

  @Test
  void linesLongerThanTheBufferAndTextOutsideAsciiAreRead() throws IOException {
    String longItem = "x".repeat(200_000);
    Path file =
        write(
            "mixed.csv",
            "\uFEFFitem_id,annotator_id,label\r\n"
                + longItem
                + ",a1,1\n"
                + "clip-é,ann-ß,2\r"
                + "\"a, quoted\",a2,\n"
                + "\n"
                + "last,a3,0");
    List<RatingsCsv.Line> lines = RatingsCsv.read(file);
    assertThat(shown(lines))
        .containsExactly("2:" + longItem + "|a1|1", "3:clip-é|ann-ß|2", "6:last|a3|0");
  }

  @Test
  void errorsNameTheFileAndTheLine() throws IOException {
    Path fields = write("fields.csv", "item_id,annotator_id,label\ni1,a1,1\ni2,a1\n");
    assertThatThrownBy(() -> RatingsCsv.read(fields))
        .isInstanceOf(InputException.class)
        .hasMessage(fields + " line 3: expected 3 fields (item_id,annotator_id,label) but found 2");
    Path empty = write("empty-item.csv", "item_id,annotator_id,label\r\n,a1,1\r\n");
    assertThatThrownBy(() -> RatingsCsv.read(empty))
        .hasMessage(empty + " line 2: the item_id is empty");
    Path header = write("header.csv", "item,annotator,label\n");
    assertThatThrownBy(() -> RatingsCsv.read(header))
        .hasMessage(
            header
                + " line 1: the header must be item_id,annotator_id,label, not"
                + " 'item,annotator,label'");
    Path nothing = write("nothing.csv", "");
    assertThatThrownBy(() -> RatingsCsv.read(nothing))
        .hasMessage(nothing + " is empty: it needs the header item_id,annotator_id,label");
    Path latin1 = dir.resolve("latin1.csv");
    List<byte[]> parts = new ArrayList<>();
    parts.add("item_id,annotator_id,label\ni1,a1,1\n".getBytes(StandardCharsets.US_ASCII));
    parts.add("caf\u00e9,a1,1\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(latin1, concat(parts));
    assertThatThrownBy(() -> RatingsCsv.read(latin1))
        .hasMessage("cannot read " + latin1 + ": it is not UTF-8 text");
  }

  private static byte[] concat(List<byte[]> parts) {
    int size = parts.stream().mapToInt(p -> p.length).sum();
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
