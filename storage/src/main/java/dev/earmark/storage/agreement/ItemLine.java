package dev.earmark.storage.agreement;

/**
 * One item behind a number: the clip key and what the labels said.
 *
 * @param clipKey the clip's manifest id
 * @param detail the labels or figure of this item, in a few words
 */
public record ItemLine(String clipKey, String detail) {}
