package dev.earmark.app.gui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.agreement.NumberRow;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CSV writer without a window: RFC 4180 quoting, empty fields for missing values. */
class AgreementCsvTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          plain              | plain
          a, b               | "a, b"
          say "hi" now       | "say ""hi"" now"
          ann-alex × ann-bea | ann-alex × ann-bea
          """)
  void fieldsWithCommasOrQuotesAreQuotedAndQuotesDoubled(String text, String written) {
    assertThat(AgreementCsv.field(text)).isEqualTo(written);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0.5   | 0.25 | 0.75 | tts-rating,naturalness,field,naturalness,alpha,0.5,0.25,0.75,6,
          -0.125|      |      | tts-rating,naturalness,field,naturalness,alpha,-0.125,,,6,
          """)
  void oneLinePerRowUnderTheHeaderWithEmptyFieldsForMissingValues(
      double value, Double low, Double high, String line) throws IOException {
    NumberRow row =
        new NumberRow(
            "tts-rating",
            "naturalness",
            "field",
            "naturalness",
            "alpha",
            OptionalDouble.of(value),
            low == null ? OptionalDouble.empty() : OptionalDouble.of(low),
            high == null ? OptionalDouble.empty() : OptionalDouble.of(high),
            6,
            "");
    StringWriter out = new StringWriter();
    AgreementCsv.write(List.of(row), out);

    assertThat(out.toString())
        .isEqualTo(String.join(",", AgreementCsv.HEADER) + "\r\n" + line + "\r\n");
  }

  @org.junit.jupiter.api.Test
  void aValueWithoutNumberKeepsItsReasonInTheNote() throws IOException {
    NumberRow row =
        new NumberRow(
            "asr-transcript",
            "wrong_language",
            "field",
            "wrong_language",
            "Fleiss' kappa",
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0,
            "every comparable rating has the same value, so agreement cannot be told apart from"
                + " chance");
    StringWriter out = new StringWriter();
    AgreementCsv.write(List.of(row), out);

    assertThat(out.toString().lines().skip(1).findFirst().orElseThrow())
        .isEqualTo(
            "asr-transcript,wrong_language,field,wrong_language,Fleiss' kappa,,,,0,\"every"
                + " comparable rating has the same value, so agreement cannot be told apart from"
                + " chance\"");
  }
}
