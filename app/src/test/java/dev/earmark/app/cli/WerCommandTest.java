package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.app.cli.EarmarkCommandTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WerCommandTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static JsonNode json(Result result) throws IOException {
    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    return JsonOutput.mapper().readTree(result.out());
  }

  @Test
  void jsonlCorpusWerIsTotalErrorsOverTotalReferenceWords() throws IOException {
    Path file =
        write(
            "pairs.jsonl",
            """
            {"id": "long", "reference": "one two three four five six seven eight nine ten", \
            "hypothesis": "one two three four five six seven eight nine tan"}
            {"id": "short", "reference": "yes please", "hypothesis": "no", "audio": "x.wav"}
            """);
    JsonNode result = json(EarmarkCommandTest.run("wer", "--input", file.toString(), "--json"));
    // 3 errors / 12 reference words = 0.25; the mean of 0.1 and 1.0 would be 0.55
    assertThat(result.get("wer").asDouble()).isEqualTo(0.25);
    assertThat(result.get("substitutions").asInt()).isEqualTo(2);
    assertThat(result.get("deletions").asInt()).isEqualTo(1);
    assertThat(result.get("insertions").asInt()).isZero();
    assertThat(result.get("hits").asInt()).isEqualTo(9);
    assertThat(result.get("reference_words").asInt()).isEqualTo(12);
    assertThat(result.get("normalization").asText()).isEqualTo("none");
    assertThat(result.get("cer").isNumber()).isTrue();
    JsonNode utterances = result.get("utterances");
    assertThat(utterances).hasSize(2);
    assertThat(utterances.get(0).get("id").asText()).isEqualTo("long");
    assertThat(utterances.get(0).get("wer").asDouble()).isEqualTo(0.1);
    assertThat(utterances.get(1).get("id").asText()).isEqualTo("short");
    assertThat(utterances.get(1).get("wer").asDouble()).isEqualTo(1.0);
    assertThat(utterances.get(1).get("substitutions").asInt()).isEqualTo(1);
    assertThat(utterances.get(1).get("deletions").asInt()).isEqualTo(1);
    assertThat(utterances.get(1).get("reference_words").asInt()).isEqualTo(2);
    assertThat(result.get("slices")).isEmpty();
  }

  @Test
  void tsvWithHeaderGivesTheSameFiguresAndHumanSummaryListsTheWorstFirst() throws IOException {
    Path file =
        write(
            "pairs.tsv",
            "id\treference\thypothesis\n"
                + "a\tthe cat sat on the mat\tthe cat sit on mat\n"
                + "b\thello world\thello world\n"
                + "c\t\tuh huh\n");
    JsonNode result = json(EarmarkCommandTest.run("wer", "--input", file.toString(), "--json"));
    // a: S1 D1 over 6; b: 0 over 2; c: empty reference, 2 insertions → 4 / 8
    assertThat(result.get("wer").asDouble()).isEqualTo(0.5);
    assertThat(result.get("insertions").asInt()).isEqualTo(2);
    assertThat(result.get("utterances").get(2).get("wer").isNull()).isTrue();

    Result human = EarmarkCommandTest.run("wer", "--input", file.toString());
    assertThat(human.code()).isZero();
    String[] lines = human.out().split("\n");
    assertThat(lines[0]).startsWith("WER 50.00%").contains("4 errors").contains("none");
    assertThat(human.out()).contains("worst utterances");
    assertThat(human.out().indexOf("  a ")).isLessThan(human.out().indexOf("  c "));
    assertThat(human.out()).contains("WER n/a").doesNotContain("  b ");
  }

  @Test
  void slicesAreReportedWhenLinesCarryThem() throws IOException {
    Path file =
        write(
            "sliced.jsonl",
            """
            {"id": "1", "slice": "noisy", "reference": "turn left now", "hypothesis": "turn it left"}
            {"id": "2", "slice": "clean", "reference": "stop", "hypothesis": "stop"}
            {"id": "3", "reference": "go home", "hypothesis": "go"}
            """);
    JsonNode result = json(EarmarkCommandTest.run("wer", "--input", file.toString(), "--json"));
    JsonNode slices = result.get("slices");
    assertThat(slices.get("noisy").get("wer").asDouble()).isEqualTo(2.0 / 3.0);
    assertThat(slices.get("clean").get("wer").asDouble()).isZero();
    assertThat(slices.get("(none)").get("deletions").asInt()).isEqualTo(1);
    assertThat(result.get("utterances").get(0).get("slice").asText()).isEqualTo("noisy");

    Result human = EarmarkCommandTest.run("wer", "--input", file.toString());
    assertThat(human.out())
        .contains("slices:")
        .contains("noisy")
        .contains("(2/3 words, 1 utterances)");
  }

  @Test
  void streamedJsonIsByteForByteWhatTheSharedMapperPrintsOfTheSameResult() throws IOException {
    // The command streams its JSON; this holds it to JsonOutput's contract (keys sorted at every
    // level, the same pretty printer, one line break after the document), sliced and with an
    // empty reference (null rates), and with entity counts from a protected phrase.
    Path sliced =
        write(
            "streamed.jsonl",
            """
            {"id": "1", "slice": "noisy", "reference": "turn left now", "hypothesis": "turn it left"}
            {"id": "2", "slice": "clean", "reference": "stop", "hypothesis": "stop"}
            {"id": "3", "reference": "", "hypothesis": "go"}
            {"id": "q\\"b\\\\s\\u0001\\t\\u001f é😀", "slice": "tab\\there", "reference": "a", "hypothesis": ""}
            """);
    Path ruleSet = dir.resolve("band.json");
    dev.earmark.engine.normalize.RuleSetJson.write(
        dev.earmark.engine.normalize.RuleSets.enAsr1().edit().protect("twenty one pilots").build(),
        ruleSet);
    Path band = write("band.tsv", "a\tI love twenty one pilots\tI love 21 pilots\n");
    for (String[] args :
        new String[][] {
          {"wer", "--input", sliced.toString(), "--json"},
          {"wer", "--input", band.toString(), "--normalization", ruleSet.toString(), "--json"}
        }) {
      Result result = EarmarkCommandTest.run(args);
      assertThat(result.code()).isZero();
      Object parsed = JsonOutput.mapper().readValue(result.out(), Object.class);
      String reprinted = JsonOutput.mapper().writeValueAsString(parsed) + System.lineSeparator();
      assertThat(result.out()).isEqualTo(reprinted);
    }
  }

  @Test
  void formatIsDetectedFromContentWhenTheExtensionSaysNothing() throws IOException {
    Path jsonl = write("pairs.txt", "{\"id\":\"x\",\"reference\":\"a b\",\"hypothesis\":\"a\"}\n");
    Path tsv = write("pairs.data", "x\ta b\ta c\n");
    assertThat(
            json(EarmarkCommandTest.run("wer", "--input", jsonl.toString(), "--json"))
                .get("deletions")
                .asInt())
        .isEqualTo(1);
    assertThat(
            json(EarmarkCommandTest.run("wer", "--input", tsv.toString(), "--json"))
                .get("substitutions")
                .asInt())
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file name | content (\\n = new line)                                                      | expected in the message
          bad.jsonl   | {"id":"a","reference":"x","hypothesis":"x"}\\n{"id":"b","reference":"x"        | line 2: is not valid JSON
          miss.jsonl  | {"id":"a","reference":"x","hypothesis":"x"}\\n\\n{"id":"b","reference":"x"}   | line 3: has no 'hypothesis' field
          num.jsonl   | {"id":7,"reference":"x","hypothesis":"x"}                                       | line 1: field 'id' must be a string
          two.jsonl   | {"id":"a","reference":"x","hypothesis":"x"} {}                                  | line 1: is not valid JSON at column 45 (more than one JSON value
          slc.jsonl   | {"id":"a","reference":"x","hypothesis":"x","slice":5}                           | line 1: field 'slice' must be a string
          arr.jsonl   | ["a","x","x"]                                                                   | line 1: is not a JSON object
          dup.jsonl   | {"id":"a","reference":"x","hypothesis":"x"}\\n{"id":"a","reference":"y","hypothesis":"y"} | line 2: id 'a' was already used on line 1
          cols.tsv    | a\\tx\\tx\\nb\\tonly two                                                        | line 2: has 2 tab-separated columns
          four.tsv    | a\\tx\\tx\\tslice                                                               | line 1: has 4 tab-separated columns
          dup.tsv     | a\\tx\\tx\\na\\ty\\ty                                                           | line 2: id 'a' was already used on line 1
          noid.tsv    | \\tx\\tx                                                                        | line 1: has an empty id
          """)
  void malformedLineStopsWithExitTwoNamingFileAndLine(String name, String content, String expected)
      throws IOException {
    Path file = write(name, content.replace("\\n", "\n").replace("\\t", "\t"));
    Result result = EarmarkCommandTest.run("wer", "--input", file.toString());
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains(file.toString()).contains(expected);
    assertThat(result.err()).doesNotContain("Exception");
  }

  @Test
  void emptyMissingAndNonUtf8FilesAreBadInput() throws IOException {
    Path empty = write("empty.jsonl", "");
    Result emptyResult = EarmarkCommandTest.run("wer", "--input", empty.toString());
    assertThat(emptyResult.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(emptyResult.err()).contains("no utterances");

    Result missing = EarmarkCommandTest.run("wer", "--input", dir.resolve("nope.tsv").toString());
    assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(missing.err()).contains("nope.tsv").contains("no such file");

    Path latin1 = dir.resolve("latin1.tsv");
    Files.write(latin1, "a\tcaf\u00e9\tcafe\n".getBytes(StandardCharsets.ISO_8859_1));
    Result notUtf8 = EarmarkCommandTest.run("wer", "--input", latin1.toString());
    assertThat(notUtf8.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(notUtf8.err()).contains("UTF-8");

    Result directory = EarmarkCommandTest.run("wer", "--input", dir.toString());
    assertThat(directory.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(directory.err().strip().lines()).hasSize(1);
  }

  @Test
  void anyNumberOfThreadsPrintsTheSameBytesAndZeroIsRefusedOnOneLine() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      lines.append("u").append(i).append("\tthe cat sat on the mat ").append(i % 7);
      lines.append("\tthe cat sat on mat ").append(i % 5).append('\n');
    }
    Path file = write("many.tsv", lines.toString());

    Result one =
        EarmarkCommandTest.run("wer", "--input", file.toString(), "--json", "--threads", "1");
    Result three =
        EarmarkCommandTest.run("wer", "--input", file.toString(), "--json", "--threads", "3");
    assertThat(one.code()).isEqualTo(ExitCode.OK);
    assertThat(three.out()).isEqualTo(one.out());
    assertThat(json(one).path("utterance_count").asInt()).isEqualTo(10_000);

    Result zero = EarmarkCommandTest.run("wer", "--input", file.toString(), "--threads", "0");
    assertThat(zero.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(zero.err().strip().lines()).hasSize(1);
    assertThat(zero.err()).contains("--threads");
  }

  @Test
  void enAsrNormalizationMakesTheIssuePairsEqual() throws IOException {
    Path file =
        write(
            "issue.tsv",
            """
            1\tMario's castle\tmario's castle
            2\tI'm here\tI am here
            3\tthe 21st floor\tthe twenty first floor
            4\tat 10:00 AM\tat ten am
            5\tfifty people\t50 people
            6\tone hundred and five\t105
            7\tin nineteen ninety nine\tin 1999
            8\tit costs $3.50\tit costs three dollars fifty cents
            9\tcolour\tcolor
            10\tuh I um think so\tI think so
            11\tHello, World!\thello world
            """);
    JsonNode normalized =
        json(
            EarmarkCommandTest.run(
                "wer", "--input", file.toString(), "--normalization", "en-asr@1", "--json"));
    assertThat(normalized.get("normalization").asText()).isEqualTo("en-asr@1");
    assertThat(normalized.get("wer").asDouble()).isZero();
    JsonNode raw = json(EarmarkCommandTest.run("wer", "--input", file.toString(), "--json"));
    assertThat(raw.get("normalization").asText()).isEqualTo("none");
    assertThat(raw.get("wer").asDouble()).isGreaterThan(0.5);
  }

  @Test
  void ruleSetFileWithAProtectedPhraseScoresEntities() throws IOException {
    Path ruleSet = dir.resolve("band.json");
    dev.earmark.engine.normalize.RuleSetJson.write(
        dev.earmark.engine.normalize.RuleSets.enAsr1().edit().protect("twenty one pilots").build(),
        ruleSet);
    Path file = write("band.tsv", "a\tI love twenty one pilots\tI love 21 pilots\n");
    JsonNode result =
        json(
            EarmarkCommandTest.run(
                "wer",
                "--input",
                file.toString(),
                "--normalization",
                ruleSet.toString(),
                "--json"));
    assertThat(result.get("normalization").asText()).isEqualTo("en-asr@2");
    assertThat(result.get("substitutions").asInt() + result.get("deletions").asInt()).isEqualTo(2);
    assertThat(result.toString()).contains("entit");
  }

  @Test
  void unknownRuleSetIsOneLineWithExitTwo() throws IOException {
    Path file = write("p.tsv", "a\tx\tx\n");
    Result result =
        EarmarkCommandTest.run("wer", "--input", file.toString(), "--normalization", "en-asr@7");
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("en-asr@7").contains("en-asr@1");
  }

  @Test
  void missingInputOptionIsBadUsage() {
    Result result = EarmarkCommandTest.run("wer");
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err()).contains("--input");
  }

  @Test
  void byteOrderMarkAndWindowsLineEndsAreTolerated() throws IOException {
    Path file = write("bom.tsv", "\uFEFFa\tx y\tx y\r\nb\tz\tw\r\n");
    JsonNode result = json(EarmarkCommandTest.run("wer", "--input", file.toString(), "--json"));
    assertThat(result.get("utterances").get(0).get("id").asText()).isEqualTo("a");
    assertThat(result.get("wer").asDouble()).isEqualTo(1.0 / 3.0);
  }

  @Test
  void scliteAlignmentCountsWhatScliteCountsWhereTheDefaultCountsTheMinimum() throws IOException {
    Path file = write("odd.tsv", "odd\tb c a d a\td d b b c\n");

    JsonNode sclite =
        json(
            EarmarkCommandTest.run(
                "wer", "--input", file.toString(), "--alignment", "sclite", "--json"));
    JsonNode minimal = json(EarmarkCommandTest.run("wer", "--input", file.toString(), "--json"));

    assertThat(sclite.get("alignment").asText()).isEqualTo("sclite");
    assertThat(sclite.get("hits").asInt()).isEqualTo(2);
    assertThat(sclite.get("deletions").asInt()).isEqualTo(3);
    assertThat(sclite.get("insertions").asInt()).isEqualTo(3);
    assertThat(sclite.get("substitutions").asInt()).isZero();
    assertThat(minimal.get("alignment").asText()).isEqualTo("minimum-edit");
    assertThat(minimal.get("substitutions").asInt()).isEqualTo(5);
    assertThat(minimal.get("errors").asInt()).isEqualTo(5);
  }

  @Test
  void anUnknownAlignmentIsOneLineWithExitTwo() throws IOException {
    Path file = write("p.tsv", "a\tx\tx\n");

    Result result =
        EarmarkCommandTest.run("wer", "--input", file.toString(), "--alignment", "jiwer");

    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("--alignment").contains("sclite");
  }

  @Test
  void scliteAlignmentTotalsEqualTheRealScliteOnGeneratedPairs() throws Exception {
    Path sclite = Path.of("/usr/lib/sctk/bin/sclite");
    assumeTrue(
        Files.isExecutable(sclite),
        "sclite from Debian's sctk package is not installed (apt-get install sctk);"
            + " skipping the comparison of --alignment sclite with NIST's scorer");
    Random random = new Random(6);
    String[] vocabulary = {"the", "a", "cat", "sat", "on", "mat", "it", "is", "not", "so"};
    StringBuilder tsv = new StringBuilder();
    StringBuilder ref = new StringBuilder();
    StringBuilder hyp = new StringBuilder();
    for (int index = 0; index < 300; index++) {
      String reference = sentence(random, vocabulary);
      String hypothesis = sentence(random, vocabulary);
      String id = String.format(Locale.ROOT, "utt-%04d", index);
      tsv.append(id).append('\t').append(reference).append('\t').append(hypothesis).append('\n');
      ref.append(reference).append(" (").append(id).append(")\n");
      hyp.append(hypothesis).append(" (").append(id).append(")\n");
    }
    Path pairs = write("pairs.tsv", tsv.toString());
    Path refTrn = write("ref.trn", ref.toString());
    Path hypTrn = write("hyp.trn", hyp.toString());
    Path report = dir.resolve("sclite.txt");
    Process process =
        new ProcessBuilder(
                sclite.toString(),
                "-r",
                refTrn.toString(),
                "trn",
                "-h",
                hypTrn.toString(),
                "trn",
                "-i",
                "spu_id",
                "-o",
                "pra",
                "stdout")
            .redirectErrorStream(true)
            .redirectOutput(report.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // sclite's per-utterance "Scores: (#C #S #D #I) c s d i" lines, summed
    long[] totals = new long[4];
    int utterances = 0;
    Pattern scores = Pattern.compile("^Scores: \\(#C #S #D #I\\) (\\d+) (\\d+) (\\d+) (\\d+)$");
    for (String line : Files.readAllLines(report)) {
      Matcher matcher = scores.matcher(line.strip());
      if (matcher.matches()) {
        utterances++;
        for (int k = 0; k < 4; k++) {
          totals[k] += Long.parseLong(matcher.group(k + 1));
        }
      }
    }
    assertThat(utterances).isEqualTo(300);

    JsonNode ours =
        json(
            EarmarkCommandTest.run(
                "wer", "--input", pairs.toString(), "--alignment", "sclite", "--json"));

    assertThat(ours.get("hits").asLong()).isEqualTo(totals[0]);
    assertThat(ours.get("substitutions").asLong()).isEqualTo(totals[1]);
    assertThat(ours.get("deletions").asLong()).isEqualTo(totals[2]);
    assertThat(ours.get("insertions").asLong()).isEqualTo(totals[3]);
    JsonNode minimal = json(EarmarkCommandTest.run("wer", "--input", pairs.toString(), "--json"));
    assertThat(ours.get("errors").asLong())
        .as("sclite's weights cost errors the default avoids on these pairs")
        .isGreaterThan(minimal.get("errors").asLong());
  }

  private static String sentence(Random random, String[] vocabulary) {
    StringBuilder sentence = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      sentence.append(i == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
    }
    return sentence.toString();
  }
}
