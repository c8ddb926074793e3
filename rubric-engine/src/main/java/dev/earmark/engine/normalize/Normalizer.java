package dev.earmark.engine.normalize;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@link RuleSet} compiled once for fast, repeated use. Raw text is split on whitespace and each
 * rule rewrites the token list in order. {@link #tokens(String)} is the fast path for scoring (no
 * trace); {@link #normalize(String)} also returns the raw span of every token, its protection flag
 * and the trace of every change. Immutable and thread-safe: share one instance between threads.
 */
public final class Normalizer {
  private final RuleSet ruleSet;
  private final Step[] steps;
  private final String[] kinds;
  private final List<List<String>> protectedPhrases;

  private Normalizer(RuleSet ruleSet, Step[] steps, String[] kinds) {
    this.ruleSet = ruleSet;
    this.steps = steps;
    this.kinds = kinds;
    this.protectedPhrases = ruleSet == null ? List.of() : phrasesOf(ruleSet);
  }

  /** Compiles {@code ruleSet}; lexicon keys are normalized by the rules before theirs. */
  public static Normalizer compile(RuleSet ruleSet) {
    List<Rule> rules = ruleSet.rules();
    Step[] steps = new Step[rules.size()];
    String[] kinds = new String[rules.size()];
    for (int index = 0; index < rules.size(); index++) {
      Normalizer prefix =
          new Normalizer(null, Arrays.copyOf(steps, index), Arrays.copyOf(kinds, index));
      steps[index] = compileRule(rules.get(index), prefix, index, ruleSet);
      kinds[index] = rules.get(index).kind();
    }
    return new Normalizer(ruleSet, steps, kinds);
  }

  /** A normalizer without rules: whitespace-separated tokens exactly as given. */
  public static Normalizer identity() {
    return new Normalizer(null, new Step[0], new String[0]);
  }

  /** The rule set this was compiled from; empty for {@link #identity()}. */
  public java.util.Optional<RuleSet> ruleSet() {
    return java.util.Optional.ofNullable(ruleSet);
  }

  /** The normalized tokens of {@code raw}: the fast path, no trace is kept. */
  public List<String> tokens(String raw) {
    TokenBuffer result = run(raw == null ? "" : raw, null);
    return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(result.text, result.size)));
  }

  /** The normalized tokens of {@code raw} with raw spans, protection flags and the trace. */
  public NormalizedText normalize(String raw) {
    String text = raw == null ? "" : raw;
    Tracer tracer = new Tracer();
    TokenBuffer result = run(text, tracer);
    List<NormalizedToken> tokens = new ArrayList<>(result.size);
    for (int i = 0; i < result.size; i++) {
      tokens.add(
          new NormalizedToken(result.text[i], result.start[i], result.end[i], result.protect[i]));
    }
    return new NormalizedText(text, tokens, tracer.steps());
  }

  /**
   * The protected phrases of the rule set, each as the token sequence it normalizes to (the form in
   * which it appears in {@link #tokens(String)} output), in rule and list order, without
   * duplicates. Scoring uses them for entity error rate.
   */
  public List<List<String>> protectedPhrases() {
    return protectedPhrases;
  }

  private TokenBuffer run(String raw, Tracer tracer) {
    TokenBuffer current = TokenBuffer.tokenize(raw);
    if (steps.length == 0) {
      return current;
    }
    TokenBuffer next = new TokenBuffer(current.size * 2 + 4);
    for (int index = 0; index < steps.length; index++) {
      if (tracer != null) {
        tracer.begin(index, kinds[index]);
      }
      next.clear();
      steps[index].apply(current, next, tracer);
      TokenBuffer swap = current;
      current = next;
      next = swap;
    }
    return current;
  }

  private List<List<String>> phrasesOf(RuleSet set) {
    List<List<String>> phrases = new ArrayList<>();
    for (Rule rule : set.rules()) {
      if (rule instanceof Rule.ProtectedPhrases protectedRule) {
        for (String phrase : protectedRule.phrases()) {
          List<String> tokens = tokens(phrase);
          if (!tokens.isEmpty() && !phrases.contains(tokens)) {
            phrases.add(tokens);
          }
        }
      }
    }
    return List.copyOf(phrases);
  }

  private static Step compileRule(Rule rule, Normalizer prefix, int index, RuleSet set) {
    if (rule instanceof Rule.CaseFold) {
      return new CaseFoldStep();
    } else if (rule instanceof Rule.StripPunctuation) {
      return new PunctuationStep();
    } else if (rule instanceof Rule.Numbers numbers) {
      return new NumberStep(numbers.direction() == Rule.NumberDirection.TO_WORDS);
    } else if (rule instanceof Rule.RegexRewrite regex) {
      try {
        return new RegexStep(
            Pattern.compile(regex.pattern()),
            regex.replacement(),
            "Rule " + index + " (regex) of " + set.id());
      } catch (PatternSyntaxException e) {
        throw new EngineException(
            "Rule "
                + index
                + " (regex) of "
                + set.id()
                + " has an invalid pattern ("
                + e.getDescription()
                + "); fix the pattern.",
            e);
      }
    } else if (rule instanceof Rule.Glm glm) {
      return new GlmStep(glm);
    } else if (rule instanceof Rule.ProtectedPhrases phrases) {
      LexiconStep step = new LexiconStep(true);
      for (String phrase : phrases.phrases()) {
        step.put(prefix.tokens(phrase), new String[0]);
      }
      return step;
    }
    LexiconStep step = new LexiconStep(false);
    if (rule instanceof Rule.Fillers fillers) {
      String[] replacement =
          fillers.action() == Rule.FillerAction.DROP
              ? new String[0]
              : new String[] {fillers.hesitationToken()};
      for (String word : fillers.words()) {
        step.put(prefix.tokens(word), replacement);
      }
    } else if (rule instanceof Rule.Contractions contractions) {
      putAll(step, contractions.expansions(), prefix);
    } else if (rule instanceof Rule.SpellingVariants spelling) {
      putAll(step, spelling.variants(), prefix);
    } else if (rule instanceof Rule.Rewrite rewrite) {
      putAll(step, rewrite.rewrites(), prefix);
    } else if (rule instanceof Rule.Alternations alternations) {
      for (List<String> set2 : alternations.sets()) {
        String[] canonical = split(Rule.Alternations.canonical(set2));
        for (String member : set2) {
          if (!member.equals(Rule.Alternations.EMPTY)) {
            step.put(prefix.tokens(member), canonical);
          }
        }
      }
    }
    return step;
  }

  private static void putAll(LexiconStep step, Map<String, String> map, Normalizer prefix) {
    for (Map.Entry<String, String> entry : map.entrySet()) {
      step.put(prefix.tokens(entry.getKey()), split(entry.getValue()));
    }
  }

  private static String[] split(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
  }
}
