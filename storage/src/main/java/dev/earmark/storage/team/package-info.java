/**
 * The project's team: {@link dev.earmark.storage.team.Users} adds users, changes their roles and
 * deactivates them, each change audited, and in team mode {@code DatabaseGroups} moves their
 * PostgreSQL logins in and out of the project's group roles. The values it works with (an {@code
 * Actor}, a {@code Role}, a {@code User}) live in {@code dev.earmark.storage.user}, below the audit
 * log, so that the log can name its actor without the user service depending on it in a cycle.
 */
package dev.earmark.storage.team;
