package dev.earmark.storage.qe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a copy of the demo dataset whose audio has strong white noise added (the kind of import a
 * model trained on cleaner audio should warn about): every clip decoded, mixed down to mono, noise
 * of the given RMS added, written as 16-bit PCM WAV; the manifest points at the copies and the
 * contract gets another dataset id. Test support; deterministic for a seed.
 */
public final class ShiftedDataset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ShiftedDataset() {}

  /** Returns the manifest of the copy; the contract is {@code contract.json} next to it. */
  public static Path noisyCopy(Path demoDir, Path target, String datasetId, double noiseRms)
      throws IOException {
    Random random = new Random(42);
    Files.createDirectories(target.resolve("audio"));
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(demoDir.resolve("manifest.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      ObjectNode entry = (ObjectNode) JSON.readTree(line);
      Path source = demoDir.resolve(entry.get("audio_filepath").asText());
      String name = entry.get("id").asText() + "-noisy.wav";
      writeNoisy(source, target.resolve("audio").resolve(name), noiseRms, random);
      entry.put("audio_filepath", "audio/" + name);
      entry.remove("duration");
      lines.add(entry.toString());
    }
    ObjectNode contract = (ObjectNode) JSON.readTree(demoDir.resolve("contract.json").toFile());
    contract.put("dataset_id", datasetId);
    Files.writeString(target.resolve("contract.json"), contract.toString());
    return Files.write(target.resolve("manifest.jsonl"), lines, StandardCharsets.UTF_8);
  }

  private static void writeNoisy(Path source, Path target, double noiseRms, Random random)
      throws IOException {
    List<Float> samples = new ArrayList<>();
    int rate;
    try (AudioSource audio = AudioDecoder.open(source)) {
      rate = audio.info().sampleRate();
      int channels = audio.info().channels();
      float[][] block = audio.newBlock(8192);
      int n;
      while ((n = audio.read(block)) > 0) {
        for (int i = 0; i < n; i++) {
          float sum = 0;
          for (int c = 0; c < channels; c++) {
            sum += block[c][i];
          }
          samples.add(sum / channels);
        }
      }
    }
    int frames = samples.size();
    ByteBuffer buffer = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 2);
    buffer.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    buffer.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    buffer.putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2);
    buffer.putShort((short) 16);
    buffer.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 2);
    for (float sample : samples) {
      double value = sample + noiseRms * random.nextGaussian();
      double clamped = Math.max(-1, Math.min(32767 / 32768.0, value));
      buffer.putShort((short) Math.round(clamped * 32768));
    }
    Files.write(target, buffer.array());
  }
}
