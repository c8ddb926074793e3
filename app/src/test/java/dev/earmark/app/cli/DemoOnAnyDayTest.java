package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.demo.DemoCreation;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.agreement.AgreementFigures;
import dev.earmark.storage.agreement.AgreementReader;
import dev.earmark.storage.agreement.FieldFigures;
import dev.earmark.storage.agreement.Measure;
import dev.earmark.storage.agreement.TaskFigures;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.demo.DemoReport;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo tells the same story on any day it is built (issue 15): its retention dates are set
 * relative to the build day, so the same clips are excluded, the same labels imported, the same
 * disputes routed and the same agreement figures computed in 2026, 2031 and 2040.
 */
class DemoOnAnyDayTest {
  private static final List<String> DAYS = List.of("2026-01-15", "2031-06-01", "2040-12-31");
  private static final Pattern RETENTION =
      Pattern.compile("\"id\": \"([^\"]+)\".*\"retention_until\": \"(\\d{4}-\\d{2}-\\d{2})\"");

  @TempDir Path dir;

  /** What a user sees of one demo build: its counts, excluded clips and agreement figures. */
  private record Story(
      int activeClips,
      int excludedClips,
      int quarantinedClips,
      int labels,
      int goldItems,
      int disputes,
      List<String> excluded,
      Map<String, String> figures) {}

  @Test
  void theDemoBuiltOnThreeDaysYearsApartHasTheSameCountsAndAgreementFigures() throws Exception {
    List<Story> stories = new ArrayList<>();
    for (String day : DAYS) {
      stories.add(build(day, Clock.fixed(Instant.parse(day + "T09:30:00Z"), ZoneOffset.UTC)));
    }

    Story first = stories.get(0);
    assertThat(first.excluded())
        .as("excluded at import: consent (clip-012, clip-030, clip-041) or expired retention")
        .containsExactly("clip-012", "clip-019", "clip-030", "clip-034", "clip-041");
    assertThat(first.labels()).isPositive();
    assertThat(first.disputes()).isPositive();
    assertThat(first.figures())
        .isNotEmpty()
        .allSatisfy((field, text) -> assertThat(text).isNotBlank());
    assertThat(stories.get(1)).isEqualTo(first);
    assertThat(stories.get(2)).isEqualTo(first);
  }

  @Test
  void theCopiedManifestKeepsTheExpiredClipsExpiredAndEveryOtherClipRetainedForYears()
      throws Exception {
    for (String day : DAYS) {
      LocalDate buildDay = LocalDate.parse(day);
      Path manifest = DemoDataset.copyTo(dir.resolve(day), buildDay);
      Map<String, LocalDate> retention = new TreeMap<>();
      for (String line : Files.readAllLines(manifest)) {
        Matcher clip = RETENTION.matcher(line);
        if (clip.find()) {
          retention.put(clip.group(1), LocalDate.parse(clip.group(2)));
        }
      }
      assertThat(retention).hasSizeGreaterThan(40);
      retention.forEach(
          (clip, until) -> {
            if (clip.equals("clip-019") || clip.equals("clip-034")) {
              assertThat(until).as(day + " " + clip).isBefore(buildDay.minusMonths(4));
            } else {
              assertThat(until).as(day + " " + clip).isAfter(buildDay.plusYears(2));
            }
          });
    }
  }

  private Story build(String day, Clock clock) {
    Path projectDir = dir.resolve(day);
    DemoReport report = DemoCreation.create(projectDir, DemoProject.LEAD_ID, clock);
    try (Project project = Project.openEmbedded(projectDir, false, clock)) {
      List<String> excluded =
          project
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT clip_key FROM clips WHERE status = 'excluded' ORDER BY"
                                  + " clip_key")
                          .mapTo(String.class)
                          .list());
      Map<String, String> figures = new TreeMap<>();
      AgreementReader reader = new AgreementReader(project, new Policies(project));
      var lead = project.users().actor(DemoProject.LEAD_ID);
      for (TaskType type : TaskType.values()) {
        TaskFigures task =
            AgreementFigures.compute(
                type,
                reader.read(lead, type),
                new AgreementFigures.Settings(200, 7),
                AgreementFigures.Progress.NONE);
        for (FieldFigures field : task.fields()) {
          StringBuilder text = new StringBuilder(field.headline().text());
          for (Measure measure : field.measures()) {
            text.append(" | ").append(measure.text());
          }
          figures.put(type.id() + "/" + field.field(), text.toString());
        }
      }
      return new Story(
          report.activeClips(),
          report.excludedClips(),
          report.quarantinedClips(),
          report.labels(),
          report.goldItems(),
          report.disputes(),
          excluded,
          figures);
    }
  }
}
