package dev.earmark.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.version.VersionedId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerTest {
  private static final Normalizer EN_ASR = RuleSets.enAsr1().compile();
  private static final VersionedId TEST = VersionedId.parse("test@1");

  private static Normalizer of(Rule... rules) {
    return RuleSet.of(TEST, "", List.of(rules)).compile();
  }

  private static String joined(Normalizer normalizer, String raw) {
    return String.join(" ", normalizer.tokens(raw));
  }

  @Test
  void theTokenMapPointsEachNormalizedWordBackToItsRawSpan() {
    String raw = "Hi, I'm  at the 21st floor with twenty-one people";

    NormalizedText normalized = EN_ASR.normalize(raw);

    assertThat(normalized.raw()).isEqualTo(raw);
    assertThat(normalized.words())
        .containsExactly("hi", "i", "am", "at", "the", "21st", "floor", "with", "21", "people");
    List<String> spans =
        normalized.tokens().stream().map(t -> raw.substring(t.start(), t.end())).toList();
    assertThat(spans)
        .containsExactly(
            "Hi", "I'm", "I'm", "at", "the", "21st", "floor", "with", "twenty-one", "people");
    assertThat(normalized.tokens()).noneMatch(NormalizedToken::isProtected);
  }

  @Test
  void theTraceSaysWhichRuleChangedWhichSpan() {
    String raw = "Uh, the colour costs $3.50";

    List<TraceStep> trace = EN_ASR.normalize(raw).trace();

    assertThat(trace)
        .containsExactly(
            new TraceStep(0, "case-fold", 0, 3, "Uh,", "uh,"),
            new TraceStep(1, "strip-punctuation", 0, 3, "uh,", "uh"),
            new TraceStep(2, "fillers", 0, 2, "uh", ""),
            new TraceStep(4, "spelling-variants", 8, 14, "colour", "color"));
    assertThat(raw.substring(8, 14)).isEqualTo("colour");
  }

  @Test
  void aWordRunTurnedIntoOneNumberSpansAllItsWords() {
    String raw = "in nineteen ninety nine";

    NormalizedText normalized = EN_ASR.normalize(raw);

    assertThat(normalized.tokens())
        .containsExactly(
            new NormalizedToken("in", 0, 2, false), new NormalizedToken("1999", 3, 23, false));
    assertThat(normalized.trace())
        .containsExactly(new TraceStep(6, "numbers", 3, 23, "nineteen ninety nine", "1999"));
  }

  @Test
  void protectedTokensAreFlaggedAndTheirMarkingIsTraced() {
    Normalizer band = RuleSets.enAsr1().edit().protect("twenty one pilots").build().compile();

    NormalizedText normalized = band.normalize("Twenty One Pilots played for twenty one minutes");

    assertThat(normalized.words())
        .containsExactly("twenty", "one", "pilots", "played", "for", "21", "minutes");
    assertThat(IntStream.range(0, 7).mapToObj(normalized::isProtected))
        .containsExactly(true, true, true, false, false, false, false);
    assertThat(normalized.trace())
        .contains(
            new TraceStep(2, "protected-phrases", 0, 17, "twenty one pilots", "twenty one pilots"));
    assertThat(band.protectedPhrases()).containsExactly(List.of("twenty", "one", "pilots"));
    assertThat(EN_ASR.protectedPhrases()).isEmpty();
  }

  @Test
  void tokensEqualTheWordsOfTheFullNormalization() {
    for (String raw :
        List.of(
            "",
            "   ",
            "Hello, World!",
            "it costs $3.50 at 10:00 AM",
            "uh I'd better go to the 21st floor, alright?",
            "one hundred and five percent of £2.50")) {
      assertThat(EN_ASR.tokens(raw)).isEqualTo(EN_ASR.normalize(raw).words());
    }
    assertThat(EN_ASR.tokens(null)).isEmpty();
    assertThat(EN_ASR.normalize(null).tokens()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          The 21st floor costs $3.50, at 10:00 AM!
          In nineteen ninety nine, uh, I'd say fifty percent
          minus three point five or 2,000,000 or a hundred and five
          half past ten on the second of May, okay?
          """)
  void normalizingTwiceChangesNothing(String raw) {
    List<String> once = EN_ASR.tokens(raw);

    assertThat(EN_ASR.tokens(String.join(" ", once))).isEqualTo(once);
  }

  @Test
  void aSharedNormalizerGivesTheSameResultOnEveryThread() {
    List<String> expected = EN_ASR.tokens("uh the twenty first colour costs $3.50 at 10:00 AM");

    List<List<String>> results =
        IntStream.range(0, 2_000)
            .parallel()
            .mapToObj(i -> EN_ASR.tokens("uh the twenty first colour costs $3.50 at 10:00 AM"))
            .toList();

    assertThat(results).allMatch(expected::equals);
  }

  @Test
  void theIdentityNormalizerSplitsOnWhitespaceOnly() {
    Normalizer identity = Normalizer.identity();

    assertThat(identity.tokens(" Hello,\tWorld!\n uh ")).containsExactly("Hello,", "World!", "uh");
    assertThat(identity.ruleSet()).isEmpty();
    assertThat(EN_ASR.ruleSet()).contains(RuleSets.enAsr1());
    assertThat(identity.normalize("a b").trace()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          21                    | twenty one
          105                   | one hundred five
          one hundred and five  | one hundred five
          1999                  | one thousand nine hundred ninety nine
          the 21st floor        | the twenty first floor
          2nd 3rd 12th 20th     | second third twelfth twentieth
          3.14                  | three point one four
          -5                    | minus five
          50%                   | fifty percent
          $3.50                 | three dollars fifty cents
          $1                    | one dollar
          $0.01                 | one cent
          £2.01                 | two pounds one penny
          €7                    | seven euros
          ¥500                  | five hundred yen
          10:05                 | ten oh five
          10:30 pm              | ten thirty pm
          10am                  | ten am
          0                     | zero
          1,234,567,000,000     | one trillion two hundred thirty four billion five hundred sixty seven million
          """)
  void theToWordsDirectionWritesNumbersAsWords(String raw, String expected) {
    Normalizer toWords =
        of(new Rule.StripPunctuation(), new Rule.Numbers(Rule.NumberDirection.TO_WORDS));

    assertThat(joined(toWords, raw)).isEqualTo(expected);
    assertThat(joined(toWords, expected)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          rock'n'roll                | rock'n'roll
          ‘quoted’ words             | quoted words
          AT&T                       | AT T
          e.g. this                  | eg this
          hello.world                | hello world
          -5 and 5-3                 | -5 and 5 3
          .5                         | .5
          $.50 and $ 5               | $.50 and 5
          %hesitation 50% %          | %hesitation 50% %
          dogs' 'em                  | dogs em
          café naïve                 | café naïve
          ...                        | ''
          """)
  void punctuationKeepsWhatCarriesMeaning(String raw, String expected) {
    assertThat(joined(of(new Rule.StripPunctuation()), raw)).isEqualTo(expected);
  }

  @Test
  void fillersCanBeMappedToAHesitationToken() {
    Normalizer mapped =
        of(new Rule.CaseFold(), Rule.Fillers.map("%hesitation", List.of("uh", "Um", "you know")));

    assertThat(joined(mapped, "Uh I UM you know think"))
        .isEqualTo("%hesitation i %hesitation %hesitation think");
  }

  @Test
  void lexiconKeysAreNormalizedByTheRulesBeforeThem() {
    Normalizer normalizer =
        of(
            new Rule.CaseFold(),
            new Rule.StripPunctuation(),
            new Rule.Numbers(Rule.NumberDirection.TO_DIGITS),
            new Rule.Rewrite(Map.of("Twenty-One Savage", "21 savage", "Mr.", "mister")));

    assertThat(joined(normalizer, "twenty one savage and MR. Smith"))
        .isEqualTo("21 savage and mister smith");
  }

  @Test
  void theLongestLexiconEntryWins() {
    Normalizer normalizer =
        of(new Rule.Rewrite(Map.of("new", "NEW", "new york", "NY", "new york city", "NYC")));

    assertThat(joined(normalizer, "new york city new york new yorker new"))
        .isEqualTo("NYC NY NEW yorker NEW");
  }

  @Test
  void alternationsWriteEveryMemberAsTheCanonicalOne() {
    Normalizer normalizer =
        of(new Rule.Alternations(List.of(List.of("uh", "um", "@"), List.of("ok", "okay", "o k"))));

    assertThat(joined(normalizer, "uh okay o k ok um fine")).isEqualTo("ok ok ok fine");
  }

  @ParameterizedTest(name = "{0} / {1} : {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          \\b(\\w+) \\1\\b     | $1          | the the cat sat sat       | the cat sat
          colou?r              | hue         | color colour tricolor     | hue hue trihue
          (\\d+)-(\\d+)        | $1 to $2    | pages 5-7 and 9-12        | pages 5 to 7 and 9 to 12
          \\s*please\\s*       | ' '         | please stop please        | stop
          x*                   | y           | a b                       | a b
          a b                  | ''          | a b c a b                 | c
          ab                   | ba          | abab cab                  | baba cba
          """)
  void regexRulesRewriteTheJoinedTokens(
      String pattern, String replacement, String raw, String expected) {
    assertThat(joined(of(new Rule.RegexRewrite(pattern, replacement)), raw)).isEqualTo(expected);
  }

  @Test
  void regexRulesDoNotTouchProtectedPhrases() {
    Normalizer normalizer =
        of(
            new Rule.ProtectedPhrases(List.of("the the")),
            new Rule.RegexRewrite("the", "a"),
            new Rule.CaseFold());

    NormalizedText normalized = normalizer.normalize("the the band plays the hits");

    assertThat(normalized.words()).containsExactly("the", "the", "band", "plays", "a", "hits");
    assertThat(normalized.trace()).contains(new TraceStep(1, "regex", 19, 22, "the", "a"));
  }

  @Test
  void protectedPhrasesAreNotChangedByAnyLaterRule() {
    Normalizer normalizer =
        of(
            new Rule.ProtectedPhrases(List.of("Colour Me Bad", "uh huh")),
            new Rule.CaseFold(),
            new Rule.StripPunctuation(),
            Rule.Fillers.drop(List.of("uh")),
            new Rule.SpellingVariants(Map.of("colour", "color")),
            new Rule.Numbers(Rule.NumberDirection.TO_DIGITS));

    assertThat(joined(normalizer, "Colour Me Bad colour uh huh uh"))
        .isEqualTo("Colour Me Bad color uh huh");
  }
}
