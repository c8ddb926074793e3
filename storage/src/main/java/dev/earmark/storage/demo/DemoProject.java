package dev.earmark.storage.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRouting;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.ExplicitAssignment;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.qe.QeInference;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.team.Users;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the demo project from the sample-fixtures dataset copied to a folder ({@code
 * DemoDataset.copyTo}): the same path for {@code earmark demo} and the workbench's first run.
 *
 * <p>The steps run in a fixed order, each through the ordinary audited services: users (lead
 * {@value #LEAD_ID}, adjudicator {@value #ADJUDICATOR_ID}, the simulated annotators, and the
 * operator who runs it), the built-in rubrics and the {@code en-asr@1} rule set, the label policy
 * per task type, the import of manifest and contract with the QE hints of its clips that have a
 * hypothesis (predicted by the shipped model), the explicit assignments and submitted labels of
 * {@code labels.jsonl} with their original times, the gold answers of {@code gold.jsonl}, and the
 * disputes that routing finds among the ASR items (transcripts compared under the rule set of the
 * ASR label policy in force, thresholds from the project's routing settings). Every step skips what
 * is already there, so building twice changes nothing the second time ({@link
 * DemoReport.Added#nothing()}), and a build that was interrupted completes on the next run. A step
 * that finds something different from the demo (another policy in force, a label drafted by hand)
 * leaves it as it is.
 *
 * <p>Not thread-safe: one build at a time per project.
 */
public final class DemoProject {
  /** The demo's lead, who performs every step after the users exist. */
  public static final String LEAD_ID = "lead-demo";

  /** The demo's adjudicator. */
  public static final String ADJUDICATOR_ID = "adj-demo";

  /**
   * A simulated annotator who has labeled nothing yet: their queue holds every active clip of every
   * task type, so acting as them shows the ASR, TTS-rating and speech-RAG forms with open work (the
   * three annotators of the dataset have submitted all TTS and RAG items).
   */
  public static final String NEWCOMER_ID = "ann-dee";

  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");

  private final Project project;
  private final Policies policies;
  private final ProjectSettings settings;
  private final Assignments assignments;
  private final Labels labels;
  private final DisputeRouting routing;
  private final ObjectMapper json = new ObjectMapper();

  public DemoProject(Project project) {
    this.project = project;
    this.policies = new Policies(project);
    this.settings = new ProjectSettings(project);
    this.assignments = new Assignments(project, policies);
    this.labels = new Labels(project, policies, settings);
    this.routing =
        new DisputeRouting(
            project, policies, settings, labels, assignments, new Adjudications(project, policies));
  }

  /**
   * Gives every simulated annotator the active ASR clips they have not labeled yet, as open
   * assignments, so that opening the demo as one of them shows real work in the queue rather than
   * "all done". Idempotent: {@link Assignments#assignExplicit} returns existing assignments.
   *
   * @return the assignments created
   */
  private int assignOpenWork(Actor lead, List<JsonNode> labelLines, Map<String, ClipRow> clips) {
    VersionedId asr = VersionedId.parse("asr-transcript@1");
    Set<String> annotators = new java.util.TreeSet<>();
    Set<String> labeled = new java.util.HashSet<>();
    for (JsonNode line : labelLines) {
      annotators.add(text(line, "annotator_id"));
      labeled.add(text(line, "annotator_id") + "\u0000" + text(line, "clip_id"));
    }
    int created = 0;
    for (String annotator : annotators) {
      for (Map.Entry<String, ClipRow> clip : new TreeMap<>(clips).entrySet()) {
        if (clip.getValue().active()
            && clip.getValue().asr()
            && !labeled.contains(annotator + "\u0000" + clip.getKey())) {
          created +=
              assignments
                      .assignExplicit(lead, asr, clip.getValue().id(), annotator, false)
                      .created()
                  ? 1
                  : 0;
        }
      }
    }
    return created;
  }

  /** Every active clip, of every task type, to the newcomer; the rubric is the policy's. */
  private int assignNewcomer(Actor lead, Map<String, ClipRow> clips) {
    int created = 0;
    for (ClipRow clip : new TreeMap<>(clips).values()) {
      if (!clip.active()) {
        continue;
      }
      Optional<VersionedId> rubric =
          policies.policy(TaskType.fromId(clip.taskType())).map(LabelPolicy::rubric);
      if (rubric.isPresent()
          && assignments
              .assignExplicit(lead, rubric.get(), clip.id(), NEWCOMER_ID, false)
              .created()) {
        created++;
      }
    }
    return created;
  }

  /**
   * Builds (or completes) the demo project from the dataset in {@code demoDirectory}.
   *
   * @param operatorId the person running the build; added as lead and adjudicator when the project
   *     does not know them yet, so that their next commands work, and kept as they are otherwise
   * @throws StorageException when a dataset file is missing or unreadable, or the operator may not
   *     add users to an existing project
   */
  public DemoReport build(Path demoDirectory, String operatorId) {
    return build(demoDirectory, operatorId, DemoProgress.NONE);
  }

  /** The steps {@link #build(Path, String, DemoProgress)} reports, in order. */
  public static final java.util.List<String> STEPS =
      java.util.List.of(
          "Adding the demo team",
          "Publishing rubrics and rule sets",
          "Importing the clips",
          "Computing QE hints",
          "Loading the annotators' labels and gold answers",
          "Routing disputes and assigning open work",
          "Setting up the listening tests (MUSHRA, A/B)");

  /** As {@link #build(Path, String)}, telling {@code progress} as each of {@link #STEPS} starts. */
  public DemoReport build(Path demoDirectory, String operatorId, DemoProgress progress) {
    Path manifest = demoDirectory.resolve("manifest.jsonl");
    Path contract = demoDirectory.resolve("contract.json");
    List<JsonNode> labelLines = readLines(demoDirectory.resolve("labels.jsonl"));
    List<JsonNode> goldLines = readLines(demoDirectory.resolve("gold.jsonl"));
    JsonNode annotators = readJson(demoDirectory.resolve("annotators.json"));
    String datasetId = readJson(contract).path("dataset_id").asText();
    if (!Files.isReadable(manifest)) {
      throw new StorageException(
          "the demo folder " + demoDirectory + " has no readable manifest.jsonl; copy it again");
    }

    progress.step(1, STEPS.size(), STEPS.get(0));
    int usersAdded = addUsers(annotators, operatorId);
    Actor lead = project.users().actor(LEAD_ID);
    // The demo shows every role: anyone may act as any of its users (ADR 14).
    if (!settings.flag(Setting.TRAINING_SANDBOX)) {
      settings.set(lead, Setting.TRAINING_SANDBOX, true);
    }
    progress.step(2, STEPS.size(), STEPS.get(1));
    int versions = publishPolicies(lead);
    int policiesSet = setPolicies(lead);

    progress.step(3, STEPS.size(), STEPS.get(2));
    int clipsBefore = count("SELECT COUNT(*) FROM clips WHERE dataset_id = :ds", datasetId);
    if (clipsBefore < readLines(manifest).size()) {
      new Importer(project).run(lead, manifest, contract, ImportListener.NONE);
    }
    int clipsAdded =
        count("SELECT COUNT(*) FROM clips WHERE dataset_id = :ds", datasetId) - clipsBefore;
    Map<String, ClipRow> clips = clips(datasetId);
    progress.step(4, STEPS.size(), STEPS.get(3));
    // QE hints (from the shipped model, trained on these very clips), so that leads and
    // adjudicators see them on the demo's clips; a second build finds every clip hinted.
    new QeInference(project, settings, new QeHints(project, settings)).hintDataset(lead, datasetId);

    progress.step(5, STEPS.size(), STEPS.get(4));
    Map<String, JsonNode> gold = new LinkedHashMap<>();
    for (JsonNode line : goldLines) {
      gold.put(key(text(line, "clip_id"), text(line, "rubric_version")), line);
    }
    int assignmentsAdded = 0;
    int labelsAdded = 0;
    int skipped = 0;
    for (JsonNode line : labelLines) {
      String clipKey = text(line, "clip_id");
      ClipRow clip = clips.get(clipKey);
      if (clip == null || !clip.active()) {
        skipped++;
        continue;
      }
      VersionedId rubricId = VersionedId.parse(text(line, "rubric_version"));
      ExplicitAssignment assignment =
          assignments.assignExplicit(
              lead,
              rubricId,
              clip.id(),
              text(line, "annotator_id"),
              gold.containsKey(key(clipKey, rubricId.toString())));
      assignmentsAdded += assignment.created() ? 1 : 0;
      if (assignment.state() == AssignmentState.PENDING) {
        LabelInput input =
            new LabelInput(
                value(line.get("value"), rubricId),
                Duration.ofMillis(line.path("time_spent_ms").asLong()),
                line.path("listened_ratio").asDouble());
        labels.importSubmitted(
            lead,
            assignment.assignmentId(),
            input,
            Instant.parse(text(line, "created_at")),
            Instant.parse(text(line, "submitted_at")));
        labelsAdded++;
      }
    }

    int goldAdded = 0;
    for (JsonNode line : gold.values()) {
      ClipRow clip = clips.get(text(line, "clip_id"));
      VersionedId rubricId = VersionedId.parse(text(line, "rubric_version"));
      if (clip != null
          && clip.active()
          && assignments.goldAnswer(lead, clip.id(), rubricId).isEmpty()) {
        assignments.setGoldAnswer(lead, clip.id(), value(line.get("value"), rubricId));
        goldAdded++;
      }
    }

    progress.step(6, STEPS.size(), STEPS.get(5));
    int disputesAdded = routeAsrDisputes(lead, clips);
    assignmentsAdded += assignOpenWork(lead, labelLines, clips);
    assignmentsAdded += assignNewcomer(lead, clips);
    progress.step(7, STEPS.size(), STEPS.get(6));
    // The listening tests are a dataset of their own: the report's figures stay the main one's.
    new DemoListeningTests(project, policies, settings, assignments, labels)
        .build(lead, demoDirectory, NEWCOMER_ID);

    return new DemoReport(
        datasetId,
        (int) clips.values().stream().filter(ClipRow::active).count(),
        count(
            "SELECT COUNT(*) FROM clips WHERE dataset_id = :ds AND status = 'excluded'", datasetId),
        count(
            "SELECT COUNT(*) FROM clips WHERE dataset_id = :ds AND status = 'quarantined'",
            datasetId),
        project.users().list().size(),
        count(
            "SELECT COUNT(*) FROM labels l JOIN clips c ON c.id = l.clip_id WHERE c.dataset_id ="
                + " :ds AND l.state = 'submitted'",
            datasetId),
        count(
            "SELECT COUNT(*) FROM gold_answers g JOIN clips c ON c.id = g.clip_id WHERE"
                + " c.dataset_id = :ds",
            datasetId),
        count(
            "SELECT COUNT(*) FROM disputes d JOIN clips c ON c.id = d.clip_id WHERE c.dataset_id"
                + " = :ds",
            datasetId),
        skipped,
        new DemoReport.Added(
            usersAdded,
            versions,
            policiesSet,
            clipsAdded,
            assignmentsAdded,
            labelsAdded,
            goldAdded,
            disputesAdded));
  }

  private int addUsers(JsonNode annotators, String operatorId) {
    Users users = project.users();
    int added = 0;
    if (users.list().isEmpty()) {
      // The first user of a project may add themselves; the demo lead goes first.
      Actor bootstrap = new Actor(LEAD_ID, EnumSet.of(Role.LEAD));
      users.add(bootstrap, LEAD_ID, "Demo lead", EnumSet.of(Role.LEAD));
      added++;
    }
    Actor by = users.find(LEAD_ID).isPresent() ? users.actor(LEAD_ID) : users.actor(operatorId);
    Map<String, UserSpec> wanted = new LinkedHashMap<>();
    wanted.put(LEAD_ID, new UserSpec("Demo lead", EnumSet.of(Role.LEAD)));
    wanted.put(ADJUDICATOR_ID, new UserSpec("Demo adjudicator", EnumSet.of(Role.ADJUDICATOR)));
    for (JsonNode annotator : annotators) {
      wanted.put(
          text(annotator, "id"),
          new UserSpec(text(annotator, "display_name"), EnumSet.of(Role.ANNOTATOR)));
    }
    wanted.put(
        NEWCOMER_ID,
        new UserSpec("Dee (simulated, nothing labeled yet)", EnumSet.of(Role.ANNOTATOR)));
    wanted.putIfAbsent(
        operatorId, new UserSpec(operatorId, EnumSet.of(Role.LEAD, Role.ADJUDICATOR)));
    for (Map.Entry<String, UserSpec> user : wanted.entrySet()) {
      if (users.find(user.getKey()).isEmpty()) {
        users.add(by, user.getKey(), user.getValue().displayName(), user.getValue().roles());
        added++;
      }
    }
    return added;
  }

  private record UserSpec(String displayName, Set<Role> roles) {}

  /**
   * The built-in rubrics of the task types the demo dataset has clips of; the listening-test
   * designs ({@code tts-mushra}, {@code tts-preference}) are published when a lead sets their
   * policy.
   */
  private static List<Rubric> demoRubrics() {
    return RubricCatalog.builtIn().all().stream()
        .filter(rubric -> !rubric.taskType().isMultiStimulus())
        .toList();
  }

  private int publishPolicies(Actor lead) {
    int published = 0;
    for (Rubric rubric : demoRubrics()) {
      published += policies.publishRubric(lead, rubric).newlyPublished() ? 1 : 0;
    }
    RuleSet ruleSet = RuleSets.enAsr1();
    JsonNode content;
    try {
      content = json.readTree(RuleSetJson.write(ruleSet));
    } catch (IOException e) {
      throw new IllegalStateException("the built-in rule set does not write as JSON", e);
    }
    published += policies.publishRuleSet(lead, ruleSet.id(), content).newlyPublished() ? 1 : 0;
    return published;
  }

  private int setPolicies(Actor lead) {
    int set = 0;
    for (Rubric rubric : demoRubrics()) {
      if (policies.policy(rubric.taskType()).isEmpty()) {
        policies.setPolicy(lead, rubric.id(), rubric.id().equals(ASR) ? RuleSets.EN_ASR_1 : null);
        set++;
      }
    }
    return set;
  }

  /**
   * Routes the ASR items of the demo dataset through the project's one routing path: pairwise
   * transcript WER under the rule set of the ASR label policy in force above the project's
   * threshold, gold failures, unsure flags. Items that already have a dispute are left alone.
   */
  private int routeAsrDisputes(Actor lead, Map<String, ClipRow> clips) {
    List<Long> ids = clips.values().stream().filter(ClipRow::asr).map(ClipRow::id).toList();
    return ids.isEmpty() ? 0 : routing.route(lead, ASR, ids).size();
  }

  private record ClipRow(long id, String key, boolean active, String taskType) {
    boolean asr() {
      return "asr-transcript".equals(taskType);
    }
  }

  private Map<String, ClipRow> clips(String datasetId) {
    Map<String, ClipRow> clips = new LinkedHashMap<>();
    project
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, clip_key, status, task_type FROM clips WHERE dataset_id = :ds"
                            + " ORDER BY id")
                    .bind("ds", datasetId)
                    .map(
                        (rs, ctx) ->
                            new ClipRow(
                                rs.getLong(1),
                                rs.getString(2),
                                "active".equals(rs.getString(3)),
                                rs.getString(4)))
                    .forEach(clip -> clips.put(clip.key(), clip)));
    return clips;
  }

  private int count(String sql, String datasetId) {
    return count(sql, Map.of("ds", datasetId));
  }

  private int count(String sql, Map<String, Object> bindings) {
    return project
        .jdbi()
        .withHandle(handle -> handle.createQuery(sql).bindMap(bindings).mapTo(Long.class).one())
        .intValue();
  }

  private LabelValue value(JsonNode value, VersionedId rubricId) {
    if (value == null || !value.isObject()) {
      throw new StorageException("a demo label line for " + rubricId + " has no value object");
    }
    return LabelValueJson.read(value, policies.rubric(rubricId));
  }

  private static String key(String clipKey, String rubric) {
    return clipKey + "|" + rubric;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new StorageException(
          "a demo dataset line has no text field \"" + field + "\": " + node);
    }
    return value.asText();
  }

  private JsonNode readJson(Path file) {
    try {
      return json.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StorageException(
          "cannot read the demo file " + file + " (" + e.getMessage() + "); copy the demo again",
          e);
    }
  }

  private List<JsonNode> readLines(Path file) {
    List<JsonNode> lines = new ArrayList<>();
    try {
      int number = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        number++;
        if (!line.isBlank()) {
          try {
            lines.add(json.readTree(line));
          } catch (IOException e) {
            throw new StorageException(
                "line " + number + " of the demo file " + file + " is not JSON: " + e.getMessage(),
                e);
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot read the demo file " + file + " (" + e.getMessage() + "); copy the demo again",
          e);
    }
    return lines;
  }
}
