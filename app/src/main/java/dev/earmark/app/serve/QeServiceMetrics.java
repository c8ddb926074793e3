package dev.earmark.app.serve;

import dev.earmark.audio.qe.DriftReport;
import dev.earmark.audio.qe.QeModelMetadata;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The service's Prometheus metrics, in a registry of its own (two services in one JVM, as in tests,
 * never share counters). Names and meanings are listed in docs/qe.md. Thread-safe.
 */
final class QeServiceMetrics {
  static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests;
  private final Histogram latency;
  private final Histogram predictedWer;
  private final Histogram inputLevel;
  private final Counter reviewRecommended;
  private final Counter audioSeconds;

  QeServiceMetrics(QeModelMetadata model, DriftWindow drift) {
    requests =
        Counter.builder()
            .name("earmark_qe_requests")
            .help("HTTP requests answered, by endpoint and status code")
            .labelNames("endpoint", "status")
            .register(registry);
    latency =
        Histogram.builder()
            .name("earmark_qe_request_duration_seconds")
            .help("Time from reading a request to its answer, by endpoint")
            .unit(Unit.SECONDS)
            .labelNames("endpoint")
            .classicOnly()
            .classicUpperBounds(
                0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2.5, 5, 10)
            .register(registry);
    predictedWer =
        Histogram.builder()
            .name("earmark_qe_predicted_wer")
            .help("Predicted WER of the clips scored")
            .classicOnly()
            .classicLinearUpperBounds(0.1, 0.1, 15)
            .register(registry);
    inputLevel =
        Histogram.builder()
            .name("earmark_qe_input_level_dbfs")
            .help("Mean RMS level (rms_mean_dbfs) of the clips scored, for watching input drift")
            .classicOnly()
            .classicLinearUpperBounds(-90, 6, 16)
            .register(registry);
    reviewRecommended =
        Counter.builder()
            .name("earmark_qe_review_recommended")
            .help("Clips whose predicted WER reached the review threshold")
            .register(registry);
    audioSeconds =
        Counter.builder()
            .name("earmark_qe_audio_seconds")
            .help("Seconds of audio scored")
            .register(registry);
    GaugeWithCallback.builder()
        .name("earmark_qe_model_info")
        .help("The model the service loaded at start (value 1)")
        .labelNames("model_id", "feature_schema_version", "passed_gate")
        .callback(
            callback ->
                callback.call(
                    1,
                    model.modelId(),
                    Integer.toString(model.featureSchemaVersion()),
                    Boolean.toString(model.passedGate())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("earmark_qe_drift_window_clips")
        .help("Recent clips in the drift window")
        .callback(callback -> callback.call(drift.clips()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("earmark_qe_drift_psi")
        .help(
            "PSI of the recent clips against the model's training data, per feature and for"
                + " predicted_wer (absent until drift_min_clips clips were scored)")
        .labelNames("distribution")
        .callback(
            callback -> {
              Optional<DriftReport> report = drift.report();
              report.ifPresent(
                  r -> {
                    callback.call(r.predictedWer().psi(), r.predictedWer().name());
                    r.features().forEach(f -> callback.call(f.psi(), f.name()));
                  });
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("earmark_qe_drift_warning")
        .help("1 when any drift PSI exceeds drift_psi_warning, else 0")
        .callback(callback -> drift.report().ifPresent(r -> callback.call(r.warning() ? 1 : 0)))
        .register(registry);
    JvmMetrics.builder().register(registry);
  }

  void answered(String endpoint, int status, double seconds) {
    requests.labelValues(endpoint, Integer.toString(status)).inc();
    latency.labelValues(endpoint).observe(seconds);
  }

  void scored(double predicted, boolean review, double levelDbfs, double durationSeconds) {
    predictedWer.observe(predicted);
    inputLevel.observe(levelDbfs);
    audioSeconds.inc(durationSeconds);
    if (review) {
      reviewRecommended.inc();
    }
  }

  void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }
}
