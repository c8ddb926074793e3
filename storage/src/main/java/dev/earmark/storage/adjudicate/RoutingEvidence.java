package dev.earmark.storage.adjudicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a stored dispute's evidence (the JSON storage keeps, one object per routing rule that
 * fired) into the one-line sentences the queue shows, e.g. "transcript WER 0.31 > 0.20 (ann-alex vs
 * ann-bea)". Unknown rules are shown by their code, so new rules never hide a dispute. Stateless
 * and thread-safe. Shared by the adjudication queue and {@code earmark disputes}.
 */
public final class RoutingEvidence {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RoutingEvidence() {}

  /** One sentence per rule that fired, in stored order. */
  public static List<String> summaries(String evidenceJson) {
    JsonNode evidence;
    try {
      evidence = JSON.readTree(evidenceJson == null ? "[]" : evidenceJson);
    } catch (JsonProcessingException e) {
      return List.of("evidence unreadable");
    }
    List<String> lines = new ArrayList<>();
    for (JsonNode reason : evidence) {
      lines.add(summary(reason));
    }
    return lines;
  }

  private static String summary(JsonNode reason) {
    String rule = reason.path("rule").asText("");
    switch (rule) {
      case "transcript-wer":
        {
          double threshold = reason.path("threshold").asDouble();
          double worst = -1;
          String pair = "";
          for (JsonNode p : reason.path("pairsAboveThreshold")) {
            JsonNode wer = p.path("wer");
            long words = wer.path("words").asLong();
            double value = words == 0 ? 0 : (double) wer.path("errors").asLong() / words;
            if (value > worst) {
              worst = value;
              pair = p.path("first").asText() + " vs " + p.path("second").asText();
            }
          }
          return String.format(
              Locale.ROOT, "transcript WER %.2f > %.2f (%s)", worst, threshold, pair);
        }
      case "ordinal-spread":
        return String.format(
            Locale.ROOT,
            "ratings spread %s ≥ %d (%s to %s)",
            trim(reason.path("spread").asDouble()),
            reason.path("threshold").asInt(),
            reason.path("lowest").asText(),
            reason.path("highest").asText());
      case "categorical-mismatch":
        {
          Map<String, String> labels = new TreeMap<>();
          reason
              .path("labelsByAnnotator")
              .fields()
              .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
          return "labels differ: "
              + String.join(", ", labels.values().stream().distinct().toList());
        }
      case "gold-failure":
        {
          List<String> who = new ArrayList<>();
          reason.path("misses").forEach(miss -> who.add(miss.path("annotatorId").asText()));
          return "gold missed by " + String.join(", ", who);
        }
      case "unsure-flag":
        {
          List<String> who = new ArrayList<>();
          reason.path("annotators").forEach(a -> who.add(a.asText()));
          return "unsure: " + String.join(", ", who);
        }
      default:
        return rule.isEmpty() ? "unknown rule" : rule;
    }
  }

  private static String trim(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
