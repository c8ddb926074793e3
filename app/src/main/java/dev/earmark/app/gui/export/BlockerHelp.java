package dev.earmark.app.gui.export;

import dev.earmark.engine.release.ReleaseBlocker;
import java.util.Map;

/** What each release blocker guards against and how to clear it, in the words of the lead guide. */
final class BlockerHelp {
  private static final Map<String, String> MEANINGS =
      Map.of(
          ReleaseBlocker.UnknownSource.CODE,
          "Every clip must come from a source its dataset contract declares, so the batch's"
              + " provenance can be proved. Fix the contract or the clips' source.",
          ReleaseBlocker.MissingConsent.CODE,
          "A clip without recorded consent (or with a scope the contract does not know) must not"
              + " leave the project. Record the consent, or deactivate the clips.",
          ReleaseBlocker.ConsentExcludesUse.CODE,
          "The people recorded did not consent to this use. Export for another use, or leave"
              + " these clips out.",
          ReleaseBlocker.RetentionExpired.CODE,
          "These clips are past their retention date: they are to be deleted, not exported.",
          ReleaseBlocker.SplitLeakage.CODE,
          "The same speaker, clip or audio sits in train and evaluation splits, which makes"
              + " evaluation results look better than they are. Move the clips to one split.",
          ReleaseBlocker.UnresolvedDisputes.CODE,
          "Annotators disagree on these clips and no adjudicator has decided yet. Overriding"
              + " exports the rest and leaves the disputed clips out.",
          ReleaseBlocker.RubricVersionMismatch.CODE,
          "Some labels were made under another rubric version than the batch's, so their fields"
              + " may mean different things. Relabel or migrate them first.");

  private BlockerHelp() {}

  /** The explanation of blocker {@code code}; a generic sentence for a code this build lacks. */
  static String meaning(String code) {
    return MEANINGS.getOrDefault(
        code, "A release check failed; see the lead guide for what " + code + " means.");
  }
}
