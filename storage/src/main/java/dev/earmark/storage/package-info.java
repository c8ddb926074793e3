/**
 * Projects on embedded H2 or shared PostgreSQL through Jdbi and Flyway migrations: datasets, clips,
 * labels, the hash-chained audit log, import, export with lineage and packs. No JavaFX.
 */
package dev.earmark.storage;
