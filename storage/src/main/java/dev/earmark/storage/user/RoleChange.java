package dev.earmark.storage.user;

/**
 * The outcome of {@link Users#changeRoles}: the user before and after. Immutable.
 *
 * @param changed false when the call asked for nothing new (no audit event was written)
 */
public record RoleChange(User before, User after, boolean changed) {}
