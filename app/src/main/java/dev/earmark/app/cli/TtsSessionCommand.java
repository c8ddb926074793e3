package dev.earmark.app.cli;

import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.listening.RaterTrial;
import dev.earmark.storage.listening.TtsSession;
import dev.earmark.storage.listening.TtsSessions;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code earmark tts session --task T [--annotator A]}: starts a rater's next listening-test
 * session ({@link TtsSessions}) and prints its trials as the rater sees them: lettered stimuli, no
 * systems.
 */
@Command(
    name = "session",
    mixinStandardHelpOptions = true,
    description = {
      "Start a rater's next listening-test session and print its trials, blind (letters, no",
      "systems): a training block before the rater's first session, then tts.session_trials",
      "trials with tts.gold_per_session gold clips and tts.traps_per_session trapping questions",
      "mixed in (tts-rating). The seed that orders the session is recorded and printed.",
      "The rater themself or a lead may start it."
    })
public final class TtsSessionCommand implements Callable<Integer> {
  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @ParentCommand TtsCommand tts;

  @Option(
      names = "--task",
      required = true,
      paramLabel = "TASK",
      description = "tts-rating, tts-mushra or tts-preference.")
  String task;

  @Option(
      names = "--annotator",
      paramLabel = "USER",
      description = "The rater (default: the acting user).")
  String annotator;

  @Override
  public Integer call() {
    TaskType type = PolicyCommand.taskType(task);
    try (Project project = ProjectAccess.openExisting(tts.root.global)) {
      Actor actor = ProjectAccess.actor(project, tts.root.global);
      String rater = annotator == null ? actor.userId() : annotator;
      TtsSessions sessions =
          new TtsSessions(project, new Policies(project), new ProjectSettings(project));
      TtsSession session = sessions.start(actor, rater, type);
      List<RaterTrial> trials = sessions.trials(actor, session.id());
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("session", session.id());
        root.put("annotator", session.annotatorId());
        root.put("task_type", type.id());
        root.put("rubric", session.rubric().toString());
        root.put("seed", session.seed());
        root.put("training", session.training());
        List<Object> items = new ArrayList<>();
        for (RaterTrial trial : trials) {
          Map<String, Object> node = new LinkedHashMap<>();
          node.put("position", trial.position());
          node.put("assignment", trial.assignmentId());
          node.put("prompt_text", trial.promptText());
          List<Object> stimuli = new ArrayList<>();
          for (RaterTrial.BlindStimulus stimulus : trial.stimuli()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("letter", stimulus.letter());
            s.put("clip_id", stimulus.clipKey());
            s.put("seconds", stimulus.durationSeconds());
            stimuli.add(s);
          }
          node.put("stimuli", stimuli);
          node.put("open_reference", trial.openReference().isPresent());
          items.add(node);
        }
        root.put("trials", items);
        JsonOutput.print(out, root);
      } else {
        out.printf(
            Locale.ROOT,
            "session %d for %s (%s, %s): %d %s, seed %d%n",
            session.id(),
            session.annotatorId(),
            type,
            session.rubric(),
            trials.size(),
            session.training() ? "training trials (not scored)" : "trials",
            session.seed());
        for (RaterTrial trial : trials) {
          List<String> letters = new ArrayList<>();
          trial.stimuli().forEach(stimulus -> letters.add(stimulus.letter()));
          out.printf(
              Locale.ROOT,
              "  %d. assignment %d: stimuli %s%s%n",
              trial.position(),
              trial.assignmentId(),
              String.join(" ", letters),
              trial.openReference().isPresent() ? " + open reference" : "");
        }
      }
      out.flush();
      return ExitCode.OK;
    }
  }
}
