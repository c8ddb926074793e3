package dev.earmark.app.gui.proposals;

import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.PolicyProposal.ProposalStatus;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The storage calls of the proposals list, on behalf of the acting user (storage lets only leads
 * read or close proposals). Blocks: call through the background executor. Thread-safe.
 */
public class ProposalsService {
  private final Project project;
  private final String userId;
  private final Adjudications adjudications;

  public ProposalsService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
    this.adjudications = new Adjudications(project, new Policies(project));
  }

  /** The proposals in {@code status}, oldest first, with the label each decision set. */
  public List<ProposalRow> proposals(ProposalStatus status) {
    var actor = project.users().actor(userId);
    return adjudications.proposals(actor, status).stream()
        .map(
            proposal ->
                new ProposalRow(
                    proposal,
                    adjudications
                        .decision(actor, proposal.adjudicationId())
                        .map(Adjudication::finalValue)
                        .map(ProposalsService::shown)
                        .orElse("—")))
        .toList();
  }

  /** Accepts or rejects (declines) proposal {@code id} with the lead's note. */
  public void close(long id, boolean accepted, String note) {
    adjudications.closeProposal(project.users().actor(userId), id, accepted, note);
  }

  /** Marks accepted proposal {@code id} done with the lead's note; see storage. */
  public void markDone(long id, String note) {
    adjudications.markProposalDone(project.users().actor(userId), id, note);
  }

  static String shown(LabelValue value) {
    var transcript = value.field("transcript");
    if (transcript.isPresent() && transcript.get() instanceof FieldValue.Text text) {
      return text.text();
    }
    return value.fields().entrySet().stream()
        .map(ProposalsService::field)
        .collect(Collectors.joining(", "));
  }

  private static String field(Map.Entry<String, FieldValue> entry) {
    FieldValue value = entry.getValue();
    String shown;
    if (value instanceof FieldValue.ScalePoint point) {
      shown = Integer.toString(point.point());
    } else if (value instanceof FieldValue.Choice choice) {
      shown = choice.option();
    } else if (value instanceof FieldValue.Text text) {
      shown = text.text();
    } else if (value instanceof FieldValue.Flag flag) {
      shown = flag.set() ? "yes" : "no";
    } else {
      shown = value.toString();
    }
    return entry.getKey() + "=" + shown;
  }
}
