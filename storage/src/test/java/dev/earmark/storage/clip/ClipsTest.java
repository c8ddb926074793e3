package dev.earmark.storage.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClipsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aStoredClipCarriesItsHeaderFactsSlicesAndOrigin(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 3)) {
      Clips clips = new Clips(fixture.project());
      StoredClip clip = clips.get(fixture.clipId("clip-0002"));
      assertThat(clip.clipKey()).isEqualTo("clip-0002");
      assertThat(clip.datasetId()).isEqualTo("demo");
      assertThat(clip.status()).isEqualTo(ClipStatus.ACTIVE);
      assertThat(clip.taskType()).isEqualTo("asr-transcript");
      assertThat(clip.sampleRate()).isEqualTo(8000);
      assertThat(clip.channels()).isEqualTo(1);
      assertThat(clip.durationSeconds())
          .isCloseTo(0.052, org.assertj.core.data.Offset.offset(1e-3));
      assertThat(clip.hypothesis()).contains("words 2");
      assertThat(clip.slices()).containsExactly(Map.entry("accent", "us"));
      assertThat(clip.consentScope()).contains("full");
      assertThat(clip.manifestLine()).isEqualTo(2);
      assertThat(clip.manifestPath().getFileName().toString()).isEqualTo("manifest.jsonl");
      assertThat(clip.audioPath().getFileName().toString()).isEqualTo("clip-0002.wav");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void readsByIdKeyRunAndStatus(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 3)) {
      Clips clips = new Clips(fixture.project());
      long first = fixture.clipId("clip-0001");
      long third = fixture.clipId("clip-0003");
      assertThat(clips.byIds(List.of(third, first, 999_999L)).keySet())
          .containsExactly(first, third);
      assertThat(clips.byIds(List.of())).isEmpty();
      assertThat(clips.find(999_999L)).isEmpty();
      assertThatThrownBy(() -> clips.get(999_999L))
          .isInstanceOf(StorageException.class)
          .hasMessage("there is no clip 999999 in the project");
      assertThat(clips.withKey("broken", Optional.empty()))
          .singleElement()
          .satisfies(clip -> assertThat(clip.status()).isEqualTo(ClipStatus.QUARANTINED));
      assertThat(clips.withKey("clip-0001", Optional.of("other"))).isEmpty();
      long run = clips.get(first).importRunId();
      assertThat(clips.activeOfImportRun(run))
          .extracting(StoredClip::clipKey)
          .containsExactly("clip-0001", "clip-0002", "clip-0003");
      assertThat(clips.countByStatus())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(ClipStatus.ACTIVE, 3, ClipStatus.QUARANTINED, 1, ClipStatus.EXCLUDED, 1));
    }
  }

  @Test
  void nestedSliceValuesAreKeptAsJsonTextAndNullTagsAreNoTags() {
    assertThat(
            SliceTags.parse(
                "{\"accent\": \"uk\", \"snr\": 12, \"mic\": {\"kind\": \"lapel\"},"
                    + " \"tags\": [\"a\", \"b\"], \"gone\": null}"))
        .containsExactly(
            Map.entry("accent", "uk"),
            Map.entry("snr", "12"),
            Map.entry("mic", "{\"kind\":\"lapel\"}"),
            Map.entry("tags", "[\"a\",\"b\"]"));
    assertThat(SliceTags.parse(null)).isEmpty();
    assertThat(SliceTags.parse(" ")).isEmpty();
    assertThatThrownBy(() -> SliceTags.parse("{not json"))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("the stored slice tags are not readable JSON");
    assertThatThrownBy(() -> SliceTags.parse("[1]"))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("the stored slice tags are not a JSON object");
  }
}
