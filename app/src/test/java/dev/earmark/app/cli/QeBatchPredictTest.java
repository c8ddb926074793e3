package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.app.cli.EarmarkCommandTest.Result;
import dev.earmark.fixtures.DemoDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earmark qe predict --batch} over the demo's real clips and its broken files. */
class QeBatchPredictTest {
  @TempDir static Path dir;
  static Path demo;
  static int audioFiles;

  @BeforeAll
  static void copyDemo() throws IOException {
    demo = DemoDataset.copyTo(dir.resolve("demo")).getParent();
    try (Stream<Path> files = Files.list(demo.resolve("audio"))) {
      audioFiles = (int) files.filter(f -> f.toString().matches(".*\\.(wav|flac|mp3|ogg)")).count();
    }
  }

  private static Result batch(Path batch, Path out, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of("qe", "predict", "--batch", batch.toString(), "--out", out.toString()));
    args.addAll(List.of(options));
    return EarmarkCommandTest.run(args.toArray(String[]::new));
  }

  private static JsonNode json(Result result) throws IOException {
    return JsonOutput.mapper().readTree(result.out());
  }

  private static List<JsonNode> lines(Path out) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      lines.add(JsonOutput.mapper().readTree(line));
    }
    return lines;
  }

  @Test
  void aDirectoryIsScoredOnceAndARerunAddsNothing() throws IOException {
    Path out = dir.resolve("directory.jsonl");
    Result first = batch(demo.resolve("audio"), out, "--threads", "2", "--json");
    byte[] written = Files.readAllBytes(out);
    Result again = batch(demo.resolve("audio"), out, "--threads", "2", "--json");

    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(json(first).get("scored").asInt()).isEqualTo(audioFiles);
    assertThat(lines(out)).hasSize(audioFiles);
    assertThat(again.code()).isZero();
    assertThat(json(again).get("scored").asInt()).isZero();
    assertThat(json(again).get("skipped").asInt()).isEqualTo(audioFiles);
    assertThat(Files.readAllBytes(out)).isEqualTo(written);
  }

  @Test
  void aBatchLineHoldsWhatSingleFilePredictionSays() throws IOException {
    Path out = dir.resolve("same.jsonl");
    Path clip = demo.resolve("audio/clip-007.wav");
    Path single = Files.createDirectories(dir.resolve("single"));
    Files.copy(clip, single.resolve("clip-007.wav"));
    batch(single, out);
    Result alone = EarmarkCommandTest.run("qe", "predict", clip.toString(), "--json");

    JsonNode line = lines(out).get(0);
    JsonNode expected = json(alone).get("clips").get(0);
    assertThat(line.get("predicted_wer").asDouble())
        .isEqualTo(expected.get("predicted_wer").asDouble());
    assertThat(line.get("top_features")).isEqualTo(expected.get("top_features"));
    assertThat(line.get("sha256").asText()).isEqualTo(QeBatchTestHash.sha256(clip));
    assertThat(line.get("model_id").asText())
        .isEqualTo(json(alone).get("model").get("id").asText());
    assertThat(line.get("feature_schema_version").asInt()).isPositive();
  }

  @Test
  void oneThreadAndFourThreadsWriteTheSameLines() throws IOException {
    Path one = dir.resolve("one.jsonl");
    Path four = dir.resolve("four.jsonl");
    batch(demo.resolve("manifest.jsonl"), one, "--threads", "1");
    batch(demo.resolve("manifest.jsonl"), four, "--threads", "4");

    assertThat(byId(four)).isEqualTo(byId(one));
    assertThat(byId(one)).containsKey("clip-001");
  }

  private static Map<String, JsonNode> byId(Path out) throws IOException {
    Map<String, JsonNode> rows = new TreeMap<>();
    for (JsonNode line : lines(out)) {
      rows.put(line.get("id").asText(), line);
    }
    return rows;
  }

  @Test
  void sameContentUnderTwoNamesIsScoredOnce() throws IOException {
    Path twins = Files.createDirectories(dir.resolve("twins"));
    Files.copy(demo.resolve("audio/clip-003.wav"), twins.resolve("a.wav"));
    Files.copy(demo.resolve("audio/clip-003.wav"), twins.resolve("b.WAV"));
    Files.writeString(twins.resolve("notes.txt"), "not audio, not listed");
    Path out = dir.resolve("twins.jsonl");

    Result result = batch(twins, out, "--json");

    assertThat(json(result).get("clips").asInt()).isEqualTo(2);
    assertThat(json(result).get("scored").asInt()).isEqualTo(1);
    assertThat(json(result).get("skipped").asInt()).isEqualTo(1);
    assertThat(lines(out)).hasSize(1);
  }

  @Test
  void brokenFilesAreListedExitOneAndWriteNoLine() throws IOException {
    Path out = dir.resolve("broken.jsonl");

    Result result = batch(demo.resolve("broken"), out);

    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out())
        .contains("7 clips: 0 scored, 0 already in")
        .contains("7 failed")
        .contains("empty.wav: the file is empty (0 bytes)")
        .contains("not-audio.wav: not an audio file");
    assertThat(Files.readString(out)).isEmpty();
  }

  @Test
  void aLineCutShortByAnInterruptionIsDroppedAndItsClipScoredAgain() throws IOException {
    Path twins = Files.createDirectories(dir.resolve("pair"));
    Files.copy(demo.resolve("audio/clip-010.flac"), twins.resolve("a.flac"));
    Files.copy(demo.resolve("audio/clip-011.wav"), twins.resolve("b.wav"));
    Path out = dir.resolve("interrupted.jsonl");
    batch(twins, out);
    List<String> complete = Files.readAllLines(out);
    // as if the process died while writing the second line
    Files.writeString(out, complete.get(0) + "\n" + complete.get(1).substring(0, 40));

    Result result = batch(twins, out, "--json");

    assertThat(json(result).get("scored").asInt()).isEqualTo(1);
    assertThat(json(result).get("skipped").asInt()).isEqualTo(1);
    assertThat(Files.readAllLines(out)).containsExactlyInAnyOrderElementsOf(complete);
  }

  @Test
  void anOutputThatIsNotAPredictionsFileIsRefused() throws IOException {
    Path out = dir.resolve("notes.jsonl");
    Files.writeString(out, "{\"hello\": 1}\n");

    Result result = batch(demo.resolve("audio"), out);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("notes.jsonl:1: no sha256 and model_id");
  }

  /** SHA-256 computed here independently of the code under test. */
  static final class QeBatchTestHash {
    static String sha256(Path file) throws IOException {
      try {
        return java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
  }
}
