package dev.earmark.storage.fault;

import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.project.Project;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL in the middle of a burst of label saves and in the middle of an
 * import, then reopens the project: every acknowledged save is there exactly once, the audit chain
 * is intact, and a re-run import completes without duplicating a clip.
 */
class KillTest {
  @TempDir Path dir;

  private static Process launch(Path log, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(log.toFile()).start();
  }

  private record Ack(long labelId, int version, String text) {}

  @Test
  void everyAcknowledgedLabelSaveSurvivesSigkill() throws Exception {
    Path projectDir = dir.resolve("project");
    try (LabelingFixture fixture =
        LabelingFixture.create(
            Project.openEmbedded(projectDir, true, TestClocks.FIXED), dir.resolve("clips"), 8)) {
      fixture
          .assignments()
          .assign(
              LEAD,
              new AssignmentPlan(ASR, Optional.empty(), List.of("ann-1"), 0, 0, 1),
              QueuePriority.byClipId());
    }

    Process child =
        launch(dir.resolve("burst.log"), LabelSaveBurst.class, projectDir.toString(), "1000000");
    List<Ack> acks = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          String[] parts = line.split(" ", 4);
          acks.add(new Ack(Long.parseLong(parts[1]), Integer.parseInt(parts[2]), parts[3]));
          if (acks.size() == 150) {
            // SIGKILL on Linux: no shutdown hooks, no clean close. Through the handle, so that the
            // acknowledgements already in the pipe can still be read.
            child.toHandle().destroyForcibly();
          }
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("killed, not finished").isEqualTo(137);
    assertThat(acks).hasSizeGreaterThanOrEqualTo(150);

    try (Project project = Project.openEmbedded(projectDir, false, TestClocks.FIXED)) {
      LabelingFixture fixture = LabelingFixture.over(project);
      assertThat(project.audit().verify()).isInstanceOf(AuditVerification.Intact.class);

      Map<Long, Label> labels = new HashMap<>();
      for (Label label : fixture.labels().labels(LEAD, ASR)) {
        labels.put(label.id(), label);
      }
      assertThat(labels).hasSize(8);
      Map<Long, Integer> lastAcked = new HashMap<>();
      for (Ack ack : acks) {
        lastAcked.merge(ack.labelId(), ack.version(), Math::max);
        // Each acknowledged save is recorded exactly once, with the value it saved.
        List<JsonNode> saves = new ArrayList<>();
        for (AuditEvent event : project.audit().eventsFor("label", Long.toString(ack.labelId()))) {
          JsonNode after = AuditLog.json().readTree(event.afterJson());
          if (after.get("version").asInt() == ack.version()) {
            saves.add(after);
          }
        }
        assertThat(saves)
            .as("audit events of label %d version %d", ack.labelId(), ack.version())
            .singleElement()
            .satisfies(
                after ->
                    assertThat(after.at("/value/fields/transcript").asText())
                        .isEqualTo(ack.text()));
      }
      for (Map.Entry<Long, Integer> entry : lastAcked.entrySet()) {
        Label label = labels.get(entry.getKey());
        // A save in flight at the kill may have committed too (one more version), never less.
        assertThat(label.version()).isBetween(entry.getValue(), entry.getValue() + 1);
        List<AuditEvent> events = project.audit().eventsFor("label", Long.toString(label.id()));
        assertThat(events).hasSize(label.version());
        Set<Integer> versions = new HashSet<>();
        for (AuditEvent event : events) {
          versions.add(AuditLog.json().readTree(event.afterJson()).get("version").asInt());
        }
        assertThat(versions).hasSize(label.version());
      }
      long rows =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT COUNT(*) - COUNT(DISTINCT assignment_id) FROM labels")
                          .mapTo(Long.class)
                          .one());
      assertThat(rows).isZero();
    }
  }

  @Test
  void importKilledMidRunCompletesOnReRunWithoutDuplicates() throws Exception {
    int clips = 1500;
    Path projectDir = dir.resolve("project");
    Path clipsDir = dir.resolve("clips");
    Path manifest = LabelingFixture.writeManifest(clipsDir, clips);
    try (Project project = Project.openEmbedded(projectDir, true, TestClocks.FIXED)) {
      project.users().add(LEAD, "lead-1", "Lead", LEAD.roles());
    }

    Process child =
        launch(
            dir.resolve("import.log"),
            ImportRun.class,
            projectDir.toString(),
            manifest.toString(),
            clipsDir.resolve("contract.json").toString());
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("progress ") && lines.size() == 1) {
          // One chunk is committed and the next one is being checked: kill now.
          child.toHandle().destroyForcibly();
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);
    assertThat(lines).doesNotContain("finished");

    try (Project project = Project.openEmbedded(projectDir, false, TestClocks.FIXED)) {
      assertThat(project.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
      long before = count(project, "SELECT COUNT(*) FROM clips");
      assertThat(before).as("killed mid-run").isBetween(256L, (long) clips + 1);

      ImportReport resumed =
          new Importer(project)
              .run(LEAD, manifest, clipsDir.resolve("contract.json"), ImportListener.NONE);
      assertThat(resumed.alreadyPresent()).isEqualTo(before);
      assertThat(count(project, "SELECT COUNT(*) FROM clips")).isEqualTo(clips + 2);
      assertThat(count(project, "SELECT COUNT(DISTINCT clip_key) FROM clips")).isEqualTo(clips + 2);
      assertThat(count(project, "SELECT COUNT(*) FROM clips WHERE status = 'active'"))
          .isEqualTo(clips);
      assertThat(project.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  private static long count(Project project, String sql) {
    return project.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
