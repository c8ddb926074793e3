package dev.earmark.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pairs of issue 2 and many more: under en-asr@1 the two sides of each '=' row normalize to the
 * same tokens (0 errors), the two sides of each '≠' row do not.
 */
class EnAsrPairsTest {
  private static final Normalizer EN_ASR = RuleSets.enAsr1().compile();
  private static final Normalizer WITH_BAND =
      RuleSets.enAsr1().edit().protect("Twenty-One Pilots").build().compile();

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # issue 2
          Mario's castle                     | =  | mario's castle
          Mario's castle                     | ≠  | mario is castle
          I'm here                           | =  | I am here
          the 21st floor                     | =  | the twenty first floor
          at 10:00 AM                        | =  | at ten am
          at 10:00 AM                        | ≠  | at 100 am
          fifty people                       | =  | 50 people
          one hundred and five               | =  | 105
          in nineteen ninety nine            | =  | in 1999
          it costs $3.50                     | =  | it costs three dollars fifty cents
          colour                             | =  | color
          uh I um think so                   | =  | I think so
          'Hello, World!'                    | =  | hello world
          # case and punctuation
          HELLO there.                       | =  | hello there
          "Well," she said; "fine"...        | =  | well she said fine
          don’t                              | =  | don't
          rock-and-roll                      | =  | rock and roll
          the U.S.A.                         | =  | the usa
          at 10 a.m.                         | =  | at ten am
          at 10am                            | =  | at ten am
          at 10:00am                         | =  | at ten am
          the dogs' bowls                    | =  | the dogs bowls
          # fillers
          um um uh                           | =  | ''
          ah well erm yes                    | =  | well yes
          hmm                                | =  | ''
          # contractions
          you're right                       | =  | you are right
          it's fine                          | =  | it is fine
          it's been long                     | =  | it has been long
          that's all                         | =  | that is all
          we'll see                          | =  | we will see
          I'd say                            | =  | I would say
          I'd better go                      | =  | I had better go
          can't stop                         | =  | cannot stop
          can't stop                         | =  | can not stop
          won't go                           | =  | will not go
          they've gone                       | =  | they have gone
          let's go                           | =  | let us go
          gonna win                          | =  | going to win
          John's car                         | ≠  | John is car
          the cat's toy                      | =  | the cat's toy
          # spelling
          my favourite colour                | =  | my favorite color
          the theatre centre                 | =  | the theater center
          we organised it                    | =  | we organized it
          grey                               | =  | gray
          travelled                          | =  | traveled
          # alternations
          okay                               | =  | OK
          alright then                       | =  | all right then
          # cardinals
          twenty-one                         | =  | 21
          twenty one                         | =  | 21
          a hundred                          | =  | 100
          a hundred and five                 | =  | 105
          two thousand and five              | =  | 2005
          one thousand                       | =  | 1,000
          1,000,000                          | =  | one million
          three million two hundred thousand | =  | 3200000
          twelve hundred                     | =  | 1200
          ninety nine                        | =  | 99
          zero                               | =  | 0
          one two three                      | =  | 1 2 3
          one two three                      | ≠  | 123
          5 hundred                          | =  | five hundred
          2.5 million                        | =  | 2500000
          # years
          nineteen ninety nine               | =  | 1999
          twenty twenty                      | =  | 2020
          twenty twenty one                  | =  | 2021
          nineteen oh five                   | =  | 1905
          eighteen twelve                    | =  | 1812
          nineteen hundred                   | =  | 1900
          two thousand nineteen              | =  | 2019
          # ordinals
          the first time                     | =  | the 1st time
          the second one                     | =  | the 2nd one
          third                              | =  | 3rd
          the twenty first century           | =  | the 21st century
          twenty-first                       | =  | 21st
          the 11th hour                      | =  | the eleventh hour
          the hundredth time                 | =  | the 100th time
          the thousandth visitor             | =  | the 1000th visitor
          the hundredth                      | ≠  | the 100
          one hundred and first              | =  | 101st
          fifty second street                | =  | 52nd street
          # decimals and negatives
          three point five                   | =  | 3.5
          three point one four               | =  | 3.14
          point five                         | =  | 0.5
          point five                         | =  | .5
          three point five                   | ≠  | 35
          minus five                         | =  | -5
          negative two point five            | =  | -2.5
          minus five                         | ≠  | 5
          # percent
          fifty percent                      | =  | 50%
          fifty per cent                     | =  | 50 %
          3.5%                               | =  | three point five percent
          # currency
          $3.50                              | =  | three dollars and fifty cents
          $3.50                              | =  | three dollars fifty
          $3.50                              | ≠  | three dollars
          $5                                 | =  | five dollars
          $5.00                              | =  | five dollars
          $1                                 | =  | one dollar
          fifty cents                        | =  | $0.50
          £20                                | =  | twenty pounds
          £2.50                              | =  | two pounds fifty pence
          fifty pence                        | =  | £0.50
          €10                                | =  | ten euros
          €10.99                             | =  | ten euros ninety nine cents
          ¥500                               | =  | five hundred yen
          $1,000                             | =  | one thousand dollars
          3 dollars                          | =  | $3
          # times
          at 10:30                           | =  | at ten thirty
          at 10:05                           | =  | at ten oh five
          at 10 o'clock                      | =  | at ten o'clock
          at ten o'clock                     | =  | at 10:00
          at 9:45                            | =  | at quarter to ten
          half past ten                      | =  | 10:30
          quarter past 3                     | =  | three fifteen
          at 12:30 pm                        | =  | at twelve thirty p.m.
          # punctuation around numbers
          it costs $3.50.                    | =  | it costs three dollars fifty cents
          we sold 1,000, then 2,000.         | =  | we sold one thousand then two thousand
          meet me at 10:00.                  | =  | meet me at ten
          O.K.                               | =  | okay
          Ms. Smith                          | =  | ms smith
          5 p.m.                             | =  | five pm
          # more cardinals, years and times
          the year 2000                      | =  | the year two thousand
          two thousand twenty two            | =  | 2022
          twenty twenty two                  | =  | 2022
          one million                        | =  | 1,000,000
          a thousand people                  | =  | 1000 people
          one hundred five                   | =  | 105
          twenty five                        | ≠  | 205
          twenty-five                        | =  | 25
          ninety-nine                        | =  | 99
          eleven fifteen                     | =  | 11:15
          twelve thirty                      | =  | 12:30
          the 3rd of July                    | =  | the third of july
          # more money and percent
          minus 40 degrees                   | =  | negative forty degrees
          0.5%                               | =  | zero point five percent
          point five percent                 | =  | 0.5%
          $0.99                              | =  | ninety nine cents
          100 dollars                        | =  | one hundred dollars
          $100                               | =  | a hundred dollars
          €1,000                             | =  | one thousand euros
          # more contractions and spellings
          I've got 2 cats                    | =  | I have got two cats
          we're there                        | ≠  | we were there
          he's here                          | =  | he is here
          She'll                             | =  | she will
          isn't it                           | =  | is not it
          the neighbours' car                | =  | the neighbors car
          TV                                 | =  | tv
          # things left alone
          007                                | ≠  | 7
          one of them                        | =  | 1 of them
          call me in may                     | =  | call me in May
          """)
  void enAsrPairs(String left, String relation, String right) {
    var leftTokens = EN_ASR.tokens(left);
    var rightTokens = EN_ASR.tokens(right);
    if (relation.equals("=")) {
      assertThat(leftTokens).as("%s vs %s", left, right).isEqualTo(rightTokens);
    } else {
      assertThat(leftTokens).as("%s vs %s", left, right).isNotEqualTo(rightTokens);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          twenty one pilots         | =  | Twenty One Pilots
          twenty one pilots         | ≠  | 21 pilots
          twenty one people         | =  | 21 people
          I love twenty-one pilots! | =  | i love twenty one pilots
          """)
  void protectedBandNameIsLeftAloneWhileOtherNumbersStillBecomeDigits(
      String left, String relation, String right) {
    var leftTokens = WITH_BAND.tokens(left);
    var rightTokens = WITH_BAND.tokens(right);
    if (relation.equals("=")) {
      assertThat(leftTokens).as("%s vs %s", left, right).isEqualTo(rightTokens);
    } else {
      assertThat(leftTokens).as("%s vs %s", left, right).isNotEqualTo(rightTokens);
    }
  }
}
