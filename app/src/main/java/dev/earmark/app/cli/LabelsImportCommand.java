package dev.earmark.app.cli;

import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.labelimport.LabelImportReport;
import dev.earmark.storage.labelimport.LabelImporter;
import dev.earmark.storage.labelimport.LineOutcome;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark labels import --annotator NAME FILE.jsonl}: one annotator's labels made elsewhere
 * enter as submitted labels ({@link LabelImporter}), with a report per line.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import labels made outside Earmark as one annotator's submitted labels (leads only).",
      "FILE.jsonl has one label per line: clip_id, value (the rubric's fields by name) and an",
      "optional time_spent_ms (docs/formats/label-import.md). Each value is validated under the",
      "rubric of the label policy in force; a clip not yet assigned to the annotator is assigned",
      "first; disputes are routed as for labels made in the workbench. Importing the same file",
      "again changes nothing. Exit 1 when every line is refused."
    })
public final class LabelsImportCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(
      names = "--annotator",
      required = true,
      paramLabel = "NAME",
      description = "The annotator the labels are from (a user with the annotator role).")
  String annotator;

  @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "The labels, one per line.")
  Path file;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InputException("cannot read " + file + ": give a readable JSONL file of labels");
    }
    LabelImportReport report;
    try (Project project = ProjectAccess.openExisting(global())) {
      report =
          new LabelImporter(project).run(ProjectAccess.actor(project, global()), annotator, file);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(out, json(report));
    } else {
      human(out, report);
    }
    return report.allRefused() ? ExitCode.CHECK_FAILED : ExitCode.OK;
  }

  private Map<String, Object> json(LabelImportReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("file", file.toString());
    doc.put("annotator", report.annotatorId());
    doc.put("imported", report.imported());
    doc.put("unchanged", report.unchanged());
    doc.put("refused", report.refused());
    doc.put("assigned", report.assigned());
    List<Object> lines = new ArrayList<>();
    for (LineOutcome outcome : report.lines()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("line", outcome.line());
      line.put("clip_id", outcome.clipId());
      line.put("outcome", outcome.code());
      if (outcome instanceof LineOutcome.Imported imported) {
        line.put("rubric", imported.rubric().toString());
        line.put("assigned", imported.assigned());
      } else if (outcome instanceof LineOutcome.Unchanged unchanged) {
        line.put("rubric", unchanged.rubric().toString());
      } else if (outcome instanceof LineOutcome.Refused refused) {
        line.put("reason", refused.reason());
      }
      lines.add(line);
    }
    doc.put("lines", lines);
    doc.put("disputes_opened", DisputesCommand.rows(report.disputesOpened()));
    return doc;
  }

  private void human(PrintWriter out, LabelImportReport report) {
    for (LineOutcome outcome : report.lines()) {
      out.println(outcome.sentence());
    }
    out.println(report.summary());
    List<DisputeRecord> opened = report.disputesOpened();
    out.println(
        opened.isEmpty()
            ? "no dispute opened"
            : opened.size()
                + " dispute"
                + (opened.size() == 1 ? "" : "s")
                + " opened: "
                + String.join(
                    ", ", opened.stream().map(d -> d.id() + " (" + d.clipKey() + ")").toList())
                + "; see 'earmark disputes list --open'");
    out.flush();
  }

  private GlobalOptions global() {
    return ((EarmarkCommand) spec.root().userObject()).global;
  }
}
