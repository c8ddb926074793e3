package dev.earmark.app.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.earmark.engine.score.CharacterErrors;
import dev.earmark.engine.score.EntityCounts;
import dev.earmark.engine.score.ErrorCounts;
import dev.earmark.engine.score.ScoreTotals;
import dev.earmark.engine.score.UtteranceScore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;

/**
 * The JSON of {@code earmark wer --json}, written by hand in exactly the bytes {@link JsonOutput}'s
 * mapper prints for the map of the same result: keys sorted at every level, Jackson's default
 * pretty printer (two spaces a level, {@code " : "}, arrays on one line as {@code [ {}, {} ]}, an
 * empty object as <code>{ }</code>), numbers as {@link Long#toString} and {@link Double#toString}
 * print them, strings escaped as Jackson escapes them. {@code WerCommandTest} holds it to the
 * mapper. Hand-written because the shape is fixed and 200k utterances are 57 MB: the utterances are
 * formatted on the scoring threads as {@link #utterances} fragments, and a rate string is made once
 * per distinct fraction.
 *
 * <p>An instance keeps a small cache of rate strings (an utterance's WER and CER are a few distinct
 * fractions); it is not thread-safe: use one per thread.
 */
final class WerJson {
  private static final String NL = System.lineSeparator();
  private static final int CACHE_SIZE = 1 << 12;

  private final long[] cachedRates = new long[CACHE_SIZE];
  private final String[] cachedTexts = new String[CACHE_SIZE];

  /**
   * The utterance objects of {@code scores} at the indent of the {@code utterances} array, each as
   * <code>{ ... }</code>, separated by {@code ", "}; {@code first} says whether the fragment opens
   * the array (otherwise it starts with the separator).
   */
  CharSequence utterances(List<UtteranceScore> scores, boolean first, boolean sliced) {
    // About 290 characters an utterance of 15 words; the builder is kept, not copied to a string.
    StringBuilder json = new StringBuilder(scores.size() * 320);
    for (UtteranceScore utterance : scores) {
      if (!first) {
        json.append(", ");
      }
      first = false;
      ErrorCounts words = utterance.words();
      CharacterErrors characters = utterance.characters();
      String indent = NL + "    ";
      json.append('{').append(indent).append("\"cer\" : ");
      rate(json, characters.errors(), characters.referenceLength());
      json.append(',').append(indent).append("\"deletions\" : ").append(words.deletions());
      json.append(',').append(indent).append("\"errors\" : ").append(words.errors());
      json.append(',').append(indent).append("\"hits\" : ").append(words.hits());
      json.append(',').append(indent).append("\"hypothesis_words\" : ");
      json.append(words.hypothesisLength());
      json.append(',').append(indent).append("\"id\" : ");
      string(json, utterance.id());
      json.append(',').append(indent).append("\"insertions\" : ").append(words.insertions());
      json.append(',').append(indent).append("\"reference_characters\" : ");
      json.append(characters.referenceLength());
      json.append(',').append(indent).append("\"reference_words\" : ");
      json.append(words.referenceLength());
      if (sliced) {
        json.append(',').append(indent).append("\"slice\" : ");
        string(json, utterance.slice());
      }
      json.append(',').append(indent).append("\"substitutions\" : ");
      json.append(words.substitutions());
      json.append(',').append(indent).append("\"wer\" : ");
      rate(json, words.errors(), words.referenceLength());
      json.append(NL).append("  }");
    }
    return json;
  }

  /**
   * The whole document: the corpus totals, the slices, the utterance fragments in order, and the
   * line break {@link JsonOutput#print} ends with.
   */
  static void write(
      PrintWriter out,
      String alignment,
      String normalization,
      ScoreTotals corpus,
      SortedMap<String, ScoreTotals> slices,
      List<? extends CharSequence> utteranceFragments) {
    StringBuilder head = new StringBuilder(4096);
    String indent = NL + "  ";
    head.append('{').append(indent).append("\"alignment\" : ");
    string(head, alignment);
    head.append(',').append(indent);
    countsBeforeId(head, indent, corpus);
    entities(head, indent, corpus.entities());
    countsThrough(head, indent, corpus.words());
    head.append("\"normalization\" : ");
    string(head, normalization);
    head.append(',').append(indent).append("\"reference_characters\" : ");
    head.append(corpus.characters().referenceLength());
    head.append(',').append(indent).append("\"reference_words\" : ");
    head.append(corpus.words().referenceLength());
    head.append(',').append(indent).append("\"slices\" : {");
    if (slices.isEmpty()) {
      head.append(" }");
    } else {
      boolean first = true;
      String sliceIndent = indent + "  ";
      String fieldIndent = sliceIndent + "  ";
      for (Map.Entry<String, ScoreTotals> slice : slices.entrySet()) {
        head.append(first ? "" : ",").append(sliceIndent);
        first = false;
        string(head, slice.getKey());
        head.append(" : {").append(fieldIndent);
        totals(head, fieldIndent, slice.getValue());
        head.append(sliceIndent).append('}');
      }
      head.append(indent).append('}');
    }
    head.append(',').append(indent).append("\"substitutions\" : ");
    head.append(corpus.words().substitutions());
    head.append(',').append(indent).append("\"utterance_count\" : ").append(corpus.utterances());
    head.append(',').append(indent).append("\"utterances\" : [ ");
    write(out, head);
    for (CharSequence fragment : utteranceFragments) {
      write(out, fragment);
    }
    StringBuilder tail = new StringBuilder(64);
    tail.append(" ],").append(indent).append("\"wer\" : ");
    rate(tail, corpus.words().errorRate());
    tail.append(NL).append('}').append(NL);
    write(out, tail);
    out.flush();
  }

  /** One slice's totals: the keys of the corpus totals without alignment and normalization. */
  private static void totals(StringBuilder json, String indent, ScoreTotals totals) {
    countsBeforeId(json, indent, totals);
    entities(json, indent, totals.entities());
    countsThrough(json, indent, totals.words());
    json.append("\"reference_characters\" : ").append(totals.characters().referenceLength());
    json.append(',').append(indent).append("\"reference_words\" : ");
    json.append(totals.words().referenceLength());
    json.append(',').append(indent).append("\"substitutions\" : ");
    json.append(totals.words().substitutions());
    json.append(',').append(indent).append("\"utterance_count\" : ").append(totals.utterances());
    json.append(',').append(indent).append("\"wer\" : ");
    rate(json, totals.words().errorRate());
  }

  /** {@code cer} and {@code deletions}, each followed by a comma and the next line's indent. */
  private static void countsBeforeId(StringBuilder json, String indent, ScoreTotals totals) {
    json.append("\"cer\" : ");
    rate(json, totals.characters().errorRate());
    json.append(',').append(indent).append("\"deletions\" : ").append(totals.words().deletions());
    json.append(',').append(indent);
  }

  /** The entity keys, which sort between {@code deletions} and {@code errors}. */
  private static void entities(StringBuilder json, String indent, EntityCounts entities) {
    json.append("\"entity_error_rate\" : ");
    rate(json, entities.errorRate());
    json.append(',').append(indent).append("\"entity_errors\" : ").append(entities.errors());
    json.append(',').append(indent).append("\"entity_occurrences\" : ");
    json.append(entities.occurrences()).append(',').append(indent);
  }

  /** {@code errors} through {@code insertions}, each followed by a comma and the indent. */
  private static void countsThrough(StringBuilder json, String indent, ErrorCounts words) {
    json.append("\"errors\" : ").append(words.errors());
    json.append(',').append(indent).append("\"hits\" : ").append(words.hits());
    json.append(',').append(indent).append("\"hypothesis_words\" : ");
    json.append(words.hypothesisLength());
    json.append(',').append(indent).append("\"insertions\" : ").append(words.insertions());
    json.append(',').append(indent);
  }

  private static void rate(StringBuilder json, OptionalDouble rate) {
    if (rate.isPresent()) {
      json.append(Double.toString(rate.getAsDouble()));
    } else {
      json.append("null");
    }
  }

  /** {@code errors / total} as {@link ErrorCounts#errorRate} gives it, or null when total is 0. */
  private void rate(StringBuilder json, long errors, long total) {
    if (total == 0) {
      json.append("null");
      return;
    }
    if (errors >= Integer.MAX_VALUE || total >= Integer.MAX_VALUE) {
      json.append(Double.toString((double) errors / total));
      return;
    }
    long key = errors << 32 | total;
    int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - 12));
    String text = cachedTexts[slot];
    if (text == null || cachedRates[slot] != key) {
      text = Double.toString((double) errors / total);
      cachedRates[slot] = key;
      cachedTexts[slot] = text;
    }
    json.append(text);
  }

  /** A JSON string as Jackson writes it: quotes, and escapes only where its default needs them. */
  private static void string(StringBuilder json, String value) {
    for (int index = 0; index < value.length(); index++) {
      char c = value.charAt(index);
      if (c < ' ' || c == '"' || c == '\\') {
        json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
        return;
      }
    }
    json.append('"').append(value).append('"');
  }

  /** Writes {@code text} through a reused buffer (a writer copies a whole string otherwise). */
  private static void write(PrintWriter out, CharSequence text) {
    char[] buffer = new char[Math.min(text.length(), 1 << 16)];
    for (int from = 0; from < text.length(); from += buffer.length) {
      int to = Math.min(text.length(), from + buffer.length);
      if (text instanceof String string) {
        string.getChars(from, to, buffer, 0);
      } else {
        ((StringBuilder) text).getChars(from, to, buffer, 0);
      }
      out.write(buffer, 0, to - from);
    }
  }
}
