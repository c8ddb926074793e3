package dev.earmark.engine.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void whitespaceTokensAreTheTextBetweenRunsOfWhitespaceAsGiven() {
    assertThat(Tokenizer.WHITESPACE.tokens("  Hello,\tworld!\n  it's  "))
        .containsExactly("Hello,", "world!", "it's");
    assertThat(Tokenizer.WHITESPACE.tokens("")).isEmpty();
    assertThat(Tokenizer.WHITESPACE.tokens(" \t ")).isEmpty();
    assertThat(Tokenizer.WHITESPACE.tokens("one")).containsExactly("one");
  }

  @Test
  void noBreakSpaceBelongsToAWordAndSupplementaryCharactersSurvive() {
    assertThat(Tokenizer.WHITESPACE.tokens("10\u00a0kg 😀 x"))
        .containsExactly("10\u00a0kg", "😀", "x");
  }

  @Test
  void onlyTheAsciiWhitespaceScliteAndJiwerSplitOnSeparatesWords() {
    assertThat(Tokenizer.WHITESPACE.tokens("東京\u3000大阪 a\u2003b c\u000bd e\u000cf"))
        .containsExactly("東京\u3000大阪", "a\u2003b", "c", "d", "e", "f");
  }
}
