/**
 * Small pieces several screens' forms share: a rubric field's name as people read it ({@link
 * dev.earmark.app.gui.form.FieldNames}) and an item a form offers to tick ({@link
 * dev.earmark.app.gui.form.TickedChoice}).
 */
package dev.earmark.app.gui.form;
