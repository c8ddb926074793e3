package dev.earmark.app.cli;

import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditQuery;
import dev.earmark.storage.audit.AuditTrail;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code earmark audit}: the project's hash-chained audit log. */
@Command(
    name = "audit",
    description = "Inspect the project's audit log.",
    mixinStandardHelpOptions = true,
    subcommands = {AuditCommand.Log.class, AuditCommand.Verify.class})
public final class AuditCommand {
  @ParentCommand EarmarkCommand root;

  /** {@code earmark audit log}: the events a lead asks for, newest first (leads only). */
  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = {
        "List audit events, newest first (leads only): who did what to which entity, and when.",
        "Filters combine; --action label matches label.submit, label.open and so on."
      })
  static final class Log implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Option(names = "--actor", paramLabel = "USER", description = "Events by this user only.")
    String actor;

    @Option(
        names = "--action",
        paramLabel = "ACTION",
        description = "Events of this action, or of actions under it (label matches label.submit).")
    String action;

    @Option(
        names = "--entity",
        paramLabel = "TEXT",
        description = "Events whose entity type or id contains TEXT (e.g. clip-0007, batch).")
    String entity;

    @Option(
        names = "--from",
        paramLabel = "ISO",
        description = "Events at or after this instant (e.g. 2026-11-21T00:00:00Z).")
    String from;

    @Option(names = "--until", paramLabel = "ISO", description = "Events before this instant.")
    String until;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "1000",
        description = "At most N events. Default: 1000.")
    int limit;

    @Override
    public Integer call() {
      if (limit < 1) {
        throw new InputException("--limit must be at least 1.");
      }
      AuditQuery query =
          new AuditQuery(
              Optional.ofNullable(actor),
              Optional.ofNullable(action),
              Optional.ofNullable(entity),
              instant("--from", from),
              instant("--until", until),
              limit);
      try (Project project = ProjectAccess.openExisting(audit.root.global)) {
        List<AuditEvent> events =
            new AuditTrail(project).events(ProjectAccess.actor(project, audit.root.global), query);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (AuditEvent event : events) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", event.seq());
            row.put("time", event.occurredAt().toString());
            row.put("actor", event.actor());
            row.put("action", event.action());
            row.put("entity_type", event.entityType());
            row.put("entity_id", event.entityId());
            row.put("hash", event.hash());
            rows.add(row);
          }
          Map<String, Object> report = new LinkedHashMap<>();
          report.put("project", project.description());
          report.put("events", rows);
          JsonOutput.print(out, report);
        } else {
          out.println(events.size() + " audit event(s), newest first");
          for (AuditEvent event : events) {
            out.println(
                "  "
                    + event.seq()
                    + "  "
                    + event.occurredAt()
                    + "  "
                    + event.actor()
                    + "  "
                    + event.action()
                    + "  "
                    + event.entityType()
                    + " "
                    + event.entityId());
          }
          out.flush();
        }
        return ExitCode.OK;
      }
    }

    private static Optional<Instant> instant(String option, String text) {
      if (text == null || text.isBlank()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Instant.parse(text.strip()));
      } catch (DateTimeParseException e) {
        throw new InputException(
            option + " " + text + " is not an ISO instant such as 2026-11-21T00:00:00Z.");
      }
    }
  }

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
        AuditVerification result = new AuditTrail(project).verify();
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
