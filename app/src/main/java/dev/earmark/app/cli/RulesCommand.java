package dev.earmark.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.app.rules.RuleDiff;
import dev.earmark.engine.normalize.GlmImporter;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PolicyLabels;
import dev.earmark.storage.policy.PublishedVersion;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark rules list|show|diff|publish|import-glm}: normalization rule-set versions,
 * mirroring {@code earmark rubric}. A RULES argument is a built-in id ({@code en-asr@1}), an id
 * published in the project named by {@code --project}/{@code --db}, or the path of a rule-set JSON
 * file (docs/formats/rule-set.md).
 */
@Command(
    name = "rules",
    description = "List, show, compare and publish normalization rule-set versions.",
    mixinStandardHelpOptions = true,
    subcommands = {
      RulesCommand.ListRules.class,
      RulesCommand.Show.class,
      RulesCommand.Diff.class,
      RulesCommand.Publish.class,
      RulesCommand.ImportGlm.class
    })
public final class RulesCommand {
  private RulesCommand() {}

  /** Resolves a built-in id, an id published in the project (project non-null) or a file. */
  static RuleSet resolve(String idOrPath, Project project) {
    if (VersionedId.looksLikeId(idOrPath) && project != null) {
      VersionedId id = VersionedId.parse(idOrPath);
      Policies policies = new Policies(project);
      if (policies.ruleSet(id).isPresent()) {
        return new PolicyLabels(project, policies).ruleSet(id);
      }
      if (RuleSets.builtIn(id).isEmpty() && !Files.isRegularFile(Path.of(idOrPath))) {
        List<String> known = new ArrayList<>();
        RuleSets.builtInIds().forEach(builtIn -> known.add(builtIn.toString()));
        policies.publishedRuleSetIds().forEach(published -> known.add(published.toString()));
        throw new InputException(
            "'"
                + idOrPath
                + "' is neither a known rule-set id nor a rule-set file; known ids are "
                + known.stream().distinct().sorted().collect(Collectors.joining(", ")));
      }
    }
    return RuleSets.resolve(idOrPath);
  }

  private static <T> T withProject(CommandSpec spec, Function<Project, T> work) {
    if (!ProjectAccess.projectNamed(spec)) {
      return work.apply(null);
    }
    try (Project project = ProjectAccess.openExisting(ProjectAccess.global(spec))) {
      return work.apply(project);
    }
  }

  /** {@code earmark rules list}. */
  @Command(
      name = "list",
      description = {
        "List the built-in rule-set versions and, with --project or --db, the versions published"
            + " in the project."
      },
      mixinStandardHelpOptions = true)
  static final class ListRules implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    record Listed(RuleSet ruleSet, boolean builtIn, boolean published) {
      String source() {
        return builtIn && published ? "built-in, published" : builtIn ? "built-in" : "project";
      }
    }

    @Override
    public Integer call() {
      boolean named = ProjectAccess.projectNamed(spec);
      List<Listed> sets =
          withProject(
              spec,
              project -> {
                Set<VersionedId> published =
                    project == null
                        ? Set.of()
                        : new TreeSet<>(new Policies(project).publishedRuleSetIds());
                List<Listed> listed = new ArrayList<>();
                for (VersionedId id : RuleSets.builtInIds()) {
                  listed.add(
                      new Listed(RuleSets.builtIn(id).orElseThrow(), true, published.contains(id)));
                }
                for (VersionedId id : published) {
                  if (RuleSets.builtIn(id).isEmpty()) {
                    listed.add(
                        new Listed(
                            new PolicyLabels(project, new Policies(project)).ruleSet(id),
                            false,
                            true));
                  }
                }
                return listed;
              });
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Listed listed : sets) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", listed.ruleSet().id().toString());
          row.put("description", listed.ruleSet().description());
          row.put("rules", listed.ruleSet().rules().size());
          row.put("hash", listed.ruleSet().hash());
          row.put("built_in", listed.builtIn());
          if (named) {
            row.put("published_in_project", listed.published());
          }
          rows.add(row);
        }
        JsonOutput.print(out, Map.of("rule_sets", rows));
      } else {
        for (Listed listed : sets) {
          out.printf(
              "%-18s %2d rules  %-20s %s%n",
              listed.ruleSet().id(),
              listed.ruleSet().rules().size(),
              named ? listed.source() : "built-in",
              listed.ruleSet().description());
        }
        out.flush();
      }
      return ExitCode.OK;
    }
  }

  /** {@code earmark rules show RULES}. */
  @Command(
      name = "show",
      description = "Show a rule-set version: its rules in the order they apply.",
      mixinStandardHelpOptions = true)
  static final class Show implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "RULES",
        description = "Built-in id (e.g. en-asr@1), an id published in --project, or a JSON file.")
    String rules;

    @Override
    public Integer call() {
      RuleSet shown = withProject(spec, project -> resolve(rules, project));
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        try {
          JsonOutput.print(out, JsonOutput.mapper().readTree(RuleSetJson.write(shown)));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("a rule set did not write as JSON", e);
        }
        return ExitCode.OK;
      }
      out.println(shown.id() + "  " + shown.description());
      out.println("hash: " + shown.hash());
      out.println();
      List<JsonNode> nodes = RuleDiff.ruleNodes(shown);
      for (int i = 0; i < nodes.size(); i++) {
        out.printf("%3d. %s%n", i + 1, RuleDiff.describe(nodes.get(i)));
      }
      out.flush();
      return ExitCode.OK;
    }
  }

  /** {@code earmark rules diff FROM TO}. */
  @Command(
      name = "diff",
      description = {
        "Show which rules one rule-set version removes and adds against another, by position.",
        "What that does to a project's labels is 'earmark policy-diff'."
      },
      mixinStandardHelpOptions = true)
  public static final class Diff implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "FROM",
        description = "Built-in or published id, or file.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "Built-in or published id, or file.")
    String to;

    @Override
    public Integer call() {
      List<RuleSet> sets =
          withProject(spec, project -> List.of(resolve(from, project), resolve(to, project)));
      List<JsonNode> before = RuleDiff.ruleNodes(sets.get(0));
      List<JsonNode> after = RuleDiff.ruleNodes(sets.get(1));
      List<RuleDiff.Edit> edits = RuleDiff.edits(before, after);
      long removed = edits.stream().filter(edit -> edit.sign() == '-').count();
      long added = edits.size() - removed;
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("from", sets.get(0).id().toString());
        report.put("to", sets.get(1).id().toString());
        report.put("from_hash", sets.get(0).hash());
        report.put("to_hash", sets.get(1).hash());
        report.put("from_description", sets.get(0).description());
        report.put("to_description", sets.get(1).description());
        report.put("unchanged", before.size() - removed);
        List<Map<String, Object>> removedRules = new ArrayList<>();
        List<Map<String, Object>> addedRules = new ArrayList<>();
        for (RuleDiff.Edit edit : edits) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("position", edit.position());
          row.put("rule", edit.rule());
          (edit.sign() == '-' ? removedRules : addedRules).add(row);
        }
        report.put("removed", removedRules);
        report.put("added", addedRules);
        JsonOutput.print(out, report);
        return ExitCode.OK;
      }
      RuleDiff.lines(sets.get(0), sets.get(1)).forEach(out::println);
      out.flush();
      return ExitCode.OK;
    }
  }

  /** {@code earmark rules publish FILE}. */
  @Command(
      name = "publish",
      description = {
        "Publish a rule-set file in the project as a new rule set or the next version of one"
            + " (leads only).",
        "A published version never changes: a file whose id is published (or built in) with"
            + " other content is refused with the next free id named; the same content again"
            + " changes nothing. Format: docs/formats/rule-set.md."
      },
      mixinStandardHelpOptions = true)
  static final class Publish implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The rule-set JSON file.")
    Path file;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new InputException("cannot read " + file + ": give the path of a rule-set JSON file");
      }
      RuleSet ruleSet = RuleSetJson.read(file);
      GlobalOptions global = ProjectAccess.global(spec);
      try (Project project = ProjectAccess.openExisting(global)) {
        PublishedVersion published =
            new Policies(project)
                .publishRuleSetVersion(ProjectAccess.actor(project, global), ruleSet);
        RubricCommand.printPublished(
            spec.commandLine().getOut(),
            json.enabled(),
            "rule set",
            published,
            Map.of("rules", ruleSet.rules().size()));
        return ExitCode.OK;
      }
    }
  }

  /** {@code earmark rules import-glm FILE --id NAME@N}. */
  @Command(
      name = "import-glm",
      description = {
        "Import an sclite GLM file (csrfilt.sh's global mapping file, e.g. en20040920.glm) as the"
            + " rule set NAME@N and publish it in the project (leads only), or with --out write it"
            + " as a rule-set JSON file without a project.",
        "The rules give csrfilt's output (docs/formats/rule-set.md); a line that is no GLM rule is"
            + " refused with its line number."
      },
      mixinStandardHelpOptions = true)
  static final class ImportGlm implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The GLM file.")
    Path file;

    @Option(
        names = "--id",
        required = true,
        paramLabel = "NAME@N",
        description = "The rule set's id, e.g. en-glm@1.")
    String id;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write the rule set to this JSON file instead of publishing it.")
    Path out;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new InputException("cannot read " + file + ": give the path of a GLM file");
      }
      if (!VersionedId.looksLikeId(id)) {
        throw new InputException("--id '" + id + "' is not an id like en-glm@1");
      }
      RuleSet ruleSet = GlmImporter.importFile(file, VersionedId.parse(id));
      PrintWriter printer = spec.commandLine().getOut();
      if (out != null) {
        RuleSetJson.write(ruleSet, out);
        if (json.enabled()) {
          Map<String, Object> report = new LinkedHashMap<>();
          report.put("id", ruleSet.id().toString());
          report.put("file", out.toString());
          report.put("rules", ruleSet.rules().size());
          JsonOutput.print(printer, report);
        } else {
          printer.println(
              "wrote rule set "
                  + ruleSet.id()
                  + " ("
                  + ruleSet.rules().size()
                  + " rules) to "
                  + out);
          printer.flush();
        }
        return ExitCode.OK;
      }
      GlobalOptions global = ProjectAccess.global(spec);
      try (Project project = ProjectAccess.openExisting(global)) {
        PublishedVersion published =
            new Policies(project)
                .publishRuleSetVersion(ProjectAccess.actor(project, global), ruleSet);
        RubricCommand.printPublished(
            printer,
            json.enabled(),
            "rule set",
            published,
            Map.of("rules", ruleSet.rules().size(), "source", file.toString()));
        return ExitCode.OK;
      }
    }
  }
}
