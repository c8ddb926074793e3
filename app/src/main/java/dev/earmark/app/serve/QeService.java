package dev.earmark.app.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.decode.AudioValidation;
import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.features.AcousticFeatures;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelMetadata;
import dev.earmark.audio.qe.QePrediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QE model behind HTTP: {@code POST /predict} (audio bytes, raw or multipart) answers the
 * predicted WER, review flag, top features, model id and feature-schema version as JSON; {@code GET
 * /health}; {@code GET /metrics} (Prometheus text format). The model is loaded once, before the
 * service starts. Requests are served by a bounded pool: {@code workers} threads and a queue of
 * {@code queue} waiting requests; beyond that {@code /predict} answers 503 at once (health and
 * metrics are still answered). Input that is not usable audio or breaks a limit answers 400 with
 * the reason; only a defect answers 500. Thread-safe; {@link #close} stops it, letting requests in
 * flight finish within the grace period.
 */
public final class QeService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QeService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QeServiceConfig config;
  private final QeModel model;
  private final HttpServer server;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor busy;
  private final DriftWindow drift;
  private final QeServiceMetrics metrics;
  private final Path uploads;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();

  private QeService(QeServiceConfig config, QeModel model) throws IOException {
    this.config = config;
    this.model = model;
    this.drift =
        new DriftWindow(
            model, config.driftWindow(), config.driftMinClips(), config.driftPsiWarning());
    this.metrics = new QeServiceMetrics(model.metadata(), drift);
    this.uploads = Files.createTempDirectory("earmark-qe-serve-");
    BlockingQueue<Runnable> waiting =
        config.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(config.queue());
    this.workers =
        new ThreadPoolExecutor(
            config.workers(),
            config.workers(),
            0,
            TimeUnit.SECONDS,
            waiting,
            threads("earmark-qe-worker-", false));
    // Requests the pool cannot take: one thread answers them with 503 (or health and metrics);
    // past its own queue they are dropped, and the server's request timeout closes them.
    this.busy =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            threads("earmark-qe-busy-", true),
            new ThreadPoolExecutor.DiscardPolicy());
    InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
    this.server = HttpServer.create(address, 128);
    Executor executor =
        task -> {
          try {
            workers.execute(task);
          } catch (RejectedExecutionException e) {
            busy.execute(task);
          }
        };
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts serving {@code model} as {@code config} says.
   *
   * @throws UncheckedIOException if the address cannot be bound (in use, not an address here)
   */
  public static QeService start(QeServiceConfig config, QeModel model) {
    // The JDK server reads these once per JVM; they bound how long a client may take to send a
    // request (a slow or stalled upload is closed, never held forever).
    System.setProperty(
        "sun.net.httpserver.maxReqTime",
        System.getProperty(
            "sun.net.httpserver.maxReqTime", Integer.toString(config.requestTimeoutSeconds())));
    System.setProperty(
        "sun.net.httpserver.maxReqHeaders",
        System.getProperty("sun.net.httpserver.maxReqHeaders", "100"));
    try {
      QeService service = new QeService(config, model);
      service.server.start();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + config.bindAddress()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** The address the service listens on (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  public QeModelMetadata modelMetadata() {
    return model.metadata();
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Stops accepting, lets requests in flight finish (up to the grace period), frees the pools. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      server.stop(config.shutdownGraceSeconds());
      workers.shutdown();
      busy.shutdown();
      try {
        if (!workers.awaitTermination(config.shutdownGraceSeconds(), TimeUnit.SECONDS)) {
          workers.shutdownNow();
        }
      } catch (InterruptedException e) {
        workers.shutdownNow();
        Thread.currentThread().interrupt();
      }
      deleteUploads();
    } finally {
      stopped.countDown();
    }
  }

  private void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    String endpoint =
        switch (exchange.getRequestURI().getPath()) {
          case "/predict" -> "predict";
          case "/health" -> "health";
          case "/metrics" -> "metrics";
          default -> "other";
        };
    int status;
    try {
      status = route(exchange, endpoint);
    } catch (IOException e) {
      status = 499; // the client went away while we read or wrote: nothing more to answer
      LOG.debug("QE service: connection lost on {}", endpoint, e);
    } catch (RuntimeException e) {
      LOG.error("QE service: defect while answering {}", endpoint, e);
      status = respondQuietly(exchange, 500, error("internal", "internal error; see the log"));
    } finally {
      exchange.close();
    }
    metrics.answered(endpoint, status, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Reads and drops what is left of the request body, up to twice {@code max_body_bytes} (at least
   * 8 MB), before the answer is written: the exchange closes with its answer, and closing a socket
   * with unread upload bytes resets the connection, and the client would lose the answer (a 400
   * too-large, a 503 busy) with it. A larger upload is cut off; the server's request timeout bounds
   * a stalled one.
   */
  private void discardBody(HttpExchange exchange) {
    byte[] buffer = new byte[65536];
    long left = Math.max(2 * config.maxBodyBytes(), 8L << 20);
    try (var body = exchange.getRequestBody()) {
      int read;
      while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        left -= read;
      }
    } catch (IOException e) {
      LOG.debug("QE service: connection lost while discarding an upload", e);
    }
  }

  private int route(HttpExchange exchange, String endpoint) throws IOException {
    String method = exchange.getRequestMethod();
    switch (endpoint) {
      case "predict" -> {
        if (!method.equals("POST")) {
          exchange.getResponseHeaders().set("Allow", "POST");
          return respond(exchange, 405, error("method-not-allowed", "POST audio to /predict"));
        }
        if (Thread.currentThread() instanceof BusyThread) {
          exchange.getResponseHeaders().set("Retry-After", "1");
          return respond(
              exchange,
              503,
              error(
                  "busy",
                  "all "
                      + config.workers()
                      + " workers are busy and "
                      + config.queue()
                      + " requests wait; retry later"));
        }
        return predict(exchange);
      }
      case "health" -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", closing.get() ? "stopping" : "ok");
        body.put("model_id", model.metadata().modelId());
        body.put("feature_schema_version", model.metadata().featureSchemaVersion());
        body.put("model_passed_gate", model.metadata().passedGate());
        return respond(exchange, closing.get() ? 503 : 200, body);
      }
      case "metrics" -> {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        metrics.write(text);
        exchange.getResponseHeaders().set("Content-Type", QeServiceMetrics.CONTENT_TYPE);
        exchange.sendResponseHeaders(200, text.size());
        try (OutputStream out = exchange.getResponseBody()) {
          text.writeTo(out);
        }
        return 200;
      }
      default -> {
        return respond(
            exchange, 404, error("not-found", "no such endpoint; use /predict, /health, /metrics"));
      }
    }
  }

  private int predict(HttpExchange exchange) throws IOException {
    byte[] audio;
    try {
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      long declared = -1;
      if (length != null) {
        try {
          declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
          declared = -1;
        }
      }
      audio =
          UploadedAudio.read(
              exchange.getRequestBody(),
              declared,
              exchange.getRequestHeaders().getFirst("Content-Type"),
              config.maxBodyBytes());
      return respond(exchange, 200, score(audio));
    } catch (RejectedInput e) {
      return respond(exchange, 400, error(e.reason(), e.getMessage()));
    }
  }

  /** Checks, measures and predicts one clip; {@link RejectedInput} when it is not usable. */
  Map<String, Object> score(byte[] audio) {
    if (audio.length == 0) {
      throw new RejectedInput("empty-file", "the request body is empty (0 bytes); send audio");
    }
    boolean wav =
        audio.length >= 4 && new String(audio, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF");
    if (!wav && audio.length > config.maxCompressedBytes()) {
      throw new RejectedInput(
          "too-large",
          "a body that is not WAV is decoded to be checked, so it may hold at most "
              + config.maxCompressedBytes()
              + " bytes (max_compressed_bytes); this one holds "
              + audio.length);
    }
    Path file = null;
    try {
      file = Files.createTempFile(uploads, "clip-", ".audio");
      Files.write(file, audio);
      AudioValidation validation = AudioDecoder.validate(file);
      if (validation instanceof AudioValidation.Invalid invalid) {
        throw new RejectedInput(invalid.reason().id(), "not usable audio: " + invalid.message());
      }
      AudioInfo info = ((AudioValidation.Valid) validation).info();
      if (info.durationSeconds() > config.maxAudioSeconds()) {
        throw new RejectedInput(
            "too-long",
            String.format(
                Locale.ROOT,
                "the clip lasts %.1f s, over the limit of %.1f s (max_audio_seconds)",
                info.durationSeconds(),
                config.maxAudioSeconds()));
      }
      AcousticFeatures features = FeatureExtractor.extract(file);
      QePrediction prediction =
          model.predict(features, config.reviewThreshold(model.metadata()), config.topFeatures());
      double[] vector = features.vector();
      drift.add(vector);
      metrics.scored(
          prediction.predictedWer(),
          prediction.reviewRecommended(),
          features.rmsMeanDbfs(),
          info.durationSeconds());
      return answer(prediction, info, sha256(audio));
    } catch (InvalidAudioException e) {
      throw new RejectedInput(
          e.invalid().reason().id(), "not usable audio: " + e.invalid().message());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the upload in " + uploads, e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          LOG.warn("QE service: could not delete {}", file, e);
        }
      }
    }
  }

  private Map<String, Object> answer(QePrediction prediction, AudioInfo info, String sha256) {
    Map<String, Object> body = PredictionJson.of(prediction, model.metadata());
    body.put("duration_s", info.durationSeconds());
    body.put("codec", info.codec().id());
    body.put("sha256", sha256);
    return body;
  }

  private static Map<String, Object> error(String reason, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", reason);
    body.put("message", message);
    return body;
  }

  private int respond(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    discardBody(exchange);
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }

  private int respondQuietly(HttpExchange exchange, int status, Map<String, Object> body) {
    try {
      return respond(exchange, status, body);
    } catch (IOException | RuntimeException e) {
      return status; // headers already sent, or the client is gone
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private void deleteUploads() {
    try (var files = Files.list(uploads)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(uploads);
    } catch (IOException e) {
      LOG.warn("QE service: could not delete {}", uploads, e);
    }
  }

  private static java.util.concurrent.ThreadFactory threads(String prefix, boolean busy) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread =
          busy
              ? new BusyThread(task, prefix + count.incrementAndGet())
              : new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The thread that answers requests the worker pool could not take. */
  private static final class BusyThread extends Thread {
    BusyThread(Runnable task, String name) {
      super(task, name);
    }
  }
}
