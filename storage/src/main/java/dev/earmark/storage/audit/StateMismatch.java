package dev.earmark.storage.audit;

/**
 * A table row that differs from the state the audit events describe: a change made behind Earmark's
 * back (plain SQL), which the chain alone cannot show.
 *
 * @param table the table, e.g. {@code labels} or {@code user_roles}
 * @param key the row, e.g. {@code 7 (clip-003 by ann-1)} or {@code ann-1}
 * @param detail what differs, as a sentence
 */
public record StateMismatch(String table, String key, String detail) {}
