/**
 * {@code earmark qe serve}: the QE model as an HTTP service for pipelines ({@code POST /predict},
 * {@code GET /health}, {@code GET /metrics} in Prometheus' text format), its configuration file and
 * its metrics, drift over the recent clips included. Headless: nothing here touches JavaFX or a
 * project database. See docs/qe.md, "The QE service".
 */
package dev.earmark.app.serve;
