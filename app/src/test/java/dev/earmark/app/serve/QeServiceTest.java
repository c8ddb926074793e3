package dev.earmark.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.DriftReport;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.fixtures.DemoDataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real service on an ephemeral port, spoken to over HTTP with the JDK's client: the demo's real
 * WAV clips, and the demo's broken files plus made-up hostile bodies.
 */
class QeServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  private static Path demo;
  private static QeModel model;
  private static HttpClient http;

  @BeforeAll
  static void copyDemoAndLoadModel() throws IOException {
    demo = DemoDataset.copyTo(dir.resolve("demo")).getParent();
    model = QeModel.loadDefault();
    http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  private static QeService start(Map<String, String> settings) {
    QeServiceConfig config =
        QeServiceConfig.defaults()
            .with(Map.of("port", "0", "workers", "2", "shutdown_grace_seconds", "2"), null)
            .with(settings, null);
    return QeService.start(config, model);
  }

  private static URI uri(QeService service, String path) {
    return URI.create("http://127.0.0.1:" + service.address().getPort() + path);
  }

  private static HttpResponse<String> post(QeService service, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(service, "/predict"))
            .timeout(TIMEOUT)
            .header("Content-Type", "audio/wav")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(QeService service, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(service, path)).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path clip(int number) {
    return demo.resolve(String.format(Locale.ROOT, "audio/clip-%03d.wav", number));
  }

  @Test
  void predictsARealClipAsTheModelDoesInProcess() throws Exception {
    try (QeService service = start(Map.of())) {
      Path clip = clip(1);
      HttpResponse<String> response = post(service, Files.readAllBytes(clip));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      JsonNode body = JSON.readTree(response.body());
      // No review_threshold configured: the model's calibrated one.
      double threshold = model.metadata().defaultReviewThreshold();
      QePrediction expected = model.predict(FeatureExtractor.extract(clip), threshold, 3);
      assertThat(body.get("review_threshold").asDouble()).isEqualTo(threshold);
      assertThat(body.get("predicted_wer").asDouble()).isEqualTo(expected.predictedWer());
      assertThat(body.get("review_recommended").asBoolean())
          .isEqualTo(expected.reviewRecommended());
      assertThat(body.get("top_features")).hasSize(3);
      assertThat(body.get("top_features").get(0).get("feature").asText())
          .isEqualTo(expected.topFeatures().get(0).feature());
      assertThat(body.get("model_id").asText()).isEqualTo(model.metadata().modelId());
      assertThat(body.get("feature_schema_version").asInt())
          .isEqualTo(model.metadata().featureSchemaVersion());
      assertThat(body.get("duration_s").asDouble()).isBetween(3.0, 3.2);
      assertThat(body.get("sha256").asText()).hasSize(64);
    }
  }

  @Test
  void multipartUploadIsAnsweredLikeTheRawBytes() throws Exception {
    try (QeService service = start(Map.of())) {
      byte[] audio = Files.readAllBytes(clip(2));
      String boundary = "earmark-test-boundary";
      byte[] head =
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nfirst part is"
                  + " text\r\n--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"audio\";"
                  + " filename=\"clip-002.wav\"\r\nContent-Type: audio/wav\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
      byte[] body = new byte[head.length + audio.length + tail.length];
      System.arraycopy(head, 0, body, 0, head.length);
      System.arraycopy(audio, 0, body, head.length, audio.length);
      System.arraycopy(tail, 0, body, head.length + audio.length, tail.length);

      HttpResponse<String> multipart =
          http.send(
              HttpRequest.newBuilder(uri(service, "/predict"))
                  .timeout(TIMEOUT)
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> raw = post(service, audio);

      assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(200);
      assertThat(JSON.readTree(multipart.body())).isEqualTo(JSON.readTree(raw.body()));
    }
  }

  @ParameterizedTest(name = "{0} -> 400 {1}")
  @CsvSource(
      textBlock =
          """
          empty.wav,              empty-file
          not-audio.wav,          not-audio
          truncated-data.wav,     truncated
          lying-header.wav,       truncated
          unsupported-codec.wav,  unsupported-codec
          absurd-sample-rate.wav, sample-rate-out-of-range
          zero-duration.wav,      zero-duration
          """)
  void brokenFilesAnswer400WithTheirReason(String file, String reason) throws Exception {
    try (QeService service = start(Map.of())) {
      HttpResponse<String> response =
          post(service, Files.readAllBytes(demo.resolve("broken").resolve(file)));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("error").asText()).isEqualTo(reason);
      assertThat(body.get("message").asText()).isNotBlank().doesNotContain("earmark-qe-serve-");
    }
  }

  @Test
  void limitsOnSizeDurationAndCompressedBodiesAnswer400() throws Exception {
    try (QeService service =
        start(
            Map.of(
                "max_body_bytes", "200000",
                "max_audio_seconds", "2",
                "max_compressed_bytes", "4096"))) {
      byte[] huge = new byte[1_000_000];
      System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, huge, 0, 4);
      HttpResponse<String> declared = post(service, huge);
      HttpResponse<String> chunked =
          http.send(
              HttpRequest.newBuilder(uri(service, "/predict"))
                  .timeout(TIMEOUT)
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new java.io.ByteArrayInputStream(huge)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> tooLong = post(service, Files.readAllBytes(clip(1)));
      byte[] notWav = new byte[8192];
      notWav[0] = 'I';
      notWav[1] = 'D';
      notWav[2] = '3';
      HttpResponse<String> compressed = post(service, notWav);

      assertThat(declared.statusCode()).as(declared.body()).isEqualTo(400);
      assertThat(JSON.readTree(declared.body()).get("error").asText()).isEqualTo("too-large");
      assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(400);
      assertThat(JSON.readTree(chunked.body()).get("message").asText()).contains("max_body_bytes");
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(tooLong.body()).get("error").asText()).isEqualTo("too-long");
      assertThat(compressed.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(compressed.body()).get("message").asText())
          .contains("max_compressed_bytes");
      // the service is still well after all that
      assertThat(get(service, "/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void malformedMultipartAndHostileHeadersAnswer400() throws Exception {
    try (QeService service = start(Map.of())) {
      HttpResponse<String> noBoundary =
          http.send(
              HttpRequest.newBuilder(uri(service, "/predict"))
                  .timeout(TIMEOUT)
                  .header("Content-Type", "multipart/form-data")
                  .POST(HttpRequest.BodyPublishers.ofString("--x\r\n\r\nRIFF"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> unclosed =
          http.send(
              HttpRequest.newBuilder(uri(service, "/predict"))
                  .timeout(TIMEOUT)
                  .header("Content-Type", "multipart/form-data; boundary=x")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "--x\r\nContent-Disposition: form-data; name=a; filename=b\r\n\r\nRIFF"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // A WAV header whose fmt chunk claims 2^31 channels and a data chunk of 4 GiB.
      byte[] absurd = Files.readAllBytes(clip(3));
      absurd[22] = (byte) 0xFF;
      absurd[23] = (byte) 0x7F;
      HttpResponse<String> channels = post(service, absurd);

      assertThat(noBoundary.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(noBoundary.body()).get("error").asText())
          .isEqualTo("malformed-multipart");
      assertThat(unclosed.statusCode()).isEqualTo(400);
      assertThat(channels.statusCode()).as(channels.body()).isEqualTo(400);
    }
  }

  @Test
  void healthWrongMethodAndUnknownPaths() throws Exception {
    try (QeService service = start(Map.of())) {
      HttpResponse<String> health = get(service, "/health");
      HttpResponse<String> getPredict = get(service, "/predict");
      HttpResponse<String> unknown = get(service, "/admin");

      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(health.body());
      assertThat(body.get("status").asText()).isEqualTo("ok");
      assertThat(body.get("model_id").asText()).isEqualTo(model.metadata().modelId());
      assertThat(getPredict.statusCode()).isEqualTo(405);
      assertThat(getPredict.headers().firstValue("Allow")).hasValue("POST");
      assertThat(unknown.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void reviewThresholdComesFromTheConfiguration() throws Exception {
    byte[] audio = Files.readAllBytes(clip(4));
    try (QeService low = start(Map.of("review_threshold", "0"));
        QeService high = start(Map.of("review_threshold", "100", "top_features", "1"))) {
      JsonNode flagged = JSON.readTree(post(low, audio).body());
      JsonNode passed = JSON.readTree(post(high, audio).body());

      assertThat(flagged.get("review_recommended").asBoolean()).isTrue();
      assertThat(passed.get("review_recommended").asBoolean()).isFalse();
      assertThat(passed.get("review_threshold").asDouble()).isEqualTo(100.0);
      assertThat(passed.get("top_features")).hasSize(1);
    }
  }

  @Test
  void metricsCountByStatusAndReportDriftOfTheRecentClips() throws Exception {
    try (QeService service = start(Map.of("drift_min_clips", "4", "review_threshold", "0"))) {
      List<double[]> vectors = new ArrayList<>();
      assertThat(get(service, "/metrics").body()).doesNotContain("earmark_qe_drift_psi{");
      for (int i = 1; i <= 4; i++) {
        assertThat(post(service, Files.readAllBytes(clip(i))).statusCode()).isEqualTo(200);
        vectors.add(FeatureExtractor.extract(clip(i)).vector());
      }
      post(service, new byte[0]);

      HttpResponse<String> response = get(service, "/metrics");
      String text = response.body();

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(value(text, "earmark_qe_requests_total{endpoint=\"predict\",status=\"200\"}"))
          .isEqualTo(4);
      assertThat(value(text, "earmark_qe_requests_total{endpoint=\"predict\",status=\"400\"}"))
          .isEqualTo(1);
      assertThat(value(text, "earmark_qe_request_duration_seconds_count{endpoint=\"predict\"}"))
          .isEqualTo(5);
      assertThat(value(text, "earmark_qe_predicted_wer_count")).isEqualTo(4);
      assertThat(value(text, "earmark_qe_input_level_dbfs_count")).isEqualTo(4);
      assertThat(value(text, "earmark_qe_review_recommended_total")).isEqualTo(4);
      assertThat(value(text, "earmark_qe_drift_window_clips")).isEqualTo(4);
      assertThat(text)
          .contains("jvm_memory_used_bytes{area=\"heap\"}")
          .contains("process_resident_memory_bytes")
          .contains(
              "earmark_qe_model_info{feature_schema_version=\""
                  + model.metadata().featureSchemaVersion());
      DriftReport expected = model.drift(vectors, 0.2);
      assertThat(value(text, "earmark_qe_drift_psi{distribution=\"snr_db\"}"))
          .isCloseTo(
              expected.features().stream()
                  .filter(d -> d.name().equals("snr_db"))
                  .findFirst()
                  .orElseThrow()
                  .psi(),
              org.assertj.core.data.Offset.offset(1e-9));
      assertThat(
              value(
                  text,
                  "earmark_qe_drift_psi{distribution=\"" + expected.predictedWer().name() + "\"}"))
          .isCloseTo(expected.predictedWer().psi(), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(value(text, "earmark_qe_drift_warning")).isEqualTo(expected.warning() ? 1 : 0);
    }
  }

  @Test
  void aFullPoolAnswers503AtOnceWhileHealthStillAnswers() throws Exception {
    try (QeService service = start(Map.of("workers", "1", "queue", "0"));
        Socket stalled = new Socket("127.0.0.1", service.address().getPort())) {
      // The one worker reads a body that never arrives in full.
      OutputStream out = stalled.getOutputStream();
      out.write(
          ("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nRIFF")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      HttpResponse<String> busy = waitForBusy(service);
      HttpResponse<String> health = get(service, "/health");

      assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(health.statusCode()).isEqualTo(200);
      stalled.close();
      // once the stalled upload is gone, the worker serves again
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      int status;
      do {
        status = post(service, Files.readAllBytes(clip(1))).statusCode();
      } while (status == 503 && System.nanoTime() < deadline);
      assertThat(status).isEqualTo(200);
    }
  }

  private static HttpResponse<String> waitForBusy(QeService service) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    HttpResponse<String> response;
    do {
      // the stalled request may not have reached the worker yet
      response = post(service, Files.readAllBytes(clip(1)));
    } while (response.statusCode() != 503 && System.nanoTime() < deadline);
    return response;
  }

  @Test
  void eightConcurrentClientsAreAllAnswered() throws Exception {
    try (QeService service = start(Map.of("workers", "2", "queue", "32"))) {
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte[] audio = Files.readAllBytes(clip(1 + i));
        responses.add(
            http.sendAsync(
                HttpRequest.newBuilder(uri(service, "/predict"))
                    .timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(audio))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> response : responses) {
        assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
      }
    }
  }

  @Test
  void afterCloseNoRequestIsServed() throws Exception {
    QeService service = start(Map.of());
    int port = service.address().getPort();
    assertThat(get(service, "/health").statusCode()).isEqualTo(200);

    service.close();

    try (Socket socket = new Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
      InputStream in = socket.getInputStream();
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      assertThat(in.read()).isEqualTo(-1);
    } catch (IOException refused) {
      assertThat(refused).isInstanceOf(java.net.ConnectException.class);
    }
  }

  /** The value of one sample line of the Prometheus text format. */
  static double value(String text, String sample) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
    assertThat(matcher.find()).as("metric line " + sample + " in\n" + text).isTrue();
    return Double.parseDouble(matcher.group(1));
  }
}
