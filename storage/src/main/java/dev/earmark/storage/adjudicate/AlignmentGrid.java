package dev.earmark.storage.adjudicate;

import dev.earmark.engine.normalize.NormalizedText;
import dev.earmark.engine.normalize.NormalizedToken;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.TraceStep;
import dev.earmark.engine.score.Aligner;
import dev.earmark.engine.score.Alignment;
import dev.earmark.engine.score.AlignmentOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The word-aligned view of one ASR dispute: one row per transcript (the ASR hypothesis and every
 * annotator's), one column per alignment position, so that every row's token sits under the same
 * position and a gap shows as {@code ·}.
 *
 * <p><b>How the rows are aligned.</b> A true multiple alignment is NP-hard; adjudicators need
 * something simpler they can read. Every row is aligned on its own with rubric-engine's {@link
 * Aligner} against one <em>pivot</em> row (the row the adjudicator picked, whose text is the
 * candidate final label; before a pick, the first annotator). Pivot tokens give the main columns.
 * Words a row has where the pivot has none (insertions) sit between two pivot columns; the
 * insertions of all rows at the same place share columns, as many as the row with the most
 * insertions there needs, filled from the left. So a row's colours always say how it differs from
 * the pivot: {@link CellKind#SUBSTITUTION} (another word at that position), {@link
 * CellKind#DELETION} (the row lacks the pivot's word) or {@link CellKind#INSERTION} (an extra
 * word). Two non-pivot rows that both insert at the same place are not aligned with each other;
 * that is the price of a pivot, and picking another row re-aligns everything to it.
 *
 * <p>Tokens are the normalized tokens of the project's rule set ({@link Normalizer#normalize});
 * each cell's tooltip names the raw text it came from and the rules that changed it.
 *
 * <p>Shared by the adjudication screen and {@code earmark disputes show}. Immutable and
 * thread-safe; build it off the JavaFX thread with {@link #build}.
 *
 * @param columns how many alignment positions there are
 * @param rows the rows in the order given to {@link #build}
 * @param ruleSet the rule set the tokens were normalized with, e.g. {@code en-asr@1}, or "none"
 */
public record AlignmentGrid(int columns, List<Row> rows, String ruleSet) {
  public AlignmentGrid {
    rows = List.copyOf(rows);
  }

  /** The character every gap shows. */
  public static final String GAP = "·";

  /** What one cell shows relative to the pivot row, each with its own colour AND shape. */
  public enum CellKind {
    /** Same word as the pivot (or a pivot token): plain. */
    HIT,
    /** Another word than the pivot's: Okabe–Ito orange, boxed. */
    SUBSTITUTION,
    /** The pivot's word is missing here: Okabe–Ito vermillion, struck through. */
    DELETION,
    /** A word the pivot lacks: Okabe–Ito blue, underlined. */
    INSERTION,
    /** Nothing here because another row inserted a word: a plain gap. */
    GAP;

    /** The CSS style class of a cell of this kind, e.g. {@code token-substitution}. */
    public String styleClass() {
      return "token-" + name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether a row is an annotator's transcript or the model's hypothesis. */
  public enum Source {
    ANNOTATOR,
    HYPOTHESIS
  }

  /** One transcript to align: who wrote it and its raw text. */
  public record Transcript(String id, Source source, String raw) {}

  /**
   * One cell: the normalized token (or {@link #GAP}), its kind and the tooltip tracing it to the
   * raw text ("raw: ‘Twenty-one’ · rule 3 numbers: twenty one → 21").
   */
  public record Cell(String text, CellKind kind, String tooltip) {}

  /** One row: its transcript's id and source, whether it is the pivot, and its cells. */
  public record Row(String id, Source source, boolean pivot, List<Cell> cells) {
    public Row {
      cells = List.copyOf(cells);
    }

    /** The row's normalized tokens, left to right, without gaps. */
    public List<String> tokens() {
      return cells.stream()
          .filter(cell -> cell.kind() != CellKind.GAP && cell.kind() != CellKind.DELETION)
          .map(Cell::text)
          .toList();
    }
  }

  /**
   * Aligns {@code transcripts} against transcript {@code pivot} (an index into the list).
   *
   * @param ruleSet the name of the rule set {@code normalizer} was compiled from, for the tooltips
   */
  public static AlignmentGrid build(
      List<Transcript> transcripts, int pivot, Normalizer normalizer, String ruleSet) {
    if (transcripts.isEmpty()) {
      return new AlignmentGrid(0, List.of(), ruleSet);
    }
    if (pivot < 0 || pivot >= transcripts.size()) {
      throw new IllegalArgumentException("pivot " + pivot + " is not one of the rows");
    }
    List<NormalizedText> texts =
        transcripts.stream().map(t -> normalizer.normalize(t.raw())).toList();
    List<String> pivotWords = texts.get(pivot).words();
    int n = pivotWords.size();
    Aligner aligner = new Aligner();
    List<Alignment> alignments = new ArrayList<>();
    int[] insertionColumns = new int[n + 1];
    for (int r = 0; r < texts.size(); r++) {
      if (r == pivot) {
        alignments.add(null);
        continue;
      }
      Alignment alignment = aligner.align(pivotWords, texts.get(r).words());
      alignments.add(alignment);
      int[] here = new int[n + 1];
      for (AlignmentOp op : alignment.ops()) {
        if (op instanceof AlignmentOp.Insertion insertion) {
          here[insertion.referencePosition()]++;
        }
      }
      for (int slot = 0; slot <= n; slot++) {
        insertionColumns[slot] = Math.max(insertionColumns[slot], here[slot]);
      }
    }
    int columns = n;
    for (int count : insertionColumns) {
      columns += count;
    }
    String pivotId = transcripts.get(pivot).id();
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < texts.size(); r++) {
      NormalizedText text = texts.get(r);
      List<Cell> cells = new ArrayList<>(columns);
      if (r == pivot) {
        for (int slot = 0; slot <= n; slot++) {
          gaps(cells, insertionColumns[slot]);
          if (slot < n) {
            cells.add(new Cell(pivotWords.get(slot), CellKind.HIT, origin(text, slot, ruleSet)));
          }
        }
      } else {
        List<List<Cell>> insertions = new ArrayList<>();
        Cell[] atPivot = new Cell[n];
        for (int slot = 0; slot <= n; slot++) {
          insertions.add(new ArrayList<>());
        }
        for (AlignmentOp op : alignments.get(r).ops()) {
          if (op instanceof AlignmentOp.Hit hit) {
            atPivot[hit.referenceIndex()] =
                new Cell(hit.token(), CellKind.HIT, origin(text, hit.hypothesisIndex(), ruleSet));
          } else if (op instanceof AlignmentOp.Substitution substitution) {
            atPivot[substitution.referenceIndex()] =
                new Cell(
                    substitution.hypothesis(),
                    CellKind.SUBSTITUTION,
                    "substitution for ‘"
                        + substitution.reference()
                        + "’ of "
                        + pivotId
                        + "\n"
                        + origin(text, substitution.hypothesisIndex(), ruleSet));
          } else if (op instanceof AlignmentOp.Deletion deletion) {
            atPivot[deletion.referenceIndex()] =
                new Cell(
                    GAP,
                    CellKind.DELETION,
                    "deletion: no word for ‘" + deletion.reference() + "’ of " + pivotId);
          } else if (op instanceof AlignmentOp.Insertion insertion) {
            insertions
                .get(insertion.referencePosition())
                .add(
                    new Cell(
                        insertion.hypothesis(),
                        CellKind.INSERTION,
                        "insertion: "
                            + pivotId
                            + " has no word here\n"
                            + origin(text, insertion.hypothesisIndex(), ruleSet)));
          }
        }
        for (int slot = 0; slot <= n; slot++) {
          List<Cell> inserted = insertions.get(slot);
          cells.addAll(inserted);
          gaps(cells, insertionColumns[slot] - inserted.size());
          if (slot < n) {
            cells.add(atPivot[slot]);
          }
        }
      }
      Transcript transcript = transcripts.get(r);
      rows.add(new Row(transcript.id(), transcript.source(), r == pivot, cells));
    }
    return new AlignmentGrid(columns, rows, ruleSet);
  }

  private static void gaps(List<Cell> cells, int count) {
    for (int i = 0; i < count; i++) {
      cells.add(new Cell(GAP, CellKind.GAP, ""));
    }
  }

  /**
   * "raw: ‘Twenty-one’" and one line per rule that changed the raw span of token {@code index}
   * (rule number from 1, its kind, before → after).
   */
  static String origin(NormalizedText text, int index, String ruleSet) {
    NormalizedToken token = text.tokens().get(index);
    StringBuilder tooltip =
        new StringBuilder("raw: ‘")
            .append(text.raw(), token.start(), token.end())
            .append("’ (")
            .append(ruleSet)
            .append(')');
    for (TraceStep step : text.trace()) {
      if (step.start() < token.end() && token.start() < step.end()) {
        tooltip
            .append("\nrule ")
            .append(step.ruleIndex() + 1)
            .append(' ')
            .append(step.ruleKind())
            .append(": ‘")
            .append(step.before())
            .append("’ → ‘")
            .append(step.after())
            .append('’');
      }
    }
    return tooltip.toString();
  }
}
