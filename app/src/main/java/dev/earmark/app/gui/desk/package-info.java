/**
 * The lead's desk in the shell: one "Project" screen (leads only) whose tabs are Status, Team,
 * Policy and Settings (packages {@code gui.status}, {@code gui.team}, {@code gui.policy}, {@code
 * gui.settings}). One navigation button keeps the shell's bar short; each tab reads its data again
 * when it comes to the front.
 */
package dev.earmark.app.gui.desk;
