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
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark rubric list|show|diff}: inspect the built-in rubric versions and rubric files, and
 * compare two versions. A RUBRIC argument is a built-in id ({@code tts-rating@1}) or the path of a
 * rubric JSON file (docs/formats/rubric.md).
 */
@Command(
    name = "rubric",
    description = "List, show and compare rubric versions.",
    mixinStandardHelpOptions = true,
    subcommands = {
      RubricCommand.ListRubrics.class,
      RubricCommand.Show.class,
      RubricCommand.Diff.class
    })
public final class RubricCommand {

  /** Resolves a built-in id or a rubric file path. */
  static Rubric resolve(String idOrPath) {
    if (VersionedId.looksLikeId(idOrPath)) {
      return RubricCatalog.builtIn().get(VersionedId.parse(idOrPath));
    }
    Path file = Path.of(idOrPath);
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          "'"
              + idOrPath
              + "' is neither a built-in rubric id nor a rubric file; built-in ids are "
              + RubricCatalog.builtIn().all().stream()
                  .map(rubric -> rubric.id().toString())
                  .collect(Collectors.joining(", ")));
    }
    return RubricJson.read(file);
  }

  /** {@code earmark rubric list}. */
  @Command(
      name = "list",
      description = "List the built-in rubric versions.",
      mixinStandardHelpOptions = true)
  static final class ListRubrics implements Callable<Integer> {
    @Mixin JsonOption json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<Rubric> rubrics = RubricCatalog.builtIn().all();
      if (json.enabled()) {
        ObjectNode root = JsonOutput.mapper().createObjectNode();
        ArrayNode array = root.putArray("rubrics");
        for (Rubric rubric : rubrics) {
          array
              .addObject()
              .put("id", rubric.id().toString())
              .put("task_type", rubric.taskType().id())
              .put("title", rubric.title())
              .put("fields", rubric.fields().size())
              .put("listening_requirement", rubric.listeningRequirement())
              .put("hash", rubric.hash());
        }
        JsonOutput.print(out, root);
      } else {
        for (Rubric rubric : rubrics) {
          out.printf(
              "%-18s %-15s %2d fields  %s%n",
              rubric.id(), rubric.taskType().id(), rubric.fields().size(), rubric.title());
        }
        out.flush();
      }
      return ExitCode.OK;
    }
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
        description = "Built-in id (e.g. tts-rating@1) or JSON file.")
    String rubric;

    @Override
    public Integer call() {
      Rubric shown = resolve(rubric);
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

    @Parameters(index = "0", paramLabel = "FROM", description = "Built-in id or JSON file.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "Built-in id or JSON file.")
    String to;

    @Override
    public Integer call() {
      RubricDiff diff = RubricDiff.between(resolve(from), resolve(to));
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
