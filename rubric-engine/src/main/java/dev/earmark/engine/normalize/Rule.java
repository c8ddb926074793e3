package dev.earmark.engine.normalize;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule of a normalization {@link RuleSet}. The set of rule kinds is closed: each kind is a
 * record below, and the {@link Normalizer} knows how to compile each. Rules are values: immutable,
 * compared by content, safe to share between threads.
 *
 * <p>Every rule works on whitespace-separated tokens and leaves tokens of a protected phrase alone.
 * Lexicon keys (contractions, spelling variants, rewrites, alternations, fillers, protected
 * phrases) are matched as whole-token sequences; a key is itself normalized by the rules that
 * precede its rule, so {@code "Colour"} and {@code "colour"} are the same key after a case-fold
 * rule. Their replacements are inserted verbatim (split on spaces).
 */
public sealed interface Rule {

  /** The {@code kind} written in the JSON format, for example {@code "case-fold"}. */
  String kind();

  /** Lower-cases every token (Unicode, locale-independent). */
  record CaseFold() implements Rule {
    @Override
    public String kind() {
      return "case-fold";
    }
  }

  /**
   * Removes punctuation and splits tokens on it, keeping what carries meaning for speech: an
   * apostrophe between letters ({@code mario's}, {@code don't}), the {@code . , :} between digits
   * ({@code 3.50}, {@code 1,000}, {@code 10:00}), a currency sign or minus before a digit and a
   * {@code %} after one. A dot after a single letter joins ({@code a.m.} becomes {@code am}).
   */
  record StripPunctuation() implements Rule {
    @Override
    public String kind() {
      return "strip-punctuation";
    }
  }

  /** What a filler rule does with a filler word. */
  enum FillerAction {
    /** The filler disappears. */
    DROP,
    /** The filler becomes the hesitation token, as sclite's {@code %HESITATION}. */
    MAP
  }

  /**
   * Filler and hesitation words ({@code uh}, {@code um}): dropped, or mapped to one hesitation
   * token.
   *
   * @param hesitationToken the token a filler becomes under {@link FillerAction#MAP}; null under
   *     {@link FillerAction#DROP}
   */
  record Fillers(FillerAction action, String hesitationToken, List<String> words) implements Rule {
    public Fillers {
      if (action == null) {
        throw new EngineException("a fillers rule needs an action: drop or map");
      }
      if (action == FillerAction.MAP && (hesitationToken == null || hesitationToken.isBlank())) {
        throw new EngineException(
            "a fillers rule that maps needs a hesitation token, for example %hesitation");
      }
      if (action == FillerAction.DROP) {
        hesitationToken = null;
      } else if (hesitationToken.strip().contains(" ")) {
        throw new EngineException(
            "the hesitation token '" + hesitationToken + "' must be a single word");
      } else {
        hesitationToken = hesitationToken.strip();
      }
      words = nonBlank(words, "fillers", "words");
    }

    /** Fillers are dropped. */
    public static Fillers drop(List<String> words) {
      return new Fillers(FillerAction.DROP, null, words);
    }

    /** Fillers become {@code hesitationToken}. */
    public static Fillers map(String hesitationToken, List<String> words) {
      return new Fillers(FillerAction.MAP, hesitationToken, words);
    }

    @Override
    public String kind() {
      return "fillers";
    }
  }

  /** Which way a numbers rule writes numbers. */
  enum NumberDirection {
    /** {@code twenty first} becomes {@code 21st}; the canonical form is digits. */
    TO_DIGITS,
    /** {@code 21st} becomes {@code twenty first}; the canonical form is words. */
    TO_WORDS
  }

  /**
   * Cardinals, ordinals, years, decimals, negatives, percentages, currency amounts and clock times,
   * written one canonical way in the chosen direction. Both spellings of a number are parsed, so
   * {@code 50} and {@code fifty} agree whichever direction is chosen.
   */
  record Numbers(NumberDirection direction) implements Rule {
    public Numbers {
      if (direction == null) {
        throw new EngineException("a numbers rule needs a direction: to-digits or to-words");
      }
    }

    @Override
    public String kind() {
      return "numbers";
    }
  }

  /**
   * Expands contractions from an explicit table ({@code i'm} to {@code i am}). Only listed forms
   * are touched: a possessive {@code mario's} is not a contraction.
   */
  record Contractions(Map<String, String> expansions) implements Rule {
    public Contractions {
      expansions = ordered(expansions, "contractions", "map");
    }

    @Override
    public String kind() {
      return "contractions";
    }
  }

  /** Rewrites spelling variants to one spelling (British to American in en-asr@1). */
  record SpellingVariants(Map<String, String> variants) implements Rule {
    public SpellingVariants {
      variants = ordered(variants, "spelling-variants", "map");
    }

    @Override
    public String kind() {
      return "spelling-variants";
    }
  }

  /**
   * An entity lexicon: a matched phrase is marked protected and no later rule changes it. Scoring
   * uses the marks for entity error rate.
   */
  record ProtectedPhrases(List<String> phrases) implements Rule {
    public ProtectedPhrases {
      phrases = nonBlank(phrases, "protected-phrases", "phrases");
    }

    @Override
    public String kind() {
      return "protected-phrases";
    }
  }

  /** Literal whole-word rewrites: each key (one or more words) becomes its value. */
  record Rewrite(Map<String, String> rewrites) implements Rule {
    public Rewrite {
      rewrites = ordered(rewrites, "rewrite", "map");
    }

    @Override
    public String kind() {
      return "rewrite";
    }
  }

  /**
   * A Java regular expression applied to the tokens joined by single spaces; the replacement may
   * use {@code $1}. The result is split on whitespace again. A match touching a protected token is
   * skipped.
   */
  record RegexRewrite(String pattern, String replacement) implements Rule {
    public RegexRewrite {
      if (pattern == null || pattern.isEmpty()) {
        throw new EngineException("a regex rule needs a non-empty pattern");
      }
      if (replacement == null) {
        replacement = "";
      }
    }

    @Override
    public String kind() {
      return "regex";
    }
  }

  /**
   * Sets of interchangeable spellings in the style of sclite GLM alternations ({@code { uh / um / @
   * }}). Every member of a set is written as the set's canonical member: the empty one ({@code @})
   * when the set has it, otherwise the first.
   */
  record Alternations(List<List<String>> sets) implements Rule {
    /** The member written {@code @} in a set: the empty alternative. */
    public static final String EMPTY = "@";

    public Alternations {
      if (sets == null || sets.isEmpty()) {
        throw new EngineException("an alternations rule needs at least one set");
      }
      List<List<String>> copy = new ArrayList<>();
      for (List<String> set : sets) {
        List<String> members = nonBlank(set, "alternations", "sets");
        if (members.size() < 2) {
          throw new EngineException(
              "the alternation set " + members + " needs at least two members");
        }
        copy.add(members);
      }
      sets = List.copyOf(copy);
    }

    /** The member every other member of {@code set} is written as; empty for {@code @}. */
    public static String canonical(List<String> set) {
      return set.contains(EMPTY) ? "" : set.get(0);
    }

    @Override
    public String kind() {
      return "alternations";
    }
  }

  /**
   * The rules of an sclite GLM file, applied exactly as NIST's {@code rfilter1} (the engine of
   * {@code csrfilt.sh}) applies them: to the text of each run of unprotected tokens, joined by
   * single spaces and padded with spaces, a cursor moves from left to right; at each position the
   * first rule in file order whose {@code from} string matches there, with {@code left} just before
   * and {@code right} just after it in the input, writes {@code to} and moves the cursor past
   * {@code from}; where no rule matches, the character is copied ({@code copyNoHit}) or dropped.
   * Matching is character-level, so a rule without context also rewrites inside words, as it does
   * in sclite. A right-hand side may hold alternation markup ({@code {are not / have not}}), which
   * scoring reads as choices (see {@code dev.earmark.engine.score.Scorer}). Parentheses are spaced
   * and rejoined, and optionally deletable groups split word by word, as {@code csrfilt.sh} does
   * around {@code rfilter1}.
   *
   * @param caseSensitive false: strings are compared ignoring ASCII case ({@code case_sensitive =
   *     'F'}); true is rfilter1's default for a file without that header
   * @param copyNoHit false drops every character no rule matches ({@code copy_no_hit = 'F'})
   */
  record Glm(boolean caseSensitive, boolean copyNoHit, List<Entry> rules) implements Rule {
    /**
     * One GLM line {@code from => to / left __ right}, with its brackets or quotes removed.
     *
     * @param from the string replaced; never empty
     * @param to the replacement; may be empty (the string is deleted)
     * @param left the context required just before {@code from}; empty for none
     * @param right the context required just after {@code from}; empty for none
     */
    public record Entry(String from, String to, String left, String right) {
      public Entry {
        if (from == null || from.isEmpty()) {
          throw new EngineException("a glm rule needs a non-empty 'from' string");
        }
        to = to == null ? "" : to;
        left = left == null ? "" : left;
        right = right == null ? "" : right;
      }
    }

    public Glm {
      if (rules == null || rules.isEmpty()) {
        throw new EngineException("a glm rule needs a non-empty 'rules' list");
      }
      rules = List.copyOf(rules);
    }

    @Override
    public String kind() {
      return "glm";
    }
  }

  private static List<String> nonBlank(List<String> values, String kind, String field) {
    if (values == null || values.isEmpty()) {
      throw new EngineException("a " + kind + " rule needs a non-empty '" + field + "' list");
    }
    List<String> copy = new ArrayList<>(values.size());
    for (String value : values) {
      if (value == null || value.isBlank()) {
        throw new EngineException(
            "the '" + field + "' list of a " + kind + " rule has an empty entry; remove it");
      }
      copy.add(value.strip());
    }
    return List.copyOf(copy);
  }

  private static Map<String, String> ordered(Map<String, String> map, String kind, String field) {
    if (map == null || map.isEmpty()) {
      throw new EngineException("a " + kind + " rule needs a non-empty '" + field + "' object");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      if (entry.getKey() == null || entry.getKey().isBlank() || entry.getValue() == null) {
        throw new EngineException(
            "the '"
                + field
                + "' of a "
                + kind
                + " rule has an empty key or a null value ("
                + entry.getKey()
                + "); fix or remove that entry");
      }
      copy.put(entry.getKey().strip(), entry.getValue().strip());
    }
    return Collections.unmodifiableMap(copy);
  }
}
