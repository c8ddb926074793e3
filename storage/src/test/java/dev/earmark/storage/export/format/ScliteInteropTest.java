package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.score.ErrorCounts;
import dev.earmark.engine.score.Scorer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs NIST sclite (Debian's sctk) on the STM and CTM writers' output. */
class ScliteInteropTest {
  private static final Path SCLITE = Path.of("/usr/lib/sctk/bin/sclite");
  @TempDir Path dir;

  private static ExportClip clip(String id, String speaker, String reference, String hypothesis) {
    return new ExportClip(
        id,
        Path.of("/audio/" + id.hashCode() + ".wav"),
        id.hashCode() + ".wav",
        3.0,
        16000,
        1,
        speaker,
        reference,
        List.of(),
        hypothesis,
        Map.of(),
        "en");
  }

  /** Clips whose texts hold what sclite reads specially, non-ASCII words, case and empty texts. */
  private static List<ExportClip> clips() {
    return List.of(
        clip("utt one", "spk A", "the cat sat on the mat", "the cat sat on a mat"),
        clip("utt-2", null, "Grüße aus München", "grüße aus münchen heute"),
        clip("utt-3", "spk A", "(um) I think {so / no} ;; yes", "um I think so yes"),
        clip("utt-4", "spk;B", "<noise> it's a 100% test", "it's 100% test"),
        clip("utt-5", "spk;B", "", "stray words"),
        clip("utt-6", "spk;B", "nobody answered this one", null),
        clip("utt-7", "Zoë", "ねこ が すき", "ねこ すき だ"));
  }

  @Test
  void scliteCountsTheSameWordErrorsAsEarmarksScorer() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(SCLITE), "sclite (Debian sctk) is not installed");
    List<ExportClip> clips = clips();
    Path stm = new StmReferences().write(clips, dir).get(0);
    Path ctm = new CtmHypotheses().write(clips, dir).get(0);

    long[] sum = scliteSum(stm, ctm);

    Scorer scorer = Scorer.withoutNormalization();
    ErrorCounts earmark = ErrorCounts.ZERO;
    for (ExportClip clip : clips) {
      String hypothesis = clip.hypothesis() == null ? "" : clip.hypothesis();
      earmark =
          earmark.plus(scorer.score(clip.clipId(), "", clip.transcript(), hypothesis).words());
    }
    assertThat(sum[1]).as("reference words").isEqualTo(earmark.referenceLength());
    assertThat(sum[2]).as("correct").isEqualTo(earmark.hits());
    assertThat(sum[3]).as("substitutions").isEqualTo(earmark.substitutions());
    assertThat(sum[4]).as("deletions").isEqualTo(earmark.deletions());
    assertThat(sum[5]).as("insertions").isEqualTo(earmark.insertions());
    assertThat(earmark.errors()).isGreaterThan(10);
  }

  @Test
  void scliteAcceptsSegmentedClipsWithEveryReferenceWord() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(SCLITE), "sclite (Debian sctk) is not installed");
    List<ExportClip> clips = TestClips.all();
    Path stm = new StmReferences().write(clips, dir).get(0);
    Path ctm = new CtmHypotheses().write(clips, dir).get(0);

    long[] sum = scliteSum(stm, ctm);

    long referenceWords =
        clips.stream().mapToLong(clip -> SclText.words(clip.transcript()).size()).sum();
    assertThat(sum[0]).as("segments").isEqualTo(4);
    assertThat(sum[1]).as("reference words").isEqualTo(referenceWords);
  }

  @Test
  void stmAndCtmLinesHaveSclitesFieldsAndEscapes() throws Exception {
    List<ExportClip> clips = List.of(TestClips.segmented(), TestClips.empty());
    Path stm = new StmReferences().write(clips, dir).get(0);
    Path ctm = new CtmHypotheses().write(clips, dir).get(0);

    String swiss = "Z_C3_BCrich_20interview_2F02";
    assertThat(Files.readAllLines(stm, StandardCharsets.UTF_8))
        .containsExactly(
            swiss + " 1 Anne-Marie_20_C3_98 0.000 1.200 Grüezi mitenand",
            swiss + " 1 Bob 1.500 3.250 \"so\" %28lacht%29 { ja }",
            "empty 1 empty 0.000 1.000");
    // Speech time is 1.2 s + 1.75 s = 2950 ms; six words of 491 or 492 ms spread over it,
    // never starting in the gap from 1.2 s to 1.5 s.
    assertThat(Files.readAllLines(ctm, StandardCharsets.UTF_8))
        .containsExactly(
            swiss + " 1 0.000 0.491 grüezi",
            swiss + " 1 0.491 0.492 mit",
            swiss + " 1 0.983 0.217 enand",
            swiss + " 1 1.775 0.491 so",
            swiss + " 1 2.266 0.492 lacht",
            swiss + " 1 2.758 0.492 ja");
  }

  @Test
  void idsAndAlternationsPassNistsStmAndCtmValidators() throws Exception {
    Path stmValidator = Path.of("/usr/lib/sctk/bin/stmValidator.pl");
    Path ctmValidator = Path.of("/usr/lib/sctk/bin/ctmValidator.pl");
    Assumptions.assumeTrue(
        Files.isReadable(stmValidator) && Files.isReadable(ctmValidator),
        "stmValidator.pl/ctmValidator.pl (Debian package sctk) are not installed; skipping");
    List<ExportClip> clips =
        List.of(
            clip("clip.001", "spk A", "hello there", "hello there"),
            clip("clip_001", "Zoë;B", "i {are not / have not} seen it", "i have not seen it"),
            clip("a b/c", null, "well {uh / @} okay", "well okay"),
            clip("éé", "x.y", "o'clock is it", "o'clock"));
    Path stm = new StmReferences().write(clips, dir).get(0);
    Path ctm = new CtmHypotheses().write(clips, dir).get(0);

    assertThat(run("perl", stmValidator.toString(), "-i", stm.toString())).contains("Validated");
    assertThat(run("perl", ctmValidator.toString(), "-i", ctm.toString())).contains("Validated");
    assertThat(Files.readAllLines(stm, StandardCharsets.UTF_8))
        .contains(
            "clip_2E001 1 spk_20A 0.000 3.000 hello there",
            "clip_5F001 1 Zo_C3_AB_3BB 0.000 3.000 i { are not / have not } seen it");
    assertThat(Files.readString(ctm)).contains("a_20b_2Fc 1 ", "_C3_A9_C3_A9 1 ");
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }

  /** Runs sclite and returns the Sum row: segments, words, corr, sub, del, ins, err, s.err. */
  private long[] scliteSum(Path stm, Path ctm) throws Exception {
    Process process =
        new ProcessBuilder(
                SCLITE.toString(),
                "-r",
                stm.toString(),
                "stm",
                "-h",
                ctm.toString(),
                "ctm",
                "-s",
                "-o",
                "rsum",
                "stdout")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    String sumLine =
        output
            .lines()
            .filter(line -> line.matches("\\s*\\|\\s*Sum\\s*\\|.*"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Sum row in sclite output:\n" + output));
    List<Long> numbers = new ArrayList<>();
    Matcher matcher = Pattern.compile("\\d+").matcher(sumLine);
    while (matcher.find()) {
      numbers.add(Long.parseLong(matcher.group()));
    }
    assertThat(numbers).as(sumLine).hasSize(8);
    return numbers.stream().mapToLong(Long::longValue).toArray();
  }
}
