package dev.earmark.storage.pack;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.importer.Checksums;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pack import --audio-dir} into a folder that already holds files of the same names: a
 * different file is never overwritten (both are kept), the very same audio is reused.
 */
class PackAudioDirectoryTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void aDifferentFileOfTheSameNameIsKeptAndTheClipGetsItsOwnCopy() throws Exception {
    Path pack = dir.resolve("ann-1.assignments.zip");
    try (LabelingFixture lead =
        LabelingFixture.create(
            Databases.fresh(CLOCK).get(0).getPayload().get(), dir.resolve("lead-data"), 2)) {
      for (String key : List.of("clip-0001", "clip-0002")) {
        lead.assignments().assignExplicit(LEAD, ASR, lead.clipId(key), ANN_1.userId(), false);
      }
      new AssignmentPacks(lead.project(), lead.policies()).export(LEAD, "ann-1", pack, "test");
    }
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(pack.toFile())) {
      zip.stream()
          .map(entry -> entry.getName())
          .filter(name -> name.startsWith("audio/"))
          .forEach(name -> names.add(name.substring("audio/".length())));
    }
    assertThat(names).hasSize(2);
    Path audioDir = Files.createDirectories(dir.resolve("shared-audio"));
    Path someoneElses = audioDir.resolve(names.get(0));
    Files.writeString(someoneElses, "another project's recording", StandardCharsets.UTF_8);

    try (LabelingFixture work =
        LabelingFixture.over(Databases.fresh(CLOCK).get(0).getPayload().get())) {
      new AssignmentPacks(work.project(), work.policies()).importInto(pack, audioDir);

      assertThat(Files.readString(someoneElses)).isEqualTo("another project's recording");
      Map<String, String> stored = new TreeMap<>();
      work.project()
          .jdbi()
          .useHandle(
              handle ->
                  handle
                      .createQuery("SELECT audio_path, sha256 FROM clips")
                      .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                      .forEach(row -> stored.put(row.getKey(), row.getValue())));
      assertThat(stored).hasSize(2).doesNotContainKey(someoneElses.toString());
      for (Map.Entry<String, String> clip : stored.entrySet()) {
        assertThat(Checksums.sha256(Path.of(clip.getKey()))).isEqualTo(clip.getValue());
      }
      assertThat(stored.keySet())
          .anySatisfy(
              path ->
                  assertThat(path)
                      .endsWith("-" + stored.get(path).substring(7, 19) + extension(path)));
    }
  }

  private static String extension(String path) {
    return path.substring(path.lastIndexOf('.'));
  }
}
