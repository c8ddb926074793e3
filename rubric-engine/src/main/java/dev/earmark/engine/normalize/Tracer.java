package dev.earmark.engine.normalize;

import java.util.ArrayList;
import java.util.List;

/** Collects {@link TraceStep}s during one {@link Normalizer#normalize} call. Not thread-safe. */
final class Tracer {
  private final List<TraceStep> steps = new ArrayList<>();
  private int ruleIndex;
  private String ruleKind;

  void begin(int index, String kind) {
    ruleIndex = index;
    ruleKind = kind;
  }

  /** Records that tokens {@code [from, to)} of {@code in} became {@code [outFrom, out.size)}. */
  void changed(TokenBuffer in, int from, int to, TokenBuffer out, int outFrom) {
    steps.add(
        new TraceStep(
            ruleIndex,
            ruleKind,
            in.start[from],
            in.end[to - 1],
            in.joined(from, to),
            out.size > outFrom ? out.joined(outFrom, out.size) : ""));
  }

  List<TraceStep> steps() {
    return steps;
  }
}
