package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.app.cli.EarmarkCommandTest.Result;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives {@code earmark qe} on real WAV files synthesised here: a voiced, syllable-modulated signal
 * under white noise at a known SNR, with hypotheses that lose more words the noisier the clip, the
 * way a recogniser does.
 */
class QeCommandTest {
  static final String REFERENCE = "one two three four five six seven eight nine ten";
  static final int RATE = 16_000;

  @TempDir static Path dir;
  static Path manifest;
  static Path model;

  @BeforeAll
  static void trainOnce() throws IOException {
    manifest = manifest("train.jsonl", 36, 0, 30, true, 1);
    model = dir.resolve("model.qe");
    Result result =
        run("qe", "train", "--manifest", manifest.toString(), "--out", model.toString());
    assertThat(result.code()).as(result.out() + result.err()).isZero();
  }

  static Result run(String... args) {
    return EarmarkCommandTest.run(args);
  }

  /**
   * {@code count} clips with SNR evenly from {@code lowSnr} to {@code highSnr}; hypotheses drop
   * words in proportion to the noise when {@code noiseDriven}, otherwise at random.
   */
  static Path manifest(
      String name, int count, double lowSnr, double highSnr, boolean noiseDriven, long seed)
      throws IOException {
    Random random = new Random(seed);
    StringBuilder lines = new StringBuilder();
    String[] words = REFERENCE.split(" ");
    for (int i = 0; i < count; i++) {
      double snr = lowSnr + (highSnr - lowSnr) * i / Math.max(1, count - 1);
      String id = String.format(Locale.ROOT, "%s-%02d", name.replace(".jsonl", ""), i);
      Path wav = dir.resolve(id + ".wav");
      Files.write(wav, wav(snr, random.nextLong()));
      int errors =
          noiseDriven
              ? (int) Math.round(Math.max(0, 25 - snr) / 2.5)
              : random.nextInt(words.length + 1);
      List<String> hypothesis = new ArrayList<>();
      for (int w = 0; w < words.length; w++) {
        hypothesis.add(w < errors ? "uh" : words[w]);
      }
      lines.append(
          String.format(
              Locale.ROOT,
              "{\"id\": \"%s\", \"audio_filepath\": \"%s\", \"reference\": \"%s\","
                  + " \"hypothesis\": \"%s\"}%n",
              id,
              wav.getFileName(),
              REFERENCE,
              String.join(" ", hypothesis)));
    }
    Path file = dir.resolve(name);
    Files.writeString(file, lines.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /** 1.5 s of 16-bit mono: 150 Hz harmonics, 4 Hz syllable envelope, white noise at {@code snr}. */
  static byte[] wav(double snrDb, long seed) {
    Random random = new Random(seed);
    int frames = (int) (RATE * 1.5);
    double[] voice = new double[frames];
    double power = 0;
    for (int i = 0; i < frames; i++) {
      double t = (double) i / RATE;
      double envelope = 0.5 * (1 + Math.sin(2 * Math.PI * 4 * t));
      double sample = 0;
      for (int h = 1; h <= 8; h++) {
        sample += Math.sin(2 * Math.PI * 150 * h * t) / h;
      }
      voice[i] = envelope * sample;
      power += voice[i] * voice[i];
    }
    double noiseRms = Math.sqrt(power / frames) / Math.pow(10, snrDb / 20);
    double peak = 0;
    double[] mixed = new double[frames];
    for (int i = 0; i < frames; i++) {
      mixed[i] = voice[i] + random.nextGaussian() * noiseRms;
      peak = Math.max(peak, Math.abs(mixed[i]));
    }
    ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (double sample : mixed) {
      data.putShort((short) Math.round(sample / peak * 0.5 * 32767));
    }
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 2);
    header.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    header.putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2);
    header.putShort((short) 2).putShort((short) 16);
    header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(header.array());
    bytes.writeBytes(data.array());
    return bytes.toByteArray();
  }

  static JsonNode json(Result result) throws IOException {
    return JsonOutput.mapper().readTree(result.out());
  }

  @Test
  void trainingOnNoiseDrivenErrorsIsAcceptedAndSavedWithLineage() throws IOException {
    Path out = dir.resolve("again.qe");
    Result result =
        run("qe", "train", "--manifest", manifest.toString(), "--out", out.toString(), "--json");
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode json = json(result);
    assertThat(json.get("status").asText()).isEqualTo("accepted");
    assertThat(json.get("normalization").asText()).isEqualTo("en-asr@1");
    assertThat(json.get("usable_clips").asInt()).isEqualTo(36);
    assertThat(json.get("metrics").get("spearman_rho").asDouble()).isGreaterThanOrEqualTo(0.4);
    assertThat(json.get("metrics").get("calibration")).hasSize(5);
    assertThat(json.get("model").get("passed_gate").asBoolean()).isTrue();
    assertThat(json.get("model").get("target").asText()).contains("en-asr@1");
    assertThat(json.get("saved_to").asText()).isEqualTo(out.toString());
    assertThat(Files.readAllBytes(out)).isNotEmpty();
  }

  @Test
  void aFixedCreationTimeMakesTheModelFileReproducible() throws IOException {
    Path first = dir.resolve("first.qe");
    Path second = dir.resolve("second.qe");
    for (Path out : List.of(first, second)) {
      Result result =
          run(
              "qe",
              "train",
              "--manifest",
              manifest.toString(),
              "--out",
              out.toString(),
              "--created-at",
              "2026-11-21T00:00:00Z",
              "--json");
      assertThat(json(result).get("model").get("created_at").asText())
          .isEqualTo("2026-11-21T00:00:00Z");
    }
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
  }

  @Test
  void theHumanSummaryShowsTheFiguresAndSkippedClips() throws IOException {
    Path withGap = dir.resolve("gap.jsonl");
    Files.writeString(
        withGap,
        Files.readString(manifest)
            + "{\"id\": \"no-hyp\", \"audio_filepath\": \"x.wav\", \"reference\": \"a b\"}\n"
            + "{\"id\": \"empty-ref\", \"audio_filepath\": \"x.wav\", \"reference\": \"\","
            + " \"hypothesis\": \"a\"}\n"
            + "{\"id\": \"no-audio\", \"audio_filepath\": \"missing.wav\", \"reference\": \"a\","
            + " \"hypothesis\": \"a\"}\n",
        StandardCharsets.UTF_8);
    Result result =
        run(
            "qe",
            "train",
            "--manifest",
            withGap.toString(),
            "--out",
            dir.resolve("gap.qe").toString(),
            "--normalization",
            "none");
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("36 usable clips")
        .contains("normalization none")
        .contains("3 skipped")
        .contains("skipped no-hyp (line 37): no reference or no hypothesis")
        .contains("reference has no words")
        .contains("no audio file")
        .contains("Spearman rho")
        .contains("calibration")
        .contains("ACCEPTED");
  }

  @Test
  void unrelatedTargetsAreRefusedWithFiguresAndExitOne() throws IOException {
    Path random = manifest("random.jsonl", 36, 0, 30, false, 7);
    Path out = dir.resolve("random.qe");
    Result result =
        run(
            "qe",
            "train",
            "--manifest",
            random.toString(),
            "--out",
            out.toString(),
            "--rho-gate",
            "0.9");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).contains("REFUSED").contains("Spearman rho").contains("calibration");
    assertThat(out).doesNotExist();
    Result kept =
        run(
            "qe",
            "train",
            "--manifest",
            random.toString(),
            "--out",
            out.toString(),
            "--rho-gate",
            "0.9",
            "--save-candidate",
            "--json");
    assertThat(kept.code()).isEqualTo(1);
    assertThat(json(kept).get("status").asText()).isEqualTo("below_gate");
    assertThat(json(kept).get("model").get("passed_gate").asBoolean()).isFalse();
    assertThat(out).exists();
    Result warned =
        run("qe", "predict", dir.resolve("random-00.wav").toString(), "--model", out.toString());
    assertThat(warned.out()).contains("did not pass its rho gate");
  }

  @Test
  void tooFewClipsIsRefusedWithExitOne() throws IOException {
    Path few = manifest("few.jsonl", 5, 0, 30, true, 3);
    Result result =
        run("qe", "train", "--manifest", few.toString(), "--out", dir.resolve("few.qe").toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).contains("REFUSED: 5 usable clips; at least 30 are needed");
    Result json =
        run(
            "qe",
            "train",
            "--manifest",
            few.toString(),
            "--min-clips",
            "6",
            "--folds",
            "2",
            "--json",
            "--out",
            dir.resolve("few.qe").toString());
    assertThat(json(json).get("status").asText()).isEqualTo("too_few_clips");
    assertThat(json(json).get("min_usable_clips").asInt()).isEqualTo(6);
  }

  @Test
  void predictGivesWerFlagAndTopFeatures() throws IOException {
    Path noisy = dir.resolve("train-00.wav");
    Path clean = dir.resolve("train-35.wav");
    Result result =
        run(
            "qe",
            "predict",
            noisy.toString(),
            clean.toString(),
            "--model",
            model.toString(),
            "--review-threshold",
            "0.5",
            "--json");
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode json = json(result);
    assertThat(json.get("review_threshold").asDouble()).isEqualTo(0.5);
    JsonNode clips = json.get("clips");
    assertThat(clips).hasSize(2);
    assertThat(clips.get(0).get("predicted_wer").asDouble())
        .isGreaterThan(clips.get(1).get("predicted_wer").asDouble());
    assertThat(clips.get(0).get("review_recommended").asBoolean()).isTrue();
    assertThat(clips.get(1).get("review_recommended").asBoolean()).isFalse();
    assertThat(clips.get(0).get("top_features")).hasSize(3);
    assertThat(clips.get(0).get("calibrated_observed_wer").isNumber()).isTrue();
    Result human =
        run("qe", "predict", noisy.toString(), "--model", model.toString(), "--top", "2");
    assertThat(human.out()).contains("predicted WER").contains("REVIEW RECOMMENDED");
    // Without --review-threshold the threshold is the model's own, and the output says so.
    Result calibrated =
        run("qe", "predict", noisy.toString(), "--model", model.toString(), "--json");
    JsonNode own = json(calibrated);
    QeModelMetadata trained = QeModel.load(model).metadata();
    assertThat(own.get("review_threshold").asDouble()).isEqualTo(trained.defaultReviewThreshold());
    assertThat(own.get("review_threshold_source").asText())
        .isEqualTo(trained.reviewThresholdSource());
    assertThat(json(result).get("review_threshold_source").asText())
        .isEqualTo("--review-threshold");
    Result shipped = run("qe", "predict", noisy.toString());
    assertThat(shipped.out())
        .contains(
            "review threshold 0.50 (from the model's calibration: 90% precision at WER > 0.2)");
  }

  @Test
  void driftIsQuietOnTheTrainingClipsAndWarnsOnAShiftedBatch() throws IOException {
    Result same =
        run("qe", "drift", "--baseline", model.toString(), "--batch", manifest.toString());
    assertThat(same.code()).as(same.out() + same.err()).isZero();
    assertThat(same.out()).contains("no drift above the threshold");
    Path clean = manifest("clean.jsonl", 12, 45, 60, true, 5);
    Result shifted =
        run("qe", "drift", "--baseline", model.toString(), "--batch", clean.toString(), "--json");
    assertThat(shifted.code()).isEqualTo(1);
    JsonNode json = json(shifted);
    assertThat(json.get("warning").asBoolean()).isTrue();
    assertThat(json.get("clips").asInt()).isEqualTo(12);
    assertThat(json.get("features")).hasSize(17);
    Result human = run("qe", "drift", "--baseline", model.toString(), "--batch", clean.toString());
    assertThat(human.out()).contains("DRIFT WARNING").contains("shifted");
  }

  @Test
  void unreadableInputIsExitTwoNamingTheFile() throws IOException {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"id\": \"a\", \"audio_filepath\": \"a.wav\"}\nnot json\n");
    Result badLine = run("qe", "train", "--manifest", bad.toString());
    assertThat(badLine.code()).isEqualTo(2);
    assertThat(badLine.err()).contains("bad.jsonl:2");
    Path duplicate = dir.resolve("dup.jsonl");
    Files.writeString(
        duplicate,
        "{\"id\": \"a\", \"audio_filepath\": \"a.wav\"}\n{\"id\": \"a\", \"audio_filepath\": \"b.wav\"}\n");
    assertThat(
            run("qe", "drift", "--baseline", model.toString(), "--batch", duplicate.toString())
                .err())
        .contains("dup.jsonl:2")
        .contains("appears twice");
    Path noId = dir.resolve("noid.jsonl");
    Files.writeString(noId, "{\"audio_filepath\": \"a.wav\"}\n");
    assertThat(run("qe", "drift", "--baseline", model.toString(), "--batch", noId.toString()).err())
        .contains("noid.jsonl:1")
        .contains("\"id\"");
    Result missing =
        run("qe", "predict", dir.resolve("nope.wav").toString(), "--model", model.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.wav");
    Path notAudio = dir.resolve("text.wav");
    Files.writeString(notAudio, "hello");
    assertThat(run("qe", "predict", notAudio.toString(), "--model", model.toString()).code())
        .isEqualTo(2);
    Result notModel = run("qe", "predict", notAudio.toString(), "--model", bad.toString());
    assertThat(notModel.code()).isEqualTo(2);
    assertThat(notModel.err()).contains("bad.jsonl");
    Path empty = dir.resolve("empty.jsonl");
    Files.writeString(empty, "\n");
    assertThat(
            run("qe", "drift", "--baseline", model.toString(), "--batch", empty.toString()).code())
        .isEqualTo(2);
    assertThat(run("qe", "train", "--manifest", dir.resolve("none.jsonl").toString()).code())
        .isEqualTo(2);
    assertThat(
            run("qe", "train", "--manifest", manifest.toString(), "--normalization", "xx@9").code())
        .isEqualTo(2);
    assertThat(run("qe", "train", "--manifest", manifest.toString(), "--folds", "1").code())
        .isEqualTo(2);
  }

  @Test
  void predictWithoutAModelUsesTheShippedDefaultAndSaysWhetherItPassedItsGate() throws IOException {
    Result result = run("qe", "predict", dir.resolve("train-10.wav").toString(), "--json");
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode model = json(result).get("model");
    assertThat(model.get("id").asText()).startsWith("qe-");
    Result human = run("qe", "predict", dir.resolve("train-10.wav").toString());
    assertThat(human.out())
        .contains(
            model.get("passed_gate").asBoolean()
                ? "passed its rho gate"
                : "did not pass its rho gate");
  }
}
