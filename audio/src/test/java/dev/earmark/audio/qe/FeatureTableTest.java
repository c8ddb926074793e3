package dev.earmark.audio.qe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTableTest {
  @TempDir Path dir;

  @Test
  void aWrittenTableReadsBackToTheSameRows() {
    List<TrainingRow> rows = new ArrayList<>(SyntheticClips.snrDriven(7, 9, 0));
    rows.set(3, rows.get(3).withGroup("g2"));
    Path file = dir.resolve("t.csv");
    FeatureTable.write(file, rows);
    assertEquals(rows, FeatureTable.read(file));
  }

  @Test
  void aBadValueIsNamedByLineAndColumnAndAnotherSchemaIsRefused() throws IOException {
    Path file = dir.resolve("t.csv");
    FeatureTable.write(file, SyntheticClips.snrDriven(3, 9, 0));
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(2, lines.get(2).replaceFirst(",[^,]*$", ",loud"));
    Files.write(file, lines);
    QeModelException bad = assertThrows(QeModelException.class, () -> FeatureTable.read(file));
    assertTrue(bad.getMessage().startsWith(file + ":3: column "), bad.getMessage());
    assertTrue(bad.getMessage().endsWith("is not a number: 'loud'."), bad.getMessage());
    Files.writeString(file, "id,group,wer,duration_s\n");
    QeModelException schema = assertThrows(QeModelException.class, () -> FeatureTable.read(file));
    assertTrue(schema.getMessage().startsWith(file + ":1: the header is not that of"));
  }
}
