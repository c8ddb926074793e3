package dev.earmark.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load client for {@code earmark qe serve}: {@code clients} threads each POST the same clip to
 * {@code /predict} back to back (closed loop, one request in flight per client) for {@code seconds}
 * after a warm-up, then report latency percentiles (nearest rank), throughput and status counts.
 * Run by benchmarks/scripts/qe-serve-load.sh; method and figures in docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code QeServeLoad URL CLIP [clients=8] [seconds=60] [warmupSeconds=10]}
 */
public final class QeServeLoad {
  private QeServeLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: QeServeLoad URL CLIP [clients] [seconds] [warmup-seconds]");
      System.exit(2);
    }
    URI predict = URI.create(args[0].replaceAll("/+$", "") + "/predict");
    byte[] clip = Files.readAllBytes(Path.of(args[1]));
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    run(http, predict, clip, clients, warmup); // JIT, caches, connection set-up
    Outcome measured = run(http, predict, clip, clients, seconds);

    long[] sorted = measured.latencies().stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%d clients, %d s, %d requests (%s): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms;"
            + " %.2f requests/s%n",
        clients,
        seconds,
        sorted.length,
        measured.statuses(),
        percentile(sorted, 0.50),
        percentile(sorted, 0.95),
        percentile(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        sorted.length / measured.wallSeconds());
  }

  record Outcome(List<Long> latencies, Map<Integer, Integer> statuses, double wallSeconds) {}

  static Outcome run(HttpClient http, URI predict, byte[] clip, int clients, int seconds)
      throws InterruptedException {
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(clients);
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Thread client =
          new Thread(
              () -> {
                try {
                  while (System.nanoTime() < end) {
                    HttpRequest request =
                        HttpRequest.newBuilder(predict)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "audio/wav")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(clip))
                            .build();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                      status =
                          http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                    } catch (java.io.IOException e) {
                      status = -1;
                    }
                    latencies.add(System.nanoTime() - t0);
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              },
              "load-client-" + c);
      client.start();
    }
    done.await();
    double wall = (System.nanoTime() - started) / 1e9;
    Map<Integer, Integer> counts = new TreeMap<>();
    statuses.forEach((status, count) -> counts.put(status, count.get()));
    return new Outcome(new ArrayList<>(latencies), counts, wall);
  }

  /** Nearest-rank percentile in milliseconds. */
  static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
