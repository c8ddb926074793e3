package dev.earmark.app.gui.form;

import dev.earmark.engine.rubric.Violation;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rubric field's name as people read it ({@code asr_entity_accuracy} → "ASR entity accuracy"),
 * and a rubric problem as a sentence ("Answer groundedness is still empty; it is required."). The
 * built-in rubrics carry no display name per field and their published versions cannot change, so
 * every screen words field names here, the one place. Stateless and thread-safe.
 */
public final class FieldNames {
  /** Words written in capitals wherever they appear in a field name. */
  private static final Set<String> ACRONYMS =
      Set.of("asr", "tts", "rag", "wer", "cer", "qe", "id", "url", "snr");

  private static final Pattern REQUIRED = Pattern.compile("is required by rubric \\S+ but missing");

  private FieldNames() {}

  /** "ASR entity accuracy" for {@code asr_entity_accuracy}; "Naturalness" for naturalness. */
  public static String display(String fieldName) {
    if (fieldName == null || fieldName.isBlank()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (String word : fieldName.strip().split("[_\\-\\s]+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!text.isEmpty()) {
        text.append(' ');
      }
      String lower = word.toLowerCase(Locale.ROOT);
      text.append(ACRONYMS.contains(lower) ? lower.toUpperCase(Locale.ROOT) : lower);
    }
    return text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The same name in lower case inside a sentence ("check contains personal data"). */
  public static String inSentence(String fieldName) {
    String name = display(fieldName);
    return name.length() > 1 && Character.isUpperCase(name.charAt(1))
        ? name // starts with an acronym: keep it
        : name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * {@code violation} as a full sentence naming the field by its display name, e.g. "Answer
   * groundedness is still empty; it is required." or "Naturalness: 7 is outside the 1–5 scale."
   */
  public static String sentence(Violation violation) {
    String field = violation.field();
    String problem = violation.problem() == null ? "" : violation.problem().strip();
    String text;
    if (REQUIRED.matcher(problem).matches()) {
      text = display(field) + " is still empty; it is required";
    } else if (field == null || field.equals("label") || field.equals("rubric")) {
      text =
          problem.isEmpty() ? "" : Character.toUpperCase(problem.charAt(0)) + problem.substring(1);
    } else {
      text = display(field) + ": " + problem;
    }
    return text.isEmpty() || text.matches(".*[.!?]$") ? text : text + ".";
  }
}
