package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.fixtures.DemoDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  private static long lines(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).count();
  }

  @Test
  void theDemoProjectHoldsTheFixtureDataVerifiesAndASecondRunAddsNothing() throws Exception {
    Path project = dir.resolve("demo");
    var first = run("demo", "--project", project.toString(), "--user", "maria", "--json");
    assertThat(first.code()).as(first.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(first.out());

    Path data = project.resolve("demo-data");
    assertThat(report.path("data").asText()).isEqualTo(data.toAbsolutePath().toString());
    assertThat(
            report.path("clips_active").asInt()
                + report.path("clips_excluded").asInt()
                + report.path("clips_quarantined").asInt())
        .isEqualTo(lines(data.resolve(DemoDataset.MANIFEST)));
    // Five clips are excluded by consent or expired retention (sample-fixtures/README.md), on
    // any day the demo is built (DemoOnAnyDayTest).
    assertThat(report.path("clips_excluded").asInt()).isEqualTo(5);
    assertThat(report.path("labels").asLong() + report.path("labels_skipped").asLong())
        .isEqualTo(lines(data.resolve(DemoDataset.LABELS)));
    assertThat(report.path("gold_items").asLong()).isEqualTo(lines(data.resolve(DemoDataset.GOLD)));
    assertThat(report.path("users").asInt()).isEqualTo(7); // lead, adjudicator, 4 annotators, maria
    assertThat(report.path("disputes").asInt()).isPositive();
    assertThat(report.path("already_complete").asBoolean()).isFalse();
    assertThat(report.path("added").path("labels").asLong())
        .isEqualTo(report.path("labels").asLong());

    var verify = run("audit", "verify", "--project", project.toString(), "--user", "maria");
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();

    var second = run("demo", "--project", project.toString(), "--user", "maria");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out())
        .startsWith("the demo project in ")
        .contains("is already complete; nothing changed")
        .contains("labels: " + report.path("labels").asInt() + " submitted")
        .contains("earmark audit verify --project " + project.toAbsolutePath());
    var again = run("demo", "--project", project.toString(), "--user", "maria", "--json");
    JsonNode added = new ObjectMapper().readTree(again.out()).path("added");
    added.fields().forEachRemaining(field -> assertThat(field.getValue().asInt()).isZero());
    assertThat(added.size()).isEqualTo(8);
  }

  @Test
  void anotherUserRunningTheDemoOnAnExistingDemoProjectIsAddedNotRefused() {
    Path project = dir.resolve("demo");
    assertThat(run("demo", "--project", project.toString(), "--user", "maria").code()).isZero();

    var other = run("demo", "--project", project.toString(), "--user", "tomas", "--json");

    assertThat(other.code()).as(other.err()).isZero();
    assertThat(other.out()).contains("\"users\" : 8");
  }
}
