package dev.earmark.engine.normalize;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled {@link Rule.Numbers}: parses spoken and written numbers into one {@link Amount} and
 * writes it back in the rule's direction. The grammar (cardinals with {@code and} after hundreds
 * and scales, ordinals, years {@code nineteen ninety nine}, decimals with {@code point}, {@code
 * minus}, percentages, currency with sub-units, clock times) is described in
 * docs/decisions/0002-normalization-semantics.md. One hash lookup per ordinary word on the hot
 * path.
 */
final class NumberStep implements Step {

  private enum WordKind {
    ZERO,
    UNIT,
    TEEN,
    TENS,
    HUNDRED,
    SCALE,
    KEYWORD
  }

  private record Word(WordKind kind, long value, boolean ordinal) {}

  private static final Map<String, Word> WORDS = new HashMap<>();
  private static final String[] UNITS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
  };
  private static final String[] TEENS = {
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen"
  };
  private static final String[] TENS = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
  };
  private static final long[] SCALES = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
  private static final String[] SCALE_NAMES = {"trillion", "billion", "million", "thousand"};

  static {
    WORDS.put("zero", new Word(WordKind.ZERO, 0, false));
    for (int u = 1; u <= 9; u++) {
      WORDS.put(UNITS[u], new Word(WordKind.UNIT, u, false));
      WORDS.put(ordinalWord(UNITS[u]), new Word(WordKind.UNIT, u, true));
    }
    for (int t = 0; t <= 9; t++) {
      WORDS.put(TEENS[t], new Word(WordKind.TEEN, 10 + t, false));
      WORDS.put(ordinalWord(TEENS[t]), new Word(WordKind.TEEN, 10 + t, true));
    }
    for (int t = 2; t <= 9; t++) {
      WORDS.put(TENS[t], new Word(WordKind.TENS, t * 10L, false));
      WORDS.put(ordinalWord(TENS[t]), new Word(WordKind.TENS, t * 10L, true));
    }
    WORDS.put("hundred", new Word(WordKind.HUNDRED, 100, false));
    WORDS.put("hundredth", new Word(WordKind.HUNDRED, 100, true));
    for (int s = 0; s < SCALES.length; s++) {
      WORDS.put(SCALE_NAMES[s], new Word(WordKind.SCALE, SCALES[s], false));
      WORDS.put(SCALE_NAMES[s] + "th", new Word(WordKind.SCALE, SCALES[s], true));
    }
    for (String keyword : List.of("a", "minus", "negative", "point", "half", "quarter")) {
      WORDS.put(keyword, new Word(WordKind.KEYWORD, 0, false));
    }
  }

  private enum Kind {
    CARDINAL,
    DECIMAL,
    ORDINAL,
    MONEY,
    PERCENT,
    TIME
  }

  /** A parsed number: what it is and its parts. Built once per parse, never shared. */
  private static final class Amount {
    Kind kind;
    boolean negative;
    long whole;
    String fraction;
    char currency;
    int cents = -1;
    int minute;
    String suffix;

    Amount(Kind kind, long whole) {
      this.kind = kind;
      this.whole = whole;
    }
  }

  /** Result of parsing a run of number words. */
  private record WordRun(int consumed, long value, boolean ordinal, boolean simple) {}

  private final boolean toWords;

  NumberStep(boolean toWords) {
    this.toWords = toWords;
  }

  @Override
  public void apply(TokenBuffer in, TokenBuffer out, Tracer tracer) {
    int i = 0;
    int[] consumed = new int[1];
    while (i < in.size) {
      Amount amount = in.protect[i] ? null : parse(in, i, consumed);
      if (amount == null) {
        out.copy(in, i++);
        continue;
      }
      int to = i + consumed[0];
      String[] rendered = toWords ? words(amount) : digits(amount);
      if (rendered.length == to - i && sameText(in, i, rendered)) {
        for (int k = i; k < to; k++) {
          out.copy(in, k);
        }
      } else {
        Step.replace(in, i, to, rendered, out, tracer);
      }
      i = to;
    }
  }

  private static boolean sameText(TokenBuffer in, int from, String[] rendered) {
    for (int k = 0; k < rendered.length; k++) {
      if (!rendered[k].equals(in.text[from + k])) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- parsing

  private static String token(TokenBuffer in, int index) {
    return index < in.size && !in.protect[index] ? in.text[index] : null;
  }

  private static boolean is(TokenBuffer in, int index, String expected) {
    return expected.equals(token(in, index));
  }

  private static Amount parse(TokenBuffer in, int i, int[] consumed) {
    String text = in.text[i];
    char first = text.charAt(0);
    if (isDigit(first)
        || ((first == '-' || first == '.' || PunctuationStep.isCurrency(first))
            && text.length() > 1)) {
      Amount amount = parseDigits(text);
      if (amount == null) {
        return null;
      }
      int next = continueAmount(in, i + 1, amount, false);
      consumed[0] = next - i;
      return amount;
    }
    Word word = WORDS.get(text);
    if (word == null) {
      return null;
    }
    if (word.kind == WordKind.KEYWORD) {
      return parseKeyword(in, i, text, consumed);
    }
    return parseWords(in, i, consumed);
  }

  private static Amount parseKeyword(TokenBuffer in, int i, String text, int[] consumed) {
    switch (text) {
      case "minus", "negative" -> {
        String next = token(in, i + 1);
        if (next == null
            || next.startsWith("-")
            || "minus".equals(next)
            || "negative".equals(next)) {
          return null;
        }
        Amount amount = parse(in, i + 1, consumed);
        if (amount == null
            || !(amount.kind == Kind.CARDINAL
                || amount.kind == Kind.DECIMAL
                || amount.kind == Kind.PERCENT)) {
          return null;
        }
        amount.negative = true;
        consumed[0] += 1;
        return amount;
      }
      case "point" -> {
        int end = decimalDigits(in, i + 1);
        if (end == i + 1) {
          return null;
        }
        Amount amount = new Amount(Kind.DECIMAL, 0);
        amount.fraction = spokenDigits(in, i + 1, end);
        consumed[0] = continueAmount(in, end, amount, true) - i;
        return amount;
      }
      case "half", "quarter" -> {
        String relation = token(in, i + 1);
        int hour = hourAt(in, i + 2);
        if (hour < 0 || relation == null) {
          return null;
        }
        Amount time = new Amount(Kind.TIME, hour);
        if (relation.equals("past")) {
          time.minute = text.equals("half") ? 30 : 15;
        } else if (relation.equals("to") && text.equals("quarter")) {
          time.whole = hour == 1 ? 12 : hour - 1;
          time.minute = 45;
        } else {
          return null;
        }
        consumed[0] = 3;
        return time;
      }
      default -> {
        return "a".equals(text) && isHundredOrScale(token(in, i + 1))
            ? parseWords(in, i, consumed)
            : null;
      }
    }
  }

  private static boolean isHundredOrScale(String text) {
    Word word = text == null ? null : WORDS.get(text);
    return word != null
        && !word.ordinal
        && (word.kind == WordKind.HUNDRED || word.kind == WordKind.SCALE);
  }

  /** An hour 1..12 written as one word or one plain number at {@code index}, else -1. */
  private static int hourAt(TokenBuffer in, int index) {
    String text = token(in, index);
    if (text == null) {
      return -1;
    }
    Word word = WORDS.get(text);
    if (word != null
        && !word.ordinal
        && word.value >= 1
        && word.value <= 12
        && (word.kind == WordKind.UNIT || word.kind == WordKind.TEEN)) {
      return (int) word.value;
    }
    Amount amount = parseDigits(text);
    if (amount != null
        && amount.kind == Kind.CARDINAL
        && amount.suffix == null
        && !amount.negative
        && amount.whole >= 1
        && amount.whole <= 12) {
      return (int) amount.whole;
    }
    return -1;
  }

  private static Amount parseWords(TokenBuffer in, int i, int[] consumed) {
    WordRun run = wordRun(in, i);
    if (run == null) {
      return null;
    }
    int next = i + run.consumed;
    if (run.ordinal) {
      consumed[0] = run.consumed;
      return new Amount(Kind.ORDINAL, run.value);
    }
    Amount amount = new Amount(Kind.CARDINAL, run.value);
    if (run.simple && run.value >= 13 && run.value <= 20) {
      WordRun second = wordRun(in, next);
      if (second != null
          && second.simple
          && !second.ordinal
          && second.value >= 10
          && second.value <= 99) {
        amount.whole = run.value * 100 + second.value;
        next += second.consumed;
      } else if (is(in, next, "oh") && unitAt(in, next + 1) > 0) {
        amount.whole = run.value * 100 + unitAt(in, next + 1);
        next += 2;
      }
    } else if (run.simple && run.value <= 24 && is(in, next, "oh") && unitAt(in, next + 1) > 0) {
      amount.kind = Kind.TIME;
      amount.minute = unitAt(in, next + 1);
      consumed[0] = next + 2 - i;
      return amount;
    }
    if (amount.whole == run.value && is(in, next, "point")) {
      int end = decimalDigits(in, next + 1);
      if (end > next + 1) {
        amount.kind = Kind.DECIMAL;
        amount.fraction = spokenDigits(in, next + 1, end);
        next = end;
      }
    }
    consumed[0] = continueAmount(in, next, amount, true) - i;
    return amount;
  }

  private static int unitAt(TokenBuffer in, int index) {
    String text = token(in, index);
    Word word = text == null ? null : WORDS.get(text);
    return word != null && word.kind == WordKind.UNIT && !word.ordinal ? (int) word.value : -1;
  }

  /** The end of a run of spoken digits ({@code zero}, {@code oh}, {@code one} ... {@code nine}). */
  private static int decimalDigits(TokenBuffer in, int from) {
    int end = from;
    while (true) {
      String text = token(in, end);
      if (text == null) {
        return end;
      }
      Word word = WORDS.get(text);
      boolean digit =
          text.equals("oh")
              || (word != null
                  && !word.ordinal
                  && (word.kind == WordKind.ZERO || word.kind == WordKind.UNIT));
      if (!digit) {
        return end;
      }
      end++;
    }
  }

  private static String spokenDigits(TokenBuffer in, int from, int to) {
    StringBuilder digits = new StringBuilder(to - from);
    for (int k = from; k < to; k++) {
      String text = in.text[k];
      digits.append(text.equals("oh") ? 0 : WORDS.get(text).value);
    }
    return digits.toString();
  }

  /**
   * The longest well-formed run of number words from {@code i}: units, teens, tens, {@code
   * hundred}, descending scales, {@code and} after a hundred or a scale, a leading {@code a} before
   * a hundred or scale, ending at the first ordinal. Null when no number word starts there.
   */
  private static WordRun wordRun(TokenBuffer in, int i) {
    long total = 0;
    long chunk = 0;
    int below =
        0; // 0: nothing below a hundred yet, 1: closed (unit/teen), 2: tens, unit may follow
    boolean hundred = false;
    boolean justScaled = false;
    long lastScale = Long.MAX_VALUE;
    boolean simple = true;
    int j = i;
    int good = i;
    long goodValue = 0;
    boolean ordinal = false;
    while (true) {
      String text = token(in, j);
      if (text == null) {
        break;
      }
      if (j == i && text.equals("a") && isHundredOrScale(token(in, j + 1))) {
        chunk = 1;
        below = 1;
        j++;
        continue;
      }
      if (text.equals("and") && below == 0 && (hundred || justScaled)) {
        Word next = WORDS.get(token(in, j + 1) == null ? "" : token(in, j + 1));
        if (next != null
            && (next.kind == WordKind.UNIT
                || next.kind == WordKind.TEEN
                || next.kind == WordKind.TENS)) {
          simple = false;
          j++;
          continue;
        }
        break;
      }
      Word word = WORDS.get(text);
      if (word == null || word.kind == WordKind.KEYWORD) {
        break;
      }
      boolean fits;
      switch (word.kind) {
        case ZERO -> {
          fits = j == i;
          if (fits) {
            j++;
            good = j;
            goodValue = 0;
            ordinal = false;
          }
          return fits
              ? new WordRun(1, 0, false, true)
              : finish(i, good, goodValue, ordinal, simple);
        }
        case UNIT -> {
          fits = below == 0 || below == 2;
          if (fits) {
            chunk += word.value;
            below = 1;
          }
        }
        case TEEN, TENS -> {
          fits = below == 0;
          if (fits) {
            chunk += word.value;
            below = word.kind == WordKind.TENS ? 2 : 1;
          }
        }
        case HUNDRED -> {
          if (j == i && word.ordinal) {
            chunk = 1; // "the hundredth time": a bare ordinal hundred is 100th
          }
          fits = !hundred && chunk > 0 && chunk < 100;
          if (fits) {
            chunk *= 100;
            hundred = true;
            below = 0;
            simple = false;
          }
        }
        default -> { // SCALE
          if (j == i && word.ordinal) {
            chunk = 1; // "the thousandth visitor"
          }
          fits = chunk > 0 && word.value < lastScale;
          if (fits) {
            try {
              total = Math.addExact(total, Math.multiplyExact(chunk, word.value));
            } catch (ArithmeticException overflow) {
              fits = false;
            }
          }
          if (fits) {
            chunk = 0;
            below = 0;
            hundred = false;
            lastScale = word.value;
            simple = false;
          }
        }
      }
      if (!fits) {
        break;
      }
      justScaled = word.kind == WordKind.SCALE;
      j++;
      good = j;
      goodValue = total + chunk;
      if (word.ordinal) {
        ordinal = true;
        break;
      }
    }
    return finish(i, good, goodValue, ordinal, simple);
  }

  private static WordRun finish(int i, int good, long value, boolean ordinal, boolean simple) {
    return good == i ? null : new WordRun(good - i, value, ordinal, simple);
  }

  /**
   * Reads what may follow a number at {@code next}: a scale after digits or a decimal ({@code 2.5
   * million}), {@code percent}, a currency word and its sub-unit, {@code cents} alone, {@code
   * o'clock}. Returns the index after the last token read.
   */
  private static int continueAmount(TokenBuffer in, int next, Amount amount, boolean fromWords) {
    if (amount.suffix != null) {
      return next;
    }
    String text = token(in, next);
    if (text == null) {
      return next;
    }
    boolean plain = amount.kind == Kind.CARDINAL || amount.kind == Kind.DECIMAL;
    if (plain && (!fromWords || amount.kind == Kind.DECIMAL) && !amount.negative) {
      Word word = WORDS.get(text);
      if (word != null
          && !word.ordinal
          && (word.kind == WordKind.SCALE || word.kind == WordKind.HUNDRED)) {
        BigDecimal scaled =
            new BigDecimal(amount.whole + (amount.fraction == null ? "" : "." + amount.fraction))
                .multiply(BigDecimal.valueOf(word.value))
                .stripTrailingZeros();
        if (scaled.precision() - scaled.scale() <= 15) {
          if (scaled.scale() <= 0) {
            amount.kind = Kind.CARDINAL;
            amount.whole = scaled.longValueExact();
            amount.fraction = null;
          } else {
            String plainText = scaled.toPlainString();
            int dot = plainText.indexOf('.');
            amount.whole = Long.parseLong(plainText.substring(0, dot));
            amount.fraction = plainText.substring(dot + 1);
          }
          next++;
          text = token(in, next);
          if (text == null) {
            return next;
          }
        }
      }
    }
    if (plain && (text.equals("percent") || text.equals("%"))) {
      amount.kind = Kind.PERCENT;
      return next + 1;
    }
    if (plain && text.equals("per") && is(in, next + 1, "cent")) {
      amount.kind = Kind.PERCENT;
      return next + 2;
    }
    char currency = currencyOf(text);
    boolean fitsCents = amount.fraction == null || amount.fraction.length() <= 2;
    if (plain && currency != 0 && fitsCents && !amount.negative) {
      amount.kind = Kind.MONEY;
      amount.currency = currency;
      if (amount.fraction != null) {
        amount.cents = centsOf(amount.fraction);
        amount.fraction = null;
        return next + 1;
      }
      return subUnits(in, next + 1, amount);
    }
    if (amount.kind == Kind.CARDINAL
        && !amount.negative
        && (text.equals("cents")
            || text.equals("cent")
            || text.equals("pence")
            || text.equals("penny"))) {
      amount.kind = Kind.MONEY;
      amount.currency = text.startsWith("pen") ? '\u00a3' : '$';
      long cents = amount.whole;
      amount.whole = cents / 100;
      amount.cents = (int) (cents % 100);
      return next + 1;
    }
    if (amount.kind == Kind.CARDINAL
        && !amount.negative
        && amount.whole <= 24
        && text.equals("o'clock")) {
      amount.kind = Kind.TIME;
      amount.minute = 0;
      return next + 1;
    }
    return next;
  }

  /** Reads {@code [and] fifty [cents]} after a currency word; returns the index after it. */
  private static int subUnits(TokenBuffer in, int next, Amount money) {
    if (money.currency == '\u00a5') {
      return next;
    }
    boolean and = is(in, next, "and");
    int at = and ? next + 1 : next;
    String text = token(in, at);
    if (text == null) {
      return next;
    }
    long cents = -1;
    int after = at;
    Word word = WORDS.get(text);
    if (word != null && word.kind != WordKind.KEYWORD) {
      WordRun run = wordRun(in, at);
      if (run != null && run.simple && !run.ordinal) {
        cents = run.value;
        after = at + run.consumed;
      }
    } else {
      Amount digits = parseDigits(text);
      if (digits != null
          && digits.kind == Kind.CARDINAL
          && digits.suffix == null
          && !digits.negative) {
        cents = digits.whole;
        after = at + 1;
      }
    }
    if (cents < 0 || cents > 99) {
      return next;
    }
    String unit = token(in, after);
    boolean named =
        unit != null
            && (money.currency == '\u00a3'
                ? unit.equals("pence") || unit.equals("penny") || unit.equals("p")
                : unit.equals("cents") || unit.equals("cent"));
    if (named) {
      money.cents = (int) cents;
      return after + 1;
    }
    if (!and && cents >= 10) {
      money.cents = (int) cents;
      return after;
    }
    return next;
  }

  private static int centsOf(String fraction) {
    return fraction.length() == 1 ? (fraction.charAt(0) - '0') * 10 : Integer.parseInt(fraction);
  }

  private static char currencyOf(String text) {
    return switch (text) {
      case "dollar", "dollars" -> '$';
      case "pound", "pounds" -> '\u00a3';
      case "euro", "euros" -> '\u20ac';
      case "yen" -> '\u00a5';
      default -> 0;
    };
  }

  /**
   * Parses one written token: {@code 105}, {@code 1,000}, {@code -5}, {@code 3.5}, {@code .5},
   * {@code $3.50}, {@code 50%}, {@code 21st}, {@code 10am}, {@code 10:30}, {@code 10:00pm}. Null
   * for anything else, and for forms kept literally: leading zeros ({@code 007}), more than 15
   * digits, three decimals on money.
   */
  static Amount parseDigits(String text) {
    int length = text.length();
    int k = 0;
    boolean negative = false;
    char currency = 0;
    if (k < length && text.charAt(k) == '-') {
      negative = true;
      k++;
    }
    if (k < length && PunctuationStep.isCurrency(text.charAt(k))) {
      currency = text.charAt(k);
      k++;
    }
    int integerStart = k;
    long whole = 0;
    int digits = 0;
    int group = 0;
    boolean commas = false;
    while (k < length) {
      char c = text.charAt(k);
      if (isDigit(c)) {
        whole = whole * 10 + (c - '0');
        digits++;
        group++;
        if (digits > 15) {
          return null;
        }
        k++;
      } else if (c == ',' && digits > 0 && k + 1 < length && isDigit(text.charAt(k + 1))) {
        if ((commas && group != 3) || (!commas && group > 3)) {
          return null;
        }
        commas = true;
        group = 0;
        k++;
      } else {
        break;
      }
    }
    if (commas && group != 3) {
      return null;
    }
    if (digits > 1 && text.charAt(integerStart) == '0' && !(k < length && text.charAt(k) == ':')) {
      return null;
    }
    if (k < length && text.charAt(k) == ':') {
      return parseTime(text, k, whole, digits, negative || currency != 0 || commas);
    }
    String fraction = null;
    if (k + 1 < length && text.charAt(k) == '.' && isDigit(text.charAt(k + 1))) {
      int from = ++k;
      while (k < length && isDigit(text.charAt(k))) {
        k++;
      }
      fraction = text.substring(from, k);
      if (fraction.length() > 15) {
        return null;
      }
    }
    if (digits == 0 && fraction == null) {
      return null;
    }
    String rest = text.substring(k);
    if (currency != 0) {
      if (!rest.isEmpty() || (fraction != null && fraction.length() > 2)) {
        return null;
      }
      Amount money = new Amount(Kind.MONEY, whole);
      money.currency = currency;
      money.negative = negative;
      money.cents = fraction == null ? -1 : centsOf(fraction);
      return money;
    }
    Amount amount = new Amount(fraction == null ? Kind.CARDINAL : Kind.DECIMAL, whole);
    amount.negative = negative;
    amount.fraction = fraction;
    if (rest.isEmpty()) {
      return amount;
    }
    if (rest.equals("%")) {
      amount.kind = Kind.PERCENT;
      return amount;
    }
    if (fraction != null || negative || digits == 0) {
      return null;
    }
    if (rest.equals("st") || rest.equals("nd") || rest.equals("rd") || rest.equals("th")) {
      amount.kind = Kind.ORDINAL;
      return amount;
    }
    if ((rest.equals("am") || rest.equals("pm")) && whole <= 24) {
      amount.suffix = rest;
      return amount;
    }
    return null;
  }

  private static Amount parseTime(String text, int colon, long hour, int digits, boolean bad) {
    int length = text.length();
    if (bad
        || digits < 1
        || digits > 2
        || hour > 24
        || colon + 3 > length
        || !isDigit(text.charAt(colon + 1))
        || !isDigit(text.charAt(colon + 2))) {
      return null;
    }
    int minute = (text.charAt(colon + 1) - '0') * 10 + (text.charAt(colon + 2) - '0');
    String rest = text.substring(colon + 3);
    if (minute > 59 || !(rest.isEmpty() || rest.equals("am") || rest.equals("pm"))) {
      return null;
    }
    Amount time = new Amount(Kind.TIME, hour);
    time.minute = minute;
    time.suffix = rest.isEmpty() ? null : rest;
    return time;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  // ---------------------------------------------------------------- writing

  private static String[] digits(Amount amount) {
    String sign = amount.negative ? "-" : "";
    return switch (amount.kind) {
      case CARDINAL -> withSuffix(amount, sign + amount.whole);
      case DECIMAL -> new String[] {sign + amount.whole + "." + amount.fraction};
      case ORDINAL -> new String[] {amount.whole + ordinalSuffix(amount.whole)};
      case PERCENT ->
          new String[] {
            sign + amount.whole + (amount.fraction == null ? "" : "." + amount.fraction) + "%"
          };
      case MONEY ->
          new String[] {
            sign
                + amount.currency
                + amount.whole
                + (amount.cents > 0 ? "." + twoDigits(amount.cents) : "")
          };
      case TIME ->
          amount.minute == 0
              ? withSuffix(amount, Long.toString(amount.whole))
              : withSuffix(amount, Long.toString(amount.whole), twoDigits(amount.minute));
    };
  }

  private static String[] withSuffix(Amount amount, String... tokens) {
    if (amount.suffix == null) {
      return tokens;
    }
    String[] result = java.util.Arrays.copyOf(tokens, tokens.length + 1);
    result[tokens.length] = amount.suffix;
    return result;
  }

  private static String twoDigits(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }

  private static String ordinalSuffix(long value) {
    long lastTwo = value % 100;
    if (lastTwo >= 11 && lastTwo <= 13) {
      return "th";
    }
    return switch ((int) (value % 10)) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }

  private static String[] words(Amount amount) {
    List<String> out = new ArrayList<>();
    if (amount.negative) {
      out.add("minus");
    }
    switch (amount.kind) {
      case CARDINAL -> cardinalWords(amount.whole, out);
      case DECIMAL, PERCENT -> {
        cardinalWords(amount.whole, out);
        if (amount.fraction != null) {
          out.add("point");
          for (char c : amount.fraction.toCharArray()) {
            out.add(UNITS[c - '0']);
          }
        }
        if (amount.kind == Kind.PERCENT) {
          out.add("percent");
        }
      }
      case ORDINAL -> {
        cardinalWords(amount.whole, out);
        out.set(out.size() - 1, ordinalWord(out.get(out.size() - 1)));
      }
      case MONEY -> moneyWords(amount, out);
      case TIME -> {
        cardinalWords(amount.whole, out);
        if (amount.minute > 0 && amount.minute < 10) {
          out.add("oh");
          out.add(UNITS[amount.minute]);
        } else if (amount.minute >= 10) {
          cardinalWords(amount.minute, out);
        }
      }
    }
    if (amount.suffix != null) {
      out.add(amount.suffix);
    }
    return out.toArray(new String[0]);
  }

  private static void moneyWords(Amount money, List<String> out) {
    String[] names =
        switch (money.currency) {
          case '\u00a3' -> new String[] {"pound", "pounds", "penny", "pence"};
          case '\u20ac' -> new String[] {"euro", "euros", "cent", "cents"};
          case '\u00a5' -> new String[] {"yen", "yen", "", ""};
          default -> new String[] {"dollar", "dollars", "cent", "cents"};
        };
    if (money.whole > 0 || money.cents <= 0) {
      cardinalWords(money.whole, out);
      out.add(money.whole == 1 ? names[0] : names[1]);
    }
    if (money.cents > 0) {
      cardinalWords(money.cents, out);
      out.add(money.cents == 1 ? names[2] : names[3]);
    }
  }

  private static void cardinalWords(long value, List<String> out) {
    if (value == 0) {
      out.add("zero");
      return;
    }
    long rest = value;
    for (int s = 0; s < SCALES.length; s++) {
      if (rest >= SCALES[s]) {
        chunkWords((int) (rest / SCALES[s]), out);
        out.add(SCALE_NAMES[s]);
        rest %= SCALES[s];
      }
    }
    if (rest > 0) {
      chunkWords((int) rest, out);
    }
  }

  private static void chunkWords(int value, List<String> out) {
    if (value >= 100) {
      out.add(UNITS[value / 100]);
      out.add("hundred");
      value %= 100;
    }
    if (value >= 20) {
      out.add(TENS[value / 10]);
      if (value % 10 > 0) {
        out.add(UNITS[value % 10]);
      }
    } else if (value >= 10) {
      out.add(TEENS[value - 10]);
    } else if (value > 0) {
      out.add(UNITS[value]);
    }
  }

  private static String ordinalWord(String cardinal) {
    return switch (cardinal) {
      case "one" -> "first";
      case "two" -> "second";
      case "three" -> "third";
      case "five" -> "fifth";
      case "eight" -> "eighth";
      case "nine" -> "ninth";
      case "twelve" -> "twelfth";
      default ->
          cardinal.endsWith("y")
              ? cardinal.substring(0, cardinal.length() - 1) + "ieth"
              : cardinal + "th";
    };
  }
}
