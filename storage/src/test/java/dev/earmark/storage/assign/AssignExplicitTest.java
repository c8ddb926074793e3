package dev.earmark.storage.assign;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AssignExplicitTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void assigningTheSameClipTwiceReturnsTheFirstAssignmentAndAuditsOnce(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 3)) {
      long clip = fixture.clipId("clip-0002");
      ExplicitAssignment first =
          fixture.assignments().assignExplicit(LEAD, ASR, clip, "ann-2", true);
      ExplicitAssignment again =
          fixture.assignments().assignExplicit(LEAD, ASR, clip, "ann-2", true);

      assertThat(first.created()).isTrue();
      assertThat(first.state()).isEqualTo(AssignmentState.PENDING);
      assertThat(again)
          .isEqualTo(new ExplicitAssignment(first.assignmentId(), first.state(), false));
      assertThat(fixture.assignmentId("ann-2", "clip-0002")).isEqualTo(first.assignmentId());
      assertThat(fixture.assignments().queue(LEAD, "ann-2"))
          .singleElement()
          .satisfies(
              item -> {
                assertThat(item.clipKey()).isEqualTo("clip-0002");
                assertThat(item.gold()).isTrue();
              });
      assertThat(
              fixture
                  .project()
                  .audit()
                  .eventsFor("assignment", Long.toString(first.assignmentId())))
          .extracting(event -> event.action() + " by " + event.actor())
          .containsExactly("assignment.create by lead-1");
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anAssignmentIsNotMadeForAnythingButALeadAnActiveClipAndAnAnnotator(
      Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      long clip = fixture.clipId("clip-0001");
      fixture.assignments().assignExplicit(LEAD, ASR, clip, "ann-1", false);

      assertThatThrownBy(() -> fixture.assignments().assignExplicit(LEAD, ASR, clip, "ann-1", true))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("already assigned to ann-1 under asr-transcript@1");
      assertThatThrownBy(
              () -> fixture.assignments().assignExplicit(ANN_1, ASR, clip, "ann-2", false))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot assign clips: that needs the lead role");
      Actor selfMadeLead = new Actor("ann-1", EnumSet.of(Role.LEAD));
      assertThatThrownBy(
              () -> fixture.assignments().assignExplicit(selfMadeLead, ASR, clip, "ann-2", false))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(
              () -> fixture.assignments().assignExplicit(LEAD, ASR, clip, "adj-1", false))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("adj-1 is not an annotator");
      long excluded = fixture.clipId("private");
      assertThatThrownBy(
              () -> fixture.assignments().assignExplicit(LEAD, ASR, excluded, "ann-1", false))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("clip private is excluded");
      assertThatThrownBy(
              () -> fixture.assignments().assignExplicit(LEAD, ASR, 9999, "ann-1", false))
          .hasMessageContaining("there is no clip 9999");
    }
  }
}
