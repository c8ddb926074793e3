package dev.earmark.app.cli;

import static dev.earmark.app.cli.UsersCommandTest.at;
import static dev.earmark.app.cli.UsersCommandTest.auditEvents;
import static dev.earmark.app.cli.UsersCommandTest.teamProject;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.storage.settings.Setting;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earmark settings}: read by anyone, changed by leads within each setting's range. */
class SettingsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void listShowsEverySettingWithItsMeaningAndALeadChangesOne() throws Exception {
    Path project = teamProject(dir);
    var list = at(project, "ann-1", "settings", "list");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("routing.transcript_wer           0.2     (default)")
        .contains("share of a clip (0-1) an annotator must hear before a rating form unlocks");
    JsonNode listed = JSON.readTree(at(project, "ann-1", "settings", "list", "--json").out());
    assertThat(listed.get("settings")).hasSize(Setting.values().length);

    var set = at(project, "lea", "settings", "set", "routing.transcript_wer", "0.15");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out()).isEqualTo("routing.transcript_wer: 0.2 -> 0.15\n");
    long events = auditEvents(project);
    assertThat(at(project, "lea", "settings", "set", "routing.transcript_wer", "0.15").out())
        .isEqualTo("routing.transcript_wer is already 0.15; no change\n");
    assertThat(auditEvents(project)).isEqualTo(events);

    assertThat(at(project, "ann-1", "settings", "get", "routing.transcript_wer").out())
        .isEqualTo("0.15\n");
    JsonNode got = JSON.readTree(at(project, "lea", "settings", "get", "qe.folds", "--json").out());
    assertThat(got.get("value").asText()).isEqualTo("5");
    assertThat(got.get("accepts").asText()).isEqualTo("a whole number between 2 and 100");
  }

  @Test
  void invalidValuesAndUnknownKeysAreRefusedWithExitTwo() {
    Path project = teamProject(dir);
    var outOfRange = at(project, "lea", "settings", "set", "labeling.listening_share", "1.5");
    assertThat(outOfRange.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(outOfRange.err())
        .isEqualTo(
            "earmark settings set: setting labeling.listening_share must be between 0 and 1, not"
                + " '1.5'\n");
    var wrongKind = at(project, "lea", "settings", "set", "prefill_hypothesis", "yes");
    assertThat(wrongKind.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(wrongKind.err()).contains("use true or false, not 'yes'");
    var unknown = at(project, "lea", "settings", "set", "qe.fold", "5");
    assertThat(unknown.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.err()).contains("'qe.fold' is not a setting Earmark knows");
    var unknownGet = at(project, "lea", "settings", "get", "qe.fold");
    assertThat(unknownGet.code()).isEqualTo(ExitCode.BAD_INPUT);
  }
}
