package dev.earmark.app.cli;

import dev.earmark.storage.audit.AuditAnchor;
import dev.earmark.storage.audit.AuditAnchors;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditQuery;
import dev.earmark.storage.audit.AuditReplay;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.audit.CarriedAnchor;
import dev.earmark.storage.audit.StateMismatch;
import dev.earmark.storage.audit.trail.AuditTrail;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.nio.file.Path;
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

  /**
   * {@code earmark audit verify}: exit 0 when the chain is intact, holds every anchor recorded
   * outside the database and (with {@code --deep}) describes the tables; 1 with one line per
   * finding otherwise.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Re-check the audit chain: every event present, in order and unaltered, and every head",
        "anchored outside the database (audit-anchors.jsonl beside an embedded project's",
        "database, batches, packs) still in it. With --deep, replay the events and compare the",
        "state they describe with the tables (labels, roles, settings, policies, gold answers,",
        "adjudications). Exits 1 with one line per finding; a passing run anchors the head."
      })
  static final class Verify implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Option(
        names = "--deep",
        description =
            "Also replay the events and name every table row that differs from what they"
                + " describe (an edit that bypassed Earmark).")
    boolean deep;

    @Option(
        names = "--anchors",
        paramLabel = "FILE",
        description =
            "An anchors file to check and append to, instead of the project's own"
                + " audit-anchors.jsonl (team mode has none unless given here).")
    Path anchorsFile;

    @Option(
        names = "--check",
        paramLabel = "PATH",
        description =
            "A batch directory or pack file made by this project whose carried audit anchor"
                + " the chain must still hold (repeatable).")
    List<Path> carriers = new ArrayList<>();

    @Override
    public Integer call() {
      try (Project project = ProjectAccess.openExisting(audit.root.global)) {
        Optional<AuditAnchors> anchors =
            anchorsFile != null ? Optional.of(new AuditAnchors(anchorsFile)) : project.anchors();
        List<AuditAnchor> known = new ArrayList<>();
        anchors.ifPresent(file -> known.addAll(file.read()));
        for (Path carrier : carriers) {
          known.add(CarriedAnchor.read(carrier, project.projectId()));
        }
        AuditVerification result = project.audit().verify(known);
        List<Map<String, Object>> findings = new ArrayList<>();
        if (result instanceof AuditVerification.Broken broken) {
          findings.add(
              finding(
                  "chain",
                  "audit_events",
                  Long.toString(broken.seq()),
                  "audit chain BROKEN at event " + broken.seq() + ": " + broken.reason()));
        }
        if (deep) {
          for (StateMismatch mismatch : new AuditReplay(project.jdbi()).compare()) {
            findings.add(
                finding(
                    "table",
                    mismatch.table(),
                    mismatch.key(),
                    mismatch.table() + " " + mismatch.key() + ": " + mismatch.detail()));
          }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("project", project.description());
        report.put("intact", findings.isEmpty());
        report.put("deep", deep);
        report.put("anchors_checked", known.size());
        report.put("anchors_file", anchors.map(a -> a.file().toString()).orElse(null));
        if (result instanceof AuditVerification.Intact intact) {
          report.put("events", intact.events());
          report.put("head_hash", intact.headHash());
        } else {
          AuditVerification.Broken broken = (AuditVerification.Broken) result;
          report.put("first_broken_event", broken.seq());
          report.put("reason", broken.reason());
        }
        report.put("findings", findings);
        PrintWriter out = spec.commandLine().getOut();
        if (findings.isEmpty()) {
          AuditAnchor anchor = project.audit().head("audit verify");
          anchors.ifPresent(file -> file.record(anchor));
        }
        if (json.enabled()) {
          JsonOutput.print(out, report);
        } else if (findings.isEmpty()) {
          AuditVerification.Intact intact = (AuditVerification.Intact) result;
          out.println(
              "audit chain intact: "
                  + intact.events()
                  + " events, head "
                  + intact.headHash()
                  + ", "
                  + known.size()
                  + " anchor(s) held"
                  + (deep ? ", tables match the events" : ""));
        } else {
          for (Map<String, Object> finding : findings) {
            out.println(finding.get("detail"));
          }
        }
        return findings.isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
      }
    }

    private static Map<String, Object> finding(
        String kind, String table, String key, String detail) {
      Map<String, Object> finding = new LinkedHashMap<>();
      finding.put("kind", kind);
      finding.put("table", table);
      finding.put("key", key);
      finding.put("detail", detail);
      return finding;
    }
  }
}
