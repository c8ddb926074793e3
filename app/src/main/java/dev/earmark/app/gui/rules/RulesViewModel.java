package dev.earmark.app.gui.rules;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.BackgroundExecutor.ProgressListener;
import dev.earmark.app.gui.background.BackgroundJob;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.app.gui.background.JobScope;
import dev.earmark.app.gui.labeling.Debouncer;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.normalize.GlmImporter;
import dev.earmark.engine.normalize.NormalizedText;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.Rule;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.TraceStep;
import dev.earmark.engine.policy.PolicyDiff;
import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.policy.PolicyLabel;
import dev.earmark.engine.version.VersionedId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rule editor's state: the published versions, the draft (a copy of one version's rules, each
 * enabled or disabled), the live preview of one sentence with its trace, how many of the project's
 * labels the draft would change, and the label-policy diff on show. Edits change only the draft;
 * {@link #publish()} stores it as the next immutable version. The draft lives as long as this
 * object, so switching screens keeps it.
 *
 * <p>Database work, normalizing and diffing run on the {@link BackgroundExecutor}; results arrive
 * on the UI thread, and a result older than the latest edit is dropped. Use on the JavaFX thread
 * (or one test thread with a synchronous executor).
 */
public final class RulesViewModel {
  /** How long typing or editing must pause before the preview and the impact are recomputed. */
  static final Duration QUIET = Duration.ofMillis(250);

  /** One rule of the draft; a disabled rule stays in the list but is left out when published. */
  public record DraftRule(Rule rule, boolean enabled) {}

  /**
   * One change the preview's rules made.
   *
   * @param ruleNumber the rule's 1-based position in the draft list
   */
  public record TraceLine(int ruleNumber, String kind, String before, String after) {
    /** As shown: {@code "3 protected-phrases: twenty one pilots → twenty one pilots"}. */
    @Override
    public String toString() {
      return ruleNumber
          + " "
          + kind
          + ": "
          + before
          + " → "
          + (after.isEmpty() ? "(removed)" : after);
    }
  }

  private final RulesService service;
  private final JobScope jobs;
  private final Debouncer debouncer;

  private final ObservableList<VersionedId> versions = FXCollections.observableArrayList();
  private final ObjectProperty<VersionedId> base = new SimpleObjectProperty<>();
  private final ObservableList<DraftRule> rules = FXCollections.observableArrayList();
  private final IntegerProperty selected = new SimpleIntegerProperty(-1);
  private final StringProperty previewInput =
      new SimpleStringProperty("I'm seeing Twenty One Pilots on June twenty first, uh, at 10:30.");
  private final StringProperty previewOutput = new SimpleStringProperty("");
  private final ObservableList<TraceLine> trace = FXCollections.observableArrayList();
  private final StringProperty problem = new SimpleStringProperty("");
  private final StringProperty status = new SimpleStringProperty("");
  private final IntegerProperty affectedLabels = new SimpleIntegerProperty(-1);
  private final StringProperty impact = new SimpleStringProperty("");
  private final ObjectProperty<PolicyDiffReport> draftDiff = new SimpleObjectProperty<>();
  private final ObjectProperty<PolicyDiffReport> shownDiff = new SimpleObjectProperty<>();
  private final BooleanProperty dirty = new SimpleBooleanProperty(false);
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final BooleanProperty mayPublish = new SimpleBooleanProperty(false);
  private final StringProperty inForce = new SimpleStringProperty("");

  private RuleSet baseRuleSet;
  private String description = "";
  private List<PolicyLabel> labels = List.of();
  private double disputeWerAbove = 0.2;
  private BackgroundJob previewJob = BackgroundJob.NONE;
  private BackgroundJob impactJob = BackgroundJob.NONE;
  private Runnable cancelPreview = () -> {};
  private Runnable cancelImpact = () -> {};

  public RulesViewModel(RulesService service, BackgroundExecutor executor, Debouncer debouncer) {
    this.service = service;
    this.jobs = new JobScope(executor);
    this.debouncer = debouncer;
    previewInput.addListener((obs, old, now) -> schedulePreview());
  }

  /** Stops: pending recomputations are cancelled and late results are ignored. */
  public void close() {
    jobs.shutdown();
    cancelPreview.run();
    cancelImpact.run();
  }

  // ---- loading ----

  /** Reads the published versions and the labels, then opens the version in force. */
  public void load() {
    busy.set(true);
    jobs.inBackground(
        "read the published rule sets",
        service::start,
        start -> {
          busy.set(false);
          versions.setAll(start.versions());
          labels = start.labels();
          disputeWerAbove = start.disputeWerAbove();
          mayPublish.set(start.mayPublish());
          inForce.set(inForceSentence(start.inForce()));
          VersionedId first =
              start
                  .inForce()
                  .filter(start.versions()::contains)
                  .orElse(start.versions().isEmpty() ? null : start.versions().get(0));
          if (first == null) {
            problem.set("No rule set is published in this project yet.");
          } else {
            open(first);
          }
        },
        this::failed);
  }

  /** Reads again which rule set the ASR label policy names (a lead may have adopted another). */
  public void refreshInForce() {
    jobs.inBackground(
        "read the label policy in force",
        service::inForce,
        id -> inForce.set(inForceSentence(id)),
        this::failed);
  }

  private static String inForceSentence(java.util.Optional<VersionedId> id) {
    return id.map(ruleSet -> "In force for asr-transcript: " + ruleSet)
        .orElse("No rule set in force for asr-transcript");
  }

  /** "In force for asr-transcript: en-asr@2", as the header shows it. */
  public StringProperty inForceProperty() {
    return inForce;
  }

  /**
   * Starts a new draft from the published version {@code id}, dropping the current draft (ask the
   * user first when {@link #hasUnsavedWork()}).
   */
  public void open(VersionedId id) {
    busy.set(true);
    jobs.inBackground(
        "read the rule set " + id,
        () -> service.ruleSet(id),
        ruleSet -> {
          busy.set(false);
          baseRuleSet = ruleSet;
          description = ruleSet.description();
          base.set(id);
          List<DraftRule> copy = new ArrayList<>();
          ruleSet.rules().forEach(rule -> copy.add(new DraftRule(rule, true)));
          rules.setAll(copy);
          selected.set(copy.isEmpty() ? -1 : 0);
          problem.set("");
          status.set("Editing a draft of " + id + ".");
          dirty.set(false);
          shownDiff.set(null);
          refreshNow();
        },
        this::failed);
  }

  /** Drops the draft's edits: the draft becomes a copy of its published version again. */
  public void discard() {
    if (base.get() != null) {
      open(base.get());
    }
  }

  // ---- editing ----

  /** Adds an example rule of {@code kind} after the selected rule (at the end when none is). */
  public void add(String kind) {
    Rule rule = RuleText.example(kind);
    int at = selected.get() < 0 ? rules.size() : selected.get() + 1;
    rules.add(at, new DraftRule(rule, true));
    selected.set(at);
    changed("Added rule " + (at + 1) + " (" + kind + "); edit its parameters.");
  }

  /** Moves the selected rule one place up; false when it is already first. */
  public boolean moveUp() {
    return move(-1);
  }

  /** Moves the selected rule one place down; false when it is already last. */
  public boolean moveDown() {
    return move(1);
  }

  private boolean move(int delta) {
    int from = selected.get();
    int to = from + delta;
    if (from < 0 || to < 0 || to >= rules.size()) {
      return false;
    }
    DraftRule rule = rules.remove(from);
    rules.add(to, rule);
    selected.set(to);
    changed("Moved " + rule.rule().kind() + " to place " + (to + 1) + ".");
    return true;
  }

  /** Disables the selected rule, or enables it again. */
  public boolean toggleEnabled() {
    int index = selected.get();
    if (index < 0) {
      return false;
    }
    DraftRule rule = rules.get(index);
    rules.set(index, new DraftRule(rule.rule(), !rule.enabled()));
    changed(
        "Rule "
            + (index + 1)
            + " ("
            + rule.rule().kind()
            + ") is "
            + (rule.enabled() ? "disabled" : "enabled")
            + ".");
    return true;
  }

  /** Deletes the selected rule. */
  public boolean delete() {
    int index = selected.get();
    if (index < 0) {
      return false;
    }
    DraftRule removed = rules.remove(index);
    selected.set(rules.isEmpty() ? -1 : Math.min(index, rules.size() - 1));
    changed("Deleted rule " + (index + 1) + " (" + removed.rule().kind() + ").");
    return true;
  }

  /**
   * Replaces the selected rule's parameters with {@code text} (see {@link RuleText}). A text that
   * does not parse leaves the rule as it was and says why, naming the rule.
   *
   * @return whether the rule was changed
   */
  public boolean editSelected(String text) {
    return edit(selected.get(), text);
  }

  /** Replaces the parameters of rule {@code index} as {@link #editSelected} does. */
  public boolean edit(int index, String text) {
    if (index < 0 || index >= rules.size()) {
      return false;
    }
    DraftRule current = rules.get(index);
    Rule edited;
    try {
      edited = RuleText.parse(current.rule().kind(), text);
    } catch (EngineException e) {
      problem.set(ruleName(index) + ": " + e.getMessage());
      return false;
    }
    problem.set("");
    if (edited.equals(current.rule())) {
      return false;
    }
    rules.set(index, new DraftRule(edited, current.enabled()));
    changed("Changed rule " + (index + 1) + " (" + edited.kind() + ").");
    return true;
  }

  /**
   * Protects {@code phrase}: adds it to the first protected-phrases rule, or adds such a rule after
   * the leading case-fold and punctuation rules so that it matches whatever the case.
   */
  public void protect(String phrase) {
    if (phrase == null || phrase.isBlank()) {
      return;
    }
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).rule() instanceof Rule.ProtectedPhrases existing) {
        if (existing.phrases().contains(phrase.strip())) {
          selected.set(i);
          return;
        }
        List<String> merged = new ArrayList<>(existing.phrases());
        merged.add(phrase.strip());
        rules.set(i, new DraftRule(new Rule.ProtectedPhrases(merged), rules.get(i).enabled()));
        selected.set(i);
        changed("Protected \"" + phrase.strip() + "\" in rule " + (i + 1) + ".");
        return;
      }
    }
    int at = 0;
    while (at < rules.size()
        && (rules.get(at).rule() instanceof Rule.CaseFold
            || rules.get(at).rule() instanceof Rule.StripPunctuation)) {
      at++;
    }
    rules.add(at, new DraftRule(new Rule.ProtectedPhrases(List.of(phrase.strip())), true));
    selected.set(at);
    changed("Protected \"" + phrase.strip() + "\" in a new rule " + (at + 1) + ".");
  }

  /**
   * Appends the rules of an sclite GLM file (its rewrites and alternations; its case-fold rule only
   * when the draft has none).
   */
  public void importGlm(Path file) {
    VersionedId id = base.get() == null ? new VersionedId("imported", 1) : base.get();
    busy.set(true);
    jobs.inBackground(
        "import the GLM file " + file,
        () -> GlmImporter.importFile(file, id),
        imported -> {
          busy.set(false);
          boolean hasCaseFold =
              rules.stream().anyMatch(rule -> rule.rule() instanceof Rule.CaseFold);
          int added = 0;
          for (Rule rule : imported.rules()) {
            if (!(rule instanceof Rule.CaseFold && hasCaseFold)) {
              rules.add(new DraftRule(rule, true));
              added++;
            }
          }
          selected.set(rules.size() - 1);
          changed("Imported " + added + " rules from " + file.getFileName() + ".");
        },
        this::failed);
  }

  private void changed(String message) {
    dirty.set(true);
    problem.set("");
    status.set(message);
    schedulePreview();
    scheduleImpact();
  }

  // ---- preview and impact ----

  private void refreshNow() {
    preview();
    impact();
  }

  private void schedulePreview() {
    cancelPreview.run();
    cancelPreview = debouncer.schedule(QUIET, this::preview);
  }

  private void scheduleImpact() {
    cancelImpact.run();
    cancelImpact = debouncer.schedule(QUIET, this::impact);
  }

  private void preview() {
    List<DraftRule> snapshot = List.copyOf(rules);
    String sentence = previewInput.get();
    previewJob.abandon(); // its preview is of an older draft
    previewJob =
        jobs.runInBackground(
            "normalize the preview sentence",
            progress -> Normalizer.compile(draft(snapshot, draftId())).normalize(sentence),
            ProgressListener.IGNORED,
            normalized -> showPreview(normalized, snapshot),
            this::failed);
  }

  private void showPreview(NormalizedText normalized, List<DraftRule> snapshot) {
    previewOutput.set(String.join(" ", normalized.words()));
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < snapshot.size(); i++) {
      if (snapshot.get(i).enabled()) {
        positions.add(i + 1);
      }
    }
    List<TraceLine> lines = new ArrayList<>();
    for (TraceStep step : normalized.trace()) {
      lines.add(
          new TraceLine(
              positions.get(step.ruleIndex()), step.ruleKind(), step.before(), step.after()));
    }
    trace.setAll(lines);
  }

  private void impact() {
    if (baseRuleSet == null) {
      return;
    }
    RuleSet from = baseRuleSet;
    RuleSet to = draft(List.copyOf(rules), draftId());
    List<PolicyLabel> compared = labels;
    double threshold = disputeWerAbove;
    impactJob.abandon(); // its count is of an older draft
    impactJob =
        jobs.runInBackground(
            "count the labels the draft changes",
            progress -> diff(from, to, compared, threshold),
            ProgressListener.IGNORED,
            report -> {
              draftDiff.set(report);
              int changed = changedLabels(report);
              affectedLabels.set(changed);
              impact.set(impactSentence(report, changed));
            },
            this::failed);
  }

  /**
   * The label-policy diff from {@code from} to {@code to} over {@code labels}, every change kept.
   */
  static PolicyDiffReport diff(
      RuleSet from, RuleSet to, List<PolicyLabel> labels, double disputeWerAbove) {
    RoutingSettings routing =
        new RoutingSettings(
            false, OptionalInt.empty(), OptionalDouble.of(disputeWerAbove), false, false);
    return new PolicyDiff(from, to, routing, Integer.MAX_VALUE).compare(labels);
  }

  /**
   * The labels whose normalized text or WER a report changes (a label is one annotator's transcript
   * of one item), from a report that kept every change.
   */
  static int changedLabels(PolicyDiffReport report) {
    Set<String> changed = new HashSet<>();
    for (PolicyDiffReport.Change change : report.examples()) {
      if (change.kind() != PolicyDiffReport.Kind.DISPUTE) {
        changed.add(change.id() + "\u0000" + change.annotator());
      }
    }
    return changed.size();
  }

  private String impactSentence(PolicyDiffReport report, int changed) {
    PolicyDiffReport.Counts totals = report.totals();
    if (labels.isEmpty()) {
      return "This project has no submitted transcripts to compare yet.";
    }
    return "Affects "
        + changed
        + (changed == 1 ? " label" : " labels")
        + " in this project (of "
        + totals.labels()
        + "): "
        + totals.changedNormalizedText()
        + " items change normalized text, "
        + totals.changedWer()
        + " WER, "
        + totals.changedDispute()
        + " dispute status.";
  }

  // ---- the policy diff on show ----

  /** Shows the diff between the published version and the draft. */
  public void showDraftDiff() {
    shownDiff.set(draftDiff.get());
  }

  /** Back to the editor. */
  public void hideDiff() {
    shownDiff.set(null);
  }

  // ---- publishing ----

  /**
   * Publishes the draft's enabled rules as the next version of the rule set (leads only). On
   * success the draft starts again from the new version and the policy diff from the version it
   * replaced is shown; a refusal is a sentence in {@link #problemProperty()}.
   */
  public void publish() {
    if (!mayPublish.get()) {
      problem.set(
          "Only a lead can publish a rule set; "
              + service.userId()
              + " may look at the rules but not change them.");
      return;
    }
    if (baseRuleSet == null) {
      problem.set("Open a published rule set first.");
      return;
    }
    List<DraftRule> snapshot = List.copyOf(rules);
    List<Rule> enabled = snapshot.stream().filter(DraftRule::enabled).map(DraftRule::rule).toList();
    if (enabled.isEmpty()) {
      problem.set("The draft has no enabled rules; add or enable one before publishing.");
      return;
    }
    if (enabled.equals(baseRuleSet.rules())) {
      problem.set("The draft is the same as " + base.get() + "; change a rule before publishing.");
      return;
    }
    RuleSet from = baseRuleSet;
    List<PolicyLabel> compared = labels;
    double threshold = disputeWerAbove;
    busy.set(true);
    problem.set("");
    jobs.inBackground(
        "publish the rule set",
        () -> {
          RuleSet next = RuleSet.of(service.nextVersion(from.id().name()), description, enabled);
          Normalizer.compile(next);
          service.publish(next);
          return new Published(next, diff(from, next, compared, threshold));
        },
        published -> {
          busy.set(false);
          RuleSet next = published.ruleSet();
          versions.add(next.id());
          baseRuleSet = next;
          base.set(next.id());
          List<DraftRule> copy = new ArrayList<>();
          next.rules().forEach(rule -> copy.add(new DraftRule(rule, true)));
          rules.setAll(copy);
          selected.set(Math.min(Math.max(selected.get(), 0), copy.size() - 1));
          dirty.set(false);
          int changed = changedLabels(published.diff());
          status.set(
              "Published "
                  + next.id()
                  + "; it changes "
                  + changed
                  + (changed == 1 ? " label" : " labels")
                  + " against "
                  + from.id()
                  + ".");
          shownDiff.set(published.diff());
          refreshNow();
        },
        failure -> {
          busy.set(false);
          failed(failure);
        });
  }

  private record Published(RuleSet ruleSet, PolicyDiffReport diff) {}

  // ---- helpers ----

  /** Whether the draft has edits that are not published. */
  public boolean hasUnsavedWork() {
    return dirty.get();
  }

  private VersionedId draftId() {
    return base.get() == null ? new VersionedId("draft", 1) : base.get().next();
  }

  private RuleSet draft(List<DraftRule> snapshot, VersionedId id) {
    return RuleSet.of(
        id,
        description,
        snapshot.stream().filter(DraftRule::enabled).map(DraftRule::rule).toList());
  }

  private String ruleName(int index) {
    return "Rule " + (index + 1) + " (" + rules.get(index).rule().kind() + ")";
  }

  private void failed(Throwable failure) {
    busy.set(false);
    String reason = FailureSentence.reason(failure);
    problem.set(Character.toUpperCase(reason.charAt(0)) + reason.substring(1));
  }

  // ---- properties ----

  public ObservableList<VersionedId> versions() {
    return versions;
  }

  /** The published version the draft copies. */
  public ObjectProperty<VersionedId> baseProperty() {
    return base;
  }

  /** The draft's rules, in order. */
  public ObservableList<DraftRule> rules() {
    return rules;
  }

  /** The selected rule's index in {@link #rules()}, or -1. */
  public IntegerProperty selectedProperty() {
    return selected;
  }

  public StringProperty previewInputProperty() {
    return previewInput;
  }

  /** The preview sentence normalized by the draft's enabled rules. */
  public StringProperty previewOutputProperty() {
    return previewOutput;
  }

  /** What each rule did to the preview sentence, in rule order. */
  public ObservableList<TraceLine> trace() {
    return trace;
  }

  /** What went wrong or was refused, as a sentence; empty when all is well. */
  public StringProperty problemProperty() {
    return problem;
  }

  /** What the last action did. */
  public StringProperty statusProperty() {
    return status;
  }

  /** How many labels the draft changes against its published version; -1 until computed. */
  public IntegerProperty affectedLabelsProperty() {
    return affectedLabels;
  }

  public StringProperty impactProperty() {
    return impact;
  }

  /** The diff between the published version and the draft (every change kept). */
  public ObjectProperty<PolicyDiffReport> draftDiffProperty() {
    return draftDiff;
  }

  /** The diff on show instead of the editor, or null. */
  public ObjectProperty<PolicyDiffReport> shownDiffProperty() {
    return shownDiff;
  }

  public BooleanProperty dirtyProperty() {
    return dirty;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  /** Whether the acting user is a lead (the only role that publishes). */
  public BooleanProperty mayPublishProperty() {
    return mayPublish;
  }
}
