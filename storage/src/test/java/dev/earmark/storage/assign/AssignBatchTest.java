package dev.earmark.storage.assign;

import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A large assign is written in batches (issue 22) and still gives every assignment its own audit
 * event naming it, in one unbroken chain, on both databases.
 */
class AssignBatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(TestClocks.FIXED);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anAssignOfMoreThanABatchAuditsEveryAssignmentOnceInAnUnbrokenChain(Supplier<Project> factory)
      throws Exception {
    int clips = Assignments.INSERT_BATCH / 2 + 30;
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, clips)) {
      fixture.assignByClipId(List.of("ann-1", "ann-2"), 1.0);

      List<QueueItem> all = new java.util.ArrayList<>(fixture.assignments().queue(LEAD, "ann-1"));
      all.addAll(fixture.assignments().queue(LEAD, "ann-2"));
      assertThat(all).hasSizeGreaterThan(Assignments.INSERT_BATCH).hasSize(2 * clips);
      for (QueueItem item : all) {
        List<AuditEvent> events =
            fixture.project().audit().eventsFor("assignment", Long.toString(item.assignmentId()));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).action()).isEqualTo("assignment.create");
        JsonNode after = JSON.readTree(events.get(0).afterJson());
        assertThat(after.path("clip").asText()).isEqualTo(item.clipKey());
        assertThat(after.path("annotator").asText()).isEqualTo(item.annotatorId());
        assertThat(after.path("priority").asDouble()).isEqualTo(item.priority());
      }
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }
}
