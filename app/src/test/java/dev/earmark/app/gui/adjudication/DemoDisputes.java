package dev.earmark.app.gui.adjudication;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.engine.dispute.Dispute;
import dev.earmark.engine.dispute.DisputeReason;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The demo project as {@code earmark demo} builds it (its ASR disputes routed at a transcript WER
 * of 0.2), and direct storage reads the adjudication tests check the screen against.
 */
final class DemoDisputes {
  static final String ADJUDICATOR = "adj-demo";
  static final String LEAD = "lead-demo";

  private DemoDisputes() {}

  /** Builds the demo once into {@code template}. */
  static void build(Path template) {
    DemoCreation.create(template, LEAD, TestClocks.FIXED);
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  static Actor lead(Project project) {
    return project.users().actor(LEAD);
  }

  static Adjudications adjudications(Project project) {
    return new Adjudications(project, new Policies(project));
  }

  /** The stored status of dispute {@code id}, read as the lead. */
  static DisputeStatus status(Project project, long id) {
    Adjudications adjudications = adjudications(project);
    // One query per status: a decision or undo committed between two of them hides the dispute
    // from both, so look again before calling it missing.
    for (int pass = 0; pass < 3; pass++) {
      for (DisputeStatus status : DisputeStatus.values()) {
        if (adjudications.disputes(lead(project), status).stream()
            .anyMatch(dispute -> dispute.id() == id)) {
          return status;
        }
      }
    }
    throw new AssertionError("no dispute " + id);
  }

  /** The decisions standing for dispute {@code id}. */
  static List<Adjudication> decisions(Project project, long id) {
    return adjudications(project).decisions(lead(project), id);
  }

  /** The submitted transcripts of a dispute's clip, by annotator, read as the lead. */
  static Map<String, String> transcripts(Project project, DisputeRecord dispute) {
    Labels labels = new Labels(project, new Policies(project), new ProjectSettings(project));
    Map<String, String> transcripts = new TreeMap<>();
    for (Label label : labels.labelsForClip(lead(project), dispute.clipId())) {
      if (label.state() == LabelState.SUBMITTED && label.rubric().equals(dispute.rubric())) {
        transcripts.put(label.annotatorId(), transcript(label.value()));
      }
    }
    return transcripts;
  }

  /** The demo's TTS rating rubric, whose labels the demo imports but never routes. */
  static final VersionedId TTS = VersionedId.parse("tts-rating@1");

  /**
   * Records, as the lead, a rating dispute about the demo clip {@code clipKey} under tts-rating@1:
   * the annotators' naturalness lies 2 points apart (the ordinal-spread rule), as routing would
   * file it.
   */
  static DisputeRecord recordTtsDispute(Project project, String clipKey) {
    return recordDispute(
        project,
        clipKey,
        TTS,
        new DisputeReason.OrdinalSpread(
            2, 2, "ann-cem", "ann-bea", Map.of("naturalness", "ann-alex 2, ann-bea 3, ann-cem 1")));
  }

  /** The demo's RAG stage-label rubric, whose labels the demo imports but never routes. */
  static final VersionedId RAG = VersionedId.parse("rag-stages@1");

  /** Records, as the lead, a dispute about {@code clipKey} under {@code rubric} for one reason. */
  static DisputeRecord recordDispute(
      Project project, String clipKey, VersionedId rubric, DisputeReason reason) {
    long clipId = new Clips(project).withKey(clipKey, Optional.empty()).get(0).id();
    return adjudications(project)
        .recordDispute(lead(project), clipId, rubric, new Dispute(clipKey, List.of(reason)));
  }

  /** The submitted label of {@code annotatorId} for a dispute's clip, read as the lead. */
  static LabelValue label(Project project, DisputeRecord dispute, String annotatorId) {
    Labels labels = new Labels(project, new Policies(project), new ProjectSettings(project));
    return labels.labelsForClip(lead(project), dispute.clipId()).stream()
        .filter(
            label ->
                label.state() == LabelState.SUBMITTED
                    && label.rubric().equals(dispute.rubric())
                    && label.annotatorId().equals(annotatorId))
        .findFirst()
        .orElseThrow()
        .value();
  }

  static String transcript(LabelValue value) {
    return value.field("transcript").map(field -> ((FieldValue.Text) field).text()).orElseThrow();
  }
}
