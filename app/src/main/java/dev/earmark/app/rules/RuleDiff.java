package dev.earmark.app.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSetJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which rules one rule-set version removes and adds against another, by position: {@code earmark
 * rules diff} prints it and the workbench's policy screen shows it. Stateless and thread-safe.
 */
public final class RuleDiff {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleDiff() {}

  /** The rules of {@code ruleSet} as the file format writes them, one JSON object per rule. */
  public static List<JsonNode> ruleNodes(RuleSet ruleSet) {
    try {
      List<JsonNode> rules = new ArrayList<>();
      JSON.readTree(RuleSetJson.write(ruleSet)).path("rules").forEach(rules::add);
      return rules;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a rule set did not write as JSON", e);
    }
  }

  /** One rule on one line: its kind, then its other fields as compact JSON. */
  public static String describe(JsonNode rule) {
    ObjectNode parameters = rule.deepCopy();
    String kind = parameters.path("kind").asText();
    parameters.remove("kind");
    return kind + (parameters.isEmpty() ? "" : " " + parameters);
  }

  /** One rule only one side has; {@code position} is 1-based in its own set. */
  public record Edit(char sign, int position, JsonNode rule) {}

  /**
   * The text {@code earmark rules diff FROM TO} prints, one line per element: the ids, a changed
   * description, each removed ({@code -}) and added ({@code +}) rule by position, and the counts.
   * The policy screen of the workbench shows the same lines.
   */
  public static List<String> lines(RuleSet from, RuleSet to) {
    List<JsonNode> before = ruleNodes(from);
    List<Edit> edits = edits(before, ruleNodes(to));
    long removed = edits.stream().filter(edit -> edit.sign() == '-').count();
    long added = edits.size() - removed;
    List<String> lines = new ArrayList<>();
    lines.add(from.id() + " -> " + to.id());
    if (!from.description().equals(to.description())) {
      lines.add("description: \"" + from.description() + "\" -> \"" + to.description() + "\"");
    }
    if (edits.isEmpty()) {
      lines.add("same rules");
    }
    for (Edit edit : edits) {
      lines.add(
          String.format(
              Locale.ROOT, "%c %3d. %s", edit.sign(), edit.position(), describe(edit.rule())));
    }
    lines.add(removed + " removed, " + added + " added, " + (before.size() - removed) + " kept");
    return lines;
  }

  /** A longest-common-subsequence diff of two rule lists, in order. */
  public static List<Edit> edits(List<JsonNode> before, List<JsonNode> after) {
    int n = before.size();
    int m = after.size();
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            before.get(i).equals(after.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<Edit> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && before.get(i).equals(after.get(j))) {
        i++;
        j++;
      } else if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
        edits.add(new Edit('-', i + 1, before.get(i)));
        i++;
      } else {
        edits.add(new Edit('+', j + 1, after.get(j)));
        j++;
      }
    }
    return edits;
  }
}
