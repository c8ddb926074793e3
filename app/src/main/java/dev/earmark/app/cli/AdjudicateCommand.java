package dev.earmark.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeComparison;
import dev.earmark.storage.adjudicate.DisputeComparisons;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.labelimport.LabelImporter;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark adjudicate ID}: decides a dispute headless through {@link Adjudications#decide},
 * the same storage call the adjudication screen makes (validation against the dispute's rubric, the
 * {@code adjudication.decide} audit event, a policy proposal for rubric-gap and normalization-gap).
 * The final label is built as the screen builds it ({@link DisputeComparison#picked}, {@link
 * DisputeComparison#written}).
 */
@Command(
    name = "adjudicate",
    mixinStandardHelpOptions = true,
    description = {
      "Decide a dispute (adjudicators and leads): pick one annotator's label, write the final",
      "transcript, or give the whole final value in a file; with a reason code and a note.",
      "Reason codes: annotator-error, ambiguous-audio, rubric-gap, normalization-gap, bad-audio,",
      "other. rubric-gap and normalization-gap need a --note and file a policy proposal for the",
      "lead. The same checks and audit as the adjudication screen."
    })
public final class AdjudicateCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The dispute's id (disputes list).")
  long id;

  @ArgGroup(exclusive = true, multiplicity = "1")
  FinalLabel finalLabel;

  /** Where the final label comes from: exactly one of the three. */
  static final class FinalLabel {
    @Option(
        names = "--pick",
        paramLabel = "ANNOTATOR",
        description =
            "Take this annotator's label as the final one, as the screen's pick does (without"
                + " the unsure flag; a transcript decision keeps no flags).")
    String pick;

    @Option(
        names = "--text",
        paramLabel = "TEXT",
        description = "Write the final transcript (ASR disputes).")
    String text;

    @Option(
        names = "--value",
        paramLabel = "FILE",
        description =
            "A JSON file with the final value: the rubric's fields by name, or a whole label"
                + " value {\"rubric\": …, \"fields\": {…}}.")
    Path value;
  }

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "CODE",
      description =
          "Why: annotator-error, ambiguous-audio, rubric-gap, normalization-gap,"
              + " bad-audio or other.")
  String reason;

  @Option(
      names = "--note",
      paramLabel = "TEXT",
      description =
          "Free text kept with the decision; required for rubric-gap and" + " normalization-gap.")
  String note;

  @Override
  public Integer call() {
    ReasonCode code = ReasonCode.fromCode(reason);
    JsonNode valueFile = finalLabel.value == null ? null : read(finalLabel.value);
    Adjudication decision;
    DisputeComparison comparison;
    try (Project project = ProjectAccess.openExisting(global())) {
      Actor actor = ProjectAccess.actor(project, global());
      comparison = new DisputeComparisons(project).compare(actor, id);
      LabelValue value;
      if (finalLabel.pick != null) {
        value = comparison.picked(finalLabel.pick);
      } else if (finalLabel.text != null) {
        value = comparison.written(finalLabel.text, java.util.Optional.empty());
      } else {
        value = LabelImporter.readValue(valueFile, comparison.rubric());
      }
      decision =
          new Adjudications(project, new Policies(project)).decide(actor, id, value, code, note);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("dispute", id);
      doc.put("clip_id", comparison.dispute().clipKey());
      doc.put("adjudication", decision.id());
      doc.put("adjudicator", decision.adjudicator());
      doc.put("reason", decision.reason().code());
      doc.put("note", decision.note());
      doc.put("final_value", LabelValueJson.toJson(decision.finalValue()));
      doc.put(
          "policy_proposal",
          decision.policyProposalId().isPresent() ? decision.policyProposalId().getAsLong() : null);
      JsonOutput.print(out, doc);
    } else {
      out.println(
          "decided dispute "
              + id
              + " ("
              + comparison.dispute().clipKey()
              + "): "
              + decision.reason().code()
              + ", adjudication "
              + decision.id()
              + (decision.policyProposalId().isPresent()
                  ? "; policy proposal "
                      + decision.policyProposalId().getAsLong()
                      + " filed for the lead"
                  : ""));
      out.flush();
    }
    return ExitCode.OK;
  }

  private static JsonNode read(Path file) {
    try {
      return JsonOutput.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(
          "cannot read " + file + " as JSON: " + e.getMessage() + "; give the final value as JSON");
    }
  }

  private GlobalOptions global() {
    return ((EarmarkCommand) spec.root().userObject()).global;
  }
}
