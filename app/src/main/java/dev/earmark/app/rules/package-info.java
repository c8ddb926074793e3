/**
 * Normalization rule sets as the user compares them, the same on the command line and on screen.
 */
package dev.earmark.app.rules;
