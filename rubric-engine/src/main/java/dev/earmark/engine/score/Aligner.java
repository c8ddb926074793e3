package dev.earmark.engine.score;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Word-level Levenshtein alignment with unit costs, built for throughput (PRODUCT.md §7, P4).
 *
 * <p>What is promised: {@code errors()} of every result is the minimum number of substitutions,
 * deletions and insertions that turn the reference into the hypothesis. Among the alignments with
 * that minimum, the one with the fewest substitutions (equivalently, the most hits) is chosen, and
 * among those the one found by tracing back from the end preferring a diagonal step (hit or
 * substitution), then a deletion, then an insertion. {@code
 * docs/decisions/0003-alignment-tie-break.md} explains the choice and how it relates to sclite.
 *
 * <p>How: tokens are interned to ints per pair (only reference tokens are stored; a hypothesis
 * token absent from the reference can never match, so it gets id -1), and the dynamic programme
 * runs over two reusable rows of packed costs {@code errors << 32 | substitutions}, which orders
 * alignments by errors first and substitutions second in one {@code long} comparison. {@link
 * #count} allocates only its result; {@link #align} additionally keeps one byte of back-pointers
 * per cell ({@code (n + 1) × (m + 1)} bytes) and builds the {@link AlignmentOp} records. Character
 * counts (CER) first take the exact distance bit-parallel ({@link BitParallelDistance}) and then
 * run the same programme only on the diagonal band that distance allows.
 *
 * <p>Tokens are compared with {@link String#equals}; they must not be {@code null}.
 *
 * <p>Not thread-safe: an instance owns scratch buffers that every call overwrites. Use one instance
 * per thread; creating one is cheap.
 */
public final class Aligner {
  private static final long ERROR = 1L << 32;
  private static final long INSERTION = ERROR;
  private static final long DELETION = ERROR;
  private static final long SUBSTITUTION = ERROR + 1;
  private static final long SUBSTITUTION_MASK = ERROR - 1;

  /** Cost of a cell outside the band; adding a few steps to it cannot overflow. */
  private static final long OUT_OF_BAND = Long.MAX_VALUE / 4;

  private static final byte FROM_DIAGONAL = 1;
  private static final byte FROM_ABOVE = 2; // deletion: reference advances alone
  private static final byte FROM_LEFT = 4; // insertion: hypothesis advances alone

  private int[] referenceIds = new int[32];
  private int[] hypothesisIds = new int[32];
  private long[] previousRow = new long[33];
  private long[] currentRow = new long[33];
  private static final int INITIAL_MOVES = 33 * 33;
  private static final int RETAINED_MOVES = 1 << 20;
  private byte[] moves = new byte[INITIAL_MOVES];

  private int[] referencePoints = new int[128];
  private int[] hypothesisPoints = new int[128];
  private int joinedLength;
  private final BitParallelDistance bitParallel = new BitParallelDistance();

  private String[] internKeys = new String[64];
  private int[] internIds = new int[64];
  private int[] internUsedSlots = new int[32];
  private int internUsed;

  /** Counts of a minimal alignment of the two token lists, without building the alignment. */
  public ErrorCounts count(List<String> reference, List<String> hypothesis) {
    internPair(reference, hypothesis);
    int n = reference.size();
    int m = hypothesis.size();
    return countsOf(distance(referenceIds, n, hypothesisIds, m, false), n, m);
  }

  /**
   * Character counts of a minimal alignment of two strings, compared by Unicode code point (a
   * character outside the Basic Multilingual Plane counts once). Used for CER.
   */
  public ErrorCounts countCodePoints(String reference, String hypothesis) {
    int[] referencePoints = reference.codePoints().toArray();
    int[] hypothesisPoints = hypothesis.codePoints().toArray();
    return characterCounts(
        referencePoints, referencePoints.length, hypothesisPoints, hypothesisPoints.length);
  }

  /**
   * The character edit distance of the two token lists each joined by single spaces, with the
   * reference's length: all CER needs, from the bit-parallel distance alone (no alignment).
   */
  public CharacterErrors characterErrors(List<String> reference, List<String> hypothesis) {
    referencePoints = joinCodePoints(reference, referencePoints);
    int n = joinedLength;
    hypothesisPoints = joinCodePoints(hypothesis, hypothesisPoints);
    int m = joinedLength;
    return new CharacterErrors(bitParallel.distance(referencePoints, n, hypothesisPoints, m), n);
  }

  /**
   * Character counts of the two token lists each joined by single spaces, as {@link
   * #countCodePoints} would give for {@code String.join(" ", tokens)}, without building the
   * strings.
   */
  public ErrorCounts countCharacters(List<String> reference, List<String> hypothesis) {
    referencePoints = joinCodePoints(reference, referencePoints);
    int n = joinedLength;
    hypothesisPoints = joinCodePoints(hypothesis, hypothesisPoints);
    int m = joinedLength;
    return characterCounts(referencePoints, n, hypothesisPoints, m);
  }

  /**
   * The same counts as the full programme, cheaper: the bit-parallel distance {@code d} comes
   * first; when it is {@code |n - m|} the counts follow from it alone (only gaps of one kind), and
   * otherwise the programme runs only on the diagonals {@code k = j - i} that a path of {@code d}
   * errors can touch ({@code |k| + |(m - n) - k| <= d}, Ukkonen's band, about {@code d + 1} cells a
   * row). Every alignment with {@code d} errors lies inside, so the one with the fewest
   * substitutions among them does too.
   */
  private ErrorCounts characterCounts(int[] reference, int n, int[] hypothesis, int m) {
    int d = bitParallel.distance(reference, n, hypothesis, m);
    if (d == Math.abs(n - m)) {
      return n >= m ? new ErrorCounts(m, 0, n - m, 0) : new ErrorCounts(n, 0, 0, m - n);
    }
    int delta = m - n;
    int lowest = Math.floorDiv(delta - d + 1, 2); // ceil((delta - d) / 2)
    int highest = Math.floorDiv(delta + d, 2);
    return countsOf(bandedDistance(reference, n, hypothesis, m, lowest, highest), n, m);
  }

  /**
   * Packed cost of the cheapest alignment that stays on the diagonals {@code lowest <= j - i <=
   * highest} ({@code lowest <= 0 <= highest}); equal to {@link #distance}'s whenever the band holds
   * an optimal alignment.
   */
  private long bandedDistance(
      int[] reference, int n, int[] hypothesis, int m, int lowest, int highest) {
    int width = m + 1;
    if (previousRow.length < width + 1) {
      previousRow = new long[width * 2];
      currentRow = new long[width * 2];
    }
    long[] previous = previousRow;
    long[] current = currentRow;
    for (int j = 0; j <= m; j++) {
      previous[j] = j <= highest ? j * INSERTION : OUT_OF_BAND;
    }
    for (int i = 1; i <= n; i++) {
      int token = reference[i - 1];
      int low = Math.max(1, i + lowest);
      int high = Math.min(m, i + highest);
      current[low - 1] = low == 1 && i <= -lowest ? i * DELETION : OUT_OF_BAND;
      for (int j = low; j <= high; j++) {
        long diagonal = previous[j - 1] + (token == hypothesis[j - 1] ? 0 : SUBSTITUTION);
        long above = previous[j] + DELETION;
        long left = current[j - 1] + INSERTION;
        current[j] = Math.min(diagonal, Math.min(above, left));
      }
      if (high < m) {
        current[high + 1] = OUT_OF_BAND; // the next row's cell above its last one
      }
      long[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[m];
  }

  /** Code points of the tokens joined by single spaces into {@code buffer} (grown if needed). */
  private int[] joinCodePoints(List<String> tokens, int[] buffer) {
    int needed = tokens.size();
    for (String token : tokens) {
      needed += token.length();
    }
    int[] target = buffer.length >= needed ? buffer : new int[needed * 2];
    int length = 0;
    for (int t = 0; t < tokens.size(); t++) {
      if (t > 0) {
        target[length++] = ' ';
      }
      String token = tokens.get(t);
      for (int index = 0; index < token.length(); ) {
        int codePoint = token.codePointAt(index);
        target[length++] = codePoint;
        index += Character.charCount(codePoint);
      }
    }
    joinedLength = length;
    return target;
  }

  /**
   * Word counts and character errors of two raw texts split as {@link Tokenizer#WHITESPACE} splits
   * them, without making a string per token: the same counts as {@link #count} and {@link
   * #characterErrors} of the two token lists. Tokens are found and interned as ranges of the text
   * (compared with {@link String#regionMatches}), and the code points of the tokens joined by
   * single spaces are taken from the same ranges. Returns {@code null} when a token of either text
   * starts with <code>{</code> (alternation markup), which this path does not align.
   */
  UtteranceCounts countWhitespaceTokens(String reference, String hypothesis) {
    referenceChars = charsOf(reference, referenceChars);
    int n = splitWhitespace(referenceChars, reference.length(), true);
    if (n < 0) {
      return null;
    }
    hypothesisChars = charsOf(hypothesis, hypothesisChars);
    int m = splitWhitespace(hypothesisChars, hypothesis.length(), false);
    if (m < 0) {
      return null;
    }
    internRanges(n, m);
    ErrorCounts words = countsOf(distance(referenceIds, n, hypothesisIds, m, false), n, m);
    referencePoints =
        joinRanges(
            referenceChars, reference.length(), referenceStarts, referenceEnds, n, referencePoints);
    int referenceLength = joinedLength;
    hypothesisPoints =
        joinRanges(
            hypothesisChars,
            hypothesis.length(),
            hypothesisStarts,
            hypothesisEnds,
            m,
            hypothesisPoints);
    int hypothesisLength = joinedLength;
    int errors =
        bitParallel.distance(referencePoints, referenceLength, hypothesisPoints, hypothesisLength);
    return new UtteranceCounts(words, new CharacterErrors(errors, referenceLength));
  }

  /** Word counts and character errors of one pair, as {@link #countWhitespaceTokens} gives them. */
  record UtteranceCounts(ErrorCounts words, CharacterErrors characters) {}

  // The texts' UTF-16 units, copied once a pair: scanning an array is cheaper than charAt, most of
  // all before the optimising compiler has run (short commands may never run it).
  private char[] referenceChars = new char[256];
  private char[] hypothesisChars = new char[256];
  private int[] referenceStarts = new int[32];
  private int[] referenceEnds = new int[32];
  private int[] hypothesisStarts = new int[32];
  private int[] hypothesisEnds = new int[32];
  private int[] rangeSlots = new int[64];

  private static char[] charsOf(String text, char[] buffer) {
    char[] target = buffer.length >= text.length() ? buffer : new char[text.length() * 2];
    text.getChars(0, text.length(), target, 0);
    return target;
  }

  /**
   * Token ranges of {@code text[0, length)} split at ASCII whitespace (as {@link
   * Tokenizer#WHITESPACE}) into the reference's or the hypothesis's range arrays; their count, or
   * -1 when a token starts with an opening brace.
   */
  private int splitWhitespace(char[] text, int length, boolean reference) {
    int[] starts = reference ? referenceStarts : hypothesisStarts;
    int[] ends = reference ? referenceEnds : hypothesisEnds;
    int needed = length / 2 + 1; // a token takes at least two units (itself and a separator)
    if (starts.length < needed) {
      starts = new int[needed * 2];
      ends = new int[needed * 2];
      if (reference) {
        referenceStarts = starts;
        referenceEnds = ends;
      } else {
        hypothesisStarts = starts;
        hypothesisEnds = ends;
      }
    }
    int count = 0;
    int start = -1;
    for (int index = 0; index < length; index++) {
      char c = text[index];
      if (c == ' ' || (c >= '\t' && c <= '\r')) {
        if (start >= 0) {
          ends[count++] = index;
          start = -1;
        }
      } else if (start < 0) {
        if (c == '{') {
          return -1;
        }
        start = index;
        starts[count] = index;
      }
    }
    if (start >= 0) {
      ends[count++] = length;
    }
    return count;
  }

  /**
   * {@link #internPair} on the token ranges of {@link #referenceChars} and {@link
   * #hypothesisChars}.
   */
  private void internRanges(int n, int m) {
    if (referenceIds.length < n) {
      referenceIds = new int[n * 2];
    }
    if (hypothesisIds.length < m) {
      hypothesisIds = new int[m * 2];
    }
    int capacity = Integer.highestOneBit(Math.max(16, n * 2) - 1) << 1;
    if (rangeSlots.length < capacity) {
      rangeSlots = new int[capacity];
    }
    int mask = capacity - 1;
    Arrays.fill(rangeSlots, 0, capacity, -1);
    // A slot holds the index of the first reference token of its word; the word's id is that
    // token's id.
    char[] reference = referenceChars;
    char[] hypothesis = hypothesisChars;
    int nextId = 0;
    for (int i = 0; i < n; i++) {
      int start = referenceStarts[i];
      int end = referenceEnds[i];
      int slot = spread(hash(reference, start, end)) & mask;
      int id = -1;
      int first;
      while ((first = rangeSlots[slot]) >= 0) {
        int firstStart = referenceStarts[first];
        if (Arrays.equals(reference, firstStart, referenceEnds[first], reference, start, end)) {
          id = referenceIds[first];
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (id < 0) {
        id = nextId++;
        rangeSlots[slot] = i;
      }
      referenceIds[i] = id;
    }
    for (int j = 0; j < m; j++) {
      int start = hypothesisStarts[j];
      int end = hypothesisEnds[j];
      int slot = spread(hash(hypothesis, start, end)) & mask;
      int id = -1;
      int first;
      while ((first = rangeSlots[slot]) >= 0) {
        int firstStart = referenceStarts[first];
        if (Arrays.equals(hypothesis, start, end, reference, firstStart, referenceEnds[first])) {
          id = referenceIds[first];
          break;
        }
        slot = (slot + 1) & mask;
      }
      hypothesisIds[j] = id;
    }
  }

  private static int hash(char[] text, int start, int end) {
    int hash = 0;
    for (int index = start; index < end; index++) {
      hash = 31 * hash + text[index];
    }
    return hash;
  }

  /**
   * Code points of the ranges of {@code text[0, length)} joined by single spaces (as {@link
   * #joinCodePoints}).
   */
  private int[] joinRanges(
      char[] text, int length, int[] starts, int[] ends, int count, int[] buffer) {
    int needed = length + count;
    int[] target = buffer.length >= needed ? buffer : new int[needed * 2];
    int joined = 0;
    for (int t = 0; t < count; t++) {
      if (t > 0) {
        target[joined++] = ' ';
      }
      for (int index = starts[t], end = ends[t]; index < end; ) {
        char c = text[index];
        if (Character.isHighSurrogate(c) && index + 1 < length) {
          int codePoint = Character.codePointAt(text, index, length);
          target[joined++] = codePoint;
          index += Character.charCount(codePoint);
        } else {
          target[joined++] = c;
          index++;
        }
      }
    }
    joinedLength = joined;
    return target;
  }

  /** A minimal alignment of the two token lists, with the tie-break described above. */
  public Alignment align(List<String> reference, List<String> hypothesis) {
    internPair(reference, hypothesis);
    int n = reference.size();
    int m = hypothesis.size();
    ErrorCounts counts = countsOf(distance(referenceIds, n, hypothesisIds, m, true), n, m);
    List<AlignmentOp> ops = traceBack(reference, hypothesis);
    if (moves.length > RETAINED_MOVES) {
      moves =
          new byte[INITIAL_MOVES]; // one long pair must not pin its matrix for the aligner's life
    }
    return new Alignment(reference, hypothesis, ops, counts);
  }

  private List<AlignmentOp> traceBack(List<String> reference, List<String> hypothesis) {
    int width = hypothesis.size() + 1;
    int i = reference.size();
    int j = hypothesis.size();
    List<AlignmentOp> reversed = new ArrayList<>(i + j);
    while (i > 0 || j > 0) {
      byte move = moves[i * width + j];
      if ((move & FROM_DIAGONAL) != 0) {
        i--;
        j--;
        String ref = reference.get(i);
        String hyp = hypothesis.get(j);
        reversed.add(
            referenceIds[i] == hypothesisIds[j]
                ? new AlignmentOp.Hit(i, j, ref)
                : new AlignmentOp.Substitution(i, j, ref, hyp));
      } else if ((move & FROM_ABOVE) != 0) {
        i--;
        reversed.add(new AlignmentOp.Deletion(i, j, reference.get(i)));
      } else {
        j--;
        reversed.add(new AlignmentOp.Insertion(i, j, hypothesis.get(j)));
      }
    }
    Collections.reverse(reversed);
    return reversed;
  }

  /**
   * Packed cost of the cheapest alignment of {@code reference[0..n)} with {@code hypothesis[0..m)}.
   * With {@code recordMoves}, {@link #moves} holds every optimal predecessor of every cell.
   */
  private long distance(int[] reference, int n, int[] hypothesis, int m, boolean recordMoves) {
    int width = m + 1;
    if (previousRow.length < width) {
      previousRow = new long[width * 2];
      currentRow = new long[width * 2];
    }
    if (recordMoves) {
      long cells = (long) (n + 1) * width;
      if (cells > Integer.MAX_VALUE - 16) {
        throw new EngineException(
            "an utterance pair of "
                + n
                + " reference and "
                + m
                + " hypothesis words is too long to align word by word; split it into shorter"
                + " segments");
      }
      if (moves.length < cells) {
        moves = new byte[(int) Math.min(Integer.MAX_VALUE - 16, cells * 2)];
      }
      moves[0] = 0;
      for (int j = 1; j <= m; j++) {
        moves[j] = FROM_LEFT;
      }
    }
    long[] previous = previousRow;
    long[] current = currentRow;
    for (int j = 0; j <= m; j++) {
      previous[j] = j * INSERTION;
    }
    for (int i = 1; i <= n; i++) {
      int token = reference[i - 1];
      current[0] = i * DELETION;
      int rowStart = i * width;
      if (recordMoves) {
        moves[rowStart] = FROM_ABOVE;
      }
      for (int j = 1; j <= m; j++) {
        long diagonal = previous[j - 1] + (token == hypothesis[j - 1] ? 0 : SUBSTITUTION);
        long above = previous[j] + DELETION;
        long left = current[j - 1] + INSERTION;
        long best = Math.min(diagonal, Math.min(above, left));
        current[j] = best;
        if (recordMoves) {
          moves[rowStart + j] =
              (byte)
                  ((diagonal == best ? FROM_DIAGONAL : 0)
                      | (above == best ? FROM_ABOVE : 0)
                      | (left == best ? FROM_LEFT : 0));
        }
      }
      long[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[m];
  }

  /**
   * Recovers H, S, D, I from the packed cost: any alignment has {@code D - I = n - m}, and {@code D
   * + I = errors - S}.
   */
  private static ErrorCounts countsOf(long packedCost, int n, int m) {
    long errors = packedCost >>> 32;
    long substitutions = packedCost & SUBSTITUTION_MASK;
    long gaps = errors - substitutions;
    long deletions = (gaps + n - m) / 2;
    long insertions = (gaps - n + m) / 2;
    long hits = n - substitutions - deletions;
    return new ErrorCounts(hits, substitutions, deletions, insertions);
  }

  /** Fills {@link #referenceIds} and {@link #hypothesisIds} for one pair. */
  private void internPair(List<String> reference, List<String> hypothesis) {
    int n = reference.size();
    int m = hypothesis.size();
    if (referenceIds.length < n) {
      referenceIds = new int[n * 2];
    }
    if (hypothesisIds.length < m) {
      hypothesisIds = new int[m * 2];
    }
    int capacity = Integer.highestOneBit(Math.max(16, n * 2) - 1) << 1;
    if (internKeys.length < capacity) {
      internKeys = new String[capacity];
      internIds = new int[capacity];
      internUsedSlots = new int[capacity];
    } else {
      for (int k = 0; k < internUsed; k++) {
        internKeys[internUsedSlots[k]] = null;
      }
    }
    internUsed = 0;
    int mask = internKeys.length - 1;
    int nextId = 0;
    for (int i = 0; i < n; i++) {
      String token = reference.get(i);
      int slot = spread(token.hashCode()) & mask;
      int id = -1;
      while (internKeys[slot] != null) {
        if (internKeys[slot].equals(token)) {
          id = internIds[slot];
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (id < 0) {
        id = nextId++;
        internKeys[slot] = token;
        internIds[slot] = id;
        internUsedSlots[internUsed++] = slot;
      }
      referenceIds[i] = id;
    }
    for (int j = 0; j < m; j++) {
      String token = hypothesis.get(j);
      int slot = spread(token.hashCode()) & mask;
      int id = -1;
      while (internKeys[slot] != null) {
        if (internKeys[slot].equals(token)) {
          id = internIds[slot];
          break;
        }
        slot = (slot + 1) & mask;
      }
      hypothesisIds[j] = id;
    }
  }

  private static int spread(int hash) {
    int mixed = hash * 0x9E3779B9;
    return mixed ^ (mixed >>> 16);
  }
}
