package dev.earmark.app.cli;

import dev.earmark.engine.score.AlignmentMode;
import dev.earmark.engine.score.CorpusScore;
import dev.earmark.engine.score.ErrorCounts;
import dev.earmark.engine.score.ScoreTotals;
import dev.earmark.engine.score.UtteranceScore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
    ScoredChunks scored = ScoredChunks.score(contents, chosen, mode, threads, json.enabled());
    CorpusScore score = CorpusScore.of(scored.utterances());
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      WerJson.write(
          out,
          alignment.strip(),
          chosen.name(),
          score.corpus(),
          contents.sliced() ? score.slices() : Collections.emptySortedMap(),
          scored.json());
    } else {
      printSummary(out, chosen, alignment.strip(), contents, score);
    }
    out.flush();
    return ExitCode.OK;
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
