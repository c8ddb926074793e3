package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PraatTextGridTest {
  @TempDir Path dir;

  @Test
  void segmentedClipHasOneTierPerSpeakerWithGapsFilled() throws Exception {
    List<Path> written = new PraatTextGrid().write(List.of(TestClips.segmented()), dir);

    assertThat(written).containsExactly(dir.resolve("Z=C3=BCrich=20interview=2F02.TextGrid"));
    assertThat(Files.readString(written.get(0), StandardCharsets.UTF_8))
        .isEqualTo(
            """
            File type = "ooTextFile"
            Object class = "TextGrid"

            xmin = 0\s
            xmax = 4.000\s
            tiers? <exists>\s
            size = 2\s
            item []:\s
                item [1]:
                    class = "IntervalTier"\s
                    name = "Anne-Marie Ø"\s
                    xmin = 0\s
                    xmax = 4.000\s
                    intervals: size = 2\s
                    intervals [1]:
                        xmin = 0.000\s
                        xmax = 1.200\s
                        text = "Grüezi mitenand"\s
                    intervals [2]:
                        xmin = 1.200\s
                        xmax = 4.000\s
                        text = ""\s
                item [2]:
                    class = "IntervalTier"\s
                    name = "Bob"\s
                    xmin = 0\s
                    xmax = 4.000\s
                    intervals: size = 3\s
                    intervals [1]:
                        xmin = 0.000\s
                        xmax = 1.500\s
                        text = ""\s
                    intervals [2]:
                        xmin = 1.500\s
                        xmax = 3.250\s
                        text = \"""so"" (lacht) {ja}"\s
                    intervals [3]:
                        xmin = 3.250\s
                        xmax = 4.000\s
                        text = ""\s
            """);
  }

  @Test
  void unsegmentedClipIsOneIntervalWithTheWholeTranscript() throws Exception {
    List<Path> written =
        new PraatTextGrid().write(List.of(TestClips.plain(), TestClips.empty()), dir);

    assertThat(written)
        .containsExactly(dir.resolve("clip-001.TextGrid"), dir.resolve("empty.TextGrid"));
    String plain = Files.readString(written.get(0), StandardCharsets.UTF_8);
    assertThat(plain)
        .contains("size = 1 \n")
        .contains("name = \"spk_a\" \n")
        .contains("intervals: size = 1 \n")
        .contains(
            "xmin = 0.000 \n            xmax = 2.500 \n            text = \"the quick brown fox\" \n");
    String empty = Files.readString(written.get(1), StandardCharsets.UTF_8);
    assertThat(empty).contains("name = \"empty\" \n").contains("text = \"\" \n");
  }

  @Test
  void overlappingSegmentsOfOneSpeakerAreRefusedWithTheClipNamed() {
    ExportClip plain = TestClips.plain();
    ExportClip overlapping =
        new ExportClip(
            "overlap",
            plain.audioPath(),
            "a.wav",
            3.0,
            16000,
            1,
            "spk",
            "a b",
            List.of(
                new ExportClip.Segment(0, 2, null, "a"), new ExportClip.Segment(1, 3, null, "b")),
            null,
            Map.of(),
            null);

    assertThatThrownBy(() -> new PraatTextGrid().write(List.of(overlapping), dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("Clip overlap")
        .hasMessageContaining("speaker spk at 1.000 s overlaps");
  }

  @Test
  void fileNamesNeverEscapeTheOutputDirectory() {
    assertThat(FormatFiles.fileStem("../x")).isEqualTo("=2E.=2Fx");
    assertThat(FormatFiles.fileStem(".")).isEqualTo("=2E");
    assertThat(FormatFiles.fileStem("a/b c")).isEqualTo("a=2Fb=20c");
  }
}
