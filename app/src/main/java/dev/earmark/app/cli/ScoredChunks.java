package dev.earmark.app.cli;

import dev.earmark.engine.score.AlignmentMode;
import dev.earmark.engine.score.Scorer;
import dev.earmark.engine.score.TranscriptPair;
import dev.earmark.engine.score.UtteranceScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The utterance scores of {@code earmark wer}, scored in chunks of {@link #CHUNK} pairs on up to
 * {@code threads} threads (each with its own {@link Scorer}; the calling thread is one of them),
 * and with {@code --json} each chunk's utterance objects formatted ({@link WerJson#utterances}) by
 * the thread that scored it, so the 57 MB of a 200k-pair document are made on every core while the
 * totals that come first in it are still being summed. Chunks are taken in order by whichever
 * thread is free and kept by index: the result is the same on any number of threads.
 */
record ScoredChunks(List<UtteranceScore> utterances, List<CharSequence> json) {
  /**
   * Pairs per chunk: small enough to share work evenly, large enough to cost nothing to hand out.
   */
  static final int CHUNK = 4_096;

  static ScoredChunks score(
      TranscriptPairFile.Contents contents,
      ScoringNormalization normalization,
      AlignmentMode mode,
      int threads,
      boolean formatJson) {
    List<TranscriptPair> pairs = contents.pairs();
    int chunks = (pairs.size() + CHUNK - 1) / CHUNK;
    UtteranceScore[][] scored = new UtteranceScore[chunks][];
    CharSequence[] formatted = new CharSequence[formatJson ? chunks : 0];
    AtomicInteger next = new AtomicInteger();
    Runnable work =
        () -> {
          Scorer scorer =
              new Scorer(normalization.tokenizer(), normalization.protectedPhrases(), mode);
          WerJson json = formatJson ? new WerJson() : null;
          for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
            int from = chunk * CHUNK;
            int to = Math.min(pairs.size(), from + CHUNK);
            UtteranceScore[] scores = new UtteranceScore[to - from];
            for (int index = from; index < to; index++) {
              TranscriptPair pair = pairs.get(index);
              scores[index - from] =
                  scorer.score(pair.id(), pair.slice(), pair.reference(), pair.hypothesis());
            }
            scored[chunk] = scores;
            if (json != null) {
              formatted[chunk] =
                  json.utterances(Arrays.asList(scores), chunk == 0, contents.sliced());
            }
          }
        };
    List<Worker> workers = new ArrayList<>();
    for (int helper = 1; helper < Math.min(threads, chunks); helper++) {
      Worker worker = new Worker(work, helper);
      worker.start();
      workers.add(worker);
    }
    work.run();
    for (Worker worker : workers) {
      worker.finish();
    }
    List<UtteranceScore> utterances = new ArrayList<>(pairs.size());
    for (UtteranceScore[] chunk : scored) {
      utterances.addAll(Arrays.asList(chunk));
    }
    return new ScoredChunks(utterances, Arrays.asList(formatted));
  }

  /** One helper thread; its failure is rethrown on the calling thread by {@link #finish}. */
  private static final class Worker extends Thread {
    private final Runnable work;
    private RuntimeException failure;

    Worker(Runnable work, int number) {
      super("earmark-wer-" + number);
      setDaemon(true);
      this.work = work;
    }

    @Override
    public void run() {
      try {
        work.run();
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    void finish() {
      try {
        join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while scoring", e);
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}
