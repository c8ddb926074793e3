/** Quality estimation as the user reads it, the same on the command line and in the workbench. */
package dev.earmark.app.qe;
