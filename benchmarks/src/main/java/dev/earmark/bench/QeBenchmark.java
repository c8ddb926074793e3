package dev.earmark.bench;

import dev.earmark.audio.features.AcousticFeatures;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.features.FeatureSchema;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelException;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.audio.qe.QeTrainer;
import dev.earmark.audio.qe.QeTrainingSettings;
import dev.earmark.audio.qe.TrainingOutcome;
import dev.earmark.audio.qe.TrainingRow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * QE speed target: feature extraction plus prediction for a 10-second clip, p95 ≤ 50 ms. The clip
 * is a 10 s WAV written in setup (voiced 150 Hz harmonics with a 4 Hz syllable envelope under white
 * noise at 15 dB SNR) at the {@code sampleRate} parameter, mono 16-bit; the model is the shipped
 * default if this build has one, else one trained in setup with the default settings (200 depth-3
 * trees, the same size). SampleTime mode, so JMH reports p50/p95/p99. {@code featuresAndPrediction}
 * is the target figure; the other two split it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(1)
public class QeBenchmark {
  /** Sample rates of the clip: the fixtures' 16 kHz and a studio 48 kHz. */
  @Param({"16000", "48000"})
  public int sampleRate;

  private Path clip;
  private QeModel model;
  private AcousticFeatures features;

  @Setup
  public void prepare() throws IOException {
    clip = Files.createTempFile("qe-bench-", ".wav");
    Files.write(clip, wav(sampleRate, 10.0, 15, 42));
    try {
      model = QeModel.loadDefault();
    } catch (QeModelException noDefault) {
      model = trainSynthetic();
    }
    features = FeatureExtractor.extract(clip);
  }

  @TearDown
  public void delete() throws IOException {
    Files.deleteIfExists(clip);
  }

  /** The target: decode, measure every feature, predict with contributions. */
  @Benchmark
  public QePrediction featuresAndPrediction() {
    return model.predict(FeatureExtractor.extract(clip), 0.3, 3);
  }

  @Benchmark
  public AcousticFeatures featuresOnly() {
    return FeatureExtractor.extract(clip);
  }

  @Benchmark
  public QePrediction predictionOnly() {
    return model.predict(features, 0.3, 3);
  }

  private static QeModel trainSynthetic() {
    Random random = new Random(7);
    List<TrainingRow> rows = new ArrayList<>();
    int snr = FeatureSchema.NAMES.indexOf("snr_db");
    for (int i = 0; i < 60; i++) {
      double[] vector = new double[FeatureSchema.NAMES.size()];
      for (int f = 0; f < vector.length; f++) {
        vector[f] = 10 + random.nextGaussian();
      }
      vector[snr] = random.nextDouble() * 30;
      double wer = Math.max(0, 0.9 - 0.03 * vector[snr] + random.nextGaussian() * 0.05);
      rows.add(TrainingRow.of("bench-" + i, vector, wer));
    }
    TrainingOutcome outcome =
        new QeTrainer(QeTrainingSettings.defaults(), Clock.systemUTC()).train(rows, "synthetic");
    if (outcome instanceof TrainingOutcome.Accepted accepted) {
      return accepted.model();
    }
    if (outcome instanceof TrainingOutcome.BelowGate below) {
      return below.candidate();
    }
    throw new IllegalStateException("synthetic training refused: " + outcome);
  }

  static byte[] wav(int rate, double seconds, double snrDb, long seed) {
    Random random = new Random(seed);
    int frames = (int) (rate * seconds);
    double[] voice = new double[frames];
    double power = 0;
    for (int i = 0; i < frames; i++) {
      double t = (double) i / rate;
      double sample = 0;
      for (int h = 1; h <= 8; h++) {
        sample += Math.sin(2 * Math.PI * 150 * h * t) / h;
      }
      voice[i] = 0.5 * (1 + Math.sin(2 * Math.PI * 4 * t)) * sample;
      power += voice[i] * voice[i];
    }
    double noise = Math.sqrt(power / frames) / Math.pow(10, snrDb / 20);
    ByteBuffer data = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    data.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 2);
    data.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    data.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2);
    data.putShort((short) 2).putShort((short) 16);
    data.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 2);
    for (int i = 0; i < frames; i++) {
      double sample = (voice[i] + random.nextGaussian() * noise) * 0.25;
      data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(sample * 32767))));
    }
    return data.array();
  }
}
