package dev.earmark.app.cli;

import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code earmark audit}: the project's hash-chained audit log. */
@Command(
    name = "audit",
    description = "Inspect the project's audit log.",
    mixinStandardHelpOptions = true,
    subcommands = {AuditCommand.Verify.class})
public final class AuditCommand {
  @ParentCommand EarmarkCommand root;

  /** {@code earmark audit verify}: exit 0 when the chain is intact, 1 naming the first break. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Re-check the audit chain: every event present, in order and unaltered.",
        "Exits 1 and names the first broken event when any row was edited, deleted or reordered."
      })
  static final class Verify implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (Project project = ProjectAccess.openExisting(audit.root.global)) {
        AuditVerification result = project.audit().verify();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("project", project.description());
        if (result instanceof AuditVerification.Intact intact) {
          report.put("intact", true);
          report.put("events", intact.events());
          report.put("head_hash", intact.headHash());
          if (json.enabled()) {
            JsonOutput.print(out, report);
          } else {
            out.println(
                "audit chain intact: " + intact.events() + " events, head " + intact.headHash());
          }
          return ExitCode.OK;
        }
        AuditVerification.Broken broken = (AuditVerification.Broken) result;
        report.put("intact", false);
        report.put("first_broken_event", broken.seq());
        report.put("reason", broken.reason());
        if (json.enabled()) {
          JsonOutput.print(out, report);
        } else {
          out.println("audit chain BROKEN at event " + broken.seq() + ": " + broken.reason());
        }
        return ExitCode.CHECK_FAILED;
      }
    }
  }
}
