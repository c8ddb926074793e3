package dev.earmark.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The inputs of {@code benchmarks/scripts/whole-command-pipeline.sh}: N distinct 0.1 s WAVs with
 * their manifest and contract ({@link LargeWorkbenchProject#writeData}), and two annotators' label
 * files for {@code earmark labels import}, one transcript per clip each; one clip in ten differs by
 * a word between the two, so consensus and disputes have something to do.
 */
public final class WholeCommandData {
  private WholeCommandData() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: WholeCommandData DIR CLIPS");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    int clips = Integer.parseInt(args[1]);
    LargeWorkbenchProject.writeData(dir.resolve("data"), clips);
    for (int annotator = 1; annotator <= 2; annotator++) {
      Path file = dir.resolve("data").resolve("ann-" + annotator + ".jsonl");
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (int i = 0; i < clips; i++) {
          String word = annotator == 2 && i % 10 == 0 ? "saving" : "savings";
          out.write(
              "{\"clip_id\": \"large-"
                  + i
                  + "\", \"value\": {\"transcript\": \"please transfer twenty one dollars to "
                  + word
                  + " number "
                  + i
                  + "\"}, \"time_spent_ms\": 4000}\n");
        }
      }
    }
  }
}
