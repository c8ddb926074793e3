package dev.earmark.app.cli;

import dev.earmark.app.serve.QeService;
import dev.earmark.app.serve.QeServiceConfig;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelMetadata;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earmark qe serve}: the QE model as an HTTP service until SIGTERM (or Ctrl-C). Options
 * override the configuration file's keys, which override the defaults (docs/qe.md, "The QE
 * service"). Exit 0 after a clean stop; 2 when the configuration, the model or the address is
 * unusable.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the QE model over HTTP: POST /predict (audio bytes or multipart) answers the predicted"
          + " WER, review flag, top features, model id and feature-schema version as JSON;"
          + " GET /health; GET /metrics (Prometheus text format).",
      "Listens on 127.0.0.1 unless told otherwise; stops cleanly on SIGTERM. The keys of"
          + " --config are listed in docs/qe.md."
    })
public final class QeServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file of service settings (bind, port, model, review_threshold…).")
  Path config;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: 127.0.0.1).")
  String bind;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port; 0 picks a free one (default: 8790).")
  Integer port;

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "Model file (default: the model shipped with Earmark).")
  Path model;

  @Option(
      names = "--review-threshold",
      paramLabel = "WER",
      description =
          "Predicted WER at or above which review is recommended (default: the threshold the"
              + " model carries from its calibration; 0.3 for a model without one).")
  Double reviewThreshold;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Threads that score clips (default: one per core).")
  Integer workers;

  @Override
  public Integer call() throws InterruptedException {
    QeServiceConfig settings = settings();
    QeModel qe = QeCommand.loadModel(settings.modelPath());
    QeService service;
    try {
      service = QeService.start(settings, qe);
    } catch (UncheckedIOException e) {
      throw new InputException(e.getMessage() + "; choose another --port or --bind", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    QeModelMetadata metadata = service.modelMetadata();
    out.printf(
        Locale.ROOT,
        "QE service listening on http://%s:%d (model %s, feature schema v%d, %s; review threshold"
            + " %.2f, %s; %d workers)%n",
        service.address().getHostString(),
        service.address().getPort(),
        metadata.modelId(),
        metadata.featureSchemaVersion(),
        metadata.passedGate()
            ? "passed its rho gate"
            : "WARNING: did not pass its rho gate, treat predictions as unreliable",
        settings.reviewThreshold(metadata),
        settings.reviewThresholdSource(metadata),
        settings.workers());
    out.flush();
    // SIGTERM and Ctrl-C run the hook: it stops accepting, lets requests in flight finish within
    // shutdown_grace_seconds, and says so before the JVM exits.
    Thread hook =
        new Thread(
            () -> {
              service.close();
              out.println("QE service stopped");
              out.flush();
            },
            "earmark-qe-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    service.awaitStopped();
    return ExitCode.OK;
  }

  QeServiceConfig settings() {
    QeServiceConfig settings;
    try {
      settings = config == null ? QeServiceConfig.defaults() : QeServiceConfig.load(config);
      Map<String, String> overrides = new HashMap<>();
      if (bind != null) {
        overrides.put("bind", bind);
      }
      if (port != null) {
        overrides.put("port", Integer.toString(port));
      }
      if (reviewThreshold != null) {
        overrides.put("review_threshold", Double.toString(reviewThreshold));
      }
      if (model != null) {
        overrides.put("model", model.toString());
      }
      if (workers != null) {
        overrides.put("workers", Integer.toString(workers));
      }
      settings = settings.with(overrides, null);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    return settings;
  }
}
