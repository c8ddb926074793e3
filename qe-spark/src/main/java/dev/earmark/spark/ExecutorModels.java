package dev.earmark.spark;

import dev.earmark.audio.qe.QeModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.broadcast.Broadcast;

/**
 * The QE models of this JVM, keyed by the SHA-256 of their file: each executor parses the broadcast
 * model bytes and builds the XGBoost booster once, whatever number of tasks and partitions it runs.
 * {@link QeModel} serializes calls into the native booster, so the executor's task threads share it
 * (the feature extraction, which costs far more, runs in parallel).
 */
final class ExecutorModels {
  private static final Map<String, QeModel> MODELS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

  private ExecutorModels() {}

  static QeModel get(String modelSha256, Broadcast<byte[]> modelBytes, String source) {
    return MODELS.computeIfAbsent(
        modelSha256,
        key -> {
          LOADS.incrementAndGet();
          return QeModel.fromBytes(modelBytes.value(), source);
        });
  }

  /** How many models this JVM has built so far (tests check it stays at one per model). */
  static int loads() {
    return LOADS.get();
  }
}
