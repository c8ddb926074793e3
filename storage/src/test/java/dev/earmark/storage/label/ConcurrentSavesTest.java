package dev.earmark.storage.label;

import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many annotators saving at once (team mode: each with their own connection pool, as each person
 * runs their own Earmark): every acknowledged save is stored once, has exactly one audit event, and
 * the single hash chain still verifies, on H2 and PostgreSQL. On PostgreSQL this drives the
 * one-statement append (ADR 16) from concurrent transactions queued on the head lock.
 */
class ConcurrentSavesTest {
  private static final int ANNOTATORS = 8;
  private static final int CLIPS_EACH = 3;
  private static final int DRAFTS = 3;

  @TempDir Path dir;

  /** Opens the workers' projects on one fresh database: the same project, or one each. */
  interface Team {
    Project first();

    Project worker();
  }

  static List<Named<Supplier<Team>>> databases() {
    List<Named<Supplier<Team>>> kinds = new ArrayList<>();
    kinds.add(
        Named.of(
            "h2",
            () -> {
              Project shared = openH2();
              return new Team() {
                @Override
                public Project first() {
                  return shared;
                }

                @Override
                public Project worker() {
                  return shared;
                }
              };
            }));
    String pgUrl = System.getenv("EARMARK_TEST_PG_URL");
    if (pgUrl != null && !pgUrl.isBlank()) {
      kinds.add(
          Named.of(
              "postgresql",
              () -> {
                String url = Databases.freshPgDatabase(pgUrl);
                Project first = Project.openShared(url, null, TestClocks.FIXED);
                return new Team() {
                  @Override
                  public Project first() {
                    return first;
                  }

                  @Override
                  public Project worker() {
                    return Project.openShared(url, null, TestClocks.FIXED);
                  }
                };
              }));
    }
    return kinds;
  }

  private static Project openH2() {
    try {
      Path projectDir = Files.createTempDirectory("earmark-concurrent").resolve("project");
      return Project.openEmbedded(projectDir, true, TestClocks.FIXED);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void concurrentSavesAreEachStoredOnceAndTheChainVerifies(Supplier<Team> opener) throws Exception {
    Team team = opener.get();
    try (LabelingFixture fixture =
        LabelingFixture.create(team.first(), dir, ANNOTATORS * CLIPS_EACH)) {
      List<String> annotators = new ArrayList<>();
      for (int i = 1; i <= ANNOTATORS; i++) {
        String id = "ann-c" + i;
        fixture.project().users().add(LEAD, id, id, EnumSet.of(Role.ANNOTATOR));
        annotators.add(id);
      }
      fixture.assignByClipId(annotators, 0.0);
      long eventsBefore = intact(fixture.project().audit().verify()).events();

      ExecutorService pool = Executors.newFixedThreadPool(ANNOTATORS);
      CountDownLatch start = new CountDownLatch(1);
      Map<Long, Integer> acknowledged = new ConcurrentHashMap<>();
      List<Future<?>> workers = new ArrayList<>();
      for (String annotator : annotators) {
        workers.add(
            pool.submit(
                () -> {
                  Project project = team.worker();
                  try {
                    LabelingFixture mine = LabelingFixture.over(project);
                    Actor me = project.users().actor(annotator);
                    List<Long> assignmentIds =
                        mine.assignments().queue(me, annotator).stream()
                            .map(item -> item.assignmentId())
                            .toList();
                    start.await();
                    for (long assignmentId : assignmentIds) {
                      int version = 0;
                      // Astral and accented characters: the hashed lengths and bytes must agree
                      // between Java and the database's own hash.
                      for (int d = 1; d <= DRAFTS; d++) {
                        version =
                            mine.labels()
                                .saveDraft(
                                    me,
                                    assignmentId,
                                    transcript("naïve draft " + d + " 🎧"),
                                    version)
                                .version();
                        acknowledged.merge(assignmentId, 1, Integer::sum);
                      }
                      version =
                          mine.labels()
                              .submit(me, assignmentId, transcript("final ✓ " + annotator), version)
                              .version();
                      acknowledged.merge(assignmentId, 1, Integer::sum);
                    }
                  } finally {
                    if (project != fixture.project()) {
                      project.close();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();

      int saves = ANNOTATORS * CLIPS_EACH * (DRAFTS + 1);
      assertThat(acknowledged.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(saves);
      AuditVerification.Intact chain = intact(fixture.project().audit().verify());
      assertThat(chain.events()).isEqualTo(eventsBefore + saves);
      AuditLog audit = fixture.project().audit();
      List<Label> labels = fixture.labels().labels(LEAD, LabelingFixture.ASR);
      assertThat(labels).hasSize(ANNOTATORS * CLIPS_EACH);
      for (Label label : labels) {
        assertThat(label.state()).isEqualTo(LabelState.SUBMITTED);
        assertThat(label.version()).isEqualTo(DRAFTS + 1);
        List<AuditEvent> events = audit.eventsFor("label", Long.toString(label.id()));
        assertThat(events)
            .extracting(AuditEvent::action)
            .containsExactly(
                "label.save-draft", "label.save-draft", "label.save-draft", "label.submit");
        for (int i = 1; i < events.size(); i++) {
          assertThat(events.get(i).seq()).isGreaterThan(events.get(i - 1).seq());
        }
      }
    }
  }

  private static AuditVerification.Intact intact(AuditVerification verification) {
    assertThat(verification).isInstanceOf(AuditVerification.Intact.class);
    return (AuditVerification.Intact) verification;
  }
}
