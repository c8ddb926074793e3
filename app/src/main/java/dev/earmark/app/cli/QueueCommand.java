package dev.earmark.app.cli;

import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.clip.StoredClip;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code earmark queue --annotator NAME}: the open part of one annotator's queue in the order they
 * will label it. Storage decides who may read it (an annotator only their own; leads any) and
 * whether gold items are marked (never to an annotator).
 */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = {
      "Show an annotator's open queue (pending and drafted items), first item first.",
      "An annotator may read only their own queue; leads and adjudicators anyone's, with gold",
      "items marked. A long queue is shown a page at a time: the total is counted, the first",
      "--limit items listed, and the command to show the next page is printed after them."
    })
public final class QueueCommand implements Callable<Integer> {
  private static final int PAGE = 50;

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(
      names = "--annotator",
      required = true,
      paramLabel = "NAME",
      description = "Whose queue to show.")
  String annotator;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "" + PAGE,
      description = "Show at most N items (a page). Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(
      names = "--after",
      paramLabel = "ASSIGNMENT",
      description =
          "Show the page after this assignment id (the last one of the previous page, as the"
              + " 'Next page' line and the JSON next_after give it).")
  Long after;

  @Override
  public Integer call() {
    try (Project project = ProjectAccess.openExisting(global())) {
      Actor actor = ProjectAccess.actor(project, global());
      if (limit < 1) {
        throw new ParameterException(
            spec.commandLine(), "--limit must be at least 1, not " + limit);
      }
      Assignments assignments = new Assignments(project, new Policies(project));
      OptionalLong from = after == null ? OptionalLong.empty() : OptionalLong.of(after);
      // One more than a page says whether another page follows without counting again.
      List<QueueItem> read = assignments.queuePage(actor, annotator, from, limit + 1);
      List<QueueItem> queue = read.subList(0, Math.min(limit, read.size()));
      OptionalLong next =
          read.size() > limit
              ? OptionalLong.of(queue.get(queue.size() - 1).assignmentId())
              : OptionalLong.empty();
      int open =
          assignments.queueCounts(actor, annotator).values().stream()
              .mapToInt(Integer::intValue)
              .sum();
      Map<Long, StoredClip> clips =
          new Clips(project).byIds(queue.stream().map(QueueItem::clipId).distinct().toList());
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (QueueItem item : queue) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("assignment_id", item.assignmentId());
          entry.put("clip_id", item.clipKey());
          entry.put("dataset", clips.get(item.clipId()).datasetId());
          entry.put("rubric", item.rubric().toString());
          entry.put("state", item.state().code());
          entry.put("priority", item.priority());
          entry.put("gold", item.gold());
          entry.put("slices", clips.get(item.clipId()).slices());
          items.add(entry);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("annotator", annotator);
        result.put("open", open);
        result.put("after", after);
        result.put("items", items);
        result.put("next_after", next.isPresent() ? next.getAsLong() : null);
        JsonOutput.print(out, result);
        return ExitCode.OK;
      }
      out.println(
          annotator
              + ": "
              + open
              + " open item(s)"
              + (after == null ? "" : "; the " + queue.size() + " after assignment " + after));
      int position = 1;
      for (QueueItem item : queue) {
        Map<String, String> slices = clips.get(item.clipId()).slices();
        out.println(
            String.format(
                Locale.ROOT,
                "  %3d  %-24s %-9s %8.3f  %s%s",
                position++,
                item.clipKey(),
                item.state().code(),
                item.priority(),
                slices.entrySet().stream()
                    .map(slice -> slice.getKey() + "=" + slice.getValue())
                    .collect(Collectors.joining(" ")),
                item.gold() ? "  [gold]" : ""));
      }
      next.ifPresent(
          last ->
              out.println(
                  "Next page: earmark queue --annotator "
                      + annotator
                      + (limit == PAGE ? "" : " --limit " + limit)
                      + " --after "
                      + last));
      out.flush();
      return ExitCode.OK;
    }
  }

  private GlobalOptions global() {
    return ((EarmarkCommand) spec.root().userObject()).global;
  }
}
