/** The JavaFX workbench. */
package dev.earmark.app.gui;
