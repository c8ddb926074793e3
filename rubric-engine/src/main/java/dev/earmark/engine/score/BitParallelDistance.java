package dev.earmark.engine.score;

import java.util.Arrays;

/**
 * Unit-cost Levenshtein distance of two code-point sequences by Myers' bit-vector algorithm, in
 * Hyyrö's formulation for patterns longer than one machine word (G. Myers, "A fast bit-vector
 * algorithm for approximate string matching based on dynamic programming", JACM 1999; H. Hyyrö, "A
 * bit-vector algorithm for computing Levenshtein and Damerau edit distances", 2003).
 *
 * <p>What is promised: {@link #distance} is exactly the minimum number of substitutions, deletions
 * and insertions, the same number the cell-by-cell dynamic programme gives. It costs {@code ceil(n
 * / 64) × m} word operations instead of {@code n × m} cells, which is what CER spends most of its
 * time on (an utterance of 15 words is about 80 code points).
 *
 * <p>How: the reference is the pattern; each 64-row block of the programme's column is held as two
 * bit vectors (positive and negative vertical deltas) and one hypothesis code point advances every
 * block by a handful of word operations, the horizontal delta carrying from block to block. The
 * bits above the reference's length in the last block only ever receive carries from below, so they
 * never disturb the row that is read.
 *
 * <p>Not thread-safe: an instance owns scratch buffers that every call overwrites.
 */
final class BitParallelDistance {
  private static final long ALL_ONES = -1L;
  private static final int ASCII = 128;

  /**
   * Per distinct reference code point, one match mask per block: {@code masks[id * blocks + b]}.
   */
  private long[] masks = new long[64 * 2];

  private long[] positive = new long[2];
  private long[] negative = new long[2];

  private int[] tableKeys = new int[64];
  private int[] tableIds = new int[64];
  private boolean[] tableUsed = new boolean[64];
  private int[] usedSlots = new int[64];
  private int usedCount;
  private final int[] asciiIds = new int[ASCII];

  /**
   * The edit distance between {@code reference[0..n)} and {@code hypothesis[0..m)}, compared by
   * {@code int} value (code points).
   */
  int distance(int[] reference, int n, int[] hypothesis, int m) {
    if (n == 0) {
      return m;
    }
    if (m == 0) {
      return n;
    }
    int blocks = (n + 63) >>> 6;
    buildMasks(reference, n, blocks);
    long lastBit = 1L << ((n - 1) & 63);
    int score = n;
    if (blocks == 1) {
      long pv = ALL_ONES;
      long mv = 0;
      for (int j = 0; j < m; j++) {
        int id = lookup(hypothesis[j]);
        long eq = id < 0 ? 0 : masks[id];
        long xv = eq | mv;
        long xh = (((eq & pv) + pv) ^ pv) | eq;
        long ph = mv | ~(xh | pv);
        long mh = pv & xh;
        if ((ph & lastBit) != 0) {
          score++;
        } else if ((mh & lastBit) != 0) {
          score--;
        }
        ph = (ph << 1) | 1; // the top row D[0][j] = j grows by one per column
        mh <<= 1;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
      }
      return score;
    }
    if (positive.length < blocks) {
      positive = new long[blocks * 2];
      negative = new long[blocks * 2];
    }
    for (int b = 0; b < blocks; b++) {
      positive[b] = ALL_ONES;
      negative[b] = 0;
    }
    int last = blocks - 1;
    for (int j = 0; j < m; j++) {
      int id = lookup(hypothesis[j]);
      int base = id < 0 ? -1 : id * blocks;
      int carry = 1; // horizontal delta entering block 0 from the top row
      for (int b = 0; b < blocks; b++) {
        long eq = base < 0 ? 0 : masks[base + b];
        long pv = positive[b];
        long mv = negative[b];
        long xv = eq | mv;
        if (carry < 0) {
          eq |= 1;
        }
        long xh = (((eq & pv) + pv) ^ pv) | eq;
        long ph = mv | ~(xh | pv);
        long mh = pv & xh;
        long high = b == last ? lastBit : Long.MIN_VALUE;
        int out = (ph & high) != 0 ? 1 : (mh & high) != 0 ? -1 : 0;
        ph <<= 1;
        mh <<= 1;
        if (carry < 0) {
          mh |= 1;
        } else if (carry > 0) {
          ph |= 1;
        }
        positive[b] = mh | ~(xv | ph);
        negative[b] = ph & xv;
        carry = out;
      }
      score += carry;
    }
    return score;
  }

  /** Fills the match masks of the reference's code points. */
  private void buildMasks(int[] reference, int n, int blocks) {
    int capacity = Integer.highestOneBit(Math.max(16, n * 2) - 1) << 1;
    if (tableKeys.length < capacity) {
      tableKeys = new int[capacity];
      tableIds = new int[capacity];
      tableUsed = new boolean[capacity];
      usedSlots = new int[capacity];
    } else {
      for (int k = 0; k < usedCount; k++) {
        tableUsed[usedSlots[k]] = false;
      }
    }
    usedCount = 0;
    Arrays.fill(asciiIds, -1);
    if (masks.length < n * blocks) {
      masks = new long[n * blocks * 2];
    }
    int mask = tableKeys.length - 1;
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      int codePoint = reference[i];
      if (codePoint >= 0 && codePoint < ASCII) {
        // ASCII code points are found through asciiIds alone (as lookup finds them): no hashing.
        int id = asciiIds[codePoint];
        if (id < 0) {
          id = distinct++;
          asciiIds[codePoint] = id;
          int from = id * blocks;
          for (int b = 0; b < blocks; b++) {
            masks[from + b] = 0;
          }
        }
        masks[id * blocks + (i >>> 6)] |= 1L << (i & 63);
        continue;
      }
      int slot = spread(codePoint) & mask;
      int id = -1;
      while (tableUsed[slot]) {
        if (tableKeys[slot] == codePoint) {
          id = tableIds[slot];
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (id < 0) {
        id = distinct++;
        tableUsed[slot] = true;
        tableKeys[slot] = codePoint;
        tableIds[slot] = id;
        usedSlots[usedCount++] = slot;
        int from = id * blocks;
        for (int b = 0; b < blocks; b++) {
          masks[from + b] = 0;
        }
      }
      masks[id * blocks + (i >>> 6)] |= 1L << (i & 63);
    }
  }

  /** The reference id of a code point, or -1 when the reference does not contain it. */
  private int lookup(int codePoint) {
    if (codePoint >= 0 && codePoint < ASCII) {
      return asciiIds[codePoint];
    }
    int mask = tableKeys.length - 1;
    int slot = spread(codePoint) & mask;
    while (tableUsed[slot]) {
      if (tableKeys[slot] == codePoint) {
        return tableIds[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private static int spread(int value) {
    int mixed = value * 0x9E3779B9;
    return mixed ^ (mixed >>> 16);
  }
}
