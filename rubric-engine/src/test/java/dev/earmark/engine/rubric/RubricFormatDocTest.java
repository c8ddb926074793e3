package dev.earmark.engine.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.version.VersionedId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps docs/formats/rubric.md honest: its examples must load and validate as documented. */
class RubricFormatDocTest {
  private static final Path DOC = Path.of("..", "docs", "formats", "rubric.md");

  private static List<String> jsonBlocks() throws Exception {
    List<String> blocks = new ArrayList<>();
    String text = Files.readString(DOC);
    int start = text.indexOf("```json\n");
    while (start >= 0) {
      int end = text.indexOf("```", start + 8);
      blocks.add(text.substring(start + 8, end));
      start = text.indexOf("```json\n", end + 3);
    }
    return blocks;
  }

  @Test
  void theFullExampleLoadsWithItsStatedHashAndItsLabelIsValid() throws Exception {
    List<String> blocks = jsonBlocks();
    Rubric rubric =
        RubricJson.read(
            DOC.toString(),
            new ByteArrayInputStream(blocks.get(0).getBytes(StandardCharsets.UTF_8)));
    assertThat(rubric.id()).isEqualTo(VersionedId.parse("call-transcript@1"));
    assertThat(rubric.fields())
        .extracting(FieldSpec::type)
        .containsExactlyInAnyOrder(
            "text", "segments", "word-marks", "scale", "categorical", "tags", "flag");
    LabelValue label = LabelValueJson.read(new ObjectMapper().readTree(blocks.get(1)), rubric);
    assertThat(rubric.validate(label, LabelContext.of(4.0, 8))).isEmpty();
  }
}
