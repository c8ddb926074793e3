package dev.earmark.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.Option;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.RubricDiff;
import dev.earmark.engine.rubric.RubricDiffRenderer;
import dev.earmark.engine.rubric.RubricJson;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PublishedVersion;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark rubric list|show|diff|publish}: inspect the built-in rubric versions, the versions
 * published in a project and rubric files, compare two versions, and publish a file in a project. A
 * RUBRIC argument is a built-in id ({@code tts-rating@1}), an id published in the project named by
 * {@code --project}/{@code --db}, or the path of a rubric JSON file (docs/formats/rubric.md).
 */
@Command(
    name = "rubric",
    description = "List, show, compare and publish rubric versions.",
    mixinStandardHelpOptions = true,
    subcommands = {
      RubricCommand.ListRubrics.class,
      RubricCommand.Show.class,
      RubricCommand.Diff.class,
      RubricCommand.Publish.class
    })
public final class RubricCommand {

  /** Resolves a built-in id or a rubric file path. */
  static Rubric resolve(String idOrPath) {
    return resolve(idOrPath, null);
  }

  /**
   * Resolves a built-in id, an id published in the project ({@code policies} non-null when the
   * command line names a project) or a rubric file path.
   */
  static Rubric resolve(String idOrPath, Policies policies) {
    if (VersionedId.looksLikeId(idOrPath)) {
      VersionedId id = VersionedId.parse(idOrPath);
      if (policies != null && policies.publishedRubric(id).isPresent()) {
        return policies.rubric(id);
      }
      if (RubricCatalog.builtIn().find(id).isPresent() || policies == null) {
        return RubricCatalog.builtIn().get(id);
      }
    }
    Path file = Path.of(idOrPath);
    if (!Files.isRegularFile(file)) {
      List<String> known = new ArrayList<>();
      RubricCatalog.builtIn().all().forEach(rubric -> known.add(rubric.id().toString()));
      if (policies != null) {
        policies.publishedRubricIds().forEach(id -> known.add(id.toString()));
      }
      throw new InputException(
          "'"
              + idOrPath
              + (policies == null
                  ? "' is neither a built-in rubric id nor a rubric file; built-in ids are "
                  : "' is neither a built-in or published rubric id nor a rubric file; known ids"
                      + " are ")
              + known.stream().distinct().sorted().collect(Collectors.joining(", ")));
    }
    return RubricJson.read(file);
  }

  /** Runs {@code work} with the project's policies when the command line names a project. */
  static <T> T withProjectPolicies(CommandSpec spec, Function<Policies, T> work) {
    if (!ProjectAccess.projectNamed(spec)) {
      return work.apply(null);
    }
    try (Project project = ProjectAccess.openExisting(ProjectAccess.global(spec))) {
      return work.apply(new Policies(project));
    }
  }

  /** {@code earmark rubric list}. */
  @Command(
      name = "list",
      description = {
        "List the built-in rubric versions and, with --project or --db, the versions published in"
            + " the project."
      },
      mixinStandardHelpOptions = true)
  static final class ListRubrics implements Callable<Integer> {
    @Mixin JsonOption json;

    @Spec CommandSpec spec;

    /** One listed version and where it comes from. */
    record Listed(Rubric rubric, boolean builtIn, boolean published) {
      String source() {
        return builtIn && published ? "built-in, published" : builtIn ? "built-in" : "project";
      }
    }

    @Override
    public Integer call() {
      boolean named = ProjectAccess.projectNamed(spec);
      List<Listed> rubrics =
          withProjectPolicies(
              spec,
              policies -> {
                Set<VersionedId> published =
                    policies == null ? Set.of() : new TreeSet<>(policies.publishedRubricIds());
                List<Listed> listed = new ArrayList<>();
                for (Rubric rubric : RubricCatalog.builtIn().all()) {
                  listed.add(new Listed(rubric, true, published.contains(rubric.id())));
                }
                for (VersionedId id : published) {
                  if (RubricCatalog.builtIn().find(id).isEmpty()) {
                    listed.add(new Listed(policies.rubric(id), false, true));
                  }
                }
                return listed;
              });
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        ObjectNode root = JsonOutput.mapper().createObjectNode();
        ArrayNode array = root.putArray("rubrics");
        for (Listed listed : rubrics) {
          Rubric rubric = listed.rubric();
          ObjectNode row =
              array
                  .addObject()
                  .put("id", rubric.id().toString())
                  .put("task_type", rubric.taskType().id())
                  .put("title", rubric.title())
                  .put("fields", rubric.fields().size())
                  .put("listening_requirement", rubric.listeningRequirement())
                  .put("hash", rubric.hash())
                  .put("built_in", listed.builtIn());
          if (named) {
            row.put("published_in_project", listed.published());
          }
        }
        JsonOutput.print(out, root);
      } else {
        for (Listed listed : rubrics) {
          Rubric rubric = listed.rubric();
          out.printf(
              "%-18s %-15s %2d fields  %-20s %s%n",
              rubric.id(),
              rubric.taskType().id(),
              rubric.fields().size(),
              named ? listed.source() : "built-in",
              rubric.title());
        }
        out.flush();
      }
      return ExitCode.OK;
    }
  }

  /** {@code earmark rubric publish FILE}. */
  @Command(
      name = "publish",
      description = {
        "Publish a rubric file in the project as a new rubric or the next version of one (leads"
            + " only).",
        "A published version never changes: a file whose id is published (or built in) with"
            + " other content is refused with the next free id named; the same content again"
            + " changes nothing. Format: docs/formats/rubric.md."
      },
      mixinStandardHelpOptions = true)
  static final class Publish implements Callable<Integer> {
    @Mixin JsonOption json;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The rubric JSON file.")
    Path file;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new InputException("cannot read " + file + ": give the path of a rubric JSON file");
      }
      Rubric rubric = RubricJson.read(file);
      GlobalOptions global = ProjectAccess.global(spec);
      try (Project project = ProjectAccess.openExisting(global)) {
        PublishedVersion published =
            new Policies(project)
                .publishRubricVersion(ProjectAccess.actor(project, global), rubric);
        printPublished(
            spec.commandLine().getOut(),
            json.enabled(),
            "rubric",
            published,
            Map.of("task_type", rubric.taskType().id()));
        return ExitCode.OK;
      }
    }
  }

  /** The report of a publish, shared with {@code earmark rules publish}. */
  static void printPublished(
      PrintWriter out,
      boolean asJson,
      String what,
      PublishedVersion published,
      Map<String, Object> extra) {
    if (asJson) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("id", published.id().toString());
      report.put("hash", published.contentHash());
      report.put("published", published.newlyPublished());
      report.put("published_by", published.publishedBy());
      report.put("published_at", published.publishedAt().toString());
      report.putAll(extra);
      JsonOutput.print(out, report);
      return;
    }
    if (published.newlyPublished()) {
      out.println("published " + what + " " + published.id() + " " + published.contentHash());
    } else {
      out.println(
          what
              + " "
              + published.id()
              + " is already published with this content (by "
              + published.publishedBy()
              + "); nothing changed");
    }
    out.flush();
  }

  /** {@code earmark rubric show RUBRIC}. */
  @Command(
      name = "show",
      description = "Show a rubric version: conventions, fields, anchors and options.",
      mixinStandardHelpOptions = true)
  static final class Show implements Callable<Integer> {
    @Mixin JsonOption json;

    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "RUBRIC",
        description =
            "Built-in id (e.g. tts-rating@1), an id published in --project, or a JSON file.")
    String rubric;

    @Override
    public Integer call() {
      Rubric shown = withProjectPolicies(spec, policies -> resolve(rubric, policies));
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, RubricJson.toJson(shown));
        return ExitCode.OK;
      }
      out.println(shown.id() + "  " + shown.title());
      out.println("hash: " + shown.hash());
      out.printf(
          Locale.ROOT,
          "task type: %s   listen to %.0f%% of the clip before rating%n",
          shown.taskType().id(),
          shown.listeningRequirement() * 100);
      if (!shown.description().isEmpty()) {
        out.println();
        out.println(shown.description());
      }
      if (!shown.conventions().isEmpty()) {
        out.println();
        out.println("Conventions:");
        shown.conventions().forEach(convention -> out.println("  - " + convention));
      }
      out.println();
      out.println("Fields:");
      String group = null;
      for (FieldSpec field : shown.fields()) {
        if (!field.group().equals(group)) {
          group = field.group();
          if (!group.isEmpty()) {
            out.println("  [" + group + "]");
          }
        }
        out.println("  " + field.name() + " (" + describe(field) + ")");
        out.println("      " + field.definition());
        if (field instanceof FieldSpec.ScaleField scale) {
          scale.anchors().forEach((point, anchor) -> out.println("      " + point + "  " + anchor));
        } else if (field instanceof FieldSpec.CategoricalField categorical) {
          printOptions(out, categorical.options());
        } else if (field instanceof FieldSpec.TagsField tags) {
          printOptions(out, tags.options());
        } else if (field instanceof FieldSpec.TextField text && !text.eventTags().isEmpty()) {
          out.println(
              "      event tags: "
                  + text.eventTags().stream()
                      .map(tag -> "[" + tag + "]")
                      .collect(Collectors.joining(" ")));
        }
      }
      out.flush();
      return ExitCode.OK;
    }

    private static String describe(FieldSpec field) {
      String type =
          field instanceof FieldSpec.ScaleField scale
              ? "scale " + scale.min() + "–" + scale.max()
              : field.type();
      return type + (field.required() ? ", required" : ", optional");
    }

    private static void printOptions(PrintWriter out, List<Option> options) {
      options.forEach(
          option -> out.println("      " + option.value() + "  " + option.definition()));
    }
  }

  /** {@code earmark rubric diff FROM TO}. */
  @Command(
      name = "diff",
      description =
          "Show what changed between two rubric versions (fields added, removed, changed).",
      mixinStandardHelpOptions = true)
  static final class Diff implements Callable<Integer> {
    @Mixin JsonOption json;

    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "FROM",
        description = "Built-in or published id, or JSON file.")
    String from;

    @Parameters(
        index = "1",
        paramLabel = "TO",
        description = "Built-in or published id, or JSON file.")
    String to;

    @Override
    public Integer call() {
      RubricDiff diff =
          withProjectPolicies(
              spec, policies -> RubricDiff.between(resolve(from, policies), resolve(to, policies)));
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, RubricDiffRenderer.json(diff));
      } else {
        out.print(RubricDiffRenderer.human(diff));
        out.flush();
      }
      return ExitCode.OK;
    }
  }
}
