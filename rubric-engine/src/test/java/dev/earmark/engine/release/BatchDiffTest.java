package dev.earmark.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.version.VersionedId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchDiffTest {
  private static final VersionedId RUBRIC = VersionedId.parse("asr-transcript@1");

  private static BatchItem item(String clip, String accent, String text, String policy) {
    return BatchItem.of(
        clip,
        Map.of("accent", accent),
        "read-speech",
        "full",
        policy,
        new LabelValue(RUBRIC, Map.of("transcript", new FieldValue.Text(text))));
  }

  @Test
  void identicalBatchesHaveNoChanges() {
    List<BatchItem> batch = List.of(item("c1", "scottish", "hello", "p1"));
    BatchDiff diff = BatchDiff.between(batch, batch);
    assertThat(diff.added()).isEmpty();
    assertThat(diff.removed()).isEmpty();
    assertThat(diff.relabeled()).isEmpty();
    assertThat(diff.unchanged()).isEqualTo(1);
    assertThat(diff.breakdown()).isEmpty();
  }

  @Test
  void addedRemovedAndRelabeledItemsAreBrokenDownByEveryDimension() {
    List<BatchItem> before =
        List.of(
            item("c1", "scottish", "hello", "asr-transcript@1+en-asr@1"),
            item("c2", "scottish", "twenty one", "asr-transcript@1+en-asr@1"),
            item("c3", "indian", "good morning", "asr-transcript@1+en-asr@1"));
    List<BatchItem> after =
        List.of(
            item("c1", "scottish", "hello", "asr-transcript@1+en-asr@1"),
            item("c2", "scottish", "21", "asr-transcript@1+en-asr@2"),
            item("c4", "indian", "thank you", "asr-transcript@1+en-asr@2"));
    BatchDiff diff = BatchDiff.between(before, after);
    assertThat(diff.added()).extracting(BatchItem::clipId).containsExactly("c4");
    assertThat(diff.removed()).extracting(BatchItem::clipId).containsExactly("c3");
    assertThat(diff.relabeled())
        .extracting(change -> change.after().clipId())
        .containsExactly("c2");
    assertThat(diff.unchanged()).isEqualTo(1);
    assertThat(diff.breakdown("slice:accent"))
        .containsExactly(
            new BatchDiff.Breakdown("slice:accent", "indian", 1, 1, 0),
            new BatchDiff.Breakdown("slice:accent", "scottish", 0, 0, 1));
    assertThat(diff.breakdown(BatchDiff.LABEL_POLICY))
        .containsExactly(
            new BatchDiff.Breakdown("label_policy", "asr-transcript@1+en-asr@1", 0, 1, 0),
            new BatchDiff.Breakdown("label_policy", "asr-transcript@1+en-asr@2", 1, 0, 1));
    assertThat(diff.breakdown(BatchDiff.SOURCE))
        .containsExactly(new BatchDiff.Breakdown("source", "read-speech", 1, 1, 1));
    assertThat(diff.breakdown(BatchDiff.CONSENT_SCOPE))
        .containsExactly(new BatchDiff.Breakdown("consent_scope", "full", 1, 1, 1));
  }

  @Test
  void sameLabelUnderNewMetadataIsNotARelabel() {
    BatchDiff diff =
        BatchDiff.between(
            List.of(item("c1", "scottish", "hello", "asr-transcript@1+en-asr@1")),
            List.of(item("c1", "irish", "hello", "asr-transcript@1+en-asr@1")));
    assertThat(diff.relabeled()).isEmpty();
    assertThat(diff.metadataChanged())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.before().slices()).containsEntry("accent", "scottish");
              assertThat(change.after().slices()).containsEntry("accent", "irish");
            });
    assertThat(diff.unchanged()).isZero();
  }

  @Test
  void aClipTwiceInOneBatchIsRefused() {
    List<BatchItem> twice = List.of(item("c1", "a", "x", "p"), item("c1", "a", "y", "p"));
    assertThatThrownBy(() -> BatchDiff.between(List.of(), twice))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("clip c1 occurs twice in the new batch");
  }

  @Test
  void itemsCarryTheLabelHash() {
    BatchItem item = item("c1", "a", "x", "p");
    assertThat(item.labelHash()).isEqualTo(item.label().contentHash());
    assertThatThrownBy(() -> new BatchItem("", Map.of(), "s", "c", "p", item.label(), "h"))
        .hasMessageContaining("needs a clip id");
    assertThatThrownBy(() -> new BatchItem("c2", Map.of(), null, null, null, null, null))
        .hasMessageContaining("batch item c2 needs a label value");
  }
}
