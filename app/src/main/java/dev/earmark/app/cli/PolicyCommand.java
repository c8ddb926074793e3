package dev.earmark.app.cli;

import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.policy.PolicyDiff;
import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PolicyChange;
import dev.earmark.storage.policy.PolicyLabels;
import dev.earmark.storage.policy.PolicyUpdate;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earmark policy set|show|history}: the label policy (rubric version, rule-set version) per
 * task type. Setting one reports what it changes for the labels already in the project: labels left
 * under another rubric version, and the policy diff of the rule-set change.
 */
@Command(
    name = "policy",
    description = "Set and show the label policy (rubric and rule-set versions) per task type.",
    mixinStandardHelpOptions = true,
    subcommands = {PolicyCommand.Set.class, PolicyCommand.Show.class, PolicyCommand.History.class})
public final class PolicyCommand {
  private PolicyCommand() {}

  static TaskType taskType(String id) {
    return TaskType.fromId(id);
  }

  static Map<String, Object> json(LabelPolicy policy) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("task_type", policy.taskType().id());
    node.put("rubric", policy.rubric().toString());
    node.put("rule_set", policy.ruleSet().map(Object::toString).orElse(null));
    node.put("changed_at", policy.changedAt().toString());
    node.put("changed_by", policy.changedBy());
    return node;
  }

  static String describe(LabelPolicy policy) {
    return policy.rubric() + " + " + policy.ruleSet().map(Object::toString).orElse("no rule set");
  }

  /** {@code earmark policy set --task T --rubric R [--rules S]}. */
  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Set the label policy of a task type (leads only). A built-in version named here is"
            + " published in the project first.",
        "Prints what the change means for the labels already in the project: submitted labels"
            + " left under another rubric version (a batch refuses them), and how many items"
            + " the new rule set changes (normalized text, WER, dispute), with the policy-diff"
            + " command that shows the details."
      })
  static final class Set implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Option(
        names = "--task",
        required = true,
        paramLabel = "TASK",
        description = "asr-transcript, tts-rating or rag-stages.")
    String task;

    @Option(
        names = "--rubric",
        required = true,
        paramLabel = "ID",
        description = "The rubric version, e.g. asr-transcript@2 (built in or published).")
    String rubric;

    @Option(
        names = "--rules",
        paramLabel = "ID",
        description =
            "The normalization rule-set version transcripts are compared under, e.g. en-asr@2"
                + " (built in or published); omit for task types that compare no text.")
    String rules;

    @Override
    public Integer call() {
      TaskType type = taskType(task);
      VersionedId rubricId = VersionedId.parse(rubric);
      VersionedId ruleSetId = rules == null ? null : VersionedId.parse(rules);
      GlobalOptions global = ProjectAccess.global(spec);
      try (Project project = ProjectAccess.openExisting(global)) {
        Actor actor = ProjectAccess.actor(project, global);
        Policies policies = new Policies(project);
        PolicyUpdate update = policies.setPolicy(actor, type, rubricId, ruleSetId);
        Map<VersionedId, Integer> byRubric = policies.submittedLabelsByRubric(type);
        Map<String, Integer> otherRubrics = new LinkedHashMap<>();
        byRubric.forEach(
            (id, count) -> {
              if (!id.equals(rubricId)) {
                otherRubrics.put(id.toString(), count);
              }
            });
        Optional<VersionedId> previousRules = update.previous().flatMap(LabelPolicy::ruleSet);
        Optional<PolicyDiffReport> diff = Optional.empty();
        if (update.changed()
            && ruleSetId != null
            && previousRules.isPresent()
            && !previousRules.get().equals(ruleSetId)
            && type == TaskType.ASR_TRANSCRIPT) {
          diff = Optional.of(diff(project, policies, actor, previousRules.get(), ruleSetId));
        }
        PrintWriter out = spec.commandLine().getOut();
        String command =
            diff.isPresent()
                ? "earmark policy-diff --from " + previousRules.get() + " --to " + ruleSetId
                : null;
        if (json.enabled()) {
          Map<String, Object> report = new LinkedHashMap<>();
          report.put("changed", update.changed());
          report.put("previous", update.previous().map(PolicyCommand::json).orElse(null));
          report.put("policy", json(update.current()));
          report.put("labels_under_other_rubrics", otherRubrics);
          if (diff.isPresent()) {
            PolicyDiffReport.Counts totals = diff.get().totals();
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("from", diff.get().from());
            counts.put("to", diff.get().to());
            counts.put("items", totals.items());
            counts.put("labels", totals.labels());
            counts.put("changed_normalized_text", totals.changedNormalizedText());
            counts.put("changed_wer", totals.changedWer());
            counts.put("changed_dispute", totals.changedDispute());
            counts.put("details", command);
            report.put("policy_diff", counts);
          }
          JsonOutput.print(out, report);
          return ExitCode.OK;
        }
        if (!update.changed()) {
          out.println(
              type.id() + " already has the policy " + describe(update.current()) + "; no change");
        } else {
          out.println(
              type.id()
                  + ": "
                  + update.previous().map(PolicyCommand::describe).orElse("no policy")
                  + " -> "
                  + describe(update.current()));
        }
        if (!otherRubrics.isEmpty()) {
          int total = otherRubrics.values().stream().mapToInt(Integer::intValue).sum();
          List<String> parts = new ArrayList<>();
          otherRubrics.forEach((id, count) -> parts.add(id + ": " + count));
          out.println(
              total
                  + " submitted labels are under other rubric versions ("
                  + String.join(", ", parts)
                  + "); a batch under "
                  + rubricId
                  + " refuses them");
        }
        if (diff.isPresent()) {
          PolicyDiffReport.Counts totals = diff.get().totals();
          out.println(
              "under "
                  + ruleSetId
                  + " instead of "
                  + previousRules.get()
                  + ", of "
                  + totals.items()
                  + " items with submitted transcripts ("
                  + totals.labels()
                  + " labels): "
                  + totals.changedNormalizedText()
                  + " change their normalized text, "
                  + totals.changedWer()
                  + " their WER, "
                  + totals.changedDispute()
                  + " their dispute status");
          out.println("details by slice, with examples and rules: " + command);
        }
        out.flush();
        return ExitCode.OK;
      }
    }

    private static PolicyDiffReport diff(
        Project project, Policies policies, Actor actor, VersionedId from, VersionedId to) {
      PolicyLabels reader = new PolicyLabels(project, policies);
      double threshold = new ProjectSettings(project).number(Setting.ROUTING_TRANSCRIPT_WER);
      RoutingSettings routing =
          new RoutingSettings(
              false, OptionalInt.empty(), OptionalDouble.of(threshold), false, false);
      return new PolicyDiff(reader.ruleSet(from), reader.ruleSet(to), routing, 0)
          .compare(reader.transcriptLabels(actor, "domain"));
    }
  }

  /** {@code earmark policy show [--task T]}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show the label policy in force for each task type.")
  static final class Show implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Option(names = "--task", paramLabel = "TASK", description = "Only this task type.")
    String task;

    @Override
    public Integer call() {
      List<TaskType> types = task == null ? List.of(TaskType.values()) : List.of(taskType(task));
      try (Project project = ProjectAccess.openExisting(ProjectAccess.global(spec))) {
        Policies policies = new Policies(project);
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TaskType type : types) {
          Optional<LabelPolicy> policy = policies.policy(type);
          if (json.enabled()) {
            Map<String, Object> row = policy.map(PolicyCommand::json).orElseGet(LinkedHashMap::new);
            row.putIfAbsent("task_type", type.id());
            row.put("set", policy.isPresent());
            rows.add(row);
          } else {
            out.printf(
                "%-15s %s%n",
                type.id(),
                policy
                    .map(
                        p ->
                            describe(p) + "  (set by " + p.changedBy() + ", " + p.changedAt() + ")")
                    .orElse("not set: earmark policy set --task " + type.id() + " --rubric ID"));
          }
        }
        if (json.enabled()) {
          JsonOutput.print(out, Map.of("policies", rows));
        }
        out.flush();
        return ExitCode.OK;
      }
    }
  }

  /** {@code earmark policy history}. */
  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = "Every change of the label policy, oldest first, with what it replaced.")
  static final class History implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (Project project = ProjectAccess.openExisting(ProjectAccess.global(spec))) {
        List<PolicyChange> changes = new Policies(project).history();
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (PolicyChange change : changes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task_type", change.taskType().id());
            row.put("previous_rubric", change.previousRubric().map(Object::toString).orElse(null));
            row.put(
                "previous_rule_set", change.previousRuleSet().map(Object::toString).orElse(null));
            row.put("rubric", change.rubric().toString());
            row.put("rule_set", change.ruleSet().map(Object::toString).orElse(null));
            row.put("changed_at", change.changedAt().toString());
            row.put("changed_by", change.changedBy());
            rows.add(row);
          }
          JsonOutput.print(out, Map.of("changes", rows));
          return ExitCode.OK;
        }
        if (changes.isEmpty()) {
          out.println("no policy set yet: earmark policy set --task TASK --rubric ID [--rules ID]");
        }
        for (PolicyChange change : changes) {
          String before =
              change
                  .previousRubric()
                  .map(
                      rubric ->
                          rubric
                              + " + "
                              + change
                                  .previousRuleSet()
                                  .map(Object::toString)
                                  .orElse("no rule set"))
                  .orElse("no policy");
          out.printf(
              "%s  %-15s %s -> %s + %s  by %s%n",
              change.changedAt(),
              change.taskType().id(),
              before,
              change.rubric(),
              change.ruleSet().map(Object::toString).orElse("no rule set"),
              change.changedBy());
        }
        out.flush();
        return ExitCode.OK;
      }
    }
  }
}
