package dev.earmark.engine.normalize;

/**
 * One normalized token and where it came from: the character span {@code [start, end)} of the raw
 * text it was derived from (the UI highlights that span), and whether it belongs to a protected
 * phrase (scoring counts those for entity error rate). A token produced from several raw words
 * ({@code twenty first} to {@code 21st}) spans all of them; several tokens produced from one raw
 * word ({@code I'm} to {@code i am}) share its span.
 */
public record NormalizedToken(String text, int start, int end, boolean isProtected) {}
