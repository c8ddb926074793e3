package dev.earmark.app.cli;

import dev.earmark.audio.qe.FeatureTable;
import dev.earmark.audio.qe.TrainingRow;
import dev.earmark.engine.score.Scorer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earmark qe features --manifest FILE --out TABLE}: measures every usable manifest clip with
 * the audio module's one feature code path and scores its hypothesis, and writes what training
 * needs as a CSV feature table (id, cross-validation group, WER, features), so a corpus can be
 * committed and trained on ({@code qe train --features}) without its audio. Exit 0; 2 for
 * unreadable input. Clips that cannot be used are listed and left out.
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a manifest's clips (features of the QE feature schema) and score their hypotheses"
          + " (WER against the reference), into a CSV feature table for qe train --features.",
      "Manifest lines: id, audio_filepath, reference, hypothesis and an optional group (clips of"
          + " one group share a cross-validation fold)."
    })
public final class QeFeaturesCommand implements Callable<Integer> {
  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @Option(
      names = "--manifest",
      required = true,
      paramLabel = "FILE",
      description = "JSONL manifest: id, audio_filepath, reference, hypothesis, optional group.")
  Path manifest;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "TABLE",
      description = "Where to write the CSV feature table.")
  Path out;

  @Option(
      names = "--normalization",
      paramLabel = "none|ID|PATH",
      defaultValue = "en-asr@1",
      description = "Normalization before scoring (default: ${DEFAULT-VALUE}).")
  String normalization;

  @Override
  public Integer call() {
    ScoringNormalization chosen = ScoringNormalization.resolve(normalization);
    Scorer scorer = new Scorer(chosen.tokenizer(), chosen.protectedPhrases());
    List<QeTrainCommand.Skipped> skipped = new ArrayList<>();
    List<TrainingRow> rows =
        QeTrainCommand.manifestRows(QeManifest.read(manifest), scorer, skipped);
    try {
      FeatureTable.write(out, rows);
    } catch (UncheckedIOException e) {
      throw new InputException(out + ": cannot write the feature table (" + e.getCause() + ")");
    }
    PrintWriter writer = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("manifest", manifest.toString());
      result.put("normalization", chosen.name());
      result.put("clips", rows.size());
      List<Map<String, Object>> skippedJson = new ArrayList<>();
      for (QeTrainCommand.Skipped clip : skipped) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", clip.id());
        row.put("line", clip.line());
        row.put("reason", clip.reason());
        skippedJson.add(row);
      }
      result.put("skipped", skippedJson);
      result.put("written_to", out.toString());
      JsonOutput.print(writer, result);
    } else {
      writer.printf(
          "%d clips measured and scored (normalization %s) into %s; %d skipped%n",
          rows.size(), chosen.name(), out, skipped.size());
      for (QeTrainCommand.Skipped clip : skipped) {
        writer.printf("  skipped %s (line %d): %s%n", clip.id(), clip.line(), clip.reason());
      }
    }
    writer.flush();
    return ExitCode.OK;
  }
}
