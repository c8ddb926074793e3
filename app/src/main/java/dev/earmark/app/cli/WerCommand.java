package dev.earmark.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.earmark.engine.score.AlignmentMode;
import dev.earmark.engine.score.CharacterErrors;
import dev.earmark.engine.score.CorpusScore;
import dev.earmark.engine.score.EntityCounts;
import dev.earmark.engine.score.ErrorCounts;
import dev.earmark.engine.score.ScoreTotals;
import dev.earmark.engine.score.Scorer;
import dev.earmark.engine.score.UtteranceScore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earmark wer}: word error rate of hypotheses against references, per utterance, per slice
 * and for the corpus (total errors / total reference words).
 */
@Command(
    name = "wer",
    mixinStandardHelpOptions = true,
    description = {
      "Word error rate of hypotheses against references, per utterance, slice and corpus.",
      "Scores hypotheses against references: WER (total errors / total reference words, not a"
          + " mean of utterance WERs), S/D/I/hits, CER, per utterance and per slice.",
      "FILE is JSONL (one object per line with string fields id, reference, hypothesis and an"
          + " optional slice) or TSV (id<TAB>reference<TAB>hypothesis); the format comes from the"
          + " extension (.jsonl/.json/.ndjson, .tsv/.tab) or else from the content.",
      "A malformed line (bad JSON, missing field, wrong column count, duplicate id) stops with"
          + " exit 2 naming the line; nothing is guessed.",
      "Words are separated by ASCII whitespace, as sclite and jiwer separate them. Alternations"
          + " ({are not / have not}, as a GLM rule set writes them) are choices the other side may"
          + " match, as in sclite."
    })
public final class WerCommand implements Callable<Integer> {
  /** How many utterances the human summary lists. */
  private static final int WORST_SHOWN = 10;

  private static final String MINIMUM_EDIT = "minimum-edit";
  private static final String SCLITE = "sclite";

  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "JSONL or TSV file of id, reference, hypothesis.")
  Path input;

  @Option(
      names = "--normalization",
      paramLabel = "none|ID|PATH",
      defaultValue = ScoringNormalization.NONE,
      description =
          "Normalization before comparing: 'none' compares whitespace tokens as given (default:"
              + " ${DEFAULT-VALUE}); a rule-set id (en-asr@1) or rule-set file.")
  String normalization;

  @Option(
      names = "--alignment",
      paramLabel = "minimum-edit|sclite",
      defaultValue = MINIMUM_EDIT,
      description =
          "Which alignment errors are counted on: 'minimum-edit' (default), the fewest errors, as"
              + " jiwer counts them; 'sclite' reproduces NIST sclite's alignment and counts"
              + " (substitution 4, deletion and insertion 3, sclite's tie-breaking), which can"
              + " report more errors. See docs/decisions/0003-alignment-tie-break.md.")
  String alignment;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Threads that score pairs at once (default: one per core). The result is the same on"
              + " any number; large files finish sooner on more.")
  Integer threads;

  @Override
  public Integer call() {
    AlignmentMode mode =
        switch (alignment.strip()) {
          case MINIMUM_EDIT -> AlignmentMode.MINIMUM_EDIT;
          case SCLITE -> AlignmentMode.SCLITE;
          default ->
              throw new InputException(
                  "--alignment is '" + alignment + "'; use minimum-edit (the default) or sclite");
        };
    int threads = this.threads == null ? Runtime.getRuntime().availableProcessors() : this.threads;
    if (threads < 1) {
      throw new InputException("--threads is " + threads + "; give 1 or more");
    }
    ScoringNormalization chosen = ScoringNormalization.resolve(normalization);
    TranscriptPairFile.Contents contents = TranscriptPairFile.read(input);
    Scorer scorer = new Scorer(chosen.tokenizer(), chosen.protectedPhrases(), mode);
    CorpusScore score = scorer.scoreCorpus(contents.pairs(), threads);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      writeJson(out, chosen, alignment.strip(), contents, score);
    } else {
      printSummary(out, chosen, alignment.strip(), contents, score);
    }
    out.flush();
    return ExitCode.OK;
  }

  /**
   * Writes the result as {@link JsonOutput#print} would print the map of it, streamed: keys in
   * sorted order at every level, the same pretty printer, so the bytes are the same without holding
   * a map per utterance (200k utterances were about 1 GB resident). WerCommandTest checks the key
   * order against {@link JsonOutput}'s mapper.
   */
  private static void writeJson(
      PrintWriter out,
      ScoringNormalization chosen,
      String alignment,
      TranscriptPairFile.Contents contents,
      CorpusScore score) {
    ScoreTotals corpus = score.corpus();
    try (JsonGenerator json = JsonOutput.mapper().writer().createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeStringField("alignment", alignment);
      writeCountsBeforeId(json, corpus.words(), corpus.characters());
      writeEntities(json, corpus.entities());
      writeCountsThrough(json, corpus.words());
      json.writeStringField("normalization", chosen.name());
      json.writeNumberField("reference_characters", corpus.characters().referenceLength());
      json.writeNumberField("reference_words", corpus.words().referenceLength());
      json.writeObjectFieldStart("slices");
      if (contents.sliced()) {
        for (Map.Entry<String, ScoreTotals> slice : score.slices().entrySet()) {
          json.writeObjectFieldStart(slice.getKey());
          writeTotals(json, slice.getValue());
          json.writeEndObject();
        }
      }
      json.writeEndObject();
      json.writeNumberField("substitutions", corpus.words().substitutions());
      json.writeNumberField("utterance_count", corpus.utterances());
      json.writeArrayFieldStart("utterances");
      for (UtteranceScore utterance : score.utterances()) {
        ErrorCounts words = utterance.words();
        json.writeStartObject();
        writeCountsBeforeId(json, words, utterance.characters());
        json.writeNumberField("errors", words.errors());
        json.writeNumberField("hits", words.hits());
        json.writeNumberField("hypothesis_words", words.hypothesisLength());
        json.writeStringField("id", utterance.id());
        json.writeNumberField("insertions", words.insertions());
        json.writeNumberField("reference_characters", utterance.characters().referenceLength());
        json.writeNumberField("reference_words", words.referenceLength());
        if (contents.sliced()) {
          json.writeStringField("slice", utterance.slice());
        }
        json.writeNumberField("substitutions", words.substitutions());
        writeRate(json, "wer", words.errorRate());
        json.writeEndObject();
      }
      json.writeEndArray();
      writeRate(json, "wer", corpus.words().errorRate());
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("result could not be written as JSON", e);
    }
    out.println();
    out.flush();
  }

  /** One slice's totals: the keys of a corpus total without alignment and normalization. */
  private static void writeTotals(JsonGenerator json, ScoreTotals totals) throws IOException {
    writeCountsBeforeId(json, totals.words(), totals.characters());
    writeEntities(json, totals.entities());
    writeCountsThrough(json, totals.words());
    json.writeNumberField("reference_characters", totals.characters().referenceLength());
    json.writeNumberField("reference_words", totals.words().referenceLength());
    json.writeNumberField("substitutions", totals.words().substitutions());
    json.writeNumberField("utterance_count", totals.utterances());
    writeRate(json, "wer", totals.words().errorRate());
  }

  /** {@code cer} and {@code deletions}, the keys that sort first in every object. */
  private static void writeCountsBeforeId(
      JsonGenerator json, ErrorCounts words, CharacterErrors characters) throws IOException {
    writeRate(json, "cer", characters.errorRate());
    json.writeNumberField("deletions", words.deletions());
  }

  /** The entity keys, which sort between {@code deletions} and {@code errors}. */
  private static void writeEntities(JsonGenerator json, EntityCounts entities) throws IOException {
    writeRate(json, "entity_error_rate", entities.errorRate());
    json.writeNumberField("entity_errors", entities.errors());
    json.writeNumberField("entity_occurrences", entities.occurrences());
  }

  /** {@code errors} through {@code insertions} of a total. */
  private static void writeCountsThrough(JsonGenerator json, ErrorCounts words) throws IOException {
    json.writeNumberField("errors", words.errors());
    json.writeNumberField("hits", words.hits());
    json.writeNumberField("hypothesis_words", words.hypothesisLength());
    json.writeNumberField("insertions", words.insertions());
  }

  private static void writeRate(JsonGenerator json, String name, OptionalDouble rate)
      throws IOException {
    if (rate.isPresent()) {
      json.writeNumberField(name, rate.getAsDouble());
    } else {
      json.writeNullField(name);
    }
  }

  private static void printSummary(
      PrintWriter out,
      ScoringNormalization chosen,
      String alignment,
      TranscriptPairFile.Contents contents,
      CorpusScore score) {
    ScoreTotals corpus = score.corpus();
    out.printf(
        Locale.ROOT,
        "WER %s  (%d errors: %d sub, %d del, %d ins / %d reference words; %d utterances)"
            + "  CER %s  normalization: %s%s%n",
        percent(corpus.wer()),
        corpus.words().errors(),
        corpus.words().substitutions(),
        corpus.words().deletions(),
        corpus.words().insertions(),
        corpus.words().referenceLength(),
        corpus.utterances(),
        percent(corpus.cer()),
        chosen.name(),
        alignment.equals(MINIMUM_EDIT) ? "" : "  alignment: " + alignment);
    if (corpus.entities().occurrences() > 0) {
      out.printf(
          Locale.ROOT,
          "entity error rate %s  (%d of %d protected phrases missed)%n",
          percent(corpus.entityErrorRate()),
          corpus.entities().errors(),
          corpus.entities().occurrences());
    }
    if (contents.sliced()) {
      out.println("slices:");
      int width = score.slices().keySet().stream().mapToInt(String::length).max().orElse(0);
      score
          .slices()
          .forEach(
              (slice, totals) ->
                  out.printf(
                      Locale.ROOT,
                      "  %-" + width + "s  WER %s  (%d/%d words, %d utterances)%n",
                      slice,
                      percent(totals.wer()),
                      totals.words().errors(),
                      totals.words().referenceLength(),
                      totals.utterances()));
    }
    List<UtteranceScore> worst =
        score.utterances().stream()
            .filter(utterance -> utterance.words().errors() > 0)
            .sorted(Comparator.comparingLong((UtteranceScore u) -> u.words().errors()).reversed())
            .limit(WORST_SHOWN)
            .toList();
    if (worst.isEmpty()) {
      out.println("no word errors");
      return;
    }
    out.println("worst utterances (most errors first):");
    int width = worst.stream().mapToInt(u -> u.id().length()).max().orElse(0);
    for (UtteranceScore utterance : worst) {
      ErrorCounts words = utterance.words();
      out.printf(
          Locale.ROOT,
          "  %-" + width + "s  WER %s  (%d sub, %d del, %d ins / %d words)%n",
          utterance.id(),
          percent(utterance.wer()),
          words.substitutions(),
          words.deletions(),
          words.insertions(),
          words.referenceLength());
    }
  }

  private static String percent(OptionalDouble rate) {
    return rate.isPresent()
        ? String.format(Locale.ROOT, "%.2f%%", rate.getAsDouble() * 100)
        : "n/a";
  }
}
