package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code earmark agreement} end to end through {@link EarmarkCommand#run}. */
class AgreementCommandTest {
  /** The published examples kept with the engine's tests (Maven runs tests in the module dir). */
  private static final Path REFERENCE =
      Path.of("..", "rubric-engine", "src", "test", "resources", "reference-data", "agreement");

  @TempDir Path temp;

  private static EarmarkCommandTest.Result run(String... args) {
    return EarmarkCommandTest.run(args);
  }

  private static JsonNode json(EarmarkCommandTest.Result result) throws IOException {
    assertThat(result.code()).as(result.err()).isZero();
    return JsonOutput.mapper().readTree(result.out());
  }

  private Path csv(String content) throws IOException {
    Path file = temp.resolve("ratings.csv");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} = {4}")
  @CsvSource(
      textBlock =
          """
          kripp2011_4obs_12units.csv,               krippendorff, nominal,  none,      0.743421, 12, 4
          kripp2011_4obs_12units.csv,               krippendorff, ordinal,  none,      0.815388, 12, 4
          kripp2011_4obs_12units.csv,               krippendorff, interval, none,      0.849107, 12, 4
          kripp2011_4obs_12units.csv,               krippendorff, ratio,    none,      0.797403, 12, 4
          kripp_wikipedia_3coders_15units.csv,      krippendorff, nominal,  none,      0.691358, 13, 3
          kripp_wikipedia_3coders_15units.csv,      krippendorff, interval, none,      0.810845, 13, 3
          hayes_krippendorff2007_5obs_40units.csv,  krippendorff, ordinal,  none,      0.759829, 40, 5
          kripp2004_p227_2coders_12units.csv,       krippendorff, nominal,  none,      0.734104, 12, 2
          kripp2004_p224_2coders_10units_binary.csv,krippendorff, nominal,  none,      0.095238, 10, 2
          fleiss_wikipedia_10subj_14raters.csv,     fleiss,       nominal,  none,      0.209931, 10, 14
          fleiss1971_30subj_6raters.csv,            fleiss,       nominal,  none,      0.430245, 30, 6
          cohen1960_ex2_200items.csv,               cohen,        nominal,  none,      0.491525, 200, 2
          cohen1960_ex2_200items.csv,               cohen,        ordinal,  linear,    0.473684, 200, 2
          cohen1960_ex2_200items.csv,               cohen,        ordinal,  quadratic, 0.454545, 200, 2
          cohen_wikipedia_50items_yesno.csv,        cohen,        nominal,  none,      0.400000, 50, 2
          cohen_wikipedia_50items_yesno.csv,        percent,      nominal,  none,      0.700000, 50, 2
          """)
  void reproducesThePublishedValuesAsJson(
      String file,
      String metric,
      String level,
      String weights,
      double expected,
      int items,
      int annotators)
      throws IOException {
    String input = REFERENCE.resolve(file).toString();
    JsonNode out =
        json(
            metric.equals("cohen")
                ? run(
                    "agreement",
                    "--input",
                    input,
                    "--metric",
                    metric,
                    "--weights",
                    weights,
                    "--json")
                : metric.equals("krippendorff")
                    ? run(
                        "agreement",
                        "--input",
                        input,
                        "--metric",
                        metric,
                        "--level",
                        level,
                        "--json")
                    : run("agreement", "--input", input, "--metric", metric, "--json"));
    assertThat(out.get("metric").asText()).isEqualTo(metric);
    assertThat(out.get("level").asText()).isEqualTo(level);
    assertThat(out.get("value").asDouble()).isCloseTo(expected, within(5e-7));
    assertThat(out.get("items").asInt()).isEqualTo(items);
    assertThat(out.get("annotators").asInt()).isEqualTo(annotators);
    assertThat(out.has("ci95")).isFalse();
    assertThat(out.has("weights")).isEqualTo(metric.equals("cohen"));
    if (metric.equals("cohen")) {
      assertThat(out.get("weights").asText()).isEqualTo(weights);
    }
  }

  @Test
  void labelsTheFormerNumberPatternAcceptedAreNumbers() {
    for (String label :
        new String[] {"1", "1.5", "-2", "+3", ".5", "5.", "1e3", "1E-3", "-.25e+2", "007", "0.0"}) {
      assertThat(AgreementCommand.isNumber(label)).as(label).isTrue();
      assertThat(FORMER_NUMBER.matcher(label).matches()).as(label).isTrue();
    }
  }

  @Test
  void labelsTheFormerNumberPatternRefusedAreText() {
    for (String label :
        new String[] {
          "",
          "+",
          "-",
          ".",
          "e3",
          "1e",
          "1e+",
          "1.2.3",
          "1,5",
          " 1",
          "1 ",
          "yes",
          "0x1F",
          "١",
          "1f",
          "NaN",
          "Infinity",
          "+-1",
          "--1",
          "1e3.5",
          ".e1"
        }) {
      assertThat(AgreementCommand.isNumber(label)).as("[%s]", label).isFalse();
      assertThat(FORMER_NUMBER.matcher(label).matches()).as("[%s]", label).isFalse();
    }
  }

  /** The pattern the command used before it checked labels by hand. */
  private static final java.util.regex.Pattern FORMER_NUMBER =
      java.util.regex.Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

  @Test
  void bootstrapAddsAReproducibleInterval() throws IOException {
    String input = REFERENCE.resolve("hayes_krippendorff2007_5obs_40units.csv").toString();
    String[] args = {
      "agreement",
      "--input",
      input,
      "--metric",
      "krippendorff",
      "--level",
      "ordinal",
      "--bootstrap",
      "300",
      "--seed",
      "11",
      "--json"
    };
    JsonNode first = json(run(args));
    JsonNode again = json(run(args));
    assertThat(first.get("ci95")).hasSize(2).isEqualTo(again.get("ci95"));
    double low = first.get("ci95").get(0).asDouble();
    double high = first.get("ci95").get(1).asDouble();
    assertThat(low).isLessThan(0.759829).isGreaterThan(0.4);
    assertThat(high).isGreaterThan(0.759829).isLessThan(1.0);
    assertThat(first.get("bootstrap").get("seed").asLong()).isEqualTo(11);

    EarmarkCommandTest.Result human =
        run(
            "agreement",
            "--input",
            input,
            "--metric",
            "krippendorff",
            "--level",
            "ordinal",
            "--bootstrap",
            "300",
            "--seed",
            "11");
    assertThat(human.code()).isZero();
    assertThat(human.out())
        .contains("Krippendorff's alpha (ordinal): 0.759829")
        .contains("items: 40")
        .contains(String.format(java.util.Locale.ROOT, "[%.6f, %.6f]", low, high));
  }

  @Test
  void emptyFieldsAndAbsentRowsAreMissingRatings() throws IOException {
    Path file =
        csv(
            "item_id,annotator_id,label\nu1,a,1\nu1,b,1\nu1,c,\nu2,a,2\n\"u2\",\"b\",\"2\"\nu3,a,3\n");
    JsonNode out =
        json(run("agreement", "--input", file.toString(), "--metric", "percent", "--json"));
    assertThat(out.get("value").asDouble()).isEqualTo(1.0);
    assertThat(out.get("items").asInt()).isEqualTo(3);
    assertThat(out.get("pairable_items").asInt()).isEqualTo(2);
    assertThat(out.get("annotators").asInt()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          only the header;     item_id,annotator_id,label\\n;                                    there are no ratings
          one annotator;       item_id,annotator_id,label\\nu1,a,1\\nu2,a,2\\n;                   only one annotator
          nothing pairable;    item_id,annotator_id,label\\nu1,a,1\\nu2,b,2\\n;                   no item has ratings from two
          one category;        item_id,annotator_id,label\\nu1,a,1\\nu1,b,1\\nu2,a,1\\nu2,b,1\\n;  same value
          """)
  void degenerateDataHasANullValueAndAReason(String name, String content, String reason)
      throws IOException {
    Path file = csv(content.replace("\\n", "\n"));
    JsonNode out =
        json(
            run(
                "agreement",
                "--input",
                file.toString(),
                "--metric",
                "krippendorff",
                "--bootstrap",
                "20",
                "--json"));
    assertThat(out.get("value").isNull()).isTrue();
    assertThat(out.get("reason").asText()).contains(reason);
    assertThat(out.get("ci95").isNull()).isTrue();
    EarmarkCommandTest.Result human =
        run("agreement", "--input", file.toString(), "--metric", "fleiss", "--bootstrap", "5");
    assertThat(human.code()).isZero();
    assertThat(human.out()).contains("no value, because").contains("interval: none");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          no header;            u1,a,1\\nu1,b,2\\n;                             krippendorff; nominal;  line 1: the header must be item_id,annotator_id,label
          empty file;           '';                                            krippendorff; nominal;  is empty
          text at interval;     item_id,annotator_id,label\\nu1,a,1\\nu1,b,x\\n;  krippendorff; interval; line 3: label 'x' is not a number
          text at ratio;        item_id,annotator_id,label\\nu1,a,yes\\n;        krippendorff; ratio;    line 2: label 'yes' is not a number
          text at ordinal;      item_id,annotator_id,label\\nu1,a,yes\\n;        krippendorff; ordinal;  line 2: label 'yes' is not a number
          too many fields;      item_id,annotator_id,label\\nu1,a,1,2\\n;        krippendorff; nominal;  line 2: expected 3 fields
          too few fields;       item_id,annotator_id,label\\nu1,a,1\\nu2\\n;     krippendorff; nominal;  line 3: expected 3 fields
          open quote;           item_id,annotator_id,label\\nu1,a,"1\\n;         krippendorff; nominal;  line 2: a quoted field is not closed
          text after quote;     item_id,annotator_id,label\\nu1,a,"1"x\\n;       krippendorff; nominal;  line 2: text after a closing quote
          empty item;           item_id,annotator_id,label\\n,a,1\\n;            krippendorff; nominal;  line 2: the item_id is empty
          empty annotator;      item_id,annotator_id,label\\nu1,,1\\n;           krippendorff; nominal;  line 2: the annotator_id is empty
          rated twice;          item_id,annotator_id,label\\nu1,a,1\\nu1,a,2\\n; krippendorff; nominal;  line 3: annotator 'a' already rated item 'u1' on line 2
          cohen three;          item_id,annotator_id,label\\nu1,a,1\\nu1,b,1\\nu1,c,2\\n; cohen; nominal; exactly two annotators
          cohen one;            item_id,annotator_id,label\\nu1,a,1\\nu2,a,2\\n; cohen; nominal;         exactly two annotators
          """)
  void badInputExitsTwoWithOneLineNamingTheProblem(
      String name, String content, String metric, String level, String message) throws IOException {
    Path file = csv(content.replace("\\n", "\n"));
    EarmarkCommandTest.Result result =
        metric.equals("cohen")
            ? run("agreement", "--input", file.toString(), "--metric", metric)
            : run("agreement", "--input", file.toString(), "--metric", metric, "--level", level);
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains(message).contains("ratings.csv").doesNotContain("Exception");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          weighted text;     --metric cohen --weights linear;         label 'yes' is not a number
          weights for alpha; --metric krippendorff --weights linear;  --weights applies to --metric cohen only
          level for fleiss;  --metric fleiss --level ordinal;         drop --level ordinal
          no resamples;      --metric percent --bootstrap 0;          1 or more resamples
          unknown metric;    --metric kappa;                          kappa
          unknown level;     --metric krippendorff --level cardinal;  cardinal
          """)
  void badOptionsExitTwo(String name, String options, String message) {
    String input = REFERENCE.resolve("cohen_wikipedia_50items_yesno.csv").toString();
    String[] args = (("agreement --input " + input + " " + options).split(" "));
    EarmarkCommandTest.Result result = run(args);
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains(message);
  }

  @Test
  void aMissingFileExitsTwo() {
    EarmarkCommandTest.Result result =
        run("agreement", "--input", temp.resolve("nope.csv").toString(), "--metric", "percent");
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err()).contains("cannot read").contains("nope.csv").contains("no such file");
  }

  @Test
  void weightedCohenPrintsItsWeights() {
    String input = REFERENCE.resolve("cohen1960_ex2_200items.csv").toString();
    EarmarkCommandTest.Result result =
        run("agreement", "--input", input, "--metric", "cohen", "--weights", "quadratic");
    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("Cohen's kappa (quadratic weights): 0.454545");
  }
}
