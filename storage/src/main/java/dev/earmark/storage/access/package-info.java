/**
 * Role checks for reads of blind or sensitive data (labels, dispute evidence, gold answers,
 * queues), confirmed against the project's user table rather than taken from the caller.
 */
package dev.earmark.storage.access;
