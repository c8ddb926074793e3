/**
 * Opening a project: an embedded H2 file database in a project directory, or a shared PostgreSQL
 * database in team mode. Both run the same Flyway migrations from {@code db/migration}.
 */
package dev.earmark.storage.project;
