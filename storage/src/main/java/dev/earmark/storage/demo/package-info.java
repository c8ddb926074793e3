/**
 * The bundled demo project: builds a project from the copied sample-fixtures dataset (users,
 * published rubrics and rule set, policy, imported clips, the simulated annotators' assignments and
 * labels, gold answers, routed disputes) through the same services a team would use, so that every
 * screen and report has real data to show.
 */
package dev.earmark.storage.demo;
