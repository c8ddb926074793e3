/** The bundled demo project, built the same way by {@code earmark demo} and the workbench. */
package dev.earmark.app.demo;
