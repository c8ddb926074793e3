package dev.earmark.engine.normalize;

/**
 * One change a rule made: the rule's index in its rule set and kind, the raw character span {@code
 * [start, end)} of the tokens it changed, and their text before and after the rule (an intermediate
 * form when earlier rules had already changed them). {@code after} is empty when the rule deleted
 * the tokens. A protected-phrases step marks a span without changing it ({@code before} equals
 * {@code after}).
 */
public record TraceStep(
    int ruleIndex, String ruleKind, int start, int end, String before, String after) {}
