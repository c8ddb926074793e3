package dev.earmark.app.cli;

import dev.earmark.storage.export.BatchVerification;
import dev.earmark.storage.export.BatchVerifier;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code earmark verify DIR}: re-checks an exported batch anywhere, without the project. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an exported batch directory against its manifest.json: exit 0 when intact,",
      "1 naming each missing, extra or altered file, each manifest field or item that does not",
      "match (label_sha256 against the item's label and transcript, labels.jsonl and audio",
      "files against the items) and each symbolic link (never followed). With --project or",
      "--db on the command line, also compare manifest_sha256 with the hash the project",
      "recorded when it exported the batch."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The batch directory.")
  Path directory;

  @Override
  public Integer call() {
    BatchVerification result;
    if (ProjectAccess.projectGiven(spec)) {
      try (Project project = ProjectAccess.openExisting(ProjectAccess.global(spec))) {
        result = BatchVerifier.verify(directory, project);
      }
    } else {
      result = BatchVerifier.verify(directory);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("directory", result.directory().toString());
      report.put("batch", result.batchName());
      report.put("intact", result.intact());
      report.put("files_checked", result.filesChecked());
      List<Map<String, Object>> problems = new ArrayList<>();
      for (BatchVerification.Problem problem : result.problems()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", problem.kind());
        entry.put("subject", problem.subject());
        entry.put("detail", problem.detail());
        problems.add(entry);
      }
      report.put("problems", problems);
      JsonOutput.print(out, report);
    } else if (result.intact()) {
      out.println(
          "batch "
              + result.batchName()
              + " intact: "
              + result.filesChecked()
              + " files and manifest.json match");
    } else {
      out.println(
          result.directory() + " FAILED verification: " + result.problems().size() + " problem(s)");
      for (BatchVerification.Problem problem : result.problems()) {
        out.println("  " + problem.kind() + " " + problem.subject() + ": " + problem.detail());
      }
    }
    return result.intact() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }
}
